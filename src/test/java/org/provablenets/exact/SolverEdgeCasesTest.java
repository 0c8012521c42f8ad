package org.provablenets.exact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provablenets.testutil.Q.m;
import static org.provablenets.testutil.Q.q;
import static org.provablenets.testutil.Q.v;

import org.junit.jupiter.api.Test;
import org.provablenets.cert.CertificateChecker;
import org.provablenets.cert.Verdict;
import org.provablenets.exact.lp.LinearProgram;
import org.provablenets.exact.lp.LpResult;
import org.provablenets.exact.lp.LpSolver;
import org.provablenets.exact.lp.LpStatus;
import org.provablenets.exact.lp.Relation;
import org.provablenets.exact.qp.FilteredQpSolver;
import org.provablenets.exact.qp.QpResult;
import org.provablenets.exact.qp.QpSolver;
import org.provablenets.exact.qp.QuadraticProgram;

/** Further LP and QP examples with answers derived by hand, each certificate checked. */
class SolverEdgeCasesTest {

  @Test
  void lpWhoseRatioTestMeetsALargerRatioOnALowerBasicIndex() {
    // min x1 - 2 x2 s.t. 2 x2 <= 3, 2 x1 + x2 >= 2, x >= 0. For fixed x2 the objective grows
    // with x1, so x1 = max(0, (2 - x2)/2) and the objective 1 - 5 x2 / 2 falls with x2 <= 3/2:
    // x = (1/4, 3/2), value 1/4 - 3 = -11/4. Both x_j > 0 force r = c - A'y = 0, i.e.
    // 2 y2 = 1 and 2 y1 + y2 = -2: y = (-5/4, 1/2) (signs: <= row y1 <= 0, >= row y2 >= 0);
    // b'y = -15/4 + 1 = -11/4.
    LinearProgram lp =
        LinearProgram.nonNegative(
            v("1 -2"), m("0 2; 2 1", 2), new Relation[] {Relation.LE, Relation.GE}, v("3 2"));
    LpResult r = LpSolver.solve(lp);
    Verdict verdict = CertificateChecker.checkLp(lp, r);
    assertTrue(verdict.accepted(), verdict.toString());
    assertEquals(LpStatus.OPTIMAL, r.status());
    assertArrayEquals(v("1/4 3/2"), r.x());
    assertArrayEquals(v("-5/4 1/2"), r.y());
    assertEquals(q("-11/4"), r.value());
  }

  @Test
  void infeasibleQpWithAnEqualityGetsAFarkasPairOnBothParts() {
    // min 1/2 x^2 s.t. x >= 6 and x = 5: infeasible. A Farkas pair needs lambda >= 0,
    // lambda + mu = 0 and 6 lambda + 5 mu = lambda > 0, so lambda > 0 and mu = -lambda.
    QuadraticProgram qp =
        new QuadraticProgram(m("1", 1), v("0"), q("0"), m("1", 1), v("6"), m("1", 1), v("5"));
    QpResult r = QpSolver.solve(qp);
    assertEquals(LpStatus.INFEASIBLE, r.status());
    Verdict verdict = CertificateChecker.checkQp(qp, r);
    assertTrue(verdict.accepted(), verdict.toString());
    Rational[] lambda = r.lambda();
    Rational[] mu = r.mu();
    assertNotNull(lambda);
    assertNotNull(mu);
    assertTrue(lambda[0].signum() > 0);
    assertEquals(lambda[0].negate(), mu[0]);
  }

  @Test
  void filteredSolverRepairsAnActiveSetWithAnEquality() {
    // min x1^2 + x2^2 + 1 s.t. x1 >= 3/4, x2 >= 0, x1 + x2 = 1. On the line the free minimiser
    // (1/2, 1/2) breaks x1 >= 3/4, so x = (3/4, 1/4); stationarity (3/2, 1/2) = (lambda1 + mu,
    // lambda2 + mu) with lambda2 = 0 (x2 > 0) gives mu = 1/2, lambda = (1, 0); value
    // 9/16 + 1/16 + 1 = 13/8. The problem is well conditioned and non-degenerate, so the
    // floating-point guess of the active set {1} is right and the exact repair succeeds.
    QuadraticProgram qp =
        new QuadraticProgram(
            m("2 0; 0 2", 2), v("0 0"), q("1"), m("1 0; 0 1", 2), v("3/4 0"), m("1 1", 2), v("1"));
    QpResult r = FilteredQpSolver.repaired(qp);
    assertNotNull(r);
    Verdict verdict = CertificateChecker.checkQp(qp, r);
    assertTrue(verdict.accepted(), verdict.toString());
    assertArrayEquals(v("3/4 1/4"), r.x());
    assertArrayEquals(v("1 0"), r.lambda());
    assertArrayEquals(v("1/2"), r.mu());
    assertEquals(q("13/8"), r.value());
    assertEquals(q("13/8"), FilteredQpSolver.solve(qp).value());
  }

  @Test
  void filteredSolverFallsBackOnAnInfeasibleQp() {
    // x >= 6 and x = 5 (see above): no KKT point exists, so the exact solver's Farkas pair is
    // returned.
    QuadraticProgram qp =
        new QuadraticProgram(m("1", 1), v("0"), q("0"), m("1", 1), v("6"), m("1", 1), v("5"));
    QpResult r = FilteredQpSolver.solve(qp);
    assertEquals(LpStatus.INFEASIBLE, r.status());
    assertTrue(CertificateChecker.checkQp(qp, r).accepted());
  }

  @Test
  void nonPsdQIsRejectedWithTheLiftedWitness() {
    // Q = [[1,2],[2,1]]: the first pivot 1 leaves the Schur complement 1 - 4 = -3 < 0, so
    // u = (0, 1) is lifted to v = (v1, 1) with Q_11 v1 = -(Q u)_1 = -2: v = (-2, 1), and
    // Qv = (0, -3), v'Qv = -3.
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> new QuadraticProgram(
                m("1 2; 2 1", 2), v("0 0"), q("0"), m("", 2), v(""), m("", 2), v("")));
    assertEquals("Q is not positive semidefinite: v'Qv = -3 < 0 for v = [-2, 1]", e.getMessage());
  }

  @Test
  void filteredSolverRepairsWithTwoEqualities() {
    // min x1^2 + x2^2 + x3^2 s.t. x1 >= 1/2, x1 + x2 = 1, x2 + x3 = 1. Without the inequality the
    // minimiser is (1/3, 2/3, 1/3) (by symmetry x1 = x3 = t, x2 = 1 - t, and 2 x2 = mu1 + mu2 =
    // 4t gives t = 1/3), which breaks x1 >= 1/2; so x1 = 1/2, x2 = 1/2, x3 = 1/2, value 3/4.
    // Stationarity 2x = (1, 1, 1) = (lambda + mu1, mu1 + mu2, mu2): mu2 = 1, mu1 = 0, lambda = 1
    // (unique: the three constraint rows are independent).
    QuadraticProgram qp =
        new QuadraticProgram(
            m("2 0 0; 0 2 0; 0 0 2", 3), v("0 0 0"), q("0"), m("1 0 0", 3), v("1/2"),
            m("1 1 0; 0 1 1", 3), v("1 1"));
    QpResult r = FilteredQpSolver.repaired(qp);
    assertNotNull(r);
    assertTrue(CertificateChecker.checkQp(qp, r).accepted());
    assertArrayEquals(v("1/2 1/2 1/2"), r.x());
    assertArrayEquals(v("1"), r.lambda());
    assertArrayEquals(v("0 1"), r.mu());
    assertEquals(q("3/4"), r.value());
  }
}
