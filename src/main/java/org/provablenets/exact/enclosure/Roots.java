package org.provablenets.exact.enclosure;

import java.math.BigInteger;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;

/**
 * Rational bounds on square roots, proven by exact squaring.
 *
 * <p>{@link #sqrtUpper} returns {@code u} with {@code u^2 >= q} and {@code u - sqrt q <= sqrt q *
 * 10^-digits} (plus one unit of the last digit): {@code u = (isqrt(N D 10^(2k)) + 1) / (D 10^k)}
 * for {@code q = N / D}, where {@code isqrt} is {@link BigInteger#sqrt} (the floor of the square
 * root). The inequality {@code u^2 >= q} is re-checked exactly before returning. {@link #sqrtLower}
 * is the symmetric lower bound.
 */
public final class Roots {
  private Roots() {}

  /**
   * A rational {@code u >= sqrt(q)} within about {@code 10^-digits} relative; q &gt;= 0. Exact
   * when q is the square of a rational with a small denominator.
   */
  public static Rational sqrtUpper(Rational q, int digits) {
    Rational u = root(q, digits, BigInteger.ONE);
    if (u.multiply(u).compareTo(q) < 0) {
      throw new IllegalStateException("sqrtUpper: " + u + "^2 < " + q);
    }
    return u;
  }

  /** A rational {@code 0 <= l <= sqrt(q)} within about {@code 10^-digits} relative; q &gt;= 0. */
  public static Rational sqrtLower(Rational q, int digits) {
    Rational l = root(q, digits, BigInteger.ZERO);
    if (l.multiply(l).compareTo(q) > 0) {
      throw new IllegalStateException("sqrtLower: " + l + "^2 > " + q);
    }
    return l;
  }

  /**
   * {@code (isqrt(N D 10^(2k)) + step) / (D 10^k)}, or the exact root; {@code step} is 1 for the
   * upper bound and 0 for the lower. Not yet verified: the callers square it exactly.
   */
  private static Rational root(Rational q, int digits, BigInteger step) {
    if (q.signum() < 0) {
      throw new IllegalArgumentException("square root of a negative number " + q);
    }
    if (q.signum() == 0) {
      return Rational.ZERO;
    }
    Rational exact = exactRoot(q);
    if (exact != null) {
      return exact;
    }
    BigInteger num = q.getNumerator();
    BigInteger den = q.getDenominator();
    int k = scaleFor(q, digits);
    BigInteger scale = BigInteger.TEN.pow(k);
    BigInteger r = num.multiply(den).multiply(scale).multiply(scale).sqrt().add(step);
    return Rational.of(r, den.multiply(scale));
  }

  private static @Nullable Rational exactRoot(Rational q) {
    BigInteger n = q.getNumerator().sqrt();
    BigInteger d = q.getDenominator().sqrt();
    if (n.multiply(n).equals(q.getNumerator()) && d.multiply(d).equals(q.getDenominator())) {
      return Rational.of(n, d);
    }
    return null;
  }

  /** k such that sqrt(q) * 10^k * den has at least `digits` digits. */
  private static int scaleFor(Rational q, int digits) {
    // sqrt(N D) 10^k / D = sqrt(q) 10^k; its integer part should have >= digits digits.
    int bits = q.getNumerator().bitLength() - q.getDenominator().bitLength();
    int decimalExp = (int) Math.floor(bits * 0.30103 / 2) - 1; // about log10 sqrt(q), rounded down
    return Math.max(0, digits - decimalExp + 1);
  }
}
