// References as the subset allows them: as parameters, as locals bound to
// named objects (or to temporaries they extend), as returns that come from a
// reference parameter or *this, in structured bindings and range-for, and in
// closures that are called where they are made or passed down.
#include <initializer_list>
#include <utility>
#include <iu/rt.h>

struct Stats {
  iu::array<int, 4> counts{{0, 0, 0, 0}};
  int total = 0;
  // A returned reference borrows from the object (*this) by default...
  int &slot(std::size_t i) { return counts[i]; }
  const int &peak() const { return counts[0] > counts[1] ? counts[0] : counts[1]; }
  Stats &add(int v) {
    total += v;
    return *this;
  }
  Stats &operator+=(int v) { return add(v); }
};

// ...or from its reference parameters; lifetimebound narrows it down.
const int &larger(const int &a, const int &b) { return a < b ? b : a; }
int &keep_first(int &a [[clang::lifetimebound]], const int &b) {
  a += b;
  return a;
}
static int g_limit = 10;
const int &limit() { return g_limit; } // static storage

int run(Stats &shared) {
  iu::array<int, 4> arr{{1, 2, 3, 4}};
  int &e = arr[2];                          // into a named array
  const int &big = larger(e, arr[3]);       // both arguments are named
  int x = 1;
  int &k = keep_first(x, 5);                // only the first must outlive k
  const int &tmp = 42;                      // a temporary k extends
  const Stats &fresh = Stats{};             // likewise
  const int &member_of_tmp = Stats{}.total; // extended through the member
  Stats local{};
  int &s = local.slot(1);
  Stats &chained = local.add(1).add(2);
  chained += 3;
  auto &&moved = std::move(local);
  const auto &same = std::as_const(shared);
  auto &[lo, m1, m2, hi] = arr.elems_;      // structured binding by reference
  int sum = 0;
  for (int &v : arr)                        // range-for over a named array
    v += 1;
  for (int v : iu::array<int, 2>{{5, 6}})   // over a temporary it extends
    sum += v;
  for (int v : {7, 8, 9})                   // over a braced list
    sum += v;
  auto add = [&sum](int v) { sum += v; };   // by-reference captures, called here
  add(e);
  auto reader = [&r = arr[0]] { return r; }; // init-capture of a named element
  const auto &view = [&] { return sum; };   // a closure bound to a reference
  int &c = (x > 0 ? x : e);                 // both named
  return sum + big + k + tmp + fresh.total + member_of_tmp + s + moved.total +
         same.total + lo + m1 + m2 + hi + reader() + view() + c + limit() +
         chained.peak();
}

// A closure may be passed down (not returned or stored).
template <typename F> int call_with(F &&f, int v) { return f(v); }
int pass_down() {
  int base = 3;
  return call_with([&](int v) { return base + v; }, 4);
}

// A lambda may return a reference to what it captured by reference: the
// result borrows from the closure, a named local here.
int lambda_ref() {
  int n = 0;
  auto get = [&n]() -> int & { return n; };
  int &r = get();
  r = 5;
  return n;
}
