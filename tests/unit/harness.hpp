// SPDX-License-Identifier: GPL-2.0
// Shared helpers of the module/core unit tests: the corpus manifest, files in
// exactly-sized buffers (so that AddressSanitizer sees any over-read), a log
// that captures what the core reports, a resolver checking the helper table
// (module/core/helpers.h) as iu.ko does, with fake addresses, and a PKCS#7 check
// with OpenSSL that stands in for the kernel's verify_pkcs7_signature().
#pragma once

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

extern "C" {
#include "core/elf.h"
#include "core/codecheck.h"
}

namespace iu_test {

using Bytes = std::vector<uint8_t>;

Bytes read_file(const std::string &path);

// One line of tests/corpus' manifest.tsv.
struct Case {
	std::string name, file, stage, err, log, placeholders, desc;
	std::string path;	// absolute
	int errnum = 0;		// positive errno, 0 for ok
};
const std::vector<Case> &manifest();
inline void PrintTo(const Case &c, std::ostream *os) { *os << c.name; }
const Case *find_case(const std::string &name);
int errno_by_name(const std::string &name);	// -1 if unknown

// A heap buffer of exactly @size bytes (8-byte aligned, as the kernel's
// vmalloc'ed copy is page-aligned): reading one byte past it is an ASan error.
class Buf {
public:
	Buf(const void *data, size_t size);
	explicit Buf(const Bytes &b) : Buf(b.data(), b.size()) {}
	~Buf() { free(p_); }
	Buf(const Buf &) = delete;
	Buf &operator=(const Buf &) = delete;
	uint8_t *data() { return p_; }
	size_t size() const { return n_; }

private:
	uint8_t *p_;
	size_t n_;
};

// Collects the core's messages, one line each.
struct Log {
	struct iu_log log;
	std::string text;
	Log();
	bool has(const std::string &s) const { return text.find(s) != std::string::npos; }
};

// The helper table of module/core/helpers.h, resolving to fake addresses.
struct Resolver {
	struct Call {
		std::string name;
		uint32_t kinds;
	};
	std::vector<Call> calls;
	static uint64_t address_of(const std::string &name);	// 0 if not a helper
	static int resolve(void *ctx, const char *name, u32 kinds, u64 *addr, struct iu_log *log);
};

// verify_pkcs7_signature() against @cert_der, with the kernel's errnos:
// -EBADMSG malformed, -ENOKEY signed by another key, -EKEYREJECTED mismatch.
int verify_pkcs7(const uint8_t *content, size_t content_size, const void *sig, size_t sig_size,
		 const Bytes &cert_der, Log &log);

// What iu.ko does with a file before binding it: split the signature, check
// it, parse, load and relocate (at @base). @stage names the step that
// refused it (sig, pkcs7, parse, reloc) or "ok".
struct Outcome {
	std::string stage;
	int err = 0;
	std::string log;
	std::unique_ptr<Buf> file;		// what elf points into
	std::unique_ptr<struct iu_elf> elf;
	Bytes image;
	uint32_t kinds_resolved = 0;	// union of the kinds the resolver was asked for
	size_t resolved = 0;		// resolver calls
};
Outcome load_like_the_module(const Bytes &file, uint64_t base = 0xffffffffc0000000ULL);

constexpr uint64_t page_up(uint64_t x) { return (x + 4095) & ~uint64_t(4095); }

} // namespace iu_test
