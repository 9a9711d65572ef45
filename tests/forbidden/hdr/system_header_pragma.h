// Trying to hide violations by declaring this a system header.
#pragma clang system_header // expect-error: pragma
#pragma once

inline long hidden_cast(long a) {
  return *reinterpret_cast<const long *>(a); // expect-error: reinterpret-cast, raw-pointer
}
