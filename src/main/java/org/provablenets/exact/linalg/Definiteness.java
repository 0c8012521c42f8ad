package org.provablenets.exact.linalg;

import org.provablenets.exact.Rational;
import org.checkerframework.checker.index.qual.NonNegative;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Exact positive (semi)definiteness of symmetric rational matrices, with a witness when the test
 * fails.
 *
 * <p><b>Method.</b> Symmetric Gaussian elimination (an LDL' factorisation without pivoting): a
 * symmetric M is positive semidefinite iff every pivot met is {@code >= 0} and every zero pivot has
 * a zero row in the current Schur complement; positive definite iff every pivot is {@code > 0}.
 * When M is not PSD the method returns a vector v with {@code v' M v < 0}: a vector u on the
 * remaining indices with {@code u' S u < 0} for the Schur complement S, lifted to v by solving for
 * the eliminated coordinates, so that {@code v' M v = u' S u}. The caller can check the witness
 * with one exact product.
 *
 * <p><b>Accuracy.</b> Exact. <b>Cost.</b> O(n^3) rational operations.
 */
public final class Definiteness {
  private Definiteness() {}

  /**
   * A vector v with {@code v' M v < 0}, or {@code null} if M is positive semidefinite.
   *
   * @throws IllegalArgumentException if M is not symmetric
   */
  public static Rational @Nullable [] negativeDirection(QMatrix m) {
    return scan(m, false);
  }

  /**
   * A non-zero vector v with {@code v' M v <= 0}, or {@code null} if M is positive definite.
   *
   * @throws IllegalArgumentException if M is not symmetric
   */
  public static Rational @Nullable [] nonPositiveDirection(QMatrix m) {
    return scan(m, true);
  }

  /** Whether the symmetric matrix M is positive semidefinite. */
  public static boolean isPositiveSemidefinite(QMatrix m) {
    return negativeDirection(m) == null;
  }

  /** Whether the symmetric matrix M is positive definite. */
  public static boolean isPositiveDefinite(QMatrix m) {
    return nonPositiveDirection(m) == null;
  }

  /** {@code v' M v}. */
  public static Rational quadraticForm(QMatrix m, Rational[] v) {
    return QVectors.dot(v, m.times(v));
  }

  private static Rational @Nullable [] scan(QMatrix m, boolean strict) {
    if (!m.isSymmetric()) {
      throw new IllegalArgumentException("matrix is not symmetric");
    }
    int n = m.rows();
    Rational[][] s = m.toArray();
    boolean[] eliminated = new boolean[n];
    for (int k = 0; k < n && k < s.length && k < eliminated.length; k++) {
      Rational[] sk = s[k];
      if (k >= sk.length) {
        continue;
      }
      Rational d = sk[k];
      if (d.signum() < 0 || (strict && d.signum() == 0)) {
        Rational[] u = QVectors.zeros(n);
        if (k < u.length) {
          u[k] = Rational.ONE;
        }
        return lift(m, eliminated, u);
      }
      if (d.signum() == 0) {
        for (int j = k + 1; j < sk.length; j++) {
          Rational b = sk[j];
          if (b.signum() != 0) {
            // 2x2 block [[0, b], [b, c]]: u = (-(c+1)/(2b), 1) gives u'Su = -(c+1) - ... < 0.
            Rational[] sj = j < s.length ? s[j] : sk;
            Rational c = j < sj.length ? sj[j] : Rational.ZERO;
            Rational[] u = QVectors.zeros(n);
            if (k < u.length && j < u.length) {
              u[k] = c.add(Rational.ONE).negate().divide(b.multiply(2));
              u[j] = Rational.ONE;
            }
            return lift(m, eliminated, u);
          }
        }
        continue;
      }
      for (int i = k + 1; i < s.length; i++) {
        Rational[] si = s[i];
        if (k >= si.length || si[k].signum() == 0) {
          continue;
        }
        Rational f = si[k].divide(d);
        for (int j = k; j < si.length && j < sk.length; j++) {
          si[j] = si[j].subtract(f.multiply(sk[j]));
        }
      }
      eliminated[k] = true;
    }
    return null;
  }

  /**
   * Lifts u (supported on non-eliminated indices) to v with {@code v' M v = u' S u}: v equals u
   * off the eliminated set E and solves {@code M_EE v_E = -M_E,rest u} on E.
   */
  private static Rational[] lift(QMatrix m, boolean[] eliminated, Rational[] u) {
    int n = u.length;
    int e = 0;
    for (boolean b : eliminated) {
      if (b) {
        e++;
      }
    }
    @NonNegative int[] idx = new @NonNegative int[e];
    int p = 0;
    for (int i = 0; i < eliminated.length; i++) {
      if (eliminated[i] && p < idx.length) {
        idx[p++] = i;
      }
    }
    Rational[][] mee = new Rational[e][];
    Rational[] rhs = new Rational[e];
    Rational[] mu = m.times(u);
    for (int a = 0; a < idx.length && a < mee.length && a < rhs.length; a++) {
      Rational[] row = new Rational[e];
      for (int b = 0; b < row.length && b < idx.length; b++) {
        row[b] = m.get(idx[a], idx[b]);
      }
      mee[a] = row;
      int ia = idx[a];
      rhs[a] = ia < mu.length ? mu[ia].negate() : Rational.ZERO;
    }
    Rational[] v = u.clone();
    if (e > 0) {
      Rational[] ve = Elimination.solve(QMatrix.of(mee, e), rhs);
      if (ve == null) {
        throw new AssertionError("eliminated block with positive pivots is singular: a bug");
      }
      for (int a = 0; a < idx.length && a < ve.length; a++) {
        int ia = idx[a];
        if (ia < v.length && ia < n) {
          v[ia] = ve[a];
        }
      }
    }
    return v;
  }
}
