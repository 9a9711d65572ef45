#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the kernel's trace event formats into C++ record types for iu.

Input: directories of formats as scripts/tp-formats brings them back from a
booted kernel (DIR/<system>/<event>/format, the text of
/sys/kernel/tracing/events/<system>/<event>/format). The format is the
authority for a record's layout: field names, offsets, sizes, signedness.

Output: a header of record types iu::tp::<system>::<event> (see
iu_rt/include/iu/tp/record.hpp for what a record type is and is not). Every
field is at its offset with a static_assert on offsetof, sizeof and
signedness; the record size (the end of the last field, which the kernel
compares with a program's max_ctx_offset at attach) is Record<R>::size.

  tpgen.py syscalls --out FILE DIR...
      The syscall events (systems syscalls and raw_syscalls) whose layout is
      the same in every DIR (one per supported kernel): the committed
      iu_rt/include/iu/tp/syscalls.hpp. Events that differ or are missing
      somewhere are left out, and listed in the header.
  tpgen.py kernel --out FILE --kver KVER [--exclude HEADER] DIR
      Every event of one kernel except those HEADER (the syscalls header)
      already has: <iu/tracepoints.hpp> for --kernel-types (scripts/tp-header).
"""
import argparse
import os
import re
import sys

KEYWORDS = set("""alignas alignof and and_eq asm auto bitand bitor bool break case catch
char char8_t char16_t char32_t class compl concept const consteval constexpr constinit
const_cast continue co_await co_return co_yield decltype default delete do double
dynamic_cast else enum explicit export extern false float for friend goto if inline int
long mutable namespace new noexcept not not_eq nullptr operator or or_eq private
protected public register reinterpret_cast requires return short signed sizeof static
static_assert static_cast struct switch template this thread_local throw true try typedef
typeid typename union unsigned using virtual void volatile wchar_t while xor xor_eq
final override import module""".split())

# Systems left out: ftrace's own events are not attachable by BPF programs.
SKIP_SYSTEMS = {"ftrace"}
SYSCALL_SYSTEMS = ("raw_syscalls", "syscalls")
HEADER_SIZE = 8  # struct trace_entry: a pt_regs pointer for BPF programs

FIELD_RE = re.compile(
    r"^\tfield:(?P<decl>.*);\toffset:(?P<offset>\d+);\tsize:(?P<size>\d+);"
    r"\tsigned:(?P<signed>[01]);$")
DECL_RE = re.compile(r"^(?P<type>.*?)\s*\b(?P<name>[A-Za-z_]\w*)\s*(?P<dims>(\[[^\]]*\])*)$")
IDENT_RE = re.compile(r"^[A-Za-z_]\w*$")


class FormatError(Exception):
    pass


class KField:
    """A field as the format gives it."""

    def __init__(self, decl, offset, size, signed):
        self.decl = decl
        self.offset = offset
        self.size = size
        self.signed = signed
        m = DECL_RE.match(decl)
        if not m:
            raise FormatError("cannot read field declaration %r" % decl)
        self.type = m.group("type").strip()
        self.name = m.group("name")
        self.dims = m.group("dims")


class KEvent:
    def __init__(self, system, name, fields):
        self.system = system
        self.name = name
        self.fields = fields  # without the common_* header

    def size(self):
        """The record size the kernel checks programs against: the end of the
        last field defined (trace_event_get_offsets)."""
        return self.fields[-1].offset + self.fields[-1].size if self.fields else HEADER_SIZE


def parse_format(system, event, text):
    fields = []
    for line in text.splitlines():
        if not line.startswith("\tfield:"):
            continue
        m = FIELD_RE.match(line)
        if not m:
            raise FormatError("unexpected field line %r" % line)
        f = KField(m.group("decl"), int(m.group("offset")), int(m.group("size")),
                   m.group("signed") == "1")
        fields.append(f)
    common = [f for f in fields if f.name.startswith("common_")]
    if not common or max(f.offset + f.size for f in common) != HEADER_SIZE:
        raise FormatError("no 8-byte common header")
    return KEvent(system, event, [f for f in fields if not f.name.startswith("common_")])


def read_formats(d):
    """{(system, event): KEvent} of one kernel's formats."""
    if not os.path.isfile(os.path.join(d, ".complete")):
        raise SystemExit("tpgen: %s is not a complete format directory (scripts/tp-formats)" % d)
    events = {}
    for system in sorted(os.listdir(d)):
        sd = os.path.join(d, system)
        if not os.path.isdir(sd):
            continue
        for event in sorted(os.listdir(sd)):
            p = os.path.join(sd, event, "format")
            if os.path.isfile(p):
                with open(p) as f:
                    text = f.read()
                try:
                    events[(system, event)] = parse_format(system, event, text)
                except FormatError as e:
                    events[(system, event)] = e
    return events


def kver_of(d):
    with open(os.path.join(d, ".complete")) as f:
        return f.read().strip()


# ---------------------------------------------------------------- C++
def int_type(size, signed):
    return ("s%d" if signed else "u%d") % (size * 8)


def is_char(ctype):
    return re.sub(r"\b(const|volatile)\b", "", ctype).strip() == "char"


def cxx_name(name, taken):
    """A C++ member name for a kernel field name: reserved names lose their
    leading underscores (__syscall_nr -> syscall_nr), keywords get a trailing
    one (new -> new_); never one already taken."""
    n = name
    if n.startswith("__") or re.match(r"^_[A-Z]", n):
        n = n.lstrip("_") or name
    if n in KEYWORDS:
        n += "_"
    while n in taken or n.startswith("__") or re.match(r"^_[A-Z]", n):
        n += "_"
    return n


def align_up(x, a):
    return (x + a - 1) // a * a


class Member:
    def __init__(self, kf, cname, ctype, kind, align, signed):
        self.kf = kf
        self.cname = cname
        self.ctype = ctype
        self.kind = kind
        self.align = align
        self.signed = signed
        self.comment = kf.decl

    def shape(self):
        return (self.cname, self.ctype, self.kind, self.kf.name, self.kf.offset, self.kf.size,
                self.signed)


def layout(ev):
    """The C++ members of an event's record, or raise FormatError."""
    members, taken = [], {ev.name}
    for kf in ev.fields:
        if kf.size == 0:
            continue  # a flexible array ("char buf[]"): nothing to read in the fixed record
        name = cxx_name(kf.name, taken)
        taken.add(name)
        dims = re.findall(r"\[([^\]]*)\]", kf.dims)
        if kf.type.startswith(("__data_loc", "__rel_loc")):
            m = Member(kf, name, "u32", "DataLoc", 4, False)
            if kf.size != 4 or kf.offset % 4:
                raise FormatError("%s: %s field of size %d at %d" % (
                    kf.name, kf.type.split()[0], kf.size, kf.offset))
        elif not dims and kf.size in (1, 2, 4, 8) and kf.offset % kf.size == 0:
            m = Member(kf, name, int_type(kf.size, kf.signed), "Integer", kf.size, kf.signed)
        elif (len(dims) == 1 and dims[0].isdigit() and int(dims[0]) == kf.size and kf.size > 0
              and is_char(kf.type)):
            # A string: char, whatever its signedness in the kernel's build
            # (6.1 says signed, 6.12 builds with -funsigned-char).
            m = Member(kf, name, "Array<char, %d>" % kf.size, "String", 1, kf.signed)
        elif (len(dims) == 1 and dims[0].isdigit() and int(dims[0]) > 0 and
              kf.size % int(dims[0]) == 0 and kf.size // int(dims[0]) in (1, 2, 4, 8) and
              kf.offset % (kf.size // int(dims[0])) == 0 and "*" not in kf.type and
              not kf.type.startswith(("struct", "union", "enum"))):
            n = int(dims[0])
            el = int_type(kf.size // n, kf.signed)
            m = Member(kf, name, "Array<%s, %d>" % (el, n), "Array", kf.size // n, kf.signed)
        else:
            m = Member(kf, name, "Array<u8, %d>" % kf.size, "Opaque", 1, False)
        members.append(m)
    pos = HEADER_SIZE
    for m in members:
        if m.kf.offset < pos:
            raise FormatError("%s overlaps the field before it" % m.kf.name)
        pos = m.kf.offset + m.kf.size
    return members


def emit_record(out, ev, members, qual):
    out.append("// %s/%s: %d bytes" % (ev.system, ev.name, ev.size()))
    out.append("struct %s {" % cxx_ident(ev.name))
    out.append("\tIU_TP_RECORD_(%s);" % cxx_ident(ev.name))
    out.append("\tu64 : 64;\t// common_type, common_flags, common_preempt_count, common_pid")
    pos = HEADER_SIZE
    for m in members:
        natural = align_up(pos, m.align)
        if m.kf.offset != natural:
            gap = m.kf.offset - pos
            out.append("\t%s\t// %d bytes between fields" % (" ".join(["u8 : 8;"] * gap), gap))
        out.append("\t%s %s;\t// %s" % (m.ctype, m.cname, m.comment))
        pos = m.kf.offset + m.kf.size
    out.append("};")


def cxx_ident(name):
    return name + "_" if name in KEYWORDS else name


def record_name(ev):
    return "%s::%s" % (cxx_ident(ev.system), cxx_ident(ev.name))


def emit_event(out, ev, members):
    ns = cxx_ident(ev.system)
    r = record_name(ev)
    out.append("namespace %s {" % ns)
    emit_record(out, ev, members, r)
    out.append("} // namespace %s" % ns)
    out.append("template <>")
    out.append("struct Record<%s> {" % r)
    out.append("\tstatic constexpr bool generated = true;")
    out.append("\tstatic constexpr char system[] = \"%s\";" % ev.system)
    out.append("\tstatic constexpr char event[] = \"%s\";" % ev.name)
    out.append("\tstatic constexpr u32 size = %d;" % ev.size())
    out.append("\tstatic constexpr usize nr_fields = %d;" % len(members))
    out.append("\tstatic constexpr Field fields[] = {")
    for m in members:
        out.append("\t\tIU_TP_FIELD_(%s, %s, \"%s\", %s)," % (r, m.cname, m.kf.name, m.kind))
    if not members:
        out.append("\t\t{\"\", 0, 0, false, FieldKind::Opaque},\t// none (nr_fields is 0)")
    out.append("\t};")
    out.append("};")
    for m in members:
        out.append("static_assert(detail::field_is<%s>(\"%s\", %d, %d, %s, FieldKind::%s));" % (
            r, m.kf.name, m.kf.offset, m.kf.size,
            "true" if m.signed else "false", m.kind))
    out.append("template <>")
    out.append("struct Event<\"%s\", \"%s\"> {" % (ev.system, ev.name))
    out.append("\tstatic constexpr bool known = true;")
    out.append("\tusing type = %s;" % r)
    out.append("};")
    out.append("")


def emit_index(out, name, records):
    """An array of EventInfo for every record of the header."""
    out.append("// Every record of this header.")
    out.append("inline constexpr EventInfo %s[] = {" % name)
    for r in records:
        out.append("\tIU_TP_EVENT_INFO_(%s)," % r)
    out.append("};")
    out.append("")


def usable(ev):
    """(members, None) or (None, why not)."""
    if isinstance(ev, FormatError):
        return None, str(ev)
    if not IDENT_RE.match(ev.system) or not IDENT_RE.match(ev.name):
        return None, "not a C++ identifier"
    try:
        return layout(ev), None
    except FormatError as e:
        return None, str(e)


def write(path, head, body):
    text = "\n".join(head + body) + "\n"
    tmp = path + ".tmp"
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


PRELUDE = [
    "#pragma once",
    "",
    "#include <iu/tp/record.hpp>",
    "",
    "namespace iu::tp {",
    "",
]


def kernel_line(kver):
    m = re.match(r"^(\d+\.\d+)", kver)
    return m.group(1) if m else kver


def cmd_syscalls(a):
    kernels = [read_formats(d) for d in a.dirs]
    lines = sorted({kernel_line(kver_of(d)) for d in a.dirs}, key=lambda v: [int(x) for x in v.split(".")])
    names = sorted({k for ks in kernels for k in ks if k[0] in SYSCALL_SYSTEMS})
    body, left_out, records = [], [], []
    for key in names:
        evs = [ks.get(key) for ks in kernels]
        if any(e is None for e in evs):
            left_out.append("%s/%s: not in every kernel" % key)
            continue
        bad = [e for e in evs if isinstance(e, FormatError)]
        if bad:
            left_out.append("%s/%s: %s" % (key[0], key[1], bad[0]))
            continue
        layouts = [usable(e) for e in evs]
        why = next((w for _, w in layouts if w), None)
        if why:
            left_out.append("%s/%s: %s" % (key[0], key[1], why))
            continue
        # The same layout: the same C++ members at the same places, and the
        # same record size. (Declared types may differ in what C++ does not
        # see: "int * mnt_id" on one kernel, "void * mnt_id" on another.)
        shapes = [[m.shape() for m in ms] + [e.size()] for (ms, _), e in zip(layouts, evs)]
        if any(sh != shapes[0] for sh in shapes):
            left_out.append("%s/%s: the layout differs between kernels" % key)
            continue
        members = layouts[0][0]
        for i, m in enumerate(members):
            decls = []
            for ms, _ in layouts:
                if ms[i].kf.decl not in decls:
                    decls.append(ms[i].kf.decl)
            m.comment = " | ".join(decls)
        emit_event(body, evs[0], members)
        records.append(record_name(evs[0]))
    emit_index(body, "syscall_events", records)
    head = [
        "// SPDX-License-Identifier: GPL-2.0",
        "// Generated by toolchain/tp/tpgen.py from the tracefs event formats of the",
        "// Linux %s kernels: do not edit (tests check it against the kernels)." % " and ".join(lines),
        "// The syscall events: one record type per event, the syscall's own",
        "// arguments by name (iu::tp::syscalls::sys_enter_dup has fildes), nothing",
        "// beyond the record. Arguments are the raw 64-bit register values, as the",
        "// kernel's format says (size 8, unsigned); cast them to the argument's type.",
        "// raw_syscalls::sys_enter has the number and all six argument registers.",
    ]
    if left_out:
        head.append("// Left out (use <iu/tracepoints.hpp> of the kernel):")
        head += ["//   " + w for w in left_out]
    tail = ["} // namespace iu::tp"]
    write(a.out, head + PRELUDE, body + tail)
    print("tpgen: %s: %d events (%d left out)" % (a.out, len(names) - len(left_out), len(left_out)),
          file=sys.stderr)


def excluded_events(header):
    with open(header) as f:
        return set(re.findall(r'^struct Event<"(\w+)", "(\w+)">', f.read(), re.M))


def cmd_kernel(a):
    events = read_formats(a.dir)
    kver = a.kver or kver_of(a.dir)
    skip = excluded_events(a.exclude) if a.exclude else set()
    body, left_out, records = [], [], []
    for key in sorted(events):
        if key[0] in SKIP_SYSTEMS or key in skip:
            continue
        members, why = usable(events[key])
        if why:
            left_out.append("%s/%s: %s" % (key[0], key[1], why))
            continue
        emit_event(body, events[key], members)
        records.append(record_name(events[key]))
    emit_index(body, "kernel_events", records)
    n = len(records)
    head = [
        "// SPDX-License-Identifier: GPL-2.0",
        "// Generated by scripts/tp-header (toolchain/tp/tpgen.py) from the tracefs event",
        "// formats of Linux %s: do not edit. Record types for the tracepoints of" % kver,
        "// that kernel (iu::tp::<system>::<event>), for iu-cc --kernel-types.",
    ]
    if skip:
        head.append("// The events of <iu/tp/syscalls.hpp> are there, not here.")
    if left_out:
        head.append("// Left out:")
        head += ["//   " + w for w in left_out]
    if skip:
        PRE = PRELUDE[:3] + ["#include <iu/tp/syscalls.hpp>"] + PRELUDE[3:]
    else:
        PRE = PRELUDE
    write(a.out, head + PRE, body + ["} // namespace iu::tp"])
    print("tpgen: %s: %d events of %s (%d left out)" % (a.out, n, kver, len(left_out)),
          file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("syscalls")
    s.add_argument("--out", required=True)
    s.add_argument("dirs", nargs="+")
    k = sub.add_parser("kernel")
    k.add_argument("--out", required=True)
    k.add_argument("--kver")
    k.add_argument("--exclude")
    k.add_argument("dir")
    a = ap.parse_args()
    {"syscalls": cmd_syscalls, "kernel": cmd_kernel}[a.cmd](a)


if __name__ == "__main__":
    main()
