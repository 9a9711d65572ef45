// Names that stay clear of the toolchain's symbols: globals with internal
// linkage (static, const, an anonymous namespace) or in a namespace, whose
// symbols are mangled, and ordinary names that merely look like the
// runtime's (iu_prog1 in samples/hello is a static function: _ZL8iu_prog1...).
// A user namespace may be called rt or detail.
// iu-test-codegen: @_ZL10iu_rt_tick = internal global
// iu-test-codegen: @_ZN3app7counterE = hidden global
// iu-test-flags: -fsanitize=bool,enum
static int iu_rt_tick = 0;
namespace app {
int counter = 0;
namespace detail {
inline int helper(int v) { return v + 1; }
} // namespace detail
} // namespace app
namespace {
int hidden = 2;
}
const int kLimit = 8;
static int iu_prog1(int v) { return v + iu_rt_tick + hidden + kLimit; }

int run(int v) {
  int bpf_like = v;
  app::counter += 1;
  return iu_prog1(bpf_like) + app::detail::helper(app::counter);
}
