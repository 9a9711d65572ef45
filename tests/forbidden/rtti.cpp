// dynamic_cast is refused by the plugin even where RTTI happens to be on.
// iu-test-remove-flags: -fno-rtti
struct Poly {
  virtual ~Poly() = default; // expect-error: indirect-call
};
struct Derived : Poly {
  int extra;
};

int extra_of(Poly &p) {
  return dynamic_cast<Derived &>(p).extra; // expect-error: rtti
}
