// Quoted includes that escape the program's source tree, even to a header
// that would be allowed when included normally.
#include "/usr/include/string.h"       // expect-error: include
#include "/usr/include/c++/12/cstdint" // expect-error: include
