// Compiler-generated code must not be flagged: implicit and defaulted special
// members copying arrays, defaulted comparisons, range-for internals,
// lambdas capturing arrays by copy, structured bindings of arrays.
#include <compare>
#include <initializer_list>

struct Buffer {
  int data[8] = {};
  int len = 0;
  bool operator==(const Buffer &) const = default;
  auto operator<=>(const Buffer &) const = default;
};

struct Owner {
  Buffer a, b;
  Owner() = default;
  Owner(const Owner &) = default;
  Owner &operator=(const Owner &) = default;
};

int run() {
  Buffer x{};
  Buffer y = x; // implicit copy of an array member
  y = x;        // implicit copy assignment
  Owner o1, o2;
  o2 = o1;
  int arr[3] = {4, 5, 6};
  auto copy = [arr] { // array captured by copy
    int s = 0;
    for (int v : arr)
      s += v;
    return s;
  };
  auto [p, q, r] = arr; // structured binding of an array
  int s = copy() + p + q + r;
  for (const Buffer &b : {x, y})
    s += b.len;
  return s + (x == y) + (x < y);
}
