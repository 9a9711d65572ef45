//===- Tables.cpp - rule table and allow/deny lists for iu-safe -----------===//
//
// All policy tables live here so they can be reviewed in one place.
//
// Why allowlists for builtins and attributes: clang has thousands of builtins
// (every __builtin_ia32_*, __atomic_*, __sync_*, memory and string builtins,
// __builtin_assume / __builtin_unreachable that let the optimiser delete
// iu_rt's bounds checks, ...) and more than 300 attributes, and both sets grow
// with every release. A denylist would silently admit whatever the next
// release adds; an allowlist only admits what has been reviewed. Implicit
// attributes (added by clang itself or by pragmas) are checked against a small
// denylist because clang attaches many harmless ones on its own.
//===----------------------------------------------------------------------===//
#include "IuSafe.h"

#include "clang/Basic/AttrKinds.h"
#include "llvm/ADT/StringSet.h"

#include <cassert>

using namespace clang;

namespace iusafe {

static const RuleInfo kRules[] = {
    {Rule::ReinterpretCast, "reinterpret-cast",
     "use the typed accessors of iu_rt"},
    {Rule::CStyleCast, "c-style-cast",
     "use static_cast for arithmetic conversions, a constructor call for "
     "class types, or static_cast<void>(e) to discard a value"},
    {Rule::ConstCast, "const-cast",
     "keep const-correctness; take a non-const reference where you need to "
     "modify"},
    {Rule::Downcast, "downcast",
     "use a virtual function or a tagged type instead of an unchecked "
     "down-cast"},
    {Rule::Rtti, "rtti", "use virtual functions; RTTI is not available"},
    {Rule::PointerArithmetic, "pointer-arithmetic",
     "use an iu_rt bounds-checked container and index it"},
    {Rule::RawSubscript, "raw-subscript",
     "use an iu_rt bounds-checked container (or a range-for loop) instead "
     "of indexing a built-in array or pointer"},
    {Rule::RawPointer, "raw-pointer",
     "use references, lambdas, or iu_rt handle and container types"},
    {Rule::Union, "union",
     "use a struct, or std::bit_cast to convert between trivially copyable "
     "types"},
    {Rule::InlineAsm, "inline-asm",
     "use the iu_rt wrapper for the machine operation you need"},
    {Rule::DynamicMemory, "dynamic-memory",
     "use automatic or static storage, or the iu_rt map/container types"},
    {Rule::Vla, "vla", "use a fixed-size array or an iu_rt container"},
    {Rule::Varargs, "varargs",
     "use a C++ variadic template (parameter pack) instead"},
    {Rule::Include, "include", ""}, // hint built at runtime (header list)
    {Rule::Module, "module",
     "use #include of <iu/...> or the allowed freestanding headers"},
    {Rule::StaticInit, "static-init",
     "initialise with a constant expression (constexpr/constinit) and use a "
     "type with a trivial destructor; the loader runs no constructors or "
     "destructors"},
    {Rule::ThreadLocal, "thread-local", "use iu_rt per-CPU storage"},
    {Rule::FloatingPoint, "floating-point",
     "kernel code cannot use the FPU; use integer or fixed-point arithmetic"},
    {Rule::ExternDecl, "extern-decl",
     "define the function in this translation unit, or call the iu_rt "
     "wrapper; only iu_rt may declare kernel helpers"},
    {Rule::Attribute, "attribute",
     "remove it; placement, linkage, code generation and optimiser "
     "assumptions are controlled by the iu toolchain"},
    {Rule::Builtin, "builtin",
     "use the equivalent facility of iu_rt, <bit> or <utility>"},
    {Rule::BitCast, "bit-cast",
     "std::bit_cast converts plain data (integers, enumerations and arrays "
     "or structs of them) into plain data, from a type without padding"},
    {Rule::ExplicitDtor, "explicit-dtor",
     "let the object be destroyed at the end of its scope"},
    {Rule::Coroutine, "coroutine",
     "write a plain function or a state machine; coroutine frames need "
     "dynamic allocation"},
    {Rule::ComputedGoto, "computed-goto", "use a switch statement"},
    {Rule::Restrict, "restrict",
     "remove __restrict; a false no-alias promise lets the optimiser drop "
     "safety checks"},
    {Rule::VectorType, "vector-type",
     "use scalar integer arithmetic (no SIMD registers in kernel code)"},
    {Rule::StackSize, "stack-size",
     "kernel stacks are small; use a smaller object, static storage or an "
     "iu_rt map"},
    {Rule::Pragma, "pragma",
     "only #pragma once, loop hints (unroll, nounroll, clang loop, GCC "
     "unroll), push_macro/pop_macro, message and diagnostic "
     "push/pop/error are allowed"},
    {Rule::Macro, "macro",
     "choose another name; keywords, reserved identifiers and the IU_ prefix "
     "belong to the implementation and to iu_rt"},
    {Rule::TrustedDecl, "trusted-decl",
     "declare your own entities in your own namespace; iu_rt and the "
     "standard library cannot be extended, specialised or redefined"},
    {Rule::BuildFlags, "build-flags",
     "build with iu-cc, which sets the extension compile flags"},
    {Rule::RefReturn, "ref-return",
     "return a value; a returned reference must come from a reference "
     "parameter or the object (mark the one it comes from "
     "[[clang::lifetimebound]] to narrow it down)"},
    {Rule::RefGlobal, "ref-global",
     "keep values in static storage; references and pointers there would "
     "outlive the invocation that made them"},
    {Rule::RefMember, "ref-member",
     "store a value, or pass the reference as a parameter to the functions "
     "that need it"},
    {Rule::DanglingRef, "dangling-ref",
     "bind the reference to a named object, or keep a copy (auto x = ...)"},
    {Rule::RefHolder, "ref-holder",
     "use it within one expression or keep a value; iu_rt lends elements to "
     "a callback (Array::with) instead of handing out reference holders"},
    {Rule::PlainData, "plain-data",
     "use integers, enumerations, or arrays and structs of them (no "
     "pointers, references, floating point, vtables, closures or iu_rt types "
     "with invariants)"},
    {Rule::UninitMember, "uninit-member",
     "give the member a default member initialiser (int x = 0; T t{};) or "
     "initialise it in every constructor"},
    {Rule::InitSelf, "init-self",
     "compute the value from the constructor's parameters or constants; "
     "give members their values in the constructor body if one depends on "
     "another"},
    {Rule::JumpBypass, "jump-bypass",
     "initialise the variable in its declaration (C++ then refuses the "
     "jump), or declare it in a block the jump does not enter"},
    {Rule::InternalName, "internal-name",
     "use the public iu:: API; iu::rt, iu::detail and iu_rt's global "
     "symbols are its internals"},
    {Rule::ReservedName, "reserved-name",
     "choose another name, and give global variables internal linkage "
     "(static, or inside a namespace): names in the global namespace are "
     "symbols that helpers, the runtime and the kernel also use"},
    {Rule::IndirectCall, "indirect-call",
     "call functions by name, or pass a lambda; extension code has no "
     "function values, virtual functions or other indirect calls"},
};
static_assert(sizeof(kRules) / sizeof(kRules[0]) == (size_t)Rule::NumRules,
              "kRules must list every Rule");

const RuleInfo &ruleInfo(Rule R) {
  const RuleInfo &I = kRules[(size_t)R];
  assert(I.R == R && "kRules out of order");
  return I;
}

// ---- #include allowlist ------------------------------------------------------
// The only system headers user code may include. They are freestanding,
// declare no functions that touch memory (std::addressof and
// std::initializer_list::begin yield pointers and are caught by raw-pointer;
// std::bit_cast is checked by bit-cast) and need no runtime support.
// Not <limits>: numeric_limits<long double> does not compile under the
// kernel code model (-mgeneral-regs-only); iu_rt has iu::limits<T>.
const char *const kAllowedSystemHeaders[] = {
    "cstdint", "cstddef", "climits", "type_traits", "concepts",
    "utility", "bit",     "compare", "initializer_list", "version",
};
const unsigned kNumAllowedSystemHeaders =
    sizeof(kAllowedSystemHeaders) / sizeof(kAllowedSystemHeaders[0]);

bool isAllowedSystemHeader(llvm::StringRef Name) {
  for (unsigned I = 0; I < kNumAllowedSystemHeaders; ++I)
    if (Name == kAllowedSystemHeaders[I])
      return true;
  return false;
}

std::string allowedSystemHeaderList() {
  std::string S;
  for (unsigned I = 0; I < kNumAllowedSystemHeaders; ++I) {
    if (I)
      S += ' ';
    S += '<';
    S += kAllowedSystemHeaders[I];
    S += '>';
  }
  return S;
}

// ---- builtin allowlist -------------------------------------------------------
// Pure value computations on integers, plus the std:: functions clang treats as
// builtins (std::move and friends). Everything else is refused: memory and
// string builtins, __builtin_frame_address/return_address, target builtins
// (__builtin_ia32_*), __builtin_assume/unreachable/trap, __builtin_launder,
// __builtin_dump_struct, allocation, va_*, atomics, addressof, ...
bool isAllowedBuiltin(llvm::StringRef Name) {
  static const llvm::StringSet<> Allowed = {
      // std:: library builtins (utility)
      "move", "forward", "move_if_noexcept", "as_const",
      // hints and constant evaluation
      "__builtin_expect", "__builtin_unpredictable", "__builtin_constant_p",
      "__builtin_is_constant_evaluated",
      // bit manipulation
      "__builtin_clz", "__builtin_clzl", "__builtin_clzll", "__builtin_clzs",
      "__builtin_ctz", "__builtin_ctzl", "__builtin_ctzll", "__builtin_ctzs",
      "__builtin_popcount", "__builtin_popcountl", "__builtin_popcountll",
      "__builtin_parity", "__builtin_parityl", "__builtin_parityll",
      "__builtin_ffs", "__builtin_ffsl", "__builtin_ffsll", "__builtin_clrsb",
      "__builtin_clrsbl", "__builtin_clrsbll", "__builtin_bswap16",
      "__builtin_bswap32", "__builtin_bswap64", "__builtin_bitreverse8",
      "__builtin_bitreverse16", "__builtin_bitreverse32",
      "__builtin_bitreverse64", "__builtin_rotateleft8",
      "__builtin_rotateleft16", "__builtin_rotateleft32",
      "__builtin_rotateleft64", "__builtin_rotateright8",
      "__builtin_rotateright16", "__builtin_rotateright32",
      "__builtin_rotateright64"};
  return Allowed.count(Name);
}

// ---- attribute allowlists ------------------------------------------------------
// Declaration attributes that only affect diagnostics, inlining, layout within
// an object, or are spelled as keywords (final, override, alignas, constinit).
bool isAllowedDeclAttr(unsigned K) {
  switch ((attr::Kind)K) {
  case attr::AlwaysInline:
  case attr::NoInline:
  case attr::Flatten:
  case attr::Final:
  case attr::Override:
  case attr::Deprecated:
  case attr::Unavailable:
  case attr::Unused:
  case attr::WarnUnused:
  case attr::WarnUnusedResult:
  case attr::NoUniqueAddress:
  case attr::Packed:
  case attr::Aligned: // alignment of locals is bounded by stack-size
  case attr::LifetimeBound:
  case attr::EnableIf:
  case attr::DiagnoseIf:
  case attr::Error: // __attribute__((error/warning("msg")))
  case attr::OptimizeNone:
  case attr::MinSize:
  case attr::NoDebug:
  case attr::Artificial:
  case attr::NoEscape:
  case attr::AbiTag:
  case attr::PreferredName:
  case attr::ConstInit: // constinit
  case attr::NoThrow:
  case attr::Availability:
  case attr::Overloadable:
  case attr::Reinitializes:
  case attr::NoBuiltin:
  case attr::ExcludeFromExplicitInstantiation:
  case attr::StandaloneDebug:
  case attr::InternalLinkage:
  case attr::ZeroCallUsedRegs:
  case attr::NoDuplicate:
  case attr::NoMerge:
    return true;
  default:
    return false;
  }
}

bool isAllowedStmtAttr(unsigned K) {
  switch ((attr::Kind)K) {
  case attr::FallThrough:
  case attr::Likely:
  case attr::Unlikely:
  case attr::NoMerge:
  case attr::MustTail:
  case attr::NoInline:
  case attr::AlwaysInline:
  case attr::LoopHint: // from #pragma unroll / clang loop
    return true;
  default:
    return false;
  }
}

bool isAllowedTypeAttr(unsigned K) {
  switch ((attr::Kind)K) {
  case attr::LifetimeBound:
  case attr::NoDeref:
  case attr::TypeNonNull:
  case attr::TypeNullable:
  case attr::TypeNullUnspecified:
  case attr::TypeNullableResult:
  case attr::AnnotateType:
  case attr::BTFTypeTag:
    return true;
  default:
    return false;
  }
}

// Attributes clang adds implicitly (#pragma clang section, #pragma GCC
// visibility, #pragma weak, #pragma redefine_extname, #pragma clang attribute)
// that would still change placement or linkage. The pragmas are refused
// anyway; this is defence in depth.
bool isDeniedImplicitAttr(unsigned K) {
  switch ((attr::Kind)K) {
  case attr::Section:
  case attr::CodeSeg:
  case attr::PragmaClangBSSSection:
  case attr::PragmaClangDataSection:
  case attr::PragmaClangRelroSection:
  case attr::PragmaClangRodataSection:
  case attr::PragmaClangTextSection:
  case attr::Visibility:
  case attr::TypeVisibility:
  case attr::Weak:
  case attr::WeakRef:
  case attr::WeakImport:
  case attr::Alias:
  case attr::IFunc:
  case attr::AsmLabel:
  case attr::Used:
  case attr::Retain:
  case attr::InitSeg:
  case attr::Constructor:
  case attr::Destructor:
  case attr::NoStackProtector:
  case attr::Target:
  case attr::Naked:
  case attr::Uninitialized:
  case attr::Cleanup:
    return true;
  default:
    return false;
  }
}

// ---- pragma allowlist -------------------------------------------------------------
bool isAllowedPragma(llvm::StringRef First, llvm::StringRef Second,
                     llvm::StringRef Third) {
  if (First == "once" || First == "unroll" || First == "nounroll" ||
      First == "push_macro" || First == "pop_macro" || First == "message")
    return true;
  if (First == "clang" && Second == "loop")
    return true;
  if (First == "GCC" && Second == "unroll")
    return true;
  if ((First == "clang" || First == "GCC") && Second == "diagnostic")
    return Third == "push" || Third == "pop" || Third == "error";
  return false;
}

} // namespace iusafe
