// Even an "innocent" C-style cast between integers is refused: C casts can
// silently become reinterpret_cast or const_cast; use static_cast.
int narrow(long v) {
  return (int)v; // expect-error: c-style-cast
}
