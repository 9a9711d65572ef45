// Templates, variadic templates, concepts, lambdas (captures, generic).
#include <concepts>
#include <type_traits>
#include <utility>

template <typename T> constexpr T max_of(T a, T b) { return a < b ? b : a; }

template <typename T, typename... Rest> constexpr T sum(T first, Rest... rest) {
  if constexpr (sizeof...(rest) == 0)
    return first;
  else
    return first + sum(rest...);
}

template <std::integral T> struct Box {
  T value;
  template <typename F> auto map(F &&f) const { return Box<T>{f(value)}; }
};

template <typename T>
  requires std::is_unsigned_v<T>
constexpr T low_bit(T v) {
  return v & (~v + 1);
}

struct Acc {
  int total = 0;
  void add_all(int n) {
    auto add = [this](int v) { total += v; };
    for (int i = 0; i < n; ++i)
      add(i);
  }
};

int run(int seed) {
  int local = seed;
  auto by_ref = [&local](int d) { local += d; };
  auto by_val = [local](int d) { return local * d; };
  auto generic = [](auto a, auto b) { return a + b; };
  by_ref(3);
  Box<int> b{4};
  Box<int> c = b.map([](int v) { return v * 2; });
  Acc acc;
  acc.add_all(4);
  int moved = std::move(local);
  int fwd = std::forward<int &>(moved);
  return max_of(by_val(2), generic(1, 2)) + sum(1, 2, 3) + c.value + acc.total +
         static_cast<int>(low_bit(12u)) + fwd;
}
