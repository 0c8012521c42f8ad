#!/usr/bin/env python3
"""A property-based campaign through one `provnets serve`: random small instances, each
cross-checked against an independent plain-Python exact-Fraction computation.

  T1 (erm):  random 1-D or 2-D data, D = 3..6 points, width 1 or 2, squared / absolute /
             hinge loss, with or without an output bias. Asserts: certified; the loss of
             the returned net, recomputed here, equals the optimum; the optimum is <= the
             loss of 5 random nets computed here; and (every 4th instance) erm-gap of a
             random net equals its loss here minus the optimum.
  T2 (gate step): random supports (1-3 rows, d = 1..3), w*, w, eta, batch 1-2. Asserts:
             meanUpdate == halfSigmaDelta == E[r(x) x] computed here; E||w'-w*||^2 ==
             the identity == the enumeration here over all n^b batches; when the
             hypotheses hold, E||w'-w*||^2 <= the contraction bound.

Uses Hypothesis (random instances drawn from st.randoms(), derandomized, shrinking on a
failure) when it is importable, else random.Random(seed). Exits 1 on any violated assertion.

    PROVNETS_JAR=... python3 examples/campaign.py [--n 1000] [--seed 16] [--engine hypothesis|random]
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from fractions import Fraction as Fr

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import provnets  # noqa: E402
from provnets.exact import gate_step_reference, mean_loss  # noqa: E402


def small_rational(rng, num=6, den=3):
    return Fr(rng.randint(-num, num), rng.randint(1, den))


def random_net(rng, n, width, output_bias):
    return {"units": [{"weights": [small_rational(rng, 4, 2) for _ in range(n)],
                       "bias": small_rational(rng, 4, 2),
                       "outputWeight": small_rational(rng, 3, 2)} for _ in range(width)],
            "outputBias": small_rational(rng, 3, 2) if output_bias else 0}


class Campaign:
    def __init__(self, pn):
        self.pn = pn
        self.counts = {"erm": 0, "erm-gap": 0, "gate step": 0, "random nets": 0,
                       "hypotheses hold": 0}
        self.times = {"erm": [], "gate step": []}

    def check_erm(self, rng):
        n = rng.choice([1, 2])
        D = rng.randint(3, 6)
        width = rng.choice([1, 2])
        loss = rng.choices(["squared", "absolute", "hinge"], [3, 1, 1])[0]
        output_bias = rng.random() < 0.5
        X = [[small_rational(rng) for _ in range(n)] for _ in range(D)]
        y = [rng.choice([-1, 1]) if loss == "hinge" else small_rational(rng) for _ in range(D)]
        t = time.perf_counter()
        r = self.pn.erm(data=(X, y), width=width, loss=loss, output_bias=output_bias)
        self.times["erm"].append(time.perf_counter() - t)
        where = "erm D=%d n=%d w=%d loss=%s output_bias=%s X=%s y=%s" % (
            D, n, width, loss, output_bias, X, y)
        opt = r["optimum"]
        assert r["certified"] is True, where
        assert isinstance(opt, Fr), where
        assert mean_loss(r["net"], X, y, loss) == opt, "%s: net loss %s != optimum %s" % (
            where, mean_loss(r["net"], X, y, loss), opt)
        for _ in range(5):
            net = random_net(rng, n, width, output_bias)
            value = mean_loss(net, X, y, loss)
            assert opt <= value, "%s: optimum %s > loss %s of %s" % (where, opt, value, net)
            self.counts["random nets"] += 1
        if self.counts["erm"] % 4 == 0:
            net = random_net(rng, n, width, output_bias)
            g = self.pn.erm_gap(data=(X, y), net=net, loss=loss, output_bias=output_bias)
            value = mean_loss(net, X, y, loss)
            assert g["netLoss"] == value, "%s: erm-gap netLoss %s != %s" % (where, g["netLoss"], value)
            assert g["optimum"] == opt, where
            assert g["gap"] == value - opt and g["gap"] >= 0, where
            self.counts["erm-gap"] += 1
        self.counts["erm"] += 1

    def check_gate(self, rng):
        d = rng.randint(1, 3)
        rows = rng.randint(1, 3)
        support = [[small_rational(rng, 3, 2) for _ in range(d)] for _ in range(rows)]
        if all(v == 0 for row in support for v in row):
            support[0][0] = Fr(1)
        w_star = [small_rational(rng, 3, 2) for _ in range(d)]
        w = [small_rational(rng, 3, 2) for _ in range(d)]
        eta = Fr(rng.randint(1, 8), rng.choice([8, 16, 32]))
        batch = rng.choice([1, 1, 2])
        where = "gate step support=%s w*=%s w=%s eta=%s batch=%d" % (support, w_star, w, eta, batch)
        t = time.perf_counter()
        r = self.pn.gate_step(support, w_star=w_star, w=w, eta=eta, batch=batch)
        self.times["gate step"].append(time.perf_counter() - t)
        ref = gate_step_reference(support, w_star, w, eta, batch=batch)
        assert r["meanUpdate"] == ref["meanUpdate"], where
        assert r["halfSigmaDelta"] == ref["halfSigmaDelta"], where
        assert r["meanUpdate"] == r["halfSigmaDelta"] and r["lemmaHolds"] is True, where
        assert r["expectedSquaredDistance"] == ref["expectedSquaredDistance"], where
        assert r["identity"] == r["expectedSquaredDistance"] and r["identityHolds"], where
        assert r["deltaNormSquared"] == ref["deltaNormSquared"], where
        if r["hypothesesHold"]:
            self.counts["hypotheses hold"] += 1
            assert r["contractionHolds"] is True, where
            assert r["expectedSquaredDistance"] <= r["contractionBound"], where
            assert r["contractionBound"] == r["contractionFactor"] * ref["deltaNormSquared"], where
        else:
            assert r["contractionHolds"] is None and r["contractionBoundAbsent"], where
        assert r["checksPassed"] is True, where
        self.counts["gate step"] += 1

    def check(self, rng):
        if rng.random() < 0.5:
            self.check_erm(rng)
        else:
            self.check_gate(rng)


def run_random(campaign, n, seed):
    master = random.Random(seed)
    for i in range(n):
        s = master.getrandbits(64)
        try:
            campaign.check(random.Random(s))
        except AssertionError:
            print("instance %d (random.Random(%d)) violated an assertion:" % (i, s))
            raise


def run_hypothesis(campaign, n, seed):
    from hypothesis import HealthCheck, given, settings, strategies as st
    from hypothesis import seed as hseed

    @hseed(seed)
    @settings(max_examples=n, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck), print_blob=True)
    @given(st.randoms(use_true_random=False))
    def prop(rng):
        campaign.check(rng)

    prop()


def fresh_process_seconds(jar, runs=3):
    times = []
    with tempfile.TemporaryDirectory() as d:
        sup = os.path.join(d, "s.csv")
        with open(sup, "w") as fh:
            fh.write("1,0\n0,1\n")
        for _ in range(runs):
            t = time.perf_counter()
            p = subprocess.run(["java", "-jar", jar, "gate", "step", "--support", sup,
                                "--w-star", "1,1/2", "--w", "0,0", "--eta", "1/4", "--json"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times.append(time.perf_counter() - t)
            assert p.returncode == 0
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser(description="property campaign through provnets serve")
    ap.add_argument("--jar", default=None)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--engine", choices=["auto", "hypothesis", "random"], default="auto")
    args = ap.parse_args()
    jar = args.jar or provnets.default_jar()
    engine = args.engine
    if engine == "auto":
        try:
            import hypothesis  # noqa: F401
            engine = "hypothesis"
        except ImportError:
            engine = "random"

    t0 = time.perf_counter()
    failed = False
    with provnets.Client(jar) as pn:
        campaign = Campaign(pn)
        try:
            if engine == "hypothesis":
                run_hypothesis(campaign, args.n, args.seed)
            else:
                run_random(campaign, args.n, args.seed)
        except Exception:  # an assertion, or an unexpected error response
            traceback.print_exc()
            failed = True
    wall = time.perf_counter() - t0
    instances = campaign.counts["erm"] + campaign.counts["gate step"]
    fresh = fresh_process_seconds(jar)
    requests = instances + campaign.counts["erm-gap"]

    print("provnets property campaign (engine: %s, seed %d)" % (
        "hypothesis %s" % __import__("hypothesis").__version__ if engine == "hypothesis"
        else "random.Random", args.seed))
    print("  instances checked      %6d  (erm %d with %d random nets and %d erm-gap; gate step %d,"
          " hypotheses held in %d)" % (instances, campaign.counts["erm"],
                                        campaign.counts["random nets"], campaign.counts["erm-gap"],
                                        campaign.counts["gate step"],
                                        campaign.counts["hypotheses hold"]))
    for k, v in campaign.times.items():
        if v:
            print("  %-10s per request  median %6.1f ms, max %7.1f ms" % (
                k, statistics.median(v) * 1e3, max(v) * 1e3))
    print("  wall time, one server  %8.1f s  (%d requests, JVM start included)" % (wall, requests))
    print("  fresh process estimate %8.1f s  (%d instances x %.2f s, the median of 3 fresh"
          " 'java -jar' gate step runs)" % (instances * fresh, instances, fresh))
    print("  speed-up               %8.1fx" % (instances * fresh / wall))
    print("  result: %s" % ("FAILED" if failed else "all assertions held"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
