// A path that textually starts with the trusted directory but leaves it with
// "..": trust is decided on the real path, so the header is user code and its
// violations are reported (annotations in hdr/bad_helpers.h).
#include "trusted/../hdr/bad_helpers.h"

int total(int n) { return n; }
