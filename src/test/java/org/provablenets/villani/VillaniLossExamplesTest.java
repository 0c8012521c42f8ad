package org.provablenets.villani;

import org.provablenets.exact.enclosure.Interval;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;
import org.provablenets.exact.Rational;

/**
 * Hand-checkable values of the loss, gradient, Laplacian and Villani quantity: one data point
 * {@code x = 2, y = 3}, one unit {@code a = 1/2}, {@code p = d = 1}, {@code lambda = 1/10}, {@code
 * s = 1}, at {@code W = 0}, where {@code sigma(0), sigma'(0), sigma''(0)} are known.
 */
class VillaniLossExamplesTest {
  private static final TrainingData ONE_POINT =
      new TrainingData(new Rational[][] {{Rational.of(2)}}, new Rational[] {Rational.of(3)});
  private static final Rational[] A = {Rational.of(1, 2)};
  private static final Rational LAMBDA = Rational.of(1, 10);
  private static final Rational S = Rational.ONE;
  private static final Rational[][] W0 = {{Rational.ZERO}};

  private static void assertAll(
      RegularisedLoss loss, Rational l, Rational g, Rational lap, Rational v) {
    RegularisedLoss.LossEnclosure e = loss.enclose(W0, S, 30);
    assertTrue(e.loss().contains(l), "loss " + e.loss());
    assertTrue(e.gradient()[0][0].contains(g), "gradient " + e.gradient()[0][0]);
    assertTrue(e.laplacian().contains(lap), "laplacian " + e.laplacian());
    assertTrue(e.villani().contains(v), "villani " + e.villani());
    RegularisedLoss.LossEstimate est = loss.estimate(W0, S, 40);
    assertClose(l, est.loss());
    assertClose(g, est.gradient()[0][0]);
    assertClose(lap, est.laplacian());
    assertClose(v, est.villani());
    DoubleLoss.Values dbl = new DoubleLoss(loss).all(new double[][] {{0}}, 1);
    assertEquals(l.toDouble(), dbl.loss(), 1e-15);
    assertEquals(g.toDouble(), dbl.gradient()[0][0], 1e-15);
    assertEquals(lap.toDouble(), dbl.laplacian(), 1e-15);
    assertEquals(v.toDouble(), dbl.villani(), 1e-14);
  }

  private static void assertClose(Rational exact, Apfloat estimate) {
    Apfloat diff = ApfloatMath.abs(RegularisedLoss.toApfloat(exact, 60).subtract(estimate));
    assertTrue(diff.compareTo(new Apfloat("1e-35")) < 0, exact + " vs " + estimate);
  }

  /**
   * tanh: sigma(0) = 0, sigma'(0) = 1, sigma''(0) = 0. r = 3, L = 9/2; gradient = -r a sigma' x =
   * -3; Laplacian = a^2 sigma'^2 x^2 + lambda = 1 + 1/10; V = 9 - 11/10 = 79/10.
   */
  @Test
  void tanhAtZero() {
    RegularisedLoss loss = new RegularisedLoss(ONE_POINT, A, LAMBDA, Activation.TANH);
    assertAll(loss, Rational.of(9, 2), Rational.of(-3), Rational.of(11, 10), Rational.of(79, 10));
  }

  /**
   * sigmoid: sigma(0) = 1/2, sigma'(0) = 1/4, sigma''(0) = 0. r = 3 - 1/4 = 11/4, L = 121/32;
   * gradient = -(11/4)(1/2)(1/4)(2) = -11/16; Laplacian = (1/4)(1/16)(4) + 1/10 = 13/80; V =
   * 121/256 - 13/80 = 397/1280.
   */
  @Test
  void sigmoidAtZero() {
    RegularisedLoss loss = new RegularisedLoss(ONE_POINT, A, LAMBDA, Activation.SIGMOID);
    assertAll(
        loss, Rational.of(121, 32), Rational.of(-11, 16), Rational.of(13, 80),
        Rational.of(397, 1280));
  }

  /**
   * SoftPlus: sigma(0) = log 2, sigma'(0) = 1/2, sigma''(0) = 1/4. r = 3 - (log 2)/2; L = r^2/2;
   * gradient = -r (1/2)(1/2)(2) = -r/2; Laplacian = (1/4)(1/4)(4) - r (1/2)(1/4)(4) + 1/10 = 7/20 -
   * r/2; V = r^2/4 - 7/20 + r/2. Checked against apfloat's log 2 at 60 digits.
   */
  @Test
  void softplusAtZero() {
    RegularisedLoss loss = new RegularisedLoss(ONE_POINT, A, LAMBDA, Activation.SOFTPLUS);
    Apfloat log2 = ApfloatMath.log(new Apfloat(2, 60));
    Apfloat r = new Apfloat(3L).subtract(log2.divide(new Apfloat(2L)));
    Apfloat l = r.multiply(r).divide(new Apfloat(2L));
    Apfloat g = r.divide(new Apfloat(2L)).negate();
    Apfloat lap = new Apfloat(7, 60).divide(new Apfloat(20L)).subtract(r.divide(new Apfloat(2L)));
    Apfloat v = r.multiply(r).divide(new Apfloat(4L)).subtract(new Apfloat(7, 60).divide(new Apfloat(20L)))
        .add(r.divide(new Apfloat(2L)));
    RegularisedLoss.LossEnclosure e = loss.enclose(W0, S, 30);
    RegularisedLoss.LossEstimate est = loss.estimate(W0, S, 40);
    Apfloat[][] pairs = {
      {l, est.loss()}, {g, est.gradient()[0][0]}, {lap, est.laplacian()}, {v, est.villani()}
    };
    Interval[] encl = {e.loss(), e.gradient()[0][0], e.laplacian(), e.villani()};
    for (int k = 0; k < 4; k++) {
      Apfloat diff = ApfloatMath.abs(pairs[k][0].subtract(pairs[k][1]));
      assertTrue(diff.compareTo(new Apfloat("1e-35")) < 0, k + ": " + pairs[k][0] + " vs " + pairs[k][1]);
      assertTrue(encl[k].contains(pairs[k][0]), k + ": " + encl[k] + " misses " + pairs[k][0]);
    }
    // The exact value log 2 lies strictly inside the rational bounds of the activation.
    assertTrue(Activation.SOFTPLUS.absAtZero().compareTo(Rational.of(693, 1000)) > 0);
  }

  /**
   * Two units with opposite outer weights and equal rows cancel: f = 0, r = y, the sigma''
   * terms cancel in the Laplacian, which is 2 sigma'(w x)^2 x^2 + 2 lambda.
   */
  @Test
  void cancellingUnitsGiveAClosedFormLaplacian() {
    Rational[] a = {Rational.ONE, Rational.of(-1)};
    Rational[][] w = {{Rational.of(1, 4)}, {Rational.of(1, 4)}};
    RegularisedLoss loss = new RegularisedLoss(ONE_POINT, a, LAMBDA, Activation.TANH);
    RegularisedLoss.LossEstimate est = loss.estimate(w, S, 40);
    Apfloat sech2 = Activation.TANH.first(new Apfloat("0.5", 60), 50); // sigma'(w x), w x = 1/2
    Apfloat expected = sech2.multiply(sech2).multiply(new Apfloat(8L)).add(new Apfloat("0.2", 60));
    Apfloat diff = ApfloatMath.abs(expected.subtract(est.laplacian()));
    assertTrue(diff.compareTo(new Apfloat("1e-35")) < 0, expected + " vs " + est.laplacian());
    assertTrue(loss.enclose(w, S, 30).laplacian().contains(expected));
    // L = y^2 / 2 + (lambda/2)(1/16 + 1/16) = 9/2 + 1/160.
    assertTrue(loss.enclose(w, S, 30).loss().contains(Rational.of(721, 160)));
  }

  @Test
  void badShapesAndArgumentsAreRejected() {
    RegularisedLoss loss = new RegularisedLoss(ONE_POINT, A, LAMBDA, Activation.TANH);
    assertThrows(IllegalArgumentException.class,
        () -> loss.enclose(new Rational[][] {{Rational.ONE, Rational.ONE}}, S, 30));
    assertThrows(IllegalArgumentException.class, () -> loss.estimate(W0, Rational.ZERO, 30));
    assertThrows(IllegalArgumentException.class,
        () -> new RegularisedLoss(ONE_POINT, A, Rational.of(-1), Activation.TANH));
    assertThrows(IllegalArgumentException.class,
        () -> new TrainingData(new Rational[][] {{Rational.ONE}}, new Rational[0]));
  }
}
