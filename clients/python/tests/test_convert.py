"""The conversion rules, without a server: floats are their exact binary rationals."""

import decimal
import math
import os
import sys
import unittest
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import provnets  # noqa: E402
from provnets import exact_string, field_name, from_wire, to_wire  # noqa: E402
from provnets._client import _request_object  # noqa: E402

try:
    import numpy as np
except ImportError:  # pragma: no cover
    np = None

NO_NUMPY = "NumPy is not installed (apt-get install -y python3-numpy)"
# PROVNETS_STRICT=1 (set by .ci/run): nothing is skipped for a missing jar or NumPy; such a
# test fails instead, so that CI cannot pass by skipping.
STRICT = os.environ.get("PROVNETS_STRICT") == "1"


class FloatRule(unittest.TestCase):
    def test_point_one_is_its_binary_value(self):
        self.assertEqual(exact_string(0.1), "3602879701896397/36028797018963968")
        self.assertEqual(Fraction(exact_string(0.1)), Fraction(0.1))
        # 0.1 = 3602879701896397 / 2^55, not 1/10
        self.assertEqual(36028797018963968, 2 ** 55)
        self.assertNotEqual(Fraction(exact_string(0.1)), Fraction(1, 10))

    def test_dyadic_and_integral_floats(self):
        self.assertEqual(exact_string(0.5), "1/2")
        self.assertEqual(exact_string(-0.375), "-3/8")
        self.assertEqual(exact_string(3.0), "3")
        self.assertEqual(exact_string(-0.0), "0")
        self.assertEqual(exact_string(2.0 ** 70), str(2 ** 70))

    def test_extremes_are_exact(self):
        tiny = 5e-324  # the smallest subnormal, 2^-1074
        self.assertEqual(Fraction(exact_string(tiny)), Fraction(1, 2 ** 1074))
        big = sys.float_info.max
        self.assertEqual(Fraction(exact_string(big)), Fraction((2 ** 53 - 1) * 2 ** 971))

    def test_round_trip_of_many_floats(self):
        import random
        rng = random.Random(16)
        for _ in range(2000):
            x = rng.uniform(-1e6, 1e6) * 10.0 ** rng.randint(-300, 300)
            fr = Fraction(exact_string(x))
            self.assertEqual(float(fr), x)
            self.assertEqual(fr, Fraction(x))
            self.assertTrue(fr.denominator & (fr.denominator - 1) == 0)  # a power of two

    def test_nan_and_inf_are_refused(self):
        for bad in (math.nan, math.inf, -math.inf):
            with self.assertRaises(ValueError):
                exact_string(bad)
            with self.assertRaises(ValueError):
                to_wire([[1.0, bad]])
        with self.assertRaises(ValueError):
            to_wire(decimal.Decimal("NaN"))

    def test_other_types(self):
        self.assertEqual(to_wire("0.1"), "0.1")  # a string is sent as written: 1/10
        self.assertEqual(to_wire(Fraction(3, 7)), "3/7")
        self.assertEqual(to_wire(Fraction(-6, 3)), "-2")
        self.assertEqual(to_wire(7), 7)
        self.assertEqual(to_wire(10 ** 40), 10 ** 40)
        self.assertEqual(to_wire(decimal.Decimal("0.1")), "1/10")
        self.assertEqual(to_wire(decimal.Decimal("1E-7")), "1/10000000")
        self.assertIs(to_wire(True), True)  # a flag
        with self.assertRaises(TypeError):
            exact_string(True)
        with self.assertRaises(TypeError):
            to_wire(object())

    def test_nested_structures(self):
        self.assertEqual(to_wire(([1, 0.5], (Fraction(1, 3), "2/7"))),
                         [[1, "1/2"], ["1/3", "2/7"]])
        self.assertEqual(to_wire({"fc1.weight": [[0.25]], "fc1.bias": (1,)}),
                         {"fc1.weight": [["1/4"]], "fc1.bias": [1]})
        self.assertEqual(to_wire({"exact": Fraction(1, 3), "decimal": "0.33"}),
                         {"exact": "1/3"})


class FieldsAndRequests(unittest.TestCase):
    def test_field_names(self):
        self.assertEqual(field_name("w_star"), "w-star")
        self.assertEqual(field_name("output_bias"), "output-bias")
        self.assertEqual(field_name("max_subproblems"), "max-subproblems")
        self.assertEqual(field_name("lam"), "lambda")
        self.assertEqual(field_name("lambda_"), "lambda")
        self.assertEqual(field_name("eta"), "eta")

    def test_request_object(self):
        obj = _request_object("erm", {"data": ([-1, 0.5, 1], [1, 0, 1]), "width": 2,
                                       "output_bias": True, "loss": None})
        self.assertEqual(obj, {"op": "erm", "data": {"x": [[-1], ["1/2"], [1]], "y": [1, 0, 1]},
                               "width": 2, "output-bias": True})
        obj = _request_object("erm", {"data": ([[1, 2], [3, 4]], [0.1, 0])})
        self.assertEqual(obj["data"], {"x": [[1, 2], [3, 4]],
                                       "y": ["3602879701896397/36028797018963968", 0]})
        obj = _request_object("villani eval", {"lam": 0.25, "w_star": "1,0"})
        self.assertEqual(obj, {"op": "villani eval", "lambda": "1/4", "w-star": "1,0"})
        with self.assertRaises(TypeError):
            _request_object("ping", {"id": 3})


class ResponseConversion(unittest.TestCase):
    def test_exact_objects_become_fractions(self):
        resp = {"id": 1, "optimum": "2/9", "optimumDecimal": "0.2222",
                "net": {"units": [{"weights": [{"exact": "-1/3", "decimal": "-0.33"}],
                                   "bias": {"exact": "0", "decimal": "0"}, "sign": 1}]},
                "lo": [[{"exact": "12345678901234567890/7", "decimal": "1.7e18"}]],
                "checked": ["a", "b"], "estimate": "0.0142", "count": 3}
        out = from_wire(resp)
        self.assertEqual(out["optimum"], Fraction(2, 9))
        self.assertIsInstance(out["optimum"], Fraction)
        self.assertEqual(out["optimumDecimal"], "0.2222")
        self.assertEqual(out["net"]["units"][0]["weights"], [Fraction(-1, 3)])
        self.assertEqual(out["net"]["units"][0]["bias"], 0)
        self.assertEqual(out["lo"][0][0], Fraction(12345678901234567890, 7))
        self.assertEqual(out["estimate"], "0.0142")  # an estimate stays a string
        self.assertEqual(out["checked"], ["a", "b"])
        self.assertEqual(out["count"], 3)


@unittest.skipIf(np is None and not STRICT, NO_NUMPY)
class NumpyConversion(unittest.TestCase):
    def test_float32_is_its_float32_value(self):
        x = np.float32(0.1)
        self.assertEqual(exact_string(x), "13421773/134217728")  # 0x3dcccccd / 2^27
        self.assertEqual(Fraction(exact_string(x)), Fraction(float(x)))
        self.assertEqual(to_wire(np.array([0.1], dtype=np.float32)), ["13421773/134217728"])
        self.assertEqual(to_wire(np.array([[0.1, 2]], dtype=np.float64)),
                         [["3602879701896397/36028797018963968", "2"]])

    def test_integers_and_halves(self):
        self.assertEqual(to_wire(np.arange(3)), [0, 1, 2])
        self.assertEqual(to_wire(np.int64(-5)), -5)
        self.assertEqual(to_wire(np.float16(0.5)), "1/2")

    def test_longdouble_keeps_its_extra_bits(self):
        x = np.longdouble(1) / np.longdouble(3)
        fr = Fraction(exact_string(x))
        p, q = x.as_integer_ratio()
        self.assertEqual(fr, Fraction(int(p), int(q)))
        self.assertEqual(Fraction(to_wire(np.array([x]))[0]), fr)

    def test_nan_in_array_is_refused(self):
        with self.assertRaises(ValueError):
            to_wire(np.array([1.0, np.nan]))
        with self.assertRaises(ValueError):
            to_wire(np.float32("inf"))

    def test_file_paths_are_sent_absolute_for_the_server_to_read(self):
        # The server reads .csv/.json/.npy/.npz itself (tests/test_server.py: NumpyInputs);
        # the client only makes the path independent of the server's working directory.
        obj = _request_object("erm", {"data": os.path.join("sub", "d.npz"), "width": 1})
        self.assertEqual(obj["data"], os.path.join(os.getcwd(), "sub", "d.npz"))
        obj = _request_object("erm-gap", {"data": "/abs/d.csv", "net": "n.npz"})
        self.assertEqual(obj["data"], "/abs/d.csv")
        self.assertEqual(obj["net"], os.path.join(os.getcwd(), "n.npz"))


class TorchConversion(unittest.TestCase):
    def test_tensor_values(self):
        try:
            import torch
        except ImportError:
            self.skipTest("torch is not installed (apt-get install -y python3-torch)")
        t = torch.tensor([[0.1, -2.0]], dtype=torch.float32, requires_grad=True)
        self.assertEqual(to_wire(t), [["13421773/134217728", "-2"]])
        sd = torch.nn.Linear(2, 1, bias=False).state_dict()
        w = sd["weight"]
        self.assertEqual([[Fraction(s) for s in row] for row in to_wire({"w": w})["w"]],
                         [[Fraction(float(v)) for v in row] for row in w.tolist()])


class ExactHelpers(unittest.TestCase):
    def test_mean_loss_by_hand(self):
        net = {"units": [{"weights": [Fraction(1, 2)], "bias": 0, "sign": 1}], "outputBias": 0}
        X, y = [[-1], [0], [1]], [1, 0, 1]
        # f = (0, 0, 1/2): squared (1 + 0 + 1/4)/3, absolute (1 + 0 + 1/2)/3
        self.assertEqual(provnets.mean_loss(net, X, y), Fraction(5, 12))
        self.assertEqual(provnets.mean_loss(net, X, y, "absolute"), Fraction(1, 2))
        self.assertEqual(provnets.mean_loss(net, X, [1, -1, 1], "hinge"), Fraction(5, 6))

    def test_state_dict_round_trip(self):
        net = {"units": [{"weights": [Fraction(1), Fraction(-2)], "bias": Fraction(1, 3),
                          "sign": -1}], "outputBias": Fraction(0)}
        sd = provnets.state_dict_from_net(net)
        self.assertEqual(sd, {"fc1.weight": [[1, -2]], "fc1.bias": [Fraction(1, 3)],
                              "fc2.weight": [[-1]]})
        back = provnets.net_from_state_dict(sd)
        for x in ([0, 0], [1, -1], [Fraction(-1, 2), 3]):
            self.assertEqual(provnets.net_output(back, x), provnets.net_output(net, x))


if __name__ == "__main__":
    unittest.main()
