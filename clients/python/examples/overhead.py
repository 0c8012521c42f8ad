#!/usr/bin/env python3
"""The cost of one tiny request: through one running `provnets serve` (after a warm-up)
versus a fresh `java -jar JAR gate step ... --json` process.

    PROVNETS_JAR=/path/to/provable-nets-cli.jar python3 examples/overhead.py [--warmup 2000] [--n 500] [--fresh 5]
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import provnets  # noqa: E402

SUPPORT = [[1, 0], [0, 1]]
W_STAR, W, ETA = [1, "1/2"], [0, 0], "1/4"


def percentile(sorted_values, q):
    k = min(len(sorted_values) - 1, max(0, int(round(q * (len(sorted_values) - 1)))))
    return sorted_values[k]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jar", default=None)
    ap.add_argument("--warmup", type=int, default=2000)
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--fresh", type=int, default=5)
    args = ap.parse_args()
    jar = args.jar or provnets.default_jar()

    with provnets.Client(jar) as pn:
        t0 = time.perf_counter()
        pn.ping()
        first = time.perf_counter() - t0
        expected = pn.gate_step(SUPPORT, w_star=W_STAR, w=W, eta=ETA)["expectedSquaredDistance"]
        assert expected == provnets.Fraction(285, 256), expected
        for _ in range(args.warmup):
            pn.gate_step(SUPPORT, w_star=W_STAR, w=W, eta=ETA)
        times = []
        for _ in range(args.n):
            t = time.perf_counter()
            r = pn.gate_step(SUPPORT, w_star=W_STAR, w=W, eta=ETA)
            times.append(time.perf_counter() - t)
            assert r["checksPassed"] is True
        pings = []
        for _ in range(200):
            t = time.perf_counter()
            pn.ping()
            pings.append(time.perf_counter() - t)
    times.sort()
    pings.sort()
    served_median, served_p90 = statistics.median(times), percentile(times, 0.9)

    fresh = []
    with tempfile.TemporaryDirectory() as d:
        support = os.path.join(d, "support.csv")
        with open(support, "w") as fh:
            fh.write("1,0\n0,1\n")
        cmd = ["java", "-jar", jar, "gate", "step", "--support", support, "--w-star", "1,1/2",
               "--w", "0,0", "--eta", "1/4", "--json"]
        for _ in range(args.fresh):
            t = time.perf_counter()
            p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            fresh.append(time.perf_counter() - t)
            assert p.returncode == 0 and b"285/256" in p.stdout, p.stderr
    fresh_median = statistics.median(fresh)

    print("provnets overhead: one tiny 'gate step' (2-point support, d = 2, batch 1)")
    print("  server start-up + first ping:             %8.1f ms" % (first * 1e3))
    print("  through one server, after %d warm-up requests, %d timed:" % (args.warmup, args.n))
    print("    median                                  %8.2f ms" % (served_median * 1e3))
    print("    p90                                     %8.2f ms" % (served_p90 * 1e3))
    print("    (ping round trip, median of 200:        %8.2f ms)" % (statistics.median(pings) * 1e3))
    print("  fresh process 'java -jar JAR gate step ... --json', median of %d:" % args.fresh)
    print("    median                                  %8.1f ms   (min %.1f, max %.1f)"
          % (fresh_median * 1e3, min(fresh) * 1e3, max(fresh) * 1e3))
    print("  ratio fresh / served (medians)            %8.0fx" % (fresh_median / served_median))
    target = 5e-3
    print("  target: served median <= 5 ms: %s" % ("met" if served_median <= target else
                                                   "NOT met (%.2f ms)" % (served_median * 1e3)))


if __name__ == "__main__":
    main()
