// Codegen hardening forced by the plugin: locals are zero-initialised and
// functions get stack-clash probes.
// iu-test-codegen: "probe-stack"="inline-asm"
// iu-test-codegen: store i32 0, ptr %uninit
int leak() {
  int uninit;
  return uninit;
}
