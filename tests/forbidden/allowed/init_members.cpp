// Classes whose every constructor initialises every member: default member
// initialisers, initialiser lists, delegation, initialised bases, members
// whose own default constructor initialises them, empty bases, aggregates
// (value- or zero-initialised by the language), and locals without an
// initialiser that no jump bypasses (zero-filled by the toolchain).
struct Tag {};
struct Point {
  int x = 0;
  int y = 0;
};
struct Aggregate {
  int a;
  int b[4];
};
struct Sized : Tag {
  int len;
  int cap = 8;
  Sized() : len(0) {}
  explicit Sized(int n) : len(n), cap(n) {}
  Sized(const Sized &o) : Tag(o), len(o.len), cap(o.cap) {}
  Sized(int n, int c) : Sized(n) { cap = c; } // delegating
};
struct Pair : Point {
  Point other;          // Point's defaults initialise it
  Sized sized;          // its user-provided default constructor does
  Aggregate agg{};      // value-initialised
  Pair() : Point{1, 2} {}
};
struct Later {
  int v = 3;
  Later();
};
Later::Later() = default;

template <typename T> struct Cell {
  T value{};
  Cell() {}
  explicit Cell(T v) : value(v) {}
};

int run() {
  Aggregate plain;      // zero-filled local
  Aggregate braced{};   // value-initialised
  int local;            // zero-filled local
  local += plain.a + braced.a;
  Pair p;
  Later l;
  return local + p.x + p.other.y + p.sized.len + p.agg.a + l.v + Cell<int>().value +
         Cell<long>(4).value + Sized(1, 2).cap;
}
