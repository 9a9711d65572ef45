// Writing to a constant through const_cast (it may live in read-only memory
// shared with the kernel).
struct Limits {
  int max_len;
};
constexpr Limits kLimits{64};

void raise_limit() {
  const_cast<Limits &>(kLimits).max_len = 1 << 30; // expect-error: const-cast
}
