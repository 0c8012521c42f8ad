package org.provablenets.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Rational#toDouble} is correctly rounded: checked exactly, with rationals, against the two
 * neighbouring doubles, on random rationals of every size (normal, subnormal, beyond the range)
 * and on hand-made ties.
 */
class RationalToDoubleTest {

  /** d is the double nearest to q (ties to an even last bit), compared exactly. */
  private static void assertNearest(Rational q) {
    double d = q.toDouble();
    if (Double.isInfinite(d)) {
      // beyond the range: q is at least the largest double plus half its spacing
      Rational max = Rationals.ofDouble(Double.MAX_VALUE);
      Rational half = Rationals.ofDouble(Math.ulp(Double.MAX_VALUE)).divide(Rational.of(2));
      assertTrue(q.abs().compareTo(max.add(half)) >= 0, () -> q + " became infinite");
      return;
    }
    Rational err = q.subtract(Rationals.ofDouble(d)).abs();
    for (double nb : new double[] {Math.nextUp(d), Math.nextDown(d)}) {
      if (Double.isInfinite(nb)) {
        continue;
      }
      int c = err.compareTo(q.subtract(Rationals.ofDouble(nb)).abs());
      assertTrue(c < 0 || (c == 0 && (Double.doubleToRawLongBits(d) & 1) == 0),
          () -> q + " -> " + d + ", but " + nb + " is nearer (or an even tie)");
    }
  }

  @Test
  void randomRationalsOfEverySizeRoundToTheNearestDouble() {
    SplittableRandom rnd = new SplittableRandom(20261207);
    for (int i = 0; i < 3000; i++) {
      BigInteger num = new BigInteger(1 + rnd.nextInt(1200), new java.util.Random(rnd.nextLong()));
      BigInteger den = new BigInteger(1 + rnd.nextInt(1200), new java.util.Random(rnd.nextLong()))
          .add(BigInteger.ONE);
      if (rnd.nextBoolean()) {
        num = num.negate();
      }
      assertNearest(Rational.of(num, den));
    }
  }

  @Test
  void tiesGoToEvenAndSubnormalsAreExact() {
    // 2^53 + 1 lies halfway between 2^53 and 2^53 + 2: the even one is 2^53
    BigInteger two53 = BigInteger.ONE.shiftLeft(53);
    assertEquals(0x1p53, Rational.of(two53.add(BigInteger.ONE), BigInteger.ONE).toDouble());
    // 2^53 + 3 lies halfway between 2^53 + 2 and 2^53 + 4: the even one is 2^53 + 4
    assertEquals(0x1p53 + 4, Rational.of(two53.add(BigInteger.valueOf(3)), BigInteger.ONE)
        .toDouble());
    // the smallest subnormal, and half of it (a tie with 0, which is even)
    BigInteger two1074 = BigInteger.ONE.shiftLeft(1074);
    assertEquals(Double.MIN_VALUE, Rational.of(BigInteger.ONE, two1074).toDouble());
    assertEquals(0.0, Rational.of(BigInteger.ONE, two1074.shiftLeft(1)).toDouble());
    assertEquals(Double.MIN_VALUE,
        Rational.of(BigInteger.valueOf(3), two1074.shiftLeft(2)).toDouble()); // 3/4 of it
    assertEquals(-1.0 / 3, Rational.of(-1, 3).toDouble());
    assertEquals(Double.POSITIVE_INFINITY,
        Rational.of(BigInteger.ONE.shiftLeft(1030), BigInteger.ONE).toDouble());
    for (String s : new String[] {"1/3", "2/7", "-0.1", "1e-320", "1e-310", "1.7976931348623157e308"}) {
      assertNearest(Rationals.parse(s));
    }
  }
}
