// Declaring kernel functions to call them directly, bypassing iu_rt.
struct cred;

extern "C" { // expect-error: extern-decl
int commit_creds(cred &new_cred); // expect-error: extern-decl
}

unsigned long kallsyms_lookup_name(const char (&name)[16]); // expect-error: extern-decl

unsigned long find() {
  return kallsyms_lookup_name("commit_creds\0\0\0");
}
