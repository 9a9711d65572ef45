// Constant-initialised static storage: no constructors run at load time.
#include <cstdint>

constexpr std::uint8_t kTable[4] = {1, 2, 4, 8};
constinit static int g_counter = 0;
static const long kLimit = 1L << 20;

struct Config {
  int depth;
  int width;
};
constexpr Config kDefault{3, 4};

int lookup(int v) {
  static constexpr int kLocal[3] = {7, 8, 9}; // function-local static constant
  static int calls = 0;                        // constant (zero) initialised
  ++calls;
  ++g_counter;
  int s = 0;
  for (int x : kLocal)
    s += x;
  for (std::uint8_t t : kTable)
    s += t;
  return s + v + kDefault.depth + static_cast<int>(kLimit >> 20) + calls;
}
