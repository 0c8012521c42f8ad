package org.provablenets.exact.lp;

import java.math.BigInteger;
import java.util.Arrays;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Gcd;
import org.provablenets.exact.Rational;
import org.provablenets.exact.linalg.QMatrix;

/**
 * The exact solve and optimality checks of a basis guess ({@link FilteredLpSolver#fromBasis}) in
 * overflow-checked {@code long} arithmetic: the same two systems, the same checks and the same
 * certificate as the {@code BigInteger} path of {@link FilteredLpSolver}, for programs whose
 * integer rows, right-hand sides, bounds and costs fit in a {@code long}.
 *
 * <p><b>Accuracy.</b> Exact: every product and sum is {@link Math#multiplyExact} or its kin, and
 * products are compared in 128 bits ({@link Math#multiplyHigh}); an operation that would
 * overflow throws {@link ArithmeticException} before any answer is made, and the caller then runs
 * the {@code BigInteger} path on the same guess. Only the final comparison of the primal and dual
 * objectives is done in {@code BigInteger}.
 *
 * <p><b>Cost.</b> The two sparse eliminations of {@link SquareSystem#solveLong} and O(m n) word
 * operations for the checks, instead of O(m n) {@code BigInteger} products; the rational entries
 * of the certificate are reduced in {@code long} ({@link Rational#of(long, long)}).
 */
final class LongBasis {
  private final LinearProgram lp;
  private final int n;
  private final int m;
  private final int k;
  private final long[][] rows;
  private final long[] scale;
  private final boolean[] basic;
  private final int[] kv;
  private final int[] tr;
  /** s_i b_i in lowest terms, sbn_i / sbd_i. */
  private final long[] sbn;
  private final long[] sbd;
  /** Lower bounds ln_j / ld_j (0 / 1 for free variables and zero bounds). */
  private final long[] ln;
  private final long[] ld;

  private LongBasis(
      LinearProgram lp, QMatrix.LongRows a, boolean[] basic, int[] kv, int[] tr) {
    this.lp = lp;
    this.n = lp.variables();
    this.m = lp.constraints();
    this.k = kv.length;
    this.rows = a.num;
    this.scale = a.den;
    this.basic = basic;
    this.kv = kv;
    this.tr = tr;
    sbn = new long[m];
    sbd = new long[m];
    for (int i = 0; i < m; i++) {
      // b_i in lowest terms, so sbn_i and sbd_i are coprime
      Rational bi = lp.b(i);
      sbd[i] = 1;
      if (bi.signum() != 0) {
        long bd = bi.getDenominator().longValueExact();
        long g = Gcd.of(scale[i], bd);
        sbn[i] = Math.multiplyExact(bi.getNumerator().longValueExact(), scale[i] / g);
        sbd[i] = bd / g;
      }
    }
    ln = new long[n];
    ld = new long[n];
    for (int j = 0; j < n; j++) {
      Rational l = lp.lower(j);
      ld[j] = 1;
      if (l != null && l.signum() != 0) {
        ln[j] = l.getNumerator().longValueExact();
        ld[j] = l.getDenominator().longValueExact();
      }
    }
  }

  /**
   * The exact optimum of the basis (tight rows {@code tr}, basic variables {@code kv}, {@code
   * |tr| = |kv|}) if it passes every check, else {@code null}.
   *
   * @param a the program's integer rows in {@code long} ({@link QMatrix#longRows})
   * @throws ArithmeticException if a number does not fit in a {@code long} or an operation
   *     overflows
   */
  static @Nullable LpResult solve(
      LinearProgram lp, QMatrix.LongRows a, boolean[] basic, int[] kv, int[] tr) {
    return new LongBasis(lp, a, basic, kv, tr).solve();
  }

  // The steps are short methods so that the JIT compiles each on its own, early and quickly.
  private @Nullable LpResult solve() {
    long[] x = primal();
    if (x == null || !primalFeasible(x)) {
      return null;
    }
    long l = x[n];
    // 2. Dual: N[T,K]' z = C_K with C = cd c integral; y_i = s_i z_i / cd.
    Rational[] c = lp.c();
    long cd = 1;
    for (Rational cj : c) {
      cd = lcm(cd, cj.getDenominator().longValueExact());
    }
    long[] cn = new long[n];
    for (int j = 0; j < n; j++) {
      if (c[j].signum() != 0) {
        cn[j] = Math.multiplyExact(
            c[j].getNumerator().longValueExact(), cd / c[j].getDenominator().longValueExact());
      }
    }
    SquareSystem.LongSquare zs = dual(cn);
    if (zs == null) {
      return null;
    }
    long[] red = reducedCosts(cn, zs);
    if (red == null) {
      return null;
    }
    long value = dot(cn, x, n);
    if (!objectivesAgree(value, l, zs, red)) {
      return null;
    }
    return certificate(x, l, zs, cd, value);
  }

  /**
   * 1. The primal point of the basis: the non-basic variables at their lower bounds (free ones at
   * 0) over one denominator d0, and x_K from {@code (d0 sbd_i) N[i,K] x_K = d0 sbn_i - sbd_i
   * N[i, not K] fixedNum} on the rows of T. Returns xn with {@code x = xn / l} and l in the last
   * place, or {@code null} if the basis is singular.
   */
  private long @Nullable [] primal() {
    long d0 = 1;
    for (int j = 0; j < n; j++) {
      if (!basic[j] && ln[j] != 0) {
        d0 = lcm(d0, ld[j]);
      }
    }
    long[] fixedNum = new long[n];
    for (int j = 0; j < n; j++) {
      if (!basic[j] && ln[j] != 0) {
        fixedNum[j] = Math.multiplyExact(ln[j], d0 / ld[j]);
      }
    }
    long[][] aug = new long[k][k];
    long[] rhs = new long[k];
    for (int p = 0; p < k; p++) {
      int i = tr[p];
      long[] ni = rows[i];
      long rest = 0;
      for (int j = 0; j < n; j++) {
        if (!basic[j] && ni[j] != 0 && fixedNum[j] != 0) {
          rest = Math.addExact(rest, Math.multiplyExact(ni[j], fixedNum[j]));
        }
      }
      long f = Math.multiplyExact(d0, sbd[i]);
      long[] row = aug[p];
      for (int q = 0; q < k; q++) {
        long v = ni[kv[q]];
        row[q] = v == 0 ? 0 : Math.multiplyExact(v, f);
      }
      rhs[p] = Math.subtractExact(Math.multiplyExact(d0, sbn[i]), Math.multiplyExact(sbd[i], rest));
    }
    SquareSystem.LongSquare xs = SquareSystem.solveLong(aug, rhs, k);
    if (xs == null) {
      return null;
    }
    long[] xn = new long[n + 1];
    for (int j = 0; j < n; j++) {
      xn[j] = fixedNum[j] == 0 ? 0 : Math.multiplyExact(fixedNum[j], xs.den);
    }
    for (int q = 0; q < k; q++) {
      xn[kv[q]] = Math.multiplyExact(xs.num[q], d0);
    }
    xn[n] = Math.multiplyExact(d0, xs.den);
    return xn;
  }

  /** Every row {@code N_i xn REL s_i b_i l} and every bound {@code xn_j >= l_j l}. */
  private boolean primalFeasible(long[] xn) {
    long l = xn[n];
    for (int i = 0; i < m; i++) {
      int cmp = compareProducts(dot(rows[i], xn, n), sbd[i], sbn[i], l);
      Relation rel = lp.relation(i);
      if ((rel == Relation.GE && cmp < 0) || (rel == Relation.LE && cmp > 0)
          || (rel == Relation.EQ && cmp != 0)) {
        return false;
      }
    }
    for (int j = 0; j < n; j++) {
      if (lp.lower(j) != null && compareProducts(xn[j], ld[j], ln[j], l) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * 2. z from {@code N[T,K]' z = C_K}, if its signs are those of the rows' multipliers ({@code
   * s_i > 0}, {@code zs.den > 0}, {@code cd > 0}: the sign of y_i is that of z_i); else null.
   */
  private SquareSystem.@Nullable LongSquare dual(long[] cn) {
    long[][] augT = new long[k][k];
    long[] ct = new long[k];
    for (int q = 0; q < k; q++) {
      long[] row = augT[q];
      int col = kv[q];
      for (int p = 0; p < k; p++) {
        row[p] = rows[tr[p]][col];
      }
      ct[q] = cn[col];
    }
    SquareSystem.LongSquare zs = SquareSystem.solveLong(augT, ct, k);
    if (zs == null) {
      return null; // cannot happen when the primal system was non-singular
    }
    for (int p = 0; p < k; p++) {
      Relation rel = lp.relation(tr[p]);
      long z = zs.num[p];
      if ((rel == Relation.GE && z < 0) || (rel == Relation.LE && z > 0)) {
        return null;
      }
    }
    return zs;
  }

  /**
   * The reduced costs times {@code zs.den cd}, {@code R_j = C_j zs.den - sum_T N_ij Z_i}, if they
   * are zero on free and {@code >= 0} on bounded variables; else null.
   */
  private long @Nullable [] reducedCosts(long[] cn, SquareSystem.LongSquare zs) {
    long[] red = new long[n];
    for (int j = 0; j < n; j++) {
      long s = Math.multiplyExact(cn[j], zs.den);
      for (int p = 0; p < k; p++) {
        long nij = rows[tr[p]][j];
        if (nij != 0 && zs.num[p] != 0) {
          s = Math.subtractExact(s, Math.multiplyExact(nij, zs.num[p]));
        }
      }
      red[j] = s;
      if (lp.lower(j) == null ? s != 0 : s < 0) {
        return null;
      }
    }
    return red;
  }

  /**
   * 3. {@code c'x = b'y + sum_j l_j r_j}: with {@code yDen = zs.den cd}, {@code c'x = value / (cd
   * l)} and {@code yDen (b'y + sum_j l_j r_j) = sum_T sbn_i Z_i / sbd_i + sum_j l_j R_j = sn / sd}.
   */
  private boolean objectivesAgree(long value, long l, SquareSystem.LongSquare zs, long[] red) {
    long[] sum = {0, 1};
    for (int p = 0; p < k; p++) {
      int i = tr[p];
      if (zs.num[p] != 0 && sbn[i] != 0) {
        add(sum, Math.multiplyExact(sbn[i], zs.num[p]), sbd[i]);
      }
    }
    for (int j = 0; j < n; j++) {
      if (ln[j] != 0 && red[j] != 0 && lp.lower(j) != null) {
        add(sum, Math.multiplyExact(ln[j], red[j]), ld[j]);
      }
    }
    // value / (cd l) == sn / (sd zs.den cd) <=> value sd zs.den == sn l
    BigInteger lhs = BigInteger.valueOf(value).multiply(BigInteger.valueOf(sum[1]))
        .multiply(BigInteger.valueOf(zs.den));
    return lhs.equals(BigInteger.valueOf(sum[0]).multiply(BigInteger.valueOf(l)));
  }

  /** The certificate as rationals: x, {@code y_i = s_i z_i / (zs.den cd)} on T, the value. */
  private LpResult certificate(
      long[] xn, long l, SquareSystem.LongSquare zs, long cd, long value) {
    Rational[] x = new Rational[n];
    for (int j = 0; j < n; j++) {
      x[j] = Rational.of(xn[j], l);
    }
    long yDen = Math.multiplyExact(zs.den, cd);
    Rational[] y = new Rational[m];
    Arrays.fill(y, Rational.ZERO);
    for (int p = 0; p < k; p++) {
      if (zs.num[p] != 0) {
        y[tr[p]] = Rational.of(Math.multiplyExact(zs.num[p], scale[tr[p]]), yDen);
      }
    }
    return LpResult.optimal(x, y, Rational.of(value, Math.multiplyExact(cd, l)));
  }

  /** {@code sum_(j < len) u_j v_j}, overflow-checked. */
  private static long dot(long[] u, long[] v, int len) {
    long s = 0;
    for (int j = 0; j < len; j++) {
      if (u[j] != 0 && v[j] != 0) {
        s = Math.addExact(s, Math.multiplyExact(u[j], v[j]));
      }
    }
    return s;
  }

  /** The sign of {@code a b - c d}, exactly (the products in 128 bits). */
  static int compareProducts(long a, long b, long c, long d) {
    long hi1 = Math.multiplyHigh(a, b);
    long hi2 = Math.multiplyHigh(c, d);
    if (hi1 != hi2) {
      return hi1 < hi2 ? -1 : 1;
    }
    return Long.compareUnsigned(a * b, c * d);
  }

  /** The least common multiple of two positive numbers, overflow-checked. */
  private static long lcm(long a, long b) {
    return a == b || b == 1 ? a : a == 1 ? b : Math.multiplyExact(a / Gcd.of(a, b), b);
  }

  /** {@code sum <- sum + n2 / d2} in lowest terms ({@code sum = {n, d}}, d, d2 > 0), checked. */
  private static void add(long[] sum, long n2, long d2) {
    long n1 = sum[0];
    long d1 = sum[1];
    long g = Gcd.of(d1, d2);
    long num = Math.addExact(Math.multiplyExact(n1, d2 / g), Math.multiplyExact(n2, d1 / g));
    long den = Math.multiplyExact(d1, d2 / g);
    long h = num == 0 ? den : Gcd.of(Math.absExact(num), den);
    sum[0] = num / h;
    sum[1] = den / h;
  }
}
