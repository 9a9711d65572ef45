// Quoted includes that escape the program's source tree, even to a header
// that would be allowed when included normally. Refused fatally (the file
// could be anything: include_foreign.cpp), so the first is the only one
// reported.
#include "/usr/include/string.h"       // expect-error: include
#include "/usr/include/c++/12/cstdint" // (not reported: after a fatal error)
