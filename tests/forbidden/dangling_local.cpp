// dangling-ref: a local reference (also auto&&, a structured binding by
// reference, an init-capture by reference, and a range-for's hidden range)
// must be bound to something that provably outlives it: a named object, or a
// temporary whose lifetime that very declaration extends. Anything reached
// through a call on a temporary dies at the end of the full-expression.
#include <utility>
#include <iu/rt.h>

struct Cell {
  int v = 0;
  int &get() { return v; }
  const Cell &self() const { return *this; }
};
Cell make_cell() { return Cell{7}; }
iu::array<int, 4> make_array() { return {{1, 2, 3, 4}}; }
struct Two {
  Cell a, b;
  const Two &self() const { return *this; }
};
Two make_two() { return Two{}; }
struct Cells {
  iu::array<int, 3> items{{1, 2, 3}};
  const iu::array<int, 3> &all() const { return items; }
};
Cells make_cells() { return Cells{}; }

int locals(Cell &named) {
  int &a = make_cell().get();             // expect-error: dangling-ref
  const Cell &b = make_cell().self();     // expect-error: dangling-ref
  int &c = make_array()[2];               // expect-error: dangling-ref
  Cell &d = (Cell{} = named);             // expect-error: dangling-ref
  int &&e = std::move(make_cell().v);     // expect-error: dangling-ref
  const auto &[p, q] = make_two().self();   // expect-error: dangling-ref
  return a + b.v + c + d.v + e + p.v + q.v;
}

int captures() {
  // The init-capture refers into a temporary that is gone when f runs.
  auto f = [&r = make_cell().get()] { return r; }; // expect-error: dangling-ref
  return f();
}

int loops() {
  int s = 0;
  // The range is reached through a call on a temporary: it dies before the
  // loop body runs (C++23 changes this; clang 16 does not).
  for (int v : make_cells().all()) // expect-error: dangling-ref
    s += v;
  return s;
}

int statement_expression() {
  // The closure escapes the statement expression's scope, and with it a
  // reference to `inner`.
  auto f = ({ // expect-error: dangling-ref
    int inner = 3;
    [&inner] { return inner; };
  });
  return f();
}
