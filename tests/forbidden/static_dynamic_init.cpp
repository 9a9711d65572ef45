// Static storage that needs a constructor to run at load time.
int compute_seed(int x) { return x * 31 + 7; }

static int g_seed = compute_seed(3); // expect-error: static-init

struct Counter {
  Counter(int v) : v(v) {} // not constexpr
  int v;
};

int next() {
  static Counter c(5); // expect-error: static-init
  return ++c.v;
}

struct Table {
  static int base;
};
int Table::base = compute_seed(1); // expect-error: static-init
