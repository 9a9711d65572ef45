//===- Types.h - type predicates of iu-safe (reference holders, plain data) -===//
//
// Two questions the reference discipline and the raw-bytes rules ask about a
// type, answered once per type and cached:
//
//   refHolding(T)  Can a value of T refer to another object (and so dangle)?
//                  True for references and pointers (also member pointers),
//                  and for arrays/classes holding one anywhere: in a field, a
//                  base, an array element, a closure capture (by-reference
//                  captures and a captured `this` are fields of the closure),
//                  or a template argument that became a field. A vtable
//                  pointer points at static data and does not dangle.
//
//   whyNotPlain(T) May T be filled from (or observed as) raw bytes? Plain data
//                  is an integer, bool, enumeration, or an array/class made
//                  only of plain data: no pointer, reference, member pointer,
//                  floating point, vtable, virtual base or closure, trivially
//                  copyable, and not a trusted type with invariants (marked
//                  [[clang::annotate("iu::opaque")]] in iu_rt).
//
// Annotations are honoured only on declarations spelled in a trusted
// directory: iu_rt marks its own types and templates, user code cannot write
// clang::annotate at all (attribute rule).
//===----------------------------------------------------------------------===//
#ifndef IU_SAFE_TYPES_H
#define IU_SAFE_TYPES_H

#include "IuSafe.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>

namespace clang {
class Decl;
class CXXRecordDecl;
} // namespace clang

namespace iusafe {

/// Annotation names understood by the plugin (see iu_rt <iu/safety.hpp>).
inline constexpr const char *kAnnotOpaque = "iu::opaque";
inline constexpr const char *kAnnotPlainData = "iu::plain_data";
inline constexpr const char *kAnnotValue = "iu::value";

class TypeOracle {
public:
  TypeOracle(Context &C, clang::ASTContext &Ctx) : C(C), Ctx(Ctx) {}

  /// See the file comment. \p Why (if given) receives a short explanation
  /// naming the member or capture that holds the reference.
  bool refHolding(clang::QualType T, std::string *Why = nullptr);

  /// A closure type (or an array of closures). Closures may hold references:
  /// their captures are checked where the lambda is written and they cannot
  /// be re-seated (copy assignment of a capturing closure is deleted).
  bool isClosureLike(clang::QualType T);

  /// Empty if T is plain data, else why not.
  std::string whyNotPlain(clang::QualType T);

  /// Integer arguments of the trusted annotation \p Name on \p D (or on the
  /// pattern it was instantiated from). Returns std::nullopt if absent.
  std::optional<llvm::SmallVector<unsigned, 2>>
  trustedAnnotation(const clang::Decl *D, llvm::StringRef Name);

  std::string str(clang::QualType T) const;

private:
  bool refHoldingImpl(clang::QualType T, std::string *Why, unsigned Depth);
  std::string whyNotPlainImpl(clang::QualType T, unsigned Depth);
  bool isOpaque(const clang::CXXRecordDecl *RD);

  Context &C;
  clang::ASTContext &Ctx;
  llvm::DenseMap<const clang::Type *, std::pair<bool, std::string>> RefCache;
  llvm::DenseMap<const clang::Type *, std::string> PlainCache;
};

} // namespace iusafe

#endif
