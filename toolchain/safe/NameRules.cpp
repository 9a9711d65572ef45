//===- NameRules.cpp - internal-name and reserved-name ----------------------===//
//
//   internal-name  user code names an iu_rt internal: anything in iu::rt or
//                  iu::detail (the raw helper declarations, unchecked
//                  building blocks), or a global-namespace declaration of an
//                  iu_rt header (memcpy, __iu_entry_*, __ubsan_*...). The
//                  test is on the declaration referred to, whatever the
//                  spelling: qualified, through using-declarations,
//                  using-directives, namespace aliases or ADL. Tokens spelled
//                  in iu_rt's macros are trusted code and not checked.
//   reserved-name  user declarations with reserved identifiers (__x, _X, and
//                  _x in the global namespace), global-namespace variables
//                  with external linkage, and main: these are the only user
//                  entities whose symbol is not a mangled C++ name, so they
//                  could take the place of a helper, runtime, toolchain or
//                  kernel symbol (a global `int iu_rt_tick;` would receive the
//                  guard pass's calls). Every other user symbol is mangled
//                  (_Z...) and cannot collide.
//===----------------------------------------------------------------------===//
#include "Rules.h"

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/NestedNameSpecifier.h"

using namespace clang;

namespace iusafe {

static bool isIuInternalNamespace(const NamespaceDecl *NS) {
  // rt or detail, anywhere inside the top-level namespace iu.
  bool Internal = false;
  const NamespaceDecl *Top = NS;
  for (const DeclContext *X = NS; X && !X->isTranslationUnit(); X = X->getParent()) {
    if (const auto *N = dyn_cast<NamespaceDecl>(X)) {
      if (N->getName() == "rt" || N->getName() == "detail")
        Internal = true;
      Top = N;
    }
  }
  return Internal && Top->getName() == "iu" &&
         Top->getParent()->getRedeclContext()->isTranslationUnit();
}

bool NameRules::isInternal(const Decl *D) {
  if (!D || C.classify(D->getLocation()) != Origin::Trusted)
    return false;
  if (const auto *NS = dyn_cast<NamespaceDecl>(D))
    return isIuInternalNamespace(NS);
  const DeclContext *DC = D->getDeclContext();
  if (DC->getRedeclContext()->isTranslationUnit())
    return true; // iu_rt's global symbols
  for (; DC && !DC->isTranslationUnit(); DC = DC->getParent())
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC))
      if (isIuInternalNamespace(NS))
        return true;
  return false;
}

void NameRules::reportInternalUse(SourceLocation L, const Decl *D) {
  if (L.isInvalid() || !C.isUser(L) || !isInternal(D))
    return;
  std::string N = isa<NamedDecl>(D) ? cast<NamedDecl>(D)->getQualifiedNameAsString()
                                    : std::string("declaration");
  C.report(L, Rule::InternalName,
           "'" + N + "' is an internal of iu_rt, not part of its API");
}

void NameRules::onNestedNameSpecifier(NestedNameSpecifierLoc Q) {
  // One component; the visitor calls this for each prefix.
  NestedNameSpecifier *N = Q.getNestedNameSpecifier();
  if (!N)
    return;
  const Decl *D = nullptr;
  switch (N->getKind()) {
  case NestedNameSpecifier::Namespace:
    D = N->getAsNamespace();
    break;
  case NestedNameSpecifier::NamespaceAlias:
    D = N->getAsNamespaceAlias()->getNamespace();
    break;
  case NestedNameSpecifier::TypeSpec:
  case NestedNameSpecifier::TypeSpecWithTemplate:
    if (const Type *T = N->getAsType())
      D = T->getAsTagDecl();
    break;
  default:
    break;
  }
  reportInternalUse(Q.getLocalBeginLoc(), D);
}

void NameRules::onNamedDecl(const NamedDecl *D) {
  if (D->isImplicit() || !C.isUser(D->getLocation()))
    return;
  if (D->getIdentifier() &&
      D->isReserved(Ctx.getLangOpts()) != ReservedIdentifierStatus::NotReserved)
    C.report(D->getLocation(), Rule::ReservedName,
             "'" + D->getName() + "' is a reserved identifier");
  if (const auto *V = dyn_cast<VarDecl>(D)) {
    if (isa<ParmVarDecl, DecompositionDecl, VarTemplateSpecializationDecl>(V) ||
        V->getDescribedVarTemplate() || V->isStaticDataMember() ||
        !V->getDeclContext()->getRedeclContext()->isTranslationUnit() ||
        V->isThisDeclarationADefinition() == VarDecl::DeclarationOnly)
      return;
    if (V->hasExternalFormalLinkage())
      C.report(V->getLocation(), Rule::ReservedName,
               "global variable '" + V->getName() +
                   "' has external linkage, so its symbol is its plain name, "
                   "which helpers, the runtime and the kernel may also use; "
                   "declare it static or put it in a namespace");
  }
}

} // namespace iusafe
