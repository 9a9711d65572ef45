// Keeping the address of a local in a raw pointer (can outlive it).
int *escape(int &x) { // expect-error: raw-pointer
  int local = x;
  int *p = &local; // expect-error: raw-pointer
  return p;        // expect-error: raw-pointer
}
