// SPDX-License-Identifier: GPL-2.0
// tp_layouts: the generated tracepoint record types against the running
// kernel's own description of its events.
//
//   tp_layouts [-v]      the records of <iu/tp/syscalls.hpp> (-v: every field)
//   tp_layouts-KVER      (built with -DIU_TP_KERNEL against KVER's
//                        --kernel-types dir) the records of <iu/tracepoints.hpp>
//
// The layouts on our side are the compiler's (offsetof, sizeof, is_signed of
// each member, collected by the header's Record<R>::fields), compiled the way
// extensions are for x86-64; the other side is
// /sys/kernel/tracing/events/<system>/<event>/format of the live kernel. For
// every record: the event exists; every field of the format (but the common_*
// header and flexible arrays) is in the record and nothing else is; offsets
// and sizes are equal; integers and integer arrays have the format's
// signedness; strings are char arrays, __data_loc/__rel_loc fields locators;
// the record size is the end of the event's last field (what the kernel
// compares a program's max_ctx_offset with). Prints what differs and a
// summary line; exits 1 if anything differs.
#include <iu/tp/syscalls.hpp>
#ifdef IU_TP_KERNEL
#include <iu/tracepoints.hpp>
#endif

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <regex>
#include <string>

namespace {

struct LiveField {
	std::string type, dims;
	unsigned offset, size;
	bool is_signed;
};

struct Live {
	std::map<std::string, LiveField> fields;
	unsigned end = 0;	// of the last field listed (the last defined)
	unsigned header = 0;	// end of the common_* fields
};

bool read_format(const std::string &path, Live &live)
{
	static const std::regex field(
		R"(^\tfield:(.*?)\s*\b([A-Za-z_]\w*)\s*((?:\[[^\]]*\])*);\toffset:(\d+);\tsize:(\d+);\tsigned:([01]);$)");
	std::ifstream f(path);
	if (!f)
		return false;
	std::string line;
	std::smatch m;
	while (std::getline(f, line)) {
		if (!std::regex_match(line, m, field))
			continue;
		LiveField lf{m[1], m[3], unsigned(std::stoul(m[4])), unsigned(std::stoul(m[5])),
			     m[6] == "1"};
		live.end = lf.offset + lf.size;
		if (m[2].str().rfind("common_", 0) == 0)
			live.header = live.end;
		else if (lf.size)
			live.fields[m[2]] = lf;
	}
	return true;
}

const char *kind_name(iu::tp::FieldKind k)
{
	switch (k) {
	case iu::tp::FieldKind::Integer: return "integer";
	case iu::tp::FieldKind::Array: return "array";
	case iu::tp::FieldKind::String: return "string";
	case iu::tp::FieldKind::DataLoc: return "data_loc";
	case iu::tp::FieldKind::Opaque: return "opaque";
	}
	return "?";
}

std::string strip_cv(std::string t)
{
	for (const char *q : {"const ", "volatile "})
		for (size_t p; (p = t.find(q)) != std::string::npos;)
			t.erase(p, strlen(q));
	return t;
}

// The live kernel's; IU_TP_EVENTS=DIR reads formats from elsewhere.
std::string events_dir()
{
	const char *d = getenv("IU_TP_EVENTS");
	return d && *d ? d : "/sys/kernel/tracing/events";
}

// Differences of one record, one line each.
unsigned check(const iu::tp::EventInfo &e, bool verbose)
{
	std::string name = std::string(e.system) + "/" + e.event;
	Live live;
	unsigned bad = 0;
	auto diff = [&](const std::string &what) {
		printf("%s: %s\n", name.c_str(), what.c_str());
		bad++;
	};
	if (!read_format(events_dir() + "/" + name + "/format", live)) {
		diff("no such event in this kernel");
		return bad;
	}
	if (live.header != 8)
		diff("the common fields end at " + std::to_string(live.header) + ", not 8");
	if (e.size != live.end)
		diff("record size " + std::to_string(e.size) + ", the kernel's is " +
		     std::to_string(live.end));
	for (iu::usize i = 0; i < e.nr_fields; i++) {
		const iu::tp::Field &f = e.fields[i];
		auto it = live.fields.find(f.name);
		std::string fn = std::string("field ") + f.name;
		if (it == live.fields.end()) {
			diff(fn + ": not in the kernel's format");
			continue;
		}
		const LiveField &lf = it->second;
		if (f.offset != lf.offset || f.size != lf.size)
			diff(fn + ": offset " + std::to_string(f.offset) + " size " +
			     std::to_string(f.size) + ", the kernel's " + std::to_string(lf.offset) +
			     " and " + std::to_string(lf.size));
		bool is_loc = lf.type.rfind("__data_loc", 0) == 0 || lf.type.rfind("__rel_loc", 0) == 0;
		switch (f.kind) {
		case iu::tp::FieldKind::Integer:
		case iu::tp::FieldKind::Array:
			if (f.is_signed != lf.is_signed)
				diff(fn + ": " + (f.is_signed ? "signed" : "unsigned") +
				     ", the kernel's is not");
			if ((f.kind == iu::tp::FieldKind::Array) != !lf.dims.empty() || is_loc)
				diff(fn + ": " + kind_name(f.kind) + ", the kernel's is " + lf.type +
				     lf.dims);
			break;
		case iu::tp::FieldKind::String:
			if (strip_cv(lf.type) != "char" || lf.dims != "[" + std::to_string(lf.size) + "]")
				diff(fn + ": a string, the kernel's is " + lf.type + " " + lf.dims);
			break;
		case iu::tp::FieldKind::DataLoc:
			if (!is_loc)
				diff(fn + ": a __data_loc locator, the kernel's is " + lf.type);
			break;
		case iu::tp::FieldKind::Opaque:
			break;
		}
		if (verbose)
			printf("%s: %s at %u, %u bytes, %s\n", name.c_str(), fn.c_str(), f.offset,
			       f.size, kind_name(f.kind));
		live.fields.erase(it);
	}
	for (auto &[n, lf] : live.fields)
		diff("field " + n + " (" + lf.type + lf.dims + ") is missing from the record");
	return bad;
}

template <iu::usize N>
int check_all(const char *header, const iu::tp::EventInfo (&events)[N], bool verbose)
{
	unsigned bad_records = 0, diffs = 0;
	for (const auto &e : events) {
		unsigned d = check(e, verbose);
		diffs += d;
		bad_records += d != 0;
	}
	printf("%s: %zu records, %u match the live formats, %u differ (%u differences)\n", header,
	       N, unsigned(N) - bad_records, bad_records, diffs);
	return bad_records ? 1 : 0;
}

} // namespace

int main(int argc, char **argv)
{
	bool verbose = argc > 1 && !strcmp(argv[1], "-v");
#ifdef IU_TP_KERNEL
	return check_all("<iu/tracepoints.hpp>", iu::tp::kernel_events, verbose);
#else
	return check_all("<iu/tp/syscalls.hpp>", iu::tp::syscall_events, verbose);
#endif
}
