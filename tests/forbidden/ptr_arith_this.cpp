// Stepping off `this` reaches the neighbouring object.
struct Slot {
  int value;
  int peek_next() const {
    return (this + 1)->value; // expect-error: pointer-arithmetic, raw-pointer
  }
  int peek_prev() const {
    return this[-1].value; // expect-error: raw-subscript
  }
};
