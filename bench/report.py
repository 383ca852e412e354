#!/usr/bin/env python3
"""Turn bench/run.sh's raw rows into bench/results.md (stdout).

usage: report.py RAWFILE RUNS
"""
import datetime
import os
import platform
import subprocess
import sys

raw, runs = sys.argv[1], sys.argv[2]
rows = {}
for line in open(raw):
    f = line.split()
    if f:
        rows.setdefault(f[0], {})[f[1]] = f[2:]


def num(x):
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def ratio(a, b):
    a, b = num(a), num(b)
    return "%.2f" % (a / b) if a is not None and b else "-"


def goal(ok):
    return "met" if ok else "**not met**"


def cpu():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def git(*a):
    try:
        return subprocess.check_output(["git"] + list(a), text=True).strip()
    except Exception:
        return "?"


o = []
w = o.append
w("# Benchmarks")
w("")
w("Measured by `make bench` (bench/run.sh) in one run; every ratio compares "
  "figures taken in that same run on the same machine.")
w("")
w("- date: %s" % datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M UTC"))
w("- commit: %s%s" % (git("rev-parse", "--short", "HEAD"),
                      " (with uncommitted changes)" if git("status", "--porcelain", "--untracked-files=no",
                                                          "--", ".", ":!bench/results.md", ":!bench/raw.txt",
                                                          ":!bench/chart.svg") else ""))
w("- machine: %s, %d cores, kernel %s" % (cpu(), os.cpu_count(), platform.release()))
w("- hyperfine: %s runs after 20 warm-ups, no shell (`-N`); times are means in ms" % runs)
w("")
w("## init")
w("")
w("| | bytes | static | private RSS kB | PSS kB | wakeups in 10 s idle | spawn ms | × floor | × tini-static | signal latency median / p99 µs | 10,000 orphans: ms to none left | init CPU ms | CPU × tini |")
w("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
sp = rows.get("spawn", {})
floor_t = sp.get("floor", [None])[0]
tinis_t = sp.get("tini-static", [None])[0]
for k in ["init", "tini", "tini-static", "dumb-init", "catatonit", "floor"]:
    s = rows.get("size", {}).get(k, ["-", "-"])
    i = rows.get("idle", {}).get(k, ["-", "-", "-"])
    t = sp.get(k, ["-"])[0]
    sl = rows.get("siglat", {}).get(k, ["-", "-"])
    orp = rows.get("orphans", {}).get(k, ["-", "-", "-"])
    orp_tini = rows.get("orphans", {}).get("tini", ["-", "-", "-"])[2]
    w("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s | %s | %s | %s |" % (
        "**init**" if k == "init" else k, s[0], s[1], i[0], i[1], i[2], t,
        ratio(t, floor_t), ratio(t, tinis_t), sl[0], sl[1],
        orp[1] if k != "floor" else "-", orp[2] if k != "floor" else "-",
        ratio(orp[2], orp_tini) if k != "floor" else "-"))
d = sp.get("direct", ["-"])[0]
w("")
w("`direct` (the static true with no wrapper): %s ms." % d)
w("")
w("Methods: size is the file; static means no PT_INTERP. RSS and PSS are "
  "Private_Clean+Private_Dirty and Pss of /proc/PID/smaps_rollup of the idle "
  "init as PID 1 of a pid namespace over `sleep`, read after 1.5 s; wakeups "
  "are its voluntary_ctxt_switches over the next 10 s, every init measured "
  "in the same 10 s. Spawn is `X -- true` (a static true) with hyperfine, not "
  "PID 1. Signal latency: bench/siglat.c as the child of X (PID 1): a "
  "sender kills X with SIGUSR1, X forwards it, the time from send to "
  "sigwait, one signal in flight. Orphans: tests/helpers/orphans.c under X "
  "as PID 1: the time from the last orphan's creation to no zombie left, "
  "and X's CPU time from the first orphan's creation to then (the scheduler's "
  "nanosecond count in /proc/PID/schedstat), the median of five storms.")
w("")
iv = rows.get("idle", {}).get("init", [None] * 3)
isz = rows.get("size", {}).get("init", [None])[0]
w("Goals: size ≤ 20 KiB: %s (%s bytes); private RSS ≤ 32 kB: %s (%s kB); "
  "0 wakeups: %s (%s); spawn ≤ 1.1× floor: %s (%s×); ≤ 0.55× tini-static: %s (%s×)." % (
      goal(num(isz) is not None and num(isz) <= 20480), isz,
      goal(num(iv[0]) is not None and num(iv[0]) <= 32), iv[0],
      goal(iv[2] == "0"), iv[2],
      goal(ratio(sp.get("init", [None])[0], floor_t) not in ("-",) and float(ratio(sp.get("init", [None])[0], floor_t)) <= 1.1),
      ratio(sp.get("init", [None])[0], floor_t),
      goal(ratio(sp.get("init", [None])[0], tinis_t) not in ("-",) and float(ratio(sp.get("init", [None])[0], tinis_t)) <= 0.55),
      ratio(sp.get("init", [None])[0], tinis_t)))
w("")
w("## healthcheck")
w("")
w("| | bytes with shared libraries | static | probe ms | × floor | × curl | peak RSS kB | × curl |")
w("|---|---|---|---|---|---|---|---|")
pr = rows.get("probe", {})
pf = pr.get("floor", [None] * 3)
pc = pr.get("curl", [None] * 3)
for k in ["healthcheck", "curl", "wget", "busybox-wget", "floor"]:
    s = rows.get("psize", {}).get(k, ["-", "-"])
    p = pr.get(k, ["-", "-", "-"])
    w("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
        "**healthcheck**" if k == "healthcheck" else k, s[0], s[1], p[0],
        ratio(p[0], pf[0]), ratio(p[0], pc[0]), p[2], ratio(p[2], pc[2])))
w("")
ot = rows.get("other", {})
w("Other targets, healthcheck only unless named: tcp:// %s ms; unix:// %s ms; "
  "HTTP over nginx's unix socket %s ms (curl --unix-socket %s ms, ratio %s); "
  "grpc:// against the grpc-js health server %s ms." % (
      ot.get("hc-tcp", ["-"])[0], ot.get("hc-unix", ["-"])[0],
      ot.get("hc-http-unix", ["-"])[0], ot.get("curl-http-unix", ["-"])[0],
      ratio(ot.get("hc-http-unix", [None])[0], ot.get("curl-http-unix", [None])[0]),
      ot.get("hc-grpc", ["-"])[0]))
w("")
tl = rows.get("tls", {})
if tl:
    w("HTTPS, the static build (TLS 1.3 of its own over BearSSL's primitives, "
      "BearSSL's engine for 1.2; verifying with --cacert) against curl "
      "(OpenSSL, verifying with --cacert) on the same nginx, in alternating "
      "pairs (bench/pairs.py): medians, and the median of the per-pair ratios:")
    w("")
    w("| certificate | TLS | healthcheck ms | curl ms | × curl | CPU ms | curl CPU ms | × curl | peak RSS kB | curl kB | × curl |")
    w("|---|---|---|---|---|---|---|---|---|---|---|")
    for k, name, ver in [("ecdsa", "ECDSA P-256", "1.3"), ("rsa", "RSA 2048", "1.3"),
                         ("chain3", "ECDSA P-256, root + intermediate + leaf", "1.3"),
                         ("ecdsa-12", "ECDSA P-256", "1.2 (two connections)"),
                         ("rsa-12", "RSA 2048", "1.2 (two connections)")]:
        r = tl.get(k, ["-"] * 8)
        w("| %s | %s | **%s** | %s | %s× | %s | %s | %s× | **%s** | %s | %s× |" % (
            name, ver, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], ratio(r[6], r[7])))
    w("")
    ns = rows.get("psize", {}).get("healthcheck-notls", ["-"])[0]
    worst_t = max(num(tl.get(k, [None] * 3)[2]) or 9 for k in tl)
    worst_m = max(num(ratio(tl.get(k, [None] * 8)[6], tl.get(k, [None] * 8)[7])) or 9 for k in tl)
    w("Goals: with TLS ≤ 200 KiB: %s (%s bytes); without TLS (make TLS=off) "
      "≤ 96 KiB: %s (%s bytes); https ≤ 0.3× curl's time: %s (%.2f× at worst); "
      "peak RSS ≤ 0.05× curl's: %s (%.3f× at worst)." % (
          goal(num(rows.get("psize", {}).get("healthcheck", [None])[0]) is not None
               and num(rows["psize"]["healthcheck"][0]) <= 204800),
          rows.get("psize", {}).get("healthcheck", ["-"])[0],
          goal(num(ns) is not None and num(ns) <= 98304), ns,
          goal(worst_t <= 0.3), worst_t, goal(worst_m <= 0.05), worst_m))
    w("")
db = rows.get("db", {})
if db:
    w("Databases, healthcheck against each server's own readiness tool on the "
      "same server (PostgreSQL and Redis over TCP, MariaDB over its unix socket):")
    w("")
    w("| | healthcheck | tool | tool | ratio | bytes with libraries, healthcheck / tool |")
    w("|---|---|---|---|---|---|")
    for name, hc, tool in [("postgres://", "hc-postgres", "pg_isready"),
                           ("redis://", "hc-redis", "redis-cli"),
                           ("mysql://", "hc-mysql", "mysqladmin")]:
        a, b = db.get(hc, ["-"] * 3), db.get(tool, ["-"] * 3)
        w("| %s | **%s ms** | %s | %s ms | %s× | %s / %s |" % (
            name, a[0], tool, b[0], ratio(a[0], b[0]), a[2], b[2]))
    w("")
    w("pg_isready is the server's own binary (%s); Debian's /usr/bin/pg_isready, "
      "a Perl wrapper that picks the cluster's version, takes %s ms. redis-cli and "
      "mysqladmin are the Debian packages' binaries." % (
          "libpq linked", db.get("pg_isready-wrapper", ["-"])[0]))
    w("")
k8 = rows.get("k8s", {}).get("cri")
if k8:
    w("## Kubernetes: the CPU of one probe on the node")
    w("")
    w("| probe | CPU ms | |")
    w("|---|---|---|")
    w("| exec `/healthcheck -q URL` by ExecSync | %s | containerd + shim + runc + the check |" % k8[0])
    w("| httpGet on init `--health-listen` | **%s** | kubelet-style Go GET %s + init answering %s + one check run by init %s |" % tuple(k8[1:5]))
    w("")
    w("Goal: the httpGet ≤ 1/20 of the exec probe: %s (%s× less). Measured by "
      "tests/k8s/cri.sh --measure: a private containerd 1.6 and its CRI, 20 probes "
      "of each back to back on one pod, the runtime's threads' run time "
      "(schedstat) and what its shims reaped, less its idle use over as long; "
      "the check's own cost from wait4's rusage." % (
          goal(num(k8[0]) is not None and num(k8[1]) and num(k8[0]) / num(k8[1]) >= 20),
          "%.1f" % (num(k8[0]) / num(k8[1])) if num(k8[0]) is not None and num(k8[1]) else "-"))
    w("")
w("Methods: every probe is a GET of the same static file of one local nginx "
  "(`curl -fsS -o /dev/null`, `wget -q --spider`, `busybox wget -q --spider`, "
  "bench/floor_probe.c: connect, fixed GET, read the status line). Bytes add "
  "the sizes of the libraries `ldd` lists. Peak RSS is VmHWM of the probe "
  "read at its exit stop under ptrace (tests/helpers/maxrss.c; ru_maxrss reads 0 "
  "for a small static process on this kernel), the median of 20 runs. "
  "unix:// connects to nginx's unix socket.")
w("")
hs = rows.get("psize", {}).get("healthcheck", [None])[0]
hp = pr.get("healthcheck", [None] * 3)
w("Goals (HTTP): size ≤ 200 KiB with TLS: %s (%s bytes); probe ≤ 1.2× floor: %s (%s×); "
  "≤ 0.2× curl: %s (%s×); peak RSS ≤ 0.05× curl: %s (%s×)." % (
      goal(num(hs) is not None and num(hs) <= 204800), hs,
      goal(ratio(hp[0], pf[0]) != "-" and float(ratio(hp[0], pf[0])) <= 1.2), ratio(hp[0], pf[0]),
      goal(ratio(hp[0], pc[0]) != "-" and float(ratio(hp[0], pc[0])) <= 0.2), ratio(hp[0], pc[0]),
      goal(ratio(hp[2], pc[2]) != "-" and float(ratio(hp[2], pc[2])) <= 0.05), ratio(hp[2], pc[2])))
w("")
w("![chart](chart.svg)")
print("\n".join(o))
