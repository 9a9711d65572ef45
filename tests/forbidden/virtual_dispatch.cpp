// Virtual functions and virtual bases: every call to a virtual function is an
// indirect call through the vtable, and extension code has none (the
// toolchain's machine-code check refuses indirect branches; the language
// must not produce them).
struct Shape {
  virtual ~Shape() = default;    // expect-error: indirect-call
  virtual int area() const = 0;  // expect-error: indirect-call
};

struct Rect final : Shape {
  int w = 0, h = 0;
  int area() const override { return w * h; } // expect-error: indirect-call
};

struct Counter {
  int n = 0;
};
struct Shared : virtual Counter {}; // expect-error: indirect-call

int measure(const Shape &s) { return s.area(); } // expect-error: indirect-call
int qualified(const Rect &r) { return r.Rect::area(); } // a direct call, but Rect::area is still virtual
