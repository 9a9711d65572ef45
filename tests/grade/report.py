#!/usr/bin/env python3
# scripts/grade's report: the items scripts/grade (host) and tests/grade/guest.sh
# (guest) produced, in one fixed list, as a table ending in "score: X/Y" and as
# grade.json ({"total", "max", "items": [{"name", "points", "max", "reason"}]});
# with --many one grade.json per submission and summary.csv.
import argparse
import csv
import json
import os
import sys

# name, max, what it checks (the one list: docs/grading.md describes it)
ITEMS = [
    ("build", 2, "the extension builds with iu-cc: safe subset, code check, signed"),
    ("loader_builds", 1, "the loader compiles against libiu"),
    ("loads", 1, "iu.ko loads it; bpf_prog1 is a kprobe on __seccomp_filter"),
    ("write_512_prints", 1, "write with size 512 prints"),
    ("write_511_silent", 1, "write with size 511 is silent"),
    ("read_128_silent", 1, "read with size 128 is silent"),
    ("read_129_prints", 1, "read with size 129 prints"),
    ("read_1024_prints", 1, "read with size 1024 prints"),
    ("read_1025_silent", 1, "read with size 1025 is silent"),
    ("mmap_prints", 1, "mmap prints"),
    ("getuid_prints", 1, "getuid (start of the range) prints"),
    ("getsid_prints", 1, "getsid (end of the range) prints"),
    ("below_getuid_silent", 1, "one below getuid is silent"),
    ("above_getsid_silent", 1, "one past getsid is silent"),
    ("other_syscalls_silent", 1, "other syscalls are silent"),
    ("faulting_read_zeroes", 1, "a faulting read of sd leaves zeros: silent"),
    ("probe_read_kernel_reads", 1, "the runtime's probe_read_kernel returns the bytes"),
    ("probe_read_kernel_fault", 1, "the runtime's probe_read_kernel of a bad address is an error"),
    ("loader_runs", 1, "the loader runs and exits 0"),
    ("loader_trace", 2, "the loader's trace equals the eBPF tracex5's"),
    ("kernel_clean", 1, "no kernel warning (any fails the run)"),
]
DEPENDS = {  # what an item needs when it is missing
    "loads": "build", "probe_read_kernel_reads": "build", "probe_read_kernel_fault": "build",
    "loader_runs": "loader_builds", "loader_trace": "loader_builds",
}


def parse_items(lines):
    got = {}
    for line in lines:
        f = line.rstrip("\n").split("\t")
        if len(f) >= 4 and f[0] == "item":
            got[f[1]] = (int(f[2]), int(f[3]), f[4] if len(f) > 4 else "")
    return got


def grade(name, work, guest):
    host = parse_items(open(os.path.join(work, name, "host.items")))
    g = {}
    done = False
    for line in guest:
        f = line.rstrip("\n").split("\t")
        if len(f) >= 3 and f[0] == "GRADE" and f[1] == name:
            if f[2] == "done":
                done = True
            else:
                # The first line of an item counts: guest.sh emits every
                # item once, the grader's own checks before the student's
                # loader runs, so a line the loader (or anything after it)
                # prints cannot replace one.
                for k, v in parse_items(["\t".join(f[2:])]).items():
                    g.setdefault(k, v)
    got = {**g, **host}
    items = []
    for item, mx, _ in ITEMS:
        if item in got:
            pts, _, reason = got[item]
            pts = max(0, min(pts, mx))
        else:
            pts = 0
            need = DEPENDS.get(item, "build" if item not in ("kernel_clean",) else None)
            if item == "kernel_clean" and not done:
                reason = "the guest did not finish this submission (crash or hang)"
            elif need and got.get(need, (0,))[0] == 0:
                reason = f"not run: {need} failed"
            elif item.startswith("loader") and got.get("build", (0,))[0] == 0:
                reason = "not run: build failed (no extension to load)"
            elif item.startswith(("write", "read", "mmap", "get", "below", "above", "other", "faulting")) \
                    and got.get("loads", (0,))[0] == 0:
                reason = "not run: the extension did not load"
            elif not done:
                reason = "the guest did not finish this submission (crash or hang)"
            else:
                reason = "not run"
        items.append({"name": item, "points": pts, "max": mx, "reason": reason if pts < mx else ""})
    total = sum(i["points"] for i in items)
    mx = sum(i["max"] for i in items)
    clean = next(i for i in items if i["name"] == "kernel_clean")
    if clean["points"] == 0:
        total = 0  # a kernel warning fails the run
    return {"total": total, "max": mx, "items": items}


def table(name, res, ignored):
    w = max(len(i["name"]) for i in res["items"])
    out = [f"== {name}"]
    for f in ignored[:10]:
        out.append(f"ignored (not a file the assignment lets you change): {f}")
    if len(ignored) > 10:
        out.append(f"ignored: {len(ignored) - 10} more files")
    out.append(f"{'item':<{w}}  points  reason")
    for i in res["items"]:
        out.append(f"{i['name']:<{w}}  {i['points']:>2}/{i['max']:<3}  {i['reason']}")
    if res["items"][-1]["points"] == 0:
        out.append("a kernel warning fails the run: total 0")
    out.append(f"score: {res['total']}/{res['max']}")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--guest", required=True)
    ap.add_argument("--many", action="store_true")
    ap.add_argument("names", nargs="+")
    a = ap.parse_args()
    guest = open(a.guest, errors="replace").readlines()
    rows = []
    for name in a.names:
        res = grade(name, a.work, guest)
        ign = [l.strip() for l in open(os.path.join(a.work, name, "ignored")) if l.strip()]
        print(table(name, res, ign))
        d = os.path.join(a.out, name) if a.many else a.out
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "grade.json"), "w") as f:
            json.dump(res, f, indent=1)
            f.write("\n")
        rows.append((name, res))
    if a.many:
        with open(os.path.join(a.out, "summary.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["submission", "total", "max"] + [i for i, _, _ in ITEMS])
            for name, res in rows:
                w.writerow([name, res["total"], res["max"]] + [i["points"] for i in res["items"]])
        print(f"summary: {os.path.join(a.out, 'summary.csv')}")


if __name__ == "__main__":
    sys.exit(main())
