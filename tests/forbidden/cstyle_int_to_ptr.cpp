// A C-style cast of an integer to a pointer, the classic forgery.
struct task_struct;

void zap(unsigned long addr) {
  // expect-error@+1: c-style-cast, raw-pointer
  task_struct *t = (task_struct *)addr;
  (void)t; // expect-error: c-style-cast, raw-pointer
}
