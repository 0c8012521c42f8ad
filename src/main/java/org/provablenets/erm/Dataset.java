package org.provablenets.erm;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Gcd;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;

/**
 * A finite data set {@code (x_j, y_j)}, j = 1..D, with {@code x_j} in Q^n and {@code y_j} in Q, all
 * exact rationals. Immutable.
 */
public final class Dataset {
  private final Rational[][] x;
  private final Rational[] y;
  private final int n;

  /**
   * @param x the D inputs, each of length n
   * @param y the D labels
   * @throws IllegalArgumentException if D = 0, n = 0, or the rows are ragged
   */
  public Dataset(Rational[][] x, Rational[] y) {
    this.x = Rationals.dataRows(x, y);
    n = this.x[0].length;
    this.y = y.clone();
  }

  /** Number of points D. */
  public int size() {
    return y.length;
  }

  /** Input dimension n. */
  public int dimension() {
    return n;
  }

  /** A copy of input j. */
  public Rational[] x(int j) {
    return x[j].clone();
  }

  /** Label j. */
  public Rational y(int j) {
    return y[j];
  }

  /** A copy of the labels. */
  public Rational[] labels() {
    return y.clone();
  }

  /** Input j extended by a 1: {@code (x_j, 1)}, the normal of point j's hyperplane. */
  public Rational[] lifted(int j) {
    Rational[] v = new Rational[n + 1];
    System.arraycopy(x[j], 0, v, 0, n);
    v[n] = Rational.ONE;
    return v;
  }

  /**
   * Values every subproblem of this data uses, computed once (the data is immutable): the lifted
   * inputs {@code (x_j, 1)} and their negations as integer rows, {@code -(2/D) y}, and {@code y'y
   * / D}.
   */
  static final class Cache {
    /** The lifted inputs as integer rows: {@code (x_j, 1) = liftedNum[j] / liftedDen[j]}. */
    final BigInteger[][] liftedNum;
    /** The negations of {@link #liftedNum}, over the same denominators. */
    final BigInteger[][] negLiftedNum;
    /** The least common denominator of each lifted input. */
    final BigInteger[] liftedDen;
    /** {@code -(2/D) y}: the squared loss's linear term is {@code A'} times it. */
    final Rational[] gradientLabels;
    final Rational meanSquare;

    Cache(Dataset d) {
      int size = d.y.length;
      gradientLabels = new Rational[size];
      liftedNum = new BigInteger[size][];
      negLiftedNum = new BigInteger[size][];
      liftedDen = new BigInteger[size];
      Rational minusTwoOverD = Rational.of(-2, size);
      Rational sum = Rational.ZERO;
      for (int j = 0; j < size; j++) {
        gradientLabels[j] = d.y[j].multiply(minusTwoOverD);
        Rational[] lifted = d.lifted(j);
        BigInteger l = BigInteger.ONE;
        for (Rational v : lifted) {
          l = Rationals.lcm(l, v.getDenominator());
        }
        liftedDen[j] = l;
        liftedNum[j] = new BigInteger[lifted.length];
        negLiftedNum[j] = new BigInteger[lifted.length];
        for (int k = 0; k < lifted.length; k++) {
          Rational v = lifted[k];
          liftedNum[j][k] = v.getNumerator().multiply(Gcd.quotient(l, v.getDenominator()));
          negLiftedNum[j][k] = liftedNum[j][k].negate();
        }
        sum = sum.add(d.y[j].multiply(d.y[j]));
      }
      meanSquare = sum.divide(size);
    }
  }

  // Built on first use; Cache has only final fields, so a race at most builds it twice.
  private @Nullable Cache cache;

  /** The cached values of {@link Cache}. */
  Cache cache() {
    Cache c = cache;
    if (c == null) {
      c = new Cache(this);
      cache = c;
    }
    return c;
  }

  /**
   * SHA-256 of the canonical text of the data (one line per point, exact rationals separated by
   * commas), in hex: identifies the data a certificate was made for.
   */
  public String digest() {
    StringBuilder sb = new StringBuilder();
    for (int j = 0; j < y.length; j++) {
      for (Rational v : x[j]) {
        sb.append(v).append(',');
      }
      sb.append(y[j]).append('\n');
    }
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (byte b : h) {
        hex.append(String.format("%02x", b));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
