// Pointers hidden behind `auto` deduction and type traits.
#include <type_traits>

int hidden(int &x) {
  int arr[3] = {1, 2, 3};
  auto p = &x;                      // expect-error: raw-pointer
  auto q = arr;                     // expect-error: raw-pointer
  std::add_pointer_t<int> r = {};   // expect-error: raw-pointer
  decltype(q) s = q;                // expect-error: raw-pointer
  return (p == q) + (r == s);       // expect-error: raw-pointer
}
