// %gs-relative globals read per-CPU kernel data at an attacker-chosen offset.
static __seg_gs long percpu_slot; // expect-error: attribute

long read_percpu() { return percpu_slot; }

void cfi_off() __attribute__((nocf_check)); // expect-error: attribute, extern-decl
