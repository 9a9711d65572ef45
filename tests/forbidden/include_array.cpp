// <array>: std::array::operator[] is unchecked.
#include <array> // expect-error: include

int at(unsigned i) {
  std::array<int, 4> a{1, 2, 3, 4};
  return a[i];
}
