package org.provablenets.exact.qp;

import java.math.BigInteger;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.linalg.Elimination;
import org.provablenets.exact.linalg.QMatrix;
import org.provablenets.exact.linalg.QVectors;

/**
 * Filtered exact convex QP: solve in {@code double}, repair exactly, verify exactly, and fall back
 * to the exact solver only when the repair fails (the filtered approach of exact geometric
 * computation and exact LP solvers).
 *
 * <p><b>Method.</b> {@link DoubleLemke} solves the KKT complementarity problem in floating point;
 * its multipliers above a tolerance name a guessed active set S. The exact repair solves the linear
 * KKT system of that active set over the rationals,
 *
 * <pre>
 *   Q x - G_S' lambda_S - E' mu = -c,    G_S x = h_S,    E x = f,
 * </pre>
 *
 * (Q may be singular): x on the affine set {@code G_S x = h_S, E x = f} where the reduced
 * gradient vanishes, nearest the floating-point guess on the free coordinates, then multipliers
 * with {@code G_S' lambda_S + E' mu = Q x + c} ({@link Elimination#solveAny}; the largest
 * floating-point multipliers are the pivots, so degenerate zero multipliers stay zero). It sets
 * the other multipliers to zero and accepts the result only if {@code lambda_S >= 0} and {@code
 * G x >= h} hold exactly. Then stationarity, complementary slackness and both feasibilities hold
 * by construction, so x is an exact optimum with an exact KKT certificate (the same certificate
 * {@link QpSolver} returns). Otherwise, or when the floating-point solve fails, the exact {@link
 * QpSolver} decides. Either way the answer is exact; the double solve only saves time.
 *
 * <p><b>Cost.</b> One floating-point Lemke run (O(N^2) flops per pivot) and three exact
 * eliminations of sizes {@code (|S| + |E|) x n}, {@code k x k} (k = n - rank) and {@code n x (|S| +
 * |E|)}, instead of an exact Lemke run (O(N^2) rational operations per
 * pivot, N = 2n + |G| + 2|E|).
 */
public final class FilteredQpSolver {
  private FilteredQpSolver() {}

  /** Multipliers at most this (relative to the largest) are taken as zero when guessing S. */
  static final double ACTIVE_TOLERANCE = 1e-9;

  /** Solves exactly; the double solve is only a hint. */
  public static QpResult solve(QuadraticProgram qp) {
    QpResult r = repaired(qp);
    return r != null ? r : QpSolver.solve(qp);
  }

  /**
   * The exactly repaired optimum from a floating-point active-set guess, or {@code null} if the
   * guess does not survive the exact checks (or the floating-point solve failed).
   */
  public static @Nullable QpResult repaired(QuadraticProgram qp) {
    int n = qp.variables();
    int mg = qp.g().rows();
    int me = qp.e().rows();
    // The LCP of QpSolver.lcpMatrix / lcpVector in double, from Q, G, E, c, h, f in double.
    double[][] gd = new double[mg][n];
    for (int i = 0; i < mg; i++) {
      for (int j = 0; j < n; j++) {
        gd[i][j] = qp.g().get(i, j).toDouble();
      }
    }
    int size = 2 * n + mg + 2 * me;
    double[][] md = new double[size][size];
    double[] qd = new double[size];
    Rational[] c0 = qp.c();
    Rational[] h0 = qp.h();
    Rational[] f0 = qp.f();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double qij = qp.q().get(i, j).toDouble();
        md[i][j] = qij;
        md[i][n + j] = -qij;
        md[n + i][j] = -qij;
        md[n + i][n + j] = qij;
      }
      for (int k = 0; k < mg + 2 * me; k++) {
        double gki =
            k < mg ? gd[k][i]
                : k < mg + me ? qp.e().get(k - mg, i).toDouble()
                : -qp.e().get(k - mg - me, i).toDouble();
        md[i][2 * n + k] = -gki;
        md[n + i][2 * n + k] = gki;
        md[2 * n + k][i] = gki;
        md[2 * n + k][n + i] = -gki;
      }
      double ci = c0[i].toDouble();
      qd[i] = ci;
      qd[n + i] = -ci;
    }
    for (int i = 0; i < mg; i++) {
      qd[2 * n + i] = -h0[i].toDouble();
    }
    for (int i = 0; i < me; i++) {
      double fi = f0[i].toDouble();
      qd[2 * n + mg + i] = -fi;
      qd[2 * n + mg + me + i] = fi;
    }
    double[] z = DoubleLemke.solve(md, qd);
    if (z == null) {
      return null;
    }
    double scale = 1e-300;
    for (int i = 0; i < mg; i++) {
      scale = Math.max(scale, Math.abs(z[2 * n + i]));
    }
    // First guess: the rows with positive multipliers. Second guess, for degenerate optima whose
    // active rows carry zero multipliers: also the rows the floating-point point meets (nearly).
    boolean[] first = new boolean[mg];
    boolean[] second = new boolean[mg];
    double xnorm = 1;
    for (int i = 0; i < n; i++) {
      xnorm = Math.max(xnorm, Math.abs(z[i] - z[n + i]));
    }
    for (int i = 0; i < mg; i++) {
      double sl = qd[2 * n + i];
      double rowNorm = 1;
      for (int j = 0; j < n; j++) {
        double gij = gd[i][j];
        sl += gij * (z[j] - z[n + j]);
        rowNorm = Math.max(rowNorm, Math.abs(gij));
      }
      first[i] = z[2 * n + i] > ACTIVE_TOLERANCE * scale;
      second[i] = first[i] || Math.abs(sl) <= ACTIVE_TOLERANCE * rowNorm * xnorm;
    }
    // Hints: coordinates and multipliers that the floating-point solve leaves within the
    // tolerance of zero are taken as exactly zero (a dead unit's weights, an inactive row's
    // multiplier), and multipliers are never negative.
    double[] hz = z.clone();
    for (int i = 0; i < n; i++) {
      if (Math.abs(z[i] - z[n + i]) <= ACTIVE_TOLERANCE * xnorm) {
        hz[i] = 0;
        hz[n + i] = 0;
      }
    }
    for (int i = 0; i < mg; i++) {
      if (z[2 * n + i] <= ACTIVE_TOLERANCE * scale) {
        hz[2 * n + i] = 0;
      }
    }
    QpResult r = repair(qp, hz, first);
    if (r == null && !java.util.Arrays.equals(first, second)) {
      r = repair(qp, hz, second);
    }
    return r;
  }

  /**
   * The exact KKT point of the active set {@code inS}, if it passes the exact checks. Three small
   * exact eliminations instead of one on the whole KKT system: the affine set {@code x = x0 + Z y}
   * of {@code G_S x = h_S, E x = f} (reduced row echelon form; y = the free coordinates), the
   * reduced stationarity {@code Z'QZ y = -Z'(Q x0 + c)}, and the multipliers from {@code G_S'
   * lambda_S + E' mu = Q x + c}.
   */
  private static @Nullable QpResult repair(QuadraticProgram qp, double[] z, boolean[] inS) {
    int n = qp.variables();
    int mg = qp.g().rows();
    int me = qp.e().rows();
    int[] active = new int[mg];
    int s = 0;
    for (int i = 0; i < mg; i++) {
      if (inS[i]) {
        active[s++] = i;
      }
    }
    // Largest floating-point multipliers first: the elimination takes its pivots in column order,
    // so when the multipliers of a degenerate active set are not unique, those the floating-point
    // solution puts at zero are the free ones and stay exactly zero.
    sortByMultiplier(active, s, z, 2 * n);
    Rational[] c = qp.c();
    Rational[] h = qp.h();
    Rational[] f = qp.f();
    // 1. [G_S; E | h_S; f] in reduced row echelon form.
    int m = s + me;
    Rational[][] t = new Rational[m][];
    for (int k = 0; k < m; k++) {
      Rational[] row = new Rational[n + 1];
      Rational[] g = k < s ? qp.g().row(active[k]) : qp.e().row(k - s);
      System.arraycopy(g, 0, row, 0, n);
      row[n] = k < s ? h[active[k]] : f[k - s];
      t[k] = row;
    }
    int[] pivotCol = new int[Math.min(m, n)];
    boolean[] basic = new boolean[n];
    int rank = 0;
    for (int col = 0; col < n && rank < m && rank < pivotCol.length; col++) {
      int p = -1;
      for (int i = rank; i < m; i++) {
        if (t[i][col].signum() != 0) {
          p = i;
          break;
        }
      }
      if (p < 0) {
        continue;
      }
      Rational[] pr = t[p];
      t[p] = t[rank];
      t[rank] = pr;
      Rational inv = pr[col].reciprocal();
      for (int j = col; j <= n; j++) {
        pr[j] = pr[j].multiply(inv);
      }
      for (int i = 0; i < m; i++) {
        Rational[] ti = t[i];
        Rational fi = ti[col];
        if (i == rank || fi.signum() == 0) {
          continue;
        }
        for (int j = col; j <= n; j++) {
          if (pr[j].signum() != 0) {
            ti[j] = ti[j].subtract(fi.multiply(pr[j]));
          }
        }
      }
      pivotCol[rank++] = col;
      basic[col] = true;
    }
    for (int i = rank; i < m; i++) {
      if (t[i][n].signum() != 0) {
        return null; // G_S x = h_S, E x = f is inconsistent
      }
    }
    int k = n - rank;
    int[] free = new int[k];
    for (int j = 0, a = 0; j < n && a < k; j++) {
      if (!basic[j]) {
        free[a++] = j;
      }
    }
    // x = x0 + Z y: x0 has the free coordinates at zero; column a of Z is e_free[a] minus the
    // echelon rows' entries in that column on the basic coordinates.
    Rational[] x0 = QVectors.zeros(n);
    Rational[][] zc = new Rational[k][];
    for (int a = 0; a < k; a++) {
      zc[a] = QVectors.zeros(n);
      zc[a][free[a]] = Rational.ONE;
    }
    for (int i = 0; i < rank; i++) {
      x0[pivotCol[i]] = t[i][n];
      for (int a = 0; a < k; a++) {
        zc[a][pivotCol[i]] = t[i][free[a]].negate();
      }
    }
    // 2. Reduced stationarity Z'QZ y = -Z'(Q x0 + c), nearest the floating-point free coordinates.
    QMatrix q = qp.q();
    Rational[][] qz = new Rational[k][];
    for (int a = 0; a < k; a++) {
      qz[a] = q.times(zc[a]);
    }
    Rational[] g0 = QVectors.add(q.times(x0), c);
    Rational[][] hm = new Rational[k][];
    Rational[] rhs = new Rational[k];
    double[] yHint = new double[k];
    for (int a = 0; a < k; a++) {
      hm[a] = new Rational[k];
      for (int b = 0; b < k; b++) {
        hm[a][b] = b < a ? hm[b][a] : QVectors.dot(zc[a], qz[b]);
      }
      rhs[a] = QVectors.dot(zc[a], g0).negate();
      yHint[a] = z[free[a]] - z[n + free[a]];
    }
    Rational[] y = solveNear(hm, k, rhs, yHint);
    if (y == null) {
      return null; // the restricted problem has no stationary point
    }
    Rational[] x = new Rational[n];
    Rational[] zi = new Rational[k];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < k; a++) {
        zi[a] = zc[a][i];
      }
      x[i] = x0[i].add(QVectors.dot(zi, y));
    }
    // x = X / L over a common denominator L > 0: products with the integer vector X keep the
    // small denominators of G and Q, and G x >= h becomes G X >= L h.
    BigInteger lcm = BigInteger.ONE;
    for (Rational xi : x) {
      BigInteger d = xi.getDenominator();
      lcm = lcm.divide(lcm.gcd(d)).multiply(d);
    }
    Rational l = Rational.of(lcm);
    Rational[] xl = new Rational[n];
    for (int i = 0; i < n; i++) {
      xl[i] = Rational.of(x[i].getNumerator().multiply(lcm.divide(x[i].getDenominator())));
    }
    Rational[] gxl = qp.g().times(xl);
    for (int i = 0; i < mg; i++) {
      if (gxl[i].compareTo(h[i].signum() == 0 ? Rational.ZERO : h[i].multiply(l)) < 0) {
        return null;
      }
    }
    // 3. Multipliers: [E' G_S'] (mu, lambda_S) = Q x + c (mu first: it has no sign to keep).
    Rational[] qxl = q.times(xl);
    Rational[] grad = new Rational[n];
    for (int i = 0; i < n; i++) {
      grad[i] = qxl[i].divide(l).add(c[i]);
    }
    Rational[][] mt = new Rational[n][];
    for (int i = 0; i < n; i++) {
      mt[i] = new Rational[m];
      for (int kk = 0; kk < me; kk++) {
        mt[i][kk] = qp.e().get(kk, i);
      }
      for (int kk = 0; kk < s; kk++) {
        mt[i][me + kk] = qp.g().get(active[kk], i);
      }
    }
    double[] mHint = new double[m];
    for (int kk = 0; kk < me; kk++) {
      mHint[kk] = z[2 * n + mg + kk] - z[2 * n + mg + me + kk];
    }
    for (int kk = 0; kk < s; kk++) {
      mHint[me + kk] = z[2 * n + active[kk]];
    }
    Rational[] sol = solveNear(mt, m, grad, mHint);
    if (sol == null) {
      return null;
    }
    Rational[] lambda = QVectors.zeros(mg);
    for (int kk = 0; kk < s; kk++) {
      if (sol[me + kk].signum() < 0) {
        return null;
      }
      lambda[active[kk]] = sol[me + kk];
    }
    Rational[] mu = new Rational[me];
    System.arraycopy(sol, 0, mu, 0, me);
    // The objective 1/2 x'Qx + c'x + k = X'QX / (2 L^2) + c'X / L + k.
    Rational value =
        QVectors.dot(xl, qxl).divide(l.multiply(l).multiply(Rational.of(2)))
            .add(QVectors.dot(c, xl).divide(l))
            .add(qp.k());
    return QpResult.optimal(x, lambda, mu, value);
  }

  /**
   * The solution of {@code A x = b} ({@code cols} unknowns) whose free coordinates (the columns
   * without a pivot, pivots taken in column order) equal the hints {@code free} rounded to 12
   * significant digits ({@link #shortRational}), or {@code null} if the system is inconsistent:
   * the answer of {@link Elimination#solveAny} with those free values, computed fraction-free.
   * The unknown is scaled by the common denominator of b and each row to integers; Bareiss' forward elimination keeps every entry an integer
   * (each is a minor of the scaled matrix, so the division by the previous pivot is exact); back
   * substitution in rationals then costs one pass over the echelon rows.
   */
  private static Rational @Nullable [] solveNear(
      Rational[][] a, int cols, Rational[] b, double[] free) {
    int m = a.length;
    // Solve for lb x, lb = the least common denominator of b, so that the large denominators a
    // right-hand side often has stay out of the rows' scale factors.
    BigInteger lb = BigInteger.ONE;
    for (Rational bi : b) {
      BigInteger d = bi.getDenominator();
      lb = lb.divide(lb.gcd(d)).multiply(d);
    }
    BigInteger[][] t = new BigInteger[m][];
    for (int i = 0; i < m; i++) {
      BigInteger lcm = BigInteger.ONE;
      for (int j = 0; j < cols; j++) {
        BigInteger d = a[i][j].getDenominator();
        if (!d.equals(BigInteger.ONE)) {
          lcm = lcm.divide(lcm.gcd(d)).multiply(d);
        }
      }
      BigInteger[] row = new BigInteger[cols + 1];
      for (int j = 0; j < cols; j++) {
        Rational v = a[i][j];
        row[j] = v.getNumerator().multiply(lcm.divide(v.getDenominator()));
      }
      row[cols] = b[i].getNumerator().multiply(lb.divide(b[i].getDenominator())).multiply(lcm);
      t[i] = row;
    }
    int[] pivotCol = new int[Math.min(m, cols)];
    boolean[] basic = new boolean[cols];
    BigInteger prev = BigInteger.ONE;
    int r = 0;
    for (int c = 0; c < cols && r < m; c++) {
      int p = -1;
      for (int i = r; i < m; i++) {
        if (t[i][c].signum() != 0) {
          p = i;
          break;
        }
      }
      if (p < 0) {
        continue;
      }
      BigInteger[] pr = t[p];
      t[p] = t[r];
      t[r] = pr;
      BigInteger piv = pr[c];
      for (int i = r + 1; i < m; i++) {
        BigInteger[] ti = t[i];
        BigInteger f = ti[c];
        for (int j = c + 1; j <= cols; j++) {
          BigInteger num = piv.multiply(ti[j]);
          if (f.signum() != 0) {
            num = num.subtract(f.multiply(pr[j]));
          }
          ti[j] = prev.equals(BigInteger.ONE) ? num : num.divide(prev);
        }
        ti[c] = BigInteger.ZERO;
      }
      prev = piv;
      pivotCol[r++] = c;
      basic[c] = true;
    }
    for (int i = r; i < m; i++) {
      if (t[i][cols].signum() != 0) {
        return null;
      }
    }
    Rational[] x = new Rational[cols];
    for (int j = 0; j < cols; j++) {
      x[j] = basic[j] ? Rational.ZERO : shortRational(free[j]).multiply(lb);
    }
    for (int i = r - 1; i >= 0; i--) {
      int c = pivotCol[i];
      BigInteger[] ti = t[i];
      // ti[c] x_c = ti[cols] - sum_{j > c} ti[j] x_j, summed over one common denominator.
      BigInteger num = ti[cols];
      BigInteger den = BigInteger.ONE;
      for (int j = c + 1; j < cols; j++) {
        if (ti[j].signum() == 0 || x[j].signum() == 0) {
          continue;
        }
        BigInteger xd = x[j].getDenominator();
        BigInteger tn = ti[j].multiply(x[j].getNumerator());
        if (xd.equals(den)) {
          num = num.subtract(tn);
        } else {
          num = num.multiply(xd).subtract(tn.multiply(den));
          den = den.multiply(xd);
        }
      }
      x[c] = Rational.of(num, den.multiply(ti[c]));
    }
    if (!lb.equals(BigInteger.ONE)) {
      Rational l = Rational.of(lb);
      for (int j = 0; j < cols; j++) {
        x[j] = x[j].divide(l);
      }
    }
    return x;
  }

  /** Sorts {@code rows[0..s)} by decreasing {@code z[offset + row]}, ties by row (insertion sort). */
  private static void sortByMultiplier(int[] rows, int s, double[] z, int offset) {
    for (int i = 1; i < s && i < rows.length; i++) {
      int r = rows[i];
      double key = z[offset + r];
      int j = i - 1;
      while (j >= 0 && z[offset + rows[j]] < key) {
        rows[j + 1] = rows[j];
        j--;
      }
      rows[j + 1] = r;
    }
  }

  /** The exact value of {@code v} rounded to 12 significant digits (0 for non-finite values). */
  private static Rational shortRational(double v) {
    if (!Double.isFinite(v)) {
      return Rational.ZERO;
    }
    return org.provablenets.exact.Rationals.fromBigDecimal(
        new java.math.BigDecimal(v).round(new java.math.MathContext(12)));
  }
}
