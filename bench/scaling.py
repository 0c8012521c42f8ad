#!/usr/bin/env python3
"""T1 whole runs on 1, 2, 4, 8 and 16 cores, side by side in one invocation (issue 15, item 4).

For each run (a loss and a size D of the seeded data of `provnets bench`, n = 2, width w) and
each core count N, this runs the whole certified process,
    java -XX:ActiveProcessorCount=N -Xmx.. -jar JAR erm --data F.csv --width w --loss L --json
pinned to N cores of the ones this process may use (os.sched_setaffinity, as `taskset -c`), and
prints its wall clock, its CPU time, its peak resident set (os.wait4, as milp_peer.py) and the
speed-up over one core. Every run must certify (erm exits 1 on a rejected certificate, and so
does this script, naming the core count), and every core count must give the same optimum;
otherwise the exit code is 1.

Every run uses the G1 collector: for one processor the JVM would pick the serial collector, and
the speed-up would compare collectors too. The cores taken are the first N of those this process
may use, in the kernel's numbering; on a host with hyperthreads, give it one thread per core
(taskset -c with a list of cores) to measure cores, not threads.

Why pin, and not only -XX:ActiveProcessorCount. The common fork-join pool that the parallel
streams use has max(1, N - 1) workers, and the thread that starts a parallel stream works too, so
N = 1 and N = 2 both run two threads of solving. On a machine with more cores, N = 1 alone
therefore measures two cores (the JVM's compiler and collector threads take more), and a speed-up
"from one core" is understated. Pinned to one core, the JVM sees one processor (it reads the
affinity mask), and the two threads share that core.

Core counts above what this process may use are skipped, with a line saying so: the issue's
target (16 cores at least 8x faster than 1 for squared D = 28 and absolute D = 20) needs a host
with 16 cores.

    python3 bench/scaling.py [--jar JAR] [--cores 1,2,4,8,16] [--runs squared:28,absolute:20]
                             [--w 2] [--seed 1] [--xmx 2g] [--repeat 1]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from milp_peer import benchmark_data  # noqa: E402  (the same data, bit for bit)


def run(jar, cpus, n_cores, csv, loss, w, xmx):
    """One pinned run: its JSON, wall seconds, CPU seconds and peak resident set in MB."""
    cmd = ["java", "-XX:ActiveProcessorCount=%d" % n_cores, "-XX:+UseG1GC", "-Xmx" + xmx,
           "-jar", jar, "erm",
           "--data", csv, "--width", str(w), "--loss", loss, "--max-subproblems", "100000000",
           "--json"]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=err, text=True,
                             preexec_fn=lambda: os.sched_setaffinity(0, cpus))
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if code != 0:
        raise SystemExit("scaling.py: provnets erm failed on %d cores (exit %d): %s"
                         % (n_cores, code, stderr.strip()))
    return json.loads(stdout), wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--jar", default=os.path.join(here, "..", "target", "provable-nets-cli.jar"))
    ap.add_argument("--cores", default="1,2,4,8,16", help="comma-separated core counts")
    ap.add_argument("--runs", default="squared:28,absolute:20",
                    help="comma-separated LOSS:D (seeded data, n = 2)")
    ap.add_argument("--w", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--xmx", default="2g", help="heap limit of each run")
    ap.add_argument("--repeat", type=int, default=1, help="runs per core count (the least kept)")
    args = ap.parse_args()
    try:
        cores = [int(c) for c in args.cores.split(",")]
        runs = [(r.split(":")[0], int(r.split(":")[1])) for r in args.runs.split(",")]
    except (ValueError, IndexError):
        print("scaling.py: --cores is a list like 1,2,4 and --runs a list like squared:28")
        return 2
    if any(c < 1 for c in cores) or args.repeat < 1:
        print("scaling.py: core counts and --repeat are at least 1")
        return 2
    if not os.path.isfile(args.jar):
        print("scaling.py: no jar at %s (build it with mvn -B package)" % args.jar)
        return 2
    allowed = sorted(os.sched_getaffinity(0))
    print("T1 whole runs (enumeration, tables, solves, check), seeded data of 'provnets bench'"
          " (seed %d, n = 2, w = %d), -Xmx%s; each run pinned to N of this machine's %d usable"
          " cores, started with -XX:ActiveProcessorCount=N and G1; best of %d"
          % (args.seed, args.w, args.xmx, len(allowed), args.repeat))
    fmt = "%-9s %4s %5s %9s %9s %8s %9s  %s"
    print(fmt % ("loss", "D", "cores", "wall s", "CPU s", "peak MB", "speed-up", "optimum"))
    bad = False
    with tempfile.TemporaryDirectory() as tmp:
        for loss, d in runs:
            x, y = benchmark_data(d, 2, args.seed)
            csv = os.path.join(tmp, "%s%d.csv" % (loss, d))
            with open(csv, "w") as f:
                for row, label in zip(x, y):
                    f.write(",".join(str(v) for v in row + [label]) + "\n")
            one, optimum = None, None
            for n_cores in cores:
                if n_cores > len(allowed):
                    print(fmt % (loss, d, n_cores, "-", "-", "-", "-",
                                 "skipped: this machine lets this process use %d cores"
                                 % len(allowed)))
                    continue
                best = None
                for _ in range(args.repeat):
                    r, wall, cpu, peak = run(args.jar, set(allowed[:n_cores]), n_cores, csv,
                                             loss, args.w, args.xmx)
                    if optimum is None:
                        optimum = r["optimum"]
                    elif r["optimum"] != optimum:
                        print("scaling.py: %d cores gave the optimum %s, another count %s"
                              % (n_cores, r["optimum"], optimum))
                        bad = True
                    if best is None or wall < best[0]:
                        best = (wall, cpu, peak)
                if n_cores == 1:
                    one = best[0]
                speed = "%.2fx" % (one / best[0]) if one is not None else "-"
                print(fmt % (loss, d, n_cores, "%.2f" % best[0], "%.2f" % best[1],
                             "%.0f" % best[2], speed, optimum))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
