// SPDX-License-Identifier: GPL-2.0
// iu-guard: an LLVM pass plugin (clang-16 -fpass-plugin=libiu_guard.so) that
// makes extension code terminate and stay within its stack, whatever the
// hook's context: no timer or interrupt is needed, so it works with
// interrupts off, in NMI, and on a uniprocessor.
//
// It runs last in the optimisation pipeline (after inlining and loop
// transformations) and inserts, per include/uapi/linux/iu.h:
//   - at every function entry: if fewer than IU_STACK_RESERVE bytes are left
//     below %rsp on the (size-aligned) extension stack, call
//     iu_rt_stack_overflow(), which ends the invocation;
//   - at every function entry and loop back-edge: decrement the fuel in the
//     stack's control block; below zero, call iu_rt_tick(), which checks the
//     time budget and refills the fuel, or ends the invocation.
// Both are a few instructions on the hot path with a cold call on the slow
// one. A byte in the non-allocated section .iu.guard marks each translation
// unit done; iu-finalize checks that every unit carries one.
#include <linux/iu.h>

#include "llvm/Analysis/LoopInfo.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

using namespace llvm;

namespace {

class IuGuardPass : public PassInfoMixin<IuGuardPass> {
public:
	PreservedAnalyses run(Module &M, ModuleAnalysisManager &MAM)
	{
		auto &FAM = MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
		LLVMContext &C = M.getContext();
		Type *Void = Type::getVoidTy(C);

		// Services of iu.ko, called through the GOT like every helper
		// (nonlazybind is what -fno-plt gives clang's own declarations).
		Tick = M.getOrInsertFunction("iu_rt_tick", Void);
		Overflow = M.getOrInsertFunction("iu_rt_stack_overflow", Void);
		for (FunctionCallee FC : {Tick, Overflow}) {
			auto *F = cast<Function>(FC.getCallee());
			F->addFnAttr(Attribute::NonLazyBind);
			F->addFnAttr(Attribute::Cold);
		}
		cast<Function>(Overflow.getCallee())->setDoesNotReturn();
		ReadReg = Intrinsic::getDeclaration(&M, Intrinsic::read_register,
						    {Type::getInt64Ty(C)});
		RspName = MetadataAsValue::get(C, MDNode::get(C, {MDString::get(C, "rsp")}));
		Cold = MDBuilder(C).createBranchWeights(1, 1 << 20);

		for (Function &F : M) {
			if (F.isDeclaration() || F.hasFnAttribute(Attribute::Naked))
				continue;
			instrument(F, FAM.getResult<LoopAnalysis>(F));
		}
		M.appendModuleInlineAsm(".pushsection .iu.guard,\"\",@progbits\n"
					".byte 1\n"
					".popsection");
		return PreservedAnalyses::none();
	}

private:
	FunctionCallee Tick, Overflow;
	Function *ReadReg = nullptr;
	Value *RspName = nullptr;
	MDNode *Cold = nullptr;

	Value *rsp(IRBuilder<> &B) { return B.CreateCall(ReadReg, {RspName}); }

	// if (--cb->fuel < 0) iu_rt_tick();
	void fuel(Instruction *At)
	{
		IRBuilder<> B(At);
		Type *I64 = B.getInt64Ty();
		Value *Top = B.CreateOr(rsp(B), IU_STACK_SIZE - 1);	// base + size - 1
		Value *Cb = B.CreateIntToPtr(B.CreateSub(Top, B.getInt64(IU_STACK_CB_SIZE - 1)), B.getPtrTy());
		Value *Left = B.CreateSub(B.CreateLoad(I64, Cb, /*volatile*/ true), B.getInt64(1));
		B.CreateStore(Left, Cb, /*volatile*/ true);
		Instruction *Then = SplitBlockAndInsertIfThen(B.CreateICmpSLT(Left, B.getInt64(0)),
							      At, false, Cold);
		IRBuilder<>(Then).CreateCall(Tick);
	}

	// if ((rsp & (size - 1)) < reserve) iu_rt_stack_overflow();
	void stack(Instruction *At)
	{
		IRBuilder<> B(At);
		Value *Below = B.CreateAnd(rsp(B), IU_STACK_SIZE - 1);
		Instruction *Then = SplitBlockAndInsertIfThen(
			B.CreateICmpULT(Below, B.getInt64(IU_STACK_RESERVE)), At, true, Cold);
		IRBuilder<>(Then).CreateCall(Overflow);
	}

	void instrument(Function &F, LoopInfo &LI)
	{
		// Collect first: splitting blocks invalidates the loop structure.
		SmallVector<Instruction *, 16> BackEdges;
		for (Loop *L : LI.getLoopsInPreorder()) {
			SmallVector<BasicBlock *, 4> Latches;
			L->getLoopLatches(Latches);
			for (BasicBlock *BB : Latches)
				BackEdges.push_back(BB->getTerminator());
		}
		BasicBlock &Entry = F.getEntryBlock();
		Instruction *Start = &*Entry.getFirstInsertionPt();
		while (isa<AllocaInst>(Start))
			Start = Start->getNextNode();
		stack(Start);
		fuel(Start);
		for (Instruction *I : BackEdges)
			fuel(I);
	}
};

} // namespace

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo()
{
	return {LLVM_PLUGIN_API_VERSION, "iu-guard", "1", [](PassBuilder &PB) {
			PB.registerOptimizerLastEPCallback(
				[](ModulePassManager &MPM, OptimizationLevel) {
					MPM.addPass(IuGuardPass());
				});
		}};
}
