"""The client: one `java -jar JAR serve` subprocess spoken to over its line protocol."""

import collections
import itertools
import json
import os
import queue
import subprocess
import threading
from collections.abc import Mapping

from ._convert import field_name, from_wire, to_wire

__all__ = ["Client", "ProvnetsError", "CheckFailed", "BadInput", "InternalError",
           "ProtocolError", "default_jar"]

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def default_jar():
    """PROVNETS_JAR if set, else the CLI jar of the checkout this package lives in
    (clients/python/provnets -> ../../../target/provable-nets-cli.jar)."""
    env = os.environ.get("PROVNETS_JAR")
    if env:
        return env
    return os.path.normpath(os.path.join(_PACKAGE_DIR, "..", "..", "..", "target",
                                         "provable-nets-cli.jar"))


class ProvnetsError(Exception):
    """A response with an "error" object. `code` is 1 (a check failed), 2 (bad input)
    or 3 (internal error); `response` is the whole converted response (for code 1 it
    still holds the command's fields, e.g. a rejected certificate's "failure")."""

    def __init__(self, code, message, response=None):
        super().__init__("provnets error %s: %s" % (code, message))
        self.code = code
        self.message = message
        self.response = response


class CheckFailed(ProvnetsError):
    """Error code 1: a certificate was rejected or an exact check / hypothesis failed."""


class BadInput(ProvnetsError):
    """Error code 2: malformed request, unknown op or field, bad shape, malformed number."""


class InternalError(ProvnetsError):
    """Error code 3: a bug in the server (please report the request)."""


class ProtocolError(Exception):
    """The server broke the line protocol (died, printed a non-JSON line, wrong id)."""


_ERRORS = {1: CheckFailed, 2: BadInput, 3: InternalError}

# Fields that name a file input: a (X, y) tuple there is a data set.
_DATA_FIELDS = {"data"}
_FILE_FIELDS = {"data", "net", "support", "trajectory", "samples", "weights", "program",
                "certificate"}


def _data_value(v):
    """A data set: (X, y) -> {"x": X, "y": y} (a 1-D X becomes one column); anything
    else (rows, an {"x":..., "y":...} mapping, a path string) is converted as it is."""
    if isinstance(v, tuple) and len(v) == 2:
        x, y = to_wire(v[0]), to_wire(v[1])
        if isinstance(x, list) and all(not isinstance(e, list) for e in x):
            x = [[e] for e in x]
        return {"x": x, "y": y}
    return to_wire(v)


def _field_value(name, v):
    if isinstance(v, os.PathLike):
        v = os.fspath(v)
    if name in _FILE_FIELDS and isinstance(v, str):
        # A path: made absolute, since the server's working directory may differ. The server
        # reads it (.csv, .json, .npy, .npz) exactly as the command line does.
        return os.path.abspath(v)
    return _data_value(v) if name in _DATA_FIELDS else to_wire(v)


def _request_object(op, fields):
    obj = {"op": op}
    for k, v in fields.items():
        if v is None:
            continue
        name = field_name(k)
        if name in ("id", "op"):
            raise TypeError("%r is set by the client" % name)
        obj[name] = _field_value(name, v)
    return obj


class Client:
    """A running `provnets serve` process.

        with provnets.Client() as pn:            # jar: argument, $PROVNETS_JAR, or the checkout's
            r = pn.erm(data=([[-1], [0], [1]], [1, 0, 1]), width=1)
            r["optimum"]                         # Fraction(2, 9)

    Every method returns the response as a dict in which each exact number is a
    fractions.Fraction; an "error" in the response raises CheckFailed / BadInput /
    InternalError (all ProvnetsError), after which the server keeps serving.
    """

    def __init__(self, jar=None, *, java=None, max_subproblems=None, jvm_args=(),
                 cwd=None, timeout=None):
        self.jar = jar or default_jar()
        if not os.path.isfile(self.jar):
            raise FileNotFoundError(
                "provnets jar not found: %s (pass the jar, set PROVNETS_JAR, or build it with "
                "./provnets in the repository root)" % self.jar)
        java = java or os.environ.get("PROVNETS_JAVA", "java")
        cmd = [java] + list(jvm_args) + ["-jar", self.jar, "serve"]
        if max_subproblems is not None:
            cmd += ["--max-subproblems", str(int(max_subproblems))]
        self.command = cmd
        self.timeout = timeout
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._stderr_tail = collections.deque(maxlen=50)
        self._lines = queue.Queue()
        self._proc = subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            cwd=cwd, bufsize=0)
        self._stdin = self._proc.stdin
        self._stdout_thread = threading.Thread(target=self._pump_stdout, daemon=True)
        self._stderr_thread = threading.Thread(target=self._pump_stderr, daemon=True)
        self._stdout_thread.start()
        self._stderr_thread.start()
        self.returncode = None

    # ---- process plumbing -------------------------------------------------------------

    def _pump_stdout(self):
        for line in self._proc.stdout:
            self._lines.put(line)
        self._lines.put(None)  # EOF

    def _pump_stderr(self):
        for line in self._proc.stderr:
            self._stderr_tail.append(line.decode("utf-8", "replace").rstrip("\n"))

    @property
    def stderr_lines(self):
        """The last lines the server wrote on stderr (normally only its start-up line)."""
        return list(self._stderr_tail)

    @property
    def pid(self):
        return self._proc.pid

    def close(self, timeout=30):
        """Ends the server the protocol's way: EOF on stdin, then waits for its exit."""
        if self._proc is None:
            return self.returncode
        try:
            self._stdin.close()
        except OSError:
            pass
        try:
            self.returncode = self._proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self.returncode = self._proc.wait()
        self._stdout_thread.join(5)
        self._stderr_thread.join(5)
        self._proc.stdout.close()
        self._proc.stderr.close()
        self._proc = None
        return self.returncode

    def kill(self):
        if self._proc is not None:
            self._proc.kill()
            self.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __del__(self):
        try:
            if self._proc is not None and self._proc.poll() is None:
                self.close(timeout=5)
        except Exception:
            pass

    # ---- the protocol -------------------------------------------------------------------

    def _exchange(self, obj, timeout):
        return self._exchange_line(json.dumps(obj, separators=(",", ":"), ensure_ascii=False)
                                   + "\n", timeout)

    def _exchange_line(self, line, timeout):
        """Writes one request line (ending in a newline) and reads its one response line."""
        if self._proc is None:
            raise ProtocolError("the client is closed")
        try:
            self._stdin.write(line.encode("utf-8"))
            self._stdin.flush()
        except (BrokenPipeError, OSError) as e:
            raise ProtocolError("the server is gone (%s); stderr: %s"
                                % (e, " | ".join(self._stderr_tail))) from None
        try:
            raw = self._lines.get(timeout=timeout)
        except queue.Empty:
            self.kill()
            raise TimeoutError("no response within %s s; the server was stopped" % timeout) \
                from None
        if raw is None:
            self._lines.put(None)
            code = self._proc.wait() if self._proc else self.returncode
            raise ProtocolError("the server ended (exit %s) without answering; stderr: %s"
                                % (code, " | ".join(self._stderr_tail)))
        try:
            return json.loads(raw.decode("utf-8"))
        except ValueError as e:
            raise ProtocolError("the server wrote a line that is not JSON (%s): %r"
                                % (e, raw[:500])) from None

    def request_raw(self, obj, timeout=None):
        """Sends one request object as it is (an "id" is added if absent) and returns the
        decoded response unconverted, without raising on "error"."""
        obj = dict(obj)
        with self._lock:
            if "id" not in obj:
                obj["id"] = next(self._ids)
            resp = self._exchange(obj, timeout if timeout is not None else self.timeout)
        if not isinstance(resp, dict) or resp.get("id") != obj["id"]:
            raise ProtocolError("response id %r does not match request id %r: %r"
                                % (resp.get("id") if isinstance(resp, dict) else None,
                                   obj["id"], resp))
        return resp

    def send_line(self, line, timeout=None):
        """Sends one raw request line (for testing malformed input); returns the decoded,
        unconverted response. A blank line is refused (the server answers none), and so is
        a line break inside it; a timeout stops the server, as for every request."""
        if "\n" in line or not line.strip():
            raise ValueError("send_line sends one non-blank line without line breaks")
        with self._lock:
            return self._exchange_line(line + "\n",
                                       timeout if timeout is not None else self.timeout)

    def request(self, op, _fields=None, *, timeout=None, **fields):
        """One request: `op` and its fields as keyword arguments (w_star -> "w-star",
        lam / lambda_ -> "lambda", None = omitted) or as a mapping of protocol names in
        `_fields`. Returns the converted response; raises on "error"."""
        merged = {}
        if _fields:
            if not isinstance(_fields, Mapping):
                raise TypeError("_fields must be a mapping of protocol field names")
            merged.update({k: v for k, v in _fields.items()})
        obj = _request_object(op, fields)
        for k, v in merged.items():
            if v is None:
                continue
            obj[k] = _field_value(k, v)
        resp = from_wire(self.request_raw(obj, timeout=timeout))
        err = resp.get("error")
        if err is not None:
            code = err.get("code") if isinstance(err, dict) else None
            message = err.get("message") if isinstance(err, dict) else str(err)
            raise _ERRORS.get(code, ProvnetsError)(code, message, resp)
        return resp

    # ---- the operations -----------------------------------------------------------------

    def ping(self):
        """{"pong": True, "version": ..., "operations": [...]}"""
        return self.request("ping")

    def erm(self, data, width, *, loss=None, output_bias=None, max_subproblems=None,
            certificate=None, **extra):
        """T1: the certified global optimum over width-`width` ReLU nets. `data`: (X, y),
        rows [x1, ..., xn, y], {"x": ..., "y": ...}, or a path. certificate=True returns
        the certificate object in response["certificate"]."""
        return self.request("erm", data=data, width=width, loss=loss, output_bias=output_bias,
                            max_subproblems=max_subproblems, certificate=certificate, **extra)

    def erm_gap(self, data, net, *, width=None, loss=None, output_bias=None,
                max_subproblems=None, **extra):
        """T1: the exact loss of `net` (a net object, a PyTorch state_dict with fc1.weight,
        fc1.bias, fc2.weight[, fc2.bias], or a path) minus the certified optimum."""
        return self.request("erm-gap", data=data, net=net, width=width, loss=loss,
                            output_bias=output_bias, max_subproblems=max_subproblems, **extra)

    def verify(self, certificate, data, **extra):
        """Re-checks a T1 certificate (an object, e.g. erm(..., certificate=True)
        ["certificate"], or a path) against `data`; CheckFailed if it is rejected."""
        return self.request("verify", certificate=certificate, data=data, **extra)

    def gate_step(self, support, w_star, w, eta, *, batch=None, asymmetric=None,
                  width=None, **extra):
        """T2: one exact step: the symmetry lemma, the one-step identity, the contraction
        bound. `support`: rows of points (symmetrised unless asymmetric=True) or a path."""
        return self.request("gate step", support=support, w_star=w_star, w=w, eta=eta,
                            batch=batch, asymmetric=asymmetric, width=width, **extra)

    def gate_compare(self, support, w_star, trajectory, samples, eta, *, tolerance=None,
                     batch=None, asymmetric=None, width=None, **extra):
        """T2: replays an external run exactly on its sample indices; CheckFailed when the
        largest deviation exceeds `tolerance`."""
        return self.request("gate compare", support=support, w_star=w_star,
                            trajectory=trajectory, samples=samples, eta=eta,
                            tolerance=tolerance, batch=batch, asymmetric=asymmetric,
                            width=width, **extra)

    def villani_eval(self, data, outer, weights, lam, activation, s, *, precision=None,
                     **extra):
        """T3: loss, gradient, Laplacian and Villani quantity at W (estimates and rigorous
        enclosures). `weights`: p rows of d, or a state_dict (fc1.weight = W)."""
        return self.request("villani eval", data=data, outer=outer, weights=weights,
                            lam=lam, activation=activation, s=s, precision=precision, **extra)
