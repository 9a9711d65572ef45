// Builtins that read/write raw memory or machine state.
#include <iu/rt.h>
struct Key {
  unsigned long k;
};

unsigned long snoop(Key &dst, const Key &src) {
  __builtin_memcpy(&dst, &src, sizeof(Key)); // expect-error: builtin, raw-pointer
  auto fp = __builtin_frame_address(0);      // expect-error: builtin, raw-pointer
  auto ra = __builtin_return_address(0);     // expect-error: builtin, raw-pointer
  __builtin_dump_struct(&dst, iu_printk);    // expect-error: builtin, raw-pointer, varargs, internal-name, indirect-call
  return dst.k + (fp != ra);                 // expect-error: raw-pointer
}
