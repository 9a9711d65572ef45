// Function pointers: forgeable indirect call targets.
void handler(int) {}

void install(int sel) {
  void (*cb)(int) = handler;          // expect-error: raw-pointer
  auto cb2 = &handler;                // expect-error: raw-pointer
  auto cb3 = +[](int) {}; // expect-error: raw-pointer
  if (sel)
    cb = cb2; // expect-error: raw-pointer
  cb(sel);    // expect-error: raw-pointer, indirect-call
  cb3(sel);   // expect-error: raw-pointer, indirect-call
}
