//===- Rules.h - the reference, raw-bytes, naming and call rules ----------===//
//
// Called by the AST visitor (ASTChecks.cpp) for every user declaration or
// expression of the kind named; each method reports what it refuses.
//
//   RefRules  (RefRules.cpp)   ref-return, ref-global, ref-member, dangling-ref,
//                              ref-holder, uninit-member, init-self, plain-data, bit-cast
//   NameRules (NameRules.cpp)  internal-name, reserved-name, indirect-call
//
// docs/safe-subset.md explains each rule and why together they suffice.
//===----------------------------------------------------------------------===//
#ifndef IU_SAFE_RULES_H
#define IU_SAFE_RULES_H

#include "IuSafe.h"
#include "Lifetime.h"
#include "Types.h"

#include "clang/AST/ASTContext.h"

namespace clang {
class CallExpr;
class ClassTemplateSpecializationDecl;
class CXXConstructorDecl;
class CXXForRangeStmt;
class CXXRecordDecl;
class DeclRefExpr;
class FieldDecl;
class FunctionDecl;
class LambdaExpr;
class NamedDecl;
class NestedNameSpecifierLoc;
class StmtExpr;
class UsingDecl;
class VarDecl;
} // namespace clang

namespace iusafe {

class RefRules {
public:
  RefRules(Context &C, clang::ASTContext &Ctx)
      : C(C), Ctx(Ctx), Types(C, Ctx), Life(C, Ctx, Types) {}

  TypeOracle &types() { return Types; }

  void onVar(const clang::VarDecl *V);                 // user variable/parameter
  void onField(const clang::FieldDecl *F);             // user data member
  void onRecord(const clang::CXXRecordDecl *RD);       // user class: its bases
  void onFunction(const clang::FunctionDecl *F);       // user function with a body
  void onForRange(const clang::CXXForRangeStmt *S);    // user range-for
  void onStmtExpr(const clang::StmtExpr *E);           // user statement expression
  void onConstructor(const clang::CXXConstructorDecl *D);
  void onInheritingCtors(const clang::UsingDecl *U);   // using Base::Base
  void onBitCast(const clang::CallExpr *CE);           // std::bit_cast
  /// Any specialisation (user or trusted) of an annotated trusted template.
  void onSpecialization(const clang::FunctionDecl *F);
  void onSpecialization(const clang::ClassTemplateSpecializationDecl *S);

private:
  void checkTemplateArgs(const clang::Decl *Pattern,
                         const clang::TemplateArgumentList &Args,
                         clang::SourceLocation At, const std::string &What);
  bool memberInitialisedByDefault(const clang::FieldDecl *F);
  /// T holds references and no other rule reports that already: no pointer
  /// spelled in it (raw-pointer), not a user class other than a closure
  /// (whose own member or base is reported by ref-member), and a closure
  /// only if \p Closures.
  bool newHolder(clang::QualType T, std::string &Why, bool Closures = false);

  Context &C;
  clang::ASTContext &Ctx;
  TypeOracle Types;
  Lifetimes Life;
};

class NameRules {
public:
  NameRules(Context &C, clang::ASTContext &Ctx) : C(C), Ctx(Ctx) {}

  /// An iu_rt internal: in iu::rt or iu::detail (or nested), or declared by
  /// an iu_rt header in the global namespace (memcpy, __iu_entry_*, ...).
  bool isInternal(const clang::Decl *D);
  void reportInternalUse(clang::SourceLocation L, const clang::Decl *D);
  void onNestedNameSpecifier(clang::NestedNameSpecifierLoc NNS);

  void onNamedDecl(const clang::NamedDecl *D); // reserved-name

private:
  Context &C;
  clang::ASTContext &Ctx;
};

} // namespace iusafe

#endif
