#!/usr/bin/env python3
"""Runs the careplan benchmarks and prints a Markdown table (see bench/run, which builds first).

Usage: bench.py --bin DIR [--sizes 1,100,10000] [--runs N] [--config release|debug] [--out FILE]

DIR holds `careplan` and `careplan-bench`. Every timing is the median of N runs (after one
warm-up run). The reference is Python's json.load on the same plans, exported as JSON by
careplan's own JSON export, timed in this process.
"""
import argparse
import gc
import glob
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import gen_corpus  # noqa: E402

TODAY = "2026-11-29"
ENV = dict(os.environ, CAREPLAN_TODAY=TODAY, LC_ALL="C")
TIME = "/usr/bin/time"

# The targets from issue #6.
TARGET_RATIO = 1.0
TARGET_STARTUP_MS = 20.0
TARGET_REPL_MS = 5.0
TARGET_MEMORY_X = 5.0


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def median(xs):
    return statistics.median(xs)


SPREADS = {}


def run_timed(cmd, runs, warmup=1):
    """Median wall seconds of `cmd` over `runs` runs; also max RSS (KB) and CPU % (median).
    The fastest and slowest run are kept in SPREADS, by the median's value."""
    walls, rss, cpu = [], [], []
    for i in range(warmup + runs):
        t0 = time.perf_counter()
        p = subprocess.run([TIME, "-f", "@@ %M %P", *cmd], env=ENV, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - t0
        stats = [l for l in p.stderr.splitlines() if l.startswith("@@ ")]
        if p.returncode not in (0, 1) or not stats:
            raise SystemExit("bench: %s failed (%d):\n%s" % (" ".join(cmd), p.returncode, p.stderr[-2000:]))
        if i >= warmup:
            _, m, pc = stats[-1].split()
            walls.append(wall)
            rss.append(int(m))
            cpu.append(float(pc.rstrip("%")) if pc != "?%" else 0.0)
    SPREADS[median(walls)] = (min(walls), max(walls))
    return median(walls), max(rss), median(cpu)


def kv(output):
    out = {}
    for line in output.splitlines():
        if "=" in line:
            k, v = line.split("=", 1)
            out[k.strip()] = v.strip()
    return out


def bench_tool(bindir, args):
    p = subprocess.run([os.path.join(bindir, "careplan-bench"), *args], env=ENV, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit("bench: careplan-bench %s failed:\n%s" % (" ".join(args), p.stderr))
    return kv(p.stdout)


def corpus_stamp(sizes):
    h = hashlib.sha256()
    for f in [os.path.join(HERE, "gen_corpus.py"), os.path.join(ROOT, "examples", "templates", "home-safety.careplan")]:
        with open(f, "rb") as fh:
            h.update(fh.read())
    h.update(repr(sorted(sizes)).encode())
    return h.hexdigest()


def prepare_corpus(corpus, sizes, bindir):
    """Generates the corpus and its JSON exports, unless an identical one is already there."""
    stamp_file = os.path.join(corpus, ".stamp")
    stamp = corpus_stamp(sizes) + " " + os.path.basename(bindir.rstrip("/"))
    if os.path.exists(stamp_file) and open(stamp_file).read() == stamp:
        log("bench: corpus up to date (%s)" % corpus)
        return
    log("bench: generating corpus in %s" % corpus)
    gen_corpus.main([corpus, *[str(n) for n in sizes]])
    for n in sizes:
        log("bench: exporting %d plans as JSON (careplan's json export) for the reference" % n)
        bench_tool(bindir, ["export-json", os.path.join(corpus, str(n), "single.careplan"), os.path.join(corpus, str(n), "json")])
    with open(stamp_file, "w") as f:
        f.write(stamp)


def json_reference(corpus, n, runs):
    """json.load plans/s: one array file, and one file per plan (this process, GC as usual)."""
    array = os.path.join(corpus, str(n), "json", "plans.json")
    files = sorted(glob.glob(os.path.join(corpus, str(n), "json", "plan-*.json")))

    def load_array():
        with open(array, "rb") as f:
            return len(json.load(f))

    def load_files():
        for path in files:
            with open(path, "rb") as f:
                json.load(f)
        return len(files)

    out = {}
    for name, fn in (("single", load_array), ("dir", load_files)):
        fn()
        times = []
        for _ in range(runs):
            gc.collect()
            t0 = time.perf_counter()
            count = fn()
            times.append(time.perf_counter() - t0)
        assert count == n, (name, count, n)
        out[name] = median(times)
        SPREADS[out[name]] = (min(times), max(times))
    out["bytes"] = os.path.getsize(array)
    return out


def dir_bytes(path):
    return sum(os.path.getsize(p) for p in glob.glob(os.path.join(path, "*.careplan")))


def fmt_rate(x):
    if x >= 100:
        return "{:,.0f}".format(x)
    return "{:.3g}".format(x)


def fmt_ms(s):
    return "{:.1f} ms".format(s * 1000) if s < 10 else "{:.2f} s".format(s)


def fmt_spread(s):
    """A median with the fastest and slowest run: `2.01 s (1.90-2.35)`."""
    lo, hi = SPREADS.get(s, (s, s))
    if s >= 1:
        return "%.2f s (%.2f-%.2f)" % (s, lo, hi)
    if s >= 0.01:
        return "%.0f ms (%.0f-%.0f)" % (s * 1000, lo * 1000, hi * 1000)
    return "%.2f ms (%.2f-%.2f)" % (s * 1000, lo * 1000, hi * 1000)


def load_average():
    try:
        return "%.1f" % os.getloadavg()[0]
    except OSError:
        return "?"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--sizes", default="1,100,10000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--config", default="release")
    ap.add_argument("--corpus", default=os.path.join(HERE, "corpus"))
    ap.add_argument("--out", default=None)
    ap.add_argument("--repl-goals", type=int, default=1000)
    a = ap.parse_args()
    sizes = [int(s) for s in a.sizes.split(",")]
    runs = a.runs
    careplan = os.path.join(a.bin, "careplan")
    prepare_corpus(a.corpus, sizes, a.bin)
    load_start = load_average()

    rows_check, rows_mem, rows_export, rows_folder, rows_folder_ratio = [], [], [], [], []
    results = {}
    for n in sizes:
        base = os.path.join(a.corpus, str(n))
        single = os.path.join(base, "single.careplan")
        d = os.path.join(base, "dir")
        sbytes, dbytes = os.path.getsize(single), dir_bytes(d)
        r = max(1, runs if n < 10000 else min(runs, 5))
        log("bench: %d plans: check (single file, directory), in-process check, exports, reference" % n)
        t_single, rss_single, cpu_single = run_timed([careplan, "check", "--quiet", single], r)
        t_dir, rss_dir, cpu_dir = run_timed([careplan, "check", "--quiet", d], r)
        # The caseload of the same folder (every plan checked, then what is due listed).
        t_cl, rss_cl, cpu_cl = run_timed([careplan, "caseload", d], r)
        load_dir = load_average()
        inproc = float(bench_tool(a.bin, ["check", single, "--repeat", str(r)])["seconds"])
        ref = json_reference(a.corpus, n, r)
        ej = bench_tool(a.bin, ["export", single, "--format", "json", "--repeat", str(r)])
        ef = bench_tool(a.bin, ["export", single, "--format", "fhir", "--repeat", str(r)])
        results[n] = dict(t_single=t_single, t_dir=t_dir, t_cl=t_cl, inproc=inproc, ref=ref, rss_single=rss_single,
                          rss_dir=rss_dir, cpu_dir=cpu_dir, cpu_cl=cpu_cl, sbytes=sbytes, dbytes=dbytes)
        ps_single, ps_dir = n / t_single, n / t_dir
        ref_single, ref_dir = n / ref["single"], n / ref["dir"]
        rows_check.append("| %s | single file, %s | %s | %s | %s | %s | %s | **%.2f** |" % (
            "{:,}".format(n), "{:.1f} KB".format(sbytes / 1e3) if sbytes < 1e6 else "{:.1f} MB".format(sbytes / 1e6),
            fmt_ms(t_single), fmt_rate(sbytes / t_single / 1e6), fmt_rate(ps_single),
            fmt_rate(n / inproc), fmt_rate(ref_single), ps_single / ref_single))
        rows_check.append("| %s | directory, %s files | %s | %s | %s | | %s | **%.2f** |" % (
            "{:,}".format(n), "{:,}".format(n), fmt_ms(t_dir), fmt_rate(dbytes / t_dir / 1e6), fmt_rate(ps_dir),
            fmt_rate(ref_dir), ps_dir / ref_dir))
        rows_folder.append("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
            "{:,}".format(n), fmt_spread(t_dir), fmt_rate(ps_dir), fmt_spread(t_cl), fmt_rate(n / t_cl),
            fmt_spread(ref["dir"]), fmt_rate(ref_dir), load_dir))
        rows_folder_ratio.append((ps_dir / ref_dir, (n / t_cl) / ref_dir, cpu_dir, cpu_cl))
        rows_mem.append("| %s | %s | %.1f MB | %.1fx | %.1f MB | %.1fx | %.0f%% |" % (
            "{:,}".format(n), "{:.2f} MB".format(sbytes / 1e6), rss_single * 1024 / 1e6, rss_single * 1024 / sbytes,
            rss_dir * 1024 / 1e6, rss_dir * 1024 / dbytes, cpu_dir))
        for fmt, e in (("json", ej), ("fhir", ef)):
            secs, out_bytes = float(e["seconds"]), int(e["output_bytes"])
            rows_export.append("| %s | %s | %s | %s | %s |" % (
                "{:,}".format(n), fmt, fmt_ms(secs), fmt_rate(n / secs), fmt_rate(out_bytes / secs / 1e6)))

    # Start-up: one small file (one plan, two imported template files), and --version alone.
    small = os.path.join(a.corpus, str(sizes[0]), "dir", "plan-00001.careplan")
    startup_runs = max(runs * 4, 10)
    t_start, rss_start, _ = run_timed([careplan, "check", "--quiet", small], startup_runs)
    t_version, _, _ = run_timed([careplan, "--version"], startup_runs)
    t_export1, _, _ = run_timed([careplan, "export", small, "--format", "json", "-o", os.path.join(a.corpus, "startup-export.json")], startup_runs)
    goals = a.repl_goals
    repl = bench_tool(a.bin, ["repl", "--goals", str(goals), "--repeat", str(max(runs * 6, 10))])
    repl_ms, repl_p90, note_ms = float(repl["seconds"]) * 1000, float(repl["p90_seconds"]) * 1000, float(repl["note_seconds"]) * 1000

    big = max(sizes)
    rb = results[big]
    ratio_single = (big / rb["t_single"]) / (big / rb["ref"]["single"])
    ratio_dir = (big / rb["t_dir"]) / (big / rb["ref"]["dir"])
    ratio_cl = (big / rb["t_cl"]) / (big / rb["ref"]["dir"])
    mem_x = rb["rss_single"] * 1024 / rb["sbytes"]
    both_cores = rb["cpu_dir"] > 100

    def ok(b):
        return "met" if b else "**not met**"

    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    cpu_model = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    lines = []
    w = lines.append
    w("## careplan benchmarks")
    w("")
    w("%s build, commit %s, %s, %d cores (%s), Python %s; medians of %d runs (start-up: %d runs); "
      "`CAREPLAN_TODAY=%s`; load average %s at the start, %s at the end. Generated by `bench/run%s`." % (
          a.config, commit or "?", time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), os.cpu_count() or 0,
          cpu_model or platform.machine(), platform.python_version(), runs, startup_runs, TODAY, load_start,
          load_average(), " --smoke" if a.config == "debug" else ""))
    w("")
    if a.config != "release":
        w("**%s build: a smoke run that checks the benchmark works; its numbers say nothing about the targets.**" % a.config)
        w("")
    w("### Targets (at %s plans)" % "{:,}".format(big))
    w("")
    w("| target | measured | |")
    w("|---|---|---|")
    w("| check plans/s ÷ `json.load` plans/s >= %.1f | single file %.2f, directory %.2f | %s |" % (
        TARGET_RATIO, ratio_single, ratio_dir, ok(min(ratio_single, ratio_dir) >= TARGET_RATIO)))
    w("| start-up (`careplan check` on one small file) < %.0f ms | %.1f ms (`careplan --version`: %.1f ms) | %s |" % (
        TARGET_STARTUP_MS, t_start * 1000, t_version * 1000, ok(t_start * 1000 < TARGET_STARTUP_MS)))
    w("| one REPL statement at %s goals < %.0f ms | %.2f ms (p90 %.2f ms; a one-line field: %.2f ms) | %s |" % (
        "{:,}".format(goals), TARGET_REPL_MS, repl_ms, repl_p90, note_ms, ok(repl_ms < TARGET_REPL_MS)))
    w("| peak memory (max RSS) < %.0fx the input | %.1fx (%.0f MB for %.1f MB, one file) | %s |" % (
        TARGET_MEMORY_X, mem_x, rb["rss_single"] * 1024 / 1e6, rb["sbytes"] / 1e6, ok(mem_x < TARGET_MEMORY_X)))
    w("| folder: `check DIR` and `caseload DIR` plans/s ÷ `json.load` plans/s (one file per plan) >= %.1f | check %.2f, caseload %.2f | %s |" % (
        TARGET_RATIO, ratio_dir, ratio_cl, ok(min(ratio_dir, ratio_cl) >= TARGET_RATIO)))
    w("| checking a directory uses both cores | check %.0f%% CPU, caseload %.0f%% | %s |" % (
        rb["cpu_dir"], rb["cpu_cl"], ok(both_cores and rb["cpu_cl"] > 100)))
    w("")
    w("### Check throughput")
    w("")
    w("Wall time of `careplan check --quiet` (whole process: start, read, imports, check, validate). "
      "In-process: `Compilation.check` alone (careplan-bench). Reference: `json.load` of the same plans as "
      "careplan's JSON export (one array file / one file per plan), in Python. Ratio: careplan plans/s ÷ json.load plans/s.")
    w("")
    w("| plans | input | time | MB/s | plans/s | plans/s in-process | json.load plans/s | ratio |")
    w("|---:|---|---:|---:|---:|---:|---:|---:|")
    lines.extend(rows_check)
    w("")
    w("### Folders: `check DIR` and `caseload DIR` against `json.load`")
    w("")
    w("Whole processes on a folder of one plan per file, every file importing the same two template libraries "
      "(`bench/gen_corpus.py`), side by side in one run: median wall time (fastest-slowest of the runs), and "
      "`json.load` of the same plans' JSON exports, one file per plan, in this Python process. The machine "
      "is shared: the load average after each size's runs is in the last column.")
    w("")
    w("| plans | `check DIR` | plans/s | `caseload DIR` | plans/s | `json.load` | plans/s | load |")
    w("|---:|---:|---:|---:|---:|---:|---:|---:|")
    lines.extend(rows_folder)
    w("")
    w("| plans | check ÷ json.load | caseload ÷ json.load | check CPU | caseload CPU |")
    w("|---:|---:|---:|---:|---:|")
    for n, (rc, rl, cc, cl) in zip(sizes, rows_folder_ratio):
        w("| %s | **%.2f** | **%.2f** | %.0f%% | %.0f%% |" % ("{:,}".format(n), rc, rl, cc, cl))
    w("")
    w("### Peak memory and cores")
    w("")
    w("Max RSS from `/usr/bin/time` for `careplan check`; CPU%% above 100 means more than one core was busy. "
      "A process that checks one small file already has %.1f MB resident (the runtime), so the ratio only means "
      "something for large inputs. (MB here is 10^6 bytes; `/usr/bin/time` reports KiB.)" % (rss_start * 1024 / 1e6))
    w("")
    w("| plans | one file | max RSS | RSS ÷ input | directory: max RSS | RSS ÷ input | directory: CPU |")
    w("|---:|---:|---:|---:|---:|---:|---:|")
    lines.extend(rows_mem)
    w("")
    w("### Export throughput (in-process, every plan of the single file)")
    w("")
    w("| plans | format | time | plans/s | output MB/s |")
    w("|---:|---|---:|---:|---:|")
    lines.extend(rows_export)
    w("")
    w("### Latency")
    w("")
    w("| what | median |")
    w("|---|---:|")
    w("| `careplan --version` | %.1f ms |" % (t_version * 1000))
    w("| `careplan check` one small plan (two template imports) | %.1f ms |" % (t_start * 1000))
    w("| `careplan export` one small plan as JSON to a file | %.1f ms |" % (t_export1 * 1000))
    w("| REPL: one statement (a goal and its intervention) into a session with %s goals | %.2f ms |" % ("{:,}".format(goals), repl_ms))
    w("| REPL: one plan field (`note`) at %s goals | %.2f ms |" % ("{:,}".format(goals), note_ms))
    text = "\n".join(lines) + "\n"
    print(text)
    if a.out:
        os.makedirs(os.path.dirname(a.out), exist_ok=True)
        with open(a.out, "w") as f:
            f.write(text)
        log("bench: wrote %s" % a.out)


if __name__ == "__main__":
    main()
