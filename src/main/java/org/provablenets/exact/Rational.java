package org.provablenets.exact;

import java.math.BigInteger;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An exact rational number: an immutable value class over {@link BigInteger}.
 *
 * <p><b>Definition.</b> A pair (numerator, denominator) in lowest terms with a positive
 * denominator, so that every rational has exactly one representation: {@link #equals} is equality
 * of numbers and {@link #compareTo} is their order.
 *
 * <p><b>Why not Commons Numbers' {@code BigFraction}.</b> The project planned to use {@code
 * org.apache.commons.numbers.fraction.BigFraction} 1.2. Its {@code compareTo} compares {@code
 * |n1| |d2|} with {@code |d1| |n2|} when both signs agree, which reverses the order of two negative
 * numbers: {@code BigFraction.of(-5).compareTo(BigFraction.of(-3))} returns {@code 1} (checked with
 * javap on the released 1.2 jar, and by {@code RationalTest}). An exact LP or QP solver that
 * compares with it takes wrong pivots, so this class replaces it; its order is tested against
 * cross-multiplication with signed integers.
 *
 * <p><b>Accuracy.</b> Exact. <b>Cost.</b> Each operation is a few {@link BigInteger}
 * multiplications and one gcd, polynomial in the number of digits.
 */
public final class Rational implements Comparable<Rational> {
  /** Zero. */
  public static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);

  /** One. */
  public static final Rational ONE = new Rational(BigInteger.ONE, BigInteger.ONE);

  private final BigInteger num;
  private final BigInteger den;

  private Rational(BigInteger num, BigInteger den) {
    this.num = num;
    this.den = den;
  }

  /** The rational {@code num / den} in lowest terms; {@code den} must be non-zero. */
  public static Rational of(BigInteger num, BigInteger den) {
    if (den.signum() == 0) {
      throw new ArithmeticException("zero denominator");
    }
    if (num.signum() == 0) {
      return ZERO;
    }
    if (den.signum() < 0) {
      num = num.negate();
      den = den.negate();
    }
    BigInteger g = Gcd.of(num, den);
    if (!g.equals(BigInteger.ONE)) {
      num = Gcd.quotient(num, g);
      den = Gcd.quotient(den, g);
    }
    return new Rational(num, den);
  }

  /** The integer {@code n}. */
  public static Rational of(BigInteger n) {
    return n.signum() == 0 ? ZERO : new Rational(n, BigInteger.ONE);
  }

  /** The integer {@code n}. */
  public static Rational of(long n) {
    return of(BigInteger.valueOf(n));
  }

  /**
   * The rational {@code num / den} in lowest terms; {@code den} must be non-zero. Reduced in
   * {@code long} (one binary gcd) unless an argument is {@link Long#MIN_VALUE}.
   */
  public static Rational of(long num, long den) {
    if (den == 0) {
      throw new ArithmeticException("zero denominator");
    }
    if (num == 0) {
      return ZERO;
    }
    if (num == Long.MIN_VALUE || den == Long.MIN_VALUE) {
      return of(BigInteger.valueOf(num), BigInteger.valueOf(den));
    }
    long g = Gcd.of(Math.abs(num), Math.abs(den));
    long n = num / g;
    long d = den / g;
    if (d < 0) {
      n = -n;
      d = -d;
    }
    return new Rational(BigInteger.valueOf(n), BigInteger.valueOf(d));
  }

  /** The numerator (the sign of the number). */
  public BigInteger getNumerator() {
    return num;
  }

  /** The denominator, always positive. */
  public BigInteger getDenominator() {
    return den;
  }

  /** -1, 0 or 1. */
  public int signum() {
    return num.signum();
  }

  /** {@code this + b}. */
  public Rational add(Rational b) {
    if (b.num.signum() == 0) {
      return this;
    }
    if (num.signum() == 0) {
      return b;
    }
    if (den.equals(b.den)) {
      return of(num.add(b.num), den);
    }
    return of(num.multiply(b.den).add(b.num.multiply(den)), den.multiply(b.den));
  }

  /** {@code this - b}. */
  public Rational subtract(Rational b) {
    return add(b.negate());
  }

  /** {@code this * b}. */
  public Rational multiply(Rational b) {
    if (num.signum() == 0 || b.num.signum() == 0) {
      return ZERO;
    }
    return of(num.multiply(b.num), den.multiply(b.den));
  }

  /** {@code this * k}. */
  public Rational multiply(long k) {
    return multiply(of(k));
  }

  /** {@code this * k}. */
  public Rational multiply(BigInteger k) {
    return multiply(of(k));
  }

  /** {@code this / b}; b must be non-zero. */
  public Rational divide(Rational b) {
    if (b.num.signum() == 0) {
      throw new ArithmeticException("division by zero");
    }
    return of(num.multiply(b.den), den.multiply(b.num));
  }

  /** {@code this / k}; k must be non-zero. */
  public Rational divide(long k) {
    return divide(of(k));
  }

  /** {@code -this}. */
  public Rational negate() {
    return num.signum() == 0 ? this : new Rational(num.negate(), den);
  }

  /** {@code |this|}. */
  public Rational abs() {
    return num.signum() < 0 ? negate() : this;
  }

  /** {@code 1 / this}; this must be non-zero. */
  public Rational reciprocal() {
    return ONE.divide(this);
  }

  /** Whether this is an integer. */
  public boolean isInteger() {
    return den.equals(BigInteger.ONE);
  }

  /** The order of rationals: the sign of {@code n1 d2 - n2 d1} (denominators are positive). */
  @Override
  public int compareTo(Rational b) {
    return num.multiply(b.den).compareTo(b.num.multiply(den));
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Rational)) {
      return false;
    }
    Rational r = (Rational) o;
    return num.equals(r.num) && den.equals(r.den);
  }

  @Override
  public int hashCode() {
    return 31 * num.hashCode() + den.hashCode();
  }

  /** The exact text {@code "n"} or {@code "n/d"}, readable by {@link Rationals#parse}. */
  @Override
  public String toString() {
    return den.equals(BigInteger.ONE) ? num.toString() : num + "/" + den;
  }

  /**
   * The {@code double} nearest to this number (ties to even), or an infinity beyond the largest
   * finite double: the project's one conversion from exact to floating point (fast paths, hints
   * and display; never used by exact code).
   *
   * <p>Accuracy: correctly rounded, subnormals included. When numerator and denominator have at
   * most 53 bits both are exact doubles and one IEEE division rounds their quotient correctly.
   * Otherwise the integer quotient {@code floor(|num| 2^s / den)} is taken with at least 55
   * significant bits (or, below the normal range, in units of {@code 2^-1074}), its last bit made
   * sticky when the division is inexact, and rounded once. Cost: one division of integers of the
   * operands' size.
   */
  public double toDouble() {
    if (num.signum() == 0) {
      return 0.0;
    }
    if (num.bitLength() <= 53 && den.bitLength() <= 53) {
      // Both are exact doubles, and IEEE division rounds their quotient correctly.
      return (double) num.longValue() / (double) den.longValue();
    }
    BigInteger a = num.abs();
    // |q| lies in [2^(e-1), 2^(e+1)) for e = bitLength(a) - bitLength(den)
    int e = a.bitLength() - den.bitLength();
    double r;
    if (e > 1025) {
      r = Double.POSITIVE_INFINITY;
    } else if (e >= -1021) {
      // normal range: 55 or 56 significant bits, a sticky last bit, one rounding to 53 bits
      int shift = 55 - e;
      BigInteger[] qr = shift >= 0
          ? a.shiftLeft(shift).divideAndRemainder(den)
          : a.divideAndRemainder(den.shiftLeft(-shift));
      long q = qr[0].longValueExact();
      if (qr[1].signum() != 0) {
        q |= 1;
      }
      // exact: q rounded to 53 bits times a power of two, at least 2^(e-1) >= 2^-1022
      r = Math.scalb((double) q, -shift);
    } else {
      r = subnormal(a);
    }
    return num.signum() < 0 ? -r : r;
  }

  /** |num/den| rounded to a multiple of 2^-1074 (ties to even), for values below 2^-1022. */
  private double subnormal(BigInteger a) {
    BigInteger[] qr = a.shiftLeft(1074).divideAndRemainder(den);
    BigInteger q = qr[0];
    int c = qr[1].shiftLeft(1).compareTo(den);
    if (c > 0 || (c == 0 && q.testBit(0))) {
      q = q.add(BigInteger.ONE);
    }
    return Math.scalb((double) q.longValueExact(), -1074); // q <= 2^52: exact
  }
}
