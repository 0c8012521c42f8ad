package org.provablenets.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Worked examples for {@link Rational} and {@link Rationals}: exact parsing of decimal text, the
 * rejected forms, printing and its round trip, arithmetic, and the order of negative numbers.
 * Every expected value is computed by hand in the comment next to it.
 */
class RationalTest {

  private static Rational r(long n, long d) {
    return Rational.of(n, d);
  }

  private static Rational p(String s) {
    return Rationals.parse(s);
  }

  // ---------------------------------------------------------------- parsing

  @Test
  @DisplayName("0.1 + 0.2 = 3/10 exactly (never through double, where it is 0.30000000000000004)")
  void decimalsAreExact() {
    assertEquals(p("3/10"), p("0.1").add(p("0.2")));
    assertEquals(r(3, 10), p("0.1").add(p("0.2")));
    assertEquals(r(1, 10), p("0.1"));
    // The double 0.1 is 3602879701896397/36028797018963968; the parser must not produce it.
    assertNotEquals(
        Rational.of(BigInteger.valueOf(3602879701896397L), BigInteger.TWO.pow(55)), p("0.1"));
  }

  @Test
  @DisplayName("of(long, long) reduces in long as of(BigInteger, BigInteger) does, signs and"
      + " Long.MIN_VALUE included")
  void ofLongsEqualsOfBigIntegers() {
    long[] vs = {0, 1, -1, 2, -6, 12, 35, -49, 1L << 40, -(3L << 50), Long.MAX_VALUE,
        Long.MIN_VALUE, Long.MIN_VALUE + 1};
    for (long n : vs) {
      for (long d : vs) {
        if (d == 0) {
          assertThrows(ArithmeticException.class, () -> Rational.of(n, d));
          continue;
        }
        Rational expected = Rational.of(BigInteger.valueOf(n), BigInteger.valueOf(d));
        Rational actual = Rational.of(n, d);
        assertEquals(expected, actual, n + " / " + d);
        assertEquals(expected.getNumerator(), actual.getNumerator(), n + " / " + d);
        assertEquals(expected.getDenominator(), actual.getDenominator(), n + " / " + d);
      }
    }
  }

  @Test
  @DisplayName("accepted forms: integers, fractions (reduced), decimals with exponents")
  void acceptedForms() {
    assertEquals(r(-1, 4), p("-0.25"));
    assertEquals(r(1, 1000), p("1e-3"));
    assertEquals(Rational.of(250), p("2.5E+2")); // 25 * 10^(2-1)
    assertEquals(r(3, 7), p("3/7"));
    assertEquals(r(-5, 2), p("-10/4")); // gcd 2
    assertEquals(r(1, 2), p(".5"));
    assertEquals(r(-1, 2), p("-.5"));
    assertEquals(Rational.of(7), p("7"));
    assertEquals(Rational.of(-12), p("-12"));
    assertEquals(Rational.of(3), p("+3"));
    assertEquals(Rational.of(1000), p("1E3"));
    assertEquals(Rational.of(1), p("1."));
    assertEquals(r(31, 20), p("1.550")); // trailing zeros do not matter: 155/100
    assertEquals(r(-123, 100_000), p("-1.23e-3"));
    assertEquals(Rational.of(7), p("  7  ")); // surrounding blanks are trimmed
    assertSame(Rational.ZERO, p("-0"));
    assertEquals(Rational.ZERO, p("0/5"));
    assertEquals(Rational.ZERO, p("0.000"));
    assertEquals(Rational.ZERO, p("-0e5"));
    // At the digit limit (10,000 digits written out) a number is accepted and exact.
    assertEquals(Rational.of(BigInteger.TEN.pow(9999)), p("1e9999"));
    assertEquals(Rational.of(BigInteger.ONE, BigInteger.TEN.pow(9999)), p("1e-9999"));
    assertEquals(Rational.of(new BigInteger("7".repeat(10_000))), p("7".repeat(10_000)));
  }

  @Test
  @DisplayName("a parsed fraction is in lowest terms with a positive denominator")
  void parsedFractionIsReduced() {
    Rational x = p("-10/4");
    assertEquals(BigInteger.valueOf(-5), x.getNumerator());
    assertEquals(BigInteger.valueOf(2), x.getDenominator());
    Rational y = p("1.25");
    assertEquals(BigInteger.valueOf(5), y.getNumerator());
    assertEquals(BigInteger.valueOf(4), y.getDenominator());
  }

  @ParameterizedTest(name = "\"{0}\" is rejected")
  @ValueSource(
      strings = {
        "NaN", "Infinity", "-inf", "0x10", "1/0", "", "1.2.3", "1e99999999",
        // further malformed text
        "   ", "nan", "+Infinity", "3/-7", "1/2/3", "1/2.5", "1,5", "e5", ".", "-", "1e", "1e+",
        "0x1p3", "1e10001", "1e-10001", "1e0123456789", "--1", "1 2", "12abc", "٣"
      })
  void rejected(String text) {
    RationalFormatException e =
        assertThrows(RationalFormatException.class, () -> Rationals.parse(text));
    assertFalse(e.getMessage() == null || e.getMessage().isEmpty(), "one clear sentence");
  }

  @Test
  @DisplayName("a long malformed number is rejected in linear time, not by backtracking")
  void longMalformedTextIsRejectedFast() {
    for (String t : new String[] {"1".repeat(19_000) + "x", "1".repeat(9_000) + "." + "2".repeat(9_000) + "e",
        "9".repeat(1_000_000) + "x"}) {
      org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
          () -> assertThrows(RationalFormatException.class, () -> Rationals.parse(t)),
          "a hang detector: quadratic backtracking took 2.4 s at 20,000 characters");
    }
  }

  @Test
  @DisplayName("the digit limit counts numerator and denominator digits written out")
  void digitLimit() {
    assertEquals(Rationals.DEFAULT_MAX_DIGITS, Rationals.maxDigits());
    // 10,001 digits, in each of the forms: integer, fraction (numerator or denominator), decimal
    // (mantissa digits, a positive exponent's zeros, a negative exponent's denominator).
    String big = "9".repeat(10_001);
    for (String t : new String[] {big, "-" + big, big + "/7", "7/" + big, "1." + "5".repeat(10_000),
        "1e10000", "1e-10000", "123.45e9998", "0.000e-9999"}) {
      RationalFormatException e =
          assertThrows(RationalFormatException.class, () -> Rationals.parse(t), t);
      assertTrue(e.getMessage().contains("more than the limit of 10000"), e.getMessage());
      assertTrue(e.getMessage().contains("--max-digits"), e.getMessage());
      assertTrue(e.getMessage().length() < 200, "the text is shortened: " + e.getMessage());
    }
    // One digit fewer is accepted: 10,000 digits each.
    assertEquals(Rational.of(BigInteger.TEN.pow(9995).multiply(BigInteger.valueOf(12345))),
        Rationals.parse("123.45e9997"));
    assertEquals(Rational.of(BigInteger.ONE, BigInteger.TEN.pow(9999)), Rationals.parse("1e-9999"));
    try {
      Rationals.setMaxDigits(20_000);
      assertEquals(Rational.of(BigInteger.TEN.pow(10_000)), Rationals.parse("1e10000"));
      Rationals.setMaxDigits(3);
      assertEquals(Rational.of(999), Rationals.parse("999"));
      assertEquals(Rational.of(1, 100), Rationals.parse("0.01")); // denominator 100: 3 digits
      assertThrows(RationalFormatException.class, () -> Rationals.parse("1000"));
      assertThrows(RationalFormatException.class, () -> Rationals.parse("0.001"));
      assertThrows(RationalFormatException.class, () -> Rationals.parse("1/1000"));
    } finally {
      Rationals.setMaxDigits(Rationals.DEFAULT_MAX_DIGITS);
    }
    assertThrows(IllegalArgumentException.class, () -> Rationals.setMaxDigits(0));
    assertThrows(IllegalArgumentException.class,
        () -> Rationals.setMaxDigits(Rationals.MAX_MAX_DIGITS + 1));
    assertEquals(Rationals.DEFAULT_MAX_DIGITS, Rationals.maxDigits());
  }

  @Test
  @DisplayName("NaN and infinity are rejected with a message naming them as non-finite")
  void nonFiniteMessage() {
    for (String s : new String[] {"NaN", "Infinity", "-inf"}) {
      RationalFormatException e =
          assertThrows(RationalFormatException.class, () -> Rationals.parse(s));
      assertTrue(e.getMessage().contains("not a finite number"), e.getMessage());
    }
  }

  @Test
  @DisplayName("RationalFormatException is an IllegalArgumentException (bad input, exit code 2)")
  void formatExceptionIsIllegalArgument() {
    assertThrows(IllegalArgumentException.class, () -> Rationals.parse("NaN"));
  }

  // ---------------------------------------------------------------- printing

  @Test
  @DisplayName("format prints n or n/d in lowest terms, and equals toString")
  void format() {
    assertEquals("0", Rationals.format(Rational.ZERO));
    assertEquals("2", Rationals.format(r(6, 3)));
    assertEquals("-5/2", Rationals.format(r(-10, 4)));
    assertEquals("-1/2", Rationals.format(r(1, -2))); // sign moves to the numerator
    assertEquals("3/7", Rationals.format(p("3/7")));
    assertEquals("1/1000", Rationals.format(p("1e-3")));
    assertEquals(r(-10, 4).toString(), Rationals.format(r(-10, 4)));
  }

  @Test
  @DisplayName("parse(format(q)) = q on a grid of small rationals and a few large ones")
  void formatParseRoundTrip() {
    for (long n = -30; n <= 30; n++) {
      for (long d = 1; d <= 12; d++) {
        Rational q = r(n, d);
        assertEquals(q, p(Rationals.format(q)), q::toString);
        assertEquals(q, p(q.toString()), q::toString);
      }
    }
    BigInteger big = BigInteger.TEN.pow(40).add(BigInteger.valueOf(7));
    for (Rational q :
        new Rational[] {
          Rational.of(big), Rational.of(big.negate(), BigInteger.valueOf(3)),
          Rational.of(BigInteger.ONE, big), Rational.of(Long.MIN_VALUE), r(Long.MAX_VALUE, 2)
        }) {
      assertEquals(q, p(Rationals.format(q)), q::toString);
    }
  }

  @Test
  @DisplayName("format(parse(text)) is the canonical form of the text")
  void parseFormat() {
    assertEquals("3/10", Rationals.format(p("0.3")));
    assertEquals("-1/4", Rationals.format(p("-0.25")));
    assertEquals("250", Rationals.format(p("2.5E+2")));
    assertEquals("1/2", Rationals.format(p(".5")));
    assertEquals("-5/2", Rationals.format(p("-10/4")));
  }

  @Test
  @DisplayName("decimal approximations for reading: 1/3 to 5 digits is 0.33333")
  void decimal() {
    assertEquals("0.33333", Rationals.decimal(r(1, 3), 5));
    assertEquals("0.66667", Rationals.decimal(r(2, 3), 5)); // half-even rounding of 0.666666..
    assertEquals("-2.5", Rationals.decimal(r(-5, 2)));
    assertEquals("0", Rationals.decimal(Rational.ZERO));
    assertEquals("0.1", Rationals.decimal(p("0.1")));
  }

  // ---------------------------------------------------------------- arithmetic

  @Test
  @DisplayName("arithmetic: 1/2 + 1/3 = 5/6, 1/2 - 1/3 = 1/6, (2/3)(9/4) = 3/2, (2/3)/(4/9) = 3/2")
  void arithmetic() {
    assertEquals(r(5, 6), r(1, 2).add(r(1, 3)));
    assertEquals(r(1, 6), r(1, 2).subtract(r(1, 3)));
    assertEquals(r(3, 2), r(2, 3).multiply(r(9, 4)));
    assertEquals(r(3, 2), r(2, 3).divide(r(4, 9)));
    assertEquals(r(-4, 3), r(2, 3).multiply(-2));
    assertEquals(r(1, 3), r(2, 3).divide(2));
    assertEquals(r(-7, 3), r(-3, 7).reciprocal());
    assertEquals(r(3, 7), r(-3, 7).abs());
    assertEquals(r(3, 7), r(-3, 7).negate());
    assertEquals(Rational.ZERO, r(1, 4).add(r(-1, 4)));
    assertEquals(Rational.ONE, r(1, 4).add(r(3, 4))); // same denominator, result reduces
    assertEquals(Rational.ZERO, Rational.ZERO.negate());
    assertTrue(r(6, 3).isInteger());
    assertFalse(r(1, 3).isInteger());
    assertEquals(-1, r(-1, 9).signum());
    assertEquals(0, Rational.ZERO.signum());
    assertEquals(1, r(1, 9).signum());
  }

  @Test
  @DisplayName("normal form: a negative denominator moves its sign to the numerator; equal values are equal")
  void normalForm() {
    Rational x = r(2, -4);
    assertEquals(BigInteger.valueOf(-1), x.getNumerator());
    assertEquals(BigInteger.valueOf(2), x.getDenominator());
    assertEquals(r(1, 2), r(2, 4));
    assertEquals(r(1, 2).hashCode(), r(-3, -6).hashCode());
    assertEquals(r(1, 2), r(-3, -6));
    assertEquals(Rational.ZERO, r(0, -5));
    assertEquals(BigInteger.ONE, r(0, -5).getDenominator());
  }

  @Test
  @DisplayName("a zero denominator or a division by zero throws ArithmeticException")
  void divisionByZero() {
    assertThrows(ArithmeticException.class, () -> Rational.of(1, 0));
    assertThrows(ArithmeticException.class, () -> r(1, 2).divide(Rational.ZERO));
    assertThrows(ArithmeticException.class, () -> r(1, 2).divide(0));
    assertThrows(ArithmeticException.class, () -> Rational.ZERO.reciprocal());
  }

  // ---------------------------------------------------------------- order

  /*
   * Regression note. The project first planned to use Apache Commons Numbers BigFraction 1.2. Its
   * compareTo compares |n1| |d2| with |d1| |n2| when the signs agree, which reverses the order of
   * two negative numbers: BigFraction.of(-5).compareTo(BigFraction.of(-3)) returned +1. An exact
   * simplex that compares with it takes wrong pivots. The tests below pin the correct order of
   * negatives for our own Rational; they deliberately do not depend on BigFraction.
   */

  @Test
  @DisplayName("order of negatives: -5 < -3 and -1/2 < -1/3 (Commons Numbers BigFraction 1.2 reversed these)")
  void orderOfNegatives() {
    assertTrue(Rational.of(-5).compareTo(Rational.of(-3)) < 0);
    assertTrue(Rational.of(-3).compareTo(Rational.of(-5)) > 0);
    assertTrue(r(-1, 2).compareTo(r(-1, 3)) < 0);
    assertTrue(r(-1, 3).compareTo(r(-1, 2)) > 0);
    assertTrue(r(-7, 2).compareTo(r(-10, 3)) < 0); // -3.5 < -3.33..
    assertEquals(0, r(-2, 4).compareTo(r(-1, 2)));
    assertTrue(r(-1, 2).compareTo(r(1, 3)) < 0);
    assertTrue(Rational.ZERO.compareTo(r(-1, 1000)) > 0);
    assertEquals(Rational.of(-5), Rationals.min(Rational.of(-5), Rational.of(-3)));
    assertEquals(Rational.of(-3), Rationals.max(Rational.of(-5), Rational.of(-3)));
    assertEquals(r(-1, 2), Rationals.min(r(-1, 3), r(-1, 2)));
  }

  @Test
  @DisplayName("sorting mixed-sign rationals gives the numeric order")
  void sorting() {
    List<Rational> xs =
        new ArrayList<>(
            Arrays.asList(r(1, 3), r(-1, 3), Rational.of(-5), r(-1, 2), Rational.ZERO,
                Rational.of(-3), r(7, 2), r(-7, 2)));
    Collections.sort(xs);
    assertEquals(
        Arrays.asList(Rational.of(-5), r(-7, 2), Rational.of(-3), r(-1, 2), r(-1, 3),
            Rational.ZERO, r(1, 3), r(7, 2)),
        xs);
  }

  @Test
  @DisplayName("compareTo agrees with the sign of n1 d2 - n2 d1 on every pair of p/q, |p| <= 8, 1 <= |q| <= 5")
  void orderAgreesWithCrossMultiplication() {
    for (long n1 = -8; n1 <= 8; n1++) {
      for (long d1 = -5; d1 <= 5; d1++) {
        if (d1 == 0) {
          continue;
        }
        for (long n2 = -8; n2 <= 8; n2++) {
          for (long d2 = -5; d2 <= 5; d2++) {
            if (d2 == 0) {
              continue;
            }
            // n1/d1 - n2/d2 has the sign of (n1 d2 - n2 d1) times the sign of d1 d2.
            long expected = Long.signum(n1 * d2 - n2 * d1) * Long.signum(d1 * d2);
            Rational a = r(n1, d1);
            Rational b = r(n2, d2);
            String ctx = n1 + "/" + d1 + " vs " + n2 + "/" + d2;
            assertEquals(expected, Integer.signum(a.compareTo(b)), ctx);
            assertEquals(expected == 0, a.equals(b), ctx);
            assertEquals(expected, a.subtract(b).signum(), ctx);
          }
        }
      }
    }
  }

  @Test
  @DisplayName("decimal approximations are plain for ordinary magnitudes and need a digit")
  void decimalNotation() {
    assertEquals("100", Rationals.decimal(Rational.of(100)));
    assertEquals("1200", Rationals.decimal(Rational.of(1234567, 1000), 2));
    assertEquals("0.33333", Rationals.decimal(Rational.of(1, 3), 5));
    assertEquals("-0.001", Rationals.decimal(Rational.of(-1, 1000)));
    assertEquals("1E-9", Rationals.decimal(Rational.of(1, 1_000_000_000)));
    assertThrows(IllegalArgumentException.class, () -> Rationals.decimal(Rational.of(1, 3), 0));
  }
}
