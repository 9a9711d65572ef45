// Pragmas that change placement, linkage, attributes or diagnostics.
#pragma clang section bss = ".evil_bss" // expect-error: pragma, attribute
#pragma GCC visibility push(default)    // expect-error: pragma, attribute
int exported_counter = 0;               // expect-error: reserved-name
#pragma GCC visibility pop              // expect-error: pragma
#pragma weak weak_hook                  // expect-error: pragma
#pragma clang attribute push(__attribute__((section("evil"))), apply_to = function) // expect-error: pragma, attribute
int f(int v) { return v; }
#pragma clang attribute pop             // expect-error: pragma
#pragma clang diagnostic ignored "-Wreturn-type" // expect-error: pragma
_Pragma("pack(1)")                      // expect-error: pragma
#pragma clang diagnostic push
#pragma clang diagnostic pop
