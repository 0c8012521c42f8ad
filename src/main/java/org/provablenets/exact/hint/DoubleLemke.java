package org.provablenets.exact.hint;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Lemke's method in {@code double}: the fast, uncertified twin of {@code exact.qp.Lemke}. Its
 * answer is an estimate, used only to guess the active set that the exact repair in {@code
 * exact.qp.FilteredQpSolver} then verifies; nothing it returns is trusted.
 *
 * <p>Ratio tests ignore entries below {@value #PIVOT_TOLERANCE} in magnitude; z0 leaves whenever its
 * ratio is within a relative {@value #Z0_TIE} of the minimum (a looser tie than the others: a false
 * secondary ray otherwise ends about 1-3% of the T1 subproblems), and a ray met while z0 is within
 * that tolerance (relative to the largest |q_i|) of zero returns the current point instead; other
 * ties (within a relative 1e-12) go to the lexicographic rule on the basis inverse, as in the exact
 * method. Cost: O(n^2) floating-point operations per pivot.
 */
public final class DoubleLemke {
  private DoubleLemke() {}

  /** Ratio tests ignore entries below this in magnitude. */
  public static final double PIVOT_TOLERANCE = 1e-11;
  /** The relative tie within which z0 leaves. */
  public static final double Z0_TIE = 1e-9;
  private static final int MAX_PIVOTS = 10_000;

  /** An approximate solution z of the LCP {@code w = Mz + q}, or {@code null} (ray or failure). */
  public static double @Nullable [] solve(double[][] m, double[] q) {
    int n = q.length;
    boolean done = true;
    for (double qi : q) {
      if (qi < 0) {
        done = false;
        break;
      }
    }
    if (done) {
      return new double[n];
    }
    double qmax = 1;
    for (double qi : q) {
      qmax = Math.max(qmax, Math.abs(qi));
    }
    int cols = 2 * n + 1;
    int z0 = 2 * n;
    double[][] t = new double[n][cols + 1];
    int[] basis = new int[n];
    for (int i = 0; i < n; i++) {
      t[i][i] = 1;
      for (int j = 0; j < n; j++) {
        t[i][n + j] = -m[i][j];
      }
      t[i][z0] = -1;
      t[i][cols] = q[i];
      basis[i] = i;
    }
    int r = 0;
    for (int i = 1; i < n; i++) {
      if (q[i] <= q[r]) {
        r = i;
      }
    }
    int leaving = basis[r];
    pivot(t, basis, r, z0, cols);
    for (int step = 0; step < MAX_PIVOTS; step++) {
      int entering = leaving < n ? leaving + n : leaving - n;
      r = ratioTest(t, basis, entering, cols, n, z0);
      if (r < 0) {
        // A ray; but if z0 is already zero up to rounding, the current basis is (nearly) a
        // complementary solution that rounding kept z0 from leaving: return it as the estimate.
        for (int i = 0; i < n; i++) {
          if (basis[i] == z0 && Math.abs(t[i][cols]) <= Z0_TIE * qmax) {
            return point(t, basis, n, cols);
          }
        }
        return null;
      }
      leaving = basis[r];
      pivot(t, basis, r, entering, cols);
      if (leaving == z0) {
        return point(t, basis, n, cols);
      }
    }
    return null;
  }

  /** The z part of the current basic solution. */
  private static double[] point(double[][] t, int[] basis, int n, int cols) {
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      if (basis[i] >= n && basis[i] < 2 * n) {
        z[basis[i] - n] = t[i][cols];
      }
    }
    return z;
  }

  private static void pivot(double[][] t, int[] basis, int r, int e, int cols) {
    double[] pr = t[r];
    double inv = 1 / pr[e];
    for (int k = 0; k <= cols; k++) {
      pr[k] *= inv;
    }
    for (int i = 0; i < t.length; i++) {
      if (i == r) {
        continue;
      }
      double[] row = t[i];
      double f = row[e];
      for (int k = 0; k <= cols; k++) {
        row[k] -= f * pr[k];
      }
    }
    basis[r] = e;
  }

  /**
   * The leaving row: minimum ratio, z0 first among ties, then the lexicographic rule on the
   * basis-inverse rows (the w columns), as in {@link Lemke}, with a relative tolerance.
   */
  private static int ratioTest(double[][] t, int[] basis, int e, int cols, int n, int z0) {
    double best = Double.POSITIVE_INFINITY;
    for (double[] row : t) {
      if (row[e] > PIVOT_TOLERANCE) {
        best = Math.min(best, Math.max(row[cols], 0) / row[e]);
      }
    }
    if (Double.isInfinite(best)) {
      return -1;
    }
    // z0 leaving ends the run; it is taken within a looser tie tolerance, because rounding can
    // make a complementary variable that ties with it exactly (w_i + w_(i+n) = 2 z0 when x_i is
    // basic) reach zero first and send the run onto a false ray.
    double z0Tie = Z0_TIE * Math.max(1, best);
    for (int i = 0; i < t.length; i++) {
      double a = t[i][e];
      if (basis[i] == z0 && a > PIVOT_TOLERANCE && Math.max(t[i][cols], 0) / a <= best + z0Tie) {
        return i;
      }
    }
    double tie = 1e-12 * Math.max(1, best);
    int r = -1;
    for (int i = 0; i < t.length; i++) {
      double a = t[i][e];
      if (a <= PIVOT_TOLERANCE || Math.max(t[i][cols], 0) / a > best + tie) {
        continue;
      }
      if (basis[i] == z0) {
        return i;
      }
      if (r < 0 || lexLess(t, i, r, e, n)) {
        r = i;
      }
    }
    return r;
  }

  private static boolean lexLess(double[][] t, int i, int k, int e, int n) {
    double ai = t[i][e];
    double ak = t[k][e];
    for (int j = 0; j < n; j++) {
      double u = t[i][j] / ai;
      double v = t[k][j] / ak;
      if (Math.abs(u - v) > 1e-12 * Math.max(1, Math.max(Math.abs(u), Math.abs(v)))) {
        return u < v;
      }
    }
    return false;
  }
}
