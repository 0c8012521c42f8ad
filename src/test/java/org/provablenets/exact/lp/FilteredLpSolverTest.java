package org.provablenets.exact.lp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.provablenets.cert.CertificateChecker;
import org.provablenets.cert.Verdict;
import org.provablenets.exact.Rational;
import org.provablenets.exact.linalg.QMatrix;

/** Worked examples of the filtered LP solver, degenerate ones on purpose. */
class FilteredLpSolverTest {
  private static Rational q(long n) {
    return Rational.of(n);
  }

  private static Rational q(long n, long d) {
    return Rational.of(n, d);
  }

  private static LinearProgram lp(
      Rational[] c, Rational[][] a, Relation[] rel, Rational[] b, Rational[] lower) {
    return new LinearProgram(c, QMatrix.of(a, c.length), rel, b, lower);
  }

  private static Relation[] ge(int m) {
    Relation[] r = new Relation[m];
    java.util.Arrays.fill(r, Relation.GE);
    return r;
  }

  /**
   * The filter's first basis must pass the exact checks on its own (so that the example tests the
   * filter, not the fallback), and the answer must be the exact simplex's optimum and verify.
   */
  private static LpResult filteredPath(LinearProgram lp) {
    LpBasis g = FilteredLpSolver.guess(lp);
    assertNotNull(g, "the floating-point simplex found a basis");
    LpResult r = FilteredLpSolver.fromBasis(lp, g);
    assertNotNull(r, "the floating-point basis passed the exact checks");
    LpResult exact = LpSolver.solve(lp);
    assertEquals(LpStatus.OPTIMAL, r.status());
    assertEquals(exact.value(), r.value());
    Verdict v = CertificateChecker.checkLp(lp, r);
    assertTrue(v.accepted(), v.toString());
    LpResult viaSolve = FilteredLpSolver.solve(lp);
    assertEquals(exact.value(), viaSolve.value());
    return r;
  }

  @Test
  @DisplayName("repeated rows: x + y >= 1 three times, x, y >= 0, min x + 2y = 1")
  void repeatedRows() {
    Rational[][] a = {{q(1), q(1)}, {q(1), q(1)}, {q(2), q(2)}};
    LinearProgram p =
        lp(new Rational[] {q(1), q(2)}, a, ge(3), new Rational[] {q(1), q(1), q(2)},
            new Rational[] {q(0), q(0)});
    assertEquals(q(1), filteredPath(p).value());
  }

  @Test
  @DisplayName("ties: min x + y on x + y >= 1 has a whole edge of optima; the value is 1")
  void tiedOptima() {
    Rational[][] a = {{q(1), q(1)}, {q(1), q(-1)}, {q(-1), q(1)}};
    LinearProgram p =
        lp(new Rational[] {q(1), q(1)}, a, ge(3), new Rational[] {q(1), q(-1), q(-1)},
            new Rational[] {q(0), q(0)});
    assertEquals(q(1), filteredPath(p).value());
  }

  @Test
  @DisplayName("over-determined vertex: five rows tight at the origin of R^2 (free variables)")
  void moreTightRowsThanDimensions() {
    Rational[][] a = {{q(1), q(0)}, {q(0), q(1)}, {q(1), q(1)}, {q(1), q(-1)}, {q(2), q(1)}};
    LinearProgram p =
        lp(new Rational[] {q(3), q(1)}, a, ge(5), new Rational[] {q(0), q(0), q(0), q(0), q(0)},
            new Rational[] {null, null});
    LpResult r = filteredPath(p);
    assertEquals(q(0), r.value());
    Rational[] x = r.x();
    assertNotNull(x);
    assertEquals(q(0), x[0]);
    assertEquals(q(0), x[1]);
  }

  @Test
  @DisplayName("free variables: min |t - 5/3| + |2t + 1| as an epigraph LP (t free, e >= 0)")
  void freeVariablesAbsoluteLoss() {
    // Variables (t, e1, e2): e1 >= +-(t - 5/3), e2 >= +-(2t + 1); optimum at t = -1/2: 13/6.
    Rational[][] a = {
      {q(-1), q(1), q(0)}, {q(1), q(1), q(0)}, {q(-2), q(0), q(1)}, {q(2), q(0), q(1)}
    };
    Rational[] b = {q(-5, 3), q(5, 3), q(1), q(-1)};
    LinearProgram p =
        lp(new Rational[] {q(0), q(1), q(1)}, a, ge(4), b, new Rational[] {null, q(0), q(0)});
    LpResult r = filteredPath(p);
    assertEquals(q(13, 6), r.value());
  }

  @Test
  @DisplayName("mixed relations and non-zero lower bounds: equalities, <= rows, x >= 1/2")
  void mixedRelationsAndBounds() {
    Rational[][] a = {{q(1), q(1), q(1)}, {q(1), q(-1), q(0)}, {q(0), q(1), q(2)}};
    Relation[] rel = {Relation.EQ, Relation.LE, Relation.GE};
    LinearProgram p =
        lp(new Rational[] {q(2), q(1), q(3)}, a, rel, new Rational[] {q(4), q(1), q(3, 2)},
            new Rational[] {q(1, 2), null, q(0)});
    filteredPath(p);
  }

  @Test
  @DisplayName("a wrong basis is rejected by the exact checks and the fallback gives the optimum")
  void wrongBasisFallsBack() {
    Rational[][] a = {
      {q(-1), q(1), q(0)}, {q(1), q(1), q(0)}, {q(-2), q(0), q(1)}, {q(2), q(0), q(1)}
    };
    Rational[] b = {q(-5, 3), q(5, 3), q(1), q(-1)};
    LinearProgram p =
        lp(new Rational[] {q(0), q(1), q(1)}, a, ge(4), b, new Rational[] {null, q(0), q(0)});
    // Rows 1, 2 and 4 tight: e1 = t - 5/3 = 5/3 - t gives t = 5/3, e1 = 0, and 2t + e2 = -1
    // gives e2 = -13/3 < 0: a solvable basis whose point is infeasible, so it is rejected.
    boolean[] basic = {true, true, true};
    boolean[] tight = {true, true, false, true};
    assertNull(FilteredLpSolver.fromBasis(p, new LpBasis(basic, tight)));
    LpResult r = FilteredLpSolver.solve(p, basic, tight);
    assertEquals(q(13, 6), r.value());
    assertTrue(CertificateChecker.checkLp(p, r).accepted());
    // Another basis (t, e1 basic; rows 2 and 3 tight: t = -1/2, e1 = 13/6, e2 = 0) is an optimal
    // vertex: accepted, with the same optimum.
    LpResult other =
        FilteredLpSolver.fromBasis(
            p, new LpBasis(new boolean[] {true, true, false}, new boolean[] {false, true, true, false}));
    assertNotNull(other);
    assertEquals(q(13, 6), other.value());
    // Not square, and singular (e1, e2 on rows 1, 2: columns (1, 1) and (0, 0)): rejected.
    assertNull(
        FilteredLpSolver.fromBasis(p, new LpBasis(basic, new boolean[] {true, true, false, false})));
    assertNull(
        FilteredLpSolver.fromBasis(
            p, new LpBasis(new boolean[] {false, true, true}, new boolean[] {true, true, false, false})));
  }

  @Test
  @DisplayName("infeasible and unbounded programs fall back to the exact simplex's witnesses")
  void infeasibleAndUnbounded() {
    Rational[][] a = {{q(1)}, {q(-1)}};
    LinearProgram inf =
        lp(new Rational[] {q(1)}, a, ge(2), new Rational[] {q(1), q(0)}, new Rational[] {null});
    LpResult r = FilteredLpSolver.solve(inf);
    assertEquals(LpStatus.INFEASIBLE, r.status());
    assertTrue(CertificateChecker.checkLp(inf, r).accepted());
    LinearProgram unb =
        lp(new Rational[] {q(-1)}, new Rational[][] {{q(1)}}, ge(1), new Rational[] {q(0)},
            new Rational[] {null});
    LpResult u = FilteredLpSolver.solve(unb);
    assertEquals(LpStatus.UNBOUNDED, u.status());
    assertTrue(CertificateChecker.checkLp(unb, u).accepted());
  }
}
