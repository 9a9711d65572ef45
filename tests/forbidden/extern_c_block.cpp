// extern "C" definitions export unmangled symbols (interposition).
extern "C" int iu_prog_main(int x) { return x; } // expect-error: extern-decl
