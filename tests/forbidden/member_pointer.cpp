// Pointers to members select fields by offset at run time.
struct Regs {
  unsigned long ip, sp;
};

unsigned long pick(Regs &r, bool which) {
  unsigned long Regs::*field = which ? &Regs::ip : &Regs::sp; // expect-error: raw-pointer
  return r.*field; // expect-error: raw-pointer
}
