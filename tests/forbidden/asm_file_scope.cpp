// File-scope asm, asm labels and register variables.
asm(".globl iu_backdoor\niu_backdoor: ret"); // expect-error: inline-asm

// Binding a function to a kernel symbol name.
int commit(int v) asm("commit_creds"); // expect-error: inline-asm, extern-decl

long stack_pointer() {
  register long sp asm("rsp"); // expect-error: inline-asm
  return sp;
}
