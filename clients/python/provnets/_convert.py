"""Conversion of Python values to protocol values and of responses back to Python.

The rule for numbers (README "The float rule"):

* ``int`` (and NumPy integers) is sent as a JSON integer;
* ``float`` (and NumPy floating scalars of any width) is sent as the exact rational of
  its binary value, ``str(Fraction(x))``: 0.1 becomes "3602879701896397/36028797018963968",
  a float32 0.1 becomes "13421773/134217728";
* ``str`` is sent as written ("0.1" means 1/10 to the server);
* ``fractions.Fraction`` is sent as "p/q" (or "p"), ``decimal.Decimal`` as its exact rational;
* NaN and infinities raise ValueError before anything is sent; ``bool`` is refused
  where a number is expected (it is only a flag value).

Arrays: lists, tuples, NumPy arrays and torch tensors (anything with ``.tolist()``,
after ``.detach().cpu()`` when it has those) become nested JSON arrays. Mappings become
JSON objects with converted values. NumPy and torch are never imported here: they are
recognised by duck typing.
"""

import math
import numbers
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

__all__ = ["exact_string", "to_wire", "from_wire", "field_name"]


def _rational_string(fr):
    return str(fr)  # "p/q", or "p" when q == 1


def exact_string(x):
    """The exact rational of a float-like, int-like, Fraction or Decimal, as "p/q"."""
    if isinstance(x, bool):
        raise TypeError("a bool is not a number: %r" % (x,))
    if isinstance(x, Fraction):
        return _rational_string(x)
    if isinstance(x, int):
        return str(x)
    if isinstance(x, float):
        if math.isnan(x) or math.isinf(x):
            raise ValueError("%r is not a finite number; nothing was sent" % (x,))
        return _rational_string(Fraction(x))
    if isinstance(x, Decimal):
        if not x.is_finite():
            raise ValueError("%r is not a finite number; nothing was sent" % (x,))
        return _rational_string(Fraction(x))
    # NumPy scalars (np.float32, np.float64, np.longdouble, np.int64, ...) and the like.
    if hasattr(x, "is_integer") and hasattr(x, "as_integer_ratio"):  # floating scalars
        try:
            finite = math.isfinite(x)
        except (TypeError, OverflowError):
            finite = True
        if not finite:
            raise ValueError("%r is not a finite number; nothing was sent" % (x,))
        p, q = x.as_integer_ratio()  # exact for every binary width, longdouble included
        return _rational_string(Fraction(int(p), int(q)))
    if isinstance(x, numbers.Integral):
        return str(int(x))
    if isinstance(x, numbers.Rational):
        return _rational_string(Fraction(int(x.numerator), int(x.denominator)))
    if hasattr(x, "dtype") and getattr(x, "shape", None) == ():
        return exact_string(x.item())
    raise TypeError("cannot send %r (%s) as an exact number" % (x, type(x).__name__))


def _array_like(x):
    """A plain Python structure for a tensor or array, or None if x is not one."""
    if hasattr(x, "detach") and callable(x.detach):  # torch.Tensor
        x = x.detach()
        if hasattr(x, "cpu"):
            x = x.cpu()
        return x.tolist()  # exact: float32/bfloat16/float64 values become the same Python floats
    if hasattr(x, "tolist") and hasattr(x, "shape") and hasattr(x, "dtype"):  # numpy
        # float16/32/64 become the same-valued Python floats; longdouble stays a numpy
        # scalar, which exact_string converts by as_integer_ratio.
        return x.tolist()
    return None


def to_wire(x):
    """Converts a Python value to the JSON value sent to the server."""
    if x is None or isinstance(x, bool):
        return x
    if isinstance(x, str):
        return x
    if isinstance(x, int):
        return x
    if isinstance(x, (float, Fraction, Decimal)):
        return exact_string(x)
    if isinstance(x, Mapping):
        if set(x.keys()) <= {"exact", "decimal"} and "exact" in x:
            return {"exact": to_wire(x["exact"])}
        out = {}
        for k, v in x.items():
            if not isinstance(k, str):
                raise TypeError("object keys must be strings, not %r" % (k,))
            out[k] = to_wire(v)
        return out
    if isinstance(x, (list, tuple)):
        return [to_wire(e) for e in x]
    if isinstance(x, numbers.Number):  # NumPy scalars (np.float32, np.longdouble, np.int64, ...)
        s = exact_string(x)
        return int(s) if isinstance(x, numbers.Integral) else s
    plain = _array_like(x)
    if plain is not None:
        if plain is x:
            raise TypeError("cannot send %r (%s) to the server" % (x, type(x).__name__))
        return to_wire(plain)
    raise TypeError("cannot send %r (%s) to the server" % (x, type(x).__name__))


def _is_exact_object(d):
    return isinstance(d.get("exact"), str) and set(d.keys()) <= {"exact", "decimal"}


def from_wire(x):
    """Converts a decoded response: every {"exact": "p/q", "decimal": ...} becomes a
    Fraction (recursively); a string field K beside a field "KDecimal" (as in
    {"optimum": "2/9", "optimumDecimal": "0.222..."}) becomes a Fraction too."""
    if isinstance(x, dict):
        if _is_exact_object(x):
            return Fraction(x["exact"])
        out = {}
        for k, v in x.items():
            if isinstance(v, str) and isinstance(x.get(k + "Decimal"), str):
                try:
                    out[k] = Fraction(v)
                    continue
                except (ValueError, ZeroDivisionError):
                    pass
            out[k] = from_wire(v)
        return out
    if isinstance(x, list):
        return [from_wire(e) for e in x]
    return x


_ALIASES = {"lam": "lambda", "lambda_": "lambda", "lmbda": "lambda"}


def field_name(py_name):
    """Python keyword -> protocol field: w_star -> w-star, lam / lambda_ -> lambda."""
    if py_name in _ALIASES:
        return _ALIASES[py_name]
    return py_name.rstrip("_").replace("_", "-")
