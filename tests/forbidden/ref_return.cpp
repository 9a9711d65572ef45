// ref-return: a function may return a reference only if it comes from a
// reference parameter it borrows from, from *this, or from static storage;
// and it may not return an object that holds references (a capturing
// closure, an iterator, a context). Otherwise the reference outlives its
// referent and reads or writes whatever frame reuses that stack.
#include <initializer_list>
#include <iu/rt.h>

struct Counter {
  int value = 0;
  int &bad_slot() {
    int copy = value;
    return copy; // expect-error: -Wreturn-stack-address, ref-return
  }
  operator int &() {
    static_cast<void>(value);
    int local = 1;
    return local; // expect-error: -Wreturn-stack-address, ref-return
  }
};

// Only the lifetimebound parameter may be returned.
int &second(int &a [[clang::lifetimebound]], int &b) {
  return b; // expect-error: ref-return
}

// A by-value parameter dies with the call (clang does not see it here).
struct Wide {
  int v[4] = {};
  int &first() { return iu_first(*this); }
  static int &iu_first(Wide &w) { return w.v[0]; } // expect-error: raw-subscript
};
int &from_copy(Wide w) {
  return w.first(); // expect-error: ref-return
}

// Through a local reference to a temporary.
const int &through_local() {
  const int &t = 5;
  return t; // expect-error: -Wreturn-stack-address, ref-return
}

// An element of a local container (its operator[] is not annotated, so
// clang cannot tell; a returned reference borrows from the object).
int &element() {
  iu::array<int, 4> a{{1, 2, 3, 4}};
  return a[1]; // expect-error: ref-return
}

// decltype(auto) deduces a reference to a local.
decltype(auto) deduced() {
  int x = 3;
  return (x); // expect-error: -Wreturn-stack-address, ref-return
}

// A user template instantiated with a reference type.
template <typename T> T identity_of_local() {
  int local = 4;
  return static_cast<T>(local); // expect-error: -Wreturn-stack-address, ref-return
}
int use_template() { return identity_of_local<int &>(); }

// Closures that capture by reference: returned, they outlive the frame.
auto make_counter() { // expect-error: ref-return
  int n = 0;
  return [&n] { return ++n; }; // expect-error: -Wreturn-stack-address
}
auto make_reader(const int &r) { // expect-error: ref-return
  return [&r] { return r; };
}
// A closure returned inside a struct: the struct holds the closure.
auto leak_in_struct() {
  int n = 0;
  auto f = [&n] { return n; };
  struct Box {
    decltype(f) fn; // expect-error: ref-member
  };
  return Box{f}; // (the member is refused)
}

// A lambda returning a reference to its own local.
int lambda_ref() {
  auto f = []() -> int & {
    int x = 1;
    return x; // expect-error: -Wreturn-stack-address, ref-return
  };
  return f();
}

// Returning std::initializer_list: its array dies at the return.
std::initializer_list<int> list() { // expect-error: ref-return
  return {1, 2, 3}; // expect-error: -Wreturn-stack-address
}
