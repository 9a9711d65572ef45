// SPDX-License-Identifier: GPL-2.0
// iu-guard: an LLVM pass plugin (clang-16 -fpass-plugin=libiu_guard.so) that
// makes extension code terminate and stay within its stack, whatever the
// hook's context: no timer or interrupt is needed, so it works with
// interrupts off, in NMI, and on a uniprocessor.
//
// It runs last in the optimisation pipeline (after inlining and loop
// transformations), on the whole extension (iu-cc compiles one translation
// unit per extension), and inserts the two check sequences of the run-time
// contract (include/uapi/linux/iu.h, docs/codecheck.md) as fixed machine code,
// so that iu-finalize and iu.ko can recognise them byte for byte and prove,
// from the code alone, that they are where they must be:
//
//   fuel point   mov %rsp,%r11; or $IU_STACK_SIZE-1,%r11; decq -63(%r11);
//                jns 1f; mov iu_rt_tick@GOTPCREL(%rip),%r11;
//                call __x86_indirect_thunk_r11; 1:
//   stack check  mov %rsp,%r11; and $IU_STACK_SIZE-1,%r11;
//                cmp $IU_STACK_RESERVE,%r11; jae 1f;
//                mov iu_rt_stack_overflow@GOTPCREL(%rip),%r11;
//                call __x86_indirect_thunk_r11; 1:
//
// Both clobber only %r11 and the flags: iu_rt_tick preserves every other
// register, and iu_rt_stack_overflow does not return. Where they go:
//
//   - a fuel point on every retreating edge of every function's CFG (the
//     source block of each edge that a depth-first search finds going back
//     to a block on its stack), so every cycle, reducible or not, passes
//     through one;
//   - a fuel point at the entry of every function on a call-graph cycle
//     (recursion), so an endless recursion consumes fuel;
//   - more fuel points wherever a path would otherwise run more than
//     kSegment IR instructions (callees' own such paths included) without
//     one, so that even a loop-free, recursion-free program whose calls fan
//     out exponentially keeps being checked;
//   - a stack check at the entry of every function on a call-graph cycle
//     and of every function such a function can reach. A program without
//     recursion needs none: its worst-case stack use is a static bound,
//     which iu-finalize and iu.ko compute from the code.
//
// Every call to a helper goes through a local stub holding just the
// helper-call pair (mov F@GOTPCREL(%rip),%r11; jmp __x86_indirect_thunk_r11),
// so the pair is adjacent wherever the compiler schedules the call.
//
// A loop-free, recursion-free, small program thus carries no check at all,
// and iu.ko proves that it needs none. Additionally, an `unreachable` that
// does not follow a call to a function that never returns (undefined
// behaviour the optimiser proved, such as falling off the end of a
// function) becomes a call to iu_rt_panic, so control can never run off the
// end of a function into the next one.
//
// Fuel points are amortised, not thinned: before the optimiser's unrolling
// (IuFuelUnrollPass, at the vectoriser's start), a small innermost loop
// without calls and without an unroll directive of its own gets one
// (llvm.loop.unroll.count), so that its unrolled body does at least
// kFuelWork IR instructions of work per back edge, and so per fuel point.
// Every cycle still carries a fuel point; the rule iu.ko proves is the same.
//
// A byte in the non-allocated section .iu.guard marks each translation unit
// done (iu-finalize checks it as a cheap first sign of a wrong build; the
// proof is the machine-code check).
#include <linux/iu.h>

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"
#include "llvm/Transforms/Utils/LoopUtils.h"

#include <algorithm>
#include <string>
#include <vector>

using namespace llvm;

namespace {

// Longest run of IR instructions between two fuel points that placement
// allows. A machine instruction count is what iu.ko bounds
// (IU_SEGMENT_LIMIT); a few machine instructions per IR instruction leaves
// a wide margin.
constexpr unsigned kSegment = 2048;

// Work per fuel point that the unroll hint aims at (IR instructions of a
// loop body, times the unroll count), and the largest count it asks for.
constexpr unsigned kFuelWork = 64;
constexpr unsigned kMaxUnroll = 16;

// The unroll hint (see the top of the file). Only a hint: LLVM's loop
// unroller decides, with its own size limits, and where it unrolls it keeps
// a remainder loop for trip counts that are not a multiple.
class IuFuelUnrollPass : public PassInfoMixin<IuFuelUnrollPass> {
public:
	PreservedAnalyses run(Function &F, FunctionAnalysisManager &AM)
	{
		LoopInfo &LI = AM.getResult<LoopAnalysis>(F);
		bool Changed = false;

		for (Loop *L : LI.getLoopsInPreorder()) {
			if (!L->isInnermost() || hasUnrollTransformation(L) != TM_Unspecified)
				continue;
			unsigned Size = 0;
			bool Call = false;
			for (BasicBlock *BB : L->blocks())
				for (Instruction &I : *BB) {
					if (isa<PHINode>(I) || I.isDebugOrPseudoInst())
						continue;
					if (auto *CB = dyn_cast<CallBase>(&I); CB && !isa<IntrinsicInst>(CB))
						Call = true;
					Size++;
				}
			if (Call || Size == 0)
				continue;
			unsigned Count = 1;
			while (Count * 2 <= kMaxUnroll && Count * 2 * Size <= kFuelWork)
				Count *= 2;
			if (Count < 2)
				continue;
			addStringMetadataToLoop(L, "llvm.loop.unroll.count", Count);
			Changed = true;
		}
		return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
	}
};

std::string fuelAsm()
{
	return "movq %rsp, %r11\n\t"
	       "orq $$" + std::to_string(IU_STACK_SIZE - 1) + ", %r11\n\t"
	       "decq -" + std::to_string(IU_STACK_CB_SIZE - 1) + "(%r11)\n\t"
	       "jns 1f\n\t"
	       "movq iu_rt_tick@GOTPCREL(%rip), %r11\n\t"
	       "callq __x86_indirect_thunk_r11\n"
	       "1:";
}

std::string stackAsm()
{
	return "movq %rsp, %r11\n\t"
	       "andq $$" + std::to_string(IU_STACK_SIZE - 1) + ", %r11\n\t"
	       "cmpq $$" + std::to_string(IU_STACK_RESERVE) + ", %r11\n\t"
	       "jae 1f\n\t"
	       "movq iu_rt_stack_overflow@GOTPCREL(%rip), %r11\n\t"
	       "callq __x86_indirect_thunk_r11\n"
	       "1:";
}

class IuGuardPass : public PassInfoMixin<IuGuardPass> {
public:
	PreservedAnalyses run(Module &M, ModuleAnalysisManager &)
	{
		LLVMContext &C = M.getContext();
		FunctionType *VoidFn = FunctionType::get(Type::getVoidTy(C), false);
		const char *Clobbers = "~{r11},~{dirflag},~{fpsr},~{flags}";
		Fuel = InlineAsm::get(VoidFn, fuelAsm(), Clobbers, /*sideeffect*/ true);
		Stack = InlineAsm::get(VoidFn, stackAsm(), Clobbers, /*sideeffect*/ true);

		std::vector<Function *> Funcs;
		for (Function &F : M)
			if (!F.isDeclaration() && !F.hasFnAttribute(Attribute::Naked))
				Funcs.push_back(&F);
		for (Function *F : Funcs)
			trapUnreachable(*F, M);
		helperStubs(M);
		callGraph(Funcs);
		// A function making an indirect call (the safe subset has none) may
		// call anything: treat it as recursive.
		for (Function *F : Funcs)
			if (Fns[F].Cyclic || Fns[F].Indirect)
				markReachableFromRecursion(F);

		// Callees before callers (Tarjan emits SCCs in reverse topological
		// order), so a caller sees its callees' fuel-free path lengths.
		for (Function *F : Order)
			instrument(*F);

		M.appendModuleInlineAsm(".pushsection .iu.guard,\"\",@progbits\n"
					".byte 1\n"
					".popsection");
		return PreservedAnalyses::none();
	}

private:
	struct FnInfo {
		SmallVector<Function *, 8> Callees;	// defined functions called directly
		bool Indirect = false;			// makes an indirect call
		bool Cyclic = false;			// on a call-graph cycle
		bool StackCheck = false;		// on or reachable from a cycle
		unsigned Index = 0, Low = 0;		// Tarjan
		bool OnStack = false, Visited = false;
		// Fuel-free path lengths out of this function, for its callers:
		// entry to return (-1: none), entry to its first fuel point or
		// return, last fuel point to return (-1: none).
		long T = -1, Prefix = 0, B = -1;
		bool Done = false;
	};
	DenseMap<Function *, FnInfo> Fns;
	std::vector<Function *> Order;	// SCCs, callees first
	InlineAsm *Fuel = nullptr, *Stack = nullptr;

	void insert(InlineAsm *A, Instruction *Before) { CallInst::Create(A, {}, "", Before); }

	static Instruction *entryPoint(Function &F)
	{
		Instruction *I = &*F.getEntryBlock().getFirstInsertionPt();
		while (isa<AllocaInst>(I))
			I = I->getNextNode();
		return I;
	}

	// `unreachable` not right after a call that cannot return: the
	// optimiser proved undefined behaviour here. End the invocation instead
	// of running off the end of the function.
	void trapUnreachable(Function &F, Module &M)
	{
		SmallVector<UnreachableInst *, 4> Todo;
		for (BasicBlock &BB : F) {
			auto *U = dyn_cast<UnreachableInst>(BB.getTerminator());
			if (!U)
				continue;
			auto *Prev = U->getPrevNode();
			auto *CB = Prev ? dyn_cast<CallBase>(Prev) : nullptr;
			if (CB && CB->doesNotReturn())
				continue;
			Todo.push_back(U);
		}
		if (Todo.empty())
			return;
		LLVMContext &C = M.getContext();
		FunctionCallee Panic = M.getOrInsertFunction(
			"iu_rt_panic", FunctionType::get(Type::getVoidTy(C), {PointerType::get(C, 0)}, false));
		if (auto *PF = dyn_cast<Function>(Panic.getCallee())) {
			PF->setDoesNotReturn();
			PF->addFnAttr(Attribute::NonLazyBind);
			PF->addFnAttr(Attribute::Cold);
		}
		for (UnreachableInst *U : Todo) {
			IRBuilder<> B(U);
			auto *Msg = B.CreateGlobalStringPtr("unreachable code reached (undefined behaviour)",
							    "__iu_unreachable_msg");
			B.CreateCall(Panic, {Msg})->setDoesNotReturn();
		}
	}

	// Every call to a function outside the extension (a helper or runtime
	// service, resolved by iu.ko) goes through a local stub whose whole body
	// is the helper-call pair of the run-time contract,
	//	mov F@GOTPCREL(%rip), %r11; jmp __x86_indirect_thunk_r11
	// so that the GOT load and the branch are adjacent wherever the
	// compiler schedules the call (iu.ko recognises the pair and turns the
	// stub into a direct jump to F). Calls to the stub are direct calls.
	void helperStubs(Module &M)
	{
		LLVMContext &C = M.getContext();
		FunctionType *VoidFn = FunctionType::get(Type::getVoidTy(C), false);
		SmallVector<Function *, 16> Decls;
		for (Function &F : M)
			if (F.isDeclaration() && !F.isIntrinsic() && !F.use_empty())
				Decls.push_back(&F);
		for (Function *F : Decls) {
			SmallVector<CallBase *, 8> Calls;
			for (User *U : F->users())
				if (auto *CB = dyn_cast<CallBase>(U); CB && CB->getCalledOperand() == F)
					Calls.push_back(CB);
			if (Calls.empty())
				continue;
			Function *Stub = Function::Create(F->getFunctionType(), GlobalValue::InternalLinkage,
							  "__iu_call_" + F->getName(), &M);
			Stub->addFnAttr(Attribute::Naked);
			Stub->addFnAttr(Attribute::NoInline);
			Stub->addFnAttr(Attribute::NoUnwind);
			if (F->doesNotReturn())
				Stub->setDoesNotReturn();
			BasicBlock *BB = BasicBlock::Create(C, "", Stub);
			std::string Body = "movq " + F->getName().str() + "@GOTPCREL(%rip), %r11\n\t"
					   "jmp __x86_indirect_thunk_r11";
			CallInst::Create(InlineAsm::get(VoidFn, Body, "", /*sideeffect*/ true), {}, "", BB);
			new UnreachableInst(C, BB);
			for (CallBase *CB : Calls)
				CB->setCalledFunction(Stub);
			FnInfo &I = Fns[Stub];
			I.Done = true;	// a helper: one instruction for the paths that call it
			I.T = 0;
			I.Prefix = 0;
			I.B = -1;
		}
	}

	void callGraph(const std::vector<Function *> &Funcs)
	{
		for (Function *F : Funcs) {
			FnInfo &I = Fns[F];
			for (BasicBlock &BB : *F)
				for (Instruction &In : BB) {
					auto *CB = dyn_cast<CallBase>(&In);
					if (!CB || CB->isInlineAsm())
						continue;
					Function *Callee = CB->getCalledFunction();
					if (!Callee)
						I.Indirect = true;
					else if (!Callee->isDeclaration() &&
						 !Callee->hasFnAttribute(Attribute::Naked))
						I.Callees.push_back(Callee);
				}
		}
		// Tarjan's SCCs, iteratively.
		unsigned Next = 1;
		std::vector<Function *> Stk;
		for (Function *Root : Funcs) {
			if (Fns[Root].Visited)
				continue;
			std::vector<std::pair<Function *, unsigned>> Work{{Root, 0}};
			while (!Work.empty()) {
				auto &[F, Edge] = Work.back();
				FnInfo &I = Fns[F];
				if (Edge == 0 && !I.Visited) {
					I.Visited = true;
					I.Index = I.Low = Next++;
					Stk.push_back(F);
					I.OnStack = true;
				}
				if (Edge < I.Callees.size()) {
					Function *G = I.Callees[Edge++];
					FnInfo &J = Fns[G];
					if (!J.Visited)
						Work.push_back({G, 0});
					else if (J.OnStack)
						I.Low = std::min(I.Low, J.Index);
					continue;
				}
				if (I.Low == I.Index) {
					SmallVector<Function *, 4> SCC;
					Function *G;
					do {
						G = Stk.back();
						Stk.pop_back();
						Fns[G].OnStack = false;
						SCC.push_back(G);
					} while (G != F);
					bool Self = is_contained(I.Callees, F);
					for (Function *H : SCC) {
						Fns[H].Cyclic = SCC.size() > 1 || Self;
						Order.push_back(H);
					}
				}
				unsigned Low = I.Low;
				Work.pop_back();
				if (!Work.empty()) {
					FnInfo &P = Fns[Work.back().first];
					P.Low = std::min(P.Low, Low);
				}
			}
		}
	}

	void markReachableFromRecursion(Function *Root)
	{
		std::vector<Function *> Work{Root};
		while (!Work.empty()) {
			Function *F = Work.back();
			Work.pop_back();
			FnInfo &I = Fns[F];
			if (I.StackCheck)
				continue;
			I.StackCheck = true;
			for (Function *G : I.Callees)
				Work.push_back(G);
		}
	}

	// Blocks in depth-first order, with the sources of retreating edges.
	static void dfs(Function &F, std::vector<BasicBlock *> &RPO,
			DenseSet<BasicBlock *> &Retreating)
	{
		DenseSet<BasicBlock *> Seen, OnPath;
		std::vector<BasicBlock *> Post;
		std::vector<std::pair<BasicBlock *, unsigned>> Work{{&F.getEntryBlock(), 0}};
		Seen.insert(&F.getEntryBlock());
		OnPath.insert(&F.getEntryBlock());
		while (!Work.empty()) {
			auto &[BB, Idx] = Work.back();
			Instruction *T = BB->getTerminator();
			if (Idx < T->getNumSuccessors()) {
				BasicBlock *S = T->getSuccessor(Idx++);
				if (OnPath.count(S))
					Retreating.insert(BB);
				else if (Seen.insert(S).second) {
					OnPath.insert(S);
					Work.push_back({S, 0});
				}
				continue;
			}
			OnPath.erase(BB);
			Post.push_back(BB);
			Work.pop_back();
		}
		RPO.assign(Post.rbegin(), Post.rend());
	}

	// Fuel-free path lengths, in IR instructions with callees' included:
	// -1 = no such path. Every point of every function keeps both below
	// kSegment, which bounds the work between two fuel points.
	struct Dist {
		long E = 0;	// since the function's entry, through no fuel point
		long P = -1;	// since the last fuel point
		long max() const { return std::max(E, P); }
		void add(long C)
		{
			if (E >= 0)
				E += C;
			if (P >= 0)
				P += C;
		}
		void join(const Dist &O)
		{
			E = std::max(E, O.E);
			P = std::max(P, O.P);
		}
		void fuel() { E = -1, P = 0; }
	};

	void instrument(Function &F)
	{
		FnInfo &Info = Fns[&F];
		std::vector<BasicBlock *> RPO;
		DenseSet<BasicBlock *> Retreating;
		dfs(F, RPO, Retreating);
		bool EntryFuel = Info.Cyclic || Info.Indirect;
		Instruction *Start = entryPoint(F);

		DenseMap<BasicBlock *, Dist> In;
		Dist None;
		None.E = -1;
		for (BasicBlock *BB : RPO) {
			Dist D = BB == &F.getEntryBlock() ? Dist() : In.lookup(BB);
			SmallVector<Instruction *, 4> Cuts;
			for (Instruction &I : *BB) {
				if (&I == Start && EntryFuel)
					D.fuel();
				long Cost = 1, Prefix = 0, T = 0, B = -1;
				auto *CB = dyn_cast<CallBase>(&I);
				Function *G = CB && !CB->isInlineAsm() ? CB->getCalledFunction() : nullptr;
				if (G && !G->isDeclaration()) {
					const FnInfo &GI = Fns[G];
					if (GI.Done) {
						Prefix = GI.Prefix;
						T = GI.T;
						B = GI.B;
					} else {
						// On our own cycle: it starts with a fuel
						// point, and placement keeps its tail short.
						T = -1;
						B = kSegment;
					}
				}
				if (D.max() + Cost + std::max(Prefix, T) > long(kSegment) &&
				    !isa<PHINode>(I)) {
					Cuts.push_back(&I);
					if (D.E >= 0)
						Info.Prefix = std::max(Info.Prefix, D.E);
					D.fuel();
				}
				if (D.E >= 0)
					Info.Prefix = std::max(Info.Prefix, D.E + Cost + Prefix);
				D.add(Cost);
				if (T >= 0) {
					D.add(T);
				} else {
					D.E = -1;
					D.P = -1;
				}
				if (B >= 0)
					D.P = std::max(D.P, B);
			}
			for (Instruction *I : Cuts)
				insert(Fuel, I);
			if (Retreating.count(BB)) {
				insert(Fuel, BB->getTerminator());
				if (D.E >= 0)
					Info.Prefix = std::max(Info.Prefix, D.E);
				D.fuel();
			}
			Instruction *Term = BB->getTerminator();
			if (isa<ReturnInst>(Term)) {
				Info.T = std::max(Info.T, D.E);
				Info.B = std::max(Info.B, D.P);
				Info.Prefix = std::max(Info.Prefix, D.E);
			}
			for (unsigned S = 0; S < Term->getNumSuccessors(); S++) {
				auto [It, New] = In.try_emplace(Term->getSuccessor(S), None);
				It->second.join(D);
				(void)New;
			}
		}

		if (Info.StackCheck)
			insert(Stack, Start);
		if (EntryFuel)
			insert(Fuel, Start);
		Info.Done = true;
	}
};

} // namespace

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo()
{
	return {LLVM_PLUGIN_API_VERSION, "iu-guard", "2", [](PassBuilder &PB) {
			PB.registerVectorizerStartEPCallback(
				[](FunctionPassManager &FPM, OptimizationLevel L) {
					if (L != OptimizationLevel::O0)
						FPM.addPass(IuFuelUnrollPass());
				});
			PB.registerOptimizerLastEPCallback(
				[](ModulePassManager &MPM, OptimizationLevel) {
					MPM.addPass(IuGuardPass());
				});
		}};
}
