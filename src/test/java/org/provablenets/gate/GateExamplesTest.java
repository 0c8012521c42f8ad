package org.provablenets.gate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provablenets.testutil.Q.m;
import static org.provablenets.testutil.Q.q;
import static org.provablenets.testutil.Q.v;

import org.junit.jupiter.api.Test;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.exact.linalg.QVectors;

/**
 * Worked T2 examples with answers derived by hand.
 *
 * <p>The running example is the support {@code {+-(1,0), +-(0,1)}} (n = 4, each point of mass
 * 1/4): {@code Sigma = E[x x'] = (1/4)(2 e1 e1' + 2 e2 e2') = I/2}; every {@code ||x||^2 = 1}, so
 * {@code E[||x||^2 x x'] = I/2} and {@code m_2 = 1}. Both matrices are diagonal, so the Gershgorin
 * brackets are already exact: {@code L = U = U4 = 1/2}.
 */
class GateExamplesTest {
  private static final Rational WIDTH = q("1/32");

  /** The support {+-(1,0), +-(0,1)} as listed: (1,0), (-1,0), (0,1), (0,-1). */
  static FiniteDistribution cross() {
    return FiniteDistribution.symmetrised(new Rational[][] {v("1 0"), v("0 1")});
  }

  @Test
  void crossHasSigmaHalfIdentity() {
    FiniteDistribution d = cross();
    assertEquals(4, d.size());
    assertTrue(d.isSymmetric());
    assertEquals(m("1/2 0; 0 1/2", 2), d.sigma());
    assertEquals(m("1/2 0; 0 1/2", 2), d.lambda4Matrix());
    assertEquals(Rational.ONE, d.m2());
    assertArrayEquals(v("0 0"), d.mean());
    assertEquals(q("1/4"), d.mass(v("-1 0")));
  }

  @Test
  void crossConstantsByHand() {
    GateInstance inst = GateHypotheses.check(cross(), WIDTH);
    assertEquals(q("1/2"), inst.lambdaMinLower());
    assertEquals(q("1/2"), inst.lambdaMaxUpper());
    assertEquals(q("1/2"), inst.lambda4Upper());
    // b = 1: c_1 = U4 = 1/2, eta = L/(2 c_1) = 1/2, rho_1 = 1 - (1/4)/(4 * 1/2) = 7/8.
    GateConstants c1 = GateHypotheses.constants(inst, 1);
    assertEquals(q("1/2"), c1.cb());
    assertEquals(q("1/2"), c1.eta());
    assertEquals(q("7/8"), c1.rho());
    // b = 2: c_2 = (1/2)/2 + (1/2)(1/4)/4 = 1/4 + 1/32 = 9/32, eta = (1/2)/(9/16) = 8/9,
    // rho_2 = 1 - (1/4)/(9/8) = 7/9.
    GateConstants c2 = GateHypotheses.constants(inst, 2);
    assertEquals(q("9/32"), c2.cb());
    assertEquals(q("8/9"), c2.eta());
    assertEquals(q("7/9"), c2.rho());
    assertThrows(IllegalArgumentException.class, () -> GateHypotheses.constants(inst, 0));
  }

  @Test
  void meanUpdateByHand() {
    // w* = (2, 1), w = (-1, 1). r(x) x = (ReLU(w*.x) - ReLU(w.x)) x:
    //   (1,0):  (2 - 0)(1,0)   = (2, 0)
    //   (-1,0): (0 - 1)(-1,0)  = (1, 0)
    //   (0,1):  (1 - 1)(0,1)   = (0, 0)
    //   (0,-1): (0 - 0)(0,-1)  = (0, 0)
    // mean (3/4, 0); (1/2) Sigma (w* - w) = (1/4)(3, 0) = (3/4, 0).
    FiniteDistribution d = cross();
    assertArrayEquals(v("3/4 0"), GateMath.meanUpdate(d, v("2 1"), v("-1 1")));
    assertArrayEquals(v("3/4 0"), GateMath.halfSigmaDelta(d, v("2 1"), v("-1 1")));
  }

  @Test
  void oneStepExpectationByHand() {
    // Delta = w - w* = (-3, 0), ||Delta||^2 = 9; the per-point updates r x have first coordinates
    // 2, 1, 0, 0. b = 1, eta = 1/2: Delta' = (-2,0), (-5/2,0), (-3,0), (-3,0), so
    // E||Delta'||^2 = (4 + 25/4 + 9 + 9)/4 = 113/16. Identity: 9 - (1/2)(9/2) + (1/4)(5/4) = 113/16.
    FiniteDistribution d = cross();
    Rational[] ws = v("2 1");
    Rational[] w = v("-1 1");
    assertEquals(q("113/16"), GateMath.expectedSquaredDistanceDirect(d, ws, w, q("1/2"), 1));
    assertEquals(q("113/16"), GateMath.expectedSquaredDistanceIdentity(d, ws, w, q("1/2"), 1));
    // b = 2, the 16 ordered pairs: the sum s of the two first coordinates is 4 (1 pair), 3 (2),
    // 2 (5), 1 (4), 0 (4); Delta'_1 = -3 + s/4, so E = (4 + 2*81/16 + 5*25/4 + 4*121/16 + 4*9)/16
    // = 893/128. Identity: 27/4 + (1/4)[(1/2)(5/4) + (1/2)(1/4)(9/4)] = 893/128.
    assertEquals(q("893/128"), GateMath.expectedSquaredDistanceDirect(d, ws, w, q("1/2"), 2));
    assertEquals(q("893/128"), GateMath.expectedSquaredDistanceIdentity(d, ws, w, q("1/2"), 2));
    // Contraction bound, b = 1, eta = 1/2: (1 - 1/4 + 1/8) * 9 = 63/8 >= 113/16.
    GateInstance inst = GateHypotheses.check(d, WIDTH);
    assertEquals(q("63/8"), GateMath.contractionBound(inst, ws, w, q("1/2"), 1));
  }

  @Test
  void pathExpectationByHand() {
    // w_1 = 0, w* = (2, 1), eta = 1/2, b = 1. Delta_1 = (-2, -1); updates ReLU(w*.x) x are
    // (2,0), 0, (0,1), 0, so Delta_2 = (-1,-1), (-2,-1), (-2,-1/2), (-2,-1) and
    // E||Delta_2||^2 = (2 + 5 + 17/4 + 5)/4 = 65/16 <= rho ||w*||^2 = (7/8) 5 = 70/16.
    FiniteDistribution d = cross();
    GateInstance inst = GateHypotheses.check(d, WIDTH);
    Rational[] ws = v("2 1");
    assertEquals(q("5"), GateMath.pathExpectation(d, ws, q("1/2"), 1, 0));
    assertEquals(q("65/16"), GateMath.pathExpectation(d, ws, q("1/2"), 1, 1));
    assertEquals(q("35/8"), GateMath.theoremBound(inst, ws, 1, 1));
    // T = 2 (16 paths) stays below rho^2 ||w*||^2 = 245/64.
    Rational e2 = GateMath.pathExpectation(d, ws, q("1/2"), 1, 2);
    assertTrue(e2.compareTo(q("245/64")) <= 0, e2.toString());
    assertEquals(q("245/64"), GateMath.theoremBound(inst, ws, 1, 2));
  }

  @Test
  void asymmetricSupportIsNamedWithMasses() {
    FiniteDistribution d =
        FiniteDistribution.fromRows(new Rational[][] {v("1 2"), v("3 4"), v("-3 -4")});
    assertFalse(d.isSymmetric());
    HypothesisFailedException e =
        assertThrows(HypothesisFailedException.class, () -> GateHypotheses.check(d, WIDTH));
    assertEquals(
        "(A1) not symmetric: point (1, 2) has mass 1/3 but its negation (-1, -2) has mass 0",
        e.getMessage());
    assertTrue(e.failed("A1"));
    assertFalse(e.failed("A2"));
  }

  @Test
  void singularSigmaIsNamedWithANullDirection() {
    // {+-(1, 2)}: Sigma = [[1, 2], [2, 4]], singular; elimination finds v = (-2, 1).
    FiniteDistribution d = FiniteDistribution.symmetrised(new Rational[][] {v("1 2")});
    HypothesisFailedException e =
        assertThrows(HypothesisFailedException.class, () -> GateHypotheses.check(d, WIDTH));
    assertEquals(
        "(A2) Sigma is singular: v'Sigma v = 0 for v = (-2, 1), so every support point lies on the"
            + " hyperplane v.x = 0 and lambda_min(Sigma) = 0",
        e.getMessage());
    HypothesisFailedException.Failure f = e.failure("A2");
    assertNotNull(f);
    assertArrayEquals(v("-2 1"), f.witness());
  }

  @Test
  void bothHypothesesFailingAreBothNamed() {
    // The single point (1, 1): not symmetric, and Sigma = [[1, 1], [1, 1]] is singular.
    FiniteDistribution d = FiniteDistribution.fromRows(new Rational[][] {v("1 1")});
    HypothesisFailedException e =
        assertThrows(HypothesisFailedException.class, () -> GateHypotheses.check(d, WIDTH));
    assertTrue(e.failed("A1") && e.failed("A2"), e.getMessage());
    assertTrue(e.getMessage().startsWith(
        "(A1) not symmetric: point (1, 1) has mass 1 but its negation (-1, -1) has mass 0; (A2)"),
        e.getMessage());
  }

  @Test
  void zeroAsTheOnlyPointFailsA2AndEmptySupportIsRefused() {
    FiniteDistribution zero = FiniteDistribution.symmetrised(new Rational[][] {v("0")});
    assertTrue(zero.isSymmetric());
    HypothesisFailedException e =
        assertThrows(HypothesisFailedException.class, () -> GateHypotheses.check(zero, WIDTH));
    assertTrue(e.getMessage().startsWith("(A2) Sigma is singular: v'Sigma v = 0 for v = (1)"),
        e.getMessage());
    IllegalArgumentException empty =
        assertThrows(IllegalArgumentException.class,
            () -> FiniteDistribution.fromRows(new Rational[0][]));
    assertEquals("empty support: a distribution needs at least one point", empty.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> FiniteDistribution.fromRows(new Rational[][] {v("1 2"), v("1")}));
    assertThrows(IllegalArgumentException.class, () -> GateHypotheses.check(cross(), q("0")));
  }

  @Test
  void smallBracketWidthIsRefinedUntilLIsPositive() {
    // {+-(1,0), +-(1/100, 1/100)}: lambda_min is small; a huge requested width still gives L > 0.
    FiniteDistribution d =
        FiniteDistribution.symmetrised(new Rational[][] {v("1 0"), v("1/100 1/100")});
    GateInstance inst = GateHypotheses.check(d, q("10"));
    assertTrue(inst.lambdaMinLower().signum() > 0);
    assertTrue(inst.lambdaMinLower().compareTo(q("1/20000")) <= 0);
  }

  @Test
  void symmetryIsSufficientNotNecessaryForTheLemma() {
    // In d = 1 the lemma needs only E[|x| x] = 0: {1, 1, 1, 1, -2} is asymmetric but
    // E[|x| x] = (4 - 4)/5 = 0, so E[r x] = (1/2) Sigma (w* - w) at every w.
    FiniteDistribution d =
        FiniteDistribution.fromRows(new Rational[][] {v("1"), v("1"), v("1"), v("1"), v("-2")});
    assertFalse(d.isSymmetric());
    for (String ws : new String[] {"3", "-1", "1/2"}) {
      for (String w : new String[] {"0", "2", "-5/3"}) {
        assertArrayEquals(
            GateMath.halfSigmaDelta(d, v(ws), v(w)), GateMath.meanUpdate(d, v(ws), v(w)));
      }
    }
  }

  @Test
  void asymmetricCounterexampleNeverConverges() {
    // Support {(1,0), (0,1)} (not symmetrised): Sigma = I/2 is definite, only (A1) fails.
    // w* = (-1, -1): every label ReLU(w*.x) is 0 and ReLU(0 . x) = 0, so w stays at 0:
    // E||w_{T+1} - w*||^2 = 2 for every T, while rho^T ||w*||^2 -> 0.
    FiniteDistribution d = FiniteDistribution.fromRows(new Rational[][] {v("1 0"), v("0 1")});
    GateHypotheses.SpectralBounds sb = GateHypotheses.spectralBounds(d, WIDTH);
    assertTrue(sb.sigmaPositiveDefinite());
    GateConstants c =
        GateConstants.of(sb.lambdaMin().lower(), sb.lambdaMax().upper(), sb.lambda4().upper(), 1);
    assertEquals(q("7/8"), c.rho());
    Rational[] ws = v("-1 -1");
    for (int t = 1; t <= 4; t++) {
      assertEquals(q("2"), GateMath.pathExpectation(d, ws, c.eta(), 1, t));
    }
    // rho^4 ||w*||^2 = 2401/2048 < 2.
    assertTrue(q("2401/2048").compareTo(q("2")) < 0);
  }

  @Test
  void sgdFromZeroStaysAtZero() {
    FiniteDistribution d = cross();
    int[][] idx = {{0}, {2}, {1}, {3}};
    Rational[][] sgd =
        GateIteration.runExact(
            d, v("2 1"), q("1/2"), 1, idx, GateIteration.Rule.SGD, v("0 0"), null);
    for (Rational[] w : sgd) {
      assertArrayEquals(v("0 0"), w);
    }
    // The non-gradient rule: w_2 = (1/2) * 2 * (1,0) = (1, 0); then x = (0,1): r = 1, w_3 = (1, 1/2);
    // x = (-1,0): r = 0 - 0 = 0; x = (0,-1): r = 0 - 0 = 0.
    Rational[][] ng = GateIteration.runExact(d, v("2 1"), q("1/2"), 1, idx);
    assertArrayEquals(v("1 0"), ng[1]);
    assertArrayEquals(v("1 1/2"), ng[2]);
    assertArrayEquals(v("1 1/2"), ng[4]);
  }

  @Test
  void enumerationBudgetsAreEnforced() {
    FiniteDistribution d = cross();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class,
            () -> GateMath.pathExpectation(d, v("1 1"), q("1/2"), 1, 11));
    assertTrue(e.getMessage().contains("4^(1*11) = 4194304 cases, above the budget of 1000000"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> GateMath.expectedSquaredDistanceDirect(d, v("1 1"), v("0 0"), q("1"), 3, 63));
    assertThrows(IllegalArgumentException.class,
        () -> GateMath.meanUpdate(d, v("1 1 1"), v("0 0")));
  }

  @Test
  void bottomEigenvectorInDouble() {
    double[] e = GateIteration.bottomEigenvector(new double[][] {{2, 1}, {1, 2}});
    // eigenvalue 1, eigenvector (1, -1)/sqrt 2, first coordinate positive.
    assertEquals(Math.sqrt(0.5), e[0], 1e-12);
    assertEquals(-Math.sqrt(0.5), e[1], 1e-12);
    double[] f = GateIteration.bottomEigenvector(new double[][] {{3, 0, 0}, {0, 1, 0}, {0, 0, 2}});
    assertArrayEquals(new double[] {0, 1, 0}, f, 1e-12);
  }

  @Test
  void doubleRunReplaysExactly() {
    FiniteDistribution d = cross();
    GateIteration.DoubleRun run = GateIteration.runDouble(d, v("2 1"), 0.5, 2, 20, 7L);
    Rational[][] exact = GateIteration.runExact(d, v("2 1"), q("1/2"), 2, run.indices());
    // Every quantity here is a dyadic rational with few bits: double arithmetic is exact.
    for (double dev : GateIteration.deviations(exact, run.iterates())) {
      assertEquals(0.0, dev);
    }
    assertEquals(QVectors.normSquared(v("2 1")), Rationals.ofDouble(run.squaredDistances()[0]));
  }
}
