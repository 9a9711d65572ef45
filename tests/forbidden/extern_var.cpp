// Reading a kernel global by declaring it.
extern unsigned long jiffies; // expect-error: extern-decl

unsigned long now() {
  extern int panic_on_oops; // expect-error: extern-decl
  return jiffies + static_cast<unsigned long>(panic_on_oops);
}
