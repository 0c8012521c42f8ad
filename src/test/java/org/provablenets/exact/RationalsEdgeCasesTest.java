package org.provablenets.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Edge cases of {@link Rational} and {@link Rationals} not reached by the worked examples. */
class RationalsEdgeCasesTest {

  @Test
  void shortConstructorsAndZeroTest() {
    assertEquals(Rational.of(3), Rationals.of(3));
    // 2/4 in lowest terms is 1/2.
    assertEquals(Rational.of(1, 2), Rationals.of(2, 4));
    assertTrue(Rationals.isZero(Rational.ZERO));
    assertTrue(Rationals.isZero(Rationals.of(0, 7)));
    assertFalse(Rationals.isZero(Rational.of(1, 2)));
    assertFalse(Rationals.isZero(Rational.of(-1, 1000)));
  }

  @Test
  void aRationalIsNeverEqualToAnotherType() {
    assertNotEquals((Object) Rational.of(1, 2), "1/2");
    assertNotEquals((Object) Rational.ONE, BigInteger.ONE);
  }

  @Test
  void decimalWithOneDigit() {
    // 2/3 = 0.666..., one significant digit half-even: 0.7; 25 -> 2E+1 (2.5E1 rounds half-even
    // to 2E1, printed plainly as 20).
    assertEquals("0.7", Rationals.decimal(Rational.of(2, 3), 1));
    assertEquals("20", Rationals.decimal(Rational.of(25), 1));
    assertThrows(IllegalArgumentException.class, () -> Rationals.decimal(Rational.ONE, 0));
  }

  @Test
  void decimalSwitchesToScientificNotationAtTheDocumentedMagnitudes() {
    // magnitude = precision - scale of the rounded value: 10^-6 has magnitude -5 (plain),
    // 10^-7 has -6 (scientific); 10^20 has 21 (plain), 10^21 has 22 (scientific).
    assertEquals("0.000001", Rationals.decimal(Rational.of(BigInteger.ONE, BigInteger.TEN.pow(6))));
    assertEquals("1E-7", Rationals.decimal(Rational.of(BigInteger.ONE, BigInteger.TEN.pow(7))));
    assertEquals(
        "100000000000000000000", Rationals.decimal(Rational.of(BigInteger.TEN.pow(20))));
    assertEquals("1E+21", Rationals.decimal(Rational.of(BigInteger.TEN.pow(21))));
  }
}
