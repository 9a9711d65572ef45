// Stand-in for <iu/probe.hpp>: trusted code whose body is a checked part
// outside the trusted directory, included by its path with quotes.
#pragma once
#include "../../checked_part/part.h"
