#!/usr/bin/env python3
"""T1 against a MILP peer, side by side in one invocation (issue 15, item 3).

For each seeded instance (D points in R^n, width w, absolute loss, no output bias) this runs
  * the certified solver:  java -jar JAR erm --data F.csv --width w --loss absolute --json
    (wall clock of the whole process: JVM start, enumeration, solves, the full certificate check);
  * the peer: the big-M mixed-integer program of the same problem, solved by HiGHS through
    scipy.optimize.milp (Debian python3-scipy >= 1.9) with a relative gap of 0;
and prints both times and both optima.

The data are those of `provnets bench` (`Benchmark.data(D, n, seed)`): java.util.Random(seed),
inputs p/q with p in [-20, 20], q in [1, 4], labels p/q with p in [-10, 10], q in [1, 3]. The
generator is reproduced here bit for bit (java.util.Random is a documented 48-bit LCG).

The MILP. By positive homogeneity every net is sum_i s_i max(0, a_i.x + b_i) with s_i = +-1
(proofs-notes/T1.md), so the MILP is solved once per sign vector up to the order of the units
(s with k plus signs, k = 0..w) and the least optimum is taken. Per unit i and point j:
z_ij = a_i.x_j + b_i, h_ij >= z_ij, h_ij >= 0, h_ij <= z_ij + M_j (1 - d_ij), h_ij <= M_j d_ij,
d_ij binary; per point e_j >= +-(sum_i s_i h_ij - y_j); minimise (1/D) sum_j e_j. The weights are
boxed, |a_ik| <= B and |b_i| <= B, so that M_j = B (||x_j||_1 + 1) bounds |z_ij|.

The box. B is twice the largest absolute weight or bias of the certified optimal net (at least
1). That net lies inside the box, so the MILP's optimum under the box is at most its loss, the
certified optimum; and the box only restricts the nets, so the MILP's optimum is at least the
global optimum. Hence, on these instances, the MILP's true optimum under the box equals the
certified optimum, and the table checks that HiGHS finds it (to 1e-9, relative). The box is taken
from the certificate: a MILP user without it must guess B (too small cuts off the optimum, too
large weakens the relaxation), which this comparison does not charge to the peer.

    python3 bench/milp_peer.py [--jar JAR] [--sizes 12,16] [--n 2] [--w 2] [--seed 1] [--xmx 2g]
"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from fractions import Fraction


class JavaRandom:
    """java.util.Random: seed scrambled with 0x5DEECE66D, next(bits) of a 48-bit LCG."""

    MULT, ADD, MASK = 0x5DEECE66D, 0xB, (1 << 48) - 1

    def __init__(self, seed):
        self.seed = (seed ^ self.MULT) & self.MASK

    def next(self, bits):
        self.seed = (self.seed * self.MULT + self.ADD) & self.MASK
        return self.seed >> (48 - bits)

    def next_int(self, bound):
        if bound & (bound - 1) == 0:
            return (bound * self.next(31)) >> 31
        while True:
            bits = self.next(31)
            val = bits % bound
            if bits - val + (bound - 1) < (1 << 31):
                return val


def benchmark_data(d, n, seed):
    """Benchmark.data(d, n, seed), exactly."""
    r = JavaRandom(seed)
    x, y = [], []
    for _ in range(d):
        row = []
        for _ in range(n):
            p = r.next_int(41) - 20
            row.append(Fraction(p, 1 + r.next_int(4)))
        x.append(row)
        p = r.next_int(21) - 10
        y.append(Fraction(p, 1 + r.next_int(3)))
    return x, y


def certified(jar, csv, w, xmx):
    """Runs provnets erm; returns its JSON, its wall time (s) and its peak resident set (MB).

    The peak resident set is the kernel's ru_maxrss of this one child (os.wait4), the memory the
    process really held: Java heap, JIT code and the JVM's own structures."""
    cmd = ["java"] + (["-Xmx" + xmx] if xmx else []) + [
        "-jar", jar, "erm", "--data", csv, "--width", str(w), "--loss", "absolute",
        "--max-subproblems", "100000000", "--json"]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(p.pid, 0)
        t = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if p.returncode != 0:
        raise SystemExit("provnets erm failed (exit %d): %s" % (p.returncode, stderr.strip()))
    r = json.loads(stdout)
    if r.get("certified") is not True:
        raise SystemExit("the certificate was rejected: %s" % r.get("failure"))
    return r, t, usage.ru_maxrss / 1024.0


def exact_of(v):
    return Fraction(v["exact"]) if isinstance(v, dict) else Fraction(v)


def milp_peer(x, y, w, box, milp, LinearConstraint, Bounds, np):
    """The least optimum over the sign vectors (k plus signs), and the total solve time."""
    D, n = len(x), len(x[0])
    xf = [[float(v) for v in row] for row in x]
    yf = [float(v) for v in y]
    # variable layout: a (w*n), b (w), h (w*D), d (w*D), e (D)
    na, nb, nh = w * n, w, w * D
    ia = lambda i, k: i * n + k
    ib = lambda i: na + i
    ih = lambda i, j: na + nb + i * D + j
    idl = lambda i, j: na + nb + nh + i * D + j
    ie = lambda j: na + nb + 2 * nh + j
    nv = na + nb + 2 * nh + D
    best, total, status = None, 0.0, []
    for k in range(w + 1):
        s = [1.0] * k + [-1.0] * (w - k)
        rows, lo, hi = [], [], []

        def add(coefs, l, u):
            r = np.zeros(nv)
            for c, v in coefs:
                r[c] += v
            rows.append(r)
            lo.append(l)
            hi.append(u)

        for j in range(D):
            M = box * (sum(abs(v) for v in xf[j]) + 1.0)
            for i in range(w):
                z = [(ia(i, q), xf[j][q]) for q in range(n)] + [(ib(i), 1.0)]
                add([(ih(i, j), 1.0)] + [(c, -v) for c, v in z], 0.0, np.inf)      # h >= z
                add([(ih(i, j), 1.0)] + [(c, -v) for c, v in z] + [(idl(i, j), M)],
                    -np.inf, M)                                                      # h <= z + M(1-d)
                add([(ih(i, j), 1.0), (idl(i, j), -M)], -np.inf, 0.0)               # h <= M d
            f = [(ih(i, j), s[i]) for i in range(w)]
            add([(ie(j), 1.0)] + [(c, -v) for c, v in f], -yf[j], np.inf)           # e >= f - y
            add([(ie(j), 1.0)] + f, yf[j], np.inf)                                   # e >= y - f
        c = np.zeros(nv)
        for j in range(D):
            c[ie(j)] = 1.0 / D
        lb = np.zeros(nv)
        ub = np.full(nv, np.inf)
        lb[:na + nb] = -box
        ub[:na + nb] = box
        ub[na + nb + nh:na + nb + 2 * nh] = 1.0
        integrality = np.zeros(nv)
        integrality[na + nb + nh:na + nb + 2 * nh] = 1
        t0 = time.perf_counter()
        res = milp(c, constraints=LinearConstraint(np.array(rows), lo, hi),
                   integrality=integrality, bounds=Bounds(lb, ub),
                   options={"mip_rel_gap": 0.0, "time_limit": 3600.0})
        total += time.perf_counter() - t0
        status.append(res.status)
        if res.status == 0 and (best is None or res.fun < best):
            best = res.fun
    return best, total, status


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--jar", default=os.path.join(here, "..", "target", "provable-nets-cli.jar"))
    ap.add_argument("--sizes", default="12,16", help="comma-separated D values")
    ap.add_argument("--n", type=int, default=2)
    ap.add_argument("--w", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--xmx", default="", help="heap limit for provnets, e.g. 2g (default: the JVM's)")
    args = ap.parse_args()
    try:
        import numpy as np
        from scipy.optimize import Bounds, LinearConstraint, milp
        import scipy
    except ImportError as e:
        print("milp_peer.py: skipped: the MILP peer needs NumPy and SciPy >= 1.9 with HiGHS"
              " (Debian: apt-get install -y python3-numpy python3-scipy): %s" % e)
        return 0
    if not os.path.isfile(args.jar):
        print("milp_peer.py: no jar at %s (build it with ./provnets --help or mvn package)"
              % args.jar)
        return 2
    if shutil.which("java") is None:
        print("milp_peer.py: java is not on PATH")
        return 2
    print("T1, absolute loss, no output bias: certified provnets vs big-M MILP (HiGHS via SciPy %s,"
          " mip_rel_gap 0), seeded data of 'provnets bench' (seed %d), %d cores"
          % (scipy.__version__, args.seed, os.cpu_count()))
    head = ("D", "n", "w", "subproblems", "pruned", "certified optimum", "provnets s",
            "peak MB", "box B", "MILP optimum", "MILP s", "ratio")
    fmt = "%3s %2s %2s %11s %7s %22s %10s %7s %6s %20s %8s %7s"
    print(fmt % head)
    bad = False
    with tempfile.TemporaryDirectory() as tmp:
        for d in [int(v) for v in args.sizes.split(",")]:
            x, y = benchmark_data(d, args.n, args.seed)
            csv = os.path.join(tmp, "d%d.csv" % d)
            with open(csv, "w") as f:
                for row, label in zip(x, y):
                    f.write(",".join(str(v) for v in row + [label]) + "\n")
            r, t_cert, peak = certified(args.jar, csv, args.w, args.xmx)
            opt = Fraction(r["optimum"])
            weights = [abs(exact_of(v)) for u in r["net"]["units"]
                       for v in u["weights"] + [u["bias"]]]
            box = max(1.0, 2.0 * float(max(weights)))
            m, t_milp, status = milp_peer(x, y, args.w, box, milp, LinearConstraint, Bounds, np)
            agree = m is not None and abs(m - float(opt)) <= 1e-9 * max(1.0, float(opt))
            bad |= not agree
            print(fmt % (d, args.n, args.w, r["subproblems"], r["pruned"],
                         "%s" % opt if len(str(opt)) <= 22 else "%.15g" % float(opt),
                         "%.1f" % t_cert, "%.0f" % peak, "%.3g" % box, "%.15g" % m if m is not None else
                         "none %s" % status, "%.1f" % t_milp, "%.1fx" % (t_cert / t_milp)))
            sys.stdout.flush()
    print("provnets s: the whole process (JVM start, enumeration, solves, certificate check);"
          " peak MB: its peak resident set (ru_maxrss);"
          " MILP s: HiGHS's solves over the w + 1 sign vectors (model building in Python not"
          " counted); ratio = provnets s / MILP s (above 1: the peer is faster).")
    print("Peak resident set of this Python process (NumPy, SciPy and every HiGHS solve so far):"
          " %.0f MB." % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0))
    if bad:
        print("MISMATCH: the MILP optimum differs from the certified optimum on some instance")
        return 1
    print("Both optima agree on every instance (to 1e-9 relative).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
