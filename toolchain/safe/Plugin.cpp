//===- Plugin.cpp - registration and arguments of the iu-safe plugin ------===//
//
//   clang++-16 ... -fplugin=/path/libiu_safe.so \
//       -fplugin-arg-iu-safe-trusted=/work/main/iu_rt/include  prog.cpp
//
// clang's driver splits -fplugin-arg-<name>-<arg> at the first '-', so the
// form above reaches cc1 as `-plugin-arg-iu safe-trusted=...`; both that and
// the direct cc1 form `-Xclang -plugin-arg-iu-safe -Xclang trusted=...` are
// accepted.
//===----------------------------------------------------------------------===//
#include "IuSafe.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/DiagnosticIDs.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace iusafe {
namespace {

// Clang warnings that are memory-safety relevant in this subset and become
// errors: falling off the end of a non-void function (the optimiser turns
// that path into "unreachable", i.e. execution runs into whatever follows),
// returning references to locals, dangling references to temporaries, and
// noreturn functions that return.
const char *const kPromotedWarnings[] = {
    "return-type",    "return-stack-address", "dangling",
    "dangling-field", "dangling-gsl",         "dangling-initializer-list",
    "invalid-noreturn",
};

class SafeAction : public PluginASTAction {
public:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 llvm::StringRef) override {
    auto Ctx = std::make_shared<Context>(CI, Opts);
    installPPChecks(CI.getPreprocessor(), Ctx);

    DiagnosticsEngine &D = CI.getDiagnostics();
    for (const char *G : kPromotedWarnings)
      D.setSeverityForGroup(diag::Flavor::WarningOrError, G,
                            diag::Severity::Error);

    if (Opts.Harden) {
      // Uninitialised locals would leak kernel stack contents; large frames
      // must not be able to jump over the stack guard page.
      // The code generator has already copied the CodeGenOptions when plugin
      // consumers are created, so stack-clash probing can only be required
      // (build-flags rule), not forced; LangOptions are shared by reference.
      CI.getLangOpts().setTrivialAutoVarInit(
          LangOptions::TrivialAutoVarInitKind::Zero);
      switch (CI.getFrontendOpts().ProgramAction) {
      case frontend::EmitAssembly:
      case frontend::EmitBC:
      case frontend::EmitLLVM:
      case frontend::EmitLLVMOnly:
      case frontend::EmitCodeGenOnly:
      case frontend::EmitObj:
        if (!CI.getCodeGenOpts().StackClashProtector)
          Ctx->addMissingFlag("-fstack-clash-protection: a large stack frame "
                              "could jump over the kernel stack guard page");
        // Plain data filled from raw bytes may hold any bool or enumeration
        // value; these checks turn an invalid one into a panic where it is
        // loaded, before the optimiser could assume it in range (and drop a
        // bounds check).
        if (!CI.getLangOpts().Sanitize.has(SanitizerKind::Bool) ||
            !CI.getLangOpts().Sanitize.has(SanitizerKind::Enum))
          Ctx->addMissingFlag("-fsanitize=bool,enum: a bool or enumeration "
                              "read from raw bytes could hold a value out of "
                              "its range");
        break;
      default:
        break;
      }
    }
    return makeASTChecks(std::move(Ctx));
  }

  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Args) override {
    std::vector<std::string> All(Args.begin(), Args.end());
    // -fplugin-arg-iu-safe-X=Y arrives as plugin "iu", argument "safe-X=Y".
    auto It = CI.getFrontendOpts().PluginArgs.find("iu");
    if (It != CI.getFrontendOpts().PluginArgs.end())
      for (const std::string &A : It->second)
        if (llvm::StringRef(A).startswith("safe-"))
          All.push_back(A.substr(5));

    DiagnosticsEngine &D = CI.getDiagnostics();
    unsigned BadArg = D.getCustomDiagID(DiagnosticsEngine::Error,
                                        "iu-safe: invalid plugin argument '%0'");
    unsigned BadDir = D.getCustomDiagID(
        DiagnosticsEngine::Error, "iu-safe: %0 directory '%1' does not exist");

    bool TrustedGiven = false;
    for (const std::string &Arg : All) {
      llvm::StringRef A(Arg), Key, Val;
      std::tie(Key, Val) = A.split('=');
      if (Key == "help") {
        llvm::errs()
            << "iu-safe plugin arguments:\n"
               "  trusted=DIR         trusted (iu_rt) include directory "
               "(repeatable)\n"
               "  user-root=DIR       user source tree for quoted includes "
               "(repeatable)\n"
               "  max-local-bytes=N   largest automatic variable (0 = no "
               "limit)\n"
               "  harden=0|1          force zero-initialised locals, require "
               "-fstack-clash-protection\n";
        continue;
      }
      if (Key == "trusted" || Key == "user-root") {
        llvm::SmallString<256> Real;
        if (Val.empty() || llvm::sys::fs::real_path(Val, Real) ||
            !llvm::sys::fs::is_directory(Real)) {
          D.Report(BadDir) << Key << Val;
          return false;
        }
        if (Key == "trusted") {
          if (!TrustedGiven)
            Opts.TrustedDirs.clear();
          TrustedGiven = true;
          Opts.TrustedDirs.push_back(std::string(Real.str()));
        } else {
          Opts.UserRoots.push_back(std::string(Real.str()));
        }
        continue;
      }
      if (Key == "max-local-bytes") {
        unsigned long long N;
        if (Val.getAsInteger(10, N)) {
          D.Report(BadArg) << Arg;
          return false;
        }
        Opts.MaxLocalBytes = N;
        continue;
      }
      if (Key == "harden") {
        if (Val != "0" && Val != "1") {
          D.Report(BadArg) << Arg;
          return false;
        }
        Opts.Harden = Val == "1";
        continue;
      }
      D.Report(BadArg) << Arg;
      return false;
    }
    return true;
  }

  ActionType getActionType() override { return AddAfterMainAction; }

private:
  Options Opts;
};

} // namespace
} // namespace iusafe

static clang::FrontendPluginRegistry::Add<iusafe::SafeAction>
    X("iu-safe", "iu safe-subset checker for kernel extensions");
