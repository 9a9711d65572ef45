// Functional-notation casts that reinterpret or produce pointers.
using word_ptr = unsigned long *; // expect-error: raw-pointer
using long_ref = long &;

unsigned long grab(unsigned long addr, double &d) { // expect-error: floating-point
  long v = long_ref(d); // expect-error: c-style-cast, floating-point
  return *word_ptr(addr) + static_cast<unsigned long>(v); // expect-error: c-style-cast, raw-pointer
}
