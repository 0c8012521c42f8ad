package org.provablenets.exact.qp;

import org.provablenets.exact.Rational;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.linalg.QVectors;

/**
 * Lemke's complementary pivoting method for the LCP {@code w = M z + q >= 0, z >= 0, w'z = 0}, in
 * exact arithmetic with the lexicographic minimum-ratio rule.
 *
 * <p>Tableau {@code [I | -M | -1 | q]} over the columns (w, z, z0); the w columns always hold the
 * basis inverse, whose rows break ratio ties lexicographically (C. E. Lemke, "Bimatrix equilibrium
 * points and mathematical programming", Management Sci. 11, 1965; the lexicographic rule as in
 * Cottle, Pang, Stone 1992, Sec. 4.9). When the artificial z0 ties for leaving it leaves, which ends
 * the method with a solution.
 */
final class Lemke {
  private Lemke() {}

  /** Pivots allowed before giving up: far above any count seen; reaching it is a bug. */
  private static final int MAX_PIVOTS = 1_000_000;

  /**
   * A solution z, or {@code null} on a secondary ray.
   *
   * @param m the n x n matrix M
   * @param q the vector q
   */
  static Rational @Nullable [] solve(Rational[][] m, Rational[] q) {
    int n = q.length;
    boolean qNonNegative = true;
    for (Rational qi : q) {
      if (qi.signum() < 0) {
        qNonNegative = false;
        break;
      }
    }
    if (qNonNegative) {
      return QVectors.zeros(n);
    }
    int cols = 2 * n + 1; // w: 0..n-1, z: n..2n-1, z0: 2n; rhs at index cols
    int z0 = 2 * n;
    Rational[][] t = new Rational[n][];
    int[] basis = new int[n];
    for (int i = 0; i < n; i++) {
      Rational[] row = QVectors.zeros(cols + 1);
      row[i] = Rational.ONE;
      for (int j = 0; j < n; j++) {
        row[n + j] = m[i][j].negate();
      }
      row[z0] = Rational.of(-1);
      row[cols] = q[i];
      t[i] = row;
      basis[i] = i;
    }
    // First pivot: z0 enters, the row with the smallest q_i leaves (ties: the largest index,
    // which keeps every row lexicographically positive).
    int r = 0;
    for (int i = 1; i < n; i++) {
      if (q[i].compareTo(q[r]) <= 0) {
        r = i;
      }
    }
    int leaving = basis[r];
    pivot(t, basis, r, z0, cols);
    for (int step = 0; step < MAX_PIVOTS; step++) {
      int entering = leaving < n ? leaving + n : leaving - n; // complement of the leaver
      r = ratioTest(t, basis, entering, cols, n, z0);
      if (r < 0) {
        return null;
      }
      leaving = basis[r];
      pivot(t, basis, r, entering, cols);
      if (leaving == z0) {
        Rational[] z = QVectors.zeros(n);
        for (int i = 0; i < n; i++) {
          if (basis[i] >= n && basis[i] < 2 * n) {
            z[basis[i] - n] = t[i][cols];
          }
        }
        return z;
      }
    }
    throw new IllegalStateException("Lemke's method exceeded " + MAX_PIVOTS + " pivots");
  }

  private static int ratioTest(
      Rational[][] t, int[] basis, int e, int cols, int n, int z0) {
    int best = -1;
    Rational bestRatio = Rational.ZERO;
    for (int i = 0; i < t.length; i++) {
      Rational a = t[i][e];
      if (a.signum() <= 0) {
        continue;
      }
      Rational ratio = t[i][cols].divide(a);
      if (best < 0) {
        best = i;
        bestRatio = ratio;
        continue;
      }
      int cmp = ratio.compareTo(bestRatio);
      if (cmp < 0) {
        best = i;
        bestRatio = ratio;
      } else if (cmp == 0) {
        if (basis[best] == z0) {
          continue;
        }
        if (basis[i] == z0 || lexLess(t, i, best, e, n)) {
          best = i;
          bestRatio = ratio;
        }
      }
    }
    return best;
  }

  /** Whether row i's basis-inverse part divided by its pivot entry is lexicographically smaller. */
  private static boolean lexLess(Rational[][] t, int i, int k, int e, int n) {
    Rational ai = t[i][e];
    Rational ak = t[k][e];
    for (int j = 0; j < n; j++) {
      int cmp = t[i][j].divide(ai).compareTo(t[k][j].divide(ak));
      if (cmp != 0) {
        return cmp < 0;
      }
    }
    return false;
  }

  private static void pivot(Rational[][] t, int[] basis, int r, int e, int cols) {
    Rational[] pr = t[r];
    Rational inv = pr[e].reciprocal();
    for (int k = 0; k <= cols; k++) {
      if (pr[k].signum() != 0) {
        pr[k] = pr[k].multiply(inv);
      }
    }
    for (int i = 0; i < t.length; i++) {
      if (i == r) {
        continue;
      }
      Rational[] row = t[i];
      Rational f = row[e];
      if (f.signum() == 0) {
        continue;
      }
      for (int k = 0; k <= cols; k++) {
        if (pr[k].signum() != 0) {
          row[k] = row[k].subtract(f.multiply(pr[k]));
        }
      }
    }
    basis[r] = e;
  }
}
