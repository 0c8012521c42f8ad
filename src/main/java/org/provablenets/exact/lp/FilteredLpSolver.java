package org.provablenets.exact.lp;

import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Gcd;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.exact.linalg.QMatrix;
import org.provablenets.exact.linalg.QVectors;

/**
 * Filtered exact LP: guess an optimal basis in {@code double}, solve that basis exactly, check
 * optimality exactly, and fall back to the exact simplex {@link LpSolver} only when the check fails.
 * Same contract as {@link LpSolver#solve}; the answer is exact whichever path produced it.
 *
 * <p><b>Method.</b> {@link SimplexHint} solves the program in floating point and names its final
 * basis: the basic variables K and the tight rows T (rows whose slack and artificial are both
 * non-basic), {@code |K| = |T|}. Exactly, on the integer rows {@code N_i = s_i A_i} of A
 * ({@link QMatrix#integerRow}), by sparse elimination ({@link SquareSystem}), the systems set up
 * and solved and the checks below evaluated in overflow-checked {@code long} ({@link LongBasis});
 * when a number does not fit or an operation would overflow, all of it again in {@code
 * BigInteger} (where {@link SquareSystem#solve} has a rational fallback of its own):
 *
 * <ol>
 *   <li>the non-basic variables at their lower bounds (free ones at 0), and x_K from {@code
 *       N[T,K] x_K = s_T b_T - N[T, not K] x_(not K)} (null if singular);
 *   <li>z from {@code N[T,K]' z = c_K}, then {@code y_i = s_i z_i} on T and 0 elsewhere (so {@code
 *       A[T,K]' y_T = c_K});
 *   <li>the checks of {@code CertificateChecker.checkLp} for OPTIMAL: every row {@code A_i x REL_i
 *       b_i} and every bound {@code x_j >= l_j}; dual signs ({@code y_i >= 0} on {@code >=}, {@code
 *       <= 0} on {@code <=}); reduced costs {@code r = c - A'y} zero on free and {@code >= 0} on
 *       bounded variables; {@code c'x = b'y + sum_j l_j r_j}.
 * </ol>
 *
 * If all hold, weak duality proves x optimal and (x, y, c'x) is returned: the same certificate the
 * exact simplex gives (possibly another optimal vertex and dual). A wrong guess can only fail a
 * check, never pass one with a wrong value: the checks are the optimality conditions themselves,
 * evaluated exactly. On failure a second floating-point run on the program with its right-hand
 * side perturbed by a tiny increasing vector (the floating-point analogue of the lexicographic
 * rule) gives a second guess; if that fails too, {@link LpSolver} decides. Infeasible and
 * unbounded programs always go to {@link LpSolver} (their witnesses are Farkas rays and rays).
 *
 * <p><b>Cost.</b> One floating-point simplex run (O(m N) flops per pivot), two sparse exact
 * eliminations of size {@code |K| x |K|} and O(m n) integer operations for the checks, instead of
 * an exact simplex (O(m N) rational operations per pivot).
 */
public final class FilteredLpSolver {
  private FilteredLpSolver() {}

  private static final AtomicLong ATTEMPTS = new AtomicLong();
  private static final AtomicLong FIRST_GUESS = new AtomicLong();
  private static final AtomicLong SECOND_GUESS = new AtomicLong();
  private static final AtomicLong FALLBACKS = new AtomicLong();

  private static final AtomicLong LONG_OVERFLOWS = new AtomicLong();

  /**
   * Basis checks that overflowed {@code long} in {@link LongBasis} and were done again in {@code
   * BigInteger} (since start-up; for tests).
   */
  static long longOverflows() {
    return LONG_OVERFLOWS.get();
  }

  /** Relative size of the right-hand-side perturbation of the second floating-point run. */
  static final double PERTURBATION = 1e-7;

  /** Counts since start-up (or the last {@link #resetStats}); safe to read from any thread. */
  public static final class Stats {
    /** Programs solved by {@link #solve}. */
    public final long attempts;
    /** Programs whose first floating-point basis passed the exact checks. */
    public final long firstGuess;
    /** Programs whose second (perturbed) basis passed. */
    public final long secondGuess;
    /** Programs solved by the exact simplex {@link LpSolver}. */
    public final long fallbacks;

    Stats(long attempts, long firstGuess, long secondGuess, long fallbacks) {
      this.attempts = attempts;
      this.firstGuess = firstGuess;
      this.secondGuess = secondGuess;
      this.fallbacks = fallbacks;
    }

    /** {@code fallbacks / attempts}, 0 when nothing was solved. */
    public double fallbackRate() {
      return attempts == 0 ? 0 : (double) fallbacks / attempts;
    }

    @Override
    public String toString() {
      return attempts + " LPs: " + firstGuess + " by the first basis, " + secondGuess
          + " by the perturbed basis, " + fallbacks + " by the exact simplex (fallback rate "
          + String.format(java.util.Locale.ROOT, "%.4f", fallbackRate()) + ")";
    }
  }

  /** The counts so far. */
  public static Stats stats() {
    return new Stats(ATTEMPTS.get(), FIRST_GUESS.get(), SECOND_GUESS.get(), FALLBACKS.get());
  }

  /** Sets the counts to zero. */
  public static void resetStats() {
    ATTEMPTS.set(0);
    FIRST_GUESS.set(0);
    SECOND_GUESS.set(0);
    FALLBACKS.set(0);
  }

  /** Solves the program exactly; the floating-point solve is only a hint. */
  public static LpResult solve(LinearProgram lp) {
    ATTEMPTS.incrementAndGet();
    LpBasis guess = SimplexHint.guess(lp);
    LpResult r = guess == null ? null : fromBasis(lp, guess);
    if (r != null) {
      FIRST_GUESS.incrementAndGet();
      return r;
    }
    if (guess != null) {
      LpBasis second = SimplexHint.guess(perturbed(lp));
      r = second == null ? null : fromBasis(lp, second);
      if (r != null) {
        SECOND_GUESS.incrementAndGet();
        return r;
      }
    }
    FALLBACKS.incrementAndGet();
    return LpSolver.solve(lp);
  }

  /**
   * The exact answer from a given basis guess (for tests: any guess, however wrong): the exact
   * optimum of that basis if it passes the exact checks, else {@link LpSolver}'s answer. Not
   * counted in {@link #stats}.
   */
  static LpResult solve(LinearProgram lp, boolean[] basic, boolean[] tight) {
    LpResult r = fromBasis(lp, new LpBasis(basic, tight));
    return r != null ? r : LpSolver.solve(lp);
  }

  /** The floating-point basis guess for the program, or {@code null} (for tests). */
  static @Nullable LpBasis guess(LinearProgram lp) {
    return SimplexHint.guess(lp);
  }

  /**
   * The program with {@code b_i} moved by {@code PERTURBATION (1 + max |b|) (i + 1) / m} towards
   * the inside of {@code >=} and {@code <=} rows: only a second hint, never solved exactly.
   */
  private static LinearProgram perturbed(LinearProgram lp) {
    int m = lp.constraints();
    Rational[] b = lp.b();
    double bmax = 1;
    for (Rational bi : b) {
      bmax = Math.max(bmax, Math.abs(bi.toDouble()));
    }
    Rational[] b2 = new Rational[m];
    for (int i = 0; i < m; i++) {
      Rational eps =
          Rationals.fromBigDecimal(
              new java.math.BigDecimal(PERTURBATION * bmax * (i + 1) / Math.max(1, m)));
      Relation rel = lp.relation(i);
      b2[i] = rel == Relation.GE ? b[i].add(eps) : rel == Relation.LE ? b[i].subtract(eps) : b[i];
    }
    @Nullable Rational[] lower = new @Nullable Rational[lp.variables()];
    for (int j = 0; j < lower.length; j++) {
      lower[j] = lp.lower(j);
    }
    Relation[] rel = new Relation[m];
    for (int i = 0; i < m; i++) {
      rel[i] = lp.relation(i);
    }
    return new LinearProgram(lp.c(), lp.a(), rel, b2, lower);
  }

  /**
   * The exact solution of the basis and its exact optimality checks (see the class comment), or
   * {@code null} if the basis is singular, not square, or fails a check. In {@code long} by {@link
   * LongBasis} when the program's numbers fit and nothing overflows, else in {@code BigInteger}
   * below: the same systems and checks, so the same answer.
   */
  static @Nullable LpResult fromBasis(LinearProgram lp, LpBasis guess) {
    int[][] kvTr = square(lp, guess);
    if (kvTr == null) {
      return null;
    }
    QMatrix.LongRows longRows = lp.a().longRows();
    if (longRows != null) {
      try {
        return LongBasis.solve(lp, longRows, guess.basic, kvTr[0], kvTr[1]);
      } catch (ArithmeticException overflow) {
        LONG_OVERFLOWS.incrementAndGet(); // the same guess, in BigInteger below
      }
    }
    return inBigIntegers(lp, guess.basic, kvTr[0], kvTr[1]);
  }

  /**
   * As {@link #fromBasis}, on the {@code long} path only (for tests).
   *
   * @throws ArithmeticException if a number does not fit in a {@code long} or an operation
   *     overflows
   */
  static @Nullable LpResult fromBasisInLongs(LinearProgram lp, LpBasis guess) {
    int[][] kvTr = square(lp, guess);
    if (kvTr == null) {
      return null;
    }
    QMatrix.LongRows longRows = lp.a().longRows();
    if (longRows == null) {
      throw new ArithmeticException("the program's integer rows do not fit in a long");
    }
    return LongBasis.solve(lp, longRows, guess.basic, kvTr[0], kvTr[1]);
  }

  /** As {@link #fromBasis}, on the {@code BigInteger} path only (for tests). */
  static @Nullable LpResult fromBasisInBigIntegers(LinearProgram lp, LpBasis guess) {
    int[][] kvTr = square(lp, guess);
    return kvTr == null ? null : inBigIntegers(lp, guess.basic, kvTr[0], kvTr[1]);
  }

  /**
   * The basic variables K and the tight rows T of the guess, in increasing order, or {@code null}
   * if the guess has the wrong lengths or {@code |K| != |T|}.
   */
  private static int @Nullable [][] square(LinearProgram lp, LpBasis guess) {
    int n = lp.variables();
    int m = lp.constraints();
    if (guess.basic.length != n || guess.tight.length != m) {
      return null;
    }
    int k = 0;
    for (boolean v : guess.basic) {
      k += v ? 1 : 0;
    }
    int kt = 0;
    for (boolean v : guess.tight) {
      kt += v ? 1 : 0;
    }
    if (k != kt) {
      return null;
    }
    int[] kv = new int[k];
    int[] tr = new int[k];
    for (int j = 0, p = 0; j < n && p < k; j++) {
      if (guess.basic[j]) {
        kv[p++] = j;
      }
    }
    for (int i = 0, p = 0; i < m && p < k; i++) {
      if (guess.tight[i]) {
        tr[p++] = i;
      }
    }
    return new int[][] {kv, tr};
  }

  /** The {@code BigInteger} path of {@link #fromBasis} (K = kv, T = tr). */
  private static @Nullable LpResult inBigIntegers(
      LinearProgram lp, boolean[] basic, int[] kv, int[] tr) {
    int n = lp.variables();
    int m = lp.constraints();
    int k = kv.length;
    QMatrix a = lp.a();
    BigInteger[][] rows = new BigInteger[m][];
    BigInteger[] scale = new BigInteger[m];
    Rational[] sbs = new Rational[m]; // s_i b_i, the right-hand sides of the integer rows
    for (int i = 0; i < m; i++) {
      rows[i] = a.integerRow(i);
      scale[i] = a.rowDenominator(i);
      Rational bi = lp.b(i);
      sbs[i] = bi.signum() == 0 ? Rational.ZERO : bi.multiply(scale[i]);
    }
    // Non-basic values over one denominator d0: x_j = fixedNum_j / d0.
    Rational[] fixed = new Rational[n];
    BigInteger d0 = BigInteger.ONE;
    for (int j = 0; j < n; j++) {
      Rational l = lp.lower(j);
      fixed[j] = basic[j] || l == null ? Rational.ZERO : l;
      d0 = Rationals.lcm(d0, fixed[j].getDenominator());
    }
    BigInteger[] fixedNum = new BigInteger[n];
    for (int j = 0; j < n; j++) {
      fixedNum[j] = fixed[j].getNumerator().multiply(Gcd.quotient(d0, fixed[j].getDenominator()));
    }
    // 1. Primal: rows i of T, N[i,K] x_K = s_i b_i - N[i, not K] x_(not K), over d0 and the
    // denominator of b_i: (d0 den_i) N[i,K] x_K = d0 num_i' - den_i N[i,not K] fixedNum.
    BigInteger[][] aug = new BigInteger[k][];
    for (int p = 0; p < k; p++) {
      int i = tr[p];
      Rational sb = sbs[i];
      BigInteger den = sb.getDenominator();
      BigInteger[] ni = rows[i];
      BigInteger rest = BigInteger.ZERO;
      for (int j = 0; j < n; j++) {
        if (!basic[j] && ni[j].signum() != 0 && fixedNum[j].signum() != 0) {
          rest = rest.add(ni[j].multiply(fixedNum[j]));
        }
      }
      BigInteger f = d0.multiply(den);
      BigInteger[] row = new BigInteger[k + 1];
      for (int q = 0; q < k; q++) {
        row[q] = ni[kv[q]].multiply(f);
      }
      row[k] = d0.multiply(sb.getNumerator()).subtract(den.multiply(rest));
      aug[p] = row;
    }
    SquareSystem.Square xs = SquareSystem.solve(aug, k);
    if (xs == null) {
      return null;
    }
    // x = X / L, L = d0 xs.den.
    BigInteger l = d0.multiply(xs.den);
    BigInteger[] xn = new BigInteger[n];
    for (int j = 0; j < n; j++) {
      xn[j] = fixedNum[j].multiply(xs.den);
    }
    for (int q = 0; q < k; q++) {
      xn[kv[q]] = xs.num[q].multiply(d0);
    }
    // Primal feasibility: N_i X REL s_i b_i L, and X_j >= l_j L.
    for (int i = 0; i < m; i++) {
      BigInteger lhs = QVectors.dot(rows[i], xn);
      Rational sb = sbs[i];
      int cmp = sb.signum() == 0
          ? lhs.signum()
          : lhs.multiply(sb.getDenominator()).compareTo(sb.getNumerator().multiply(l));
      Relation rel = lp.relation(i);
      if ((rel == Relation.GE && cmp < 0) || (rel == Relation.LE && cmp > 0)
          || (rel == Relation.EQ && cmp != 0)) {
        return null;
      }
    }
    for (int j = 0; j < n; j++) {
      Rational lj = lp.lower(j);
      if (lj != null
          && xn[j].multiply(lj.getDenominator()).compareTo(lj.getNumerator().multiply(l)) < 0) {
        return null;
      }
    }
    // 2. Dual: N[T,K]' z = C_K with C = cd c integer; y_i = s_i z_i / cd.
    Rational[] c = lp.c();
    BigInteger cd = BigInteger.ONE;
    for (Rational cj : c) {
      cd = Rationals.lcm(cd, cj.getDenominator());
    }
    BigInteger[] cn = new BigInteger[n];
    for (int j = 0; j < n; j++) {
      cn[j] = c[j].getNumerator().multiply(Gcd.quotient(cd, c[j].getDenominator()));
    }
    BigInteger[][] augT = new BigInteger[k][];
    for (int q = 0; q < k; q++) {
      BigInteger[] row = new BigInteger[k + 1];
      for (int p = 0; p < k; p++) {
        row[p] = rows[tr[p]][kv[q]];
      }
      row[k] = cn[kv[q]];
      augT[q] = row;
    }
    SquareSystem.Square zs = SquareSystem.solve(augT, k);
    if (zs == null) {
      return null; // cannot happen when the primal system was non-singular
    }
    // Dual signs (s_i > 0, zs.den > 0, cd > 0: the sign of y_i is that of z_i).
    for (int p = 0; p < k; p++) {
      Relation rel = lp.relation(tr[p]);
      int s = zs.num[p].signum();
      if ((rel == Relation.GE && s < 0) || (rel == Relation.LE && s > 0)) {
        return null;
      }
    }
    // Reduced costs r_j = c_j - sum_T N_ij z_i, times zs.den cd: R_j = C_j den - sum N_ij Z_i.
    BigInteger[] red = new BigInteger[n];
    for (int j = 0; j < n; j++) {
      BigInteger s = cn[j].multiply(zs.den);
      for (int p = 0; p < k; p++) {
        BigInteger nij = rows[tr[p]][j];
        if (nij.signum() != 0 && zs.num[p].signum() != 0) {
          s = s.subtract(nij.multiply(zs.num[p]));
        }
      }
      red[j] = s;
      int sg = s.signum();
      if (lp.lower(j) == null ? sg != 0 : sg < 0) {
        return null;
      }
    }
    // The certificate as rationals, and 3. c'x = b'y + sum_j l_j r_j.
    Rational[] x = new Rational[n];
    for (int j = 0; j < n; j++) {
      x[j] = xn[j].signum() == 0 ? Rational.ZERO : Rational.of(xn[j], l);
    }
    Rational[] y = new Rational[m];
    java.util.Arrays.fill(y, Rational.ZERO);
    BigInteger yDen = zs.den.multiply(cd);
    for (int p = 0; p < k; p++) {
      BigInteger zn = zs.num[p];
      if (zn.signum() != 0) {
        y[tr[p]] = Rational.of(zn.multiply(scale[tr[p]]), yDen);
      }
    }
    Rational value = Rational.of(QVectors.dot(cn, xn), cd.multiply(l));
    Rational dual = Rational.ZERO;
    for (int i = 0; i < m; i++) {
      if (y[i].signum() != 0 && sbs[i].signum() != 0) {
        dual = dual.add(lp.b(i).multiply(y[i]));
      }
    }
    for (int j = 0; j < n; j++) {
      Rational lj = lp.lower(j);
      if (lj != null && lj.signum() != 0 && red[j].signum() != 0) {
        dual = dual.add(lj.multiply(Rational.of(red[j], yDen)));
      }
    }
    if (!dual.equals(value)) {
      return null;
    }
    return LpResult.optimal(x, y, value);
  }
}
