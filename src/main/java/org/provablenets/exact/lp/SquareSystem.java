package org.provablenets.exact.lp;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Gcd;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.exact.linalg.Elimination;
import org.provablenets.exact.linalg.QMatrix;

/**
 * The exact solution of a square integer system {@code A x = b}: the basis solves of {@link
 * FilteredLpSolver} (a basis and its transpose).
 *
 * <p><b>Method.</b> Sparse Gaussian elimination in {@code long}, every operation checked ({@link
 * Math#multiplyExact} and its kin), with A's rows kept integral and b in reduced fractions:
 *
 * <ol>
 *   <li>Forward: the pivot is a singleton column's entry if a column not yet used has one entry
 *       in the rows not yet used (no other row changes), else a singleton row's entry (only b
 *       changes), else the entry with the least Markowitz count {@code (row non-zeros - 1)(column
 *       non-zeros - 1)}, the smallest on ties. The epigraph columns of T1's primal bases and the
 *       epigraph rows of their transposes are singletons. Only the rows not yet used that have an
 *       entry f in the pivot column change. If the pivot row r has no other entry in A, {@code
 *       b_a <- b_a - (f / p) b_r} and A's row keeps its other entries; otherwise {@code row_a <-
 *       (p row_a - f row_r) / g} with {@code g = gcd(p, f)} (integral on A), and the row is
 *       divided by the gcd of its entries in A. No step changes a row's solution set, so the
 *       pivot rows form a triangular system equivalent to A x = b: row r reads {@code p_r x_(c_r)
 *       + sum over columns pivoted later of t_rj x_j = b_r}.
 *   <li>Backward, in reverse pivot order: {@code x_(c_r) = (b_r - sum t_rj x_j) / p_r}, in
 *       reduced fractions; the answer is put over the least common denominator.
 * </ol>
 *
 * If an entry does not fit in a {@code long} or an operation would overflow, the system is solved
 * again by {@link Elimination#solve} in rationals (counted by {@link #overflows}).
 *
 * <p><b>Accuracy.</b> Exact on both paths: the {@code long} path either completes with every
 * operation exact or throws before any result is used.
 *
 * <p><b>Cost.</b> A pivot row is never updated after it is used, and a pivot row with a single
 * entry changes one fraction per affected row: a basis of an epigraph LP (T1's absolute and hinge
 * losses: the t block plus one column per point) costs the elimination of its t block and one dot
 * product per epigraph row, and so does its transpose. Column counts are kept up to date, so a
 * singleton pivot is found in O(k) word operations, a Markowitz pivot in O(k^2). Measured on
 * 4,000 bases and transposes of T1's absolute-loss subproblems (seeded n = 2, w = 2; k about 18
 * at D = 12): 14-18 us per system at D = 12 and 18-21 us at D = 16, against 53-63 us for the
 * BigInteger Gauss-Jordan elimination this replaced, on the same systems.
 */
final class SquareSystem {
  private SquareSystem() {}

  private static final AtomicLong OVERFLOWS = new AtomicLong();

  /** Systems handed to {@link Elimination#solve} because the {@code long} path overflowed. */
  static long overflows() {
    return OVERFLOWS.get();
  }

  /** A solution {@code num / den} ({@code den > 0}). */
  static final class Square {
    final BigInteger[] num;
    final BigInteger den;

    Square(BigInteger[] num, BigInteger den) {
      this.num = num;
      this.den = den;
    }
  }

  /**
   * The unique solution of {@code [A | b]} (k rows of k + 1 entries, not changed), or {@code null}
   * if A is singular.
   */
  static @Nullable Square solve(BigInteger[][] t, int k) {
    long[][] a = new long[k][k];
    long[] b = new long[k];
    boolean fits = true;
    for (int i = 0; i < k && fits; i++) {
      for (int j = 0; j <= k; j++) {
        BigInteger v = t[i][j];
        if (v.signum() == 0) {
          continue; // most entries: the arrays start at 0
        }
        if (v.bitLength() > 62) {
          fits = false;
          break;
        }
        if (j < k) {
          a[i][j] = v.longValue();
        } else {
          b[i] = v.longValue();
        }
      }
    }
    if (fits) {
      try {
        return solveLong(a, b, k);
      } catch (ArithmeticException overflow) {
        // solved again below, in rationals
      }
    }
    OVERFLOWS.incrementAndGet();
    return solveRational(t, k);
  }

  /** The fallback: {@link Elimination#solve} on the same system, put over one denominator. */
  private static @Nullable Square solveRational(BigInteger[][] t, int k) {
    Rational[][] rows = new Rational[k][k];
    Rational[] rhs = new Rational[k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        rows[i][j] = Rational.of(t[i][j]);
      }
      rhs[i] = Rational.of(t[i][k]);
    }
    Rational[] x = Elimination.solve(QMatrix.of(rows, k), rhs);
    if (x == null) {
      return null;
    }
    BigInteger l = BigInteger.ONE;
    for (Rational v : x) {
      l = Rationals.lcm(l, v.getDenominator());
    }
    BigInteger[] num = new BigInteger[k];
    for (int j = 0; j < k; j++) {
      num[j] = x[j].getNumerator().multiply(Gcd.quotient(l, x[j].getDenominator()));
    }
    return new Square(num, l);
  }

  /**
   * The {@code long} path (see the class comment); a and the numerators b are overwritten.
   *
   * @throws ArithmeticException if an operation overflows
   */
  private static @Nullable Square solveLong(long[][] a, long[] bn, int k) {
    long[] bd = new long[k];
    Arrays.fill(bd, 1);
    boolean[] rowDone = new boolean[k];
    boolean[] colDone = new boolean[k];
    int[] pivotRow = new int[k];
    int[] pivotCol = new int[k];
    int[] rowCount = new int[k];
    for (int i = 0; i < k; i++) {
      rowCount[i] = nonZeros(a[i]);
    }
    int[] colCount = new int[k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        if (a[i][j] != 0) {
          colCount[j]++;
        }
      }
    }
    long[] f2 = new long[2];
    for (int step = 0; step < k; step++) {
      // colCount[j]: the entries of column j in the rows not yet used.
      int r = -1;
      int c = -1;
      for (int j = 0; j < k && r < 0; j++) {
        if (colDone[j]) {
          continue;
        }
        if (colCount[j] == 0) {
          return null; // a column without an entry in the remaining rows: singular
        }
        if (colCount[j] == 1) { // a singleton column: no other row changes
          for (int i = 0; i < k; i++) {
            if (!rowDone[i] && a[i][j] != 0) {
              r = i;
              c = j;
              break;
            }
          }
        }
      }
      for (int i = 0; i < k && r < 0; i++) {
        if (!rowDone[i] && rowCount[i] == 1) { // a singleton row: only b changes
          for (int j = 0; j < k; j++) {
            if (!colDone[j] && a[i][j] != 0) {
              r = i;
              c = j;
              break;
            }
          }
        }
      }
      if (r < 0) {
        // Markowitz over what remains, the smallest entry on ties.
        long best = Long.MAX_VALUE;
        long bestSize = Long.MAX_VALUE;
        for (int i = 0; i < k; i++) {
          if (rowDone[i]) {
            continue;
          }
          long[] ai = a[i];
          for (int j = 0; j < k; j++) {
            if (colDone[j] || ai[j] == 0) {
              continue;
            }
            long cost = (long) (rowCount[i] - 1) * (colCount[j] - 1);
            long size = Math.absExact(ai[j]);
            if (cost < best || (cost == best && size < bestSize)) {
              best = cost;
              bestSize = size;
              r = i;
              c = j;
            }
          }
        }
      }
      if (r < 0) {
        return null; // every remaining row is zero
      }
      long[] pr = a[r];
      long p = pr[c];
      boolean singleton = rowCount[r] == 1;
      for (int i = 0; i < k; i++) {
        long[] ai = a[i];
        long f = ai[c];
        if (rowDone[i] || i == r || f == 0) {
          continue;
        }
        ai[c] = 0;
        rowCount[i]--;
        if (singleton) {
          // b_i <- b_i - b_r f / p
          if (bn[r] != 0) {
            times(bn[r], bd[r], f, p, f2);
            minus(bn[i], bd[i], f2[0], f2[1], f2);
            bn[i] = f2[0];
            bd[i] = f2[1];
          }
          continue;
        }
        long g = Gcd.of(Math.absExact(p), Math.absExact(f));
        long pm = p / g;
        long fm = f / g;
        for (int j = 0; j < k; j++) {
          if (j != c && pr[j] != 0) {
            long before = ai[j];
            ai[j] = Math.subtractExact(Math.multiplyExact(pm, before), Math.multiplyExact(fm, pr[j]));
            colCount[j] += (ai[j] != 0 ? 1 : 0) - (before != 0 ? 1 : 0);
          } else if (ai[j] != 0) {
            ai[j] = Math.multiplyExact(pm, ai[j]);
          }
        }
        // b_i <- pm b_i - fm b_r
        times(bn[i], bd[i], pm, 1, f2);
        long un = f2[0];
        long ud = f2[1];
        times(bn[r], bd[r], fm, 1, f2);
        minus(un, ud, f2[0], f2[1], f2);
        long content = 0;
        for (int j = 0; j < k && content != 1; j++) {
          if (ai[j] != 0) {
            content = Gcd.of(content, Math.absExact(ai[j]));
          }
        }
        if (content > 1) {
          for (int j = 0; j < k; j++) {
            ai[j] /= content;
          }
          times(f2[0], f2[1], 1, content, f2);
        }
        bn[i] = f2[0];
        bd[i] = f2[1];
        rowCount[i] = nonZeros(ai);
      }
      rowDone[r] = true;
      colDone[c] = true;
      for (int j = 0; j < k; j++) {
        if (pr[j] != 0) {
          colCount[j]--;
        }
      }
      pivotRow[step] = r;
      pivotCol[step] = c;
    }
    long[] xn = new long[k];
    long[] xd = new long[k];
    long l = 1;
    for (int step = k - 1; step >= 0; step--) {
      int r = pivotRow[step];
      long[] ar = a[r];
      long vn = bn[r];
      long vd = bd[r];
      for (int s = step + 1; s < k; s++) {
        int j = pivotCol[s];
        if (ar[j] != 0 && xn[j] != 0) {
          times(xn[j], xd[j], ar[j], 1, f2);
          minus(vn, vd, f2[0], f2[1], f2);
          vn = f2[0];
          vd = f2[1];
        }
      }
      int c = pivotCol[step];
      times(vn, vd, 1, ar[c], f2);
      xn[c] = f2[0];
      xd[c] = f2[1];
      l = Math.multiplyExact(l / Gcd.of(l, xd[c]), xd[c]);
    }
    BigInteger[] num = new BigInteger[k];
    for (int j = 0; j < k; j++) {
      num[j] = BigInteger.valueOf(Math.multiplyExact(xn[j], l / xd[j]));
    }
    return new Square(num, BigInteger.valueOf(l));
  }

  /**
   * {@code (n / d) (m / q)} in lowest terms with a positive denominator, into {@code out}
   * ({@code d > 0}, {@code q != 0}; n / d in lowest terms): m / q is reduced, then each numerator
   * against the other denominator, so the product is in lowest terms.
   */
  private static void times(long n, long d, long m, long q, long[] out) {
    if (n == 0 || m == 0) {
      out[0] = 0;
      out[1] = 1;
      return;
    }
    long g0 = Gcd.of(Math.absExact(m), Math.absExact(q));
    m /= g0;
    q /= g0;
    long g1 = Gcd.of(Math.absExact(n), Math.absExact(q));
    long g2 = Gcd.of(Math.absExact(m), d);
    long num = Math.multiplyExact(n / g1, m / g2);
    long den = Math.multiplyExact(d / g2, q / g1);
    if (den < 0) {
      num = Math.negateExact(num);
      den = Math.negateExact(den);
    }
    out[0] = num;
    out[1] = den;
  }

  /** {@code n1 / d1 - n2 / d2} in lowest terms, into {@code out} (positive denominators). */
  private static void minus(long n1, long d1, long n2, long d2, long[] out) {
    long g = Gcd.of(d1, d2);
    long num =
        Math.subtractExact(Math.multiplyExact(n1, d2 / g), Math.multiplyExact(n2, d1 / g));
    long den = Math.multiplyExact(d1, d2 / g);
    if (num == 0) {
      out[0] = 0;
      out[1] = 1;
      return;
    }
    long h = Gcd.of(Math.absExact(num), den);
    out[0] = num / h;
    out[1] = den / h;
  }

  private static int nonZeros(long[] row) {
    int n = 0;
    for (long v : row) {
      n += v != 0 ? 1 : 0;
    }
    return n;
  }
}
