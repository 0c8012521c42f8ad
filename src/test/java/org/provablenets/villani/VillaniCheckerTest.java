package org.provablenets.villani;

import org.provablenets.exact.enclosure.Roots;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;

/**
 * Worked examples of the checker. One point x = 2, y = 3, a = 1/2, lambda = 1/10, s = 1, tanh:
 * B_y = 3, B_x = 2, ||a||_1 = ||a||_2 = 1/2, rho_0 = 3 + 1/2 = 7/2, G_0 = 1 * 2 * 1/2 * 7/2 =
 * 7/2, lambda_c = 0, K_0 = 1 * 4 * 1/4 + 77/100 * 4 * 1/2 * 7/2 = 639/100, K_1 = 0, C_0 = (3 +
 * 1/2)^2/4 = 49/16.
 */
class VillaniCheckerTest {
  private static final TrainingData ONE_POINT =
      new TrainingData(new Rational[][] {{Rational.of(2)}}, new Rational[] {Rational.of(3)});
  private static final Rational[] A = {Rational.of(1, 2)};
  private static final Rational LAMBDA = Rational.of(1, 10);

  @Test
  void constantsByHand() {
    VillaniConstants c = VillaniChecker.constants(ONE_POINT, A, Activation.TANH);
    assertEquals(Rational.of(7, 2), c.rho0());
    assertEquals(Rational.of(7, 2), c.g0());
    assertEquals(Rational.ZERO, c.lambdaC());
    assertEquals(Rational.of(639, 100), c.k0());
    assertEquals(Rational.ZERO, c.k1());
    assertEquals(Rational.of(49, 16), c.c0());
  }

  /**
   * THRESHOLD: phi(r) = (r/10 - 7/2)^2 - 639/100 - 1/10 >= M = 10 from r* = 10 (7/2 +
   * sqrt(1649/100)) = 75.6078810084939...; RADIAL: r/10 - 49/(16 r) = sqrt(16.49) at r* = (10
   * sqrt(16.49) + sqrt(1771.5)) / 2 = 41.3485...
   */
  @Test
  void certifiedRadiiByValue() {
    Rational m = Rational.of(10);
    VillaniInstance thr =
        VillaniChecker.check(ONE_POINT, A, LAMBDA, Activation.TANH, Rational.ONE, m,
            RadiusStatement.THRESHOLD);
    double rThr = 10 * (3.5 + Math.sqrt(16.49));
    double got = thr.radius().toDouble();
    assertTrue(got >= rThr - 1e-9 && got <= rThr * (1 + 1e-11), "threshold radius " + got);
    VillaniInstance best = VillaniChecker.check(ONE_POINT, A, LAMBDA, Activation.TANH, Rational.ONE, m);
    double rRad = (10 * Math.sqrt(16.49) + Math.sqrt(1771.5)) / 2;
    double gotRad = best.radius().toDouble();
    assertEquals(RadiusStatement.RADIAL, best.statement());
    assertTrue(gotRad >= rRad - 1e-9 && gotRad <= rRad * (1 + 1e-11), "radial radius " + gotRad);
    assertNull(VillaniChecker.verifyRadius(
        best.statement(), best.constants(), LAMBDA, Rational.ONE, m, best.monotoneFrom(), best.radius()));
    // A radius below the root fails condition (4) of the certificate.
    String why = VillaniChecker.verifyRadius(
        RadiusStatement.THRESHOLD, thr.constants(), LAMBDA, Rational.ONE, m,
        Rational.of(35), Rational.of(75));
    assertTrue(why != null && why.startsWith("(4)"), String.valueOf(why));
    // The integrability bound (pi s / lambda)^(1/2) = sqrt(10 pi) = 5.6049...
    double ib = best.integrabilityBound().toDouble();
    assertTrue(ib >= Math.sqrt(10 * Math.PI) && ib < Math.sqrt(10 * Math.PI) * 1.000001, "" + ib);
  }

  @Test
  void lambdaZeroIsRefusedWithTheFailingCondition() {
    VillaniConditionException e = assertThrows(VillaniConditionException.class,
        () -> VillaniChecker.check(ONE_POINT, A, Rational.ZERO, Activation.TANH, Rational.ONE,
            Rational.of(10)));
    assertEquals(2, e.condition());
    assertTrue(e.getMessage().contains("lambda = 0"), e.getMessage());
    assertTrue(e.getMessage().contains("49/8"), e.getMessage()); // rho_0^2 / 2
  }

  @Test
  void softplusBelowTheDerivedThresholdIsRefusedByThatStatementOnly() {
    // lambda_c = L_s^2 B_x^2 ||a||_2^2 = 1 * 4 * 1/4 = 1.
    VillaniConstants c = VillaniChecker.constants(ONE_POINT, A, Activation.SOFTPLUS);
    assertEquals(Rational.ONE, c.lambdaC());
    VillaniConditionException e = assertThrows(VillaniConditionException.class,
        () -> VillaniChecker.check(ONE_POINT, A, Rational.of(3, 4), Activation.SOFTPLUS,
            Rational.ONE, Rational.of(10), RadiusStatement.THRESHOLD));
    assertEquals(4, e.condition());
    assertTrue(e.getMessage().contains("lambda_c"), e.getMessage());
    assertTrue(e.getMessage().contains("falls short by 1/4"), e.getMessage());
    VillaniInstance radial = VillaniChecker.check(ONE_POINT, A, Rational.of(3, 4),
        Activation.SOFTPLUS, Rational.ONE, Rational.of(10));
    assertEquals(RadiusStatement.RADIAL, radial.statement());
  }

  @Test
  void badInputIsRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> VillaniChecker.check(ONE_POINT, A, LAMBDA, Activation.TANH, Rational.ZERO, Rational.ONE));
    assertThrows(IllegalArgumentException.class,
        () -> VillaniChecker.check(ONE_POINT, A, Rational.of(-1), Activation.TANH, Rational.ONE,
            Rational.ONE));
    assertThrows(IllegalArgumentException.class,
        () -> VillaniChecker.check(ONE_POINT, new Rational[0], LAMBDA, Activation.TANH,
            Rational.ONE, Rational.ONE));
  }

  @Test
  void rootsAreProvenBounds() {
    Rational two = Rational.of(2);
    Rational u = Roots.sqrtUpper(two, 20);
    Rational l = Roots.sqrtLower(two, 20);
    assertTrue(u.multiply(u).compareTo(two) >= 0 && l.multiply(l).compareTo(two) <= 0);
    assertTrue(u.subtract(l).compareTo(Rational.of(1, 1_000_000_000_000_000L)) < 0);
    assertEquals(Rational.of(3, 7), Roots.sqrtUpper(Rational.of(9, 49), 5));
    assertEquals("1.414213562373", Rationals.decimal(u, 13));
  }
}
