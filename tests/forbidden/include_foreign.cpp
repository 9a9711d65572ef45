// include: a file outside the program, iu_rt and the system directories may
// be anything the building machine holds (the signing key, /etc/shadow), so
// its #include is refused fatally: clang then reports nothing at all, and in
// particular no parse error that quotes the file's contents (the hostile
// review, round 4, found the grader's report one message length away from
// showing them). __has_include cannot ask about such files either: it would
// tell the program which files exist there.
#include "/etc/passwd" // expect-error: include

#if __has_include("/etc/shadow") // (not reported: nothing is, after a fatal error)
int leaked;
#endif
int *never_reported; // (nor this raw pointer)
