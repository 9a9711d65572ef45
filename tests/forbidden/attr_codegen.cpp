// Attributes that change code generation or let the optimiser assume facts.
__attribute__((naked)) void raw_entry() {} // expect-error: attribute
__attribute__((target("avx2"))) int vec(int v) { return v; } // expect-error: attribute
__attribute__((no_stack_protector)) int unprot(int v) { return v; } // expect-error: attribute
__attribute__((const)) int lies(int &v) { return ++v; } // expect-error: attribute
__attribute__((constructor)) void at_load() {} // expect-error: attribute

void release(int *slot) { *slot = 0; } // expect-error: raw-pointer

int leak_stack() {
  [[clang::uninitialized]] int secret; // expect-error: attribute
  __attribute__((cleanup(release))) int slot = 1; // expect-error: attribute
  return secret + slot;
}

[[noreturn]] void stop(int v) { // expect-error: attribute
  if (v)
    return; // expect-error: -Winvalid-noreturn
  while (true) {
  }
}
