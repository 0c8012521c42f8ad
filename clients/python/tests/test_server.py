"""Against a running `provnets serve` (the jar from PROVNETS_JAR, else the checkout's
target/provable-nets-cli.jar): each method on instances whose answers are known by hand,
the error responses, and that the server keeps serving after each error."""

import os
import sys
import tempfile
import unittest
from fractions import Fraction as Fr

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import provnets  # noqa: E402
from provnets import BadInput, CheckFailed, ProvnetsError  # noqa: E402
from provnets.exact import gate_replay, gate_step_reference, mean_loss  # noqa: E402

try:
    import numpy as np
except ImportError:  # pragma: no cover
    np = None

JAR = provnets.default_jar()
NO_JAR = "no provnets jar at %s (set PROVNETS_JAR or build with ./provnets)" % JAR
NO_NUMPY = "NumPy is not installed (apt-get install -y python3-numpy)"
# PROVNETS_STRICT=1 (set by .ci/run): nothing is skipped for a missing jar or NumPy; such a
# test fails instead, so that CI cannot pass by skipping.
STRICT = os.environ.get("PROVNETS_STRICT") == "1"

# The README's three-point V: (-1, 1), (0, 0), (1, 1).
V_X, V_Y = [[-1], [0], [1]], [1, 0, 1]
TWO_POINTS = [[1, 0], [0, 1]]  # symmetrised: +-e1, +-e2, mass 1/4 each; Sigma = I/2


@unittest.skipUnless(os.path.isfile(JAR) or STRICT, NO_JAR)
class ServerTestCase(unittest.TestCase):
    pn = None

    @classmethod
    def setUpClass(cls):
        cls.pn = provnets.Client(JAR, timeout=300)

    @classmethod
    def tearDownClass(cls):
        if cls.pn is not None:
            code = cls.pn.close()
            assert code == 0, "the server exited with %s on EOF" % code

    def assertServes(self):
        """The server still answers, in order, with the right numbers."""
        self.assertTrue(self.pn.ping()["pong"])
        r = self.pn.gate_step(TWO_POINTS, w_star=[1, "1/2"], w=[0, 0], eta="1/4")
        self.assertEqual(r["meanUpdate"], [Fr(1, 4), Fr(1, 8)])


class Lifecycle(ServerTestCase):
    def test_ping(self):
        r = self.pn.ping()
        self.assertIs(r["pong"], True)
        self.assertTrue(r["version"].startswith("provnets"))
        for op in ("erm", "erm-gap", "verify", "gate step", "gate compare", "villani eval"):
            self.assertIn(op, r["operations"])

    def test_ids_are_echoed(self):
        r = self.pn.request_raw({"id": {"run": [1, "a"]}, "op": "ping"})
        self.assertEqual(r["id"], {"run": [1, "a"]})
        r = self.pn.request_raw({"op": "ping"})
        self.assertIsInstance(r["id"], int)

    def test_context_manager_closes_with_exit_0(self):
        with provnets.Client(JAR) as pn:
            self.assertTrue(pn.ping()["pong"])
        self.assertEqual(pn.returncode, 0)
        # stderr carries only the start-up line
        self.assertEqual(len(pn.stderr_lines), 1, pn.stderr_lines)
        with self.assertRaises(provnets.ProtocolError):
            pn.ping()

    def test_missing_jar(self):
        with self.assertRaises(FileNotFoundError):
            provnets.Client("/nonexistent/provnets.jar")


class Erm(ServerTestCase):
    def test_width_1_optimum_is_2_9(self):
        # f = s max(0, a x + b) >= 0 for s = 1: the best is the constant 2/3 (mean of y),
        # losses (1/3)^2, (2/3)^2, (1/3)^2 -> 2/9; a kink costs at least 1 at one end.
        r = self.pn.erm(data=(V_X, V_Y), width=1)
        self.assertEqual(r["optimum"], Fr(2, 9))
        self.assertIs(r["certified"], True)
        self.assertEqual(mean_loss(r["net"], V_X, V_Y), Fr(2, 9))

    def test_width_2_fits_the_v_exactly(self):
        # |x| = max(0, x) + max(0, -x)
        r = self.pn.erm(data=[[-1, 1], [0, 0], [1, 1]], width=2)  # rows x, y
        self.assertEqual(r["optimum"], 0)
        self.assertEqual(mean_loss(r["net"], V_X, V_Y), 0)

    def test_output_bias_optimum_is_1_6(self):
        # c + max(0, a x + b) has one flat side: f(-1) = f(0) = 1/2, f(1) = 1 -> (1/4 + 1/4)/3
        r = self.pn.erm(data={"x": V_X, "y": V_Y}, width=1, output_bias=True)
        self.assertEqual(r["optimum"], Fr(1, 6))
        self.assertEqual(mean_loss(r["net"], V_X, V_Y), Fr(1, 6))

    def test_float_labels_are_their_binary_values(self):
        # one point at x = 0 with label y: width 1 fits y exactly if y >= 0; with
        # label 0.1 (float) vs "0.1" (1/10) the optimum is 0 either way, but for the
        # two points (0, y), (0, -y) it is y^2: the exact square of the binary value.
        y = 0.1
        r = self.pn.erm(data=([[0], [0]], [y, -y]), width=1, output_bias=False)
        self.assertEqual(r["optimum"], Fr(y) ** 2 / 1)
        r = self.pn.erm(data=([[0], [0]], ["0.1", "-0.1"]), width=1)
        self.assertEqual(r["optimum"], Fr(1, 100))

    def test_certificate_verifies_and_tampering_is_caught(self):
        r = self.pn.erm(data=(V_X, V_Y), width=1, certificate=True)
        cert = r["certificate"]
        v = self.pn.verify(cert, data=(V_X, V_Y))
        self.assertIs(v["certified"], True)
        self.assertEqual(v["optimum"], Fr(2, 9))
        tampered = dict(cert, optimum="1/9")
        with self.assertRaises(CheckFailed) as cm:
            self.pn.verify(tampered, data=(V_X, V_Y))
        self.assertEqual(cm.exception.code, 1)
        self.assertIs(cm.exception.response["certified"], False)
        self.assertIn("1/9", cm.exception.message)
        # the same certificate against other data is bad input, not a failed check
        with self.assertRaises(ProvnetsError) as cm:
            self.pn.verify(cert, data=(V_X, [1, 0, 2]))
        self.assertIn(cm.exception.code, (1, 2))
        self.assertServes()

    def test_erm_gap_of_hand_net(self):
        # f = max(0, x/2): outputs 0, 0, 1/2 -> (1 + 0 + 1/4)/3 = 5/12; gap 5/12 - 2/9 = 7/36
        net = {"units": [{"weights": [0.5], "bias": 0, "sign": 1}], "outputBias": 0}
        r = self.pn.erm_gap(data=(V_X, V_Y), net=net)
        self.assertEqual(r["netLoss"], Fr(5, 12))
        self.assertEqual(r["optimum"], Fr(2, 9))
        self.assertEqual(r["gap"], Fr(7, 36))

    def test_erm_gap_zero_for_the_optimal_net_as_state_dict(self):
        data = ([[-1, 0], [0, 1], [1, 1], [2, -1], [1, -1]], [1, 0, 2, "1/2", 3])
        opt = self.pn.erm(data=data, width=1)
        self.assertGreater(opt["optimum"], 0)  # the zero gap below is not the trivial 0 - 0
        sd = provnets.state_dict_from_net(opt["net"], output_bias=False)
        self.assertEqual(set(sd), {"fc1.weight", "fc1.bias", "fc2.weight"})
        r = self.pn.erm_gap(data=data, net=sd)
        self.assertEqual(r["optimum"], opt["optimum"])
        self.assertEqual(r["netLoss"], opt["optimum"])
        self.assertEqual(r["gap"], 0)

    def test_erm_gap_state_dict_with_output_bias(self):
        # fc2.weight = -2 scales the unit (outputWeight, normalised by homogeneity).
        sd = {"fc1.weight": [[0.5]], "fc1.bias": [0.25], "fc2.weight": [[-2.0]],
              "fc2.bias": [1.0]}
        net = provnets.net_from_state_dict(sd)
        r = self.pn.erm_gap(data=(V_X, V_Y), net=sd, output_bias=True)
        self.assertEqual(r["netLoss"], mean_loss(net, V_X, V_Y))
        self.assertEqual(r["optimum"], Fr(1, 6))
        self.assertEqual(r["gap"], r["netLoss"] - Fr(1, 6))


class Gate(ServerTestCase):
    def test_step_on_two_points(self):
        # Sigma = I/2; from w = 0: E[r x] = (1/4)(e1 * 1 + e2 * 1/2) = (1/4, 1/8) = Sigma w*/2.
        # E||w'-w*||^2 = (13/16 + 5/4 + 73/64 + 5/4)/4 = 285/256.
        r = self.pn.gate_step(TWO_POINTS, w_star=[1, 0.5], w=[0, 0], eta=0.25)
        self.assertEqual(r["meanUpdate"], [Fr(1, 4), Fr(1, 8)])
        self.assertEqual(r["halfSigmaDelta"], [Fr(1, 4), Fr(1, 8)])
        self.assertEqual(r["lemmaDefect"], [0, 0])
        self.assertIs(r["lemmaHolds"], True)
        self.assertEqual(r["expectedSquaredDistance"], Fr(285, 256))
        self.assertEqual(r["identity"], Fr(285, 256))
        self.assertEqual(r["deltaNormSquared"], Fr(5, 4))
        # L <= 1/2 and c_b >= U4 = 1/2 make the factor at least 1 - 1/8 + 1/32 = 29/32.
        self.assertGreaterEqual(r["contractionFactor"], Fr(29, 32))
        self.assertLess(r["contractionFactor"], 1)
        self.assertGreaterEqual(r["contractionBound"], r["expectedSquaredDistance"])
        self.assertIs(r["checksPassed"], True)

    def test_step_matches_independent_enumeration(self):
        support, ws, w, eta = [[1, 2], [-1, 0.5], [0, 1]], ["3/2", -1], [0.25, "1/3"], "1/10"
        for batch in (1, 2, 3):
            ref = gate_step_reference(support, ws, w, eta, batch=batch)
            r = self.pn.gate_step(support, w_star=ws, w=w, eta=eta, batch=batch)
            self.assertEqual(r["batches"], 6 ** batch)
            self.assertEqual(r["meanUpdate"], ref["meanUpdate"])
            self.assertEqual(r["halfSigmaDelta"], ref["halfSigmaDelta"])
            self.assertEqual(r["expectedSquaredDistance"], ref["expectedSquaredDistance"])
            self.assertEqual(r["identity"], ref["expectedSquaredDistance"])

    def test_asymmetric_support_fails_the_lemma(self):
        # without -x the lemma E[r x] = Sigma (w* - w)/2 fails: a CheckFailed with its fields
        with self.assertRaises(CheckFailed) as cm:
            self.pn.gate_step([[1, 0], [0, 1]], w_star=[1, 1], w=[0, 0], eta="1/4",
                              asymmetric=True)
        resp = cm.exception.response
        # E[r x] = (1/2)(e1 + e2) but Sigma (w*)/2 = (1/4, 1/4)
        self.assertEqual(resp["meanUpdate"], [Fr(1, 2), Fr(1, 2)])
        self.assertEqual(resp["halfSigmaDelta"], [Fr(1, 4), Fr(1, 4)])
        self.assertIs(resp["lemmaHolds"], False)
        self.assertServes()

    def test_compare_exact_replay_and_float_run(self):
        # eta = 1/4 and dyadic data: a float run is exact, so the deviation is exactly 0.
        samples = [[0], [2], [1], [3], [0], [2]]
        traj = [[float(v) for v in w] for w in gate_replay(TWO_POINTS, [1, 0.5], samples, 0.25)]
        r = self.pn.gate_compare(TWO_POINTS, w_star=[1, 0.5], trajectory=traj, samples=samples,
                                 eta=0.25, tolerance=0)
        self.assertEqual(r["steps"], 6)
        self.assertEqual(Fr(r["maxDeviation"]), 0)
        self.assertIs(r["withinTolerance"], True)

    def test_compare_far_trajectory_fails(self):
        samples = [[0, 0], [1, 0]]
        # exact: w2 = (1/4, 0), w3 = (1/4 + 3/32, 0) = (11/32, 0); we claim 0.4375
        with self.assertRaises(CheckFailed) as cm:
            self.pn.gate_compare(TWO_POINTS, w_star=[1, "1/2"], trajectory=[[0.25, 0], [0.4375, 0]],
                                 samples=samples, eta="1/4", tolerance="1e-3")
        resp = cm.exception.response
        self.assertEqual(cm.exception.code, 1)
        self.assertEqual(Fr(resp["maxDeviation"]), Fr(3, 32))
        self.assertEqual(resp["maxDeviationIterate"], 3)
        self.assertIs(resp["withinTolerance"], False)
        self.assertServes()


class Villani(ServerTestCase):
    def test_eval_at_zero(self):
        # W = 0, tanh: sigma(0) = 0, sigma' = 1, sigma'' = 0. Points (1,0)->1, (0,1)->0, a = 1:
        # L = (1/4)(1 + 0) = 1/4; grad = -(1/2)(1 * (1, 0)) = (-1/2, 0); Laplacian =
        # (1/2) sum_i ||x_i||^2 = 1; V_s = ||grad||^2 / s - Laplacian = 1/4 - 1 = -3/4 at s = 1.
        r = self.pn.villani_eval(data=[[1, 0, 1], [0, 1, 0]], outer=[1], weights=[[0, 0]],
                                 lam=0, activation="tanh", s=1)
        enc = r["enclosures"]

        def within(box, value):
            self.assertLessEqual(box["lo"], value)
            self.assertLessEqual(value, box["hi"])
            self.assertLess(box["hi"] - box["lo"], Fr(1, 10 ** 15))

        within(enc["loss"], Fr(1, 4))
        within(enc["gradient"][0][0], Fr(-1, 2))
        within(enc["gradient"][0][1], 0)
        within(enc["laplacian"], 1)
        within(enc["villaniQuantity"], Fr(-3, 4))
        self.assertEqual(r["lambda"], 0)

    def test_eval_regularised_with_float_weights(self):
        # lambda/2 ||W||^2 is added to L: at W = (0.5, 0) with tanh the loss is
        # (1/4)(1 - tanh(1/2))^2 + (1/4)(1/2)(1/4); check the enclosure against math.tanh.
        import math
        r = self.pn.villani_eval(data=[[1, 0, 1], [0, 1, 0]], outer=[1], weights=[[0.5, 0.0]],
                                 lam=0.25, activation="tanh", s=2, precision=30)
        expected = 0.25 * (1 - math.tanh(0.5)) ** 2 + 0.125 * 0.25
        box = r["enclosures"]["loss"]
        self.assertLess(abs(float(box["lo"]) - expected), 1e-15)
        self.assertLess(box["hi"] - box["lo"], Fr(1, 10 ** 25))
        self.assertEqual(r["s"], 2)
        self.assertEqual(r["lambda"], Fr(1, 4))

    def test_eval_state_dict_weights(self):
        sd = {"fc1.weight": [[0, 0]], "fc2.weight": [[1]]}
        r = self.pn.villani_eval(data=[[1, 0, 1], [0, 1, 0]], outer=[1], weights=sd,
                                 lam=0, activation="tanh", s=1)
        self.assertLessEqual(r["enclosures"]["loss"]["lo"], Fr(1, 4))
        self.assertGreaterEqual(r["enclosures"]["loss"]["hi"], Fr(1, 4))


class Errors(ServerTestCase):
    def assertBad(self, call, *needles):
        with self.assertRaises(BadInput) as cm:
            call()
        e = cm.exception
        self.assertEqual(e.code, 2)
        self.assertIsInstance(e.message, str)
        for n in needles:
            self.assertIn(n, e.message)
        self.assertIn("error", e.response)
        self.assertServes()
        return e

    def test_unknown_op(self):
        self.assertBad(lambda: self.pn.request("train me"), "train me")

    def test_missing_field(self):
        self.assertBad(lambda: self.pn.request("erm", width=1), "data")
        self.assertBad(lambda: self.pn.request("gate step", support=TWO_POINTS, w=[0, 0],
                                               eta="1/4"), "w-star")

    def test_unknown_field(self):
        self.assertBad(lambda: self.pn.erm(data=(V_X, V_Y), width=1, frobnicate=3), "frobnicate")

    def test_wrong_shaped_arrays(self):
        self.assertBad(lambda: self.pn.gate_step([[1, 0], [0]], w_star=[1, 0], w=[0, 0],
                                                 eta="1/4"), "support")
        self.assertBad(lambda: self.pn.gate_step(TWO_POINTS, w_star=[1, 0], w=[0, 0, 0],
                                                 eta="1/4"), "--w")
        self.assertBad(lambda: self.pn.erm(data=([[1], [2]], [1, 2, 3]), width=1))

    def test_malformed_numbers(self):
        self.assertBad(lambda: self.pn.gate_step(TWO_POINTS, w_star=[1, 0], w=[0, 0],
                                                 eta="1/x"), "1/x")
        self.assertBad(lambda: self.pn.erm(data=[[-1, "abc"], [0, 0]], width=1), "abc")
        self.assertBad(lambda: self.pn.erm(data=(V_X, V_Y), width="1.5"), "1.5")

    def test_out_of_range(self):
        self.assertBad(lambda: self.pn.erm(data=(V_X, V_Y), width=9), "width")
        self.assertBad(lambda: self.pn.erm(data=(V_X, V_Y), width=1, max_subproblems=10 ** 9))

    def test_line_that_is_not_json(self):
        r = self.pn.send_line("this is { not json")
        self.assertIsNone(r["id"])
        self.assertEqual(r["error"]["code"], 2)
        self.assertIn("not JSON", r["error"]["message"])
        self.assertServes()
        r = self.pn.send_line("[1, 2]")
        self.assertEqual(r["error"]["code"], 2)
        self.assertServes()

    def test_nan_is_refused_before_sending(self):
        with self.assertRaises(ValueError):
            self.pn.gate_step(TWO_POINTS, w_star=[1, float("nan")], w=[0, 0], eta="1/4")
        with self.assertRaises(ValueError):
            self.pn.erm(data=(V_X, [1, 0, float("inf")]), width=1)
        self.assertServes()  # nothing was sent: the next response is the ping's


@unittest.skipIf(np is None and not STRICT, NO_NUMPY)
class NumpyInputs(ServerTestCase):
    def test_arrays(self):
        X = np.array([[-1.0], [0.0], [1.0]])
        y = np.array([1.0, 0.0, 1.0], dtype=np.float32)
        r = self.pn.erm(data=(X, y), width=1)
        self.assertEqual(r["optimum"], Fr(2, 9))
        r = self.pn.gate_step(np.array(TWO_POINTS), w_star=np.array([1.0, 0.5]),
                              w=np.zeros(2), eta=np.float64(0.25))
        self.assertEqual(r["expectedSquaredDistance"], Fr(285, 256))

    def test_npz_and_npy_files(self):
        with tempfile.TemporaryDirectory() as d:
            npz = os.path.join(d, "v.npz")
            np.savez(npz, x=np.array(V_X, dtype=float), y=np.array(V_Y, dtype=float))
            self.assertEqual(self.pn.erm(data=npz, width=1)["optimum"], Fr(2, 9))
            npy = os.path.join(d, "rows.npy")
            np.save(npy, np.array([[-1, 1], [0, 0], [1, 1]], dtype=np.float32))
            self.assertEqual(self.pn.erm(data=npy, width=2)["optimum"], 0)
            sdz = os.path.join(d, "net.npz")
            np.savez(sdz, **{"fc1.weight": np.array([[0.5]]), "fc1.bias": np.array([0.0]),
                             "fc2.weight": np.array([[1.0]])})
            self.assertEqual(self.pn.erm_gap(data=npz, net=sdz)["gap"], Fr(7, 36))

    def test_float32_run_compared_exactly(self):
        # a float32 run with eta = float32(0.1): the server replays with the same eta
        # exactly; the deviation is float32 rounding, nonzero but tiny.
        pts = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], dtype=np.float32)
        sym = np.stack([p for q in pts for p in (q, -q)])
        ws = np.array([1.0, -0.5], dtype=np.float32)
        eta = np.float32(0.1)
        rng = np.random.default_rng(16)
        w = np.zeros(2, dtype=np.float32)
        samples, traj = [], []
        for _ in range(40):
            i = int(rng.integers(len(sym)))
            x = sym[i]
            r = np.maximum(ws @ x, 0) - np.maximum(w @ x, 0)
            w = (w + eta * r * x).astype(np.float32)
            samples.append([i])
            traj.append(w.copy())
        res = self.pn.gate_compare(pts, w_star=ws, trajectory=np.array(traj),
                                   samples=samples, eta=eta, tolerance="1e-5")
        dev = Fr(res["maxDeviation"])
        self.assertGreater(dev, 0)
        self.assertLess(dev, Fr(1, 10 ** 5))
        # the exact replay in Python agrees with the server's deviation bound
        exact = gate_replay(pts, ws, samples, eta)
        mine = max(abs(Fr(float(a)) - b) for t, e in zip(traj, exact) for a, b in zip(t, e))
        self.assertLess(abs(float(mine) - float(dev)), 1e-12)


if __name__ == "__main__":
    unittest.main()
