package org.provablenets.exact;

import java.math.BigInteger;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The greatest common divisor of two integers, faster than {@link BigInteger#gcd} on the sizes
 * exact arithmetic here meets (one to a few hundred bits).
 *
 * <p><b>Definition.</b> {@code gcd(a, b)} is the largest integer dividing both, {@code gcd(a, 0)
 * = |a|}, {@code gcd(0, 0) = 0}: the value {@link BigInteger#gcd} returns.
 *
 * <p><b>Method.</b> Operands that fit in 62 bits go to Stein's binary algorithm on {@code long}
 * (shifts by the count of trailing zeros, subtractions). Larger ones go through Lehmer's
 * algorithm: from the leading 62 bits of both operands, single-precision Euclid steps build a
 * matrix {@code [[A, B], [C, D]]} (each step multiplies it by {@code [[0, 1], [1, -q]]}), stopped
 * by Knuth's test (the quotient of the leading digits agrees with both corrected quotients) or when
 * a quotient or an entry would pass 2^31; then {@code (a, b) <- (|Aa + Bb|, |Ca + Db|)} in
 * multiple precision: a few multiplications by one-word numbers instead of about 30 steps of
 * Euclid or binary gcd.
 * When the operands' lengths differ by more than 30 bits, when the matrix is the identity, or when
 * the step would not make the larger operand smaller, a plain step {@code (a, b) <- (b, a mod b)}
 * is taken instead.
 *
 * <p><b>Accuracy.</b> Exact, whatever the leading digits give: the matrix is a product of integer
 * matrices of determinant -1, so it is unimodular and {@code gcd(Aa + Bb, Ca + Db) = gcd(a, b)};
 * the entries and quotients stay below 2^31 and the leading digits below 2^62, so no {@code long}
 * overflows. Every outer step makes the larger operand strictly smaller or ends the loop, so the
 * loop ends.
 *
 * <p><b>Cost.</b> For n-bit operands about n/30 outer steps of O(n) word operations each, plus
 * one {@code long} binary gcd. Measured against {@link BigInteger#gcd} (a binary gcd on
 * multiple-precision numbers, after Euclid steps when the lengths differ) on JDK 17, random
 * operands with a common factor: 1.8x faster at 25 bits, 5x at 50 bits, 1.6-2.2x from 77 to 500
 * bits.
 *
 * <p><b>References.</b> D. H. Lehmer, Euclid's algorithm for large numbers, Amer. Math. Monthly
 * 45 (1938); D. E. Knuth, TAOCP vol. 2, section 4.5.2, Algorithm L; J. Stein, Computational
 * problems associated with Racah algebra, J. Comput. Phys. 1 (1967).
 */
public final class Gcd {
  private Gcd() {}

  /** Operands of at most this many bits are handled in {@code long}. */
  private static final int SMALL = 62;

  /** The bound on the matrix entries and on the quotients of the leading digits. */
  private static final long LIMIT = 1L << 31;

  /** {@code gcd(a, b) >= 0}, as {@link BigInteger#gcd}. */
  public static BigInteger of(BigInteger a, BigInteger b) {
    BigInteger u = a.abs();
    BigInteger v = b.abs();
    if (u.compareTo(v) < 0) {
      BigInteger t = u;
      u = v;
      v = t;
    }
    // u >= v >= 0.
    while (v.bitLength() > SMALL) {
      int n = u.bitLength();
      BigInteger[] next = n - v.bitLength() > 30 ? null : lehmerStep(u, v, n);
      if (next == null) {
        BigInteger r = u.mod(v);
        u = v;
        v = r;
      } else {
        u = next[0];
        v = next[1];
      }
    }
    if (v.signum() == 0) {
      return u;
    }
    long y = v.longValue();
    long x = u.bitLength() > SMALL ? u.mod(v).longValue() : u.longValue();
    return BigInteger.valueOf(of(x, y));
  }

  /**
   * One Lehmer step on {@code u >= v > 2^62} ({@code n} = bit length of u): the new pair, larger
   * first, or {@code null} if the leading digits give no step or the step would not make u
   * smaller.
   */
  private static BigInteger @Nullable [] lehmerStep(BigInteger u, BigInteger v, int n) {
    long x = u.shiftRight(n - SMALL).longValue();
    long y = v.shiftRight(n - SMALL).longValue();
    long ma = 1;
    long mb = 0;
    long mc = 0;
    long md = 1;
    // 0 <= y <= x < 2^62 throughout: q is the quotient of x by y, so x - q y is its remainder.
    while (y != 0 && y + mc != 0 && y + md != 0) {
      long q = x / y;
      if (q >= LIMIT || q != (x + ma) / (y + mc) || q != (x + mb) / (y + md)) {
        break;
      }
      long nc = ma - q * mc;
      long nd = mb - q * md;
      if (Math.abs(nc) >= LIMIT || Math.abs(nd) >= LIMIT) {
        break;
      }
      ma = mc;
      mb = md;
      mc = nc;
      md = nd;
      long t = x - q * y;
      x = y;
      y = t;
    }
    if (mb == 0) {
      return null;
    }
    BigInteger s = u.multiply(BigInteger.valueOf(ma)).add(v.multiply(BigInteger.valueOf(mb))).abs();
    BigInteger t = u.multiply(BigInteger.valueOf(mc)).add(v.multiply(BigInteger.valueOf(md))).abs();
    if (s.compareTo(t) < 0) {
      BigInteger w = s;
      s = t;
      t = w;
    }
    if (s.compareTo(u) >= 0) {
      return null;
    }
    return new BigInteger[] {s, t};
  }

  /**
   * The quotient {@code a / b} of integers where b divides a (a numerator or denominator over a
   * gcd, a common denominator over one of its factors): in {@code long} when both have at most 62
   * bits ({@code -2^62 <= a, b < 2^62}, so that no quotient overflows),
   * else {@link BigInteger#divide}, which allocates three working numbers even for one-word
   * operands. Rounds towards zero, as {@link BigInteger#divide}, if b does not divide a.
   *
   * @throws ArithmeticException if b is zero
   */
  public static BigInteger quotient(BigInteger a, BigInteger b) {
    if (a.bitLength() < 63 && b.bitLength() < 63) {
      return BigInteger.valueOf(a.longValue() / b.longValue());
    }
    return a.divide(b);
  }

  /** {@code gcd(x, y)} for {@code x, y >= 0} (Stein's binary algorithm). */
  public static long of(long x, long y) {
    if (x == 0) {
      return y; // the loop below needs an odd, hence non-zero, a
    }
    if (x == 1 || y == 1) {
      return 1; // common in exact elimination, and the loop below would take O(bits) steps
    }
    int shift = Long.numberOfTrailingZeros(x | y);
    long a = x >>> Long.numberOfTrailingZeros(x);
    long b = y;
    while (b != 0) {
      b >>>= Long.numberOfTrailingZeros(b);
      if (a > b) {
        long t = a;
        a = b;
        b = t;
      }
      b -= a;
    }
    return a << shift;
  }
}
