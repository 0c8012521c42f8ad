package org.provablenets.villani;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;
import org.provablenets.exact.Rational;

/**
 * The activations' bound constants against 50-digit values, the critical-point brackets exactly,
 * and the apfloat estimates against apfloat's own tanh, sigmoid and log.
 */
class VillaniActivationTest {
  private static final long P = 50;

  private static Apfloat ap(Rational q) {
    return RegularisedLoss.toApfloat(q, P + 10);
  }

  @Test
  void boundConstantsAreUpperBoundsOfTheTrueSuprema() {
    Apfloat sqrt3 = ApfloatMath.sqrt(new Apfloat(3, P));
    Apfloat tanhSup = new Apfloat(4, P).divide(new Apfloat(3L).multiply(sqrt3)); // 0.7698...
    Apfloat sigSup = new Apfloat(1, P).divide(new Apfloat(6L).multiply(sqrt3)); // 0.0962...
    Apfloat log2 = ApfloatMath.log(new Apfloat(2, P)); // 0.6931...
    assertTrue(ap(Activation.TANH.supAbsSecond()).compareTo(tanhSup) > 0);
    assertTrue(ap(Activation.SIGMOID.supAbsSecond()).compareTo(sigSup) > 0);
    assertTrue(ap(Activation.SOFTPLUS.absAtZero()).compareTo(log2) > 0);
    assertTrue(ap(Activation.SOFTPLUS.supAbsValueMinusSlope()).compareTo(log2) > 0);
    // ... and not loose: within 1% of the supremum.
    assertTrue(ap(Activation.TANH.supAbsSecond()).compareTo(tanhSup.multiply(new Apfloat("1.01", P))) < 0);
    assertTrue(ap(Activation.SIGMOID.supAbsSecond()).compareTo(sigSup.multiply(new Apfloat("1.01", P))) < 0);
    // The same facts exactly, squared: 16/27 <= (77/100)^2, 1/108 <= (97/1000)^2.
    Rational t = Activation.TANH.supAbsSecond();
    assertTrue(t.multiply(t).compareTo(Rational.of(16, 27)) >= 0);
    Rational s = Activation.SIGMOID.supAbsSecond();
    assertTrue(s.multiply(s).compareTo(Rational.of(1, 108)) >= 0);
    // Exact constants.
    assertEquals(Rational.ONE, Activation.TANH.supAbsFirst());
    assertEquals(Rational.of(1, 4), Activation.SIGMOID.supAbsFirst());
    assertEquals(Rational.ONE, Activation.SOFTPLUS.supAbsFirst());
    assertEquals(Rational.of(1, 4), Activation.SOFTPLUS.supAbsSecond());
    assertEquals(Rational.ONE, Activation.TANH.supAbsValue());
    assertEquals(Rational.ONE, Activation.SIGMOID.supAbsValue());
    assertNull(Activation.SOFTPLUS.supAbsValue());
    assertEquals(Rational.ZERO, Activation.TANH.absAtZero());
    assertEquals(Rational.of(1, 2), Activation.SIGMOID.absAtZero());
  }

  @Test
  void criticalPointBracketsAreExact() {
    // 1/sqrt 3 in [lo, hi]  <=>  3 lo^2 <= 1 <= 3 hi^2.
    Rational lo = Activation.INV_SQRT3_LO;
    Rational hi = Activation.INV_SQRT3_HI;
    assertTrue(lo.multiply(lo).multiply(3).compareTo(Rational.ONE) <= 0);
    assertTrue(hi.multiply(hi).multiply(3).compareTo(Rational.ONE) >= 0);
    // (3 - sqrt 3)/6 in [l, u]  <=>  (3 - 6u)^2 <= 3 <= (3 - 6l)^2 (both bases positive).
    Rational l1 = Rational.of(3).subtract(Activation.SIG_C1_HI.multiply(6));
    Rational u1 = Rational.of(3).subtract(Activation.SIG_C1_LO.multiply(6));
    assertTrue(l1.signum() > 0 && l1.multiply(l1).compareTo(Rational.of(3)) <= 0);
    assertTrue(u1.multiply(u1).compareTo(Rational.of(3)) >= 0);
    // (3 + sqrt 3)/6 in [l, u]  <=>  (6l - 3)^2 <= 3 <= (6u - 3)^2.
    Rational l2 = Activation.SIG_C2_LO.multiply(6).subtract(Rational.of(3));
    Rational u2 = Activation.SIG_C2_HI.multiply(6).subtract(Rational.of(3));
    assertTrue(l2.signum() > 0 && l2.multiply(l2).compareTo(Rational.of(3)) <= 0);
    assertTrue(u2.multiply(u2).compareTo(Rational.of(3)) >= 0);
  }

  @Test
  void sampledSecondDerivativesStayBelowTheBoundAndApproachIt() {
    for (Activation act : Activation.values()) {
      double max = 0;
      for (int k = -4000; k <= 4000; k++) {
        double x = k / 500.0;
        max = Math.max(max, Math.abs(act.second(x)));
        assertTrue(Math.abs(act.first(x)) <= act.supAbsFirst().toDouble() + 1e-15);
      }
      double bound = act.supAbsSecond().toDouble();
      assertTrue(max <= bound && max > 0.99 * bound, act + ": max " + max + ", bound " + bound);
    }
  }

  @Test
  void estimatesAgreeWithApfloatsOwnFunctions() {
    String[] points = {"0", "0.5", "-0.5", "1e-20", "-3", "17", "-60", "200"};
    for (String pt : points) {
      Apfloat x = new Apfloat(pt, 80);
      Apfloat tol = new Apfloat("1e-45");
      Activation.Values t = Activation.TANH.estimate(x, P);
      assertNear(ApfloatMath.tanh(x), t.value(), tol, "tanh " + pt);
      Apfloat th = ApfloatMath.tanh(x);
      assertNear(new Apfloat(1L).subtract(th.multiply(th)), t.first(), tol, "tanh' " + pt);
      Activation.Values s = Activation.SIGMOID.estimate(x, P);
      Apfloat sig = ApfloatMath.logisticSigmoid(x);
      assertNear(sig, s.value(), tol, "sigmoid " + pt);
      assertNear(sig.multiply(new Apfloat(1L).subtract(sig)), s.first(), tol, "sigmoid' " + pt);
      assertNear(sig.multiply(new Apfloat(1L).subtract(sig)).multiply(
          new Apfloat(1L).subtract(sig.multiply(new Apfloat(2L)))), s.second(), tol, "sigmoid'' " + pt);
      Activation.Values sp = Activation.SOFTPLUS.estimate(x, P);
      Apfloat soft = ApfloatMath.log(new Apfloat(1, 80).add(ApfloatMath.exp(x)));
      assertNear(soft, sp.value(), tol, "softplus " + pt);
      assertNear(sig, sp.first(), tol, "softplus' " + pt);
    }
  }

  private static void assertNear(Apfloat expected, Apfloat actual, Apfloat tol, String what) {
    Apfloat diff = ApfloatMath.abs(expected.subtract(actual));
    assertTrue(diff.compareTo(tol) <= 0, what + ": " + expected + " vs " + actual);
  }

  @Test
  void doublePathAgreesWithApfloat() {
    for (Activation act : Activation.values()) {
      for (int k = -40; k <= 40; k += 2) {
        double x = k * k * k / 1000.0 + k / 7.0; // dense near 0, out to about +-70
        Activation.Values v = act.estimate(new Apfloat(x, 40), 30);
        Activation.DoubleValues dv = act.doubles(x);
        assertEquals(v.value().doubleValue(), dv.value(), 1e-15 * (1 + Math.abs(dv.value())), act + " " + x);
        assertEquals(v.first().doubleValue(), dv.first(), 1e-15, act + "' " + x);
        assertEquals(v.second().doubleValue(), dv.second(), 1e-15, act + "'' " + x);
      }
    }
  }
}
