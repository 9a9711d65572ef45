// include: trusted and system headers only at file scope. Included inside a
// user namespace, iu_rt's declarations became evil::iu::..., which no rule
// knew as iu_rt's: the hostile review called iu::rt::bpf_probe_read_user
// with 512 bytes into a 24-byte frame (the return address overwritten with
// the user's bytes). A user namespace named std or iu at any depth is
// refused too: it would capture the unqualified std:: and iu:: of code in it.
// iu-test-plugin-args: -Xclang -plugin-arg-iu-safe -Xclang trusted=%S/../../iu_rt/include
// iu-test-flags: -isystem %S/../../iu_rt/include -isystem %S/../../include/uapi
#include <type_traits>
#include <utility>
#include <concepts>
#include <cstdint>
#include <cstddef>
#include <climits>
#include <bit>
#include <compare>
#include <initializer_list>
inline namespace evil {
#include <iu/rt/abi.hpp> // expect-error: include
}
extern "C++" {
#include <iu/cpu.hpp> // expect-error: include
}
namespace shadow {
namespace std { // expect-error: trusted-decl
}
namespace iu { // expect-error: trusted-decl
}
}
