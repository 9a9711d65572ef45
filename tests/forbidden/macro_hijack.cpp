// Redefining names used inside trusted code before including it, e.g. to
// make iu::panic() (called by the bounds checks) no longer [[noreturn]].
#define noreturn maybe_unused // expect-error: macro
#define IU_LOG(msg) 0        // expect-error: macro
#define __STDC_HOSTED__ 1    // expect-error: macro
#include <iu/rt.h>

int get(iu::array<int, 4> &a, unsigned i) { return a[i]; }
#undef IU_CTX_LOAD // expect-error: macro
