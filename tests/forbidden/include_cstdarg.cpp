// <cstdarg> for va_list.
#include <cstdarg> // expect-error: include
