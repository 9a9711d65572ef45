// A quoted user header under a directory named iu_rt/include/iu is still
// user code: its violations are reported (see the annotations in the
// header).
#include "spoof/iu_rt/include/iu/fake.h"

unsigned long read(unsigned long a) { return fake_load(a); }
