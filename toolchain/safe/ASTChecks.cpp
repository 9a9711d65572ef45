//===- ASTChecks.cpp - AST-level rules of iu-safe -------------------------===//
//
// A RecursiveASTVisitor over the whole translation unit, run after parsing
// (so that template instantiations and out-of-line definitions are known).
// It does not visit compiler-generated code (shouldVisitImplicitCode=false:
// implicit special members, defaulted bodies, range-for internals, default
// arguments, structured-binding accessors) but does visit instantiations of
// user templates, and both the syntactic and the semantic form of
// initializer lists (the latter carries the implicit conversions).
// Every check first asks Context::isUser() for the relevant spelling
// location; see IuSafe.h for the rule list.
//===----------------------------------------------------------------------===//
#include "IuSafe.h"
#include "Rules.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ExprConcepts.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/Builtins.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"
#include "clang/Basic/Module.h"

using namespace clang;

namespace iusafe {
namespace {

/// What a (declared) type contains, looking through references, arrays,
/// function types, atomics and the template arguments of class template
/// specialisations.
struct TypeFacts {
  bool Ptr = false, Float = false, VaList = false, Vector = false,
       Restrict = false, AddrSpace = false, Vla = false, Variadic = false,
       OddCall = false;
};

static void scanType(QualType T, TypeFacts &F,
                     llvm::SmallPtrSetImpl<const Type *> &Seen) {
  if (T.isNull())
    return;
  if (T.isRestrictQualified())
    F.Restrict = true;
  if (T.getAddressSpace() != LangAS::Default)
    F.AddrSpace = true;
  QualType C = T.getCanonicalType();
  if (C.isRestrictQualified())
    F.Restrict = true;
  if (C.getAddressSpace() != LangAS::Default)
    F.AddrSpace = true;
  const Type *Ty = C.getTypePtr();
  if (!Seen.insert(Ty).second)
    return;
  if (isa<PointerType, MemberPointerType, BlockPointerType,
          ObjCObjectPointerType>(Ty)) {
    F.Ptr = true;
    scanType(Ty->getPointeeType(), F, Seen);
    return;
  }
  if (const auto *R = dyn_cast<ReferenceType>(Ty))
    return scanType(R->getPointeeType(), F, Seen);
  if (const auto *A = dyn_cast<ArrayType>(Ty)) {
    if (isa<VariableArrayType>(A))
      F.Vla = true;
    return scanType(A->getElementType(), F, Seen);
  }
  if (const auto *FT = dyn_cast<FunctionType>(Ty)) {
    if (FT->getExtInfo().getNoCfCheck() ||
        (FT->getCallConv() != CC_C && FT->getCallConv() != CC_X86_64SysV))
      F.OddCall = true;
    scanType(FT->getReturnType(), F, Seen);
    if (const auto *FP = dyn_cast<FunctionProtoType>(FT)) {
      if (FP->isVariadic())
        F.Variadic = true;
      for (QualType P : FP->param_types())
        scanType(P, F, Seen);
    }
    return;
  }
  if (const auto *B = dyn_cast<BuiltinType>(Ty)) {
    if (B->isFloatingPoint())
      F.Float = true;
    return;
  }
  if (const auto *CT = dyn_cast<ComplexType>(Ty))
    return scanType(CT->getElementType(), F, Seen);
  if (isa<VectorType, MatrixType>(Ty)) {
    F.Vector = true;
    return;
  }
  if (const auto *AT = dyn_cast<AtomicType>(Ty))
    return scanType(AT->getValueType(), F, Seen);
  if (const auto *RT = dyn_cast<RecordType>(Ty)) {
    const RecordDecl *RD = RT->getDecl();
    if (RD->getName() == "__va_list_tag")
      F.VaList = true;
    if (const auto *S = dyn_cast<ClassTemplateSpecializationDecl>(RD)) {
      for (const TemplateArgument &A : S->getTemplateArgs().asArray()) {
        if (A.getKind() == TemplateArgument::Type)
          scanType(A.getAsType(), F, Seen);
        else if (A.getKind() == TemplateArgument::Pack)
          for (const TemplateArgument &P : A.pack_elements())
            if (P.getKind() == TemplateArgument::Type)
              scanType(P.getAsType(), F, Seen);
      }
    }
  }
}

static TypeFacts factsOf(QualType T) {
  TypeFacts F;
  llvm::SmallPtrSet<const Type *, 16> Seen;
  scanType(T, F, Seen);
  return F;
}

} // namespace

bool spellsPointer(QualType T) {
  TypeFacts F = factsOf(T);
  return F.Ptr || F.VaList;
}

namespace {

/// Does an object of type T hold a pointer in its representation (pointer,
/// member pointer, reference member, vtable pointer), looking into fields and
/// bases? Used for std::bit_cast and aggregate initialisation.
static bool holdsPointer(QualType T, llvm::SmallPtrSetImpl<const Type *> &Seen) {
  if (T.isNull())
    return false;
  const Type *Ty = T.getCanonicalType().getTypePtr();
  if (!Seen.insert(Ty).second)
    return false;
  if (isa<PointerType, MemberPointerType, BlockPointerType, ReferenceType>(Ty))
    return true;
  if (const auto *A = dyn_cast<ArrayType>(Ty))
    return holdsPointer(A->getElementType(), Seen);
  if (const auto *AT = dyn_cast<AtomicType>(Ty))
    return holdsPointer(AT->getValueType(), Seen);
  if (const auto *RT = dyn_cast<RecordType>(Ty)) {
    const RecordDecl *RD = RT->getDecl()->getDefinition();
    if (!RD)
      return false;
    if (const auto *CXX = dyn_cast<CXXRecordDecl>(RD)) {
      if (CXX->isDynamicClass())
        return true;
      for (const CXXBaseSpecifier &B : CXX->bases())
        if (holdsPointer(B.getType(), Seen))
          return true;
    }
    for (const FieldDecl *FD : RD->fields())
      if (holdsPointer(FD->getType(), Seen))
        return true;
  }
  return false;
}

static bool holdsPointer(QualType T) {
  llvm::SmallPtrSet<const Type *, 16> Seen;
  return holdsPointer(T, Seen);
}

static bool isRawPtr(QualType T) {
  if (T.isNull())
    return false;
  const Type *Ty = T.getCanonicalType().getTypePtr();
  return isa<PointerType, MemberPointerType, BlockPointerType,
             ObjCObjectPointerType>(Ty);
}

static bool isFloatTy(QualType T) {
  if (T.isNull())
    return false;
  QualType C = T.getCanonicalType();
  if (C->isRealFloatingType())
    return true;
  if (const auto *CT = C->getAs<ComplexType>())
    return CT->getElementType()->isRealFloatingType();
  return false;
}

static bool isThisLike(const Expr *E) {
  return E && isa<CXXThisExpr>(E->IgnoreParenImpCasts());
}

/// Is D (part of) a template instantiation, i.e. generated from a pattern
/// that is checked on its own?
static bool isInstantiated(const Decl *D) {
  if (const auto *F = dyn_cast<FunctionDecl>(D)) {
    if (F->isTemplateInstantiation() || F->getInstantiatedFromMemberFunction())
      return true;
    if (const FunctionTemplateDecl *T = F->getDescribedFunctionTemplate())
      if (T->getInstantiatedFromMemberTemplate())
        return true;
  }
  if (const auto *V = dyn_cast<VarDecl>(D))
    if (V->getInstantiatedFromStaticDataMember() ||
        isa<VarTemplateSpecializationDecl>(V))
      return true;
  for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent()) {
    if (const auto *S = dyn_cast<ClassTemplateSpecializationDecl>(DC))
      if (S->getSpecializationKind() != TSK_ExplicitSpecialization &&
          S->getSpecializationKind() != TSK_Undeclared)
        return true;
    if (const auto *F = dyn_cast<FunctionDecl>(DC))
      if (F->isTemplateInstantiation())
        return true;
  }
  return false;
}

static std::string typeStr(QualType T, const ASTContext &Ctx) {
  PrintingPolicy P(Ctx.getLangOpts());
  P.SuppressTagKeyword = true;
  return T.getAsString(P);
}

static std::string attrName(const Attr *A) {
  if (const IdentifierInfo *II = A->getAttrName())
    return II->getName().str();
  switch (A->getKind()) {
  case attr::AsmLabel:
    return "asm label";
  case attr::Section:
    return "section";
  case attr::Visibility:
    return "visibility";
  case attr::Weak:
    return "weak";
  case attr::Alias:
    return "alias";
  case attr::Used:
    return "used";
  case attr::PragmaClangBSSSection:
  case attr::PragmaClangDataSection:
  case attr::PragmaClangRelroSection:
  case attr::PragmaClangRodataSection:
  case attr::PragmaClangTextSection:
    return "section (from #pragma clang section)";
  case attr::TypeVisibility:
    return "type_visibility";
  case attr::WeakRef:
    return "weakref";
  default:
    return "implicit attribute";
  }
}

class Checker : public RecursiveASTVisitor<Checker> {
  using Base = RecursiveASTVisitor<Checker>;

public:
  Checker(Context &C, ASTContext &Ctx)
      : C(C), Ctx(Ctx), Refs(C, Ctx), Names(C, Ctx) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return false; }

  // Visit both forms of an initializer list: the semantic form holds the
  // implicit conversions (e.g. array decay) of the initialisers.
  bool TraverseInitListExpr(InitListExpr *S, DataRecursionQueue *Q = nullptr) {
    InitListExpr *Syn = S->isSemanticForm() ? S->getSyntacticForm() : S;
    InitListExpr *Sem = S->isSemanticForm() ? S : S->getSemanticForm();
    if (!Syn)
      Syn = S;
    if (!TraverseSynOrSemInitListExpr(Syn, Q))
      return false;
    if (Sem && Sem != Syn)
      return TraverseSynOrSemInitListExpr(Sem, Q);
    return true;
  }

  // Array copies generated by the compiler (lambda captures, structured
  // bindings, implicit copy constructors): only the source array is written
  // by the user; the per-element loop (subscripts by ArrayInitIndexExpr) is
  // compiler-generated and in bounds.
  bool TraverseArrayInitLoopExpr(ArrayInitLoopExpr *E,
                                 DataRecursionQueue *Q = nullptr) {
    if (!WalkUpFromArrayInitLoopExpr(E))
      return false;
    if (OpaqueValueExpr *OV = E->getCommonExpr())
      if (Expr *Src = OV->getSourceExpr())
        return TraverseStmt(Src, Q);
    return true;
  }

  // Unevaluated operands (sizeof, alignof, noexcept, decltype, __typeof__)
  // produce no value, so a pointer-typed expression there cannot escape as
  // one: iu_rt's IU_FIELD names a pointer member inside __typeof__ to get its
  // type. Declarations of pointer type made from them are still refused.
  // (No data recursion here: the children must be visited before the count
  // drops.)
  bool TraverseUnaryExprOrTypeTraitExpr(UnaryExprOrTypeTraitExpr *E,
                                        DataRecursionQueue * = nullptr) {
    ++Unevaluated;
    bool R = Base::TraverseUnaryExprOrTypeTraitExpr(E, nullptr);
    --Unevaluated;
    return R;
  }
  bool TraverseCXXNoexceptExpr(CXXNoexceptExpr *E, DataRecursionQueue * = nullptr) {
    ++Unevaluated;
    bool R = Base::TraverseCXXNoexceptExpr(E, nullptr);
    --Unevaluated;
    return R;
  }
  bool TraverseDecltypeTypeLoc(DecltypeTypeLoc TL) {
    ++Unevaluated;
    bool R = Base::TraverseDecltypeTypeLoc(TL);
    --Unevaluated;
    return R;
  }
  bool TraverseTypeOfExprTypeLoc(TypeOfExprTypeLoc TL) {
    ++Unevaluated;
    bool R = Base::TraverseTypeOfExprTypeLoc(TL);
    --Unevaluated;
    return R;
  }

  // Generic lambdas: also check the instantiated call operators (the pattern
  // is visited by the default traversal).
  bool TraverseLambdaExpr(LambdaExpr *LE, DataRecursionQueue *Q = nullptr) {
    if (!Base::TraverseLambdaExpr(LE, Q))
      return false;
    if (FunctionTemplateDecl *FTD = LE->getDependentCallOperator())
      for (FunctionDecl *Spec : FTD->specializations())
        if (!TraverseDecl(Spec))
          return false;
    return true;
  }

  // ---- declarations ----------------------------------------------------------
  bool VisitDecl(Decl *D) {
    checkDeclAttrs(D);
    checkIncludedAtFileScope(D);
    // `export module m;` leaves no declaration of its own: find it through
    // the module that owns the following declarations.
    if (!ReportedModule)
      if (const Module *M = D->getOwningModule())
        if (M->isModulePurview() && C.isUser(M->DefinitionLoc)) {
          ReportedModule = true;
          C.report(M->DefinitionLoc, Rule::Module,
                   "module declaration '" + M->getFullModuleName() +
                       "' is not allowed");
        }
    return true;
  }

  /// Trusted and system headers are included at file scope: a declaration
  /// of theirs directly inside a user namespace, class, function or linkage
  /// block means the user put the #include there, and the names would then
  /// live under the user's namespace (`namespace evil { #include <iu/iu.hpp> }`
  /// with `using namespace evil;` made `iu::rt::` a name no rule knew as
  /// iu_rt's, and the raw helpers callable).
  void checkIncludedAtFileScope(const Decl *D) {
    if (D->isImplicit() || isa<TranslationUnitDecl>(D))
      return;
    const DeclContext *DC = D->getLexicalDeclContext();
    if (!DC || DC->isTranslationUnit())
      return;
    const auto *Parent = dyn_cast<Decl>(DC);
    SourceLocation L = D->getLocation();
    if (!Parent || L.isInvalid() || L.isMacroID() || !C.isTrustedOrSystem(L) ||
        !C.isUser(Parent->getLocation()))
      return;
    // The user's #include that brought it in (through any chain of
    // trusted or system includes).
    SourceLocation Inc;
    for (FileID F = C.SM.getFileID(C.SM.getSpellingLoc(L)); F.isValid();) {
      SourceLocation I = C.SM.getIncludeLoc(F);
      if (I.isInvalid())
        break;
      if (C.isUser(I)) {
        Inc = I;
        break;
      }
      F = C.SM.getFileID(C.SM.getSpellingLoc(I));
    }
    if (Inc.isInvalid())
      Inc = Parent->getLocation();
    if (!ScopedIncludes.insert(Inc.getRawEncoding()).second)
      return;
    C.report(Inc, Rule::Include,
             "a trusted or system header is included inside a user "
             "declaration (namespace, class, function or linkage block): "
             "include it at file scope");
  }

  bool VisitVarDecl(VarDecl *V) {
    SourceLocation L = V->getLocation();
    if (V->isImplicit() || !C.isUser(L))
      return true;
    Refs.onVar(V);
    const bool IsParm = isa<ParmVarDecl>(V);
    std::string Name =
        !V->getName().empty() ? "'" + V->getName().str() + "'"
        : isa<DecompositionDecl>(V) ? std::string("(structured binding)")
                                    : std::string("(unnamed)");
    checkDeclType(L, V->getType(),
                  (IsParm ? "parameter " : "variable ") + Name);

    if (IsParm)
      return true;
    if (V->getTLSKind() != VarDecl::TLS_None)
      C.report(L, Rule::ThreadLocal,
               "thread-local variable " + Name + " is not allowed");

    // Invalid declarations (clang already reported an error) and types that
    // could not be deduced are only type-scanned above.
    bool Dependent = V->isInvalidDecl() || V->getType()->isDependentType() ||
                     V->getType()->isUndeducedType() ||
                     V->getType()->containsErrors() ||
                     V->getDeclContext()->isDependentContext();
    if (V->hasGlobalStorage() && !Dependent &&
        V->isThisDeclarationADefinition() != VarDecl::DeclarationOnly) {
      const Expr *Init = V->getInit();
      if (Init && !Init->isValueDependent() &&
          !V->hasConstantInitialization())
        C.report(L, Rule::StaticInit,
                 "static-storage variable " + Name +
                     " has a non-constant (dynamic) initialiser");
      if (V->needsDestruction(Ctx) != QualType::DK_none)
        C.report(L, Rule::StaticInit,
                 "static-storage variable " + Name + " of type '" +
                     typeStr(V->getType(), Ctx) +
                     "' has a non-trivial destructor");
    }

    if (!Dependent && !isInstantiated(V) &&
        V->isThisDeclarationADefinition() == VarDecl::DeclarationOnly &&
        !V->getDefinition() && !V->getAnyInitializer() && !V->isInline())
      C.report(L, Rule::ExternDecl,
               "declaration of " + Name +
                   " without a definition in this translation unit");

    if (V->hasLocalStorage() && C.Opts.MaxLocalBytes && !Dependent) {
      QualType T = V->getType();
      if (!T->isReferenceType() && !T->isIncompleteType() &&
          T->isConstantSizeType()) {
        uint64_t Size = Ctx.getTypeSizeInChars(T).getQuantity();
        if (Size > C.Opts.MaxLocalBytes)
          C.report(L, Rule::StackSize,
                   "local variable " + Name + " occupies " +
                       std::to_string(Size) + " bytes of kernel stack (limit " +
                       std::to_string(C.Opts.MaxLocalBytes) + ")");
        uint64_t Align = Ctx.getDeclAlign(V).getQuantity();
        if (Align > 64)
          C.report(L, Rule::StackSize,
                   "local variable " + Name + " is aligned to " +
                       std::to_string(Align) +
                       " bytes, which needs stack realignment");
      }
    }
    checkRedeclOfTrusted(V, Name);
    return true;
  }

  bool VisitFieldDecl(FieldDecl *F) {
    SourceLocation L = F->getLocation();
    if (F->isImplicit() || !C.isUser(L))
      return true;
    checkDeclType(L, F->getType(),
                  "field " + (F->getName().empty()
                                  ? std::string("(unnamed)")
                                  : "'" + F->getName().str() + "'"));
    Refs.onField(F);
    return true;
  }

  bool VisitTypedefNameDecl(TypedefNameDecl *T) {
    SourceLocation L = T->getLocation();
    if (T->isImplicit() || !C.isUser(L))
      return true;
    checkDeclType(L, T->getUnderlyingType(),
                  "type alias '" + T->getName().str() + "'");
    return true;
  }

  bool VisitNonTypeTemplateParmDecl(NonTypeTemplateParmDecl *P) {
    SourceLocation L = P->getLocation();
    if (!C.isUser(L))
      return true;
    checkDeclType(L, P->getType(),
                  "template parameter '" + P->getName().str() + "'");
    if (P->getType()->isReferenceType())
      C.report(L, Rule::RefGlobal,
               "template parameter '" + P->getName().str() +
                   "' is a reference; pass a value or a type");
    return true;
  }

  bool VisitFunctionDecl(FunctionDecl *F) {
    if (F->getPrimaryTemplate())
      Refs.onSpecialization(F); // trusted templates too: iu::plain_data/value
    SourceLocation L = F->getLocation();
    if (F->isImplicit() || !C.isUser(L) || isa<CXXDeductionGuideDecl>(F))
      return true;
    checkFunctionBody(F);
    if (const auto *MD = dyn_cast<CXXMethodDecl>(F))
      if (MD->isVirtual())
        C.report(L, Rule::IndirectCall,
                 "virtual function '" + F->getNameAsString() +
                     "': calls to it are indirect");
    std::string Name = "'" + F->getNameAsString() + "'";
    checkDeclType(L, F->getReturnType(), "return type of " + Name);
    if (F->isVariadic())
      C.report(L, Rule::Varargs,
               "C-style variadic function " + Name + " is not allowed");
    if (const auto *MD = dyn_cast<CXXMethodDecl>(F))
      if (MD->getMethodQualifiers().hasRestrict())
        C.report(L, Rule::Restrict, "__restrict member function " + Name);

    switch (F->getOverloadedOperator()) {
    case OO_New:
    case OO_Delete:
    case OO_Array_New:
    case OO_Array_Delete:
      C.report(L, Rule::DynamicMemory,
               "declaring " + Name + " is not allowed");
      break;
    default:
      break;
    }

    if (!isInstantiated(F) && !F->isDefined() &&
        !F->isPure() && !F->isDeleted() && !F->isDefaulted())
      C.report(L, Rule::ExternDecl,
               "function " + Name +
                   " is declared but not defined in this translation unit");

    if (F->getTemplateSpecializationKind() == TSK_ExplicitSpecialization)
      if (FunctionTemplateDecl *P = F->getPrimaryTemplate())
        if (C.isTrustedOrSystem(P->getLocation()))
          C.report(L, Rule::TrustedDecl,
                   "explicit specialisation of trusted/standard function "
                   "template " +
                       Name);
    if (!isInstantiated(F))
      checkRedeclOfTrusted(F, Name);
    return true;
  }

  bool VisitTagDecl(TagDecl *T) {
    SourceLocation L = T->getLocation();
    if (T->isImplicit() || !C.isUser(L))
      return true;
    if (T->isUnion())
      C.report(L, Rule::Union,
               "union " +
                   (T->getName().empty() ? std::string("(anonymous)")
                                         : "'" + T->getName().str() + "'") +
                   " is not allowed (type punning)");
    if (const auto *S = dyn_cast<ClassTemplateSpecializationDecl>(T)) {
      if (S->getSpecializationKind() == TSK_ExplicitSpecialization &&
          C.isTrustedOrSystem(S->getSpecializedTemplate()->getLocation()))
        C.report(L, Rule::TrustedDecl,
                 "specialisation of trusted/standard class template '" +
                     S->getSpecializedTemplate()->getQualifiedNameAsString() +
                     "'");
      if (S->getSpecializationKind() != TSK_ExplicitSpecialization)
        return true; // instantiations: no redeclaration check
    }
    checkRedeclOfTrusted(T, "'" + T->getQualifiedNameAsString() + "'");
    return true;
  }

  bool VisitVarTemplateSpecializationDecl(VarTemplateSpecializationDecl *S) {
    SourceLocation L = S->getLocation();
    if (!C.isUser(L))
      return true;
    if (S->getSpecializationKind() == TSK_ExplicitSpecialization &&
        C.isTrustedOrSystem(S->getSpecializedTemplate()->getLocation()))
      C.report(L, Rule::TrustedDecl,
               "specialisation of trusted/standard variable template '" +
                   S->getSpecializedTemplate()->getQualifiedNameAsString() +
                   "'");
    return true;
  }

  bool VisitNamespaceDecl(NamespaceDecl *N) {
    SourceLocation L = N->getLocation();
    if (N->isAnonymousNamespace() || !C.isUser(L))
      return true;
    // At any depth: a user `evil::std` or `evil::iu` would capture the
    // unqualified `std::`/`iu::` of code in it.
    bool Reserved = N->getName() == "std" || N->getName() == "iu";
    bool Foreign = false;
    for (const NamespaceDecl *R : N->redecls())
      if (R != N && C.isTrustedOrSystem(R->getLocation()))
        Foreign = true;
    if (Reserved || Foreign)
      C.report(L, Rule::TrustedDecl,
               "reopening namespace '" + N->getQualifiedNameAsString() +
                   "', which belongs to iu_rt or the standard library");
    return true;
  }

  bool VisitFileScopeAsmDecl(FileScopeAsmDecl *D) {
    if (C.isUser(D->getAsmLoc()))
      C.report(D->getAsmLoc(), Rule::InlineAsm,
               "file-scope asm is not allowed");
    return true;
  }

  bool VisitLinkageSpecDecl(LinkageSpecDecl *D) {
    SourceLocation L = D->getExternLoc().isValid() ? D->getExternLoc()
                                                   : D->getLocation();
    if (D->getLanguage() == LinkageSpecDecl::lang_c && C.isUser(L))
      C.report(L, Rule::ExternDecl,
               "extern \"C\" declarations are not allowed");
    return true;
  }

  bool VisitImportDecl(ImportDecl *D) {
    if (C.isUser(D->getLocation()))
      C.report(D->getLocation(), Rule::Module,
               "module import is not allowed");
    return true;
  }

  bool VisitExportDecl(ExportDecl *D) {
    if (C.isUser(D->getLocation()))
      C.report(D->getLocation(), Rule::Module,
               "module export declarations are not allowed");
    return true;
  }

  // ---- statements ---------------------------------------------------------------
  bool VisitAsmStmt(AsmStmt *S) {
    if (C.isUser(S->getAsmLoc()))
      C.report(S->getAsmLoc(), Rule::InlineAsm,
               "inline asm statement is not allowed");
    return true;
  }

  bool VisitIndirectGotoStmt(IndirectGotoStmt *S) {
    if (C.isUser(S->getGotoLoc()))
      C.report(S->getGotoLoc(), Rule::ComputedGoto,
               "computed goto is not allowed");
    return true;
  }

  bool VisitCoroutineBodyStmt(CoroutineBodyStmt *S) {
    if (C.isUser(S->getBeginLoc()))
      C.report(S->getBeginLoc(), Rule::Coroutine,
               "coroutines are not allowed");
    return true;
  }
  bool VisitCoreturnStmt(CoreturnStmt *S) {
    if (C.isUser(S->getKeywordLoc()))
      C.report(S->getKeywordLoc(), Rule::Coroutine, "co_return is not allowed");
    return true;
  }

  bool VisitAttributedStmt(AttributedStmt *S) {
    for (const Attr *A : S->getAttrs()) {
      SourceLocation L =
          A->getLocation().isValid() ? A->getLocation() : S->getBeginLoc();
      if (C.isUser(L) && !isAllowedStmtAttr(A->getKind()))
        C.report(L, Rule::Attribute,
                 "statement attribute '" + attrName(A) + "' is not allowed");
    }
    return true;
  }

  // ---- expressions ---------------------------------------------------------------
  bool VisitExpr(Expr *E) {
    SourceLocation L = E->getExprLoc();
    if (L.isInvalid() || !C.isUser(L))
      return true;
    if (isa<CXXDefaultArgExpr, CXXDefaultInitExpr, ImplicitValueInitExpr>(E))
      return true;
    checkFloatExpr(E, L);
    checkPointerExpr(E, L);
    return true;
  }

  bool VisitCStyleCastExpr(CStyleCastExpr *E) {
    SourceLocation L = E->getBeginLoc();
    if (C.isUser(L))
      C.report(L, Rule::CStyleCast,
               "C-style cast to '" + typeStr(E->getTypeAsWritten(), Ctx) +
                   "' is not allowed");
    return true;
  }

  bool VisitCXXFunctionalCastExpr(CXXFunctionalCastExpr *E) {
    SourceLocation L = E->getBeginLoc();
    if (!C.isUser(L))
      return true;
    QualType T = E->getTypeAsWritten();
    bool Bad = T->isPointerType() || T->isReferenceType() ||
               T->isMemberPointerType() || T->isBlockPointerType();
    switch (E->getCastKind()) {
    case CK_NoOp:
    case CK_IntegralCast:
    case CK_IntegralToBoolean:
    case CK_BooleanToSignedIntegral:
    case CK_IntegralToFloating:
    case CK_FloatingToIntegral:
    case CK_FloatingCast:
    case CK_FloatingToBoolean:
    case CK_ConstructorConversion:
    case CK_UserDefinedConversion:
    case CK_LValueToRValue:
    case CK_ToVoid:
    case CK_Dependent:
      break;
    default:
      Bad = true;
    }
    if (Bad)
      C.report(L, Rule::CStyleCast,
               "functional-notation cast to '" + typeStr(T, Ctx) +
                   "' performs a '" + E->getCastKindName() +
                   "' conversion that static_cast to a class or arithmetic "
                   "type would not");
    return true;
  }

  bool VisitCXXReinterpretCastExpr(CXXReinterpretCastExpr *E) {
    SourceLocation L = E->getOperatorLoc();
    if (C.isUser(L))
      C.report(L, Rule::ReinterpretCast,
               "reinterpret_cast is not allowed in extension code");
    return true;
  }

  bool VisitCXXConstCastExpr(CXXConstCastExpr *E) {
    SourceLocation L = E->getOperatorLoc();
    if (C.isUser(L))
      C.report(L, Rule::ConstCast, "const_cast is not allowed");
    return true;
  }

  bool VisitExplicitCastExpr(ExplicitCastExpr *E) {
    if (E->getCastKind() != CK_BaseToDerived &&
        E->getCastKind() != CK_BaseToDerivedMemberPointer)
      return true;
    SourceLocation L = E->getBeginLoc();
    if (C.isUser(L))
      C.report(L, Rule::Downcast,
               "unchecked cast from base to derived class '" +
                   typeStr(E->getTypeAsWritten(), Ctx) + "'");
    return true;
  }

  bool VisitCXXDynamicCastExpr(CXXDynamicCastExpr *E) {
    if (C.isUser(E->getOperatorLoc()))
      C.report(E->getOperatorLoc(), Rule::Rtti, "dynamic_cast is not allowed");
    return true;
  }

  bool VisitCXXTypeidExpr(CXXTypeidExpr *E) {
    if (C.isUser(E->getBeginLoc()))
      C.report(E->getBeginLoc(), Rule::Rtti, "typeid is not allowed");
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *E) {
    if (E->getOpcode() == UO_AddrOf)
      Decayed.insert(E->getSubExpr()->IgnoreParens()); // raw-pointer reports it
    SourceLocation L = E->getOperatorLoc();
    if (!C.isUser(L))
      return true;
    const Expr *Sub = E->getSubExpr();
    if (E->isIncrementDecrementOp() && isRawPtr(Sub->getType()))
      C.report(L, Rule::PointerArithmetic,
               std::string("'") + UnaryOperator::getOpcodeStr(E->getOpcode()).str() +
                   "' on a raw pointer is not allowed");
    if (E->getOpcode() == UO_Deref && isRawPtr(Sub->getType()) &&
        !isThisLike(Sub) && !Sub->getType()->isFunctionPointerType())
      C.report(L, Rule::RawPointer, "dereferencing a raw pointer");
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *E) {
    SourceLocation L = E->getOperatorLoc();
    if (!C.isUser(L))
      return true;
    BinaryOperatorKind Op = E->getOpcode();
    bool LP = isRawPtr(E->getLHS()->getType());
    bool RP = isRawPtr(E->getRHS()->getType());
    if (((Op == BO_Add || Op == BO_Sub) && (LP || RP)) ||
        ((Op == BO_AddAssign || Op == BO_SubAssign) && LP))
      C.report(L, Rule::PointerArithmetic,
               "'" + E->getOpcodeStr().str() +
                   "' on a raw pointer (pointer arithmetic) is not allowed");
    if (Op == BO_PtrMemD || Op == BO_PtrMemI)
      C.report(L, Rule::RawPointer,
               "access through a pointer to member ('" +
                   E->getOpcodeStr().str() + "') is not allowed");
    return true;
  }

  bool VisitArraySubscriptExpr(ArraySubscriptExpr *E) {
    Expr *B = E->getBase();
    // The decay of the subscripted array is reported as raw-subscript only.
    for (Expr *X = B; X;) {
      if (auto *P = dyn_cast<ParenExpr>(X)) {
        X = P->getSubExpr();
      } else if (auto *IC = dyn_cast<ImplicitCastExpr>(X);
                 IC && IC->getCastKind() == CK_ArrayToPointerDecay) {
        Exempt.insert(IC);
        X = nullptr;
      } else {
        X = nullptr;
      }
    }
    SourceLocation L = E->getExprLoc();
    if (!C.isUser(L) || B->getType()->isVectorType())
      return true;
    const Expr *Stripped = B->IgnoreParenImpCasts();
    if (Stripped->getType()->isArrayType())
      C.report(L, Rule::RawSubscript,
               "subscripting the built-in array type '" +
                   typeStr(Stripped->getType(), Ctx) + "' is not bounds-checked");
    else
      C.report(L, Rule::RawSubscript, "subscripting a raw pointer");
    return true;
  }

  bool VisitMemberExpr(MemberExpr *E) {
    Names.reportInternalUse(E->getMemberLoc(), E->getMemberDecl());
    if (const auto *MD = dyn_cast<CXXMethodDecl>(E->getMemberDecl()))
      if (MD->isStatic() && !Callees.count(E) && !Decayed.count(E) &&
          !Unevaluated && C.isUser(E->getMemberLoc()))
        C.report(E->getMemberLoc(), Rule::IndirectCall,
                 "function '" + MD->getNameAsString() +
                     "' is used as a value: a call through it would be "
                     "indirect");
    if (!E->isArrow())
      return true;
    Expr *B = E->getBase();
    if (isThisLike(B))
      return true;
    // `trusted_handle->field`: the operator-> of an iu_rt type is the
    // sanctioned way to reach what it guards.
    if (auto *OC = dyn_cast<CXXOperatorCallExpr>(B->IgnoreParenImpCasts()))
      if (OC->getOperator() == OO_Arrow)
        if (const FunctionDecl *FD = OC->getDirectCallee())
          if (C.isTrustedOrSystem(FD->getLocation())) {
            for (Expr *X = B; X;) {
              Exempt.insert(X);
              X = X == OC ? nullptr
                  : isa<ImplicitCastExpr>(X)
                      ? cast<ImplicitCastExpr>(X)->getSubExpr()
                  : isa<ParenExpr>(X) ? cast<ParenExpr>(X)->getSubExpr()
                                      : nullptr;
            }
            return true;
          }
    SourceLocation L = E->getOperatorLoc();
    if (C.isUser(L) && isRawPtr(B->getType()))
      C.report(L, Rule::RawPointer, "member access through a raw pointer ('->')");
    return true;
  }

  bool VisitCallExpr(CallExpr *CE) {
    if (const Expr *Callee = CE->getCallee()) {
      const Expr *X = Callee->IgnoreParenImpCasts();
      if (isa<DeclRefExpr, MemberExpr>(X))
        Callees.insert(X);
    }
    // A direct call `f(x)` decays f to a pointer: that is not a pointer value.
    if (auto *IC = dyn_cast<ImplicitCastExpr>(CE->getCallee()))
      if (IC->getCastKind() == CK_FunctionToPointerDecay ||
          IC->getCastKind() == CK_BuiltinFnToFnPtr)
        Exempt.insert(IC);
    const FunctionDecl *FD = CE->getDirectCallee();
    if (FD && C.isTrustedOrSystem(FD->getLocation()))
      exemptStringLiteralArgs(CE->arguments());

    SourceLocation L = CE->getBeginLoc();
    if (isa<CXXOperatorCallExpr>(CE) || isa<CXXMemberCallExpr>(CE))
      L = CE->getExprLoc();
    if (!C.isUser(L))
      return true;

    if (unsigned ID = CE->getBuiltinCallee()) {
      llvm::StringRef Name = Ctx.BuiltinInfo.getName(ID);
      if (!isAllowedBuiltin(Name))
        reportBuiltin(L, Name);
      return true; // builtins are not variadic calls in the varargs sense
    }

    if (FD) {
      std::string QN = FD->getQualifiedNameAsString();
      llvm::StringRef N =
          FD->getDeclName().isIdentifier() ? FD->getName() : llvm::StringRef();
      // External C functions (declared in a refused header, or by the user,
      // which extern-decl reports): name the danger precisely. With
      // -ffreestanding clang does not treat them as builtins.
      bool External = !C.isUser(FD->getLocation()) || !FD->isDefined();
      if (External && FD->isExternC()) {
        static const llvm::StringSet<> Alloc = {
            "malloc", "calloc", "realloc", "free", "aligned_alloc", "alloca",
            "kmalloc", "kzalloc", "kfree", "vmalloc", "vfree", "posix_memalign"};
        static const llvm::StringSet<> Mem = {
            "memcpy", "memmove", "memset", "memcmp", "memchr", "memccpy",
            "mempcpy", "bcopy", "bzero", "explicit_bzero", "strlen", "strnlen",
            "strcpy", "strncpy", "strcat", "strncat", "strcmp", "strncmp",
            "strchr", "strrchr", "strstr", "stpcpy", "strdup", "strndup",
            "strtok", "strlcpy", "strlcat", "memset_explicit"};
        if (Alloc.count(N))
          C.report(L, Rule::DynamicMemory,
                   "call to allocation function '" + QN + "'");
        else if (Mem.count(N))
          C.report(L, Rule::Builtin,
                   "call to C library function '" + QN +
                       "' (reads or writes raw memory)");
      }
      if (QN == "std::addressof" || QN == "std::__addressof")
        C.report(L, Rule::RawPointer, "std::addressof yields a raw pointer");
      if (QN == "std::bit_cast" && CE->getNumArgs() == 1)
        Refs.onBitCast(CE);
      if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE))
        if (const CXXMethodDecl *MD = MCE->getMethodDecl())
          if (MD->isVirtual()) {
            const auto *ME =
                dyn_cast<MemberExpr>(MCE->getCallee()->IgnoreParens());
            if (!ME || !ME->hasQualifier())
              C.report(L, Rule::IndirectCall,
                       "call to the virtual function '" + QN +
                           "' is an indirect call");
          }
      switch (FD->getOverloadedOperator()) {
      case OO_New:
      case OO_Delete:
      case OO_Array_New:
      case OO_Array_Delete:
        C.report(L, Rule::DynamicMemory,
                 "calling '" + QN + "' is not allowed");
        break;
      default:
        break;
      }
      if (isa<CXXDestructorDecl>(FD))
        C.report(L, Rule::ExplicitDtor,
                 "explicit destructor call is not allowed (the object would "
                 "be destroyed twice)");
    }

    if (!FD && !CE->isTypeDependent() && !CE->isValueDependent() &&
        !isa<CXXPseudoDestructorExpr>(CE->getCallee()->IgnoreParens()))
      C.report(L, Rule::IndirectCall,
               "indirect call (through a function reference, a function "
               "pointer, a member pointer or a conversion)");

    // Calls to C-variadic functions (direct, member, or through a function
    // reference or pointer).
    bool Variadic = false;
    if (FD) {
      Variadic = FD->isVariadic();
    } else {
      QualType CT = CE->getCallee()->getType();
      if (const auto *PT = CT->getAs<PointerType>())
        CT = PT->getPointeeType();
      else if (const auto *MPT = CT->getAs<MemberPointerType>())
        CT = MPT->getPointeeType();
      if (const auto *FPT = CT->getAs<FunctionProtoType>())
        Variadic = FPT->isVariadic();
    }
    if (Variadic)
        C.report(L, Rule::Varargs,
                 "call to C-variadic function" +
                     (FD ? " '" + FD->getQualifiedNameAsString() + "'"
                         : std::string()));
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    const CXXConstructorDecl *Ctor = E->getConstructor();
    if (Ctor && C.isTrustedOrSystem(Ctor->getLocation()))
      exemptStringLiteralArgs(E->arguments());
    if (Ctor && Ctor->isVariadic() && C.isUser(E->getBeginLoc()))
      C.report(E->getBeginLoc(), Rule::Varargs,
               "call to C-variadic constructor");
    return true;
  }

  bool VisitCXXNewExpr(CXXNewExpr *E) {
    if (C.isUser(E->getBeginLoc()))
      C.report(E->getBeginLoc(), Rule::DynamicMemory,
               std::string(E->getNumPlacementArgs() ? "placement " : "") +
                   "new expression is not allowed");
    return true;
  }

  bool VisitCXXDeleteExpr(CXXDeleteExpr *E) {
    if (C.isUser(E->getBeginLoc()))
      C.report(E->getBeginLoc(), Rule::DynamicMemory,
               "delete expression is not allowed");
    return true;
  }

  bool VisitVAArgExpr(VAArgExpr *E) {
    if (C.isUser(E->getBeginLoc()))
      C.report(E->getBeginLoc(), Rule::Varargs, "va_arg is not allowed");
    return true;
  }

  bool VisitAddrLabelExpr(AddrLabelExpr *E) {
    if (C.isUser(E->getBeginLoc()))
      C.report(E->getBeginLoc(), Rule::ComputedGoto,
               "taking the address of a label ('&&label') is not allowed");
    return true;
  }

  bool VisitBuiltinBitCastExpr(BuiltinBitCastExpr *E) {
    if (C.isUser(E->getBeginLoc()))
      C.report(E->getBeginLoc(), Rule::Builtin,
               "__builtin_bit_cast is not allowed; use std::bit_cast");
    return true;
  }

  bool VisitAtomicExpr(AtomicExpr *E) {
    if (C.isUser(E->getBeginLoc()))
      C.report(E->getBeginLoc(), Rule::Builtin,
               "atomic builtins operate on raw memory and are not allowed; "
               "use iu_rt atomics");
    return true;
  }

  bool VisitShuffleVectorExpr(ShuffleVectorExpr *E) {
    if (C.isUser(E->getBeginLoc()))
      C.report(E->getBeginLoc(), Rule::Builtin,
               "__builtin_shufflevector is not allowed");
    return true;
  }

  bool VisitConvertVectorExpr(ConvertVectorExpr *E) {
    if (C.isUser(E->getBeginLoc()))
      C.report(E->getBeginLoc(), Rule::Builtin,
               "__builtin_convertvector is not allowed");
    return true;
  }

  bool VisitCoroutineSuspendExpr(CoroutineSuspendExpr *E) {
    if (C.isUser(E->getBeginLoc()))
      C.report(E->getBeginLoc(), Rule::Coroutine,
               "co_await/co_yield are not allowed");
    return true;
  }

  bool VisitInitListExpr(InitListExpr *E) {
    QualType T = E->getType();
    const RecordDecl *RD = T.isNull() ? nullptr : T->getAsRecordDecl();
    if (!RD || T->isDependentType())
      return true;
    SourceLocation L = E->getBeginLoc();
    if (!C.isUser(L) || !C.isTrustedOrSystem(RD->getLocation()))
      return true;
    if (holdsPointer(T))
      C.report(L, Rule::RawPointer,
               "aggregate initialisation of '" + typeStr(T, Ctx) +
                   "', which holds raw pointers, would forge a pointer");
    return true;
  }

  bool VisitLambdaExpr(LambdaExpr *LE) {
    if (CXXMethodDecl *Op = LE->getCallOperator()) {
      // (a generic lambda's instantiations are visited as functions)
      if (!LE->getDependentCallOperator() && C.isUser(LE->getBeginLoc()))
        checkFunctionBody(Op);
      checkDeclAttrs(Op);
      if (Op->isVariadic() && C.isUser(LE->getBeginLoc()))
        C.report(LE->getBeginLoc(), Rule::Varargs,
                 "C-style variadic lambda is not allowed");
    }
    return true;
  }

  // ---- references, names, indirect calls (Rules.h) ------------------------------
  bool VisitCXXForRangeStmt(CXXForRangeStmt *S) {
    Refs.onForRange(S);
    return true;
  }

  bool VisitStmtExpr(StmtExpr *E) {
    Refs.onStmtExpr(E);
    return true;
  }

  bool VisitUsingDecl(UsingDecl *U) {
    Refs.onInheritingCtors(U);
    for (const UsingShadowDecl *SD : U->shadows())
      Names.reportInternalUse(U->getLocation(), SD->getTargetDecl());
    return true;
  }

  bool VisitUsingDirectiveDecl(UsingDirectiveDecl *U) {
    Names.reportInternalUse(U->getLocation(), U->getNominatedNamespace());
    return true;
  }

  bool VisitNamespaceAliasDecl(NamespaceAliasDecl *A) {
    Names.reportInternalUse(A->getLocation(), A->getNamespace());
    return true;
  }

  bool VisitNamedDecl(NamedDecl *D) {
    Names.onNamedDecl(D);
    return true;
  }

  bool VisitClassTemplateSpecializationDecl(ClassTemplateSpecializationDecl *S) {
    Refs.onSpecialization(S); // trusted templates too: iu::plain_data/value
    return true;
  }

  bool VisitCXXRecordDecl(CXXRecordDecl *RD) {
    Refs.onRecord(RD);
    if (!RD->isThisDeclarationADefinition() || !C.isUser(RD->getLocation()))
      return true;
    for (const CXXBaseSpecifier &B : RD->bases())
      if (B.isVirtual())
        C.report(B.getBeginLoc(), Rule::IndirectCall,
                 "virtual base '" + typeStr(B.getType(), Ctx) +
                     "': it is reached through the vtable");
    return true;
  }

  bool VisitImplicitCastExpr(ImplicitCastExpr *E) {
    if (E->getCastKind() == CK_FunctionToPointerDecay)
      Decayed.insert(E->getSubExpr()->IgnoreParens()); // raw-pointer reports it
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    SourceLocation L = E->getLocation();
    Names.reportInternalUse(L, E->getDecl());
    if (isa<FunctionDecl>(E->getDecl()) && !Unevaluated && !Callees.count(E) &&
        !Decayed.count(E) && C.isUser(L) && !C.placedByTrustedMacro(L))
      C.report(L, Rule::IndirectCall,
               "function '" + E->getDecl()->getNameAsString() +
                   "' is used as a value (a function reference): a call "
                   "through it would be indirect");
    return true;
  }

  bool VisitConceptSpecializationExpr(ConceptSpecializationExpr *E) {
    Names.reportInternalUse(E->getConceptNameLoc(), E->getNamedConcept());
    return true;
  }

  bool TraverseNestedNameSpecifierLoc(NestedNameSpecifierLoc NNS) {
    if (NNS)
      Names.onNestedNameSpecifier(NNS);
    return Base::TraverseNestedNameSpecifierLoc(NNS);
  }

  bool VisitTagTypeLoc(TagTypeLoc TL) {
    Names.reportInternalUse(TL.getNameLoc(), TL.getDecl());
    return true;
  }

  bool VisitTemplateSpecializationTypeLoc(TemplateSpecializationTypeLoc TL) {
    if (TemplateDecl *TD = TL.getTypePtr()->getTemplateName().getAsTemplateDecl())
      Names.reportInternalUse(TL.getTemplateNameLoc(), TD);
    return true;
  }

  // ---- types as written -----------------------------------------------------------
  bool VisitPointerTypeLoc(PointerTypeLoc TL) {
    SourceLocation L = TL.getStarLoc();
    if (C.isUser(L))
      C.report(L, Rule::RawPointer,
               "raw pointer type '" + typeStr(TL.getType(), Ctx) +
                   "' is not allowed");
    return true;
  }

  bool VisitMemberPointerTypeLoc(MemberPointerTypeLoc TL) {
    SourceLocation L = TL.getStarLoc();
    if (C.isUser(L))
      C.report(L, Rule::RawPointer,
               "pointer-to-member type '" + typeStr(TL.getType(), Ctx) +
                   "' is not allowed");
    return true;
  }

  bool VisitBlockPointerTypeLoc(BlockPointerTypeLoc TL) {
    SourceLocation L = TL.getCaretLoc();
    if (C.isUser(L))
      C.report(L, Rule::RawPointer, "block pointer types are not allowed");
    return true;
  }

  bool VisitBuiltinTypeLoc(BuiltinTypeLoc TL) {
    SourceLocation L = TL.getBeginLoc();
    if (TL.getType()->isFloatingType() && C.isUser(L))
      C.report(L, Rule::FloatingPoint,
               "floating-point type '" + typeStr(TL.getType(), Ctx) +
                   "' is not allowed");
    return true;
  }

  bool VisitTypedefTypeLoc(TypedefTypeLoc TL) {
    SourceLocation L = TL.getBeginLoc();
    Names.reportInternalUse(TL.getNameLoc(), TL.getTypedefNameDecl());
    llvm::StringRef N = TL.getTypedefNameDecl()->getName();
    if ((N == "__builtin_va_list" || N == "va_list" || N == "__gnuc_va_list" ||
         N == "__builtin_ms_va_list") &&
        C.isUser(L))
      C.report(L, Rule::Varargs, "va_list is not allowed");
    return true;
  }

  bool VisitVectorTypeLoc(VectorTypeLoc TL) { return vectorTL(TL); }
  bool VisitExtVectorTypeLoc(ExtVectorTypeLoc TL) { return vectorTL(TL); }
  bool VisitDependentVectorTypeLoc(DependentVectorTypeLoc TL) {
    return vectorTL(TL);
  }
  bool VisitMatrixTypeLoc(MatrixTypeLoc TL) { return vectorTL(TL); }

  bool VisitAttributedTypeLoc(AttributedTypeLoc TL) {
    const Attr *A = TL.getAttr();
    SourceLocation L = A && A->getLocation().isValid() ? A->getLocation()
                                                       : TL.getBeginLoc();
    if (!isAllowedTypeAttr(TL.getAttrKind()) && C.isUser(L))
      C.report(L, Rule::Attribute,
               "type attribute '" + (A ? attrName(A) : std::string("?")) +
                   "' is not allowed");
    return true;
  }

  bool VisitQualifiedTypeLoc(QualifiedTypeLoc TL) {
    SourceLocation L = TL.getBeginLoc();
    if (!C.isUser(L))
      return true;
    Qualifiers Q = TL.getType().getLocalQualifiers();
    if (Q.hasRestrict())
      C.report(L, Rule::Restrict, "__restrict qualifier is not allowed");
    if (Q.hasAddressSpace())
      C.report(L, Rule::Attribute,
               "address-space qualifiers (__seg_gs, __seg_fs, "
               "address_space) are not allowed");
    return true;
  }

  bool VisitFunctionProtoTypeLoc(FunctionProtoTypeLoc TL) {
    SourceLocation L = TL.getLParenLoc();
    if (!C.isUser(L))
      return true;
    const FunctionProtoType *FT = TL.getTypePtr();
    if (FT->isVariadic())
      C.report(L, Rule::Varargs, "C-style variadic function type");
    if (FT->getExtInfo().getNoCfCheck())
      C.report(L, Rule::Attribute, "nocf_check is not allowed");
    return true;
  }

private:
  /// The rules that look at a whole user function (or lambda call operator).
  void checkFunctionBody(FunctionDecl *F) {
    Refs.onFunction(F);
    if (auto *CD = dyn_cast<CXXConstructorDecl>(F))
      Refs.onConstructor(CD);
    if (F->doesThisDeclarationHaveABody() && !F->isDependentContext())
      checkJumps(C, F->getBody());
  }

  template <typename TL> bool vectorTL(TL T) {
    SourceLocation L = T.getBeginLoc();
    if (C.isUser(L))
      C.report(L, Rule::VectorType, "vector and matrix types are not allowed");
    return true;
  }

  void reportBuiltin(SourceLocation L, llvm::StringRef Name) {
    if (Name == "addressof" || Name == "__addressof" ||
        Name == "__builtin_addressof") {
      C.report(L, Rule::RawPointer,
               "std::addressof / __builtin_addressof yields a raw pointer");
      return;
    }
    if (Name.startswith("__builtin_alloca") || Name == "alloca" ||
        Name == "malloc" || Name == "calloc" || Name == "realloc" ||
        Name == "free" || Name == "aligned_alloc" ||
        Name == "__builtin_malloc" || Name == "__builtin_calloc" ||
        Name == "__builtin_realloc" || Name == "__builtin_free" ||
        Name.startswith("__builtin_operator_")) {
      C.report(L, Rule::DynamicMemory,
               "call to allocation builtin '" + Name + "'");
      return;
    }
    if (Name.startswith("__builtin_va_") || Name == "__builtin_c23_va_start" ||
        Name == "__va_start" || Name.startswith("__builtin_ms_va_")) {
      C.report(L, Rule::Varargs, "'" + Name + "' is not allowed");
      return;
    }
    C.report(L, Rule::Builtin,
             "call to compiler builtin '" + Name +
                 "' is not allowed (it can read or write raw memory, machine "
                 "state, or let the optimiser assume facts)");
  }

  /// A string literal (or __func__) passed directly to a trusted function may
  /// decay to `const char *`; exempt the decay and any implicit conversions
  /// on top of it.
  template <typename Range> void exemptStringLiteralArgs(Range Args) {
    for (Expr *A : Args) {
      llvm::SmallVector<Expr *, 4> Chain;
      bool SawDecay = false;
      Expr *X = A;
      while (true) {
        if (auto *P = dyn_cast<ParenExpr>(X)) {
          Chain.push_back(X);
          X = P->getSubExpr();
        } else if (auto *IC = dyn_cast<ImplicitCastExpr>(X)) {
          Chain.push_back(X);
          if (IC->getCastKind() == CK_ArrayToPointerDecay)
            SawDecay = true;
          X = IC->getSubExpr();
        } else
          break;
      }
      if (SawDecay && isa<StringLiteral, PredefinedExpr>(X))
        for (Expr *E : Chain)
          Exempt.insert(E);
    }
  }

  void checkDeclAttrs(Decl *D) {
    if (!D->hasAttrs())
      return;
    for (const Attr *A : D->attrs()) {
      if (A->isInherited())
        continue;
      SourceLocation L =
          A->getLocation().isValid() ? A->getLocation() : D->getLocation();
      if (L.isInvalid() || !C.isUser(L))
        continue;
      unsigned K = A->getKind();
      bool Bad = A->isImplicit() ? isDeniedImplicitAttr(K)
                                 : !isAllowedDeclAttr(K);
      if (!Bad)
        continue;
      if (K == attr::AsmLabel) {
        C.report(L, Rule::InlineAsm,
                 "asm labels (including register variables bound to a "
                 "register) are not allowed");
        continue;
      }
      C.report(L, Rule::Attribute,
               "attribute '" + attrName(A) +
                   "' is not allowed in extension code");
    }
  }

  void checkDeclType(SourceLocation L, QualType T, const std::string &What) {
    if (T.isNull())
      return;
    TypeFacts F = factsOf(T);
    std::string TS = typeStr(T, Ctx);
    if (F.Ptr)
      C.report(L, Rule::RawPointer,
               What + " has a raw pointer type ('" + TS + "')");
    if (F.Float)
      C.report(L, Rule::FloatingPoint,
               What + " has a floating-point type ('" + TS + "')");
    if (F.VaList)
      C.report(L, Rule::Varargs, What + " uses va_list");
    if (F.Vector)
      C.report(L, Rule::VectorType, What + " has a vector type");
    if (F.Restrict)
      C.report(L, Rule::Restrict, What + " is __restrict-qualified");
    if (F.AddrSpace)
      C.report(L, Rule::Attribute,
               What + " has an address-space qualified type ('" + TS + "')");
    if (F.Vla)
      C.report(L, Rule::Vla, What + " is a variable-length array");
    if (F.Variadic)
      C.report(L, Rule::Varargs, What + " involves a C-variadic function type");
    if (F.OddCall)
      C.report(L, Rule::Attribute,
               What + " uses a non-default calling convention or nocf_check");
  }

  template <typename DeclT>
  void checkRedeclOfTrusted(DeclT *D, const std::string &Name) {
    for (auto *R : D->redecls()) {
      if (R == D)
        continue;
      if (R->isImplicit())
        continue;
      if (C.isTrustedOrSystem(R->getLocation())) {
        C.report(D->getLocation(), Rule::TrustedDecl,
                 "redeclaration of " + Name +
                     ", which is declared by iu_rt or the standard library");
        C.note(R->getLocation(), "previous declaration is here");
        return;
      }
    }
  }

  void checkFloatExpr(Expr *E, SourceLocation L) {
    if (isa<FloatingLiteral>(E)) {
      C.report(L, Rule::FloatingPoint, "floating-point literal is not allowed");
      return;
    }
    if (!isFloatTy(E->getType()))
      return;
    for (Stmt *Ch : E->children())
      if (auto *CE = dyn_cast_or_null<Expr>(Ch))
        if (isFloatTy(CE->getType()) && C.isUser(CE->getExprLoc()))
          return; // reported at the operand
    C.report(L, Rule::FloatingPoint,
             "floating-point expression of type '" +
                 typeStr(E->getType(), Ctx) + "'");
  }

  bool flaggablePtr(const Expr *E) {
    return E && isRawPtr(E->getType()) && !Exempt.count(E) && !isThisLike(E) &&
           !isa<CXXDefaultArgExpr, CXXDefaultInitExpr, ImplicitValueInitExpr>(
               E) &&
           C.isUser(E->getExprLoc());
  }

  /// Report the expression that *produces* a pointer value: an expression of
  /// pointer type none of whose operands is itself a reported pointer.
  void checkPointerExpr(Expr *E, SourceLocation L) {
    if (Unevaluated)
      return;
    if (!isRawPtr(E->getType()) || Exempt.count(E) || isThisLike(E))
      return;
    if (isa<CXXNewExpr, AddrLabelExpr>(E))
      return; // reported by dynamic-memory / computed-goto
    for (Stmt *Ch : E->children())
      if (flaggablePtr(dyn_cast_or_null<Expr>(Ch)))
        return;
    std::string TS = typeStr(E->getType(), Ctx);
    if (auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_AddrOf) {
      C.report(L, Rule::RawPointer,
               "taking an address with unary '&' yields a raw pointer ('" + TS +
                   "')");
      return;
    }
    if (auto *IC = dyn_cast<ImplicitCastExpr>(E)) {
      switch (IC->getCastKind()) {
      case CK_ArrayToPointerDecay:
        C.report(L, Rule::RawPointer,
                 "array-to-pointer decay of '" +
                     typeStr(IC->getSubExpr()->getType(), Ctx) +
                     "' yields a raw pointer; pass arrays by reference");
        return;
      case CK_FunctionToPointerDecay:
        C.report(L, Rule::RawPointer,
                 "using a function as a value yields a function pointer; "
                 "call it directly or wrap it in a lambda");
        return;
      case CK_NullToPointer:
      case CK_NullToMemberPointer:
        C.report(L, Rule::RawPointer,
                 "conversion of a null constant to a raw pointer ('" + TS +
                     "')");
        return;
      default:
        break;
      }
    }
    if (auto *CE = dyn_cast<CallExpr>(E)) {
      const FunctionDecl *FD = CE->getDirectCallee();
      C.report(L, Rule::RawPointer,
               "call" +
                   (FD ? " to '" + FD->getQualifiedNameAsString() + "'"
                       : std::string()) +
                   " returns a raw pointer ('" + TS + "')");
      return;
    }
    C.report(L, Rule::RawPointer,
             "expression of raw pointer type '" + TS + "'");
  }

  Context &C;
  ASTContext &Ctx;
  RefRules Refs;
  NameRules Names;
  llvm::DenseSet<const Expr *> Exempt;
  llvm::DenseSet<const Expr *> Callees; ///< callees of direct calls
  llvm::DenseSet<const Expr *> Decayed; ///< functions under & or decay
  unsigned Unevaluated = 0;
  bool ReportedModule = false;
  llvm::DenseSet<unsigned> ScopedIncludes; // headers reported by checkIncludedAtFileScope
};

class SafeConsumer : public ASTConsumer {
public:
  explicit SafeConsumer(std::shared_ptr<Context> C) : C(std::move(C)) {}
  void HandleTranslationUnit(ASTContext &Ctx) override {
    for (const std::string &Why : C->missingFlags())
      C->report(C->SM.getLocForStartOfFile(C->SM.getMainFileID()),
                Rule::BuildFlags, "code generation without " + Why);
    Checker V(*C, Ctx);
    V.TraverseDecl(Ctx.getTranslationUnitDecl());
  }

private:
  std::shared_ptr<Context> C;
};

} // namespace

std::unique_ptr<clang::ASTConsumer> makeASTChecks(std::shared_ptr<Context> C) {
  return std::make_unique<SafeConsumer>(std::move(C));
}

} // namespace iusafe
