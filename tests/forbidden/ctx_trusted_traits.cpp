// Making a type of one's own pass for a generated record: specialising the
// trusted traits that mark them (user code cannot specialise iu templates).
// iu-test-flags: -isystem %S/../../iu_rt/include -isystem %S/../../include/uapi
// iu-test-plugin-args: -fplugin-arg-iu-safe-trusted=%S/../../iu_rt/include
#include <iu/iu.hpp>

struct Mine {
	iu::u64 args[64];
};

template <> // expect-error@+1: trusted-decl
struct iu::tp::Record<Mine> {
	static constexpr bool generated = true;
	static constexpr char system[] = "syscalls";
	static constexpr char event[] = "sys_enter_dup";
	static constexpr iu::u32 size = 8;
};

template <> // expect-error@+1: trusted-decl
struct iu::tp::Event<"syscalls", "sys_enter_dup"> {
	static constexpr bool known = true;
	using type = Mine;
};
