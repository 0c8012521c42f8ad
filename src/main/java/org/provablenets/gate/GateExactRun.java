package org.provablenets.gate;

import java.math.BigInteger;
import java.util.Arrays;
import org.apfloat.Apfloat;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.linalg.QVectors;

/**
 * A long trajectory of the iteration on a finite distribution, in exact rational arithmetic for
 * as long as the numbers stay small, then in apfloat at a fixed precision.
 *
 * <p><b>Why a fallback.</b> Each exact step multiplies the denominators of the iterate by those of
 * {@code eta / b} and of the data, so the size of {@code w_t} grows linearly in t and the cost of
 * a step with it; after a few thousand steps a step costs seconds. When the largest numerator or
 * denominator of {@code w_t} exceeds {@code maxBits} bits, the run continues from the exact
 * {@code w_t} in apfloat with {@code precision} significant digits (and says so: {@link
 * #switchedAt}). From then on the values are <b>estimates</b>: each apfloat operation rounds to
 * the precision, so after k more steps the relative error is of the order of {@code k 10^-P}
 * times the growth of the errors through the steps (the iteration is a contraction in expectation
 * but not step by step) — no rigorous bound is claimed.
 *
 * <p><b>Cost.</b> Exact steps: O(b d) operations on numbers of up to {@code maxBits} bits; apfloat
 * steps: O(b d) operations at P digits.
 */
public final class GateExactRun {
  private final Rational[] distanceSquaredExact;
  private final Apfloat[] distanceSquaredApfloat;
  private final int switchedAt;
  private final long precision;
  private final Rational @Nullable [] lastExact;
  private final Apfloat[] lastIterate;

  private GateExactRun(Rational[] exact, Apfloat[] approx, int switchedAt, long precision,
      Rational @Nullable [] lastExact, Apfloat[] lastIterate) {
    this.distanceSquaredExact = exact;
    this.distanceSquaredApfloat = approx;
    this.switchedAt = switchedAt;
    this.precision = precision;
    this.lastExact = lastExact;
    this.lastIterate = lastIterate;
  }

  /**
   * Runs the rule from {@code w_1 = 0} on the given sample indices (one row of b per step) and
   * optional exact label perturbations ({@link GateIteration#exactNoise}).
   *
   * @param maxBits the size of the exact iterate (bits of its largest numerator or denominator)
   *     above which the run continues in apfloat
   * @param precision the significant digits of the apfloat part
   * @throws IllegalArgumentException if the shapes are wrong, or maxBits, precision &lt; 1
   */
  public static GateExactRun run(FiniteDistribution dist, Rational[] wStar, Rational eta, int b,
      int[][] indices, GateIteration.Rule rule, Rational @Nullable [][] labelNoise, long maxBits,
      long precision) {
    if (maxBits < 1 || precision < 1) {
      throw new IllegalArgumentException("maxBits and precision must be positive");
    }
    int steps = indices.length;
    int d = dist.dimension();
    Rational[] exactDist = new Rational[steps + 1];
    Apfloat[] approxDist = new Apfloat[0];
    Rational[] w = QVectors.zeros(d);
    exactDist[0] = QVectors.normSquared(QVectors.subtract(w, wStar));
    Rational step = eta.divide(b);
    int t = 0;
    for (; t < steps; t++) {
      if (bits(w) > maxBits) {
        break;
      }
      Rational[] g = QVectors.zeros(d);
      for (int k = 0; k < b; k++) {
        Rational[] x = dist.point(checkIndex(indices, t, k, b, dist.size()));
        Rational y = GateMath.relu(QVectors.dot(wStar, x));
        if (labelNoise != null) {
          y = y.add(labelNoise[t][k]);
        }
        Rational wx = QVectors.dot(w, x);
        Rational r = y.subtract(GateMath.relu(wx));
        if (rule == GateIteration.Rule.SGD && wx.signum() <= 0) {
          r = Rational.ZERO;
        }
        g = QVectors.add(g, QVectors.scale(r, x));
      }
      w = QVectors.add(w, QVectors.scale(step, g));
      exactDist[t + 1] = QVectors.normSquared(QVectors.subtract(w, wStar));
    }
    if (t == steps) {
      return new GateExactRun(exactDist, approxDist, -1, precision, w, toApfloat(w, precision));
    }
    // Continue from the exact w_{t+1} (iterate index t) in apfloat.
    int switched = t;
    Rational[] exactPart = new Rational[switched + 1];
    System.arraycopy(exactDist, 0, exactPart, 0, switched + 1);
    approxDist = new Apfloat[steps - switched];
    long p = precision;
    Apfloat[] wa = toApfloat(w, p);
    Apfloat[] star = toApfloat(wStar, p);
    Apfloat stepA = toApfloat(step, p);
    Apfloat zero = new Apfloat(0, p);
    for (; t < steps; t++) {
      Apfloat[] g = new Apfloat[d];
      Arrays.fill(g, zero);
      for (int k = 0; k < b; k++) {
        Apfloat[] x = toApfloat(dist.point(checkIndex(indices, t, k, b, dist.size())), p);
        Apfloat y = relu(dot(star, x));
        if (labelNoise != null) {
          y = y.add(toApfloat(labelNoise[t][k], p));
        }
        Apfloat wx = dot(wa, x);
        Apfloat r = y.subtract(relu(wx));
        if (rule == GateIteration.Rule.SGD && wx.signum() <= 0) {
          r = zero;
        }
        for (int j = 0; j < d; j++) {
          g[j] = g[j].add(r.multiply(x[j]));
        }
      }
      for (int j = 0; j < d; j++) {
        wa[j] = wa[j].add(stepA.multiply(g[j]));
      }
      Apfloat dist2 = zero;
      for (int j = 0; j < d; j++) {
        Apfloat e = wa[j].subtract(star[j]);
        dist2 = dist2.add(e.multiply(e));
      }
      approxDist[t - switched] = dist2;
    }
    return new GateExactRun(exactPart, approxDist, switched, p, null, wa);
  }

  private static int checkIndex(int[][] indices, int t, int k, int b, int n) {
    if (indices[t].length != b) {
      throw new IllegalArgumentException(
          "step " + (t + 1) + " lists " + indices[t].length + " sample indices, batch size is "
              + b);
    }
    int i = indices[t][k];
    if (i < 0 || i >= n) {
      throw new IllegalArgumentException(
          "step " + (t + 1) + ": sample index " + i + " is outside 0.." + (n - 1));
    }
    return i;
  }

  /** The bits of the largest numerator or denominator among the coordinates. */
  static long bits(Rational[] w) {
    long m = 0;
    for (Rational q : w) {
      m = Math.max(m, Math.max(q.getNumerator().bitLength(), q.getDenominator().bitLength()));
    }
    return m;
  }

  private static Apfloat relu(Apfloat z) {
    return z.signum() > 0 ? z : new Apfloat(0, z.precision());
  }

  private static Apfloat dot(Apfloat[] a, Apfloat[] b) {
    Apfloat s = new Apfloat(0, a.length == 0 ? Apfloat.INFINITE : a[0].precision());
    for (int j = 0; j < a.length; j++) {
      s = s.add(a[j].multiply(b[j]));
    }
    return s;
  }

  /** q rounded to p significant digits (exact when q is an integer of at most p digits). */
  static Apfloat toApfloat(Rational q, long p) {
    Apfloat num = integer(q.getNumerator());
    if (q.isInteger()) {
      return num.precision(p);
    }
    return num.precision(p).divide(integer(q.getDenominator()).precision(p));
  }

  private static Apfloat[] toApfloat(Rational[] v, long p) {
    Apfloat[] out = new Apfloat[v.length];
    for (int j = 0; j < v.length; j++) {
      out[j] = toApfloat(v[j], p);
    }
    return out;
  }

  /** The exact apfloat value of an integer (apfloat's BigInteger constructor is slow). */
  private static Apfloat integer(BigInteger n) {
    if (n.bitLength() < 63) {
      return new Apfloat(n.longValue());
    }
    return new Apfloat(n.toString(), Apfloat.INFINITE);
  }

  /** The number of iterates computed. */
  public int iterates() {
    return distanceSquaredExact.length + distanceSquaredApfloat.length;
  }

  /**
   * The iterate index (0 = w_1) from which the run is in apfloat: iterates {@code 0..switchedAt}
   * are exact and the rest apfloat; -1 if the whole run is exact.
   */
  public int switchedAt() {
    return switchedAt;
  }

  /** The digits of the apfloat part. */
  public long precision() {
    return precision;
  }

  /** {@code ||w_{t+1} - w*||^2} exactly, or null from {@link #switchedAt} on (then apfloat). */
  public @Nullable Rational exactDistanceSquared(int t) {
    return t < distanceSquaredExact.length ? distanceSquaredExact[t] : null;
  }

  /** {@code ||w_{t+1} - w*||^2} as an apfloat (exact values rounded to the precision). */
  public Apfloat distanceSquared(int t) {
    if (t < distanceSquaredExact.length) {
      return toApfloat(distanceSquaredExact[t], precision);
    }
    return distanceSquaredApfloat[t - distanceSquaredExact.length];
  }

  /** The last iterate exactly, or null if the run ended in apfloat. */
  public Rational @Nullable [] lastExact() {
    return lastExact == null ? null : lastExact.clone();
  }

  /** The last iterate in apfloat (rounded to the precision when the run stayed exact). */
  public Apfloat[] lastIterate() {
    return lastIterate.clone();
  }
}
