// An explicit destructor call releases the lock early; the implicit one at
// the end of scope releases it again.
#include <iu/rt.h>

void double_release(int &word) {
  iu::lock_guard g(word); // expect-error: ref-holder
  g.~lock_guard(); // expect-error: explicit-dtor
}
