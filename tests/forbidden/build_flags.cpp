// expect-error: build-flags
// Generating code without -fstack-clash-protection is refused.
// iu-test-remove-flags: -fstack-clash-protection
// iu-test-codegen: define
int f(int v) { return v + 1; }
