// Token pasting and _Pragma through user macros are attributed to the user
// macro, not to the scratch buffer the pasted tokens live in.
#define CAT(a, b) a##b
#define PRAGMA(x) _Pragma(#x)

long pun(long &x) {
  return CAT(reinterpret, _cast)<long &>(x); // expect-error: reinterpret-cast
}

PRAGMA(clang section bss = ".evil") // expect-error: pragma, attribute
static int g_counter;
