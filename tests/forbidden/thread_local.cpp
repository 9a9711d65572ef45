// Thread-local storage needs TLS setup the kernel does not provide.
static thread_local int t_depth = 0; // expect-error: thread-local
static __thread int t_count;  // expect-error: thread-local

int enter() { return ++t_depth + ++t_count; }
