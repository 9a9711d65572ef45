// Jumps that bypass no declaration: loops with goto, forward jumps that stay
// before a declaration or leave its scope, switches whose cases declare in
// their own blocks, and declarations with initialisers (clang refuses jumps
// past those anyway).
int retry(int n) {
  int tries = 0;
again:
  tries++;
  if (tries < n && tries < 10)
    goto again; // backward: everything before the label is in scope already
  return tries;
}

int forward(int c) {
  int result = 0;
  if (c < 0)
    goto done;
  {
    int scratch; // a jump out of this block is fine
    scratch = c * 2;
    if (scratch > 100)
      goto done;
    result = scratch;
  }
done:
  return result;
}

int cases(int c) {
  switch (c) {
  case 0: {
    int a;
    a = 1;
    return a;
  }
  case 1: {
    int b = 2;
    return b;
  }
  default:
    break;
  }
  int after; // after the switch: not bypassed
  after = c;
  return after;
}
