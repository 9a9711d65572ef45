// reserved-name: the names the toolchain, the runtime and the kernel use as
// symbols must stay theirs. A user global with external linkage in the global
// namespace has its plain name as its symbol: `int iu_rt_tick;` would take
// the guard pass's calls, `long bpf_trace_printk;` a helper's (in another
// translation unit), `char memset[8];` the compiler's. Every other user
// symbol is a mangled C++ name (_Z...). Reserved identifiers (__x, _X, and _x
// in the global namespace) belong to the implementation: __iu_*, __x86_*,
// _Z*, __ubsan_*, _license.
int iu_rt_tick = 0;              // expect-error: reserved-name
char memset[8];                  // expect-error: reserved-name
inline long bpf_trace_printk = 0; // expect-error: reserved-name
extern const int kLimit = 4;     // expect-error: reserved-name

static int __iu_entry_mine = 0;  // expect-error: reserved-name
static int _ZN2iu5panicEv = 0;   // expect-error: reserved-name
static int _license = 0;         // expect-error: reserved-name
namespace app {
int __x86_return_thunk = 0;      // expect-error: reserved-name
struct _Secret {};               // expect-error: reserved-name
} // namespace app

// (With -ffreestanding even main is an ordinary, mangled function.)
int main() { return 0; }

int use() {
  int __local = 1;               // expect-error: reserved-name
  return __local + iu_rt_tick + static_cast<int>(sizeof(memset)) + static_cast<int>(bpf_trace_printk) +
         kLimit + __iu_entry_mine + _ZN2iu5panicEv + _license +
         app::__x86_return_thunk;
}
