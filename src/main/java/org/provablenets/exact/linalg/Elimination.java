package org.provablenets.exact.linalg;

import java.math.BigInteger;
import org.checkerframework.checker.index.qual.NonNegative;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;

/**
 * Exact Gaussian elimination over the rationals: rank, determinant and linear solves.
 *
 * <p><b>Method.</b> Rank and determinant use Bareiss' fraction-free elimination on the integer
 * matrix obtained by clearing each row's denominators: every intermediate entry is a minor of that
 * integer matrix, so the divisions are exact and the numbers grow only linearly in the size (E. H.
 * Bareiss, "Sylvester's identity and multistep integer-preserving Gaussian elimination", Math.
 * Comp. 22, 1968). Solving uses Gauss-Jordan elimination on {@link Rational}s with the first
 * non-zero pivot (no pivot order matters for exact arithmetic).
 *
 * <p><b>Accuracy.</b> Exact.
 *
 * <p><b>Cost.</b> O(n^3) arithmetic operations on numbers whose size grows at most linearly with n.
 */
public final class Elimination {
  private Elimination() {}

  /** Result of a fraction-free elimination: the rank and the sign-corrected last pivot. */
  private static final class Bareiss {
    final int rank;
    final BigInteger lastPivot;
    final int sign;

    Bareiss(int rank, BigInteger lastPivot, int sign) {
      this.rank = rank;
      this.lastPivot = lastPivot;
      this.sign = sign;
    }
  }

  private static Bareiss bareiss(BigInteger[][] z) {
    int r = 0;
    int sign = 1;
    BigInteger prev = BigInteger.ONE;
    int cols = z.length == 0 ? 0 : z[0].length;
    for (int c = 0; c < cols && r < z.length; c++) {
      int p = -1;
      for (int i = r; i < z.length; i++) {
        BigInteger[] zi = z[i];
        if (c < zi.length && zi[c].signum() != 0) {
          p = i;
          break;
        }
      }
      if (p < 0) {
        continue;
      }
      if (p != r) {
        BigInteger[] t = z[p];
        z[p] = z[r];
        z[r] = t;
        sign = -sign;
      }
      BigInteger[] pr = z[r];
      if (c >= pr.length) {
        continue;
      }
      BigInteger piv = pr[c];
      for (int i = r + 1; i < z.length; i++) {
        BigInteger[] zi = z[i];
        if (c >= zi.length) {
          continue;
        }
        BigInteger f = zi[c];
        for (int j = c + 1; j < zi.length && j < pr.length; j++) {
          BigInteger num = piv.multiply(zi[j]).subtract(f.multiply(pr[j]));
          BigInteger quo = num.divide(prev);
          if (!quo.multiply(prev).equals(num)) {
            throw new AssertionError("Bareiss division not exact: a bug in the elimination");
          }
          zi[j] = quo;
        }
        zi[c] = BigInteger.ZERO;
      }
      prev = piv;
      r++;
    }
    return new Bareiss(r, prev, sign);
  }

  /** The rank of {@code m}. Exact; O(rows * cols * min(rows, cols)) operations. */
  public static int rank(QMatrix m) {
    return bareiss(m.integerRows()).rank;
  }

  /** The determinant of a square matrix {@code m}. Exact; O(n^3) operations. */
  public static Rational determinant(QMatrix m) {
    m.requireSquare();
    int n = m.rows();
    if (n == 0) {
      return Rational.ONE;
    }
    Bareiss b = bareiss(m.integerRows());
    if (b.rank < n) {
      return Rational.ZERO;
    }
    BigInteger scales = BigInteger.ONE;
    for (int i = 0; i < n; i++) {
      scales = scales.multiply(m.rowDenominator(i));
    }
    BigInteger det = b.sign < 0 ? b.lastPivot.negate() : b.lastPivot;
    return Rational.of(det, scales);
  }

  /**
   * The unique solution of {@code A x = b} for a square non-singular {@code A}, or {@code null} if
   * {@code A} is singular.
   *
   * @throws IllegalArgumentException if {@code A} is not square or {@code b} has the wrong length
   */
  public static Rational @Nullable [] solve(QMatrix a, Rational[] b) {
    a.requireSquare();
    if (b.length != a.rows()) {
      throw new IllegalArgumentException(
          "right-hand side has " + b.length + " entries, matrix has " + a.rows() + " rows");
    }
    Rational[][] t = a.toArray();
    Rational[] rhs = b.clone();
    int n = t.length;
    for (int c = 0; c < n; c++) {
      int p = -1;
      for (int i = c; i < t.length; i++) {
        Rational[] ti = t[i];
        if (c < ti.length && ti[c].signum() != 0) {
          p = i;
          break;
        }
      }
      if (p < 0 || p >= rhs.length || c >= rhs.length) {
        return null;
      }
      Rational[] tmp = t[p];
      t[p] = t[c];
      t[c] = tmp;
      Rational tr = rhs[p];
      rhs[p] = rhs[c];
      rhs[c] = tr;
      Rational[] pr = t[c];
      if (c >= pr.length) {
        return null;
      }
      pivot(t, rhs, c, c);
    }
    return rhs;
  }

  /**
   * Some solution of {@code A x = b} for any (possibly rectangular or singular) A, or {@code null}
   * if the system is inconsistent. Gauss-Jordan elimination; free variables are set to zero.
   * Exact; O(m n min(m, n)) operations.
   *
   * @throws IllegalArgumentException if {@code b} has the wrong length
   */
  public static Rational @Nullable [] solveAny(QMatrix a, Rational[] b) {
    return solveAny(a, b, QVectors.zeros(a.cols()));
  }

  /**
   * Some solution of {@code A x = b}, or {@code null} if the system is inconsistent, with the free
   * variables (those without a pivot) set to the given values: the solution of the system that
   * agrees with {@code free} on the free coordinates. Exact; O(m n min(m, n)) operations.
   *
   * @throws IllegalArgumentException if {@code b} or {@code free} has the wrong length
   */
  public static Rational @Nullable [] solveAny(QMatrix a, Rational[] b, Rational[] free) {
    if (free.length != a.cols()) {
      throw new IllegalArgumentException(
          "free values have " + free.length + " entries, matrix has " + a.cols() + " columns");
    }
    if (b.length != a.rows()) {
      throw new IllegalArgumentException(
          "right-hand side has " + b.length + " entries, matrix has " + a.rows() + " rows");
    }
    Rational[][] t = a.toArray();
    Rational[] rhs = b.clone();
    int n = a.cols();
    int[] pivotCol = new int[t.length];
    int r = 0;
    for (int c = 0; c < n && r < t.length && r < rhs.length && r < pivotCol.length; c++) {
      int p = -1;
      for (int i = r; i < t.length; i++) {
        Rational[] ti = t[i];
        if (c < ti.length && ti[c].signum() != 0) {
          p = i;
          break;
        }
      }
      if (p < 0 || p >= rhs.length) {
        continue;
      }
      Rational[] tmp = t[p];
      t[p] = t[r];
      t[r] = tmp;
      Rational tr = rhs[p];
      rhs[p] = rhs[r];
      rhs[r] = tr;
      Rational[] pr = t[r];
      if (c >= pr.length) {
        continue;
      }
      pivot(t, rhs, r, c);
      pivotCol[r] = c;
      r++;
    }
    for (int i = r; i < rhs.length; i++) {
      if (rhs[i].signum() != 0) {
        return null;
      }
    }
    // Free variables take the given values; each basic variable is its row's right-hand side
    // minus the free variables' contributions (the rows are in reduced echelon form).
    boolean[] basic = new boolean[n];
    for (int i = 0; i < r && i < pivotCol.length; i++) {
      int c = pivotCol[i];
      if (c >= 0 && c < basic.length) {
        basic[c] = true;
      }
    }
    Rational[] x = QVectors.zeros(n);
    for (int j = 0; j < x.length && j < basic.length && j < free.length; j++) {
      if (!basic[j]) {
        x[j] = free[j];
      }
    }
    for (int i = 0; i < r && i < pivotCol.length && i < rhs.length && i < t.length; i++) {
      Rational v = rhs[i];
      Rational[] ti = t[i];
      for (int j = 0; j < ti.length && j < basic.length && j < x.length; j++) {
        if (!basic[j] && ti[j].signum() != 0) {
          v = v.subtract(ti[j].multiply(x[j]));
        }
      }
      int c = pivotCol[i];
      if (c >= 0 && c < x.length) {
        x[c] = v;
      }
    }
    return x;
  }

  /**
   * One Gauss-Jordan pivot on the augmented rows {@code [t | rhs]}: row r is divided by its entry
   * in column c (nonzero), and column c is eliminated from every other row. Cost: O(rows cols)
   * rational operations.
   */
  private static void pivot(Rational[][] t, Rational[] rhs, @NonNegative int r, @NonNegative int c) {
    if (r >= t.length || r >= rhs.length) {
      return;
    }
    Rational[] pr = t[r];
    if (c >= pr.length) {
      return;
    }
    Rational inv = pr[c].reciprocal();
    for (int j = 0; j < pr.length; j++) {
      pr[j] = pr[j].multiply(inv);
    }
    rhs[r] = rhs[r].multiply(inv);
    for (int i = 0; i < t.length && i < rhs.length; i++) {
      Rational[] ti = t[i];
      if (i == r || c >= ti.length || ti[c].signum() == 0) {
        continue;
      }
      Rational f = ti[c];
      for (int j = 0; j < ti.length && j < pr.length; j++) {
        ti[j] = ti[j].subtract(f.multiply(pr[j]));
      }
      rhs[i] = rhs[i].subtract(f.multiply(rhs[r]));
    }
  }
}
