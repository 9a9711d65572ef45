// jump-bypass: the zero fill of -ftrivial-auto-var-init runs at a local's
// declaration. C++ allows a goto or a case label to jump past a declaration
// without an initialiser into the rest of its scope, and then the variable
// holds whatever the stack held (seen in the IR). clang refuses jumps past
// initialised declarations, so only these remain.
int by_goto(int c) {
  if (c)
    goto use;
  int secret; // expect-error: jump-bypass
use:
  return secret;
}

int by_case(int c) {
  switch (c) {
  case 0:
    int leaked; // expect-error: jump-bypass
    leaked = 1;
    return leaked;
  case 1:
    return leaked;
  }
  return 0;
}

int into_block(int c) {
  switch (c) {
  case 0: {
    int arr[4]; // expect-error: jump-bypass
  case 1: // expect-error: -Wimplicit-fallthrough
    return arr[1]; // expect-error: raw-subscript
  }
  }
  return 0;
}

struct Plain {
  int a, b;
};
int backward_into_block(int c) {
  int n = 0;
  {
    Plain p; // expect-error: jump-bypass
  again:
    n += p.a;
  }
  if (n < c && c < 100)
    goto again;
  return n;
}

int if_init(int c) {
  switch (c) {
  case 0:
    if (int w; c > 5) { // expect-error: jump-bypass
    case 1: // expect-error: -Wimplicit-fallthrough
      return w; // (the switch jumps into the if, past its init-statement)
    }
    return 0;
  }
  return 0;
}
