//===- Types.cpp - reference holders and plain data (see Types.h) ---------===//
#include "Types.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"

using namespace clang;

namespace iusafe {

std::string TypeOracle::str(QualType T) const {
  PrintingPolicy P(Ctx.getLangOpts());
  P.SuppressTagKeyword = true;
  return T.getAsString(P);
}

static const Type *canon(QualType T) {
  return T.getCanonicalType().getUnqualifiedType().getTypePtr();
}

bool TypeOracle::refHolding(QualType T, std::string *Why) {
  return refHoldingImpl(T, Why, 0);
}

bool TypeOracle::refHoldingImpl(QualType T, std::string *Why, unsigned Depth) {
  if (T.isNull())
    return false;
  const Type *Ty = canon(T);
  if (isa<ReferenceType>(Ty)) {
    if (Why)
      *Why = "'" + str(T) + "' is a reference";
    return true;
  }
  if (isa<PointerType, MemberPointerType, BlockPointerType,
          ObjCObjectPointerType>(Ty)) {
    if (Why)
      *Why = "'" + str(T) + "' is a pointer";
    return true;
  }
  if (const auto *A = dyn_cast<ArrayType>(Ty))
    return refHoldingImpl(A->getElementType(), Why, Depth + 1);
  if (const auto *AT = dyn_cast<AtomicType>(Ty))
    return refHoldingImpl(AT->getValueType(), Why, Depth + 1);
  const auto *RT = dyn_cast<RecordType>(Ty);
  if (!RT || Depth > 64)
    return false;
  auto It = RefCache.find(Ty);
  if (It != RefCache.end()) {
    if (Why && It->second.first)
      *Why = It->second.second;
    return It->second.first;
  }
  RefCache[Ty] = {false, std::string()}; // cycle guard (by-value cycles are ill-formed)
  const RecordDecl *RD = RT->getDecl()->getDefinition();
  bool Holds = false;
  std::string Reason;
  if (!RD) {
    // Not instantiated (yet): judge by what would become its members.
    if (const auto *S = dyn_cast<ClassTemplateSpecializationDecl>(RT->getDecl()))
      for (const TemplateArgument &A : S->getTemplateArgs().asArray()) {
        std::string W;
        if (A.getKind() == TemplateArgument::Type &&
            refHoldingImpl(A.getAsType(), &W, Depth + 1)) {
          Holds = true;
          Reason = "template argument of '" + str(QualType(Ty, 0)) + "': " + W;
          break;
        }
      }
  } else {
    const auto *CXX = dyn_cast<CXXRecordDecl>(RD);
    if (CXX && CXX->isLambda()) {
      for (const LambdaCapture &Cap : CXX->captures()) {
        if (Cap.capturesThis() && Cap.getCaptureKind() == LCK_This) {
          Holds = true;
          Reason = "the closure captures 'this'";
          break;
        }
        if (Cap.capturesVariable() && Cap.getCaptureKind() == LCK_ByRef) {
          Holds = true;
          Reason = "the closure captures '" +
                   Cap.getCapturedVar()->getNameAsString() + "' by reference";
          break;
        }
      }
    }
    if (!Holds && CXX)
      for (const CXXBaseSpecifier &B : CXX->bases()) {
        std::string W;
        if (refHoldingImpl(B.getType(), &W, Depth + 1)) {
          Holds = true;
          Reason = "base '" + str(B.getType()) + "': " + W;
          break;
        }
      }
    if (!Holds)
      for (const FieldDecl *FD : RD->fields()) {
        std::string W;
        if (refHoldingImpl(FD->getType(), &W, Depth + 1)) {
          Holds = true;
          Reason = (FD->getName().empty() ? std::string("a member")
                                          : "member '" + FD->getName().str() + "'") +
                   " of '" + str(QualType(Ty, 0)) + "': " + W;
          break;
        }
      }
  }
  RefCache[Ty] = {Holds, Reason};
  if (Why && Holds)
    *Why = Reason;
  return Holds;
}

bool TypeOracle::isClosureLike(QualType T) {
  if (T.isNull())
    return false;
  const Type *Ty = canon(T);
  while (const auto *A = dyn_cast<ArrayType>(Ty))
    Ty = canon(A->getElementType());
  if (const auto *RD = Ty->getAsCXXRecordDecl())
    return RD->isLambda();
  return false;
}

std::optional<llvm::SmallVector<unsigned, 2>>
TypeOracle::trustedAnnotation(const Decl *D, llvm::StringRef Name) {
  llvm::SmallVector<const Decl *, 4> Cands;
  if (!D)
    return std::nullopt;
  Cands.push_back(D);
  if (const auto *S = dyn_cast<ClassTemplateSpecializationDecl>(D)) {
    Cands.push_back(S->getSpecializedTemplate()->getTemplatedDecl());
    if (auto *P = S->getSpecializedTemplateOrPartial()
                      .dyn_cast<ClassTemplatePartialSpecializationDecl *>())
      Cands.push_back(P);
  }
  if (const auto *RD = dyn_cast<CXXRecordDecl>(D))
    if (const CXXRecordDecl *P = RD->getTemplateInstantiationPattern())
      Cands.push_back(P);
  if (const auto *FD = dyn_cast<FunctionDecl>(D)) {
    if (const FunctionTemplateDecl *FT = FD->getPrimaryTemplate())
      Cands.push_back(FT->getTemplatedDecl());
    if (const FunctionDecl *P = FD->getTemplateInstantiationPattern())
      Cands.push_back(P);
  }
  for (const Decl *X : Cands) {
    if (!X || !X->hasAttrs() || C.classify(X->getLocation()) != Origin::Trusted)
      continue;
    for (const auto *A : X->specific_attrs<AnnotateAttr>()) {
      if (A->getAnnotation() != Name)
        continue;
      llvm::SmallVector<unsigned, 2> Args;
      for (Expr *E : A->args()) {
        if (std::optional<llvm::APSInt> V = E->getIntegerConstantExpr(Ctx))
          Args.push_back(static_cast<unsigned>(V->getZExtValue()));
      }
      return Args;
    }
  }
  return std::nullopt;
}

bool TypeOracle::isOpaque(const CXXRecordDecl *RD) {
  for (const CXXRecordDecl *X = RD; X;) {
    if (trustedAnnotation(X, kAnnotOpaque))
      return true;
    // A class nested in an opaque class (an iterator) is opaque too.
    X = dyn_cast<CXXRecordDecl>(X->getDeclContext());
  }
  return false;
}

std::string TypeOracle::whyNotPlain(QualType T) {
  return whyNotPlainImpl(T, 0);
}

std::string TypeOracle::whyNotPlainImpl(QualType T, unsigned Depth) {
  if (T.isNull())
    return "unknown type";
  const Type *Ty = canon(T);
  std::string TS = "'" + str(T) + "'";
  if (isa<ReferenceType>(Ty))
    return TS + " is a reference";
  if (isa<PointerType, MemberPointerType, BlockPointerType,
          ObjCObjectPointerType>(Ty))
    return TS + " is a pointer";
  if (const auto *B = dyn_cast<BuiltinType>(Ty)) {
    if (B->isInteger() || B->isBooleanType())
      return std::string();
    if (B->isFloatingPoint())
      return TS + " is a floating-point type";
    return TS + " is not an integer type";
  }
  if (isa<EnumType, BitIntType>(Ty))
    return std::string();
  if (const auto *A = dyn_cast<ArrayType>(Ty)) {
    if (!isa<ConstantArrayType>(A))
      return TS + " is not a fixed-size array";
    std::string W = whyNotPlainImpl(A->getElementType(), Depth + 1);
    return W.empty() ? W : "element of " + TS + ": " + W;
  }
  const auto *RT = dyn_cast<RecordType>(Ty);
  if (!RT)
    return TS + " is not an integer, enumeration, array or class type";
  if (Depth > 64)
    return TS + " is nested too deeply";
  auto It = PlainCache.find(Ty);
  if (It != PlainCache.end())
    return It->second;
  PlainCache[Ty] = std::string();
  std::string Why;
  const RecordDecl *RD = RT->getDecl()->getDefinition();
  const auto *CXX = dyn_cast_or_null<CXXRecordDecl>(RD);
  if (!RD)
    Why = TS + " is incomplete";
  else if (CXX && CXX->isLambda())
    Why = TS + " is a closure type";
  else if (CXX && CXX->isDynamicClass())
    Why = TS + " has a vtable pointer";
  else if (CXX && CXX->getNumVBases())
    Why = TS + " has a virtual base";
  else if (CXX && !CXX->isTriviallyCopyable())
    Why = TS + " is not trivially copyable";
  else if (CXX && isOpaque(CXX))
    Why = TS + " is an iu_rt type with invariants (iu::opaque)";
  if (Why.empty() && CXX)
    for (const CXXBaseSpecifier &B : CXX->bases()) {
      std::string W = whyNotPlainImpl(B.getType(), Depth + 1);
      if (!W.empty()) {
        Why = "base of " + TS + ": " + W;
        break;
      }
    }
  if (Why.empty() && RD)
    for (const FieldDecl *FD : RD->fields()) {
      std::string W = whyNotPlainImpl(FD->getType(), Depth + 1);
      if (!W.empty()) {
        Why = (FD->getName().empty() ? std::string("a member")
                                     : "member '" + FD->getName().str() + "'") +
              " of " + TS + ": " + W;
        break;
      }
    }
  PlainCache[Ty] = Why;
  return Why;
}

} // namespace iusafe
