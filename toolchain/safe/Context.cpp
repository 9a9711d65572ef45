//===- Context.cpp - location classification and reporting for iu-safe ----===//
#include "IuSafe.h"

#include "clang/Frontend/CompilerInstance.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace iusafe {

Context::Context(CompilerInstance &CI, Options O)
    : SM(CI.getSourceManager()), Diags(CI.getDiagnostics()),
      Opts(std::move(O)) {
  ErrID = Diags.getCustomDiagID(DiagnosticsEngine::Error, "[iu-safe:%0] %1");
  NoteID = Diags.getCustomDiagID(DiagnosticsEngine::Note, "%0");
  FatalID = Diags.getCustomDiagID(DiagnosticsEngine::Fatal, "[iu-safe:%0] %1");
}

std::string Context::realPath(llvm::StringRef Path) {
  llvm::SmallString<256> Out;
  if (llvm::sys::fs::real_path(Path, Out))
    return std::string(); // unresolvable: never trusted
  return std::string(Out.str());
}

static bool isUnder(llvm::StringRef Path, llvm::StringRef Dir) {
  if (Dir.empty() || Path.empty())
    return false;
  if (!Path.startswith(Dir))
    return false;
  if (Path.size() == Dir.size())
    return true;
  return Dir.endswith("/") || Path[Dir.size()] == '/';
}

bool Context::underTrusted(llvm::StringRef RealPath) const {
  for (const std::string &D : Opts.TrustedDirs)
    if (isUnder(RealPath, D))
      return true;
  return false;
}

bool Context::underUserRoot(llvm::StringRef RealPath) {
  if (!UserRootsInit) {
    UserRootsInit = true;
    EffectiveUserRoots = Opts.UserRoots;
    if (EffectiveUserRoots.empty()) {
      if (OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID())) {
        std::string P = realPath(Main->getName());
        if (!P.empty())
          EffectiveUserRoots.push_back(
              std::string(llvm::sys::path::parent_path(P)));
      }
    }
  }
  for (const std::string &D : EffectiveUserRoots)
    if (isUnder(RealPath, D))
      return true;
  return false;
}

Origin Context::classifyFile(FileID FID) {
  auto It = FileCache.find(FID);
  if (It != FileCache.end())
    return It->second;
  Origin O = Origin::User;
  bool Invalid = false;
  const SrcMgr::SLocEntry &E = SM.getSLocEntry(FID, &Invalid);
  OptionalFileEntryRef FE = SM.getFileEntryRefForID(FID);
  if (!Invalid && E.isFile() && FE) {
    // Real path: the FileEntry may have been reached through a symlink or a
    // path with "..", so resolve before comparing with the trusted dirs.
    std::string RP;
    llvm::StringRef Cached = FE->getFileEntry().tryGetRealPathName();
    RP = Cached.empty() ? realPath(FE->getName()) : realPath(Cached);
    // Only the real path matters: line markers and #pragma system_header
    // change the line table, not the file a location belongs to.
    if (!RP.empty() && underTrusted(RP))
      O = Origin::Trusted;
    else if (FID == SM.getMainFileID() || RP.empty() || underUserRoot(RP) ||
             IncludedFromTrusted.count(RP))
      O = Origin::User;
    else
      // Outside the user tree and not trusted: a system header, or a file
      // whose #include was already refused (include rule). Not checked.
      O = Origin::System;
  }
  FileCache[FID] = O;
  return O;
}

Origin Context::classify(SourceLocation Loc) {
  if (Loc.isInvalid())
    return Origin::None;
  // Walk out of scratch-space / <built-in> spellings (token pasting,
  // stringizing, __LINE__, predefined macros) to the nearest expansion that
  // has a real spelling.
  for (unsigned Guard = 0; Guard < 64; ++Guard) {
    SourceLocation Sp = SM.getSpellingLoc(Loc);
    FileID FID = SM.getFileID(Sp);
    if (SM.getFileEntryRefForID(FID))
      return classifyFile(FID);
    if (!Loc.isMacroID())
      return Origin::User; // <built-in>, <command line>, scratch: be strict
    Loc = SM.getImmediateExpansionRange(Loc).getBegin();
  }
  return Origin::User;
}

bool Context::placedByTrustedMacro(SourceLocation Loc) {
  if (!Loc.isMacroID() || !SM.isMacroArgExpansion(Loc))
    return false;
  // Where the innermost macro's body placed the argument; its spelling is
  // the parameter's name in that macro's definition.
  SourceLocation Body = SM.getImmediateExpansionRange(Loc).getBegin();
  if (SM.isMacroArgExpansion(Body))
    return false; // passed through to yet another macro's argument
  return classify(Body) == Origin::Trusted;
}

void Context::report(SourceLocation Loc, Rule R, const llvm::Twine &What,
                     llvm::StringRef Hint, bool Fatal) {
  if (Loc.isInvalid())
    return;
  SourceLocation FL = SM.getFileLoc(Loc);
  std::pair<FileID, unsigned> D = SM.getDecomposedLoc(FL);
  unsigned Line = SM.getLineNumber(D.first, D.second);
  if (!Seen.insert({D.first.getHashValue(), Line, (int)R}).second)
    return;
  const RuleInfo &I = ruleInfo(R);
  std::string Msg = What.str();
  llvm::StringRef H = Hint.empty() ? llvm::StringRef(I.Hint) : Hint;
  if (!H.empty()) {
    Msg += "; ";
    Msg += H.str();
  }
  ++NumReported;
  Diags.Report(Loc, Fatal ? FatalID : ErrID) << I.Id << Msg;
}

void Context::note(SourceLocation Loc, const llvm::Twine &What) {
  Diags.Report(Loc, NoteID) << What.str();
}

} // namespace iusafe
