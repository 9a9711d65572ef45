//===- Lifetime.cpp - is a reference's referent provably alive? -----------===//
// See Lifetime.h for what counts as a root, and docs/safe-subset.md for why.
//===----------------------------------------------------------------------===//
#include "Lifetime.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/TypeLoc.h"
#include "clang/Basic/Builtins.h"

using namespace clang;

namespace iusafe {

static bool isNormalAssignmentOperator(const FunctionDecl *F) {
  const auto *MD = dyn_cast<CXXMethodDecl>(F);
  if (!MD || MD->isStatic())
    return false;
  OverloadedOperatorKind OO = F->getDeclName().getCXXOverloadedOperator();
  bool Assign = OO == OO_Equal;
  switch (OO) {
  case OO_PlusEqual:
  case OO_MinusEqual:
  case OO_StarEqual:
  case OO_SlashEqual:
  case OO_PercentEqual:
  case OO_CaretEqual:
  case OO_AmpEqual:
  case OO_PipeEqual:
  case OO_LessLessEqual:
  case OO_GreaterGreaterEqual:
    Assign = true;
    break;
  default:
    break;
  }
  if (!Assign)
    return false;
  QualType Ret = F->getReturnType();
  if (!Ret->isLValueReferenceType())
    return false;
  ASTContext &Ctx = F->getASTContext();
  return Ctx.hasSameUnqualifiedType(Ret->getPointeeType(),
                                    Ctx.getRecordType(MD->getParent()));
}

bool Lifetimes::objectIsLifetimeBound(const FunctionDecl *F) {
  const FunctionDecl *Cands[2] = {F, F ? F->getTemplateInstantiationPattern()
                                       : nullptr};
  for (const FunctionDecl *X : Cands) {
    if (!X)
      continue;
    if (const TypeSourceInfo *TSI = X->getTypeSourceInfo()) {
      TypeLoc TL = TSI->getTypeLoc();
      while (auto ATL = TL.getAsAdjusted<AttributedTypeLoc>()) {
        if (ATL.getAttrAs<LifetimeBoundAttr>())
          return true;
        TL = ATL.getModifiedLoc();
      }
    }
  }
  return F && isNormalAssignmentOperator(F);
}

Borrowed Lifetimes::borrowed(const FunctionDecl *F) {
  Borrowed B;
  if (!F)
    return B;
  const FunctionDecl *Pat = F->getTemplateInstantiationPattern();
  for (unsigned I = 0, N = F->getNumParams(); I < N; ++I) {
    bool LB = F->getParamDecl(I)->hasAttr<LifetimeBoundAttr>();
    if (!LB && Pat && I < Pat->getNumParams())
      LB = Pat->getParamDecl(I)->hasAttr<LifetimeBoundAttr>();
    if (LB)
      B.Params.push_back(I);
  }
  B.This = objectIsLifetimeBound(F);
  if (!B.Params.empty() || B.This) {
    B.Explicit = true;
    return B;
  }
  for (unsigned I = 0, N = F->getNumParams(); I < N; ++I) {
    QualType T = F->getParamDecl(I)->getType();
    if (T->isReferenceType() || Types.refHolding(T))
      B.Params.push_back(I);
  }
  if (const auto *MD = dyn_cast<CXXMethodDecl>(F))
    B.This = !MD->isStatic() && !isa<CXXConstructorDecl>(MD);
  return B;
}

RootResult Lifetimes::no(const Expr *E, const std::string &Why) {
  RootResult R;
  R.Ok = false;
  R.Loc = E ? E->getExprLoc() : SourceLocation();
  R.Why = Why;
  return R;
}

RootResult Lifetimes::forLocal(const Expr *Init, const VarDecl *V) {
  if (!Init)
    return RootResult();
  return root(Init, Mode::Local, V, nullptr, 0);
}

RootResult Lifetimes::forReturn(const Expr *E, const FunctionDecl *F) {
  if (!E)
    return RootResult();
  return root(E, Mode::Return, nullptr, F, 0);
}

static bool isLambdaCallOperator(const FunctionDecl *F) {
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(F);
  return MD && MD->getParent()->isLambda() &&
         MD->getOverloadedOperator() == OO_Call;
}

RootResult Lifetimes::rootThis(const Expr *At, Mode M, const FunctionDecl *F) {
  if (M == Mode::Local)
    return RootResult();
  Borrowed B = borrowed(F);
  if (B.This)
    return RootResult();
  return no(At, "it refers into '*this', but '" + F->getNameAsString() +
                    "' is not declared to return a reference into its "
                    "object (its [[clang::lifetimebound]] parameters exclude it)");
}

RootResult Lifetimes::rootVar(const Expr *At, const ValueDecl *D,
                              bool ViaCapture, Mode M, const VarDecl *V,
                              const FunctionDecl *F, unsigned Depth) {
  if (const auto *BD = dyn_cast<BindingDecl>(D)) {
    if (ValueDecl *DD = BD->getDecomposedDecl())
      return rootVar(At, DD, ViaCapture, M, V, F, Depth + 1);
    return no(At, "structured binding without a decomposed object");
  }
  if (isa<FunctionDecl, NonTypeTemplateParmDecl, TemplateParamObjectDecl,
          MSGuidDecl, UnnamedGlobalConstantDecl>(D))
    return RootResult(); // static storage
  const auto *VD = dyn_cast<VarDecl>(D);
  if (!VD)
    return no(At, "it names '" + D->getNameAsString() + "', which is not a variable");
  std::string Name = "'" + VD->getNameAsString() + "'";
  if (VD == V)
    return no(At, "the reference " + Name + " is used in its own initialiser");
  if (VD->hasGlobalStorage())
    return RootResult();
  if (M == Mode::Local)
    return RootResult(); // declared before V, in V's scope or an enclosing one
  // Mode::Return.
  if (ViaCapture || VD->isInitCapture()) {
    if (isLambdaCallOperator(F) && borrowed(F).This)
      return RootResult(); // captures outlive the closure the caller holds
    return no(At, "it refers to the captured variable " + Name +
                      ", which the caller cannot see");
  }
  if (const auto *P = dyn_cast<ParmVarDecl>(VD)) {
    if (P->getDeclContext() != F)
      return no(At, "it refers to parameter " + Name + " of another function");
    if (!P->getType()->isReferenceType())
      return no(At, "by-value parameter " + Name +
                        " is destroyed when the function returns");
    Borrowed B = borrowed(F);
    for (unsigned I : B.Params)
      if (I == P->getFunctionScopeIndex())
        return RootResult();
    return no(At, "parameter " + Name +
                      " is not [[clang::lifetimebound]] while others are");
  }
  if (VD->getType()->isReferenceType() && !VD->isCXXForRangeDecl() &&
      !VD->isImplicit() && VD->getInit()) {
    if (Depth > 32)
      return no(At, "the chain of references is too long to follow");
    RootResult R = root(VD->getInit(), M, nullptr, F, Depth + 1);
    if (!R.Ok)
      R.Why = "through the reference " + Name + ": " + R.Why;
    return R;
  }
  if (VD->isCXXForRangeDecl())
    return no(At, "it refers to the range-for variable " + Name +
                      " (return the element through an index instead)");
  return no(At, "local variable " + Name + " is destroyed when the function returns");
}

static bool isInitListTemporary(const MaterializeTemporaryExpr *MTE) {
  const Expr *S = MTE->getSubExpr();
  while (true) {
    S = S->IgnoreParens();
    if (const auto *FE = dyn_cast<FullExpr>(S))
      S = FE->getSubExpr();
    else if (const auto *BT = dyn_cast<CXXBindTemporaryExpr>(S))
      S = BT->getSubExpr();
    else if (const auto *IC = dyn_cast<ImplicitCastExpr>(S))
      S = IC->getSubExpr();
    else
      break;
  }
  return isa<CXXStdInitializerListExpr>(S);
}

RootResult Lifetimes::rootCall(const Expr *E, Mode M, const VarDecl *V,
                               const FunctionDecl *F, unsigned Depth) {
  const auto *CE = cast<CallExpr>(E);
  if (unsigned ID = CE->getBuiltinCallee()) {
    llvm::StringRef N = Ctx.BuiltinInfo.getName(ID);
    if ((N == "move" || N == "forward" || N == "as_const" ||
         N == "move_if_noexcept") &&
        CE->getNumArgs() == 1)
      return root(CE->getArg(0), M, V, F, Depth + 1);
    return no(E, "builtin '" + N.str() + "' does not return a reference to "
                     "its argument");
  }
  const FunctionDecl *FD = CE->getDirectCallee();
  if (!FD)
    return no(E, "it is the result of an indirect call");
  std::string Name = "'" + FD->getQualifiedNameAsString() + "'";
  Borrowed B = borrowed(FD);
  unsigned Shift = 0;
  const Expr *Obj = nullptr;
  if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE)) {
    Obj = MCE->getImplicitObjectArgument();
  } else if (isa<CXXOperatorCallExpr>(CE) && isa<CXXMethodDecl>(FD) &&
             !cast<CXXMethodDecl>(FD)->isStatic()) {
    Shift = 1;
    Obj = CE->getNumArgs() ? CE->getArg(0) : nullptr;
  }
  if (B.This && Obj) {
    if (Obj->getType()->isPointerType()) {
      if (!isa<CXXThisExpr>(Obj->IgnoreParenImpCasts()))
        return no(Obj, "the object of the call to " + Name + " is reached through a pointer");
      RootResult R = rootThis(Obj, M, F);
      if (!R.Ok)
        return R;
    } else {
      RootResult R = root(Obj, M, V, F, Depth + 1);
      if (!R.Ok) {
        R.Why = Name + " returns a reference into its object, and " + R.Why;
        return R;
      }
    }
  }
  for (unsigned I : B.Params) {
    unsigned A = I + Shift;
    if (A >= CE->getNumArgs())
      continue;
    RootResult R = root(CE->getArg(A), M, V, F, Depth + 1);
    if (!R.Ok) {
      R.Why = Name + " may return a reference into its argument " +
              std::to_string(I + 1) + ", and " + R.Why;
      return R;
    }
  }
  return RootResult();
}

RootResult Lifetimes::root(const Expr *E, Mode M, const VarDecl *V,
                           const FunctionDecl *F, unsigned Depth) {
  if (!E)
    return no(E, "no expression");
  if (Depth > 64)
    return no(E, "the expression is nested too deeply to follow");
  E = E->IgnoreParens();
  if (const auto *FE = dyn_cast<FullExpr>(E))
    return root(FE->getSubExpr(), M, V, F, Depth + 1);
  if (const auto *CE = dyn_cast<CastExpr>(E)) {
    switch (CE->getCastKind()) {
    case CK_NoOp:
    case CK_DerivedToBase:
    case CK_UncheckedDerivedToBase:
    case CK_BaseToDerived: // refused by the downcast rule, same object
    case CK_UserDefinedConversion: // the conversion function call below
      return root(CE->getSubExpr(), M, V, F, Depth + 1);
    default:
      return no(E, std::string("it is the result of a '") +
                       CE->getCastKindName() + "' conversion");
    }
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return rootVar(E, DRE->getDecl(), DRE->refersToEnclosingVariableOrCapture(),
                   M, V, F, Depth);
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const ValueDecl *MD = ME->getMemberDecl();
    if (isa<VarDecl>(MD))
      return RootResult(); // static data member
    if (!isa<FieldDecl, IndirectFieldDecl>(MD))
      return no(E, "it names the member '" + MD->getNameAsString() + "'");
    if (!ME->isArrow())
      return root(ME->getBase(), M, V, F, Depth + 1);
    const Expr *B = ME->getBase()->IgnoreParenImpCasts();
    if (isa<CXXThisExpr>(B))
      return rootThis(E, M, F);
    // trusted_handle->member: the handle's operator-> lends what it guards
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(B))
      if (OC->getOperator() == OO_Arrow && OC->getNumArgs() == 1)
        if (const FunctionDecl *Op = OC->getDirectCallee())
          if (C.isTrustedOrSystem(Op->getLocation())) {
            RootResult R = root(OC->getArg(0), M, V, F, Depth + 1);
            if (!R.Ok)
              R.Why = "'" + Op->getQualifiedNameAsString() +
                      "' lends a member of what its object guards, and " + R.Why;
            return R;
          }
    return no(E, "the member is reached through a pointer");
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    switch (UO->getOpcode()) {
    case UO_Deref:
      if (isa<CXXThisExpr>(UO->getSubExpr()->IgnoreParenImpCasts()))
        return rootThis(E, M, F);
      return no(E, "it dereferences a pointer");
    case UO_PreInc:
    case UO_PreDec:
    case UO_Extension:
    case UO_Real:
    case UO_Imag:
      return root(UO->getSubExpr(), M, V, F, Depth + 1);
    default:
      return no(E, "it is the result of the operator '" +
                       UnaryOperator::getOpcodeStr(UO->getOpcode()).str() + "'");
    }
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->getOpcode() == BO_Comma)
      return root(BO->getRHS(), M, V, F, Depth + 1);
    if (BO->isAssignmentOp())
      return root(BO->getLHS(), M, V, F, Depth + 1);
    return no(E, "it is the result of the operator '" +
                     BO->getOpcodeStr().str() + "'");
  }
  if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
    RootResult R = root(CO->getTrueExpr(), M, V, F, Depth + 1);
    if (!R.Ok)
      return R;
    return root(CO->getFalseExpr(), M, V, F, Depth + 1);
  }
  if (const auto *BC = dyn_cast<BinaryConditionalOperator>(E)) {
    RootResult R = root(BC->getCommon(), M, V, F, Depth + 1);
    if (!R.Ok)
      return R;
    return root(BC->getFalseExpr(), M, V, F, Depth + 1);
  }
  if (const auto *OV = dyn_cast<OpaqueValueExpr>(E)) {
    if (const Expr *S = OV->getSourceExpr())
      return root(S, M, V, F, Depth + 1);
    return no(E, "it is a compiler-generated value");
  }
  if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E)) {
    if (M == Mode::Return)
      return no(E, "it is a temporary, destroyed before the caller sees it");
    if (MTE->getExtendingDecl() != V || !V)
      return no(E, "it is a temporary, destroyed at the end of the "
                   "full-expression");
    QualType TT = MTE->getType();
    std::string Why;
    if (Types.refHolding(TT, &Why) && !Types.isClosureLike(TT) &&
        !isInitListTemporary(MTE))
      return no(E, "the temporary of type '" + Types.str(TT) +
                       "' is kept alive, but not what it refers to (" + Why + ")");
    return RootResult();
  }
  if (isa<CallExpr>(E))
    return rootCall(E, M, V, F, Depth);
  if (const auto *DA = dyn_cast<CXXDefaultArgExpr>(E))
    return root(DA->getExpr(), M, V, F, Depth + 1);
  if (const auto *DI = dyn_cast<CXXDefaultInitExpr>(E))
    return root(DI->getExpr(), M, V, F, Depth + 1);
  if (const auto *SN = dyn_cast<SubstNonTypeTemplateParmExpr>(E))
    return root(SN->getReplacement(), M, V, F, Depth + 1);
  if (isa<StringLiteral, PredefinedExpr>(E))
    return RootResult(); // static storage
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
    const Expr *B = AS->getBase()->IgnoreParens();
    if (const auto *IC = dyn_cast<ImplicitCastExpr>(B))
      if (IC->getCastKind() == CK_ArrayToPointerDecay)
        return root(IC->getSubExpr(), M, V, F, Depth + 1);
    return no(E, "it subscripts a pointer");
  }
  if (const auto *IL = dyn_cast<InitListExpr>(E))
    if (IL->getNumInits() == 1 && IL->isGLValue())
      return root(IL->getInit(0), M, V, F, Depth + 1);
  if (isa<StmtExpr>(E))
    return no(E, "it is the value of a statement expression");
  return no(E, "iu-safe cannot show that what it refers to outlives the reference");
}

} // namespace iusafe
