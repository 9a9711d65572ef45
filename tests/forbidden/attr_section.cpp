// Attributes that change placement and linkage.
__attribute__((section(".init.text"))) int early(int v) { return v; } // expect-error: attribute
[[gnu::used]] static int keep = 1;                                      // expect-error: attribute
__attribute__((visibility("default"))) int exported(int v) { return v; } // expect-error: attribute
__attribute__((weak)) int overridable(int v) { return v; }              // expect-error: attribute
int alias_of_early(int) __attribute__((alias("_Z5earlyi")));            // expect-error: attribute
[[gnu::retain]] static int retained = 2;                                 // expect-error: attribute
