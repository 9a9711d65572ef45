// Pointer-typed parameters, return types, aliases and template parameters.
using byte_ptr = unsigned char *; // expect-error: raw-pointer
typedef const char *cstr;         // expect-error: raw-pointer

void fill(byte_ptr out, unsigned n); // expect-error: raw-pointer, extern-decl

template <int *Slot> struct Pinned {}; // expect-error: raw-pointer

struct Node {
  Node *next; // expect-error: raw-pointer
  int value;
};

Node &follow(Node &n) {
  return *n.next; // expect-error: raw-pointer, ref-return
}
