// The trusted directory given through a symlink: trust is decided on real
// paths, so <iu/rt.h> found through the link is still trusted.
// iu-test-flags: -I%S/trusted-link
// iu-test-plugin-args: -fplugin-arg-iu-safe-trusted=%S/trusted-link
#include <iu/rt.h>

unsigned first(const iu::ctx &c) { return IU_CTX_LOAD(c, unsigned, 0); }
