// SPDX-License-Identifier: GPL-2.0
// The signature's algorithms (iu_sig_check_algos: the PKCS#7 DER walk that
// refuses digests weaker than SHA-256 before the kernel verifies), the
// toolchain note (iu_elf_parse) and toolchain versions (iu_version_*).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.hpp"
#include "harness.hpp"

using namespace iu_test;

namespace {

struct Tmp {
	std::string dir;
	Tmp()
	{
		char t[] = "/tmp/iu-sig-XXXXXX";
		if (!mkdtemp(t))
			throw std::runtime_error("mkdtemp");
		dir = t;
	}
	~Tmp() { std::system(("rm -rf '" + dir + "'").c_str()); }
};

int sh(const std::string &cmd)
{
	int st = std::system((cmd + " >/dev/null 2>&1").c_str());
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

const Bytes &content()
{
	static const Bytes b = {'i', 'u', ' ', 's', 'i', 'g', 'n', 'e', 'd', '\n'};
	return b;
}

// The PKCS#7 blob of `sign-file DIGEST` (module signature format) over content().
Bytes sign_file(const std::string &digest, bool keyid = false)
{
	Tmp t;
	std::string in = t.dir + "/in", out = t.dir + "/out";
	std::ofstream(in, std::ios::binary).write(reinterpret_cast<const char *>(content().data()),
						 content().size());
	std::string cmd = std::string("'") + IU_SIGN_FILE + "' " + (keyid ? "-k " : "") + digest + " '" +
			  IU_SIGNING_KEY + "' '" + IU_SIGNING_CERT_DER + "' '" + in + "' '" + out + "'";
	if (sh(cmd))
		throw std::runtime_error("sign-file " + digest + " failed");
	Bytes file = read_file(out);
	Buf buf(file);
	Log log;
	u64 csize, sig_size;
	const void *sig;
	if (iu_sig_split(buf.data(), buf.size(), &csize, &sig, &sig_size, &log.log))
		throw std::runtime_error("iu_sig_split: " + log.text);
	const uint8_t *p = static_cast<const uint8_t *>(sig);
	return Bytes(p, p + sig_size);
}

// openssl cms: detached, with signed attributes and the certificate.
Bytes openssl_cms(const std::string &digest)
{
	Tmp t;
	std::string in = t.dir + "/in", out = t.dir + "/out";
	std::ofstream(in, std::ios::binary).write(reinterpret_cast<const char *>(content().data()),
						 content().size());
	if (sh("openssl cms -sign -binary -outform DER -md " + digest + " -in '" + in + "' -signer '" +
	       IU_SIGNING_KEY + "' -out '" + out + "'"))
		throw std::runtime_error("openssl cms -md " + digest + " failed");
	return read_file(out);
}

struct Result {
	int err;
	std::string log;
	iu_sig_info info;
};

Result check(const Bytes &sig)
{
	Buf buf(sig);	// exactly sized: ASan sees any over-read
	Log log;
	Result r;
	r.err = iu_sig_check_algos(buf.data(), buf.size(), &r.info, &log.log);
	r.log = log.text;
	if (!r.err)
		r.info.sid = nullptr;	// points into buf
	return r;
}

// Replace the @nth (0-based) occurrence of @from by @to (same length).
bool replace(Bytes &b, const Bytes &from, const Bytes &to, int nth)
{
	for (size_t i = 0; i + from.size() <= b.size(); i++) {
		if (std::equal(from.begin(), from.end(), b.begin() + i) && nth-- == 0) {
			std::copy(to.begin(), to.end(), b.begin() + i);
			return true;
		}
	}
	return false;
}

const Bytes oid_sha256 = {0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01};
const Bytes oid_sha224 = {0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x04};
const Bytes oid_sha3_256 = {0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x08};
const Bytes oid_rsa = {0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01};
const Bytes oid_sha1_rsa = {0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x05};

} // namespace

TEST(SigAlgos, SignFileStrongDigestsAccepted)
{
	for (const char *d : {"sha256", "sha384", "sha512"}) {
		SCOPED_TRACE(d);
		Result r = check(sign_file(d));
		EXPECT_EQ(r.err, 0) << r.log;
		EXPECT_EQ(r.log, "");
		EXPECT_STREQ(r.info.digest, d);
		EXPECT_EQ(r.info.nr_signers, 1u);
		EXPECT_FALSE(r.info.sid_is_skid) << "sign-file names the issuer and serial by default";
		EXPECT_GT(r.info.sid_len, 0u);
	}
}

TEST(SigAlgos, SignFileKeyIdAccepted)
{
	Result r = check(sign_file("sha256", true));
	EXPECT_EQ(r.err, 0) << r.log;
	EXPECT_TRUE(r.info.sid_is_skid);
	EXPECT_EQ(r.info.sid_len, 20u) << "a SHA-1 subjectKeyIdentifier";
}

TEST(SigAlgos, SignFileWeakDigestsRefused)
{
	struct {
		const char *digest, *msg;
	} cases[] = {
		{"sha1", "signature: digest algorithm sha1 (1.3.14.3.2.26) is weaker than SHA-256: sign with sha256, sha384 or sha512"},
		{"sha224", "signature: digest algorithm sha224 (2.16.840.1.101.3.4.2.4) is weaker than SHA-256"},
	};
	for (auto &c : cases) {
		SCOPED_TRACE(c.digest);
		Result r = check(sign_file(c.digest));
		EXPECT_EQ(r.err, -ENOPKG);
		EXPECT_NE(r.log.find(c.msg), std::string::npos) << r.log;
		EXPECT_EQ(std::count(r.log.begin(), r.log.end(), '\n'), 1) << r.log;
	}
}

// openssl cms writes the certificate and signed attributes (the optional
// fields the walk skips).
TEST(SigAlgos, OpensslCmsWithAttributesAndCertificate)
{
	Result good = check(openssl_cms("sha256"));
	EXPECT_EQ(good.err, 0) << good.log;
	EXPECT_STREQ(good.info.digest, "sha256");
	Result bad = check(openssl_cms("sha1"));
	EXPECT_EQ(bad.err, -ENOPKG);
	EXPECT_NE(bad.log.find("digest algorithm sha1"), std::string::npos) << bad.log;
}

// Both places that name the digest are checked: SignedData.digestAlgorithms
// (first occurrence of the OID) and the SignerInfo's (second).
TEST(SigAlgos, EveryDigestAlgorithmIsChecked)
{
	for (int nth : {0, 1}) {
		SCOPED_TRACE(nth);
		Bytes sig = sign_file("sha256");
		ASSERT_TRUE(replace(sig, oid_sha256, oid_sha224, nth));
		Result r = check(sig);
		EXPECT_EQ(r.err, -ENOPKG);
		EXPECT_NE(r.log.find("sha224"), std::string::npos) << r.log;
	}
	// an OID the walk does not know is refused too, in dotted form
	Bytes sig = sign_file("sha256");
	ASSERT_TRUE(replace(sig, oid_sha256, oid_sha3_256, 1));
	Result r = check(sig);
	EXPECT_EQ(r.err, -ENOPKG);
	EXPECT_NE(r.log.find("signature: digest algorithm 2.16.840.1.101.3.4.2.8 is not accepted"),
		  std::string::npos)
		<< r.log;
}

TEST(SigAlgos, WeakSignatureAlgorithmRefused)
{
	Bytes sig = sign_file("sha256");
	ASSERT_TRUE(replace(sig, oid_rsa, oid_sha1_rsa, 0));
	Result r = check(sig);
	EXPECT_EQ(r.err, -ENOPKG);
	EXPECT_NE(r.log.find("signature: signature algorithm 1.2.840.113549.1.1.5 is not accepted"),
		  std::string::npos)
		<< r.log;
}

// Every truncation is malformed (never a read past the end: ASan), and
// every single-byte change is either refused or still names a strong digest.
TEST(SigAlgos, TruncationsAndBitFlips)
{
	const Bytes sig = sign_file("sha256");
	for (size_t n = 0; n < sig.size(); n++) {
		Result r = check(Bytes(sig.begin(), sig.begin() + n));
		EXPECT_EQ(r.err, -EBADMSG) << n;
		EXPECT_NE(r.log.find("signature: the PKCS#7 data is malformed or truncated"),
			  std::string::npos)
			<< r.log;
	}
	for (size_t i = 0; i < sig.size(); i++) {
		for (uint8_t x : {0x01, 0x80, 0xff}) {
			Bytes b = sig;
			b[i] ^= x;
			Result r = check(b);
			if (!r.err)
				EXPECT_TRUE(!strcmp(r.info.digest, "sha256") || !strcmp(r.info.digest, "sha384") ||
					    !strcmp(r.info.digest, "sha512"));
			else
				EXPECT_TRUE(r.err == -EBADMSG || r.err == -ENOPKG) << r.err;
		}
	}
	// data after the ContentInfo
	Bytes longer = sig;
	longer.push_back(0);
	EXPECT_EQ(check(longer).err, -EBADMSG);
}

TEST(SigAlgos, CorpusWeakDigestCasesHaveValidContent)
{
	for (const char *name : {"sig_sha1", "sig_sha224"}) {
		SCOPED_TRACE(name);
		const Case *c = find_case(name);
		ASSERT_NE(c, nullptr);
		Outcome o = load_like_the_module(read_file(c->path));
		EXPECT_EQ(o.stage, "pkcs7");
		EXPECT_EQ(o.err, -ENOPKG) << o.log;
	}
}

// ---- toolchain versions

TEST(Version, Valid)
{
	for (const char *v : {"0", "0.1.0", "1.2.3.4", "4294967295", "10.0"})
		EXPECT_TRUE(iu_version_valid(v)) << v;
	for (const char *v : {"", ".", "1.", ".1", "1..2", "1.2a", "v1", "1 2", "4294967296", "-1"})
		EXPECT_FALSE(iu_version_valid(v)) << v;
	char longv[IU_VERSION_LEN + 1];
	memset(longv, '1', IU_VERSION_LEN);
	longv[IU_VERSION_LEN] = 0;
	EXPECT_FALSE(iu_version_valid(longv)) << "no NUL in IU_VERSION_LEN bytes";
}

TEST(Version, ComparedNumerically)
{
	EXPECT_LT(iu_version_cmp("0.9", "0.10"), 0);
	EXPECT_GT(iu_version_cmp("0.10", "0.9"), 0);
	EXPECT_EQ(iu_version_cmp("1.2", "1.2.0"), 0);
	EXPECT_EQ(iu_version_cmp("1.2.0", "1.2"), 0);
	EXPECT_LT(iu_version_cmp("1.2", "1.2.1"), 0);
	EXPECT_GT(iu_version_cmp("2", "1.99.99"), 0);
	EXPECT_EQ(iu_version_cmp("0.1.0", "0.1.0"), 0);
	EXPECT_LT(iu_version_cmp("0.0.0", "0.1.0"), 0);
}

// ---- the toolchain note

namespace {

std::string policy_hex()
{
	std::ifstream in(IU_POLICY_FILE);
	std::string s;
	in >> s;
	return s;
}

std::string hex(const uint8_t *p, size_t n)
{
	std::string s;
	char b[3];
	for (size_t i = 0; i < n; i++) {
		snprintf(b, sizeof(b), "%02x", p[i]);
		s += b;
	}
	return s;
}

} // namespace

// What iu-cc builds carries this build's version and policy hash.
TEST(ToolchainNote, BuiltFilesCarryVersionAndPolicy)
{
	ASSERT_EQ(policy_hex().size(), 64u) << IU_POLICY_FILE;
	for (const char *name : {"ok_hello", "ok_tracex5", "ok_two_progs"}) {
		SCOPED_TRACE(name);
		const Case *c = find_case(name);
		ASSERT_NE(c, nullptr);
		Outcome o = load_like_the_module(read_file(c->path));
		ASSERT_EQ(o.stage, "ok") << o.log;
		EXPECT_TRUE(o.elf->has_note);
		EXPECT_STREQ(o.elf->toolchain, IU_VERSION_STRING);
		EXPECT_EQ(hex(o.elf->policy, 32), policy_hex());
	}
}

// The hand-written fixtures write one too (fixture-prelude.s).
TEST(ToolchainNote, FixturesCarryTheFixtureNote)
{
	Bytes f = build_fixture("\tFUNC entry\n\tendbr64\n\tSTACK_CHECK 64\n\txor %eax,%eax\n\tRET\n\tEND entry\n");
	Buf buf(f);
	Log log;
	struct iu_elf e;
	ASSERT_EQ(iu_elf_parse(&e, buf.data(), buf.size(), &log.log), 0) << log.text;
	EXPECT_STREQ(e.toolchain, "0.0.0");
	EXPECT_EQ(hex(e.policy, 32), std::string(64, '0'));
}

TEST(ToolchainNote, CorpusCoversTheNote)
{
	for (const char *name : {"note_missing", "note_missing_code", "note_not_note", "note_bad_type",
				 "note_bad_version", "note_version_tail"})
		EXPECT_NE(find_case(name), nullptr) << name;
}
