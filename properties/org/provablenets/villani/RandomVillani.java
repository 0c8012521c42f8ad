package org.provablenets.villani;

import org.provablenets.exact.enclosure.Roots;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Random;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;

/**
 * Seeded generators of small T3 instances for the villani properties. All numbers are short
 * decimals, so pre-activations are exact decimals. Boundary cases are made on purpose: zero and
 * repeated inputs, zero labels, zero outer weights, tiny and large lambda and s.
 */
final class RandomVillani {
  final Random rnd;

  RandomVillani(long seed) {
    this.rnd = new Random(seed);
  }

  /** A decimal k/10 in [-m, m]. */
  Rational tenths(int m) {
    return Rational.of(rnd.nextInt(20 * m + 1) - 10 * m, 10);
  }

  Activation activation() {
    return Activation.values()[rnd.nextInt(3)];
  }

  /** n points in d dimensions, entries in [-2, 2], labels in [-3, 3]; degenerate sometimes. */
  TrainingData data(int n, int d) {
    Rational[][] x = new Rational[n][d];
    Rational[] y = new Rational[n];
    boolean degenerate = rnd.nextInt(4) == 0;
    for (int i = 0; i < n; i++) {
      if (degenerate && i > 0 && rnd.nextBoolean()) {
        x[i] = x[rnd.nextInt(i)].clone(); // a repeated input
      } else if (degenerate && rnd.nextInt(3) == 0) {
        for (int k = 0; k < d; k++) {
          x[i][k] = Rational.ZERO; // the zero input
        }
      } else {
        for (int k = 0; k < d; k++) {
          x[i][k] = tenths(2);
        }
      }
      y[i] = degenerate && rnd.nextInt(3) == 0 ? Rational.ZERO : tenths(3);
    }
    return new TrainingData(x, y);
  }

  /** p outer weights in [-2, 2]; sometimes with zeros. */
  Rational[] outer(int p) {
    Rational[] a = new Rational[p];
    for (int j = 0; j < p; j++) {
      a[j] = rnd.nextInt(6) == 0 ? Rational.ZERO : tenths(2);
    }
    return a;
  }

  /** A p x d matrix with entries k/10 in [-m, m]. */
  Rational[][] weights(int p, int d, int m) {
    Rational[][] w = new Rational[p][d];
    for (int j = 0; j < p; j++) {
      for (int k = 0; k < d; k++) {
        w[j][k] = tenths(m);
      }
    }
    return w;
  }

  /** A non-zero p x d direction with entries k/10 in [-1, 1]. */
  Rational[][] direction(int p, int d) {
    while (true) {
      Rational[][] w = weights(p, d, 1);
      if (RegularisedLoss.frobeniusSquared(w).signum() > 0) {
        return w;
      }
    }
  }

  /** lambda from tiny to large. */
  Rational lambda() {
    Rational[] choices = {
      Rational.of(1, 1000), Rational.of(1, 100), Rational.of(1, 10), Rational.of(1, 2),
      Rational.ONE, Rational.of(3)
    };
    return rnd.nextInt(3) == 0 ? Rational.of(1 + rnd.nextInt(50), 20) : choices[rnd.nextInt(choices.length)];
  }

  /** s from small to large. */
  Rational s() {
    Rational[] choices = {Rational.of(1, 100), Rational.of(1, 10), Rational.of(1, 2), Rational.ONE, Rational.of(2)};
    return choices[rnd.nextInt(choices.length)];
  }

  /** M from negative to large. */
  Rational level() {
    return Rational.of(rnd.nextInt(1001) - 10, 1 + rnd.nextInt(2));
  }

  /**
   * {@code t * dir} with a short decimal t chosen so that {@code ||t dir||_F >= r} (checked
   * exactly), times an extra factor 1, 1.5 or 4 (so also beyond the radius).
   */
  Rational[][] scaledBeyond(Rational[][] dir, Rational r) {
    Rational norm = Roots.sqrtLower(RegularisedLoss.frobeniusSquared(dir), 20);
    Rational t = r.signum() == 0 ? Rational.of(1, 10) : decimalUp(r.divide(norm), 10);
    Rational[] extra = {Rational.ONE, Rational.ONE, Rational.of(3, 2), Rational.of(4)};
    t = t.multiply(extra[rnd.nextInt(extra.length)]);
    Rational[][] w = scale(dir, t);
    if (RegularisedLoss.frobeniusSquared(w).compareTo(r.multiply(r)) < 0) {
      throw new IllegalStateException("scaled W is inside the radius");
    }
    return w;
  }

  static Rational[][] scale(Rational[][] w, Rational t) {
    Rational[][] out = new Rational[w.length][];
    for (int j = 0; j < w.length; j++) {
      out[j] = new Rational[w[j].length];
      for (int k = 0; k < w[j].length; k++) {
        out[j][k] = w[j][k].multiply(t);
      }
    }
    return out;
  }

  /** The smallest decimal with `digits` significant digits that is >= q > 0. */
  static Rational decimalUp(Rational q, int digits) {
    BigDecimal v = new BigDecimal(q.getNumerator())
        .divide(new BigDecimal(q.getDenominator()), new MathContext(digits, RoundingMode.CEILING));
    return Rationals.fromBigDecimal(v);
  }

  static double[][] toDouble(Rational[][] w) {
    double[][] out = new double[w.length][];
    for (int j = 0; j < w.length; j++) {
      out[j] = new double[w[j].length];
      for (int k = 0; k < w[j].length; k++) {
        out[j][k] = w[j][k].toDouble();
      }
    }
    return out;
  }
}
