// Coroutines allocate their frame with the global operator new behind the
// scenes. (The coroutine support types are declared by hand because
// <coroutine> is not allowed.)
namespace std { // expect-error: trusted-decl
template <class P = void> struct coroutine_handle;
template <> struct coroutine_handle<void> {
  static coroutine_handle from_address(void *) noexcept { return {}; } // expect-error: raw-pointer
};
template <class P> struct coroutine_handle {
  static coroutine_handle from_address(void *) noexcept { return {}; } // expect-error: raw-pointer
  static coroutine_handle from_promise(P &) noexcept { return {}; }
  operator coroutine_handle<>() const noexcept { return {}; }
};
template <class R, class... A> struct coroutine_traits {
  using promise_type = typename R::promise_type;
};
struct suspend_never {
  bool await_ready() const noexcept { return true; }
  void await_suspend(coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
} // namespace std

struct Task {
  struct promise_type {
    Task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};

Task run() {                     // expect-error: coroutine
  co_await std::suspend_never{}; // expect-error: coroutine
  co_return;                     // expect-error: coroutine
}
