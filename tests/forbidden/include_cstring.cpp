// <cstring> to get memcpy and copy a kernel object byte-wise.
#include <cstring> // expect-error: include

struct Key {
  unsigned long k;
};

unsigned long copy_key(const Key &src) {
  Key dst{};
  std::memcpy(&dst, &src, sizeof dst); // expect-error: builtin, raw-pointer
  return dst.k;
}
