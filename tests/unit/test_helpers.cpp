// SPDX-License-Identifier: GPL-2.0
// The helper table (module/core/helpers.h): its invariants, its ids against
// the kernel's own BPF helper ids, and iu_helper_find()/iu_helper_check().
#include "harness.hpp"

#include <gtest/gtest.h>
#include <linux/bpf.h>

#include <map>
#include <set>
#include <string>

extern "C" {
#include "core/helpers.h"
}

using namespace iu_test;

namespace {

// enum bpf_func_id of the system's <linux/bpf.h>, by name.
const std::map<std::string, int> &bpf_func_ids()
{
	static const std::map<std::string, int> ids = {
#define IU_TEST_FN(x, ...) {#x, BPF_FUNC_##x}	/* the header adds the commas */
		__BPF_FUNC_MAPPER(IU_TEST_FN)
#undef IU_TEST_FN
	};
	return ids;
}

} // namespace

TEST(Helpers, NamesAndIdsAreUnique)
{
	std::set<std::string> names;
	std::set<uint32_t> ids;
	for (const auto &h : iu_helper_table) {
		EXPECT_TRUE(names.insert(h.name).second) << h.name;
		EXPECT_TRUE(ids.insert(h.id).second) << h.name << " id " << h.id;
	}
	EXPECT_EQ(names.size(), size_t(IU_NR_HELPERS));
}

// A BPF helper's id is the kernel's BPF_FUNC_<name without "bpf_">, so that
// iu and eBPF number a helper the same way; services are outside that range.
TEST(Helpers, BpfHelperIdsAreTheKernels)
{
	int bpf = 0;
	for (const auto &h : iu_helper_table) {
		std::string name = h.name;
		if (!h.ksym) {
			EXPECT_GE(h.id, uint32_t(IU_SERVICE_ID_BASE)) << name;
			EXPECT_EQ(name.rfind("iu_rt_", 0), 0u) << name << ": services are iu_rt_*";
			continue;
		}
		bpf++;
		ASSERT_EQ(name.rfind("bpf_", 0), 0u) << name;
		auto it = bpf_func_ids().find(name.substr(4));
		ASSERT_NE(it, bpf_func_ids().end()) << name << " is not a BPF helper of <linux/bpf.h>";
		EXPECT_EQ(h.id, uint32_t(it->second)) << name;
	}
	EXPECT_GT(bpf, 0);
}

TEST(Helpers, EveryEntryHasAPrototypeAndKinds)
{
	for (const auto &h : iu_helper_table) {
		EXPECT_TRUE(h.ret && *h.ret) << h.name;
		ASSERT_TRUE(h.args) << h.name;
		std::string a = h.args;
		EXPECT_TRUE(a.size() >= 2 && a.front() == '(' && a.back() == ')') << h.name << ": " << a;
		EXPECT_NE(h.kinds, 0u) << h.name;
		EXPECT_EQ(h.kinds & ~((1U << IU_PROG_KIND_MAX) - 1), 0u) << h.name;
		EXPECT_EQ(h.flags & ~IU_HF_NORETURN, 0u) << h.name;
	}
}

TEST(Helpers, FindByName)
{
	for (const auto &h : iu_helper_table)
		EXPECT_EQ(iu_helper_find(h.name), &h);
	EXPECT_EQ(iu_helper_find("kallsyms_lookup_name"), nullptr);
	EXPECT_EQ(iu_helper_find(""), nullptr);
	EXPECT_EQ(iu_helper_find("bpf_trace_printk_"), nullptr);
	const iu_helper_info *p = iu_helper_find("iu_rt_panic");
	ASSERT_NE(p, nullptr);
	EXPECT_EQ(p->id, uint32_t(IU_HELPER_ID_iu_rt_panic));
	EXPECT_EQ(p - iu_helper_table, IU_HELPER_IDX_iu_rt_panic);
}

TEST(Helpers, CheckRefusesUnknownAndDisallowed)
{
	const iu_helper_info *h = nullptr;
	Log log;
	EXPECT_EQ(iu_helper_check("memcpy", 1U << IU_PROG_KPROBE, &h, &log.log), -ENOENT);
	EXPECT_TRUE(log.has("helpers: unknown function memcpy (not a helper iu provides")) << log.text;

	// bpf_get_func_ip: kprobes only; the refused kinds are named.
	const uint32_t all = (1U << IU_PROG_KIND_MAX) - 1;
	EXPECT_EQ(iu_helper_check("bpf_get_func_ip", all, &h, &log.log), -EPERM);
	EXPECT_TRUE(log.has("helpers: bpf_get_func_ip is not allowed in tracepoint programs"))
		<< log.text;
	ASSERT_EQ(iu_helper_check("bpf_get_func_ip", 1U << IU_PROG_KRETPROBE, &h, &log.log), 0);
	EXPECT_STREQ(h->name, "bpf_get_func_ip");
	ASSERT_EQ(iu_helper_check("bpf_trace_printk", all, &h, &log.log), 0);
	EXPECT_STREQ(h->ksym, "bpf_trace_printk");
	// No kinds (a file without programs never gets here): anything listed is allowed.
	EXPECT_EQ(iu_helper_check("bpf_get_func_ip", 0, &h, &log.log), 0);
}
