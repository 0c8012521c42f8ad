package org.provablenets.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.provablenets.exact.Rational;
import org.provablenets.exact.linalg.QMatrix;
import org.provablenets.testutil.Q;

/**
 * Worked examples for the sampled families of T2: the closed-form moments [derived] by hand, the
 * hypothesis checker on them, the poisoning floor by hand, the Monte Carlo intervals and bad
 * parameters.
 */
class GateSampledExamplesTest {
  private static final Rational WIDTH = Rational.of(1, 1000);

  private static QMatrix m(String... rows) {
    Rational[][] a = new Rational[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      a[i] = Q.v(rows[i]);
    }
    return QMatrix.of(a, a[0].length);
  }

  /** S = [[2,1],[1,1]]: tr S = 3, S^2 = [[5,3],[3,2]], tr(S) S + 2 S^2 = [[16,9],[9,7]]. */
  @Test
  void gaussianMomentsByHand() {
    SampledDistribution g = SampledDistribution.gaussian(m("2,1", "1,1"));
    assertEquals(m("2,1", "1,1"), g.sigma());
    assertEquals(m("16,9", "9,7"), g.lambda4Matrix());
    assertEquals(Q.q("3"), g.m2());
    assertTrue(g.isSymmetric());
  }

  /** Cube d = 3, a = 3/2: a^2/3 = 3/4; a^4/5 + 2 a^4/9 = 81/80 + 9/8 = 171/80. */
  @Test
  void cubeMomentsByHand() {
    SampledDistribution c = SampledDistribution.cube(3, Q.q("3/2"));
    assertEquals(QMatrix.identity(3).scale(Q.q("3/4")), c.sigma());
    assertEquals(QMatrix.identity(3).scale(Q.q("171/80")), c.lambda4Matrix());
    assertEquals(Q.q("9/4"), c.m2());
  }

  /** Student nu = 6, S = I_2: factor (nu-2)/(nu-4) = 2 on tr(I) I + 2 I = 4 I. */
  @Test
  void studentMomentsByHand() {
    SampledDistribution s = SampledDistribution.student(QMatrix.identity(2), 6);
    assertEquals(QMatrix.identity(2), s.sigma());
    assertEquals(QMatrix.identity(2).scale(Q.q("8")), s.lambda4Matrix());
  }

  /**
   * Mixture S = I_2, mu = (1,0): Sigma = diag(2,1); E[||x||^2 xx'] = 4I + 3 diag(1,0) + I + 4
   * diag(1,0) = diag(12, 5). The shifted Gaussian has the same moments but fails (A1).
   */
  @Test
  void mixtureAndShiftedMomentsByHand() {
    SampledDistribution mix = SampledDistribution.mixture(QMatrix.identity(2), Q.v("1,0"));
    assertEquals(m("2,0", "0,1"), mix.sigma());
    assertEquals(m("12,0", "0,5"), mix.lambda4Matrix());
    SampledInstance inst = GateHypotheses.checkSampled(mix, WIDTH);
    assertTrue(inst.lambda4Upper().compareTo(Q.q("12")) >= 0
        && inst.lambda4Upper().compareTo(Q.q("12001/1000")) <= 0, inst.toString());
    SampledDistribution sh = SampledDistribution.shifted(QMatrix.identity(2), Q.v("1,0"));
    assertEquals(mix.lambda4Matrix(), sh.lambda4Matrix());
    assertFalse(sh.isSymmetric());
    HypothesisFailedException e =
        assertThrows(HypothesisFailedException.class, () -> GateHypotheses.checkSampled(sh, WIDTH));
    assertEquals("A1", e.failures().get(0).hypothesis());
    assertTrue(e.getMessage().contains("mean E[x] = (1, 0)"), e.getMessage());
  }

  /** The theorem's constants on N(0, I_3): L = U = 1, U4 = 5, c_1 = 5, eta = 1/10, rho = 19/20. */
  @Test
  void gaussianConstantsByHand() {
    SampledInstance inst =
        GateHypotheses.checkSampled(SampledDistribution.gaussian(QMatrix.identity(3)), WIDTH);
    GateConstants c = GateHypotheses.constants(inst, 1);
    assertEquals(Q.q("5"), c.cb());
    assertEquals(Q.q("1/10"), c.eta());
    assertEquals(Q.q("19/20"), c.rho());
  }

  /** A singular covariance fails (A2) with a null direction. */
  @Test
  void singularCovarianceFailsA2() {
    SampledDistribution g = SampledDistribution.gaussian(m("1,1", "1,1"));
    HypothesisFailedException e =
        assertThrows(HypothesisFailedException.class, () -> GateHypotheses.checkSampled(g, WIDTH));
    assertEquals("A2", e.failures().get(0).hypothesis());
  }

  /**
   * The floor by hand: L = U = 1, c_1 = 5, m_2 = 3, eta = 1/40 = L/(8 c_1), beta* = 1/2, theta* =
   * 1: M = 1/4, floor = 8 M + (8/40)(3/2 + 1/4) = 2 + 7/20 = 47/20, rho' = 159/160, bias^2 <= 1.
   */
  @Test
  void poisoningFloorByHand() {
    SampledInstance inst =
        GateHypotheses.checkSampled(SampledDistribution.gaussian(QMatrix.identity(3)), WIDTH);
    GatePoisoning p = GatePoisoning.of(inst, Q.q("1/40"), 1, Q.q("1/2"), Q.q("1"));
    assertEquals(Q.q("1/40"), p.etaLimit());
    assertTrue(p.applies());
    assertEquals(Q.q("1/4"), p.meanNoiseNormSquaredUpper());
    assertEquals(Q.q("47/20"), p.floor());
    assertEquals(Q.q("159/160"), p.rho());
    assertEquals(Q.q("1"), p.biasBoundSquared());
    assertFalse(GatePoisoning.of(inst, Q.q("1/10"), 1, Q.q("1/2"), Q.q("1")).applies());
  }

  @Test
  void badParametersAreOneSentence() {
    assertThrows(IllegalArgumentException.class,
        () -> SampledDistribution.student(QMatrix.identity(2), 4), "nu = 4");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SampledDistribution.gaussian(m("1,2", "2,1")));
    assertTrue(e.getMessage().contains("not positive semidefinite"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> SampledDistribution.gaussian(m("1,1", "0,1")));
    assertThrows(IllegalArgumentException.class,
        () -> SampledDistribution.mixture(QMatrix.identity(2), Q.v("1,2,3")));
    assertThrows(IllegalArgumentException.class, () -> SampledDistribution.cube(2, Q.q("0")));
    assertThrows(IllegalArgumentException.class, () -> SampledDistribution.cube(0, Q.q("1")));
  }

  /** Same seed, same draws; the cube's draws stay in the cube. */
  @Test
  void samplingIsReproducible() {
    SampledDistribution c = SampledDistribution.cube(2, Q.q("1/2"));
    double[] a = new double[2];
    double[] b = new double[2];
    SplittableRandom r1 = new SplittableRandom(9);
    SplittableRandom r2 = new SplittableRandom(9);
    for (int k = 0; k < 100; k++) {
      c.sample(r1, a);
      c.sample(r2, b);
      assertEquals(a[0], b[0]);
      assertEquals(a[1], b[1]);
      assertTrue(Math.abs(a[0]) <= 0.5 && Math.abs(a[1]) <= 0.5);
    }
  }

  /** Verdicts, Hoeffding's half-width and its range condition. */
  @Test
  void monteCarloIntervalsAndVerdicts() {
    double[] v = {1, 1, 1, 1};
    GateMonteCarlo.Estimate h = GateMonteCarlo.hoeffding(v, Q.q("1"));
    assertEquals(GateMonteCarlo.Method.HOEFFDING, h.method());
    // h = 1 (1 + 1e-9) sqrt(ln(1e9) / 8)
    assertEquals(Math.sqrt(Math.log(1e9) / 8), h.halfWidth(), 1e-8);
    assertEquals(1e-9, h.falseFailureProbability());
    assertEquals(GateMonteCarlo.Verdict.CONFIRMED, h.verdict(3));
    assertEquals(GateMonteCarlo.Verdict.INCONCLUSIVE, h.verdict(1));
    assertEquals(GateMonteCarlo.Verdict.VIOLATED, h.verdict(-1));
    assertThrows(IllegalArgumentException.class,
        () -> GateMonteCarlo.hoeffding(new double[] {2}, Q.q("1")));
    GateMonteCarlo.Estimate f = GateMonteCarlo.fixedSeed(new double[] {1, 3});
    assertNull(f.falseFailureProbability());
    assertEquals(6 * Math.sqrt(2) / Math.sqrt(2), f.halfWidth(), 1e-12);
    assertEquals(GateMonteCarlo.Verdict.INCONCLUSIVE,
        GateMonteCarlo.fixedSeed(new double[] {5}).verdict(0), "one run is never a verdict");
    FiniteDistribution sq = FiniteDistribution.symmetrised(new Rational[][] {Q.v("1,0"),
        Q.v("0,1")});
    assertEquals(Q.q("5"), GateMonteCarlo.hoeffdingRange(sq, Q.v("2,1"), Q.q("2")));
    assertNull(GateMonteCarlo.hoeffdingRange(sq, Q.v("2,1"), Q.q("3")));
  }
}
