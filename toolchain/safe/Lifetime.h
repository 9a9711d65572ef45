//===- Lifetime.h - the "rooted" analysis of iu-safe's reference rules ----===//
//
// C++ has no borrow checker, so iu-safe makes references second-class and
// checks the few places where one is created that can outlive a full
// expression: a local reference variable (and a range-for's hidden range
// reference, and an init-capture by reference), and a function that returns
// a reference. Each is accepted only when its initialiser (or returned
// expression) is ROOTED: it provably designates an object that outlives the
// reference. docs/safe-subset.md states the rules and the soundness argument;
// this is the syntactic analysis behind them.
//
// Roots, for a local reference V:
//   - a named variable or parameter in scope (it was declared before V, in V's
//     scope or an enclosing one, so it outlives V), a structured binding, a
//     variable of static storage, a string literal, a function;
//   - `*this` / `this->m`;
//   - a temporary whose lifetime is extended by V itself (clang's
//     MaterializeTemporaryExpr::getExtendingDecl() == V), if the temporary
//     holds no references (a closure or a braced std::initializer_list may);
// and, recursively, through member access, the built-in comma, conditional,
// assignment and pre-increment operators, derived-to-base and no-op casts,
// std::move / forward / as_const, and calls to functions returning a
// reference through the arguments of the parameters that reference may come
// from (borrowed(): the [[clang::lifetimebound]] ones if any are marked,
// otherwise every reference or reference-holding parameter and the object).
//
// Roots, for an expression returned as a reference from function F:
//   - a reference parameter of F in borrowed(F), `*this` if F borrows from its
//     object (for a lambda, its captures: they outlive the closure), static
//     storage, string literals;
//   - a local reference variable is followed to its initialiser (references
//     are never re-seated).
// Everything else (by-value parameters, locals, temporaries) dies at return.
//===----------------------------------------------------------------------===//
#ifndef IU_SAFE_LIFETIME_H
#define IU_SAFE_LIFETIME_H

#include "IuSafe.h"
#include "Types.h"

#include "clang/AST/ASTContext.h"
#include "llvm/ADT/SmallVector.h"

#include <string>

namespace clang {
class Expr;
class FunctionDecl;
class VarDecl;
} // namespace clang

namespace iusafe {

struct Borrowed {
  llvm::SmallVector<unsigned, 4> Params; ///< parameter indices
  bool This = false;                     ///< the implicit object
  bool Explicit = false;                 ///< from [[clang::lifetimebound]]
};

struct RootResult {
  bool Ok = true;
  clang::SourceLocation Loc; ///< the expression that is not rooted
  std::string Why;
};

class Lifetimes {
public:
  Lifetimes(Context &C, clang::ASTContext &Ctx, TypeOracle &T)
      : C(C), Ctx(Ctx), Types(T) {}

  /// \p Init initialises the reference \p V (a local reference variable, an
  /// init-capture by reference, or a range-for's __range).
  RootResult forLocal(const clang::Expr *Init, const clang::VarDecl *V);
  /// \p E is returned from \p F, whose return type is a reference.
  RootResult forReturn(const clang::Expr *E, const clang::FunctionDecl *F);

  /// The parameters (and object) a returned reference of \p F may come from.
  Borrowed borrowed(const clang::FunctionDecl *F);
  static bool objectIsLifetimeBound(const clang::FunctionDecl *F);

private:
  enum class Mode { Local, Return };
  RootResult root(const clang::Expr *E, Mode M, const clang::VarDecl *V,
                  const clang::FunctionDecl *F, unsigned Depth);
  RootResult rootThis(const clang::Expr *At, Mode M,
                      const clang::FunctionDecl *F);
  RootResult rootVar(const clang::Expr *At, const clang::ValueDecl *D,
                     bool ViaCapture, Mode M, const clang::VarDecl *V,
                     const clang::FunctionDecl *F, unsigned Depth);
  RootResult rootCall(const clang::Expr *E, Mode M, const clang::VarDecl *V,
                      const clang::FunctionDecl *F, unsigned Depth);
  RootResult no(const clang::Expr *E, const std::string &Why);

  Context &C;
  clang::ASTContext &Ctx;
  TypeOracle &Types;
};

} // namespace iusafe

#endif
