// A pointer handed out by a trusted function still cannot be used, nor can
// initializer_list::begin().
#include <initializer_list>
#include <iu/rt.h>

unsigned first(const iu::ctx &c) {
  auto bytes = iu::raw_bytes(c); // expect-error: raw-pointer
  std::initializer_list<int> il = {1, 2, 3}; // expect-error: ref-holder
  return bytes[0] + static_cast<unsigned>(*il.begin()); // expect-error: raw-subscript, raw-pointer
}
