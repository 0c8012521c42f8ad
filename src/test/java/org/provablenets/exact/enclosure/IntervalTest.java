package org.provablenets.exact.enclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;
import org.provablenets.exact.Rational;

/** Enclosures of known numbers: containment, outward direction and tightness. */
class IntervalTest {
  private static void tight(Interval x, Apfloat relative) {
    Apfloat mag = ApfloatMath.max(ApfloatMath.abs(x.lo()), ApfloatMath.abs(x.hi()));
    assertTrue(x.width().compareTo(mag.multiply(relative)) <= 0, "too wide: " + x);
  }

  @Test
  void aThirdIsEnclosedStrictly() {
    Interval t = Interval.of(Rational.of(1, 3), 20);
    assertTrue(t.contains(Rational.of(1, 3)));
    assertTrue(t.lowerBound().compareTo(Rational.of(1, 3)) < 0);
    assertTrue(t.upperBound().compareTo(Rational.of(1, 3)) > 0);
    tight(t, new Apfloat("1e-19"));
    assertTrue(t.multiply(Rational.of(3)).contains(Rational.ONE));
    assertTrue(t.subtract(t).contains(Rational.ZERO));
    assertTrue(t.divide(Interval.of(Rational.of(-7), 20)).contains(Rational.of(-1, 21)));
  }

  @Test
  void integersAndDecimalsAreExact() {
    Interval k = Interval.of(Rational.of(123456), 10);
    assertEquals(k.lowerBound(), k.upperBound());
    Interval d = Interval.of(Rational.of(-5, 8), 10); // -0.625
    assertEquals(Rational.of(-5, 8), d.lowerBound());
    assertEquals(Rational.of(-5, 8), d.upperBound());
    // 12 digits rounded outward to 5.
    Interval r = Interval.of(Rational.of(123456789012L), 5);
    assertEquals(Rational.of(123450000000L), r.lowerBound());
    assertEquals(Rational.of(123460000000L), r.upperBound());
  }

  @Test
  void squareOfAnIntervalAroundZeroIsNonNegative() {
    Interval x = Interval.of(Rational.of(-1, 3), 20).hull(Interval.of(Rational.of(1, 2), 20));
    Interval sq = x.square();
    assertEquals(Rational.ZERO, sq.lowerBound());
    assertTrue(sq.contains(Rational.of(1, 4)));
    assertTrue(x.multiply(x).lowerBound().signum() < 0); // the naive product is wider
    assertThrows(ArithmeticException.class, () -> Interval.of(1, 20).divide(x));
  }

  @Test
  void elementaryFunctionsEncloseApfloatAt80Digits() {
    String[] points = {"1", "-1", "0.001", "-37.5", "1e-30", "-1e-30", "250", "-250", "3.75"};
    for (String pt : points) {
      Rational q = org.provablenets.exact.Rationals.parse(pt);
      Apfloat x = new Apfloat(pt, 120);
      Interval xi = Interval.of(q, 25);
      Interval e = xi.exp();
      assertTrue(e.contains(ApfloatMath.exp(x)), pt + ": exp " + e);
      tight(e, new Apfloat("1e-22"));
      Interval t = xi.tanh();
      assertTrue(t.contains(ApfloatMath.tanh(x).precision(90)), pt + ": tanh " + t);
      tight(t, new Apfloat("1e-22"));
      Interval s = xi.sigmoid();
      Apfloat sig = new Apfloat(1, 120).divide(new Apfloat(1L).add(ApfloatMath.exp(x.negate())));
      assertTrue(s.contains(sig.precision(90)), pt + ": sigmoid " + s);
      tight(s, new Apfloat("1e-22"));
      Interval sp = xi.softplus();
      Apfloat soft = ApfloatMath.log(new Apfloat(1L).add(ApfloatMath.exp(x)));
      if (x.compareTo(new Apfloat(-100)) > 0) {
        assertTrue(sp.contains(soft.precision(60)), pt + ": softplus " + sp + " vs " + soft);
      }
      tight(sp, new Apfloat("1e-22"));
    }
  }

  @Test
  void softplusOfVeryNegativeArgumentsUsesTheTinyBranch() {
    Interval sp = Interval.of(Rational.of(-1000), 20).softplus();
    Apfloat e = ApfloatMath.exp(new Apfloat(-1000, 60)); // log(1 + e) = e (1 - e/2 + ...)
    assertTrue(sp.contains(e.precision(40)), sp.toString());
  }
}
