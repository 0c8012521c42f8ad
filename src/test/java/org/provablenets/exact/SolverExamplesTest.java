package org.provablenets.exact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provablenets.testutil.Q.m;
import static org.provablenets.testutil.Q.q;
import static org.provablenets.testutil.Q.v;

import org.provablenets.exact.Rational;
import org.junit.jupiter.api.Test;
import org.provablenets.cert.CertificateChecker;
import org.provablenets.cert.Verdict;
import org.provablenets.exact.lp.LinearProgram;
import org.provablenets.exact.lp.LpResult;
import org.provablenets.exact.lp.LpSolver;
import org.provablenets.exact.lp.LpStatus;
import org.provablenets.exact.lp.Relation;
import org.provablenets.exact.qp.QpResult;
import org.provablenets.exact.qp.QpSolver;
import org.provablenets.exact.qp.QuadraticProgram;

/** Worked LP and QP examples with answers computed by hand. */
class SolverExamplesTest {
  private static final Relation LE = Relation.LE;
  private static final Relation GE = Relation.GE;
  private static final Relation EQ = Relation.EQ;

  private static LpResult solveAndCheck(LinearProgram lp) {
    LpResult r = LpSolver.solve(lp);
    Verdict verdict = CertificateChecker.checkLp(lp, r);
    assertTrue(verdict.accepted(), verdict.toString());
    return r;
  }

  private static QpResult solveAndCheck(QuadraticProgram qp) {
    QpResult r = QpSolver.solve(qp);
    Verdict verdict = CertificateChecker.checkQp(qp, r);
    assertTrue(verdict.accepted(), verdict.toString());
    return r;
  }

  @Test
  void textbookLp() {
    // max x + y s.t. x + 2y <= 4, 3x + y <= 6: the vertex (8/5, 6/5), value 14/5.
    LinearProgram lp =
        LinearProgram.nonNegative(v("-1 -1"), m("1 2; 3 1", 2), new Relation[] {LE, LE}, v("4 6"));
    LpResult r = solveAndCheck(lp);
    assertEquals(LpStatus.OPTIMAL, r.status());
    assertArrayEquals(v("8/5 6/5"), r.x());
    assertEquals(q("-14/5"), r.value());
  }

  @Test
  void freeVariablesAndEquality() {
    // min x1 + 2 x2 s.t. x1 + x2 = 1, x1 - x2 >= -3, x2 >= -5 (row), x1, x2 free.
    // x1 = 1 - x2, so the objective is 1 + x2 with x2 <= 2 and x2 >= -5: x2 = -5, x1 = 6.
    LinearProgram lp =
        new LinearProgram(
            v("1 2"), m("1 1; 1 -1; 0 1", 2), new Relation[] {EQ, GE, GE}, v("1 -3 -5"),
            new Rational[2]);
    LpResult r = solveAndCheck(lp);
    assertEquals(LpStatus.OPTIMAL, r.status());
    assertArrayEquals(v("6 -5"), r.x());
    assertEquals(q("-4"), r.value());
  }

  @Test
  void lowerBoundsAreShifted() {
    // min x s.t. x >= 3/2 as a variable bound and x <= 7 as a row.
    LinearProgram lp =
        new LinearProgram(v("1"), m("1", 1), new Relation[] {LE}, v("7"), v("3/2"));
    LpResult r = solveAndCheck(lp);
    assertEquals(q("3/2"), r.value());
  }

  @Test
  void infeasibleLp() {
    LinearProgram lp =
        LinearProgram.nonNegative(v("1 1"), m("1 1; 1 1", 2), new Relation[] {GE, LE}, v("2 1"));
    assertEquals(LpStatus.INFEASIBLE, solveAndCheck(lp).status());
  }

  @Test
  void unboundedLp() {
    LinearProgram lp =
        LinearProgram.nonNegative(v("-1 0"), m("1 -1", 2), new Relation[] {LE}, v("1"));
    LpResult r = solveAndCheck(lp);
    assertEquals(LpStatus.UNBOUNDED, r.status());
  }

  @Test
  void degenerateLpWithRepeatedRows() {
    // The same constraint three times and a redundant equality: Bland's rule must terminate.
    LinearProgram lp =
        LinearProgram.nonNegative(
            v("-1 -1"),
            m("1 1; 1 1; 1 1; 2 2; 1 0", 2),
            new Relation[] {LE, LE, LE, EQ, LE},
            v("1 1 1 2 1"));
    LpResult r = solveAndCheck(lp);
    assertEquals(q("-1"), r.value());
  }

  @Test
  void emptyConstraintSet() {
    LinearProgram lp =
        LinearProgram.nonNegative(v("2 3"), m("", 2), new Relation[0], new Rational[0]);
    LpResult r = solveAndCheck(lp);
    assertEquals(q("0"), r.value());
  }

  @Test
  void qpWithActiveBound() {
    // min 1/2 x^2 - x s.t. x >= 2: x = 2, value 0, multiplier 1.
    QuadraticProgram qp =
        new QuadraticProgram(m("1", 1), v("-1"), q("0"), m("1", 1), v("2"), m("", 1), v(""));
    QpResult r = solveAndCheck(qp);
    assertEquals(LpStatus.OPTIMAL, r.status());
    assertArrayEquals(v("2"), r.x());
    assertArrayEquals(v("1"), r.lambda());
    assertEquals(q("0"), r.value());
  }

  @Test
  void qpWithSingularQ() {
    // min 1/2 (x + y)^2 - 2 (x + y) + 5 s.t. x, y >= 0: every point with x + y = 2 is optimal.
    QuadraticProgram qp =
        new QuadraticProgram(
            m("1 1; 1 1", 2), v("-2 -2"), q("5"), m("1 0; 0 1", 2), v("0 0"), m("", 2), v(""));
    QpResult r = solveAndCheck(qp);
    assertEquals(q("3"), r.value());
    Rational[] x = r.x();
    assertNotNull(x);
    assertEquals(q("2"), x[0].add(x[1]));
  }

  @Test
  void qpWithEqualityAndFreeVariables() {
    // min x^2 + y^2 s.t. x + y = 1: x = y = 1/2, value 1/2, mu = 1.
    QuadraticProgram qp =
        new QuadraticProgram(
            m("2 0; 0 2", 2), v("0 0"), q("0"), m("", 2), v(""), m("1 1", 2), v("1"));
    QpResult r = solveAndCheck(qp);
    assertArrayEquals(v("1/2 1/2"), r.x());
    assertArrayEquals(v("1"), r.mu());
    assertEquals(q("1/2"), r.value());
  }

  @Test
  void unboundedQp() {
    // min 1/2 x^2 - y: unbounded along y.
    QuadraticProgram qp =
        new QuadraticProgram(
            m("1 0; 0 0", 2), v("0 -1"), q("0"), m("", 2), v(""), m("", 2), v(""));
    assertEquals(LpStatus.UNBOUNDED, solveAndCheck(qp).status());
  }

  @Test
  void infeasibleQp() {
    QuadraticProgram qp =
        new QuadraticProgram(
            m("1", 1), v("0"), q("0"), m("1; -1", 1), v("1 0"), m("", 1), v(""));
    assertEquals(LpStatus.INFEASIBLE, solveAndCheck(qp).status());
  }

  @Test
  void nonPsdQIsRejectedWithAWitness() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new QuadraticProgram(
                    m("1 2; 2 1", 2), v("0 0"), q("0"), m("", 2), v(""), m("", 2), v("")));
    assertTrue(e.getMessage().contains("not positive semidefinite"), e.getMessage());
  }
}
