"""Plain-Python exact helpers (fractions only): a T1 net's output and mean loss, and the
conversions between the net object of the responses and a PyTorch-style state_dict."""

from fractions import Fraction

__all__ = ["F", "net_output", "mean_loss", "state_dict_from_net", "net_from_state_dict",
           "gate_step_reference", "gate_replay"]


def F(x):
    """Exact Fraction of an int, float (its binary value), str ("0.1" = 1/10), Fraction,
    Decimal or NumPy scalar."""
    from ._convert import exact_string
    if isinstance(x, str):
        return Fraction(x)
    return Fraction(exact_string(x))


def net_output(net, x):
    """f(x) = sum_i s_i max(0, a_i . x + b_i) + c for a net object {"units": [{"weights",
    "bias", "sign" | "outputWeight"}], "outputBias"} (values anything F accepts)."""
    total = F(net.get("outputBias", 0) or 0)
    for u in net["units"]:
        pre = F(u["bias"]) + sum(F(a) * F(xi) for a, xi in zip(u["weights"], x))
        scale = F(u["outputWeight"]) if "outputWeight" in u else F(u["sign"])
        if pre > 0:
            total += scale * pre
    return total


def mean_loss(net, X, y, loss="squared"):
    """The mean loss of the net on the points (rows of X) with labels y, exactly:
    squared (f - y)^2, absolute |f - y|, hinge max(0, 1 - y f)."""
    terms = []
    for xi, yi in zip(X, y):
        f, t = net_output(net, xi), F(yi)
        if loss == "squared":
            terms.append((f - t) ** 2)
        elif loss == "absolute":
            terms.append(abs(f - t))
        elif loss == "hinge":
            terms.append(max(Fraction(0), 1 - t * f))
        else:
            raise ValueError("unknown loss %r" % (loss,))
    return sum(terms, Fraction(0)) / len(terms)


def state_dict_from_net(net, output_bias=None):
    """The state_dict {"fc1.weight": w x n, "fc1.bias": w, "fc2.weight": 1 x w
    [, "fc2.bias": 1]} of a net object (e.g. an erm response's "net"), with Fractions.
    fc2.bias is included when output_bias is True, or (output_bias None) when the net
    has a nonzero outputBias."""
    units = net["units"]
    sd = {
        "fc1.weight": [[F(a) for a in u["weights"]] for u in units],
        "fc1.bias": [F(u["bias"]) for u in units],
        "fc2.weight": [[F(u["outputWeight"]) if "outputWeight" in u else F(u["sign"])
                        for u in units]],
    }
    c = F(net.get("outputBias", 0) or 0)
    if output_bias or (output_bias is None and c != 0):
        sd["fc2.bias"] = [c]
    return sd


def net_from_state_dict(sd):
    """The net object (units with outputWeight) of a state_dict, values as Fractions."""
    def rows(v):
        v = v.detach().cpu().tolist() if hasattr(v, "detach") else \
            (v.tolist() if hasattr(v, "tolist") else v)
        return v
    W, b, a = rows(sd["fc1.weight"]), rows(sd["fc1.bias"]), rows(sd["fc2.weight"])
    a = a[0] if a and isinstance(a[0], (list, tuple)) else a
    c = rows(sd["fc2.bias"])[0] if "fc2.bias" in sd and sd["fc2.bias"] is not None else 0
    return {"units": [{"weights": [F(e) for e in W[j]], "bias": F(b[j]),
                       "outputWeight": F(a[j])} for j in range(len(b))],
            "outputBias": F(c)}


def _relu(t):
    return t if t > 0 else Fraction(0)


def gate_step_reference(support, w_star, w, eta, batch=1, symmetrise=True):
    """T2, one step of w' = w + eta (1/b) sum_k r(x_k) x_k, r(x) = ReLU(w*.x) - ReLU(w.x),
    on the uniform distribution over the support points (each row x also gives -x when
    symmetrise), computed here independently in Fractions: the mean update E[r(x) x],
    (1/2) Sigma (w* - w), and E||w' - w*||^2 by enumerating all n^b ordered batches."""
    import itertools
    pts = [[F(v) for v in row] for row in support]
    if symmetrise:
        pts = [p for row in pts for p in (row, [-v for v in row])]
    ws, w0, eta = [F(v) for v in w_star], [F(v) for v in w], F(eta)
    n, d = len(pts), len(ws)

    def dot(a, b):
        return sum((ai * bi for ai, bi in zip(a, b)), Fraction(0))

    r = [_relu(dot(ws, x)) - _relu(dot(w0, x)) for x in pts]
    mean_update = [sum((r[i] * pts[i][k] for i in range(n)), Fraction(0)) / n for k in range(d)]
    sigma = [[sum((x[a] * x[b] for x in pts), Fraction(0)) / n for b in range(d)]
             for a in range(d)]
    diff = [ws[k] - w0[k] for k in range(d)]
    half_sigma_delta = [dot(sigma[a], diff) / 2 for a in range(d)]
    total = Fraction(0)
    for idx in itertools.product(range(n), repeat=batch):
        wn = [w0[k] + eta * sum((r[i] * pts[i][k] for i in idx), Fraction(0)) / batch
              for k in range(d)]
        total += sum(((wn[k] - ws[k]) ** 2 for k in range(d)), Fraction(0))
    return {"meanUpdate": mean_update, "halfSigmaDelta": half_sigma_delta,
            "expectedSquaredDistance": total / n ** batch, "sigma": sigma,
            "deltaNormSquared": dot(diff, diff)}


def gate_replay(support, w_star, samples, eta, symmetrise=True):
    """The exact iterates w_2, ..., w_{T+1} of the iteration from w_1 = 0 on the given
    sample indices (one row of b indices per step; symmetrised row r gives 2r -> x,
    2r + 1 -> -x)."""
    pts = [[F(v) for v in row] for row in support]
    if symmetrise:
        pts = [p for row in pts for p in (row, [-v for v in row])]
    ws, eta = [F(v) for v in w_star], F(eta)
    w = [Fraction(0)] * len(ws)
    out = []
    for idx in samples:
        upd = [Fraction(0)] * len(ws)
        for i in idx:
            x = pts[int(i)]
            rr = _relu(sum(a * b for a, b in zip(ws, x))) - _relu(sum(a * b for a, b in zip(w, x)))
            upd = [u + rr * xi for u, xi in zip(upd, x)]
        w = [wk + eta * u / len(idx) for wk, u in zip(w, upd)]
        out.append(w)
    return out
