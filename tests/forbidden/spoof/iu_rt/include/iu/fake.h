// A user header whose path merely *looks* trusted (.../iu_rt/include/iu/).
// Trust is decided by real-path containment in the configured directory.
#pragma once

inline unsigned long fake_load(unsigned long addr) {
  return *(const unsigned long *)addr; // expect-error: c-style-cast, raw-pointer
}
