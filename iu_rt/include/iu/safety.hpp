// SPDX-License-Identifier: GPL-2.0
// Marks the iu-safe checker reads on iu_rt's own declarations (see
// docs/safe-subset.md, "Obligations of the trusted layer"). Only declarations
// in a trusted directory are honoured; user code cannot write clang::annotate.
//
//   IU_OPAQUE         on a class (template): a type with invariants. It is not
//                     plain data, so no raw bytes may become one (probe reads,
//                     std::bit_cast) and its bytes may not be observed.
//   IU_PLAIN_DATA(N)  on a function or class template: template parameter N
//                     (0-based) must be plain data, because the template
//                     fills it from raw bytes or hands its bytes out: integers,
//                     enumerations, arrays and classes of them; no pointer,
//                     reference, floating point, vtable, closure or opaque type.
//   IU_VALUE(N)       on a function or class template: template parameter N
//                     must hold no references, because the template keeps it
//                     (Option, Result, Array, later maps): no reference,
//                     pointer, capturing closure, or class holding one.
#pragma once

#define IU_OPAQUE		[[clang::annotate("iu::opaque")]]
#define IU_PLAIN_DATA(n)	[[clang::annotate("iu::plain_data", n)]]
#define IU_VALUE(n)		[[clang::annotate("iu::value", n)]]
