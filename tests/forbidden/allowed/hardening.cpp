// Codegen hardening forced by the plugin: locals are zero-initialised and
// functions get stack-clash probes.
// iu-test-codegen: "probe-stack"="inline-asm"
// iu-test-flags: -fsanitize=bool,enum
// iu-test-codegen: store i32 0, ptr %uninit
int leak() {
  int uninit;
  return uninit;
}

// A local returned by NRVO lives in the caller's return slot, which may be a
// temporary the caller never zero-filled: clang fills the slot itself at the
// declaration.
// iu-test-codegen: call void @llvm.memset.p0.i64(ptr align 4 %agg.result, i8 0, i64 40
struct Big {
  int v[10];
};
Big make_big(int first) {
  Big b;
  static_cast<void>(first);
  return b;
}
