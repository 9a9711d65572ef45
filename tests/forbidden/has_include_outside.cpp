// include: __has_include from user code only asks about files the include
// rule could allow: no absolute path, no "..", nothing outside the program,
// iu_rt and the system directories (a program could otherwise learn which
// files the building machine holds, a bit per build: the hostile review,
// round 4).
#if __has_include("/etc/shadow") // expect-error: include
static int a;
#endif
#if __has_include("../../certs/iu_signing_key.pem") // expect-error: include
static int b;
#endif
#if __has_include(</etc/hostname>) // expect-error: include
static int c;
#endif
#if __has_include(<cstdint>) && __has_include("allowed/iu_api.cpp")
static static int fine; // a system header and the program's own file may be asked about
#endif
