//===- IuSafe.h - iu safe-subset checker (clang-16 plugin) ------*- C++ -*-===//
//
// iu runs native kernel extensions written in C++. There is no verifier: an
// extension is memory safe because (a) it is written in a restricted subset of
// C++ that is checked at build time by this plugin, and (b) everything that
// needs raw memory or machine access is done by the trusted, header-only
// runtime iu_rt (<iu/...>). Only code that passes this check gets signed.
//
// The plugin is loaded into the real compile (-fplugin=libiu_safe.so); it adds
// an AST consumer after the main action, so normal compilation continues, and
// reports every violation as a clang error
//
//   prog.cpp:12:5: error: [iu-safe:<rule>] <what is forbidden>; <what to use>
//
// WHAT IS CHECKED ("user code")
//   A source location is classified by its *spelling* location (for a token
//   produced by ## or a builtin macro, by the nearest enclosing expansion that
//   has a real spelling), then by the *real path* (symlinks resolved) of the
//   file it is spelled in -- never by presumed locations, so `#pragma clang
//   system_header` and `# 1 "x" 3` line markers in user files change nothing:
//     trusted  - under a trusted directory (plugin arg trusted=DIR, default
//                the iu_rt include directory compiled into the plugin);
//     user     - the main file and files under a user root (default: the
//                main file's directory), plus command-line/scratch buffers;
//     system   - everything else: system headers (user code can only reach
//                the allowlisted ones) and files whose #include was refused.
//   Trusted and system code is exempt. So a macro or template defined in iu_rt
//   and expanded/instantiated in user code is trusted, while user-written
//   macro arguments, user macros and user templates (including their
//   instantiations) are checked. A directory that merely has "iu" in its name
//   is not trusted: only real-path containment in a trusted dir counts.
//   Compiler-generated code (implicit special members, defaulted bodies,
//   range-for internals, structured-binding accessors, element-wise array
//   copies for captures/bindings, default arguments) is not traversed; its
//   user-written parts are.
//
// RULES (rule id: what is refused)
//   reinterpret-cast   reinterpret_cast.
//   c-style-cast       every C-style cast `(T)e`; functional casts `T(e)` that
//                      convert to a pointer/reference/member pointer or do a
//                      bit/pointer/const conversion (anything beyond what a
//                      static_cast to a class or arithmetic type does).
//   const-cast         const_cast.
//   downcast           static_cast from base to derived (unchecked), also for
//                      member pointers.
//   rtti               dynamic_cast and typeid (RTTI is off in extensions).
//   pointer-arithmetic + - += -= ++ -- with a pointer operand.
//   raw-subscript      subscripting a raw pointer or a built-in array.
//   raw-pointer        pointer / member-pointer types written anywhere;
//                      variables, fields, parameters, return types, aliases and
//                      template parameters whose (possibly deduced) type
//                      contains a pointer (also inside template arguments);
//                      unary & and std::addressof; .* and ->*; any expression
//                      of pointer type (reported at the expression that
//                      produces the pointer); array-to-pointer decay (except a
//                      string literal passed directly to a trusted function);
//                      function-to-pointer conversion; *p and p->m on a
//                      pointer other than `this`; aggregate initialisation of
//                      a trusted/system type that contains pointers. `this`,
//                      references (also to functions), lambdas are fine; the
//                      `operator->` of a trusted type is fine.
//   union              declaring a union (type punning).
//   inline-asm         asm statements, file-scope asm, asm labels (including
//                      register variables bound to registers).
//   dynamic-memory     new/delete expressions (incl. placement new), calls or
//                      declarations of operator new/delete, malloc, calloc,
//                      realloc, free, aligned_alloc, alloca, __builtin_alloca*.
//   vla                variable-length arrays.
//   varargs            C variadic function declarations and function types,
//                      va_list, va_start/va_arg/va_end, calls to C-variadic
//                      functions. Parameter packs are fine.
//   include            #include of anything but: files under a trusted dir; the
//                      freestanding allowlist (kAllowedSystemHeaders) found in a
//                      system include dir; quoted includes of files under a
//                      user root (default: the main file's directory), which
//                      are then checked as user code.
//   module             C++20 module declarations and imports.
//   static-init        variables with static storage duration (namespace scope,
//                      static members, function-local statics) whose
//                      initialisation is not constant or whose type has a
//                      non-trivial destructor (the loader runs no ctors/dtors).
//   thread-local       thread_local / __thread.
//   floating-point     float, double, long double, half, __float128, _Complex
//                      float types, floating literals and floating expressions.
//   extern-decl        declarations of functions or variables that have no
//                      definition in the translation unit; extern "C".
//   attribute          attributes outside a small allowlist (see Tables.cpp);
//                      this refuses section, naked, alias, weak, used, retain,
//                      visibility, no_stack_protector, target, cleanup,
//                      constructor, noreturn, const/pure, uninitialized,
//                      nocf_check, calling conventions, address_space/__seg_gs
//                      and everything else not reviewed.
//   builtin            calls to compiler builtins outside an allowlist (bit
//                      manipulation, __builtin_expect, __builtin_constant_p,
//                      std::move/forward...); __builtin_bit_cast, atomic,
//                      vector and other builtin expression forms.
//   bit-cast           std::bit_cast to or from a type that is not plain data,
//                      or from one with padding (Types.h).
//   explicit-dtor      explicit destructor calls (double destruction).
//   coroutine          coroutines (frames are heap allocated).
//   computed-goto      &&label and goto *p.
//   restrict           __restrict (false no-alias promises can make the
//                      optimiser drop iu_rt's checks).
//   vector-type        vector_size / ext_vector / matrix types.
//   stack-size         automatic variables larger than max-local-bytes (default
//                      1024) or aligned to more than 64 bytes.
//   pragma             #pragma/_Pragma other than once, loop hints (unroll,
//                      nounroll, clang loop, GCC unroll), push_macro/pop_macro,
//                      message, diagnostic push/pop/error.
//   macro              user #define/#undef of keywords, reserved identifiers or
//                      the IU_ prefix; user macros expanded inside trusted or
//                      system headers.
//   trusted-decl       reopening namespaces std, iu or any namespace declared
//                      in trusted/system headers; (re)declaring or defining an
//                      entity declared there; specialising their templates.
//
//   build-flags        (harden=1) generating code without
//                      -fstack-clash-protection (a large frame could jump over
//                      the kernel stack guard page) or -fsanitize=bool,enum.
//
// The reference discipline, raw bytes, names and calls (Rules.h, Lifetime.h,
// Jumps.cpp; docs/safe-subset.md has the soundness argument):
//   ref-return         returning a reference holder, or a reference not rooted
//                      in a parameter the function borrows from, *this or
//                      static storage.
//   ref-global         static storage or a reference NTTP holding references.
//   ref-member         a member or base holding references.
//   dangling-ref       a local reference / init-capture / range-for range not
//                      rooted; a statement expression yielding a holder.
//   ref-holder         a local or parameter of a reference-holding class other
//                      than a closure, a non-const reference to one; an iu_rt
//                      value template (iu::value) given one.
//   plain-data         an iu_rt raw-bytes template (iu::plain_data) given a
//                      type that is not plain data.
//   uninit-member      a constructor leaving a member or base uninitialised.
//   init-self          an initialiser reading the object it initialises.
//   jump-bypass        a goto/case jumping past a declaration without an
//                      initialiser (its zero fill would not run).
//   internal-name      naming iu::rt, iu::detail or iu_rt's global symbols.
//   reserved-name      reserved identifiers; global variables with external
//                      linkage (unmangled symbols).
//   indirect-call      virtual functions and bases, calls not to a named
//                      function, functions used as values.
//
// In addition, the plugin turns clang's -Wreturn-type, -Wreturn-stack-address,
// -Wdangling* and -Winvalid-noreturn warnings into errors, and (unless
// harden=0) forces -ftrivial-auto-var-init=zero (uninitialised locals would
// leak kernel stack contents).
//
// PLUGIN ARGUMENTS (-fplugin-arg-iu-safe-NAME=VALUE or
//                   -Xclang -plugin-arg-iu-safe -Xclang NAME=VALUE)
//   trusted=DIR          trusted directory (repeatable; none by default)
//   user-root=DIR        user source tree for quoted includes (repeatable;
//                        default: directory of the main file)
//   max-local-bytes=N    limit for the stack-size rule (0 = off)
//   harden=0|1           force zero-init of locals, require stack-clash probes
//
// See docs/safe-subset.md for the full description with examples.
//===----------------------------------------------------------------------===//
#ifndef IU_SAFE_IUSAFE_H
#define IU_SAFE_IUSAFE_H

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"

#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace clang {
class ASTConsumer;
class QualType;
class Stmt;
class Attr;
class CompilerInstance;
class Preprocessor;
} // namespace clang

namespace iusafe {

/// Every rule the checker knows. Keep in sync with kRules in Tables.cpp.
enum class Rule {
  ReinterpretCast,
  CStyleCast,
  ConstCast,
  Downcast,
  Rtti,
  PointerArithmetic,
  RawSubscript,
  RawPointer,
  Union,
  InlineAsm,
  DynamicMemory,
  Vla,
  Varargs,
  Include,
  Module,
  StaticInit,
  ThreadLocal,
  FloatingPoint,
  ExternDecl,
  Attribute,
  Builtin,
  BitCast,
  ExplicitDtor,
  Coroutine,
  ComputedGoto,
  Restrict,
  VectorType,
  StackSize,
  Pragma,
  Macro,
  TrustedDecl,
  BuildFlags,
  RefReturn,
  RefGlobal,
  RefMember,
  DanglingRef,
  RefHolder,
  PlainData,
  UninitMember,
  InitSelf,
  JumpBypass,
  InternalName,
  ReservedName,
  IndirectCall,
  NumRules
};

struct RuleInfo {
  Rule R;
  const char *Id;   ///< rule id shown as [iu-safe:<Id>]
  const char *Hint; ///< what to do instead
};

const RuleInfo &ruleInfo(Rule R);

// ---- Tables (Tables.cpp) --------------------------------------------------
/// Freestanding C++ headers user code may include with <...>.
extern const char *const kAllowedSystemHeaders[];
extern const unsigned kNumAllowedSystemHeaders;
bool isAllowedSystemHeader(llvm::StringRef Name);
std::string allowedSystemHeaderList();

/// Builtins (by name, as in Builtins.def) that user code may call.
bool isAllowedBuiltin(llvm::StringRef Name);
/// Attributes user code may write on declarations / statements / types.
bool isAllowedDeclAttr(unsigned AttrKind);
bool isAllowedStmtAttr(unsigned AttrKind);
bool isAllowedTypeAttr(unsigned AttrKind);
/// Implicit (pragma- or compiler-added) attributes that are still refused.
bool isDeniedImplicitAttr(unsigned AttrKind);
/// Pragmas user code may use: first word and (optional) second word.
bool isAllowedPragma(llvm::StringRef First, llvm::StringRef Second,
                     llvm::StringRef Third);

// ---- Options ----------------------------------------------------------------
struct Options {
  std::vector<std::string> TrustedDirs; ///< real paths
  std::vector<std::string> UserRoots;   ///< real paths (empty: main file dir)
  uint64_t MaxLocalBytes = 1024;
  bool Harden = true;
};

enum class Origin { None, User, Trusted, System };

/// Classifies locations and reports diagnostics; shared by the PP callbacks
/// and the AST visitor.
class Context {
public:
  Context(clang::CompilerInstance &CI, Options Opts);

  clang::SourceManager &SM;
  clang::DiagnosticsEngine &Diags;
  const Options Opts;

  /// Origin of the code at \p Loc (see header comment).
  Origin classify(clang::SourceLocation Loc);
  Origin classifyFile(clang::FileID FID);
  bool isUser(clang::SourceLocation Loc) {
    return classify(Loc) == Origin::User;
  }
  bool isTrusted(clang::SourceLocation Loc) {
    return classify(Loc) == Origin::Trusted;
  }
  bool isTrustedOrSystem(clang::SourceLocation Loc) {
    Origin O = classify(Loc);
    return O == Origin::Trusted || O == Origin::System;
  }
  /// \p Loc is a token of a macro argument that the body of a trusted macro
  /// put in its place (IU_PROGRAM_'s `invoke(fn, ctx)`): the use is the
  /// trusted macro's, the name is the user's.
  bool placedByTrustedMacro(clang::SourceLocation Loc);

  std::string realPath(llvm::StringRef Path);
  bool underTrusted(llvm::StringRef RealPath) const;
  bool underUserRoot(llvm::StringRef RealPath);
  /// A file that trusted code includes with quotes from outside the
  /// trusted directories (<iu/probe.hpp>'s "../../checked/..."): never a
  /// system header, whatever the flags say; it is checked as user code.
  void markIncludedFromTrusted(llvm::StringRef RealPath) {
    IncludedFromTrusted.insert(RealPath.str());
  }

  /// Emit "[iu-safe:<rule>] <What>; <Hint>" at \p Loc, once per
  /// (file, line, rule). \p Fatal: a fatal error, after which clang emits
  /// no diagnostic at all (an #include of a file outside the program: its
  /// contents must not reach the user through parse errors).
  void report(clang::SourceLocation Loc, Rule R, const llvm::Twine &What,
              llvm::StringRef Hint = {}, bool Fatal = false);
  void note(clang::SourceLocation Loc, const llvm::Twine &What);

  unsigned numReported() const { return NumReported; }

  /// Set by the action: code is generated without a flag the subset relies
  /// on (each entry names the flag and why).
  void addMissingFlag(std::string Why) { MissingFlags.push_back(std::move(Why)); }
  const std::vector<std::string> &missingFlags() const { return MissingFlags; }

private:
  llvm::DenseMap<clang::FileID, Origin> FileCache;
  std::vector<std::string> EffectiveUserRoots;
  std::set<std::string> IncludedFromTrusted;
  bool UserRootsInit = false;
  std::set<std::tuple<unsigned, unsigned, int>> Seen;
  unsigned ErrID, NoteID, FatalID;
  unsigned NumReported = 0;
  std::vector<std::string> MissingFlags;
};

// ---- Entry points -----------------------------------------------------------
/// Installs the preprocessor checks (include, pragma, macro, module).
void installPPChecks(clang::Preprocessor &PP, std::shared_ptr<Context> Ctx);
/// The AST consumer running the declaration/statement/expression checks.
std::unique_ptr<clang::ASTConsumer> makeASTChecks(std::shared_ptr<Context> Ctx);
/// The type, as declared, contains a pointer (or va_list) that the
/// raw-pointer (varargs) rule reports: through references, arrays, function
/// types and template arguments, not through the fields of classes.
bool spellsPointer(clang::QualType T);
/// The jump-bypass rule on one function body (Jumps.cpp).
void checkJumps(Context &C, clang::Stmt *Body);

} // namespace iusafe

#endif
