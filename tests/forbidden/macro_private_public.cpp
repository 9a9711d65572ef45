// `#define private public` to reach the raw pointer inside a trusted handle.
#define private public // expect-error: macro
#include <iu/rt.h>

struct Node {
  int v;
};

int peek(Node &n) {
  iu::handle<Node> h(n); // expect-error: ref-holder
  return h.p_ != nullptr; // expect-error: raw-pointer
}
