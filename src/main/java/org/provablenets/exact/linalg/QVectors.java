package org.provablenets.exact.linalg;

import java.util.Arrays;
import org.apache.commons.numbers.fraction.BigFraction;
import org.checkerframework.checker.index.qual.NonNegative;

/**
 * Vectors over the rationals, as plain {@code BigFraction[]} arrays.
 *
 * <p>Every binary operation requires equal lengths and says so otherwise. Cost: O(n) rational
 * operations.
 */
public final class QVectors {
  private QVectors() {}

  /** The zero vector of length {@code n}. */
  public static BigFraction[] zeros(@NonNegative int n) {
    BigFraction[] z = new BigFraction[n];
    Arrays.fill(z, BigFraction.ZERO);
    return z;
  }

  private static void sameLength(BigFraction[] x, BigFraction[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "vectors of lengths " + x.length + " and " + y.length + " cannot be combined");
    }
  }

  /** The inner product {@code x . y}. */
  public static BigFraction dot(BigFraction[] x, BigFraction[] y) {
    sameLength(x, y);
    BigFraction s = BigFraction.ZERO;
    for (int i = 0; i < x.length && i < y.length; i++) {
      s = s.add(x[i].multiply(y[i]));
    }
    return s;
  }

  /** {@code x + y}. */
  public static BigFraction[] add(BigFraction[] x, BigFraction[] y) {
    sameLength(x, y);
    BigFraction[] z = new BigFraction[x.length];
    for (int i = 0; i < z.length && i < y.length; i++) {
      z[i] = x[i].add(y[i]);
    }
    return z;
  }

  /** {@code x - y}. */
  public static BigFraction[] subtract(BigFraction[] x, BigFraction[] y) {
    sameLength(x, y);
    BigFraction[] z = new BigFraction[x.length];
    for (int i = 0; i < z.length && i < y.length; i++) {
      z[i] = x[i].subtract(y[i]);
    }
    return z;
  }

  /** {@code k x}. */
  public static BigFraction[] scale(BigFraction k, BigFraction[] x) {
    BigFraction[] z = new BigFraction[x.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = x[i].multiply(k);
    }
    return z;
  }

  /** {@code ||x||^2}. */
  public static BigFraction normSquared(BigFraction[] x) {
    return dot(x, x);
  }

  /** Whether every entry is zero. */
  public static boolean isZero(BigFraction[] x) {
    for (BigFraction q : x) {
      if (q.signum() != 0) {
        return false;
      }
    }
    return true;
  }

  /** {@code -x}. */
  public static BigFraction[] negate(BigFraction[] x) {
    BigFraction[] z = new BigFraction[x.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = x[i].negate();
    }
    return z;
  }
}
