// SPDX-License-Identifier: GPL-2.0
// Every case of the refusal corpus, through the module's pipeline on the
// host: refused at the step the manifest names, with its errno and message;
// the valid files accepted.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <sstream>
#include <sys/stat.h>

#include "harness.hpp"

using namespace iu_test;

namespace {

std::vector<std::string> split(const std::string &s, char sep)
{
	std::vector<std::string> out;
	std::stringstream ss(s);
	std::string f;
	while (std::getline(ss, f, sep))
		out.push_back(f);
	return out;
}

class CorpusCase : public ::testing::TestWithParam<Case> {};

TEST_P(CorpusCase, RefusedAsTheManifestSays)
{
	const Case &c = GetParam();
	SCOPED_TRACE(c.name + ": " + c.desc);
	ASSERT_NE(c.errnum, -1) << "unknown errno name " << c.err;
	Outcome o = load_like_the_module(read_file(c.path));
	EXPECT_EQ(o.stage, c.stage) << "log:\n" << o.log;
	EXPECT_EQ(-o.err, c.errnum) << "got " << o.err << " (" << strerror(-o.err) << "), log:\n"
				     << o.log;
	if (c.stage == "ok") {
		EXPECT_EQ(o.log, "") << "an accepted file logs nothing at level 0";
	} else {
		EXPECT_NE(c.log, "-") << "a refusal case must name its message";
		EXPECT_NE(o.log.find(c.log), std::string::npos)
			<< "expected \"" << c.log << "\" in the log:\n" << o.log;
		// A refusal is reported once, on one line.
		EXPECT_EQ(std::count(o.log.begin(), o.log.end(), '\n'), 1) << o.log;
	}
	// The placeholders the manifest prescribes are the programs the core
	// parsed: the guest test binds exactly these, and the kernel looks at
	// them once the file has parsed.
	if (o.stage == "ok" || o.stage == "reloc") {
		ASSERT_TRUE(o.elf);
		auto want = split(c.placeholders, ',');
		ASSERT_EQ(want.size(), o.elf->nr_progs);
		for (size_t i = 0; i < want.size(); i++) {
			const auto &p = o.elf->progs[i];
			EXPECT_EQ(want[i], std::string(iu_prog_kind_name(p.kind)) + ":" + p.name) << i;
		}
	}
}

INSTANTIATE_TEST_SUITE_P(Manifest, CorpusCase, ::testing::ValuesIn(manifest()),
			 [](const ::testing::TestParamInfo<Case> &info) { return info.param.name; });

TEST(Manifest, WellFormed)
{
	const std::set<std::string> stages = {"sig", "pkcs7", "parse", "reloc", "code", "ok"};
	std::set<std::string> names;
	ASSERT_GE(manifest().size(), 60u);
	for (auto &c : manifest()) {
		SCOPED_TRACE(c.name);
		EXPECT_TRUE(names.insert(c.name).second) << "duplicate";
		EXPECT_TRUE(stages.count(c.stage)) << c.stage;
		EXPECT_NE(c.errnum, -1) << c.err;
		EXPECT_EQ(c.stage == "ok", c.errnum == 0);
		EXPECT_EQ(c.file, c.name + ".iu");
		struct stat st;
		EXPECT_EQ(stat(c.path.c_str(), &st), 0) << c.path;
		for (auto &p : split(c.placeholders, ',')) {
			auto kv = split(p, ':');
			ASSERT_EQ(kv.size(), 2u) << p;
			EXPECT_TRUE(kv[0] == "kprobe" || kv[0] == "kretprobe" || kv[0] == "tracepoint") << p;
			EXPECT_FALSE(kv[1].empty());
		}
	}
}

// The cases the corpus exists for; removing one must fail a test.
TEST(Manifest, CoversTheRequiredRefusals)
{
	const char *const required[] = {
		"sig_unsigned", "sig_truncated", "sig_tampered", "sig_wrong_key", "sig_bad_id_type",
		"elf_bad_magic", "elf_class32", "elf_wrong_machine", "elf_type_rel", "elf_type_exec",
		"elf_phdrs_outside", "ph_wx", "ph_two_exec", "ph_out_of_order", "ph_overlap",
		"ph_past_eof", "ph_interp", "ph_tls", "ph_exec_stack", "sec_outside_segments",
		"sec_init_array", "sec_tls", "rel_text", "rel_rodata", "rel_unknown_type",
		"rel_relative_oob", "rel_undefined_nonhelper", "rel_weak_undefined", "rel_helper_kind",
		"prog_dup_section", "prog_dup_name", "prog_none", "desc_size", "desc_unknown_flags",
		"desc_abi", "desc_bad_name", "desc_entry_outside_text", "desc_entry_no_endbr",
		"desc_extra_reloc", "lic_missing", "lic_non_gpl", "maps_section", "type_xdp",
		"type_uprobe", "kprobe_no_target", "ok_hello", "ok_tracex5", "ok_two_progs",
		"ok_kretprobe", "sig_sha1", "sig_sha224", "note_missing", "note_missing_code",
	};
	for (auto *r : required)
		EXPECT_NE(find_case(r), nullptr) << r;
}

// Cases only the signature check can refuse: their content is a valid file.
TEST(Manifest, SignatureCasesHaveValidContent)
{
	for (const char *name : {"sig_tampered", "sig_tampered_header", "sig_wrong_key",
				 "sig_pkcs7_garbage", "sig_pkcs7_cut"}) {
		SCOPED_TRACE(name);
		const Case *c = find_case(name);
		ASSERT_NE(c, nullptr);
		Bytes b = read_file(c->path);
		Buf buf(b);
		Log log;
		u64 content;
		const void *sig;
		u64 sig_size;
		ASSERT_EQ(iu_sig_split(buf.data(), buf.size(), &content, &sig, &sig_size, &log.log), 0)
			<< log.text;
		struct iu_elf e;
		EXPECT_EQ(iu_elf_parse(&e, buf.data(), content, &log.log), 0) << log.text;
	}
}

// The wrong-key file is properly signed, by the other key.
TEST(Manifest, WrongKeyIsSignedByTheOtherKey)
{
	const Case *c = find_case("sig_wrong_key");
	ASSERT_NE(c, nullptr);
	Bytes b = read_file(c->path);
	Buf buf(b);
	Log log;
	u64 content;
	const void *sig;
	u64 sig_size;
	ASSERT_EQ(iu_sig_split(buf.data(), buf.size(), &content, &sig, &sig_size, &log.log), 0);
	EXPECT_EQ(verify_pkcs7(buf.data(), content, sig, sig_size, read_file(IU_OTHER_CERT), log), 0)
		<< log.text;
	EXPECT_EQ(verify_pkcs7(buf.data(), content, sig, sig_size, read_file(IU_TRUSTED_CERT), log),
		  -ENOKEY);
}

} // namespace
