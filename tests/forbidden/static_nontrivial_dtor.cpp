// A global whose destructor would have to run at unload.
struct Session {
  constexpr Session() = default;
  ~Session() { open = false; }
  bool open = true;
};

static Session g_session; // expect-error: static-init

bool is_open() {
  static Session local; // expect-error: static-init
  return g_session.open && local.open;
}
