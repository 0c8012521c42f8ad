package org.provablenets.exact.hint;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A plain {@code double} convex QP solve, {@code min 1/2 x'Qx + c'x, Gx >= 0}, by Lemke's method in
 * floating point: the uncertified baseline of the benchmarks. Its answers are estimates.
 */
public final class DoubleQp {
  private DoubleQp() {}

  /** The LCP solution (x+, x-, lambda) of the KKT system, or {@code null} on failure. */
  public static double @Nullable [] solve(double[][] q, double[] c, double[][] g) {
    int n = c.length;
    int p = g.length;
    int size = 2 * n + p;
    double[][] m = new double[size][size];
    double[] qq = new double[size];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        m[i][j] = q[i][j];
        m[i][n + j] = -q[i][j];
        m[n + i][j] = -q[i][j];
        m[n + i][n + j] = q[i][j];
      }
      for (int k = 0; k < p; k++) {
        m[i][2 * n + k] = -g[k][i];
        m[n + i][2 * n + k] = g[k][i];
        m[2 * n + k][i] = g[k][i];
        m[2 * n + k][n + i] = -g[k][i];
      }
      qq[i] = c[i];
      qq[n + i] = -c[i];
    }
    return DoubleLemke.solve(m, qq);
  }
}
