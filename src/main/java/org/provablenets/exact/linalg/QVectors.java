package org.provablenets.exact.linalg;

import java.math.BigInteger;
import java.util.Arrays;
import org.provablenets.exact.Rational;
import org.checkerframework.checker.index.qual.NonNegative;

/**
 * Vectors over the rationals, as plain {@code Rational[]} arrays.
 *
 * <p>Every binary operation requires equal lengths and says so otherwise. Cost: O(n) rational
 * operations.
 */
public final class QVectors {
  private QVectors() {}

  /** The zero vector of length {@code n}. */
  public static Rational[] zeros(@NonNegative int n) {
    Rational[] z = new Rational[n];
    Arrays.fill(z, Rational.ZERO);
    return z;
  }

  private static void sameLength(Rational[] x, Rational[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "vectors of lengths " + x.length + " and " + y.length + " cannot be combined");
    }
  }

  /**
   * The inner product of two integer vectors over their common length (the filtered solvers'
   * integer forms), skipping zero terms.
   */
  public static BigInteger dot(BigInteger[] u, BigInteger[] v) {
    BigInteger s = BigInteger.ZERO;
    for (int i = 0; i < u.length && i < v.length; i++) {
      if (u[i].signum() != 0 && v[i].signum() != 0) {
        s = s.add(u[i].multiply(v[i]));
      }
    }
    return s;
  }

  /**
   * The inner product {@code x . y}. The sum is kept as one integer fraction and reduced to lowest
   * terms once, at the end (one gcd instead of two per term; terms with equal denominators add
   * their numerators).
   */
  public static Rational dot(Rational[] x, Rational[] y) {
    sameLength(x, y);
    BigInteger num = BigInteger.ZERO;
    BigInteger den = BigInteger.ONE;
    for (int i = 0; i < x.length && i < y.length; i++) {
      Rational a = x[i];
      Rational b = y[i];
      if (a.signum() == 0 || b.signum() == 0) {
        continue;
      }
      BigInteger tn = a.getNumerator().multiply(b.getNumerator());
      BigInteger td = a.getDenominator().multiply(b.getDenominator());
      if (td.equals(den)) {
        num = num.add(tn);
      } else if (den.equals(BigInteger.ONE)) {
        num = num.multiply(td).add(tn);
        den = td;
      } else if (td.equals(BigInteger.ONE)) {
        num = num.add(tn.multiply(den));
      } else {
        num = num.multiply(td).add(tn.multiply(den));
        den = den.multiply(td);
      }
    }
    return Rational.of(num, den);
  }

  /** {@code x + y}. */
  public static Rational[] add(Rational[] x, Rational[] y) {
    sameLength(x, y);
    Rational[] z = new Rational[x.length];
    for (int i = 0; i < z.length && i < y.length; i++) {
      z[i] = x[i].add(y[i]);
    }
    return z;
  }

  /** {@code x - y}. */
  public static Rational[] subtract(Rational[] x, Rational[] y) {
    sameLength(x, y);
    Rational[] z = new Rational[x.length];
    for (int i = 0; i < z.length && i < y.length; i++) {
      z[i] = x[i].subtract(y[i]);
    }
    return z;
  }

  /** {@code k x}. */
  public static Rational[] scale(Rational k, Rational[] x) {
    Rational[] z = new Rational[x.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = x[i].multiply(k);
    }
    return z;
  }

  /** {@code ||x||^2}. */
  public static Rational normSquared(Rational[] x) {
    return dot(x, x);
  }

  /** Whether every entry is zero. */
  public static boolean isZero(Rational[] x) {
    for (Rational q : x) {
      if (q.signum() != 0) {
        return false;
      }
    }
    return true;
  }

  /** {@code -x}. */
  public static Rational[] negate(Rational[] x) {
    Rational[] z = new Rational[x.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = x[i].negate();
    }
    return z;
  }
}
