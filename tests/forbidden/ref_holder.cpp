// ref-holder: a local or parameter may hold references only as a reference
// (second-class) or as a closure, whose captures are checked where it is
// written and which cannot be re-assigned. Any other object holding
// references (an iterator, a handle, std::initializer_list, a pair of
// references) could be re-seated by assignment or made from a temporary and
// then kept: it may be used within one expression only.
#include <initializer_list>
#include <utility>
#include <iu/rt.h>

struct Node {
  int weight = 0;
};

int holders(Node &n, int &x) {
  iu::handle<Node> h(n);                    // expect-error: ref-holder
  auto h2 = iu::handle<Node>(n);            // expect-error: ref-holder
  std::pair<int &, int> kv{x, 1};           // expect-error: ref-holder
  std::initializer_list<int> il = {1, 2};   // expect-error: ref-holder
  il = {3, 4}; // (the new array dies at the ';': re-seated onto a dead frame)
  int s = 0;
  for (int v : il)
    s += v;
  return s + h->weight + h2->weight + kv.first;
}

// Parameters: a holder by value can be re-seated inside; a non-const
// reference lets the callee re-seat the caller's.
int sum(std::initializer_list<int> il) { // expect-error: ref-holder
  int s = 0;
  for (int v : il)
    s += v;
  return s;
}
void reseat(std::initializer_list<int> &&il) { // expect-error: ref-holder
  il = {9, 9};
}
int peek(iu::handle<Node> &h) { // expect-error: ref-holder
  return h->weight;
}

// A lifetime-extended temporary that holds references: the holder is kept,
// what it refers to is not.
int extended(int x) {
  const auto &kv = std::pair<const int &, int>(x + 1, 2); // expect-error: dangling-ref
  return kv.first;
}
