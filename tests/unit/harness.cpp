// SPDX-License-Identifier: GPL-2.0
#include "harness.hpp"

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/x509.h>

#include <cerrno>
#include <cstdarg>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

extern "C" {
#include "core/helpers.h"
}

namespace iu_test {

Bytes read_file(const std::string &path)
{
	std::ifstream in(path, std::ios::binary);
	if (!in)
		throw std::runtime_error(path + ": cannot read");
	return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

int errno_by_name(const std::string &name)
{
	static const struct {
		const char *name;
		int value;
	} table[] = {
		{"0", 0}, {"EPERM", EPERM}, {"ENOENT", ENOENT}, {"EBADF", EBADF},
		{"ENOMEM", ENOMEM}, {"EEXIST", EEXIST}, {"EINVAL", EINVAL}, {"E2BIG", E2BIG},
		{"ENOEXEC", ENOEXEC}, {"ENODATA", ENODATA}, {"EBADMSG", EBADMSG},
		{"EOPNOTSUPP", EOPNOTSUPP}, {"ENOKEY", ENOKEY}, {"EKEYREJECTED", EKEYREJECTED},
		{"ENOPKG", ENOPKG}, {"EFBIG", EFBIG},
	};
	for (auto &t : table)
		if (name == t.name)
			return t.value;
	return -1;
}

const std::vector<Case> &manifest()
{
	static const std::vector<Case> cases = [] {
		std::vector<Case> out;
		std::string path = IU_CORPUS_MANIFEST;
		std::string dir = path.substr(0, path.rfind('/'));
		std::ifstream in(path);
		if (!in)
			throw std::runtime_error(path + ": cannot read (build the iu-corpus target)");
		std::string line;
		while (std::getline(in, line)) {
			if (line.empty() || line[0] == '#')
				continue;
			std::vector<std::string> f;
			std::stringstream ss(line);
			std::string field;
			while (std::getline(ss, field, '\t'))
				f.push_back(field);
			if (f.size() != 7)
				throw std::runtime_error("manifest: bad line: " + line);
			Case c{f[0], f[1], f[2], f[3], f[4], f[5], f[6], dir + "/" + f[1], 0};
			c.errnum = errno_by_name(c.err);
			out.push_back(c);
		}
		return out;
	}();
	return cases;
}

const Case *find_case(const std::string &name)
{
	for (auto &c : manifest())
		if (c.name == name)
			return &c;
	return nullptr;
}

Buf::Buf(const void *data, size_t size) : p_(static_cast<uint8_t *>(malloc(size ? size : 1))), n_(size)
{
	if (!p_)
		throw std::bad_alloc();
	if (size)
		memcpy(p_, data, size);
}

static void log_vprintf(void *ctx, const char *fmt, va_list ap)
{
	auto *l = static_cast<Log *>(ctx);
	char line[512];
	vsnprintf(line, sizeof(line), fmt, ap);
	l->text += line;
	l->text += '\n';
}

Log::Log() : log{log_vprintf, this} {}

uint64_t Resolver::address_of(const std::string &name)
{
	const iu_helper_info *h = iu_helper_find(name.c_str());
	return h ? 0xffffffff81000000ULL + 0x1000 * (h - iu_helper_table + 1) : 0;
}

// What module/helpers.c:iu_helper_resolve() decides (the same core function),
// with fake addresses.
int Resolver::resolve(void *ctx, const char *name, u32 kinds, u64 *addr, struct iu_log *log)
{
	auto *r = static_cast<Resolver *>(ctx);
	const iu_helper_info *h;
	if (r)
		r->calls.push_back({name, kinds});
	int err = iu_helper_check(name, kinds, &h, log);
	if (!err)
		*addr = address_of(name);
	return err;
}

int verify_pkcs7(const uint8_t *content, size_t content_size, const void *sig, size_t sig_size,
		 const Bytes &cert_der, Log &log)
{
	int err = 0;
	const unsigned char *cp = cert_der.data();
	X509 *cert = d2i_X509(nullptr, &cp, cert_der.size());
	const unsigned char *sp = static_cast<const unsigned char *>(sig);
	CMS_ContentInfo *cms = d2i_CMS_ContentInfo(nullptr, &sp, sig_size);
	STACK_OF(X509) *certs = sk_X509_new_null();
	BIO *data = BIO_new_mem_buf(content, content_size);
	if (!cert)
		throw std::runtime_error("cannot parse the trusted certificate");
	sk_X509_push(certs, cert);
	if (!cms || sp != static_cast<const unsigned char *>(sig) + sig_size) {
		err = -EBADMSG;
	} else {
		// The kernel finds the key by the signer's issuer and serial (or
		// key id) in its keyring: no match is ENOKEY.
		STACK_OF(CMS_SignerInfo) *sis = CMS_get0_SignerInfos(cms);
		bool known = false;
		for (int i = 0; sis && i < sk_CMS_SignerInfo_num(sis); i++)
			known |= CMS_SignerInfo_cert_cmp(sk_CMS_SignerInfo_value(sis, i), cert) == 0;
		if (!sis || !sk_CMS_SignerInfo_num(sis))
			err = -EBADMSG;
		else if (!known)
			err = -ENOKEY;
		else if (CMS_verify(cms, certs, nullptr, data, nullptr,
				    CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY | CMS_NOINTERN) != 1)
			err = -EKEYREJECTED;
	}
	ERR_clear_error();
	BIO_free(data);
	sk_X509_free(certs);
	CMS_ContentInfo_free(cms);
	X509_free(cert);
	switch (err) {
	case -ENOKEY:
		iu_logf(&log.log, "signature: not signed by the key this module trusts (wrong key)");
		break;
	case -EKEYREJECTED:
		iu_logf(&log.log, "signature: does not match the content: the file was modified after signing");
		break;
	case -EBADMSG:
		iu_logf(&log.log, "signature: the PKCS#7 data is malformed or truncated");
		break;
	}
	return err;
}

static void *cc_alloc(void *, u64 size)
{
	return calloc(1, size);
}

static void cc_free(void *, void *p)
{
	free(p);
}

Outcome load_like_the_module(const Bytes &file, uint64_t base)
{
	static const Bytes cert = read_file(IU_TRUSTED_CERT);
	Outcome o;
	Log log;
	u64 content_size;
	const void *sig;
	u64 sig_size;

	// The parsed description points into the file: the outcome owns it.
	o.file = std::make_unique<Buf>(file);
	uint8_t *data = o.file->data();
	auto done = [&](const char *stage, int err) {
		o.stage = stage;
		o.err = err;
		o.log = log.text;
		return std::move(o);
	};
	int err = iu_sig_split(data, file.size(), &content_size, &sig, &sig_size, &log.log);
	if (err)
		return done("sig", err);
	// As module/signing.c: the digest and signature algorithms first.
	struct iu_sig_info info;
	err = iu_sig_check_algos(sig, sig_size, &info, &log.log);
	if (!err)
		err = verify_pkcs7(data, content_size, sig, sig_size, cert, log);
	if (err)
		return done("pkcs7", err);
	o.elf = std::make_unique<struct iu_elf>();
	err = iu_elf_parse(o.elf.get(), data, content_size, &log.log);
	if (err)
		return done("parse", err);
	o.image.assign(o.elf->image_size, 0);
	iu_elf_load(o.elf.get(), o.image.data());
	Resolver r;
	err = iu_elf_relocate(o.elf.get(), o.image.data(), base, Resolver::resolve, &r, &log.log);
	for (auto &c : r.calls)
		o.kinds_resolved |= c.kinds;
	o.resolved = r.calls.size();
	if (err)
		return done("reloc", err);
	// The machine-code check and the descriptors' claims, as iu.ko runs them.
	struct iu_codecheck cc;
	const struct iu_cc_ops ops = {iu_cc_helper_facts, cc_alloc, cc_free, nullptr};
	err = iu_codecheck(&cc, o.elf.get(), &ops, &log.log);
	if (!err) {
		err = iu_codecheck_match_descs(&cc, o.elf.get(), &log.log);
		iu_codecheck_free(&cc, &ops);
	}
	return done(err ? "code" : "ok", err);
}

} // namespace iu_test
