"""Writes the NumPy fixtures of NumPyTest with NumPy itself (run: python3 make.py; NumPy 2.4.6
made the committed files). The tests assert the exact binary value of every number written here,
so the files are committed and NumPy is not needed to run the tests."""
import numpy as np
from numpy.lib import format as npformat

# A 2-D float32 array holding 0.1 (exactly 13421773/134217728), a subnormal and -0.0.
np.save("f4.npy", np.array([[0.1, -2.5], [np.float32(1e-45), -0.0]], dtype="<f4"))
# Big-endian float64 in Fortran order: [[0.1, 1, 2], [3, 4, 5]], stored column by column.
np.save("f8-big-fortran.npy",
        np.asfortranarray(np.array([[0.1, 1, 2], [3, 4, 5]], dtype=">f8")))
# float16 0.1 is 1638/16384 = 819/8192.
np.save("f2.npy", np.array([0.1, 65504, -6e-8], dtype="<f2"))
# Format versions 2.0 and 3.0 (np.save picks 1.0 unless the header needs more).
for version in [(2, 0), (3, 0)]:
    with open("v%d.npy" % version[0], "wb") as f:
        npformat.write_array(f, np.array([[1, -2], [3, 4]], dtype="<i4"), version=version)
# Sample indices (int64) and a uint8 and a bool array.
np.save("indices.npy", np.array([[0, 5], [3, 3]], dtype="<i8"))
np.save("u1.npy", np.array([0, 255, 7], dtype="|u1"))
np.save("b1.npy", np.array([True, False, True]))
# A data set x = 0.1, 0.5, -1.25, 2 with y = 0.3, 1, 0, 2 (float64), stored and deflated.
x = np.array([[0.1], [0.5], [-1.25], [2.0]])
y = np.array([0.3, 1.0, 0.0, 2.0])
np.savez("data.npz", X=x, y=y)
np.savez_compressed("data-compressed.npz", X=x, y=y)
# A PyTorch-style state_dict of a width-2 net on 1 input.
np.savez("state-dict.npz", **{
    "fc1.weight": np.array([[2.0], [-1.0]], dtype=np.float32),
    "fc1.bias": np.array([-1.0, 0.0], dtype=np.float32),
    "fc2.weight": np.array([[1.0, 0.5]], dtype=np.float32),
    "fc2.bias": np.array([0.25], dtype=np.float32),
})
# Object and complex arrays, which are refused.
np.save("object.npy", np.array([1, "a"], dtype=object), allow_pickle=True)
np.save("complex.npy", np.array([1 + 2j]))
