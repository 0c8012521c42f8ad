"""Writes the NumPy files of the bad-input corpus (bad/*/numpy-*) and of unusual/ with NumPy
itself (run from this directory: python3 make-numpy.py; NumPy 2.4.6 made the committed files).
Each bad file has one problem, named by the file."""
import io
import os
import zipfile

import numpy as np


def npy_bytes(a, version=None):
    f = io.BytesIO()
    if version is None:
        np.save(f, a, allow_pickle=True)
    else:
        np.lib.format.write_array(f, a, version=version)
    return f.getvalue()


def put(path, data):
    with open(path, "wb") as f:
        f.write(data)


def save(path, a):
    put(path, npy_bytes(a))


def npz(path, members, compressed=False):
    mode = zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED
    with zipfile.ZipFile(path, "w", mode) as z:
        for name, data in members.items():
            z.writestr(name, data if isinstance(data, bytes) else npy_bytes(data))


def header(dict_text, data=b""):
    h = dict_text.encode("latin1")
    pad = (64 - (10 + len(h) + 1) % 64) % 64
    h = h + b" " * pad + b"\n"
    return b"\x93NUMPY\x01\x00" + len(h).to_bytes(2, "little") + h + data


X = np.array([[-1.0], [0.0], [1.0], [2.0]])
Y = np.array([1.0, 0.0, 1.0, 3.0])

# ---- data (every T1 and T3 command) ----
d = "bad/data/"
npz(d + "numpy-missing-y.npz", {"X.npy": X})
npz(d + "numpy-extra-member.npz", {"X.npy": X, "y.npy": Y, "w.npy": Y})
npz(d + "numpy-nan-label.npz", {"X.npy": X, "y.npy": np.array([1.0, np.nan, 1.0, 3.0])},
    compressed=True)
npz(d + "numpy-object-x.npz", {"X.npy": np.array([[1], ["a"], [None], [2]], dtype=object),
                               "y.npy": Y})
npz(d + "numpy-truncated-member.npz", {"X.npy": npy_bytes(X)[:-5], "y.npy": Y})
npz(d + "numpy-y-shape.npz", {"X.npy": X, "y.npy": Y[:3]})
npz(d + "numpy-x-3d.npz", {"X.npy": X.reshape(4, 1, 1), "y.npy": Y})
npz(d + "numpy-no-points.npz", {"X.npy": np.zeros((0, 1)), "y.npy": np.zeros(0)})
put(d + "numpy-not-a-zip.npz", b"x,y\n1,2\n")
whole = io.BytesIO()
with zipfile.ZipFile(whole, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("X.npy", npy_bytes(X))
    z.writestr("y.npy", npy_bytes(Y))
put(d + "numpy-cut-zip.npz", whole.getvalue()[:300])
put(d + "numpy-bad-magic.npy", b"\x93NUMPZ" + npy_bytes(np.column_stack([X, Y]))[6:])
save(d + "numpy-complex.npy", np.array([[1 + 2j, 1], [0, 0]]))
save(d + "numpy-infinity.npy", np.array([[1.0, 2.0], [np.inf, 0.0]]))
save(d + "numpy-one-column.npy", np.array([[1.0], [2.0]]))
put(d + "numpy-header-json.npy",
    header('{"descr": "<f8", "fortran_order": false, "shape": [1, 2]}', b"\0" * 16))
put(d + "numpy-trailing-bytes.npy", npy_bytes(np.column_stack([X, Y])) + b"\0\0\0")
put(d + "numpy-truncated.npy", npy_bytes(np.column_stack([X, Y]))[:-1])
put(d + "numpy-version-9.npy", b"\x93NUMPY\x09\x00" + npy_bytes(np.column_stack([X, Y]))[8:])

# ---- net (erm-gap --net) ----
d = "bad/net/"
W1 = np.array([[2.0], [-1.0]], dtype=np.float32)
B1 = np.array([-1.0, 0.0], dtype=np.float32)
W2 = np.array([[1.0, 1.0]], dtype=np.float32)
npz(d + "numpy-bias-shape.npz", {"fc1.weight.npy": W1, "fc1.bias.npy": B1[:1],
                                 "fc2.weight.npy": W2})
npz(d + "numpy-fc2-shape.npz", {"fc1.weight.npy": W1, "fc1.bias.npy": B1,
                                "fc2.weight.npy": W2.reshape(2)})
npz(d + "numpy-missing-bias.npz", {"fc1.weight.npy": W1, "fc2.weight.npy": W2})
npz(d + "numpy-nan-weight.npz", {"fc1.weight.npy": np.array([[np.nan], [1]], dtype=np.float32),
                                 "fc1.bias.npy": B1, "fc2.weight.npy": W2})
npz(d + "numpy-plain-array.npz", {"W.npy": W1})
save(d + "numpy-single-array.npy", W1)
npz(d + "numpy-unknown-key.npz", {"fc1.weight.npy": W1, "fc1.bias.npy": B1,
                                  "fc2.weight.npy": W2, "fc3.weight.npy": W2})
npz(d + "numpy-two-outputs.npz", {"fc1.weight.npy": W1, "fc1.bias.npy": B1,
                                  "fc2.weight.npy": np.ones((2, 2))})
with open(d + "state-dict-ragged.json", "w") as f:
    f.write('{"fc1.weight": [[2], [-1, 0]], "fc1.bias": [-1, 0], "fc2.weight": [[1, 1]]}\n')
with open(d + "state-dict-with-units.json", "w") as f:
    f.write('{"fc1.weight": [[2]], "fc1.bias": [0], "fc2.weight": [[1]], "units": []}\n')
with open(d + "state-dict-fc2-bias-shape.json", "w") as f:
    f.write('{"fc1.weight": [[2]], "fc1.bias": [0], "fc2.weight": [[1]], "fc2.bias": [0, 1]}\n')

# ---- weights (villani eval --outer 1/2 --weights) ----
d = "bad/weights/"
save(d + "numpy-1d.npy", np.array([0.5]))
save(d + "numpy-object.npy", np.array([[0.5]], dtype=object))
save(d + "numpy-no-rows.npy", np.zeros((0, 1)))
put(d + "numpy-fortran-truncated.npy", npy_bytes(np.asfortranarray(np.ones((2, 2))))[:-8])
npz(d + "numpy-two-arrays.npz", {"W.npy": np.ones((1, 1)), "V.npy": np.ones((1, 1))})
npz(d + "numpy-biased.npz", {"fc1.weight.npy": np.array([[0.5]]),
                             "fc1.bias.npy": np.array([0.25]),
                             "fc2.weight.npy": np.array([[0.5]])})
# 20 million zero bytes, about 20 KB deflated: refused from its header, before inflating
npz(d + "numpy-inflates-to-20-million-elements.npz",
    {"W.npy": np.zeros(20_000_000, dtype=np.uint8)}, compressed=True)
npz(d + "numpy-outer-differs.npz", {"fc1.weight.npy": np.array([[0.5]]),
                                    "fc2.weight.npy": np.array([[0.25]])})
with open(d + "state-dict-no-fc1-weight.json", "w") as f:
    f.write('{"fc2.weight": [[0.5]]}\n')
with open(d + "state-dict-not.json", "w") as f:
    f.write('{"W": [[0.5]]}\n')

# ---- trajectory (gate compare --trajectory; d = 2) ----
d = "bad/trajectory/"
save(d + "numpy-3-columns.npy", np.zeros((5, 3)))
save(d + "numpy-3d.npy", np.zeros((5, 2, 1)))
save(d + "numpy-nan.npy", np.array([[0, 0], [0, 0], [np.nan, 0.5], [0.5, 0.5], [0.5, 0.5]]))
save(d + "numpy-strings.npy", np.array([["0", "0"]]))
put(d + "numpy-big-endian-truncated.npy",
    npy_bytes(np.zeros((5, 2), dtype=">f8"))[:-16])

# ---- samples (gate compare --samples; 6 support points) ----
d = "bad/samples/"
save(d + "numpy-float.npy", np.array([3.0, 4.0, 1.0, 3.0]))
save(d + "numpy-bool.npy", np.array([True, False, True, True]))
save(d + "numpy-out-of-range.npy", np.array([3, 4, 99, 3], dtype=np.int64))
save(d + "numpy-negative.npy", np.array([[3], [-1], [1], [3]], dtype=np.int16))
save(d + "numpy-empty.npy", np.zeros((0, 1), dtype=np.int64))
put(d + "numpy-shape-not-tuple.npy",
    header("{'descr': '<i8', 'fortran_order': False, 'shape': (4)}", b"\0" * 32))

# ---- support (every gate command) ----
d = "bad/support/"
save(d + "numpy-1d.npy", np.array([1.0, 0.0]))
save(d + "numpy-zero.npy", np.zeros((3, 2), dtype=np.float32))
put(d + "numpy-version-4.npy", b"\x93NUMPY\x04\x00" + npy_bytes(np.eye(2), (2, 0))[8:])
save(d + "numpy-big-endian-nan.npy", np.array([[1, 0], [0, np.nan]], dtype=">f8"))
put(d + "numpy-header-cut.npy", npy_bytes(np.eye(2))[:40])

# ---- valid but unusual ----
save("unusual/data/numpy-big-endian-fortran.npy",
     np.asfortranarray(np.column_stack([X, Y]).astype(">f8")))
npz("unusual/data/numpy-compressed-lowercase-x.npz", {"x.npy": X.ravel(), "y.npy": Y.reshape(4, 1)},
    compressed=True)
put("unusual/support/numpy-version-3.npy", npy_bytes(np.eye(2, dtype=np.float32), (3, 0)))
