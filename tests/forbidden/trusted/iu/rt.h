// Stand-in for iu_rt used by the safe-subset corpus (tests/forbidden).
//
// The corpus runs the plugin with trusted=<this directory>, so everything
// here is trusted code: it may use raw pointers, casts, builtins, kernel
// helper declarations, attributes and pragmas. Its macros and templates are
// expanded/instantiated in user code and must still be accepted there.
// It is deliberately small and only approximates the real iu_rt API.
#pragma once
#include <cstddef>
#include <cstdint>

extern "C" {
// Kernel helpers: only the trusted layer may declare them.
long iu_kernel_trace(const char *msg, unsigned long len);
int iu_printk(const char *fmt, ...); // C-variadic (calls refused in user code)
[[noreturn]] void iu_kernel_abort(const char *why);
}

namespace iu {

[[noreturn]] inline void panic(const char *why) { iu_kernel_abort(why); }

/// Takes a C string: string literals may decay into it.
inline void print(const char *msg) {
  iu_kernel_trace(msg, __builtin_strlen(msg));
}

/// Bounds-checked fixed-size array (aggregate).
template <typename T, std::size_t N> struct array {
  T elems_[N];
  constexpr T &operator[](std::size_t i) {
    if (i >= N)
      panic("iu::array index out of range");
    return elems_[i];
  }
  constexpr const T &operator[](std::size_t i) const {
    if (i >= N)
      panic("iu::array index out of range");
    return elems_[i];
  }
  constexpr std::size_t size() const { return N; }
  constexpr T *begin() { return elems_; }
  constexpr T *end() { return elems_ + N; }
  constexpr const T *begin() const { return elems_; }
  constexpr const T *end() const { return elems_ + N; }
};

/// Program context: wraps the raw pointer the kernel hands in.
class ctx {
public:
  explicit ctx(std::uintptr_t base, std::size_t len) : base_(base), len_(len) {}
  std::size_t len() const { return len_; }
  std::uintptr_t checked_off(std::size_t off, std::size_t size) const {
    if (off > len_ || size > len_ - off)
      panic("ctx access out of range");
    return base_ + off;
  }

private:
  std::uintptr_t base_;
  std::size_t len_;
};

/// Reads a T at a checked offset of the context. Uses reinterpret_cast
/// internally; accepted when expanded in user code because it is trusted.
#define IU_CTX_LOAD(c, T, off)                                                 \
  (*reinterpret_cast<const T *>((c).checked_off((off), sizeof(T))))

#define IU_LOG(msg) ::iu::print(msg)

/// Loop hint through a trusted _Pragma.
#define IU_UNROLL _Pragma("clang loop unroll(full)")

/// Placement of program entry points is decided by the runtime.
#define IU_PROG_SECTION __attribute__((section("iu_prog"), used))

/// Guard object with a non-trivial destructor (RAII).
class lock_guard {
public:
  explicit lock_guard(int &word) : word_(&word) { *word_ = 1; }
  ~lock_guard() { *word_ = 0; }
  lock_guard(const lock_guard &) = delete;
  lock_guard &operator=(const lock_guard &) = delete;

private:
  int *word_;
};

/// Lends the locked word to a callback: no guard object reaches user code.
template <typename F> inline void with_lock(int &word, F f) {
  lock_guard g(word);
  f();
}

/// Handle to an object owned elsewhere; operator-> is the sanctioned access.
template <typename T> class handle {
public:
  explicit handle(T &obj) : p_(&obj) {}
  T *operator->() const { return p_; }
  T &get() const { return *p_; }

private:
  T *p_;
};

/// Trusted template instantiated with user types: uses raw memory inside.
template <typename T> inline void zero(T &obj) {
  auto *bytes = reinterpret_cast<unsigned char *>(&obj);
  for (std::size_t i = 0; i < sizeof(T); ++i)
    bytes[i] = 0;
}

/// A trusted function that (badly) exposes a raw pointer.
inline const unsigned char *raw_bytes(const ctx &c) {
  return reinterpret_cast<const unsigned char *>(c.checked_off(0, 0));
}

/// Console with a C-variadic member (calls refused in user code).
class console {
public:
  int printf(const char *fmt, ...) const { return fmt != nullptr; }
};

/// A trusted aggregate that holds a raw pointer.
struct raw_span {
  const unsigned char *data;
  std::size_t len;
};

/// Declared, defined by the runtime's kernel side.
namespace detail {
void on_event(int id);
} // namespace detail

} // namespace iu
