// <memory> for std::construct_at / std::launder.
#include <memory> // expect-error: include
