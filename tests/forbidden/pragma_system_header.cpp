// `#pragma clang system_header` in a user header does not exempt it.
#include "hdr/system_header_pragma.h"

long use(long a) { return hidden_cast(a); }
