// Quoted include of a header in the program's own source tree.
#include "hdr/good.h"

unsigned run(unsigned v) { return app::rotl(v, 7); }
