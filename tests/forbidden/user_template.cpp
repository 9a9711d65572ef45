// User templates are checked in their pattern and in every instantiation:
// here the pointer only appears once T is deduced from a decayed array.
template <class T> T bump(T v) { // expect-error: raw-pointer
  return v + 1;                  // expect-error: pointer-arithmetic, raw-pointer
}

template <class T> T read_as(unsigned long a) {
  return *reinterpret_cast<T *>(a); // expect-error: reinterpret-cast, raw-pointer
}

int use(int n) {
  int arr[2] = {1, 2};
  auto p = bump(arr); // expect-error: raw-pointer
  auto inc = [](auto q) { return q + 1; }; // expect-error: pointer-arithmetic, raw-pointer
  auto r = inc(arr);  // expect-error: raw-pointer
  return bump(n) + read_as<int>(0) + (p == r); // expect-error: raw-pointer
}
