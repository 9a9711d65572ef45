// <iu/rt.h> resolved through a user -I that shadows the trusted directory.
// iu-test-flags: -I%S/spoof
#include <iu/rt.h> // expect-error: include

unsigned long read(unsigned long a) {
  return iu_peek(a) + IU_CTX_LOAD(0, unsigned long, a); // expect-error: reinterpret-cast, raw-pointer
}
