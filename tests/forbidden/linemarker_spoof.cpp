// Line markers claiming the following code is a system header (flag 3) do
// not exempt it: trust is decided by the real file, not presumed locations.
// iu-test-flags: -Xclang -fno-diagnostics-use-presumed-location
# 1 "/usr/include/c++/12/cstring" 3
long peek(long a) {
  return *reinterpret_cast<const long *>(a); // expect-error: reinterpret-cast, raw-pointer
}
