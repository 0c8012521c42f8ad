package org.provablenets.villani;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;

/**
 * Examples for the double loss, the Monte Carlo runner and the continuous-time bound: the bound's
 * ingredients on the Ornstein-Uhlenbeck potential, where each is known in closed form.
 */
class SgdMonteCarloTest {
  private static RegularisedLoss twoByTwo(Activation act) {
    TrainingData data = new TrainingData(
        new Rational[][] {
          {Rational.of(1, 2), Rational.of(-1)}, {Rational.of(2), Rational.of(3, 10)},
          {Rational.ZERO, Rational.of(-7, 5)}
        },
        new Rational[] {Rational.ONE, Rational.of(-1, 2), Rational.of(2)});
    return new RegularisedLoss(
        data, new Rational[] {Rational.of(3, 2), Rational.of(-1, 3)}, Rational.of(1, 5), act);
  }

  /**
   * The one double path against the apfloat estimate (it had been checked against a second double
   * copy of the loss, RegularisedLoss.fast, which is gone): loss, value and gradient of the flat
   * API, and the p x d API with the Laplacian and V_s, at random W read exactly as rationals.
   */
  @Test
  void doubleLossAgreesWithTheApfloatEstimate() {
    Random rnd = new Random(7);
    for (Activation act : Activation.values()) {
      RegularisedLoss exact = twoByTwo(act);
      DoubleLoss loss = new DoubleLoss(exact);
      assertEquals(4, loss.parameters());
      for (int trial = 0; trial < 20; trial++) {
        double[][] w = new double[2][2];
        double[] flat = new double[4];
        Rational[][] wq = new Rational[2][2];
        for (int q = 0; q < 4; q++) {
          flat[q] = 3 * rnd.nextGaussian();
          w[q / 2][q % 2] = flat[q];
          wq[q / 2][q % 2] = Rationals.fromBigDecimal(new BigDecimal(flat[q]));
        }
        RegularisedLoss.LossEstimate ref = exact.estimate(wq, Rational.ONE, 30);
        double[] grad = new double[4];
        double l = loss.valueAndGradient(flat, grad);
        double tol = 1e-13 * (1 + Math.abs(l));
        assertEquals(ref.loss().doubleValue(), l, tol, act + " loss");
        assertEquals(ref.loss().doubleValue(), loss.value(flat), tol, act + " value");
        DoubleLoss.Values all = loss.all(w, 1);
        assertEquals(l, all.loss(), 0, act + " all: loss");
        for (int q = 0; q < 4; q++) {
          double g = ref.gradient()[q / 2][q % 2].doubleValue();
          assertEquals(g, grad[q], 1e-13, act + " gradient " + q);
          assertEquals(grad[q], all.gradient()[q / 2][q % 2], 0, act + " all: gradient " + q);
        }
        double lap = ref.laplacian().doubleValue();
        assertEquals(lap, all.laplacian(), 1e-13 * (1 + Math.abs(lap)), act + " Laplacian");
        double v = ref.villani().doubleValue();
        assertEquals(v, all.villani(), 1e-12 * (1 + Math.abs(v)), act + " V_s");
      }
    }
  }

  @Test
  void runsAreReproducibleAndTheSdeIsOptional() {
    DoubleLoss loss = new DoubleLoss(twoByTwo(Activation.TANH));
    SgdMonteCarlo.Result a = SgdMonteCarlo.run(loss, 0.1, 30, 50, 42, 0.5, 3);
    SgdMonteCarlo.Result b = SgdMonteCarlo.run(loss, 0.1, 30, 50, 42, 0.5, 3);
    assertArrayEquals(a.sgd().mean(), b.sgd().mean());
    SgdMonteCarlo.Curve sa = a.sde();
    SgdMonteCarlo.Curve sb = b.sde();
    assertNotNull(sa);
    assertNotNull(sb);
    assertArrayEquals(sa.halfWidth(), sb.halfWidth());
    // Both dynamics start from the same draws.
    assertEquals(a.sgd().mean()[0], sa.mean()[0], 0.0);
    SgdMonteCarlo.Result c = SgdMonteCarlo.run(loss, 0.1, 30, 50, 43, 0.5, 0);
    assertNull(c.sde());
    assertTrue(Math.abs(c.sgd().mean()[30] - a.sgd().mean()[30]) > 0, "another seed, other paths");
    assertTrue(a.sgd().lower(5) < a.sgd().mean()[5] && a.sgd().mean()[5] < a.sgd().upper(5));
  }

  @Test
  void badSettingsAreRefused() {
    DoubleLoss loss = new DoubleLoss(twoByTwo(Activation.SIGMOID));
    assertThrows(IllegalArgumentException.class, () -> SgdMonteCarlo.run(loss, 0, 1, 2, 1, 1, 0));
    assertThrows(IllegalArgumentException.class,
        () -> SgdMonteCarlo.run(loss, 0.1, 0, 2, 1, 1, 0));
    assertThrows(IllegalArgumentException.class,
        () -> SgdMonteCarlo.run(loss, 0.1, 1, 0, 1, 1, 0));
    assertThrows(IllegalArgumentException.class,
        () -> SgdMonteCarlo.run(loss, 0.1, 1, 2, 1, Double.NaN, 0));
    assertThrows(IllegalArgumentException.class,
        () -> SgdMonteCarlo.run(loss, 0.1, 1, 2, 1, 1, -1));
    assertThrows(IllegalArgumentException.class,
        () -> ConvergenceBound.forLoss(loss, 1, 1, 1, 101));
  }

  /**
   * OU, f = mu x^2/2, s: mu_s = N(0, s/(2 mu)), so the gap is mu, eps(s) = E f = s/4, f = (s/4)
   * chi^2_1 has sd s sqrt(2)/4, and for rho_0 = N(0, v) with v < 2 sigma^2 (sigma^2 = s/(2 mu)),
   * chi2 = sigma / (sqrt(v) sqrt(2 - v/sigma^2)) - 1 (a Gaussian integral).
   */
  @Test
  void ornsteinUhlenbeckIngredientsMatchClosedForms() {
    double mu = 1.5;
    double s = 0.4;
    double var = s / (2 * mu);
    double sd = Math.sqrt(var);
    for (double v : new double[] {var / 4, var, 1.5 * var}) {
      ConvergenceBound b =
          ConvergenceBound.compute(x -> mu * x * x / 2, s, v, -14 * sd, 14 * sd, 40001);
      double h = b.step();
      assertEquals(mu, b.gap(), mu * h * h / var, "gap, v " + v);
      assertEquals(s / 4, b.epsilon(), 1e-9, "eps");
      assertEquals(s / 4, b.gibbsMean() - b.min(), 1e-9, "Gibbs mean");
      assertEquals(s * Math.sqrt(2) / 4, b.gibbsSd(), 1e-9, "Gibbs sd");
      double chi2 = sd / (Math.sqrt(v) * Math.sqrt(2 - v / var)) - 1;
      assertEquals(chi2, b.chiSquare(), 1e-8 * (1 + chi2), "chi2, v " + v);
      assertEquals(b.gibbsSd() * Math.sqrt(chi2), b.prefactor(), 1e-8, "D(s)");
      assertEquals(b.epsilon() + b.prefactor() * Math.exp(-b.gap() * 2), b.bound(2), 1e-15);
    }
  }
}
