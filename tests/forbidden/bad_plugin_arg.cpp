// A misconfigured plugin must fail the compile, not silently skip checks.
// iu-test-plugin-args: -fplugin-arg-iu-safe-trusted=%S/does-not-exist
// expect-error@0: clang
int f(int v) { return v; }
