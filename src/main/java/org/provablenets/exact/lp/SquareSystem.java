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
 *   <li>Backward, in reverse pivot order: {@code x_(c_r) = (b_r - sum t_rj x_j) / p_r}, with
 *       the values found so far kept over their least common denominator l ({@code x_j = X_j /
 *       l}), so the sum is one integer {@code sum t_rj X_j}; each new value is reduced (one gcd)
 *       and l raised to the lcm with its denominator (one gcd, and the X_j rescaled).
 * </ol>
 *
 * In {@link #solve}, if an entry does not fit in a {@code long} or an operation would overflow,
 * the system is solved again by {@link Elimination#solve} in rationals (counted by {@link
 * #overflows}); {@link #solveLong} throws instead, for callers that redo more than the system
 * ({@link LongBasis}).
 *
 * <p><b>Accuracy.</b> Exact on both paths: the {@code long} path either completes with every
 * operation exact or throws before any result is used.
 *
 * <p><b>Cost.</b> A pivot row is never updated after it is used, and a pivot row with a single
 * entry changes one fraction per affected row: a basis of an epigraph LP (T1's absolute and hinge
 * losses: the t block plus one column per point) costs the elimination of its t block and one dot
 * product per epigraph row, and so does its transpose. Column counts are kept up to date, so a
 * singleton pivot is found in O(k) word operations, a Markowitz pivot in O(k^2). Measured (before
 * the back substitution over a common denominator, which takes fewer gcds) on 4,000 bases and transposes of T1's absolute-loss subproblems (seeded n = 2, w = 2; k about 18
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

  /** A solution {@code num / den} in {@code long} ({@code den > 0}). */
  static final class LongSquare {
    final long[] num;
    final long den;

    LongSquare(long[] num, long den) {
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
        LongSquare x = solveLong(a, b, k);
        if (x == null) {
          return null;
        }
        BigInteger[] num = new BigInteger[k];
        for (int j = 0; j < k; j++) {
          num[j] = BigInteger.valueOf(x.num[j]);
        }
        return new Square(num, BigInteger.valueOf(x.den));
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
   * The {@code long} path (see the class comment): the unique solution of {@code a x = bn} over
   * the least common denominator, or {@code null} if a is singular; a and bn are overwritten.
   *
   * @throws ArithmeticException if an operation overflows
   */
  static @Nullable LongSquare solveLong(long[][] a, long[] bn, int k) {
    LongElimination e = new LongElimination(a, bn, k);
    for (int step = 0; step < k; step++) {
      if (!e.pivot(step)) {
        return null;
      }
    }
    return e.backSubstitute();
  }

  /**
   * The state of one elimination in {@code long}. Its steps are short methods, so that the JIT
   * compiles each hot loop on its own, early and quickly (one method of 1,400 bytecodes was
   * compiled again and again, seconds each, in the short runs of T1).
   */
  private static final class LongElimination {
    private final int k;
    private final long[][] a;
    private final long[] bn;
    private final long[] bd;
    private final boolean[] rowDone;
    private final boolean[] colDone;
    private final int[] pivotRow;
    private final int[] pivotCol;
    private final int[] rowCount;
    /** The entries of each column in the rows not yet used. */
    private final int[] colCount;
    private final long[] f2 = new long[2];

    LongElimination(long[][] a, long[] bn, int k) {
      this.k = k;
      this.a = a;
      this.bn = bn;
      this.bd = new long[k];
      Arrays.fill(bd, 1);
      rowDone = new boolean[k];
      colDone = new boolean[k];
      pivotRow = new int[k];
      pivotCol = new int[k];
      rowCount = new int[k];
      colCount = new int[k];
      for (int i = 0; i < k; i++) {
        long[] ai = a[i];
        for (int j = 0; j < k; j++) {
          if (ai[j] != 0) {
            rowCount[i]++;
            colCount[j]++;
          }
        }
      }
    }

    /** Chooses and applies the pivot of this step; false if the system is singular. */
    boolean pivot(int step) {
      long rc = singletonColumn();
      if (rc == -2) {
        return false; // a column without an entry in the remaining rows
      }
      if (rc < 0) {
        rc = singletonRow();
      }
      if (rc < 0) {
        rc = markowitz();
      }
      if (rc < 0) {
        return false; // every remaining row is zero
      }
      int r = (int) (rc >>> 32);
      int c = (int) rc;
      long[] pr = a[r];
      long p = pr[c];
      if (rowCount[r] == 1) {
        singletonUpdate(r, c, p);
      } else {
        for (int i = 0; i < k; i++) {
          if (!rowDone[i] && i != r && a[i][c] != 0) {
            rowUpdate(i, r, c, p);
          }
        }
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
      return true;
    }

    /** (row, column) packed in a long, of a singleton column's entry; -1 if none, -2 if singular. */
    private long singletonColumn() {
      for (int j = 0; j < k; j++) {
        if (colDone[j]) {
          continue;
        }
        if (colCount[j] == 0) {
          return -2;
        }
        if (colCount[j] == 1) {
          for (int i = 0; i < k; i++) {
            if (!rowDone[i] && a[i][j] != 0) {
              return ((long) i << 32) | j;
            }
          }
        }
      }
      return -1;
    }

    /** (row, column) of a singleton row's entry, or -1. */
    private long singletonRow() {
      for (int i = 0; i < k; i++) {
        if (!rowDone[i] && rowCount[i] == 1) {
          long[] ai = a[i];
          for (int j = 0; j < k; j++) {
            if (!colDone[j] && ai[j] != 0) {
              return ((long) i << 32) | j;
            }
          }
        }
      }
      return -1;
    }

    /** (row, column) of the least Markowitz count, the smallest entry on ties, or -1. */
    private long markowitz() {
      long best = Long.MAX_VALUE;
      long bestSize = Long.MAX_VALUE;
      long rc = -1;
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
            rc = ((long) i << 32) | j;
          }
        }
      }
      return rc;
    }

    /** Pivot row r has no other entry: {@code b_i <- b_i - f_i (b_r / p)} where column c has f_i. */
    private void singletonUpdate(int r, int c, long p) {
      long qn = 0;
      long qd = 1;
      if (bn[r] != 0) {
        times(bn[r], bd[r], 1, p, f2);
        qn = f2[0];
        qd = f2[1];
      }
      for (int i = 0; i < k; i++) {
        long[] ai = a[i];
        long f = ai[c];
        if (rowDone[i] || i == r || f == 0) {
          continue;
        }
        ai[c] = 0;
        rowCount[i]--;
        if (qn != 0) {
          long g = Gcd.of(Math.absExact(f), qd);
          minus(bn[i], bd[i], Math.multiplyExact(qn, f / g), qd / g, f2);
          bn[i] = f2[0];
          bd[i] = f2[1];
        }
      }
    }

    /**
     * {@code row_i <- (p row_i - f row_r) / g}, {@code g = gcd(p, f)}, f the entry of row i in
     * column c, then row i divided by the gcd of its entries (its right-hand side too).
     */
    private void rowUpdate(int i, int r, int c, long p) {
      long[] ai = a[i];
      long[] pr = a[r];
      long f = ai[c];
      ai[c] = 0;
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

    /**
     * Backward, in reverse pivot order, with x_j = xn_j / l for the columns solved so far, l the
     * least common denominator of their values: each row's sum is then an integer, and a step
     * takes two gcds, not some per term.
     */
    LongSquare backSubstitute() {
      long[] xn = new long[k];
      long l = 1;
      for (int step = k - 1; step >= 0; step--) {
        int r = pivotRow[step];
        long[] ar = a[r];
        long sum = 0;
        for (int s = step + 1; s < k; s++) {
          int j = pivotCol[s];
          if (ar[j] != 0 && xn[j] != 0) {
            sum = Math.addExact(sum, Math.multiplyExact(ar[j], xn[j]));
          }
        }
        // x_c = (b_r - sum / l) / p_r = (bn_r l - bd_r sum) / (bd_r l p_r), then reduced
        int c = pivotCol[step];
        long num = Math.subtractExact(Math.multiplyExact(bn[r], l), Math.multiplyExact(bd[r], sum));
        if (num == 0) {
          continue; // xn[c] is 0
        }
        long den = Math.multiplyExact(Math.multiplyExact(bd[r], l), ar[c]);
        if (den < 0) {
          num = Math.negateExact(num);
          den = Math.negateExact(den);
        }
        long g = Gcd.of(Math.absExact(num), den);
        num /= g;
        den /= g;
        long up = den / Gcd.of(l, den); // the new l is lcm(l, den) = l up
        if (up != 1) {
          for (int s = step + 1; s < k; s++) {
            int j = pivotCol[s];
            xn[j] = Math.multiplyExact(xn[j], up);
          }
          l = Math.multiplyExact(l, up);
        }
        xn[c] = Math.multiplyExact(num, l / den);
      }
      return new LongSquare(xn, l);
    }
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
