// Array-to-pointer decay: allowed only for a string literal passed straight
// into a trusted function.
#include <iu/rt.h>

void log_user(const char (&msg)[6]) { static_cast<void>(msg); }

void run() {
  char name[6] = "hello";
  iu::print("literal"); // fine: literal decays into a trusted function
  log_user("hello");    // fine: bound to an array reference, no decay
  iu::print(name);      // expect-error: raw-pointer
  const char *s = "x";  // expect-error: raw-pointer
  iu::print(s);         // expect-error: raw-pointer
}
