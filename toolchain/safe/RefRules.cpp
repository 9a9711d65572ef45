//===- RefRules.cpp - reference discipline, initialisation, plain data ----===//
//
// The rules (docs/safe-subset.md, "References" and "Raw bytes and
// initialisation"):
//   ref-return    a function returns a reference holder by value, or returns
//                 a reference that is not rooted in a parameter it borrows
//                 from, its object or static storage (Lifetime.h)
//   ref-global    a variable of static storage holds references
//   ref-member    a data member holds references
//   dangling-ref  a local reference (or init-capture, or range-for range) is
//                 not rooted; a statement expression yields a reference holder
//   ref-holder    a local or parameter of a reference-holding class type other
//                 than a closure, or a non-const reference to one; an iu_rt
//                 template that holds values (iu::value) given a holder
//   uninit-member a user-provided constructor leaves a member or base
//                 uninitialised
//   init-self     an initialiser of a member, base or delegated constructor,
//                 or a default member initialiser, uses the object under
//                 construction (this, its members or functions: they may not
//                 be initialised yet); a variable's initialiser names the
//                 variable
//   plain-data    an iu_rt template that fills raw bytes (iu::plain_data) given
//                 a type that is not plain data
//   bit-cast      std::bit_cast to or from a type that is not plain data, or
//                 from one with padding
//===----------------------------------------------------------------------===//
#include "Rules.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"

#include "llvm/ADT/SmallPtrSet.h"

#include <functional>

using namespace clang;

namespace iusafe {
namespace {

std::string nameOf(const NamedDecl *D) {
  if (isa<DecompositionDecl>(D))
    return "(structured binding)";
  if (D->getDeclName().isEmpty())
    return "(unnamed)";
  return "'" + D->getNameAsString() + "'";
}

bool dependent(const VarDecl *V) {
  QualType T = V->getType();
  return V->isInvalidDecl() || T.isNull() || T->isDependentType() ||
         T->isUndeducedType() || T->containsErrors() ||
         V->getDeclContext()->isDependentContext();
}

/// Return statements of one function body, not of nested lambdas or local
/// classes (they are checked as functions of their own).
class ReturnCollector : public RecursiveASTVisitor<ReturnCollector> {
public:
  llvm::SmallVector<const ReturnStmt *, 8> Returns;
  bool shouldVisitImplicitCode() const { return false; }
  bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  bool TraverseDecl(Decl *D) {
    if (D && (isa<FunctionDecl>(D) || isa<CXXRecordDecl>(D)))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  bool VisitReturnStmt(ReturnStmt *R) {
    Returns.push_back(R);
    return true;
  }
};

} // namespace

bool RefRules::newHolder(QualType T, std::string &Why, bool Closures) {
  if (!Types.refHolding(T, &Why) || spellsPointer(T))
    return false;
  if (Types.isClosureLike(T))
    return Closures;
  QualType E = Ctx.getBaseElementType(T.getNonReferenceType());
  if (const auto *RD = E->getAsCXXRecordDecl())
    if (C.isUser(RD->getLocation()))
      return false;
  return true;
}


/// The first use of the object under construction in an initialiser: `this`,
/// explicit or implicit (a member, a member function, a lambda capturing it).
class ThisFinder : public RecursiveASTVisitor<ThisFinder> {
public:
  SourceLocation Found;
  bool shouldVisitImplicitCode() const { return true; }
  bool VisitCXXThisExpr(CXXThisExpr *E) { return hit(E->getBeginLoc()); }
  bool VisitCXXDependentScopeMemberExpr(CXXDependentScopeMemberExpr *E) {
    return E->isImplicitAccess() ? hit(E->getMemberLoc()) : true;
  }
  bool VisitUnresolvedMemberExpr(UnresolvedMemberExpr *E) {
    return E->isImplicitAccess() ? hit(E->getMemberLoc()) : true;
  }

private:
  bool hit(SourceLocation L) {
    Found = L;
    return false;
  }
};

SourceLocation usesThis(const Expr *E) {
  ThisFinder F;
  if (E)
    F.TraverseStmt(const_cast<Expr *>(E));
  return F.Found;
}

/// The first name of \p V in \p E.
class SelfRefFinder : public RecursiveASTVisitor<SelfRefFinder> {
public:
  explicit SelfRefFinder(const VarDecl *V) : V(V) {}
  SourceLocation Found;
  bool shouldVisitImplicitCode() const { return true; }
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (E->getDecl() != V)
      return true;
    Found = E->getLocation();
    return false;
  }

private:
  const VarDecl *V;
};

void RefRules::onVar(const VarDecl *V) {
  if (!V->isImplicit() && !isa<ParmVarDecl>(V) && V->hasInit() &&
      C.isUser(V->getLocation())) {
    SelfRefFinder F(V);
    F.TraverseStmt(const_cast<Expr *>(V->getInit()));
    if (F.Found.isValid())
      C.report(F.Found, Rule::InitSelf,
               "the initialiser of " + nameOf(V) +
                   " reads the variable itself, before it is initialised");
  }
  if (V->isImplicit() || dependent(V))
    return;
  SourceLocation L = V->getLocation();
  if (!C.isUser(L))
    return;
  QualType T = V->getType();
  std::string Name = nameOf(V), Why;
  if (V->hasGlobalStorage()) {
    if (newHolder(T, Why, /*Closures=*/true))
      C.report(L, Rule::RefGlobal,
               "variable " + Name + " of static storage has type '" +
                   Types.str(T) + "', which holds references (" + Why +
                   "): it would outlive what it refers to");
    return;
  }
  if (T->isReferenceType()) {
    QualType P = T->getPointeeType();
    if (!P.isConstQualified() && !P->isFunctionType() && newHolder(P, Why))
      C.report(L, Rule::RefHolder,
               Name + " is a non-const reference to '" + Types.str(P) +
                   "', which holds references (" + Why +
                   "): assigning through it would re-seat them");
    if (!isa<ParmVarDecl>(V) && !V->isCXXForRangeDecl() && V->getInit()) {
      RootResult R = Life.forLocal(V->getInit(), V);
      if (!R.Ok)
        C.report(L, Rule::DanglingRef,
                 "reference " + Name + " may outlive what it refers to: " + R.Why);
    }
    return;
  }
  if (newHolder(T, Why))
    C.report(L, Rule::RefHolder,
             (isa<ParmVarDecl>(V) ? "parameter " : "variable ") + Name +
                 " has type '" + Types.str(T) + "', which holds references (" +
                 Why + "): it could be re-seated or kept past what it refers to");
}

void RefRules::onField(const FieldDecl *F) {
  if (!F->isImplicit() && F->hasInClassInitializer() && C.isUser(F->getLocation())) {
    SourceLocation L = usesThis(F->getInClassInitializer());
    if (L.isValid())
      C.report(L, Rule::InitSelf,
               "the default member initialiser of " + nameOf(F) +
                   " uses the object under construction (this, a member or "
                   "a member function), whose members may not be "
                   "initialised yet");
  }
  if (F->isImplicit() || F->getType()->isDependentType() ||
      F->getDeclContext()->isDependentContext() || !C.isUser(F->getLocation()))
    return;
  std::string Why;
  if (Types.refHolding(F->getType(), &Why) && !spellsPointer(F->getType()))
    C.report(F->getLocation(), Rule::RefMember,
             "member " + nameOf(F) + " has type '" + Types.str(F->getType()) +
                 "', which holds references (" + Why +
                 "): the object could outlive what it refers to");
}

void RefRules::onRecord(const CXXRecordDecl *RD) {
  if (!RD->isThisDeclarationADefinition() || RD->isDependentContext() ||
      RD->isLambda() || !C.isUser(RD->getLocation()))
    return;
  for (const CXXBaseSpecifier &B : RD->bases()) {
    std::string Why;
    if (!B.getType()->isDependentType() && Types.refHolding(B.getType(), &Why) &&
        !spellsPointer(B.getType()))
      C.report(B.getBeginLoc(), Rule::RefMember,
               "base '" + Types.str(B.getType()) + "' holds references (" + Why +
                   "): objects of '" + RD->getNameAsString() +
                   "' could outlive what they refer to");
  }
}

void RefRules::onFunction(const FunctionDecl *F) {
  if (F->isImplicit() || F->isDefaulted() || F->isDeleted() ||
      F->isDependentContext() || !F->doesThisDeclarationHaveABody() ||
      !C.isUser(F->getLocation()) || isa<CXXConstructorDecl>(F) ||
      isa<CXXDestructorDecl>(F))
    return;
  QualType R = F->getReturnType();
  if (R.isNull() || R->isDependentType() || R->isUndeducedType())
    return;
  std::string Name = "'" + F->getNameAsString() + "'", Why;
  if (!R->isReferenceType()) {
    if (newHolder(R, Why, /*Closures=*/true))
      C.report(F->getLocation(), Rule::RefReturn,
               Name + " returns '" + Types.str(R) + "', which holds references (" +
                   Why + "): they would outlive the call");
    return;
  }
  ReturnCollector RC;
  RC.TraverseStmt(F->getBody());
  for (const ReturnStmt *RS : RC.Returns) {
    const Expr *E = RS->getRetValue();
    if (!E || !C.isUser(RS->getReturnLoc()))
      continue;
    RootResult Res = Life.forReturn(E, F);
    if (!Res.Ok)
      C.report(RS->getReturnLoc(), Rule::RefReturn,
               "the reference returned by " + Name +
                   " may outlive what it refers to: " + Res.Why);
  }
}

void RefRules::onForRange(const CXXForRangeStmt *S) {
  const DeclStmt *DS = S->getRangeStmt();
  const auto *RV = DS ? dyn_cast_or_null<VarDecl>(DS->getSingleDecl()) : nullptr;
  const Expr *Init = S->getRangeInit();
  if (!RV || !Init || dependent(RV) || !C.isUser(Init->getExprLoc()))
    return;
  RootResult R = Life.forLocal(RV->getInit(), RV);
  if (!R.Ok)
    C.report(Init->getExprLoc(), Rule::DanglingRef,
             "the range of this for loop may be destroyed while the loop runs: " +
                 R.Why);
}

void RefRules::onStmtExpr(const StmtExpr *E) {
  QualType T = E->getType();
  std::string Why;
  if (T.isNull() || T->isDependentType() || !C.isUser(E->getBeginLoc()))
    return;
  if (Types.refHolding(T, &Why))
    C.report(E->getBeginLoc(), Rule::DanglingRef,
             "the statement expression yields '" + Types.str(T) +
                 "', which holds references (" + Why +
                 ") into a scope that ends with it");
}

// Default-initialising an object of this class initialises all of it: it is
// empty, its default constructor is user-provided (itself checked if user
// code; iu_rt's obligation otherwise), or each member has a default member
// initialiser or is such a class, and so is each base.
static bool defaultInitSafe(const CXXRecordDecl *RD, ASTContext &Ctx,
                            unsigned Depth) {
  if (!RD || !RD->hasDefinition() || Depth > 16)
    return false;
  RD = RD->getDefinition();
  if (RD->isEmpty() || RD->hasUserProvidedDefaultConstructor())
    return true;
  if (RD->isUnion())
    return false;
  for (const CXXBaseSpecifier &B : RD->bases())
    if (!defaultInitSafe(B.getType()->getAsCXXRecordDecl(), Ctx, Depth + 1))
      return false;
  for (const FieldDecl *F : RD->fields()) {
    if (F->isUnnamedBitfield() || F->hasInClassInitializer())
      continue;
    QualType T = Ctx.getBaseElementType(F->getType());
    if (!defaultInitSafe(T->getAsCXXRecordDecl(), Ctx, Depth + 1))
      return false;
  }
  return true;
}

bool RefRules::memberInitialisedByDefault(const FieldDecl *F) {
  QualType T = Ctx.getBaseElementType(F->getType());
  return defaultInitSafe(T->getAsCXXRecordDecl(), Ctx, 0);
}

void RefRules::onConstructor(const CXXConstructorDecl *D) {
  if (!D->isImplicit() && D->isThisDeclarationADefinition() &&
      C.isUser(D->getLocation())) {
    for (const CXXCtorInitializer *I : D->inits()) {
      if (!I->isWritten())
        continue;
      SourceLocation L = usesThis(I->getInit());
      if (L.isInvalid())
        continue;
      const char *What = I->isDelegatingInitializer() ? "the delegated constructor's arguments"
                         : I->isBaseInitializer()     ? "a base's initialiser"
                                                      : "a member's initialiser";
      C.report(L, Rule::InitSelf,
               llvm::Twine(What) +
                   " uses the object under construction (this, a member or "
                   "a member function), whose members may not be "
                   "initialised yet");
    }
  }
  if (D->isImplicit() || !D->isUserProvided() || D->isDeleted() ||
      !D->isThisDeclarationADefinition() || D->isDelegatingConstructor() ||
      D->isDependentContext() || !C.isUser(D->getLocation()))
    return;
  const CXXRecordDecl *RD = D->getParent();
  if (RD->isUnion())
    return;
  llvm::SmallPtrSet<const FieldDecl *, 8> Written;
  llvm::SmallPtrSet<const Type *, 4> WrittenBases;
  for (const CXXCtorInitializer *I : D->inits()) {
    if (!I->isWritten())
      continue;
    if (I->isAnyMemberInitializer()) {
      if (const IndirectFieldDecl *IF = I->getIndirectMember()) {
        for (const NamedDecl *ND : IF->chain())
          if (const auto *FD = dyn_cast<FieldDecl>(ND))
            Written.insert(FD);
      } else if (const FieldDecl *FD = I->getMember()) {
        Written.insert(FD);
      }
    } else if (I->isBaseInitializer()) {
      WrittenBases.insert(
          Ctx.getCanonicalType(QualType(I->getBaseClass(), 0)).getTypePtr());
    }
  }
  std::string Class = "'" + RD->getNameAsString() + "'";
  std::function<void(const RecordDecl *)> Fields = [&](const RecordDecl *R) {
    for (const FieldDecl *F : R->fields()) {
      if (F->isUnnamedBitfield() || F->hasInClassInitializer())
        continue;
      if (F->isAnonymousStructOrUnion()) {
        if (!Written.count(F))
          if (const RecordDecl *Sub = F->getType()->getAsRecordDecl())
            Fields(Sub);
        continue;
      }
      if (Written.count(F) || memberInitialisedByDefault(F))
        continue;
      C.report(D->getLocation(), Rule::UninitMember,
               "this constructor of " + Class + " leaves member " + nameOf(F) +
                   " uninitialised (no default member initialiser, not in "
                   "the constructor's initialiser list): temporaries are "
                   "not zero-filled");
    }
  };
  Fields(RD);
  for (const CXXBaseSpecifier &B : RD->bases()) {
    const Type *BT = Ctx.getCanonicalType(B.getType()).getUnqualifiedType().getTypePtr();
    if (WrittenBases.count(BT))
      continue;
    const CXXRecordDecl *BD = B.getType()->getAsCXXRecordDecl();
    if (!BD || defaultInitSafe(BD, Ctx, 0))
      continue;
    C.report(D->getLocation(), Rule::UninitMember,
             "this constructor of " + Class + " default-initialises its base '" +
                 Types.str(B.getType()) +
                 "', which leaves its members uninitialised; initialise it "
                 "in the initialiser list (" +
                 RD->getNameAsString() + "(...) : " + BD->getNameAsString() +
                 "{} ...)");
  }
}

void RefRules::onInheritingCtors(const UsingDecl *U) {
  if (U->getNameInfo().getName().getNameKind() !=
          DeclarationName::CXXConstructorName ||
      !C.isUser(U->getLocation()))
    return;
  const auto *RD = dyn_cast<CXXRecordDecl>(U->getDeclContext());
  if (!RD || RD->isDependentContext())
    return;
  for (const FieldDecl *F : RD->fields()) {
    if (F->isUnnamedBitfield() || F->hasInClassInitializer() ||
        memberInitialisedByDefault(F))
      continue;
    C.report(U->getLocation(), Rule::UninitMember,
             "the constructors inherited here leave member " + nameOf(F) + " of '" +
                 RD->getNameAsString() +
                 "' uninitialised; give it a default member initialiser");
  }
}

void RefRules::onBitCast(const CallExpr *CE) {
  if (CE->getNumArgs() != 1)
    return;
  QualType To = CE->getType(), From = CE->getArg(0)->getType();
  if (To->isDependentType() || From->isDependentType())
    return;
  SourceLocation L = CE->getExprLoc();
  std::string Head = "std::bit_cast from '" + Types.str(From) + "' to '" +
                     Types.str(To) + "': ";
  std::string WF = Types.whyNotPlain(From), WT = Types.whyNotPlain(To);
  if (!WF.empty())
    C.report(L, Rule::BitCast, Head + WF + " (its bytes would leak or forge it)");
  else if (!WT.empty())
    C.report(L, Rule::BitCast, Head + WT + " (its bytes would leak or forge it)");
  else if (!Ctx.hasUniqueObjectRepresentations(From))
    C.report(L, Rule::BitCast,
             Head + "'" + Types.str(From) +
                 "' has padding bits, which hold whatever the stack held");
}

void RefRules::checkTemplateArgs(const Decl *Pattern,
                                 const TemplateArgumentList &Args,
                                 SourceLocation At, const std::string &What) {
  for (const char *Kind : {kAnnotPlainData, kAnnotValue}) {
    auto Idx = Types.trustedAnnotation(Pattern, Kind);
    if (!Idx)
      continue;
    for (unsigned N : *Idx) {
      if (N >= Args.size() || Args[N].getKind() != TemplateArgument::Type)
        continue;
      QualType T = Args[N].getAsType();
      if (T->isDependentType())
        continue;
      std::string Why;
      if (Kind == kAnnotPlainData) {
        Why = Types.whyNotPlain(T);
        if (!Why.empty())
          C.report(At, Rule::PlainData,
                   What + " fills its template argument '" + Types.str(T) +
                       "' from raw bytes, but it is not plain data: " + Why);
      } else if (Types.refHolding(T, &Why)) {
        C.report(At, Rule::RefHolder,
                 What + " holds values, but '" + Types.str(T) +
                     "' holds references (" + Why + ")");
      }
    }
  }
}

void RefRules::onSpecialization(const FunctionDecl *F) {
  const FunctionTemplateDecl *FT = F->getPrimaryTemplate();
  const TemplateArgumentList *Args = F->getTemplateSpecializationArgs();
  // Only specialisations the program refers to: overload resolution also
  // deduces candidates that it then drops (a failed constraint).
  if (!FT || !Args || F->isDependentContext() ||
      !(F->isReferenced() || F->isUsed()))
    return;
  SourceLocation At = F->getPointOfInstantiation();
  if (At.isInvalid())
    At = F->getLocation();
  checkTemplateArgs(FT->getTemplatedDecl(), *Args, At,
                    "'" + F->getQualifiedNameAsString() + "'");
}

void RefRules::onSpecialization(const ClassTemplateSpecializationDecl *S) {
  // Only instantiated ones: a specialisation that is merely named (a return
  // type of a member declaration) has no objects.
  if (S->isDependentContext() ||
      S->getSpecializationKind() == TSK_Undeclared)
    return;
  SourceLocation At = S->getPointOfInstantiation();
  if (At.isInvalid())
    At = S->getLocation();
  checkTemplateArgs(S->getSpecializedTemplate()->getTemplatedDecl(),
                    S->getTemplateArgs(), At,
                    "'" + Types.str(Ctx.getRecordType(S)) + "'");
}

} // namespace iusafe
