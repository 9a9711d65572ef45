//===- Jumps.cpp - jumps that bypass a declaration (jump-bypass rule) -----===//
//
// -ftrivial-auto-var-init=zero fills a local at its declaration. C++ lets a
// goto or a switch's case label jump past a declaration whose initialisation
// is "vacuous" (`int x;`, a trivially constructible class without an
// initialiser) into the rest of its scope, so the fill never runs and the
// variable holds old stack bytes (checked in the generated IR). clang refuses
// jumps past every other declaration, so refusing these closes the gap.
//
// For a jump J to a target T (a LabelStmt, or a case/default label of the
// switch J), walk up from T: every declaration that is in scope at T but not
// at J is bypassed. At a compound statement that contains both, these are the
// declarations between J's and T's children (a backward jump bypasses none);
// at one that contains only T, all declarations before T's child; likewise the
// init-statement and condition variable of an if/switch/for/while whose body
// holds T but not J.
//===----------------------------------------------------------------------===//
#include "IuSafe.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;

namespace iusafe {
namespace {

bool isVacuous(const VarDecl *V) {
  if (!V || !V->hasLocalStorage() || isa<ParmVarDecl>(V) || V->isImplicit())
    return false;
  const Expr *I = V->getInit();
  if (!I)
    return true;
  if (const auto *CE = dyn_cast<CXXConstructExpr>(I->IgnoreImplicit()))
    return CE->getConstructor()->isTrivial() &&
           CE->getConstructor()->isDefaultConstructor() &&
           CE->getParenOrBraceRange().isInvalid() && !CE->isListInitialization();
  return false;
}

class JumpFinder : public RecursiveASTVisitor<JumpFinder> {
public:
  llvm::SmallVector<std::pair<Stmt *, Stmt *>, 8> Jumps; // (J, T)
  bool shouldVisitImplicitCode() const { return false; }
  bool TraverseLambdaExpr(LambdaExpr *) { return true; } // own body, own check
  bool TraverseDecl(Decl *D) {
    // Local classes' member functions are checked on their own.
    if (D && (isa<FunctionDecl>(D) || isa<CXXRecordDecl>(D)))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  bool VisitGotoStmt(GotoStmt *G) {
    if (LabelStmt *L = G->getLabel()->getStmt())
      Jumps.push_back({G, L});
    return true;
  }
  bool VisitSwitchStmt(SwitchStmt *S) {
    for (SwitchCase *SC = S->getSwitchCaseList(); SC; SC = SC->getNextSwitchCase())
      Jumps.push_back({S, SC});
    return true;
  }
};

bool within(ParentMap &PM, const Stmt *S, const Stmt *Anc) {
  for (const Stmt *X = S; X; X = PM.getParent(X))
    if (X == Anc)
      return true;
  return false;
}

// The declaration a compound statement's child makes (`case 1: int x;` and
// `L: int x;` declare x in the compound's scope).
const DeclStmt *declOf(const Stmt *S) {
  while (S) {
    if (const auto *SC = dyn_cast<SwitchCase>(S))
      S = SC->getSubStmt();
    else if (const auto *L = dyn_cast<LabelStmt>(S))
      S = L->getSubStmt();
    else if (const auto *A = dyn_cast<AttributedStmt>(S))
      S = A->getSubStmt();
    else
      break;
  }
  return dyn_cast_or_null<DeclStmt>(S);
}

int childIndex(const CompoundStmt *C, ParentMap &PM, const Stmt *S) {
  int I = 0;
  for (const Stmt *Ch : C->body()) {
    if (within(PM, S, Ch))
      return I;
    ++I;
  }
  return -1;
}

void scopeDecls(const Stmt *S, llvm::SmallVectorImpl<const VarDecl *> &Out) {
  auto AddDS = [&](const Stmt *X) {
    if (const auto *DS = dyn_cast_or_null<DeclStmt>(X))
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D))
          Out.push_back(V);
  };
  if (const auto *I = dyn_cast<IfStmt>(S)) {
    AddDS(I->getInit());
    Out.push_back(I->getConditionVariable());
  } else if (const auto *W = dyn_cast<SwitchStmt>(S)) {
    AddDS(W->getInit());
    Out.push_back(W->getConditionVariable());
  } else if (const auto *F = dyn_cast<ForStmt>(S)) {
    AddDS(F->getInit());
    Out.push_back(F->getConditionVariable());
  } else if (const auto *Wh = dyn_cast<WhileStmt>(S)) {
    Out.push_back(Wh->getConditionVariable());
  } else if (const auto *R = dyn_cast<CXXForRangeStmt>(S)) {
    AddDS(R->getInit());
  }
}

} // namespace

void checkJumps(Context &C, Stmt *Body) {
  if (!Body)
    return;
  JumpFinder JF;
  JF.TraverseStmt(Body);
  if (JF.Jumps.empty())
    return;
  ParentMap PM(Body);
  for (auto [J, T] : JF.Jumps) {
    if (!C.isUser(T->getBeginLoc()) && !C.isUser(J->getBeginLoc()))
      continue;
    llvm::SmallVector<const VarDecl *, 4> Bypassed;
    const Stmt *Cur = T;
    while (const Stmt *A = PM.getParent(Cur)) {
      if (A == J)
        break; // a switch's own init and condition run before it jumps
      bool HasJ = within(PM, J, A);
      if (const auto *CS = dyn_cast<CompoundStmt>(A)) {
        int KT = childIndex(CS, PM, T);
        int KJ = HasJ ? childIndex(CS, PM, J) : -1;
        int I = 0;
        for (const Stmt *Ch : CS->body()) {
          if (I > KJ && I < KT)
            if (const DeclStmt *DS = declOf(Ch))
              for (const Decl *D : DS->decls())
                if (const auto *V = dyn_cast<VarDecl>(D))
                  Bypassed.push_back(V);
          ++I;
        }
      } else if (!HasJ) {
        scopeDecls(A, Bypassed);
      }
      if (HasJ)
        break;
      Cur = A;
    }
    for (const VarDecl *V : Bypassed) {
      if (!isVacuous(V) || !C.isUser(V->getLocation()))
        continue;
      std::string What = isa<SwitchStmt>(J) ? "the switch" : "the goto";
      C.report(V->getLocation(), Rule::JumpBypass,
               "'" + V->getNameAsString() + "' has no initialiser and " + What +
                   " at line " +
                   std::to_string(C.SM.getPresumedLineNumber(J->getBeginLoc())) +
                   " jumps past its declaration to a point where it is in "
                   "scope, so it is never zero-filled");
    }
  }
}

} // namespace iusafe
