// include: a file that trusted code includes with quotes from outside the
// trusted directories (iu_rt's checked part, iu_rt/checked, which
// <iu/probe.hpp> includes by its path) is user code, checked like the
// program, whether or not iu-cc names its directory as a user root: here the
// only user root is another directory, so only that rule makes it checked.
// iu-test-plugin-args: -fplugin-arg-iu-safe-trusted=%S/trusted -fplugin-arg-iu-safe-user-root=%S/spoof
#include <iu/with_checked_part.h>

int use(unsigned long a)
{
	return checked_part(a);
}
