// Heap allocation: no allocator exists in extension context.
int heap(int n) {
  int *buf = new int[16]; // expect-error: dynamic-memory, raw-pointer
  buf[0] = n;             // expect-error: raw-subscript, raw-pointer
  int r = buf[0];         // expect-error: raw-subscript, raw-pointer
  delete[] buf;           // expect-error: dynamic-memory, raw-pointer
  // The global allocation functions are implicitly declared in every TU.
  auto raw = ::operator new(64); // expect-error: dynamic-memory, raw-pointer
  ::operator delete(raw);        // expect-error: dynamic-memory, raw-pointer
  return r;
}
