// uninit-member: -ftrivial-auto-var-init=zero fills named locals only; a
// temporary (S(), a returned object, a by-value argument) made by a
// constructor that leaves a member out holds old stack bytes, which the
// program can then print or send. Every user-provided constructor must
// initialise every member (or the member has a default member initialiser)
// and every base that its default constructor would leave uninitialised.
struct Counter {
  int hits;
  int misses = 0;
  Counter() {} // expect-error: uninit-member
};

struct Copy {
  int a = 0;
  int b;
  Copy(int x) : a(x), b(x) {}
  Copy(const Copy &o) : a(o.a) {} // expect-error: uninit-member
};

struct Later {
  int v;
  Later();
};
Later::Later() = default; // expect-error: uninit-member

struct Base {
  int secret;
};
struct Derived : Base {
  int own = 0;
  Derived() {} // expect-error: uninit-member
};

struct Inner {
  int x;
  int y;
};
struct Outer {
  Inner in; // default-initialised by the constructor below: x, y are old bytes
  Outer() {} // expect-error: uninit-member
};

struct WithAnon {
  struct {
    int lo;
    int hi = 0;
  };
  WithAnon() {} // expect-error: uninit-member
};

template <typename T> struct Cell {
  T value;
  Cell() {} // expect-error: uninit-member
};
int use_cell() { return Cell<int>().value; }

// Inherited constructors do not initialise the derived class's own members.
struct Seeded {
  int seed = 1;
  explicit Seeded(int s) : seed(s) {}
};
struct Child : Seeded {
  using Seeded::Seeded; // expect-error: uninit-member
  int extra;
};

int leak() {
  return Counter().hits + Derived().secret + Outer().in.y + Child(3).extra +
         WithAnon().lo + Later().v;
}
