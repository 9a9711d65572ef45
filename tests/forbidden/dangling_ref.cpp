// Dangling references to the kernel stack (clang's own analyses, promoted to
// errors by the plugin).
int &stale() {
  int x = 42;
  return x; // expect-error: -Wreturn-stack-address, ref-return
}

const int &temporary() {
  return 42; // expect-error: -Wreturn-stack-address, ref-return
}

struct Holder {
  int &ref; // expect-error: ref-member
  Holder(int v) : ref(v) {} // expect-error: -Wdangling-field
};
