// SPDX-License-Identifier: GPL-2.0
// iu_rt: the freestanding C++ runtime of iu extensions (one include).
#pragma once

#include <iu/array.hpp>
#include <iu/checked.hpp>
#include <iu/cpu.hpp>
#include <iu/kprobe.hpp>
#include <iu/panic.hpp>
#include <iu/probe.hpp>
#include <iu/ptr.hpp>
#include <iu/result.hpp>
#include <iu/task.hpp>
#include <iu/trace.hpp>
#include <iu/tracepoint.hpp>
#include <iu/types.hpp>
