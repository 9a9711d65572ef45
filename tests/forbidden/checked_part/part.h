// Stand-in for iu_rt/checked: a file that trusted code includes with quotes
// from outside the trusted directories. It is neither trusted nor under a
// user root (checked_include.cpp names another one), and is still checked
// as user code.
#pragma once

inline int checked_part(unsigned long addr)
{
	return *reinterpret_cast<int *>(addr); // expect-error: reinterpret-cast, raw-pointer
}
