// Vector subscripts are not bounds-checked.
typedef int v4si __attribute__((vector_size(16))); // expect-error: vector-type

int lane(unsigned i) {
  v4si v = {1, 2, 3, 4}; // expect-error: vector-type
  return v[i];
}
