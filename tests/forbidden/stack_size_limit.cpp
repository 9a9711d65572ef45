// The limit is configurable (max-local-bytes plugin argument).
// iu-test-plugin-args: -fplugin-arg-iu-safe-trusted=%S/trusted -fplugin-arg-iu-safe-max-local-bytes=64
int medium() {
  int vals[32] = {}; // expect-error: stack-size
  int s = 0;
  for (int v : vals)
    s += v;
  return s;
}
