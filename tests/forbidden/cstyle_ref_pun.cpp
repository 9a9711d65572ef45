// C-style cast to a reference type reinterprets the object.
struct Pair {
  int a, b;
};

long pun(Pair &p) {
  return (long &)p; // expect-error: c-style-cast
}
