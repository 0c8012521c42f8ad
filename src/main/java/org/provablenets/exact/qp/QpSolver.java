package org.provablenets.exact.qp;

import org.provablenets.exact.Rational;
import org.provablenets.exact.linalg.QMatrix;
import org.provablenets.exact.linalg.QVectors;
import org.provablenets.exact.lp.LinearProgram;
import org.provablenets.exact.lp.LpResult;
import org.provablenets.exact.lp.LpSolver;
import org.provablenets.exact.lp.LpStatus;
import org.provablenets.exact.lp.Relation;

/**
 * Exact convex quadratic programming by Lemke's method on the KKT conditions.
 *
 * <p><b>Why Lemke.</b> For {@code min 1/2 x'Qx + c'x + k, Gx >= h, Ex = f} with Q positive
 * semidefinite, the KKT conditions are necessary and sufficient (linear constraints, convex
 * objective). Writing {@code x = x+ - x-}, each equality as two inequalities ({@code G^ = [G; E;
 * -E]}, {@code h^ = [h; f; -f]}), they form the linear complementarity problem {@code w = M z + q
 * >= 0, z >= 0, w'z = 0} with
 *
 * <pre>
 *   z = (x+, x-, lambda^),   M = [  Q  -Q  -G^' ]     q = [  c  ]
 *                                [ -Q   Q   G^' ]         [ -c  ]
 *                                [  G^ -G^   0  ]         [ -h^ ]
 * </pre>
 *
 * M is positive semidefinite (a PSD block plus a skew-symmetric part), hence copositive-plus, so
 * Lemke's complementary pivoting either finds a solution or ends on a secondary ray, and a secondary
 * ray proves that {@code z >= 0, Mz + q >= 0} has no solution (Cottle, Pang, Stone, <i>The Linear
 * Complementarity Problem</i>, 1992, Thm 4.4.13). Unlike a primal active-set method, it needs no
 * special handling of singular Q (rank-deficient least squares is the common case in T1): the
 * pivoting never factors Q. The lexicographic minimum-ratio rule, with the basis inverse as
 * tie-breaker, makes every pivot lexicographically non-degenerate, so the method terminates under
 * any degeneracy.
 *
 * <p><b>After a ray.</b> A feasible, bounded convex QP attains its minimum (Frank-Wolfe) and then
 * satisfies KKT, so a ray means infeasible or unbounded. An exact LP decides which: phase 1 of
 * {@code Gx >= h, Ex = f} gives a Farkas pair, or a feasible point; then {@code min c'd, Gd >= 0, Ed
 * = 0, Qd = 0, -1 <= d <= 1} gives a recession direction with {@code c'd < 0} (one exists for an
 * unbounded convex QP).
 *
 * <p><b>Accuracy.</b> Exact; every answer carries a certificate that {@code
 * org.provablenets.cert.CertificateChecker} verifies independently.
 *
 * <p><b>Cost.</b> An N x 2N tableau, N = 2n + |G| + 2|E|; O(N^2) rational operations per pivot.
 * The number of pivots is finite, usually a small multiple of N, exponential in the worst case.
 */
public final class QpSolver {
  private QpSolver() {}

  /** Solves the program exactly; the result carries its certificate. */
  /** The LCP matrix M of the KKT conditions (see the class comment). */
  static Rational[][] lcpMatrix(QuadraticProgram qp) {
    int n = qp.variables();
    int mg = qp.g().rows();
    int me = qp.e().rows();
    int p = mg + 2 * me;
    int size = 2 * n + p;
    Rational[][] gh = stackedRows(qp);
    Rational[][] mm = new Rational[size][];
    for (int i = 0; i < size; i++) {
      mm[i] = QVectors.zeros(size);
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        Rational qij = qp.q().get(i, j);
        mm[i][j] = qij;
        mm[i][n + j] = qij.negate();
        mm[n + i][j] = qij.negate();
        mm[n + i][n + j] = qij;
      }
      for (int k = 0; k < p; k++) {
        Rational gki = gh[k][i];
        mm[i][2 * n + k] = gki.negate();
        mm[n + i][2 * n + k] = gki;
        mm[2 * n + k][i] = gki;
        mm[2 * n + k][n + i] = gki.negate();
      }
    }
    return mm;
  }

  /** The LCP vector q = (c, -c, -h^). */
  static Rational[] lcpVector(QuadraticProgram qp) {
    int n = qp.variables();
    int mg = qp.g().rows();
    int me = qp.e().rows();
    int p = mg + 2 * me;
    Rational[] q = new Rational[2 * n + p];
    Rational[] c = qp.c();
    Rational[] h = qp.h();
    Rational[] f = qp.f();
    for (int i = 0; i < n; i++) {
      q[i] = c[i];
      q[n + i] = c[i].negate();
    }
    for (int i = 0; i < mg; i++) {
      q[2 * n + i] = h[i].negate();
    }
    for (int i = 0; i < me; i++) {
      q[2 * n + mg + i] = f[i].negate();
      q[2 * n + mg + me + i] = f[i];
    }
    return q;
  }

  /** {@code G^ = [G; E; -E]}. */
  private static Rational[][] stackedRows(QuadraticProgram qp) {
    int mg = qp.g().rows();
    int me = qp.e().rows();
    Rational[][] gh = new Rational[mg + 2 * me][];
    for (int i = 0; i < mg; i++) {
      gh[i] = qp.g().row(i);
    }
    for (int i = 0; i < me; i++) {
      gh[mg + i] = qp.e().row(i);
      gh[mg + me + i] = QVectors.negate(qp.e().row(i));
    }
    return gh;
  }

  public static QpResult solve(QuadraticProgram qp) {
    int n = qp.variables();
    int mg = qp.g().rows();
    int me = qp.e().rows();
    Rational[][] mm = lcpMatrix(qp);
    Rational[] q = lcpVector(qp);
    Rational[] z = Lemke.solve(mm, q);
    if (z == null) {
      return classifyRay(qp);
    }
    Rational[] x = new Rational[n];
    for (int i = 0; i < n; i++) {
      x[i] = z[i].subtract(z[n + i]);
    }
    Rational[] lambda = new Rational[mg];
    for (int i = 0; i < mg; i++) {
      lambda[i] = z[2 * n + i];
    }
    Rational[] mu = new Rational[me];
    for (int i = 0; i < me; i++) {
      mu[i] = z[2 * n + mg + i].subtract(z[2 * n + mg + me + i]);
    }
    return QpResult.optimal(x, lambda, mu, qp.objective(x));
  }

  /** After a secondary ray: decide infeasible or unbounded with exact LPs, with certificates. */
  private static QpResult classifyRay(QuadraticProgram qp) {
    int n = qp.variables();
    int mg = qp.g().rows();
    int me = qp.e().rows();
    Rational[][] rows = new Rational[mg + me][];
    Relation[] rel = new Relation[mg + me];
    Rational[] rhs = new Rational[mg + me];
    Rational[] h = qp.h();
    Rational[] f = qp.f();
    for (int i = 0; i < mg; i++) {
      rows[i] = qp.g().row(i);
      rel[i] = Relation.GE;
      rhs[i] = h[i];
    }
    for (int i = 0; i < me; i++) {
      rows[mg + i] = qp.e().row(i);
      rel[mg + i] = Relation.EQ;
      rhs[mg + i] = f[i];
    }
    Rational[] free = new Rational[n];
    LinearProgram feas =
        new LinearProgram(QVectors.zeros(n), QMatrix.of(rows, n), rel, rhs, free);
    LpResult fr = LpSolver.solve(feas);
    if (fr.status() == LpStatus.INFEASIBLE) {
      Rational[] y = fr.y();
      if (y == null) {
        throw new AssertionError("infeasible LP result without a Farkas vector");
      }
      Rational[] lambda = new Rational[mg];
      Rational[] mu = new Rational[me];
      System.arraycopy(y, 0, lambda, 0, mg);
      System.arraycopy(y, mg, mu, 0, me);
      return QpResult.infeasible(lambda, mu);
    }
    Rational[] x0 = fr.x();
    if (x0 == null) {
      throw new AssertionError("a feasibility LP with zero objective is optimal when feasible");
    }
    // Recession direction: min c'd, Gd >= 0, Ed = 0, Qd = 0, -1 <= d_j <= 1.
    int rowsD = mg + me + n + 2 * n;
    Rational[][] a = new Rational[rowsD][];
    Relation[] relD = new Relation[rowsD];
    Rational[] b = new Rational[rowsD];
    int r = 0;
    for (int i = 0; i < mg; i++, r++) {
      a[r] = qp.g().row(i);
      relD[r] = Relation.GE;
      b[r] = Rational.ZERO;
    }
    for (int i = 0; i < me; i++, r++) {
      a[r] = qp.e().row(i);
      relD[r] = Relation.EQ;
      b[r] = Rational.ZERO;
    }
    for (int i = 0; i < n; i++, r++) {
      a[r] = qp.q().row(i);
      relD[r] = Relation.EQ;
      b[r] = Rational.ZERO;
    }
    for (int j = 0; j < n; j++) {
      Rational[] e = QVectors.zeros(n);
      e[j] = Rational.ONE;
      a[r] = e;
      relD[r] = Relation.LE;
      b[r++] = Rational.ONE;
      a[r] = e.clone();
      relD[r] = Relation.GE;
      b[r++] = Rational.of(-1);
    }
    LpResult dr =
        LpSolver.solve(
            new LinearProgram(qp.c(), QMatrix.of(a, n), relD, b, new Rational[n]));
    Rational[] d = dr.x();
    Rational value = dr.value();
    if (dr.status() != LpStatus.OPTIMAL || d == null || value == null || value.signum() >= 0) {
      throw new AssertionError(
          "Lemke ended on a ray but the QP is feasible and has no improving recession direction");
    }
    return QpResult.unbounded(x0, d);
  }
}
