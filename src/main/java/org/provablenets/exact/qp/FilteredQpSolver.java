package org.provablenets.exact.qp;

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
 * (the solution nearest the floating-point guess on the free coordinates, {@link
 * Elimination#solveAny}; Q may be singular), sets the other multipliers to
 * zero, and accepts the result only if {@code lambda_S >= 0} and {@code G x >= h} hold exactly.
 * Then stationarity, complementary slackness and both feasibilities hold by construction, so x is
 * an exact optimum with an exact KKT certificate (the same certificate {@link QpSolver} returns).
 * Otherwise, or when the floating-point solve fails, the exact {@link QpSolver} decides. Either
 * way the answer is exact; the double solve only saves time.
 *
 * <p><b>Cost.</b> One floating-point Lemke run (O(N^2) flops per pivot) and one exact elimination
 * of size {@code n + |S| + |E|}, instead of an exact Lemke run (O(N^2) rational operations per
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
    Rational[][] mm = QpSolver.lcpMatrix(qp);
    Rational[] q = QpSolver.lcpVector(qp);
    double[][] md = new double[mm.length][];
    for (int i = 0; i < mm.length; i++) {
      md[i] = new double[mm[i].length];
      for (int j = 0; j < mm[i].length; j++) {
        md[i][j] = mm[i][j].toDouble();
      }
    }
    double[] qd = new double[q.length];
    for (int i = 0; i < q.length; i++) {
      qd[i] = q[i].toDouble();
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
    Rational[] hh = qp.h();
    for (int i = 0; i < mg; i++) {
      double sl = -hh[i].toDouble();
      double rowNorm = 1;
      for (int j = 0; j < n; j++) {
        double gij = qp.g().get(i, j).toDouble();
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

  /** The exact KKT point of the active set {@code inS}, if it passes the exact checks. */
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
    // Unknowns (x, lambda_S, mu); rows: stationarity (n), active rows (s), equalities (me).
    int vars = n + s + me;
    Rational[][] a = new Rational[n + s + me][];
    Rational[] rhs = new Rational[n + s + me];
    Rational[] c = qp.c();
    Rational[] h = qp.h();
    Rational[] f = qp.f();
    for (int i = 0; i < n; i++) {
      Rational[] row = QVectors.zeros(vars);
      for (int j = 0; j < n; j++) {
        row[j] = qp.q().get(i, j);
      }
      for (int k = 0; k < s; k++) {
        row[n + k] = qp.g().get(active[k], i).negate();
      }
      for (int k = 0; k < me; k++) {
        row[n + s + k] = qp.e().get(k, i).negate();
      }
      a[i] = row;
      rhs[i] = c[i].negate();
    }
    for (int k = 0; k < s; k++) {
      Rational[] row = QVectors.zeros(vars);
      Rational[] g = qp.g().row(active[k]);
      System.arraycopy(g, 0, row, 0, n);
      a[n + k] = row;
      rhs[n + k] = h[active[k]];
    }
    for (int k = 0; k < me; k++) {
      Rational[] row = QVectors.zeros(vars);
      Rational[] e = qp.e().row(k);
      System.arraycopy(e, 0, row, 0, n);
      a[n + s + k] = row;
      rhs[n + s + k] = f[k];
    }
    // Free coordinates of a singular system take the floating-point solution's values (rounded
    // to 12 significant digits, exactly): the exact solution nearest the guess.
    Rational[] hint = new Rational[vars];
    for (int i = 0; i < n; i++) {
      hint[i] = shortRational(z[i] - z[n + i]);
    }
    for (int k = 0; k < s; k++) {
      hint[n + k] = shortRational(z[2 * n + active[k]]);
    }
    for (int k = 0; k < me; k++) {
      hint[n + s + k] = shortRational(z[2 * n + mg + k] - z[2 * n + mg + me + k]);
    }
    Rational[] sol = Elimination.solveAny(QMatrix.of(a, vars), rhs, hint);
    if (sol == null) {
      return null;
    }
    Rational[] x = new Rational[n];
    System.arraycopy(sol, 0, x, 0, n);
    Rational[] lambda = QVectors.zeros(mg);
    for (int k = 0; k < s; k++) {
      if (sol[n + k].signum() < 0) {
        return null;
      }
      lambda[active[k]] = sol[n + k];
    }
    Rational[] mu = new Rational[me];
    System.arraycopy(sol, n + s, mu, 0, me);
    Rational[] gx = qp.g().times(x);
    for (int i = 0; i < mg; i++) {
      if (gx[i].compareTo(h[i]) < 0) {
        return null;
      }
    }
    return QpResult.optimal(x, lambda, mu, qp.objective(x));
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
