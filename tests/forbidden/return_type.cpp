// Falling off the end of a non-void function is "unreachable" to the
// optimiser: execution would run into whatever code follows.
int pick(int v) {
  if (v > 0)
    return 1;
} // expect-error: -Wreturn-type
