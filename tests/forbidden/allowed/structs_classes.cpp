// Structs, classes with methods, inheritance (without virtual functions:
// virtual_dispatch.cpp), operators, references, `this`, methods returning
// *this.
#include <cstdint>

struct Point {
  int x = 0;
  int y = 0;
  constexpr Point operator+(const Point &o) const { return {x + o.x, y + o.y}; }
  constexpr bool operator==(const Point &) const = default;
};

class Counter {
public:
  explicit Counter(int start) : value_(start) {}
  Counter &bump() {
    ++value_;
    return *this;
  }
  int value() const { return this->value_; }
  [[nodiscard]] int twice() const { return value() * 2; }
  static constexpr int kLimit = 100;

private:
  int value_;
};

struct Shape {
  int sides = 0;
};

struct Rect final : Shape {
  int w, h;
  Rect(int w, int h) : Shape{4}, w(w), h(h) {}
  int area() const { return w * h; }
};

struct alignas(8) Packet {
  std::uint32_t len;
  std::uint16_t proto;
  [[maybe_unused]] std::uint16_t pad;
};

template <typename S> static int measure(const S &s) { return s.area(); }

void swap_ref(int &a, int &b) {
  int t = a;
  a = b;
  b = t;
}

int run() {
  Point p{1, 2}, q{3, 4};
  Point r = p + q;
  Counter c(3);
  c.bump().bump();
  Rect rect(2, 3);
  const Rect &s = rect;
  const Shape &base = rect;
  Packet pk{};
  pk.len = 4;
  int a = 1, b = 2;
  swap_ref(a, b);
  return r.x + c.value() + measure(s) + Counter::kLimit + static_cast<int>(pk.len) + a +
         base.sides;
}
