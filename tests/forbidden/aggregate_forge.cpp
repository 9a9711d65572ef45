// Aggregate-initialising a trusted type that holds a pointer forges it
// (here: a null base with a huge length, i.e. "all of memory").
#include <iu/rt.h>

std::size_t forge() {
  iu::raw_span all{{}, ~std::size_t{0}}; // expect-error: raw-pointer, ref-holder
  return all.len;
}
