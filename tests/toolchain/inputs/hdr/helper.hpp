#pragma once
inline int peek(unsigned long a)
{
	return *reinterpret_cast<const int *>(a);
}
