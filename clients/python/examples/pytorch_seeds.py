#!/usr/bin/env python3
"""How close does PyTorch's Adam get to the certified global optimum? Many seeds, exactly.

For each small data set, trains the depth-2 ReLU net fc1 = Linear(n, w), ReLU,
fc2 = Linear(w, 1, bias=False) (or bias=True, matched by erm's output-bias) from
--seeds seeds at once: one batched float64 computation (einsum) with Adam, full batch,
squared loss, PyTorch's default initialisation per seed (torch.manual_seed(seed), then
the two nn.Linear layers). Then asks `provnets serve` for the certified optimum (erm),
computes every seed's loss exactly (its float64 weights are binary rationals; the loss
is evaluated here in fractions.Fraction) and so its exact gap to the optimum, and has
the server's erm-gap compute the gap of the best, the median and the worst seed (the
seeds' state_dicts) and of 7 more random seeds (--gap-checks) as a cross-check: the two
exact gaps must be equal. (--all-gaps asks erm-gap for every seed; each request re-solves
the optimum, 0.2-1 s here, so that takes 10-20 minutes.)

The data are multiples of 1/16 (1/4 for the 2-D inputs), so the float64 values PyTorch
trains on are exactly the decimals printed, and the exact solver works on short numbers.

    PROVNETS_JAR=... python3 examples/pytorch_seeds.py [--seeds 1000] [--steps 3000] [--plot FILE.png]
"""

import argparse
import math
import os
import random
import statistics
import sys
import time
from fractions import Fraction as Fr

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import provnets  # noqa: E402
from provnets.exact import mean_loss, net_from_state_dict  # noqa: E402

REL = 1e-6


def datasets(np):
    rng = np.random.default_rng(20261207)
    q = lambda a, k: np.round(a * k) / k  # noqa: E731
    x1 = (np.arange(11) - 5) / 4.0                                   # -1.25, -1, ..., 1.25
    y1 = q(np.sin(1.5 * x1) + 0.1 * rng.standard_normal(11), 16)
    X2 = q(rng.standard_normal((12, 2)), 4)
    y2 = q(np.maximum(X2[:, 0] - X2[:, 1], 0) - 0.5 * np.maximum(X2[:, 0] + X2[:, 1], 0)
           + 0.1 * rng.standard_normal(12), 16)
    return [
        ("A: 1-D sin, D=11", x1.reshape(-1, 1), y1, 2, False),
        ("B: same, output bias", x1.reshape(-1, 1), y1, 2, True),
        ("C: 2-D, D=12", X2, y2, 2, False),
    ]


def train(torch, X, y, width, output_bias, seeds, steps, lr):
    """Adam on all seeds at once. Returns the state_dict tensors stacked over seeds and
    the final float64 losses."""
    n = X.shape[1]
    W1, b1, W2, b2 = [], [], [], []
    for s in range(seeds):
        torch.manual_seed(s)
        fc1 = torch.nn.Linear(n, width, dtype=torch.float64)
        fc2 = torch.nn.Linear(width, 1, bias=output_bias, dtype=torch.float64)
        W1.append(fc1.weight.detach())
        b1.append(fc1.bias.detach())
        W2.append(fc2.weight.detach())
        if output_bias:
            b2.append(fc2.bias.detach())
    params = [torch.stack(W1).clone().requires_grad_(True),      # (S, w, n)
              torch.stack(b1).clone().requires_grad_(True),      # (S, w)
              torch.stack(W2).clone().requires_grad_(True)]      # (S, 1, w)
    if output_bias:
        params.append(torch.stack(b2).clone().requires_grad_(True))  # (S, 1)
    Xt = torch.tensor(X, dtype=torch.float64)
    yt = torch.tensor(y, dtype=torch.float64)
    opt = torch.optim.Adam(params, lr=lr)

    def losses():
        h = torch.relu(torch.einsum("swn,dn->sdw", params[0], Xt) + params[1][:, None, :])
        out = torch.einsum("sdw,sw->sd", h, params[2][:, 0, :])
        if output_bias:
            out = out + params[3]
        return ((out - yt) ** 2).mean(dim=1)  # (S,)

    for _ in range(steps):
        opt.zero_grad()
        # the sum over seeds: each seed's gradient is its own loss's; Adam is per entry
        losses().sum().backward()
        opt.step()
    with torch.no_grad():
        final = losses()
    return [p.detach() for p in params], final


def state_dict(params, s, output_bias):
    sd = {"fc1.weight": params[0][s], "fc1.bias": params[1][s], "fc2.weight": params[2][s]}
    if output_bias:
        sd["fc2.bias"] = params[3][s]
    return sd


def fmt_exact(fr, limit=60):
    s = str(fr)
    return s if len(s) <= limit else "%s... (%d/%d digits)" % (
        s[:limit], len(str(abs(fr.numerator))), len(str(fr.denominator)))


def main():
    ap = argparse.ArgumentParser(description="certified optimum vs PyTorch seeds")
    ap.add_argument("--jar", default=None)
    ap.add_argument("--seeds", type=int, default=1000)
    ap.add_argument("--steps", type=int, default=3000)
    ap.add_argument("--lr", type=float, default=0.01)
    ap.add_argument("--plot", default="pytorch_seeds_gaps.png")
    ap.add_argument("--gap-checks", type=int, default=10,
                    help="seeds whose gap erm-gap recomputes: best, median, worst and random others")
    ap.add_argument("--all-gaps", action="store_true",
                    help="ask erm-gap for every seed (slow: one certified solve each)")
    ap.add_argument("--max-subproblems", type=int, default=60000)
    args = ap.parse_args()
    try:
        import torch
        import numpy as np
    except ImportError as e:
        print("pytorch_seeds.py needs torch and numpy (Debian: apt-get install -y python3-torch"
              " python3-numpy): %s" % e)
        return 0
    torch.set_num_threads(1)  # tiny tensors: 1 thread measured 10x faster per step than 2
    jar = args.jar or provnets.default_jar()
    t_start = time.perf_counter()
    rows, all_gaps = [], []
    failed = False

    with provnets.Client(jar, max_subproblems=args.max_subproblems) as pn:
        for name, X, y, width, output_bias in datasets(np):
            t0 = time.perf_counter()
            params, final = train(torch, X, y, width, output_bias, args.seeds, args.steps, args.lr)
            t_train = time.perf_counter() - t0

            t0 = time.perf_counter()
            r = pn.erm(data=(X, y), width=width, output_bias=output_bias,
                       max_subproblems=args.max_subproblems)
            t_erm = time.perf_counter() - t0
            opt = r["optimum"]
            assert r["certified"] is True

            Xl, yl = X.tolist(), y.tolist()
            exact = []  # each seed's exact loss, from its float64 weights
            for s in range(args.seeds):
                net = net_from_state_dict(state_dict(params, s, output_bias))
                exact.append(mean_loss(net, Xl, yl))
            gaps = [e - opt for e in exact]
            order = sorted(range(args.seeds), key=lambda s: exact[s])
            best, median, worst = order[0], order[len(order) // 2], order[-1]

            # the server's exact gap of some seeds (or all), from their state_dicts
            picks = {best, median, worst}
            others = [s for s in random.Random(len(rows)).sample(range(args.seeds), args.seeds)
                      if s not in picks]
            picks.update(others[:max(0, args.gap_checks - len(picks))])
            check = range(args.seeds) if args.all_gaps else sorted(picks)
            t0 = time.perf_counter()
            for s in check:
                g = pn.erm_gap(data=(X, y), net=state_dict(params, s, output_bias),
                               output_bias=output_bias, max_subproblems=args.max_subproblems)
                if g["optimum"] != opt or g["netLoss"] != exact[s] or g["gap"] != gaps[s]:
                    failed = True
                    print("MISMATCH seed %d: server netLoss %s gap %s, here %s, %s"
                          % (s, g["netLoss"], g["gap"], exact[s], gaps[s]))
            t_gap = time.perf_counter() - t0

            tol = Fr(1, 10 ** 6) * opt
            within = sum(1 for g in gaps if g <= tol)
            within3 = sum(1 for g in gaps if g <= Fr(1, 1000) * opt)
            below = sum(1 for g in gaps if g < 0)
            if below:
                failed = True
            float_err = max(abs(float(final[s]) - float(exact[s])) for s in range(args.seeds))
            rows.append({"name": name, "D": len(y), "n": X.shape[1], "w": width,
                         "bias": output_bias, "opt": opt, "best": exact[best],
                         "median": exact[median], "within": within, "within3": within3, "below": below,
                         "checked": len(check), "float_err": float_err, "t_train": t_train,
                         "t_erm": t_erm, "t_gap": t_gap, "gaps": gaps,
                         "subproblems": r["subproblems"], "pruned": r["pruned"]})
            all_gaps.append((name, opt, gaps))

    total = time.perf_counter() - t_start
    S = args.seeds
    print("Certified global optimum vs PyTorch (Adam, lr %g, %d full-batch steps, float64,"
          " default init, %d seeds batched), squared loss" % (args.lr, args.steps, S))
    print()
    head = ("data set", "D", "n", "w", "bias", "optimum (decimal)", "best seed", "median seed",
            "within 1e-6", "within 1e-3", "below opt")
    fmt = "%-22s %3s %2s %2s %5s %20s %20s %20s %11s %11s %9s"
    print(fmt % head)
    print("-" * 154)
    for r in rows:
        print(fmt % (r["name"], r["D"], r["n"], r["w"], "yes" if r["bias"] else "no",
                     "%.15g" % float(r["opt"]), "%.15g" % float(r["best"]),
                     "%.15g" % float(r["median"]),
                     "%.1f%%" % (100.0 * r["within"] / S), "%.1f%%" % (100.0 * r["within3"] / S),
                     r["below"]))
    print()
    for r in rows:
        print("%s: certified optimum = %s  (%d subproblems, %d pruned)"
              % (r["name"], fmt_exact(r["opt"]), r["subproblems"], r["pruned"]))
        print("    best seed's exact gap = %s = %.3g; erm-gap cross-checked %d seed%s (exact"
              " gaps equal); max |float64 loss - exact loss| = %.1e"
              % (fmt_exact(r["best"] - r["opt"], 40), float(r["best"] - r["opt"]), r["checked"],
                 "" if r["checked"] == 1 else "s", r["float_err"]))
        print("    time: training %.1f s, erm %.1f s, erm-gap checks %.1f s"
              % (r["t_train"], r["t_erm"], r["t_gap"]))
    print()
    print("'within 1e-6': seeds whose exact loss is at most (1 + 1e-6) x the certified optimum"
          " (1e-3 likewise);"
          " 'below opt': seeds with a loss below it (the certificate says none can be).")
    print("total wall time %.1f s" % total)

    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed (apt-get install -y python3-matplotlib): no plot")
    else:
        fig, ax = plt.subplots(figsize=(8, 4.5))
        floor = -17
        bins = np.linspace(floor, 2, 77)
        for name, opt, gaps in all_gaps:
            rel = [max(floor, math.log10(float(g / opt))) if g > 0 and opt > 0 else floor
                   for g in gaps]
            ax.hist(rel, bins=bins, histtype="step", linewidth=1.5, label=name)
        ax.axvline(math.log10(REL), color="grey", linestyle="--", linewidth=1)
        ax.set_xlabel("log10( (seed loss - certified optimum) / optimum ), exact"
                      " (gaps of 0 or below 1e-17 at -17)")
        ax.set_ylabel("seeds (of %d)" % S)
        ax.set_title("Adam from %d seeds vs the certified global optimum" % S)
        ax.legend()
        fig.tight_layout()
        fig.savefig(args.plot, dpi=120)
        print("plot: %s" % args.plot)
    if failed:
        print("FAILED: a seed below the certified optimum, or a gap mismatch")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
