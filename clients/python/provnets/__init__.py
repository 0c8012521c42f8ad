"""provnets: a standard-library Python client for `provnets serve`, the exact, certified
reference implementation of depth-2 net training results (T1 erm, T2 gate, T3 villani).

    import provnets
    with provnets.Client() as pn:        # jar: Client(jar), else $PROVNETS_JAR, else the checkout's
        r = pn.erm(data=([[-1], [0], [1]], [1, 0, 1]), width=1)
        assert r["optimum"] == provnets.Fraction(2, 9)

Floats are sent as the exact rational of their binary value (0.1 -> 3602879701896397/
36028797018963968); strings as written ("0.1" = 1/10). Exact numbers in responses are
fractions.Fraction. Errors raise CheckFailed (code 1), BadInput (2), InternalError (3).
"""

from fractions import Fraction

from ._client import (BadInput, CheckFailed, Client, InternalError, ProtocolError,
                      ProvnetsError, default_jar)
from ._convert import exact_string, field_name, from_wire, to_wire
from .exact import F, mean_loss, net_from_state_dict, net_output, state_dict_from_net

connect = Client

__version__ = "0.1.0"

__all__ = ["Client", "connect", "ProvnetsError", "CheckFailed", "BadInput", "InternalError",
           "ProtocolError", "default_jar", "exact_string", "to_wire", "from_wire",
           "field_name", "F", "Fraction", "net_output", "mean_loss", "state_dict_from_net",
           "net_from_state_dict"]
