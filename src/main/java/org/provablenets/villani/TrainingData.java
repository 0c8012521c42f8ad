package org.provablenets.villani;

import org.provablenets.exact.enclosure.Roots;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;

/**
 * Training data {@code (x_i, y_i)}, {@code i = 1..n}, with {@code x_i} in {@code Q^d} and {@code
 * y_i} in {@code Q}: exact rationals, copied on the way in and out.
 *
 * <p>It also computes the two exact data constants of T3: {@code B_y = max_i |y_i|} and {@code
 * B_x^2 = max_i ||x_i||^2} (the square, which is rational; {@code B_x} itself is bounded above by
 * {@link Roots#sqrtUpper}).
 */
public final class TrainingData {
  private final Rational[][] x;
  private final Rational[] y;

  /**
   * @param x n rows of d entries each (n, d &gt;= 1)
   * @param y n labels
   * @throws IllegalArgumentException if the shapes do not match or are empty
   */
  public TrainingData(Rational[][] x, Rational[] y) {
    this.x = Rationals.dataRows(x, y);
    this.y = y.clone();
  }

  /** The number of points n. */
  public int size() {
    return x.length;
  }

  /** The input dimension d. */
  public int dimension() {
    return x[0].length;
  }

  /** A copy of input i (0-based). */
  public Rational[] x(int i) {
    return x[i].clone();
  }

  /** Entry k of input i (0-based), without copying. */
  public Rational x(int i, int k) {
    return x[i][k];
  }

  /** Label i (0-based). */
  public Rational y(int i) {
    return y[i];
  }

  /** The pre-activation {@code w . x_i}, exact (w of length d). */
  public Rational preActivation(int i, Rational[] w) {
    Rational z = Rational.ZERO;
    for (int k = 0; k < w.length; k++) {
      z = z.add(w[k].multiply(x[i][k]));
    }
    return z;
  }

  /** {@code ||x_i||^2}, exact. */
  public Rational normSquared(int i) {
    Rational s = Rational.ZERO;
    for (Rational v : x[i]) {
      s = s.add(v.multiply(v));
    }
    return s;
  }

  /** {@code B_x^2 = max_i ||x_i||^2}, exact. */
  public Rational maxNormSquared() {
    Rational m = Rational.ZERO;
    for (int i = 0; i < x.length; i++) {
      Rational s = normSquared(i);
      if (s.compareTo(m) > 0) {
        m = s;
      }
    }
    return m;
  }

  /** {@code B_y = max_i |y_i|}, exact. */
  public Rational maxAbsLabel() {
    Rational m = Rational.ZERO;
    for (Rational v : y) {
      if (v.abs().compareTo(m) > 0) {
        m = v.abs();
      }
    }
    return m;
  }
}
