// The cc1 form of the plugin arguments, with a non-canonical trusted path
// (compared by real path).
// iu-test-plugin-args: -Xclang -plugin-arg-iu-safe -Xclang trusted=%S/../trusted/iu/.. -Xclang -plugin-arg-iu-safe -Xclang max-local-bytes=256
#include <iu/rt.h>

int run(const iu::ctx &c) {
  int small[32] = {}; // 128 bytes, under the 256-byte limit given above
  int s = 0;
  for (int v : small)
    s += v;
  return s + IU_CTX_LOAD(c, int, 0);
}
