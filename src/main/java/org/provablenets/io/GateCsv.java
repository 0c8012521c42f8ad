package org.provablenets.io;

import java.nio.file.Path;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;

/**
 * The files of an external T2 run, read for {@code provnets gate compare}.
 *
 * <p><b>Sample indices</b> ({@link #readIndices}): one row per step t = 1..T, holding the b
 * support indices that step used, comma-separated, counted from 0 in the order of the support
 * (for a symmetrised support, data row r of the support file gives the index {@code 2r} to x and
 * {@code 2r + 1} to -x; see {@link SupportCsv}). Every row has the same number b of indices.
 *
 * <pre>
 * # step 1 used x of row 0 and -x of row 2
 * 0,5
 * 3,3
 * </pre>
 *
 * <p><b>Trajectory</b> ({@link #readTrajectory}): one row per iterate, its d coordinates, as
 * decimals or any exact form of {@link Rationals#parse} (a decimal is read exactly: {@code
 * 0.30000001192092896} is that rational, not a double near it). Either T rows (the iterates
 * {@code w_2, ..., w_{T+1}} after each step) or T + 1 rows (the start {@code w_1 = 0} first).
 *
 * <p>Both accept an optional header row, {@code #} comments and blank lines, as {@link DataCsv}.
 *
 * <p><b>NumPy.</b> A name ending in {@code .npy} (or {@code .npz} with exactly one array; any case)
 * is read as an array ({@link NumPy}): shape (T, b) of an integer dtype for the indices (a float
 * dtype is refused, even holding whole numbers), shape (T, d) or (T + 1, d) for the trajectory,
 * whose floats are the exact binary values stored; a 1-D array is one column (b = 1, d = 1). The
 * checks are those of the CSV form, the places {@code element [t, k]} counted from 0.
 *
 * <p>Every problem is an {@link InputException} naming the file, the place (line and column, or
 * array element) and the problem.
 */
public final class GateCsv {
  private GateCsv() {}

  /**
   * Reads sample indices into a support of n points.
   *
   * @throws InputException if the file is missing, unreadable, empty, ragged, or holds a
   *     non-integer or an index outside {@code 0..n-1}
   */
  public static int[][] readIndices(Path file, int n, boolean symmetrised) {
    RationalCsv.Table t =
        RationalCsv.read(file, "steps", "i1,...,ib of support indices (one row per step)", 1, "",
            true);
    NumPy.Array a = t.array;
    if (a != null && !a.isInteger()) {
      throw new InputException(t.source + ": has dtype '" + a.dtype + "', but sample indices"
          + " need an integer dtype (save them with .astype(np.int64))");
    }
    int[][] idx = new int[t.size()][];
    for (int s = 0; s < t.size(); s++) {
      Rational[] row = t.rows.get(s);
      idx[s] = new int[row.length];
      for (int k = 0; k < row.length; k++) {
        Rational q = row[k];
        String place = t.source + ": " + t.cell(s, k) + " is " + Rationals.format(q);
        if (!q.isInteger()) {
          throw new InputException(place + ", expected a whole support index");
        }
        if (q.signum() < 0 || q.compareTo(Rational.of(n)) >= 0) {
          throw new InputException(
              place + ", but the support has " + n + " points (indices 0.." + (n - 1)
                  + (symmetrised
                      ? ", where support row r gives 2r to x and 2r+1 to -x)"
                      : ", support row r is index r)"));
        }
        idx[s][k] = q.getNumerator().intValueExact();
      }
    }
    return idx;
  }

  /**
   * Reads a trajectory of d-dimensional iterates.
   *
   * @throws InputException if the file is missing, unreadable, empty, ragged, not numeric, or its
   *     rows do not have d coordinates
   */
  public static Rational[][] readTrajectory(Path file, int d) {
    RationalCsv.Table t =
        RationalCsv.read(file, "iterates", "w1,...,wd (one row per step)", 1, "", true);
    if (t.columns != d) {
      throw new InputException(
          t.source + ": " + t.width() + ", but the support points have dimension " + d
              + " (one coordinate per column)");
    }
    return t.rows.toArray(new Rational[0][]);
  }
}
