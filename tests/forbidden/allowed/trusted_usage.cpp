// Trusted (iu_rt) macros and templates expanded/instantiated in user code are
// accepted even though they use reinterpret_cast, pointers, pragmas and
// attributes internally.
#include <cstdint>
#include <iu/rt.h>

struct Flow {
  std::uint32_t src, dst;
  std::uint16_t sport, dport;
};

struct Node {
  int weight;
};

IU_PROG_SECTION long prog_entry(const iu::ctx &c) {
  // trusted macro with reinterpret_cast, user-written arguments
  std::uint32_t len = IU_CTX_LOAD(c, std::uint32_t, 0);
  // trusted template instantiated with a user type
  Flow f{1, 2, 3, 4};
  iu::zero(f);
  // string literals may decay into trusted functions
  IU_LOG("entry");
  iu::print("direct literal");
  iu::print(__func__);
  // bounds-checked container
  iu::array<int, 4> a{{1, 2, 3, 4}};
  a[2] = static_cast<int>(len);
  // trusted loop hint
  int s = 0;
  IU_UNROLL
  for (int i = 0; i < 4; ++i)
    s += a[static_cast<std::size_t>(i)];
  // trusted handle: operator-> is the sanctioned access (a temporary: a
  // variable holding one would be a reference holder)
  Node n{5};
  iu::handle<Node>(n)->weight += 1;
  // a trusted lock lends its section to a callback
  int word = 0;
  iu::with_lock(word, [&] { s += word; });
  return s + static_cast<long>(f.src) + iu::handle<Node>(n).get().weight;
}
