// Inline asm reads machine state (here: the page-table root).
unsigned long cr3() {
  unsigned long v = 0;
  asm volatile("mov %%cr3, %0" : "=r"(v)); // expect-error: inline-asm
  return v;
}
