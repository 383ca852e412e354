#!/usr/bin/env python3
"""Two commands run in alternating pairs, N pairs (after 10 unmeasured), as
make bench times healthcheck against curl: the wall time and CPU time
(user + system, from wait4's rusage) of every run.  Prints the medians of
each side and the median of the per-pair ratios, A over B:

    a_ms b_ms ratio a_cpu_ms b_cpu_ms cpu_ratio

usage: pairs.py N -- A... -- B...   (no shell; each must exit 0)"""
import os
import statistics
import sys
import time


def run(argv):
    t = time.perf_counter_ns()
    pid = os.posix_spawn(argv[0], argv, os.environ,
                         file_actions=[(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)])
    _, status, ru = os.wait4(pid, 0)
    wall = (time.perf_counter_ns() - t) / 1e6
    if status != 0:
        sys.exit("pairs.py: %s exited %d" % (argv[0], status))
    return wall, (ru.ru_utime + ru.ru_stime) * 1000


def main():
    n = int(sys.argv[1])
    rest = sys.argv[3:]
    cut = rest.index("--")
    a, b = rest[:cut], rest[cut + 1:]
    rows = []
    for i in range(n + 10):
        ra, rb = run(a), run(b)
        if i >= 10:
            rows.append((ra, rb))
    med = statistics.median
    print("%.3f %.3f %.3f %.3f %.3f %.3f" % (
        med(x[0][0] for x in rows), med(x[1][0] for x in rows),
        med(x[0][0] / x[1][0] for x in rows),
        med(x[0][1] for x in rows), med(x[1][1] for x in rows),
        med(x[0][1] / x[1][1] if x[1][1] else 0 for x in rows)))


main()
