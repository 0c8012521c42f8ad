package org.provablenets.exact.hint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * The floating-point baseline {@link DoubleQp} on problems solved by hand. Its answer z = (x+, x-,
 * lambda) is an estimate, so values are compared within 1e-9, and x is read as x+ - x- (the split
 * of x into x+ and x- is not unique).
 */
class DoubleQpTest {
  private static final double TOL = 1e-9;

  @Test
  void boundedProblemWithAnActiveConstraint() {
    // min 1/2 (x1^2 + x2^2) - x1 + x2 s.t. x2 >= 0. The free minimiser (1, -1) breaks x2 >= 0,
    // so x = (1, 0); stationarity Qx + c = (0, 1) = G'lambda = (0, lambda) gives lambda = 1.
    double[] z =
        DoubleQp.solve(
            new double[][] {{1, 0}, {0, 1}}, new double[] {-1, 1}, new double[][] {{0, 1}});
    assertNotNull(z);
    assertEquals(5, z.length);
    assertEquals(1, z[0] - z[2], TOL);
    assertEquals(0, z[1] - z[3], TOL);
    assertEquals(1, z[4], TOL);
  }

  @Test
  void inactiveConstraintHasAZeroMultiplier() {
    // The constraints are homogeneous (Gx >= 0). min 1/2 x^2 - 2x s.t. x >= 0: the free minimiser
    // x = 2 is feasible, so the multiplier is 0.
    double[] z = DoubleQp.solve(new double[][] {{1}}, new double[] {-2}, new double[][] {{1}});
    assertNotNull(z);
    assertEquals(2, z[0] - z[1], TOL);
    assertEquals(0, z[2], TOL);
    // With -x >= 0 as well the only feasible point is x = 0, where x + (-2) = lambda1 - lambda2
    // needs lambda1 - lambda2 = -2.
    double[] both =
        DoubleQp.solve(new double[][] {{1}}, new double[] {-2}, new double[][] {{1}, {-1}});
    assertNotNull(both);
    assertEquals(0, both[0] - both[1], TOL);
    assertEquals(-2, both[2] - both[3], TOL);
  }

  @Test
  void unboundedProblemEndsOnARay() {
    // min -x with Q = 0 and no constraints: the LCP matrix is 0 and q = (-1, 1); after z0 enters,
    // the complement x+ has an all-zero column, so no row can leave: a ray, reported as null.
    assertNull(DoubleQp.solve(new double[][] {{0}}, new double[] {-1}, new double[0][]));
  }

  @Test
  void nonNegativeLcpVectorIsSolvedByZero() {
    // c = 0 and no constraints: q = (c, -c) = 0 >= 0, so z = 0 (x = 0, the minimiser of 1/2 x^2)
    // is returned without pivoting.
    double[] z = DoubleQp.solve(new double[][] {{1}}, new double[] {0}, new double[0][]);
    assertNotNull(z);
    assertEquals(2, z.length);
    assertEquals(0, z[0], 0);
    assertEquals(0, z[1], 0);
  }

  @Test
  void negativeCoordinatesUseTheMinusPart() {
    // min 1/2 (x1^2 + x2^2) + 2 x1 - x2 s.t. x1 + x2 >= 0. The free minimiser (-2, 1) has
    // x1 + x2 = -1 < 0, so the constraint is active: on x = (t, -t) the objective is t^2 + 3t,
    // least at t = -3/2: x = (-3/2, 3/2). Stationarity x + c = (1/2, 1/2) = lambda (1, 1) gives
    // lambda = 1/2.
    double[] z =
        DoubleQp.solve(
            new double[][] {{1, 0}, {0, 1}}, new double[] {2, -1}, new double[][] {{1, 1}});
    assertNotNull(z);
    assertEquals(-1.5, z[0] - z[2], TOL);
    assertEquals(1.5, z[1] - z[3], TOL);
    assertEquals(0.5, z[4], TOL);
    // min 1/2 x^2 + x without constraints: x = -1, carried by x- = 1.
    double[] free = DoubleQp.solve(new double[][] {{1}}, new double[] {1}, new double[0][]);
    assertNotNull(free);
    assertEquals(-1, free[0] - free[1], TOL);
  }

  @Test
  void coupledVariablesOfOppositeSigns() {
    // min 1/2 x'Qx + c'x with Q = [[2,1],[1,2]] (positive definite) and c = (-1, 1), no
    // constraints: x = -Q^-1 c, and indeed Q (1, -1) = (1, -1) = -c, so x = (1, -1).
    double[] z =
        DoubleQp.solve(new double[][] {{2, 1}, {1, 2}}, new double[] {-1, 1}, new double[0][]);
    assertNotNull(z);
    assertEquals(4, z.length);
    assertEquals(1, z[0] - z[2], TOL);
    assertEquals(-1, z[1] - z[3], TOL);
  }

  @Test
  void secondConstraintActiveFirstInactive() {
    // min 1/2 |x|^2 + c'x with c = (-1, 3) s.t. x1 >= 0 and x1 + x2 >= 0. At x = (2, -2):
    // x1 = 2 > 0 (inactive, lambda1 = 0), x1 + x2 = 0 (active), and x + c = (1, 1) = lambda2 (1, 1)
    // with lambda2 = 1 >= 0: the KKT conditions hold, so x is the (unique) minimiser.
    double[] z =
        DoubleQp.solve(
            new double[][] {{1, 0}, {0, 1}}, new double[] {-1, 3}, new double[][] {{1, 0}, {1, 1}});
    assertNotNull(z);
    assertEquals(6, z.length);
    assertEquals(2, z[0] - z[2], TOL);
    assertEquals(-2, z[1] - z[3], TOL);
    assertEquals(0, z[4], TOL);
    assertEquals(1, z[5], TOL);
  }
}
