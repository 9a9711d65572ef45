// Calling a C-variadic function (even a trusted one): the callee trusts a
// format string to tell it what was passed.
#include <iu/rt.h>

void report(int x) {
  iu_printk("x=%d %s\n", x); // expect-error: varargs, internal-name
  iu::console con;
  con.printf("x=%d\n", x); // expect-error: varargs
}
