package org.provablenets.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provablenets.testutil.Q.m;
import static org.provablenets.testutil.Q.q;
import static org.provablenets.testutil.Q.v;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.provablenets.exact.Rational;
import org.provablenets.exact.lp.LinearProgram;
import org.provablenets.exact.lp.LpResult;
import org.provablenets.exact.lp.Relation;
import org.provablenets.exact.qp.QpResult;
import org.provablenets.exact.qp.QuadraticProgram;

/**
 * The certificate checker on hand-made certificates: one accepted certificate per status, and for
 * each condition a certificate that breaks exactly that condition, with the exact rejection
 * message (condition, place and amount). Every number is worked out by hand in the comments.
 */
class CertificateCheckerTest {
  private static final Relation LE = Relation.LE;
  private static final Relation GE = Relation.GE;
  private static final Relation EQ = Relation.EQ;

  // ------------------------------------------------------------------ LP fixtures

  /**
   * LP1: min -x1 - x2 s.t. x1 + 2 x2 <= 4, 3 x1 + x2 <= 6, x >= 0. Both rows are tight at the
   * optimum x = (8/5, 6/5) (solve the 2x2 system), value -8/5 - 6/5 = -14/5. Dual: A'y = c with
   * y1 + 3 y2 = -1, 2 y1 + y2 = -1 gives y = (-2/5, -1/5) (both <= 0 as <= rows need), reduced
   * costs 0, dual value 4(-2/5) + 6(-1/5) = -14/5.
   */
  private static LinearProgram lp1() {
    return LinearProgram.nonNegative(v("-1 -1"), m("1 2; 3 1", 2), new Relation[] {LE, LE}, v("4 6"));
  }

  /**
   * LP2: min 3 x1 + x2 + x3 s.t. x1 + x2 >= 3, x2 - x3 = 1, x1 >= 1, x2 free, x3 >= 0. With x2 = 1 +
   * x3 the objective is 3 x1 + 2 x3 + 1 under x1 + x3 >= 2, so x1 = 1, x3 = 1, x2 = 2, value 6.
   * Dual: r = c - A'y = (3 - y1, 1 - y1 - y2, 1 + y2); r2 = 0 (x2 free) gives y2 = 1 - y1; the dual
   * value 3 y1 + y2 + 1 * r1 = y1 + 4 equals 6 at y1 = 2: y = (2, -1), r = (1, 0, 0). The lower
   * bound 1 of x1 contributes l1 r1 = 1 to the dual value 3*2 + 1*(-1) + 1 = 6.
   */
  private static LinearProgram lp2() {
    return new LinearProgram(
        v("3 1 1"),
        m("1 1 0; 0 1 -1", 3),
        new Relation[] {GE, EQ},
        v("3 1"),
        new Rational[] {q("1"), null, q("0")});
  }

  /** LP3: x1 + x2 >= 2 and x1 + x2 <= 1 with x >= 0: infeasible, Farkas y = (1, -1). */
  private static LinearProgram lp3() {
    return LinearProgram.nonNegative(v("1 1"), m("1 1; 1 1", 2), new Relation[] {GE, LE}, v("2 1"));
  }

  /** LP4: min -x1 s.t. x1 - x2 <= 1, x >= 0: unbounded along d = (1, 1) from x = (0, 0). */
  private static LinearProgram lp4() {
    return LinearProgram.nonNegative(v("-1 0"), m("1 -1", 2), new Relation[] {LE}, v("1"));
  }

  /**
   * LP5: min -x1 - x2 s.t. x1 - x2 = 0, x1 + x2 >= 1, both free: unbounded along d = (1, 1), A d =
   * (0, 2), c'd = -2, from x = (1/2, 1/2).
   */
  private static LinearProgram lp5() {
    return new LinearProgram(
        v("-1 -1"), m("1 -1; 1 1", 2), new Relation[] {EQ, GE}, v("0 1"), new Rational[2]);
  }

  private static String failure(LinearProgram lp, LpResult r) {
    Verdict v = CertificateChecker.checkLp(lp, r);
    assertFalse(v.accepted(), "expected a rejection");
    return v.failure();
  }

  private static String failure(QuadraticProgram qp, QpResult r) {
    Verdict v = CertificateChecker.checkQp(qp, r);
    assertFalse(v.accepted(), "expected a rejection");
    return v.failure();
  }

  // ------------------------------------------------------------------ LP OPTIMAL

  @Test
  void lpOptimalAcceptedListsEveryCondition() {
    Verdict v = CertificateChecker.checkLp(lp1(), LpResult.optimal(v("8/5 6/5"), v("-2/5 -1/5"), q("-14/5")));
    assertTrue(v.accepted(), v.toString());
    assertNull(v.failure());
    assertEquals(
        List.of(
            "x is feasible",
            "y has the signs its constraints require",
            "reduced cost c - A'y has the signs dual feasibility requires",
            "c'x equals the claimed value",
            "the dual value b'y + sum l_j r_j equals the claimed value"),
        v.checked());
  }

  @Test
  void lpOptimalWithLowerBoundFreeVariableAndEqualityIsAccepted() {
    // LP2 at x = (1, 2, 1), y = (2, -1): the GE row is tight (1 + 2 = 3), x1 sits on its bound 1,
    // and the dual value needs the term l1 r1 = 1 (see lp2()).
    Verdict v = CertificateChecker.checkLp(lp2(), LpResult.optimal(v("1 2 1"), v("2 -1"), q("6")));
    assertTrue(v.accepted(), v.toString());
  }

  @Test
  void lpOptimalNeedsAllThreeParts() {
    String need = "an OPTIMAL certificate needs x, y and the value";
    assertEquals(need, failure(lp1(), LpResult.optimal(null, v("-2/5 -1/5"), q("-14/5"))));
    assertEquals(need, failure(lp1(), LpResult.optimal(v("8/5 6/5"), null, q("-14/5"))));
    assertEquals(need, failure(lp1(), LpResult.optimal(v("8/5 6/5"), v("-2/5 -1/5"), null)));
  }

  @Test
  void lpOptimalLengths() {
    assertEquals(
        "x has 1 entries, expected 2",
        failure(lp1(), LpResult.optimal(v("8/5"), v("-2/5 -1/5"), q("-14/5"))));
    assertEquals(
        "y has 3 entries, expected 2",
        failure(lp1(), LpResult.optimal(v("8/5 6/5"), v("-2/5 -1/5 0"), q("-14/5"))));
  }

  @Test
  void lpPrimalRowViolations() {
    // x = (2, 2) in LP1: row 1 is 2 + 4 = 6 > 4 (by 2).
    assertEquals(
        "constraint 1 is violated: 6 <= 4 fails by 2",
        failure(lp1(), LpResult.optimal(v("2 2"), v("-2/5 -1/5"), q("-4"))));
    // x = (7/3, 0): row 1 is 7/3 <= 4, row 2 is 7 > 6 (by 1).
    assertEquals(
        "constraint 2 is violated: 7 <= 6 fails by 1",
        failure(lp1(), LpResult.optimal(v("7/3 0"), v("-2/5 -1/5"), q("-7/3"))));
    // LP2, x = (1, 1, 0): row 1 is 1 + 1 = 2 < 3 (by 1).
    assertEquals(
        "constraint 1 is violated: 2 >= 3 fails by 1",
        failure(lp2(), LpResult.optimal(v("1 1 0"), v("2 -1"), q("4"))));
    // LP2, x = (1, 2, 0): row 1 is 3 >= 3, row 2 is 2 - 0 = 2 != 1 (above by 1).
    assertEquals(
        "constraint 2 is violated: 2 = 1 fails by 1",
        failure(lp2(), LpResult.optimal(v("1 2 0"), v("2 -1"), q("5"))));
    // LP2, x = (2, 1, 1): row 1 is 3, row 2 is 1 - 1 = 0 != 1 (below by 1).
    assertEquals(
        "constraint 2 is violated: 0 = 1 fails by 1",
        failure(lp2(), LpResult.optimal(v("2 1 1"), v("2 -1"), q("8"))));
  }

  @Test
  void lpLowerBoundViolations() {
    // LP1, x = (-1, 0): rows -1 <= 4, -3 <= 6 hold; x1 < 0.
    assertEquals(
        "x_1 = -1 is below its lower bound 0",
        failure(lp1(), LpResult.optimal(v("-1 0"), v("-2/5 -1/5"), q("1"))));
    // LP1, x = (0, -1): rows -2 <= 4, -1 <= 6 hold; x2 < 0.
    assertEquals(
        "x_2 = -1 is below its lower bound 0",
        failure(lp1(), LpResult.optimal(v("0 -1"), v("-2/5 -1/5"), q("1"))));
    // LP2, x = (1/2, 5/2, 3/2): row 1 is 3, row 2 is 1; x1 = 1/2 < 1 (the bound is 1, not 0).
    assertEquals(
        "x_1 = 1/2 is below its lower bound 1",
        failure(lp2(), LpResult.optimal(v("1/2 5/2 3/2"), v("2 -1"), q("11/2"))));
  }

  @Test
  void lpDualSignViolations() {
    assertEquals(
        "y_1 = 2/5 has the wrong sign for a <= constraint",
        failure(lp1(), LpResult.optimal(v("8/5 6/5"), v("2/5 -1/5"), q("-14/5"))));
    assertEquals(
        "y_2 = 1/5 has the wrong sign for a <= constraint",
        failure(lp1(), LpResult.optimal(v("8/5 6/5"), v("-2/5 1/5"), q("-14/5"))));
    assertEquals(
        "y_1 = -1 has the wrong sign for a >= constraint",
        failure(lp2(), LpResult.optimal(v("1 2 1"), v("-1 -1"), q("6"))));
  }

  @Test
  void lpReducedCostViolations() {
    // LP1, y = 0: r = c = (-1, -1), negative on the bounded x1 first.
    assertEquals(
        "reduced cost c - A'y of x_1 is -1 < 0",
        failure(lp1(), LpResult.optimal(v("8/5 6/5"), v("0 0"), q("-14/5"))));
    // LP1, y = (-1/2, 0): r = (-1 + 1/2, -1 + 1) = (-1/2, 0): x_1 again; y = (0, -1/2):
    // r = (-1 + 3/2, -1 + 1/2) = (1/2, -1/2): x_2.
    assertEquals(
        "reduced cost c - A'y of x_2 is -1/2 < 0",
        failure(lp1(), LpResult.optimal(v("8/5 6/5"), v("0 -1/2"), q("-14/5"))));
    // LP2, y = (2, 0): r2 = 1 - 2 - 0 = -1 on the free x2 (must be 0).
    assertEquals(
        "reduced cost c - A'y of free variable x_2 is -1, not 0",
        failure(lp2(), LpResult.optimal(v("1 2 1"), v("2 0"), q("6"))));
    // LP2, y = (4, -3): r = (3 - 4, 1 - 4 + 3, 1 - 3) = (-1, 0, -2): the bounded x1 first.
    assertEquals(
        "reduced cost c - A'y of x_1 is -1 < 0",
        failure(lp2(), LpResult.optimal(v("1 2 1"), v("4 -3"), q("6"))));
    // LP2, y = (1, -2): r = (3 - 1, 1 - 1 + 2, 1 - 2) = (2, 2, -1): the free x2 fails first.
    assertEquals(
        "reduced cost c - A'y of free variable x_2 is 2, not 0",
        failure(lp2(), LpResult.optimal(v("1 2 1"), v("1 -2"), q("6"))));
    // LP2, y = (3, -2): r = (3 - 3, 1 - 3 + 2, 1 - 2) = (0, 0, -1): only the bounded x3 fails.
    assertEquals(
        "reduced cost c - A'y of x_3 is -1 < 0",
        failure(lp2(), LpResult.optimal(v("1 2 1"), v("3 -2"), q("6"))));
  }

  @Test
  void lpValueMismatches() {
    // c'x = -14/5 but -3 is claimed: difference -14/5 + 3 = 1/5.
    assertEquals(
        "c'x equals the claimed value fails: -14/5 vs -3 (difference 1/5)",
        failure(lp1(), LpResult.optimal(v("8/5 6/5"), v("-2/5 -1/5"), q("-3"))));
    // y = (0, -1): r = (-1 + 3, -1 + 1) = (2, 0) >= 0, dual value 6(-1) = -6, not -14/5;
    // difference -6 + 14/5 = -16/5.
    assertEquals(
        "the dual value b'y + sum l_j r_j equals the claimed value fails: -6 vs -14/5"
            + " (difference -16/5)",
        failure(lp1(), LpResult.optimal(v("8/5 6/5"), v("0 -1"), q("-14/5"))));
    // LP2 with y = (1, 0): r = (2, 0, 1), dual value 3*1 + 1*0 + 1*2 + 0*1 = 5, not 6: the lower
    // bound term l1 r1 = 2 is part of it.
    assertEquals(
        "the dual value b'y + sum l_j r_j equals the claimed value fails: 5 vs 6 (difference -1)",
        failure(lp2(), LpResult.optimal(v("1 2 1"), v("1 0"), q("6"))));
  }

  // ------------------------------------------------------------------ LP INFEASIBLE

  @Test
  void lpInfeasibleAccepted() {
    // LP3, y = (1, -1): signs fit (>= row y1 >= 0, <= row y2 <= 0), -A'y = -(1 - 1, 1 - 1) = 0,
    // b'y = 2 - 1 = 1 > 0.
    Verdict v = CertificateChecker.checkLp(lp3(), LpResult.infeasible(v("1 -1")));
    assertTrue(v.accepted(), v.toString());
    assertEquals(
        List.of(
            "Farkas y has the signs its constraints require",
            "-A'y has the signs dual feasibility requires",
            "b'y + sum l_j r_j = 1 > 0"),
        v.checked());
  }

  @Test
  void lpInfeasibleWithLowerBoundAndFreeVariable() {
    // x1 >= 2 (bound) and the row x1 <= 1: y = (-1), r = -A'y = 1 >= 0, value
    // b'y + l1 r1 = -1 + 2 = 1 > 0 (only the bound term makes it positive).
    LinearProgram bounded =
        new LinearProgram(v("0"), m("1", 1), new Relation[] {LE}, v("1"), v("2"));
    assertTrue(CertificateChecker.checkLp(bounded, LpResult.infeasible(v("-1"))).accepted());
    // Free x1 with rows x1 >= 1, x1 <= 0: y = (1, -1), r = -(1 - 1) = 0, value 1 - 0 = 1 > 0.
    LinearProgram free =
        new LinearProgram(v("0"), m("1; 1", 1), new Relation[] {GE, LE}, v("1 0"), new Rational[1]);
    assertTrue(CertificateChecker.checkLp(free, LpResult.infeasible(v("1 -1"))).accepted());
    // y = (1, 0): r = -1 on the free x1.
    assertEquals(
        "-A'y of free variable x_1 is -1, not 0",
        failure(free, LpResult.infeasible(v("1 0"))));
  }

  @Test
  void lpInfeasibleRejections() {
    assertEquals(
        "an INFEASIBLE certificate needs a Farkas vector y",
        failure(lp3(), LpResult.infeasible(null)));
    assertEquals("y has 1 entries, expected 2", failure(lp3(), LpResult.infeasible(v("1"))));
    assertEquals(
        "Farkas y_2 = 1 has the wrong sign for a <= constraint",
        failure(lp3(), LpResult.infeasible(v("1 1"))));
    assertEquals(
        "Farkas y_1 = -1 has the wrong sign for a >= constraint",
        failure(lp3(), LpResult.infeasible(v("-1 -1"))));
    // y = (1, -1/2): -A'y = -(1/2, 1/2) < 0 on x1.
    assertEquals("-A'y of x_1 is -1/2 < 0", failure(lp3(), LpResult.infeasible(v("1 -1/2"))));
    // y = 0: everything holds except the strict inequality: 0 is not > 0.
    assertEquals(
        "Farkas condition b'y + sum l_j r_j > 0 fails: it is 0",
        failure(lp3(), LpResult.infeasible(v("0 0"))));
    // y = (0, -1): -A'y = (1, 1) >= 0, b'y = -1.
    assertEquals(
        "Farkas condition b'y + sum l_j r_j > 0 fails: it is -1",
        failure(lp3(), LpResult.infeasible(v("0 -1"))));
  }

  // ------------------------------------------------------------------ LP UNBOUNDED

  @Test
  void lpUnboundedAccepted() {
    // LP4: x = (0, 0) feasible (0 <= 1), d = (1, 1): A d = 0 <= 0, d >= 0, c'd = -1.
    Verdict v = CertificateChecker.checkLp(lp4(), LpResult.unbounded(v("0 0"), v("1 1")));
    assertTrue(v.accepted(), v.toString());
    assertEquals(
        List.of("x is feasible", "ray stays in the recession cone", "c'd = -1 < 0"), v.checked());
    // LP5 (= and >= rows, free variables): x = (1/2, 1/2), d = (1, 1), A d = (0, 2), c'd = -2.
    assertTrue(
        CertificateChecker.checkLp(lp5(), LpResult.unbounded(v("1/2 1/2"), v("1 1"))).accepted());
    // A free variable may move downwards: min x1, no rows, x1 free, d = (-1), c'd = -1.
    LinearProgram free =
        new LinearProgram(v("1"), m("", 1), new Relation[0], new Rational[0], new Rational[1]);
    assertTrue(CertificateChecker.checkLp(free, LpResult.unbounded(v("5"), v("-1"))).accepted());
  }

  @Test
  void lpUnboundedRejections() {
    String need = "an UNBOUNDED certificate needs a feasible x and a ray d";
    assertEquals(need, failure(lp4(), LpResult.unbounded(null, v("1 1"))));
    assertEquals(need, failure(lp4(), LpResult.unbounded(v("0 0"), null)));
    assertEquals(
        "x has 3 entries, expected 2", failure(lp4(), LpResult.unbounded(v("0 0 0"), v("1 1"))));
    assertEquals(
        "ray d has 1 entries, expected 2", failure(lp4(), LpResult.unbounded(v("0 0"), v("1"))));
    // x = (2, 0): 2 > 1.
    assertEquals(
        "constraint 1 is violated: 2 <= 1 fails by 1",
        failure(lp4(), LpResult.unbounded(v("2 0"), v("1 1"))));
    // d = (1, 0): A d = 1 > 0.
    assertEquals(
        "ray: row 1 of A d is violated: 1 <= 0 fails by 1",
        failure(lp4(), LpResult.unbounded(v("0 0"), v("1 0"))));
    // d = (-1, -1): A d = 0, but d1 < 0 on a bounded variable.
    assertEquals(
        "ray: d_1 = -1 < 0 on a variable bounded below",
        failure(lp4(), LpResult.unbounded(v("0 0"), v("-1 -1"))));
    // d = (0, 1): A d = -1 <= 0, d >= 0, c'd = 0: not improving.
    assertEquals(
        "ray does not improve: c'd = 0 >= 0",
        failure(lp4(), LpResult.unbounded(v("0 0"), v("0 1"))));
    // LP5, d = (1, 0): row 1 of A d is 1 != 0.
    assertEquals(
        "ray: row 1 of A d is violated: 1 = 0 fails by 1",
        failure(lp5(), LpResult.unbounded(v("1/2 1/2"), v("1 0"))));
    // LP5, d = (-1, -1): row 1 is 0, row 2 is -2 < 0.
    assertEquals(
        "ray: row 2 of A d is violated: -2 >= 0 fails by 2",
        failure(lp5(), LpResult.unbounded(v("1/2 1/2"), v("-1 -1"))));
    // LP5, d = (1/2, 1/2) from x = (0, 0): x violates row 2 (0 < 1).
    assertEquals(
        "constraint 2 is violated: 0 >= 1 fails by 1",
        failure(lp5(), LpResult.unbounded(v("0 0"), v("1/2 1/2"))));
    // LP1 (two bounded variables), d = (1, -1): A d = (1 - 2, 3 - 1) = (-1, 2): row 2 fails.
    assertEquals(
        "ray: row 2 of A d is violated: 2 <= 0 fails by 2",
        failure(lp1(), LpResult.unbounded(v("0 0"), v("1 -1"))));
    // LP1, d = (-2, 1): A d = (-2 + 2, -6 + 1) = (0, -5) <= 0, and d_1 = -2 < 0.
    assertEquals(
        "ray: d_1 = -2 < 0 on a variable bounded below",
        failure(lp1(), LpResult.unbounded(v("0 0"), v("-2 1"))));
    // LP1, d = (1, -3): A d = (1 - 6, 3 - 3) = (-5, 0) <= 0, d_2 = -3 < 0.
    assertEquals(
        "ray: d_2 = -3 < 0 on a variable bounded below",
        failure(lp1(), LpResult.unbounded(v("0 0"), v("1 -3"))));
  }

  // ------------------------------------------------------------------ LP dual bound, certify

  @Test
  void lpDualBoundValues() {
    // LP1, y = (-2/5, -1/5): the optimum -14/5. y = (0, -1): r = (2, 0), bound b'y = -6.
    assertEquals(q("-14/5"), CertificateChecker.lpDualBound(lp1(), v("-2/5 -1/5")));
    assertEquals(q("-6"), CertificateChecker.lpDualBound(lp1(), v("0 -1")));
    // LP2, y = (1, 0): r = (2, 0, 1), bound 3*1 + 1*0 + l1 r1 + l3 r3 = 3 + 2 + 0 = 5.
    assertEquals(q("5"), CertificateChecker.lpDualBound(lp2(), v("1 0")));
    assertEquals(q("6"), CertificateChecker.lpDualBound(lp2(), v("2 -1")));
  }

  @Test
  void lpDualBoundRejections() {
    CertificateRejectedException e =
        assertThrows(
            CertificateRejectedException.class,
            () -> CertificateChecker.lpDualBound(lp1(), v("-1")));
    assertEquals("dual vector rejected: y has 1 entries, expected 2", e.getMessage());
    e =
        assertThrows(
            CertificateRejectedException.class,
            () -> CertificateChecker.lpDualBound(lp1(), v("1 -1")));
    assertEquals(
        "dual vector rejected: y_1 = 1 has the wrong sign for a <= constraint", e.getMessage());
    e =
        assertThrows(
            CertificateRejectedException.class,
            () -> CertificateChecker.lpDualBound(lp1(), v("0 0")));
    assertEquals("dual vector rejected: reduced cost c - A'y of x_1 is -1 < 0", e.getMessage());
  }

  @Test
  void lpCertify() {
    LpResult good = LpResult.optimal(v("8/5 6/5"), v("-2/5 -1/5"), q("-14/5"));
    assertSame(good, CertificateChecker.certify(lp1(), good));
    CertificateRejectedException e =
        assertThrows(
            CertificateRejectedException.class,
            () ->
                CertificateChecker.certify(
                    lp1(), LpResult.optimal(v("8/5 6/5"), v("-2/5 -1/5"), q("-3"))));
    assertEquals(
        "LP certificate rejected: c'x equals the claimed value fails: -14/5 vs -3 (difference 1/5)",
        e.getMessage());
  }

  // ------------------------------------------------------------------ QP fixtures

  /**
   * QP2: min x1^2 + x2^2 + 1 (Q = 2I, c = 0, k = 1) s.t. x1 >= 3/4, x2 >= 0, x1 + x2 = 1. On the
   * line the unconstrained minimiser (1/2, 1/2) breaks x1 >= 3/4, so x = (3/4, 1/4). Stationarity
   * Qx + c = (3/2, 1/2) = (lambda1 + mu, lambda2 + mu) with lambda2 = 0 (x2 > 0) gives mu = 1/2,
   * lambda = (1, 0). Value 9/16 + 1/16 + 1 = 13/8.
   */
  private static QuadraticProgram qp2() {
    return new QuadraticProgram(
        m("2 0; 0 2", 2), v("0 0"), q("1"), m("1 0; 0 1", 2), v("3/4 0"), m("1 1", 2), v("1"));
  }

  /** QP4: min 1/2 x^2 s.t. x >= 6 and x = 5: infeasible, Farkas lambda = 1, mu = -1. */
  private static QuadraticProgram qp4() {
    return new QuadraticProgram(m("1", 1), v("0"), q("0"), m("1", 1), v("6"), m("1", 1), v("5"));
  }

  /**
   * QP5: min 1/2 x1^2 - x2 s.t. x2 >= 0, x3 = 0: unbounded along d = (0, 1, 0) (Qd = 0, Gd = 1,
   * Ed = 0, c'd = -1) from x = 0.
   */
  private static QuadraticProgram qp5() {
    return new QuadraticProgram(
        m("1 0 0; 0 0 0; 0 0 0", 3), v("0 -1 0"), q("0"), m("0 1 0", 3), v("0"), m("0 0 1", 3),
        v("0"));
  }

  // ------------------------------------------------------------------ QP OPTIMAL

  @Test
  void qpOptimalAccepted() {
    Verdict v =
        CertificateChecker.checkQp(qp2(), QpResult.optimal(v("3/4 1/4"), v("1 0"), v("1/2"), q("13/8")));
    assertTrue(v.accepted(), v.toString());
    assertEquals(
        List.of(
            "x is feasible",
            "lambda >= 0",
            "stationarity Qx + c = G'lambda + E'mu",
            "complementary slackness lambda_i (Gx - h)_i = 0",
            "the objective at x equals the claimed value"),
        v.checked());
    assertEquals("accepted: " + String.join("; ", v.checked()), v.toString());
  }

  @Test
  void qpOptimalMissingPartsAndLengths() {
    String need = "an OPTIMAL certificate needs x, lambda, mu and the value";
    assertEquals(need, failure(qp2(), QpResult.optimal(null, v("1 0"), v("1/2"), q("13/8"))));
    assertEquals(need, failure(qp2(), QpResult.optimal(v("3/4 1/4"), null, v("1/2"), q("13/8"))));
    assertEquals(need, failure(qp2(), QpResult.optimal(v("3/4 1/4"), v("1 0"), null, q("13/8"))));
    assertEquals(need, failure(qp2(), QpResult.optimal(v("3/4 1/4"), v("1 0"), v("1/2"), null)));
    assertEquals(
        "x has 1 entries, expected 2",
        failure(qp2(), QpResult.optimal(v("3/4"), v("1 0"), v("1/2"), q("13/8"))));
    assertEquals(
        "lambda has 1 entries, expected 2",
        failure(qp2(), QpResult.optimal(v("3/4 1/4"), v("1"), v("1/2"), q("13/8"))));
    assertEquals(
        "mu has 2 entries, expected 1",
        failure(qp2(), QpResult.optimal(v("3/4 1/4"), v("1 0"), v("1/2 0"), q("13/8"))));
  }

  @Test
  void qpOptimalFeasibilityRejections() {
    // x = (1/2, 1/2): Gx - h = (-1/4, 1/2).
    assertEquals(
        "inequality 1 (Gx >= h) is violated by 1/4",
        failure(qp2(), QpResult.optimal(v("1/2 1/2"), v("1 0"), v("1/2"), q("3/2"))));
    // x = (3/2, -1/2): Gx - h = (3/4, -1/2); Ex = 1.
    assertEquals(
        "inequality 2 (Gx >= h) is violated by 1/2",
        failure(qp2(), QpResult.optimal(v("3/2 -1/2"), v("1 0"), v("1/2"), q("7/2"))));
    // x = (1, 1/4): G part holds, Ex - f = 5/4 - 1 = 1/4.
    assertEquals(
        "equality 1 (Ex = f) is violated by 1/4",
        failure(qp2(), QpResult.optimal(v("1 1/4"), v("1 0"), v("1/2"), q("33/16"))));
    // x = (3/4, 0): Ex - f = -1/4 (the signed residual is printed).
    assertEquals(
        "equality 1 (Ex = f) is violated by -1/4",
        failure(qp2(), QpResult.optimal(v("3/4 0"), v("1 0"), v("1/2"), q("25/16"))));
  }

  @Test
  void qpOptimalMultiplierRejections() {
    // lambda2 = -1 < 0 at the optimal x (the signs are checked before stationarity).
    assertEquals(
        "lambda_2 = -1 < 0",
        failure(qp2(), QpResult.optimal(v("3/4 1/4"), v("1 -1"), v("1/2"), q("13/8"))));
    // lambda = (1, 0), mu = 0: G'lambda + E'mu = (1, 0) vs Qx + c = (3/2, 1/2).
    assertEquals(
        "stationarity Qx + c = G'lambda + E'mu fails at coordinate 1: 3/2 vs 1",
        failure(qp2(), QpResult.optimal(v("3/4 1/4"), v("1 0"), v("0"), q("13/8"))));
    // lambda = (3/2, 0), mu = 0: (3/2, 0) matches coordinate 1 only.
    assertEquals(
        "stationarity Qx + c = G'lambda + E'mu fails at coordinate 2: 1/2 vs 0",
        failure(qp2(), QpResult.optimal(v("3/4 1/4"), v("3/2 0"), v("0"), q("13/8"))));
    // x = (1, 0) (feasible: 1 >= 3/4, 0 >= 0, 1 + 0 = 1), Qx + c = (2, 0); lambda = (2, 0),
    // mu = 0 is stationary, but lambda1 (x1 - 3/4) = 2 * 1/4 = 1/2. Objective 1 + 0 + 1 = 2.
    assertEquals(
        "complementary slackness fails at inequality 1: lambda_1 * (Gx - h)_1 = 1/2",
        failure(qp2(), QpResult.optimal(v("1 0"), v("2 0"), v("0"), q("2"))));
    // At the optimum, lambda = (1 + t, t), mu = 1/2 - t is stationary for every t; t = 1 gives
    // lambda2 (x2 - 0) = 1 * 1/4 = 1/4.
    assertEquals(
        "complementary slackness fails at inequality 2: lambda_2 * (Gx - h)_2 = 1/4",
        failure(qp2(), QpResult.optimal(v("3/4 1/4"), v("2 1"), v("-1/2"), q("13/8"))));
    // The value 3/2 is claimed instead of 13/8.
    assertEquals(
        "the objective at x equals the claimed value fails: 13/8 vs 3/2 (difference 1/8)",
        failure(qp2(), QpResult.optimal(v("3/4 1/4"), v("1 0"), v("1/2"), q("3/2"))));
  }

  // ------------------------------------------------------------------ QP INFEASIBLE

  @Test
  void qpInfeasibleAcceptedAndRejected() {
    // lambda = 1, mu = -1: G'lambda + E'mu = 1 - 1 = 0, h'lambda + f'mu = 6 - 5 = 1 > 0.
    Verdict v = CertificateChecker.checkQp(qp4(), QpResult.infeasible(v("1"), v("-1")));
    assertTrue(v.accepted(), v.toString());
    assertEquals(
        List.of("Farkas lambda >= 0", "G'lambda + E'mu = 0", "h'lambda + f'mu = 1 > 0"),
        v.checked());
    assertEquals(
        "an INFEASIBLE certificate needs lambda and mu",
        failure(qp4(), QpResult.infeasible(null, v("-1"))));
    assertEquals(
        "an INFEASIBLE certificate needs lambda and mu",
        failure(qp4(), QpResult.infeasible(v("1"), null)));
    assertEquals(
        "lambda has 2 entries, expected 1",
        failure(qp4(), QpResult.infeasible(v("1 0"), v("-1"))));
    assertEquals(
        "mu has 0 entries, expected 1", failure(qp4(), QpResult.infeasible(v("1"), v(""))));
    assertEquals(
        "Farkas lambda_1 = -1 < 0", failure(qp4(), QpResult.infeasible(v("-1"), v("1"))));
    // lambda = 1, mu = 0: G'lambda + E'mu = 1.
    assertEquals(
        "G'lambda + E'mu = 0 fails at coordinate 1: 1 vs 0",
        failure(qp4(), QpResult.infeasible(v("1"), v("0"))));
    // lambda = 0, mu = 0: the sum 0 is not > 0.
    assertEquals(
        "Farkas condition h'lambda + f'mu > 0 fails: it is 0",
        failure(qp4(), QpResult.infeasible(v("0"), v("0"))));
  }

  // ------------------------------------------------------------------ QP UNBOUNDED

  @Test
  void qpUnboundedAcceptedAndRejected() {
    Verdict v = CertificateChecker.checkQp(qp5(), QpResult.unbounded(v("0 0 0"), v("0 1 0")));
    assertTrue(v.accepted(), v.toString());
    assertEquals(
        List.of("x is feasible", "Qd = 0", "Gd >= 0", "Ed = 0", "c'd = -1 < 0"), v.checked());
    String need = "an UNBOUNDED certificate needs a feasible x and a direction d";
    assertEquals(need, failure(qp5(), QpResult.unbounded(null, v("0 1 0"))));
    assertEquals(need, failure(qp5(), QpResult.unbounded(v("0 0 0"), null)));
    assertEquals(
        "x has 2 entries, expected 3", failure(qp5(), QpResult.unbounded(v("0 0"), v("0 1 0"))));
    assertEquals(
        "direction d has 2 entries, expected 3",
        failure(qp5(), QpResult.unbounded(v("0 0 0"), v("0 1"))));
    // x = (0, -1, 0): x2 >= 0 fails by 1.
    assertEquals(
        "inequality 1 (Gx >= h) is violated by 1",
        failure(qp5(), QpResult.unbounded(v("0 -1 0"), v("0 1 0"))));
    // x = (0, 0, 2): x3 = 0 fails by 2.
    assertEquals(
        "equality 1 (Ex = f) is violated by 2",
        failure(qp5(), QpResult.unbounded(v("0 0 2"), v("0 1 0"))));
    // d = (1, 1, 0): Qd = (1, 0, 0).
    assertEquals(
        "Qd = 0 fails at coordinate 1: 1 vs 0",
        failure(qp5(), QpResult.unbounded(v("0 0 0"), v("1 1 0"))));
    // d = (0, -1, 0): Gd = -1.
    assertEquals(
        "direction leaves the feasible set: (Gd)_1 = -1 < 0",
        failure(qp5(), QpResult.unbounded(v("0 0 0"), v("0 -1 0"))));
    // d = (0, 1, 1): Ed = 1.
    assertEquals(
        "Ed = 0 fails at coordinate 1: 1 vs 0",
        failure(qp5(), QpResult.unbounded(v("0 0 0"), v("0 1 1"))));
    // d = 0: Qd = 0, Gd = 0 >= 0, Ed = 0, but c'd = 0 is not < 0.
    assertEquals(
        "direction does not improve: c'd = 0 >= 0",
        failure(qp5(), QpResult.unbounded(v("0 0 0"), v("0 0 0"))));
  }

  // ------------------------------------------------------------------ QP dual bound, certify

  @Test
  void qpDualBoundValues() {
    // bound = h'lambda + f'mu - 1/2 u'Qu + k.
    // u = (3/4, 1/4), lambda = (1, 0), mu = 1/2: 3/4 + 1/2 - 1/2 (2 (9/16 + 1/16)) + 1
    //   = 3/4 + 1/2 - 5/8 + 1 = 13/8 (the optimum).
    assertEquals(
        q("13/8"), CertificateChecker.qpDualBound(qp2(), v("3/4 1/4"), v("1 0"), v("1/2")));
    // u = (1/2, 1/2): Qu + c = (1, 1). lambda = 0, mu = 1: 0 + 1 - 1/2 (2 (1/4 + 1/4)) + 1 = 3/2.
    assertEquals(q("3/2"), CertificateChecker.qpDualBound(qp2(), v("1/2 1/2"), v("0 0"), v("1")));
    // lambda = (1, 1), mu = 0: 3/4 + 0 - 1/2 + 1 = 5/4.
    assertEquals(q("5/4"), CertificateChecker.qpDualBound(qp2(), v("1/2 1/2"), v("1 1"), v("0")));
  }

  @Test
  void qpDualBoundRejections() {
    assertEquals(
        "dual point rejected: u has 1 entries, expected 2",
        assertThrows(
                CertificateRejectedException.class,
                () -> CertificateChecker.qpDualBound(qp2(), v("1"), v("0 0"), v("1")))
            .getMessage());
    assertEquals(
        "dual point rejected: lambda has 3 entries, expected 2",
        assertThrows(
                CertificateRejectedException.class,
                () -> CertificateChecker.qpDualBound(qp2(), v("1/2 1/2"), v("0 0 0"), v("1")))
            .getMessage());
    assertEquals(
        "dual point rejected: mu has 0 entries, expected 1",
        assertThrows(
                CertificateRejectedException.class,
                () -> CertificateChecker.qpDualBound(qp2(), v("1/2 1/2"), v("0 0"), v("")))
            .getMessage());
    // lambda = (-1, -1), mu = 2 is stationary ((1, 1) = (-1 + 2, -1 + 2)) but negative.
    assertEquals(
        "dual point rejected: lambda_1 = -1 < 0",
        assertThrows(
                CertificateRejectedException.class,
                () -> CertificateChecker.qpDualBound(qp2(), v("1/2 1/2"), v("-1 -1"), v("2")))
            .getMessage());
    // lambda = 0, mu = 0: (0, 0) vs Qu + c = (1, 1).
    assertEquals(
        "dual point rejected: dual feasibility Qu + c = G'lambda + E'mu fails at coordinate 1:"
            + " 1 vs 0",
        assertThrows(
                CertificateRejectedException.class,
                () -> CertificateChecker.qpDualBound(qp2(), v("1/2 1/2"), v("0 0"), v("0")))
            .getMessage());
  }

  @Test
  void qpCertify() {
    QpResult good = QpResult.optimal(v("3/4 1/4"), v("1 0"), v("1/2"), q("13/8"));
    assertSame(good, CertificateChecker.certify(qp2(), good));
    CertificateRejectedException e =
        assertThrows(
            CertificateRejectedException.class,
            () -> CertificateChecker.certify(qp4(), QpResult.infeasible(v("0"), v("0"))));
    assertEquals(
        "QP certificate rejected: Farkas condition h'lambda + f'mu > 0 fails: it is 0",
        e.getMessage());
  }

  // ------------------------------------------------------------------ Verdict

  @Test
  void verdictKeepsTheFirstFailure() {
    Verdict v = new Verdict();
    assertTrue(v.accepted());
    assertEquals("accepted: ", v.toString());
    v.pass("a");
    v.pass("b");
    assertEquals("accepted: a; b", v.toString());
    v.fail("first");
    v.fail("second");
    assertFalse(v.accepted());
    assertEquals("first", v.failure());
    assertEquals("rejected: first", v.toString());
    assertEquals(List.of("a", "b"), v.checked());
    assertThrows(UnsupportedOperationException.class, () -> v.checked().add("c"));
  }
}
