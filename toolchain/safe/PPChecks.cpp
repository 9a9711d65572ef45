//===- PPChecks.cpp - preprocessor-level rules of iu-safe -----------------===//
//
// include  - #include/#include_next/#import policy (see IuSafe.h); and a
//            file that trusted code includes with quotes from outside the
//            trusted directories (iu_rt's checked part) is user code
// pragma   - #pragma and _Pragma allowlist
// macro    - user macros named like keywords / reserved identifiers / IU_*,
//            user macros (in the file or -D on the command line) expanded
//            inside trusted or system headers (which would let user code
//            rewrite iu_rt, e.g. `#define size_ cap_`), iu_rt's internal
//            macros invoked from user code, and program macros given
//            anything but plain names
// module   - C++20 import
//===----------------------------------------------------------------------===//
#include "IuSafe.h"

#include "clang/Basic/IdentifierTable.h"
#include "clang/Lex/Lexer.h"
#include "clang/Lex/MacroArgs.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/PPCallbacks.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/Path.h"

#include <memory>

using namespace clang;

namespace iusafe {
namespace {

class PPChecks : public PPCallbacks {
public:
  PPChecks(Preprocessor &PP, std::shared_ptr<Context> Owner)
      : PP(PP), Owner(std::move(Owner)), C(*this->Owner) {}

  void InclusionDirective(SourceLocation HashLoc, const Token &IncludeTok,
                          StringRef FileName, bool IsAngled,
                          CharSourceRange FilenameRange,
                          OptionalFileEntryRef File, StringRef SearchPath,
                          StringRef RelativePath, const Module *Imported,
                          SrcMgr::CharacteristicKind FileType) override {
    if (C.isTrusted(HashLoc) && !IsAngled && File) {
      // Trusted code's quoted include of a file outside the trusted
      // directories is the runtime's checked part: user code.
      std::string RP = C.realPath(File->getName());
      if (!RP.empty() && !C.underTrusted(RP))
        C.markIncludedFromTrusted(RP);
    }
    if (!C.isUser(HashLoc))
      return; // trusted and system headers may include what they need
    SourceLocation Loc = FilenameRange.getBegin().isValid()
                             ? FilenameRange.getBegin()
                             : HashLoc;
    std::string Spelled = (IsAngled ? "<" : "\"") + FileName.str() +
                          (IsAngled ? ">" : "\"");
    if (!File)
      return; // clang already reports "file not found" (fatal)
    std::string RP = C.realPath(File->getName());
    if (!RP.empty() && C.underTrusted(RP))
      return; // iu_rt
    if (isAllowedSystemHeader(FileName) && SrcMgr::isSystem(FileType) &&
        !C.underUserRoot(RP))
      return; // freestanding allowlist, found in a system include dir
    if (!IsAngled && !RP.empty() && C.underUserRoot(RP))
      return; // user's own header: checked as user code
    std::string Why;
    if (!IsAngled && !RP.empty() && !SrcMgr::isSystem(FileType))
      Why = "#include " + Spelled + " resolves to '" + RP +
            "', outside the program's source tree and the trusted iu_rt "
            "directory";
    else if (IsAngled && !RP.empty() && C.underUserRoot(RP))
      Why = "#include " + Spelled +
            " names a header of the program with <...>; include your own "
            "headers with quotes";
    else
      Why = "#include " + Spelled + " is not allowed in extension code";
    // A file that is not a system header found in a system directory may
    // be anything on the building machine (a key, /etc/shadow): refuse it
    // fatally, so that clang reports nothing of what it then reads.
    // (The program's own headers, reached wrongly, are not secret.)
    bool Foreign = !(RP.empty() || C.underUserRoot(RP)) &&
                   (!SrcMgr::isSystem(FileType) || llvm::sys::path::is_absolute(FileName) ||
                    llvm::StringRef(FileName).contains(".."));
    C.report(Loc, Rule::Include, Why,
             "only <iu/...> (iu_rt), your own headers included with quotes, "
             "and the freestanding headers " +
                 allowedSystemHeaderList() + " may be included",
             Foreign);
  }

  // __has_include answers whether a file exists: from user code only for
  // names the include rule could allow (no absolute path, no "..", nothing
  // that resolves outside the program, iu_rt and the system directories),
  // so a program cannot probe the building machine's files.
  void HasInclude(SourceLocation Loc, StringRef FileName, bool IsAngled,
                  OptionalFileEntryRef File,
                  SrcMgr::CharacteristicKind FileType) override {
    if (!C.isUser(Loc))
      return;
    bool Outside = llvm::sys::path::is_absolute(FileName) || FileName.contains("..");
    if (!Outside && File) {
      std::string RP = C.realPath(File->getName());
      Outside = RP.empty() ||
                !(C.underTrusted(RP) || C.underUserRoot(RP) || SrcMgr::isSystem(FileType));
    }
    if (Outside)
      C.report(Loc, Rule::Include,
               "__has_include(" + std::string(IsAngled ? "<" : "\"") + FileName.str() +
                   (IsAngled ? ">" : "\"") +
                   ") asks about a file outside the program's source tree and iu_rt",
               "ask only about your own headers, <iu/...> and the freestanding headers");
  }

  void moduleImport(SourceLocation ImportLoc, ModuleIdPath Path,
                    const Module *Imported) override {
    if (C.isUser(ImportLoc))
      C.report(ImportLoc, Rule::Module, "module import is not allowed");
  }

  void PragmaDirective(SourceLocation Loc,
                       PragmaIntroducerKind Introducer) override {
    if (!C.isUser(Loc))
      return;
    // The current lexer is positioned just after `#pragma` (or at the start of
    // the destringized _Pragma/__pragma text): read up to three words.
    PreprocessorLexer *PL = PP.getCurrentLexer();
    if (!PL) {
      C.report(Loc, Rule::Pragma, "this pragma is not allowed");
      return;
    }
    const char *P = static_cast<Lexer *>(PL)->getBufferLocation();
    llvm::SmallVector<std::string, 3> Words;
    std::string Text;
    for (unsigned N = 0; P && *P && *P != '\n' && N < 200; ++P, ++N) {
      if (*P == '\\' && P[1] == '\n') {
        ++P;
        continue;
      }
      Text += *P;
    }
    llvm::StringRef T(Text);
    while (Words.size() < 3) {
      T = T.ltrim(" \t\r\f\v(");
      size_t I = 0;
      while (I < T.size() && (isalnum((unsigned char)T[I]) || T[I] == '_'))
        ++I;
      if (I == 0)
        break;
      Words.push_back(T.substr(0, I).str());
      T = T.substr(I);
    }
    // `#pragma clang diagnostic push` is three words; `clang diagnostic
    // ignored "-W..."` keeps "ignored" as the third word.
    llvm::StringRef W0 = Words.size() > 0 ? llvm::StringRef(Words[0]) : "";
    llvm::StringRef W1 = Words.size() > 1 ? llvm::StringRef(Words[1]) : "";
    llvm::StringRef W2 = Words.size() > 2 ? llvm::StringRef(Words[2]) : "";
    if (isAllowedPragma(W0, W1, W2))
      return;
    std::string Name = W0.str();
    if (!W1.empty() && (W0 == "clang" || W0 == "GCC" || W0 == "STDC" ||
                        W0 == "omp"))
      Name += " " + W1.str();
    if (W1 == "diagnostic")
      Name += " " + W2.str();
    C.report(Loc, Rule::Pragma,
             "'#pragma " + Name + "' is not allowed in extension code");
  }

  void MacroDefined(const Token &MacroNameTok,
                    const MacroDirective *MD) override {
    checkMacroName(MacroNameTok, "#define");
  }

  void MacroUndefined(const Token &MacroNameTok, const MacroDefinition &MD,
                      const MacroDirective *Undef) override {
    checkMacroName(MacroNameTok, "#undef");
  }

  void MacroExpands(const Token &MacroNameTok, const MacroDefinition &MD,
                    SourceRange Range, const MacroArgs *Args) override {
    const MacroInfo *MI = MD.getMacroInfo();
    if (!MI || MI->isBuiltinMacro())
      return;
    SourceLocation DefLoc = MI->getDefinitionLoc();
    if (DefLoc.isInvalid())
      return;
    const IdentifierInfo *II = MacroNameTok.getIdentifierInfo();
    StringRef Name = II ? II->getName() : StringRef("?");
    if (C.isTrusted(DefLoc)) {
      checkTrustedMacroUse(MacroNameTok, Name, MI, Args);
      return;
    }
    if (!isUserMacro(DefLoc))
      return; // predefined or system macro
    if (!C.isTrustedOrSystem(MacroNameTok.getLocation()))
      return;
    if (!Reported.insert(MI).second)
      return;
    bool CmdLine = !C.SM.getFileEntryRefForID(
        C.SM.getFileID(C.SM.getSpellingLoc(DefLoc)));
    C.report(CmdLine ? MacroNameTok.getLocation() : DefLoc, Rule::Macro,
             "macro '" + Name + "' defined " +
                 (CmdLine ? "on the command line (-D)" : "in user code") +
                 " is expanded inside a trusted or system header, where it "
                 "would change the meaning of trusted code",
             CmdLine ? "choose a -D name that iu_rt and the headers it "
                       "includes do not use"
                     : "rename the macro, or #undef it before including "
                       "trusted or standard headers");
    if (!CmdLine)
      C.note(MacroNameTok.getLocation(), "expanded here");
  }

private:
  // A macro of iu_rt's own, expanded from user code (the macro's name is
  // spelled in the user's file, not in another trusted macro): its tokens
  // are trusted, so only the public macros may be used this way, and those
  // only with the arguments they are written for.
  void checkTrustedMacroUse(const Token &Tok, StringRef Name,
                            const MacroInfo *MI, const MacroArgs *Args) {
    if (!C.isUser(Tok.getLocation()))
      return; // used by trusted code (a public macro's body)
    if (Name.endswith("_") || Name.startswith("IU_RT_") ||
        Name.startswith("__")) {
      C.report(Tok.getLocation(), Rule::Macro,
               "macro '" + Name +
                   "' is internal to iu_rt: its expansion is trusted, so "
                   "user code may not invoke it",
               "use the public macros (IU_KPROBE, IU_KRETPROBE, "
               "IU_TRACEPOINT, IU_LICENSE, IU_FIELD)");
      return;
    }
    // The program macros paste, stringize and call their arguments in
    // trusted tokens: each argument must be one plain token (a name that is
    // not itself a macro, or for the symbol, name+offset), so that every
    // use of it means the same thing.
    bool Program = Name == "IU_KPROBE" || Name == "IU_KRETPROBE" ||
                   Name == "IU_TRACEPOINT";
    if (!Program || !Args)
      return;
    for (unsigned I = 0, N = MI->getNumParams(); I < N; ++I) {
      const Token *T = Args->getUnexpArgument(I);
      unsigned Len = MacroArgs::getArgLength(T);
      bool Ok = Len >= 1 && T[0].is(tok::identifier);
      // IU_K(RET)PROBE(symbol+offset, fn)
      if (Ok && Len == 3 && I == 0 && Name != "IU_TRACEPOINT")
        Ok = T[1].is(tok::plus) && T[2].is(tok::numeric_constant);
      else if (Ok)
        Ok = Len == 1;
      for (unsigned J = 0; Ok && J < Len; ++J)
        if (const IdentifierInfo *AI = T[J].getIdentifierInfo())
          Ok = !PP.isMacroDefined(AI);
      if (Ok)
        continue;
      C.report(Len ? T[0].getLocation() : Tok.getLocation(), Rule::Macro,
               "argument " + llvm::Twine(I + 1) + " of " + Name +
                   " must be a plain name (not a macro, not an expression)" +
                   (I == 0 && Name != "IU_TRACEPOINT" ? ", or symbol+offset"
                                                      : ""));
    }
  }

  bool isUserMacro(SourceLocation DefLoc) {
    SourceLocation Sp = C.SM.getSpellingLoc(DefLoc);
    if (C.SM.getFileEntryRefForID(C.SM.getFileID(Sp)))
      return C.isUser(DefLoc);
    // Not a file: <built-in> (the compiler's predefines) or <command line>
    // (-D, which iu-cc passes from its user).
    PresumedLoc P = C.SM.getPresumedLoc(Sp);
    return P.isValid() && StringRef(P.getFilename()) == "<command line>";
  }

  bool isInUserFile(SourceLocation Loc) {
    SourceLocation Sp = C.SM.getSpellingLoc(Loc);
    if (!C.SM.getFileEntryRefForID(C.SM.getFileID(Sp)))
      return false; // <built-in>, <command line>: controlled by the build
    return C.isUser(Loc);
  }

  void checkMacroName(const Token &Tok, StringRef What) {
    SourceLocation Loc = Tok.getLocation();
    if (!isInUserFile(Loc))
      return;
    const IdentifierInfo *II = Tok.getIdentifierInfo();
    if (!II)
      return;
    StringRef Name = II->getName();
    const LangOptions &LO = PP.getLangOpts();
    std::string Why;
    if (II->isKeyword(LO) || Name == "final" || Name == "override" ||
        Name == "import" || Name == "module")
      Why = "'" + Name.str() + "' is a keyword";
    else if (II->isReserved(LO) != ReservedIdentifierStatus::NotReserved)
      Why = "'" + Name.str() + "' is a reserved identifier";
    else if (Name.startswith("IU_") || Name.startswith("iu_"))
      Why = "the IU_ prefix is reserved for iu_rt";
    else
      return;
    C.report(Loc, Rule::Macro,
             What + " of '" + Name + "' is not allowed: " + Why);
  }

  Preprocessor &PP;
  std::shared_ptr<Context> Owner;
  Context &C;
  llvm::DenseSet<const MacroInfo *> Reported;
};

} // namespace

void installPPChecks(Preprocessor &PP, std::shared_ptr<Context> Ctx) {
  PP.addPPCallbacks(std::make_unique<PPChecks>(PP, std::move(Ctx)));
}

} // namespace iusafe
