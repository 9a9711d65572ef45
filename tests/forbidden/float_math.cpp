// Floating point clobbers user FPU state in kernel context.
struct Stats {
  float mean; // expect-error: floating-point
  int n;
};

int scaled(int sum, int n) {
  double avg = static_cast<double>(sum) / n; // expect-error: floating-point
  return static_cast<int>(avg * 1e3);        // expect-error: floating-point
}
