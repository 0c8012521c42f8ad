package org.provablenets.villani;

import org.provablenets.exact.enclosure.Interval;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.qual.Rigorous;

/**
 * The three smooth activations of T3: tanh, the logistic sigmoid and SoftPlus, with their first
 * and second derivatives in three arithmetics, and exact rational bound constants.
 *
 * <p><b>Definitions.</b>
 *
 * <ul>
 *   <li>TANH: {@code sigma = tanh x}, {@code sigma' = 1 - tanh^2 x}, {@code sigma'' = -2 tanh x
 *       (1 - tanh^2 x)};
 *   <li>SIGMOID: {@code sigma = 1 / (1 + e^-x)}, {@code sigma' = sigma (1 - sigma)}, {@code
 *       sigma'' = sigma (1 - sigma)(1 - 2 sigma)};
 *   <li>SOFTPLUS: {@code sigma = log(1 + e^x)}, {@code sigma' = } the sigmoid, {@code sigma'' = }
 *       the sigmoid's derivative.
 * </ul>
 *
 * <p><b>Three arithmetics.</b> {@link #estimate(Apfloat, long)} (apfloat at a requested
 * precision, an <i>estimate</i>: apfloat's rounding is not directed); {@link #value(double)} and
 * its siblings (the {@code double} fast path); {@link #enclose(Interval)} (rigorous enclosures
 * of all three over an interval of arguments). All evaluations use one exponential, {@code
 * E = exp(-|x|)} (or {@code exp(-2|x|)} for tanh), in forms without cancellation for large
 * {@code |x|}.
 *
 * <p><b>Bound constants</b> (provenance in each method's comment; each rational is checked against
 * a 50-digit value in {@code VillaniActivationTest}): {@link #supAbsValue()}, {@link
 * #supAbsFirst()}, {@link #supAbsSecond()}, {@link #absAtZero()} and {@link #supAbsValueMinusSlope()}.
 * Where the supremum is irrational the constant is a <i>rational upper bound</i>, never a
 * rounding.
 */
public enum Activation {
  /** The hyperbolic tangent. */
  TANH,
  /** The logistic sigmoid {@code 1 / (1 + e^-x)}. */
  SIGMOID,
  /** SoftPlus {@code log(1 + e^x)}. */
  SOFTPLUS;

  // Rational brackets of the critical points (checked exactly in VillaniActivationTest):
  // 1/sqrt(3) in [57735/10^5, 57736/10^5]; (3 - sqrt 3)/6 in [21132/10^5, 21133/10^5];
  // (3 + sqrt 3)/6 in [78867/10^5, 78868/10^5].
  static final Rational INV_SQRT3_LO = Rational.of(57735, 100000);
  static final Rational INV_SQRT3_HI = Rational.of(57736, 100000);
  static final Rational SIG_C1_LO = Rational.of(21132, 100000);
  static final Rational SIG_C1_HI = Rational.of(21133, 100000);
  static final Rational SIG_C2_LO = Rational.of(78867, 100000);
  static final Rational SIG_C2_HI = Rational.of(78868, 100000);

  private static final Apfloat ONE = new Apfloat(1L);
  private static final Apfloat TWO = new Apfloat(2L);
  private static final Apfloat FOUR = new Apfloat(4L);

  /** {@code (sigma, sigma', sigma'')} as apfloat estimates. */
  public record Values(Apfloat value, Apfloat first, Apfloat second) {}

  /** {@code (sigma, sigma', sigma'')} in {@code double}. */
  public record DoubleValues(double value, double first, double second) {}

  /** Rigorous enclosures of {@code sigma, sigma', sigma''} over an interval of arguments. */
  public record Enclosure(
      @Rigorous Interval value, @Rigorous Interval first, @Rigorous Interval second) {}

  // ------------------------------------------------------------------ constants

  /**
   * {@code sup |sigma|}, or {@code null} if sigma is unbounded. TANH: 1 (|tanh| &lt; 1, the
   * supremum as x -&gt; infinity); SIGMOID: 1 (0 &lt; sigma &lt; 1); SOFTPLUS: unbounded
   * (sigma(x) &gt; x).
   */
  public @Nullable Rational supAbsValue() {
    switch (this) {
      case TANH:
      case SIGMOID:
        return Rational.ONE;
      default:
        return null;
    }
  }

  /** Whether sigma is bounded. */
  public boolean bounded() {
    return supAbsValue() != null;
  }

  /**
   * {@code L_s = sup |sigma'|}, exact. TANH: 1 (sech^2 attains 1 at 0); SIGMOID: 1/4 (s(1 - s) is
   * largest at s = 1/2, x = 0); SOFTPLUS: 1 (the sigmoid, supremum as x -&gt; infinity).
   */
  public Rational supAbsFirst() {
    switch (this) {
      case TANH:
        return Rational.ONE;
      case SIGMOID:
        return Rational.of(1, 4);
      default:
        return Rational.ONE;
    }
  }

  /**
   * A rational <b>upper bound</b> of {@code M_s = sup |sigma''|}. TANH: the supremum is {@code
   * 4 / (3 sqrt 3) = 0.76980...}, attained at tanh x = -+1/sqrt 3 (maximise |2t - 2t^3|); it is
   * irrational, and 77/100 is an upper bound ((77/100)^2 * 27 = 16.0083 &gt;= 16). SIGMOID: the
   * supremum is {@code 1 / (6 sqrt 3) = 0.096225...}, at s = (3 -+ sqrt 3)/6; the bound is 97/1000
   * ((97/1000)^2 * 108 = 1.016172 &gt;= 1). SOFTPLUS: the sigmoid's derivative, at most 1/4,
   * exact (attained at 0).
   */
  public Rational supAbsSecond() {
    switch (this) {
      case TANH:
        return Rational.of(77, 100);
      case SIGMOID:
        return Rational.of(97, 1000);
      default:
        return Rational.of(1, 4);
    }
  }

  /** Whether {@link #supAbsSecond()} is the exact supremum (true only for SoftPlus). */
  public boolean supAbsSecondIsExact() {
    return this == SOFTPLUS;
  }

  /**
   * A rational upper bound of {@code |sigma(0)|}. TANH: 0 (exact); SIGMOID: 1/2 (exact); SOFTPLUS:
   * log 2 = 0.693147..., irrational; 7/10 is an upper bound (e^(7/10) = 2.0137... &gt;= 2).
   */
  public Rational absAtZero() {
    switch (this) {
      case TANH:
        return Rational.ZERO;
      case SIGMOID:
        return Rational.of(1, 2);
      default:
        return Rational.of(7, 10);
    }
  }

  /**
   * A rational upper bound of {@code H = sup |sigma(z) - z sigma'(z)|}, used by the radial bound
   * [derived]. With {@code h(z) = sigma(z) - z sigma'(z)}, {@code h'(z) = -z sigma''(z)}. TANH: h
   * is odd and increasing (h' = 2 z tanh z sech^2 z &gt;= 0) from -1 to 1, so H = 1. SIGMOID: h
   * increases from 0 to 1, so H = 1. SOFTPLUS: h increases on z &lt; 0 and decreases on z &gt; 0
   * (sigma'' &gt; 0), tends to 0 at both ends, so 0 &lt; h &lt;= h(0) = log 2 &lt;= 7/10.
   */
  public Rational supAbsValueMinusSlope() {
    return this == SOFTPLUS ? Rational.of(7, 10) : Rational.ONE;
  }

  /** A one-line provenance of the constants, for reports. */
  public String provenance() {
    switch (this) {
      case TANH:
        return "tanh: sup|s| = 1, sup|s'| = 1 (at 0), sup|s''| = 4/(3 sqrt 3) = 0.7698... <= 77/100,"
            + " s(0) = 0";
      case SIGMOID:
        return "sigmoid: sup|s| = 1, sup|s'| = 1/4 (at 0), sup|s''| = 1/(6 sqrt 3) = 0.09622..."
            + " <= 97/1000, s(0) = 1/2";
      default:
        return "softplus: unbounded, sup|s'| = 1, sup|s''| = 1/4 (at 0), s(0) = log 2 = 0.6931..."
            + " <= 7/10";
    }
  }

  // ------------------------------------------------------------------ apfloat estimates

  /**
   * {@code (sigma, sigma', sigma'')} at x, computed with apfloat at {@code precision} significant
   * digits plus guard digits (more for small |x|, where {@code 1 - E} cancels). An estimate: each
   * value is accurate to about {@code precision} digits but not rounded in a known direction.
   */
  public Values estimate(Apfloat x, long precision) {
    long sc = x.signum() == 0 ? 0 : x.scale();
    long wp = precision + Interval.GUARD + Math.abs(sc);
    Apfloat xw = x.precision(wp);
    Apfloat ax = ApfloatMath.abs(xw);
    int sign = xw.signum();
    switch (this) {
      case TANH:
        {
          Apfloat e = ApfloatMath.exp(ax.multiply(TWO).negate()); // E = exp(-2|x|)
          Apfloat onePlus = ONE.add(e);
          Apfloat t = ONE.subtract(e).divide(onePlus);
          t = sign < 0 ? t.negate() : t;
          Apfloat d1 = FOUR.multiply(e).divide(onePlus.multiply(onePlus)); // sech^2
          Apfloat d2 = TWO.negate().multiply(t).multiply(d1);
          return new Values(round(t, precision), round(d1, precision), round(d2, precision));
        }
      case SIGMOID:
        {
          Apfloat e = ApfloatMath.exp(ax.negate()); // E = exp(-|x|)
          Apfloat onePlus = ONE.add(e);
          Apfloat big = ONE.divide(onePlus); // sigma(|x|)
          Apfloat small = e.divide(onePlus); // 1 - sigma(|x|)
          Apfloat s = sign >= 0 ? big : small;
          Apfloat d1 = e.divide(onePlus.multiply(onePlus)); // sigma (1 - sigma)
          Apfloat oneMinus2s = ONE.subtract(e).divide(onePlus); // 1 - 2 sigma(-|x|) ... sign below
          Apfloat d2 = d1.multiply(sign >= 0 ? oneMinus2s.negate() : oneMinus2s);
          return new Values(round(s, precision), round(d1, precision), round(d2, precision));
        }
      default:
        {
          Apfloat e = ApfloatMath.exp(ax.negate()); // E = exp(-|x|) in (0, 1]
          Apfloat onePlus = ONE.add(e);
          Apfloat log1p = log1pEstimate(e, wp);
          Apfloat v = sign > 0 ? xw.add(log1p) : log1p;
          Apfloat s = sign >= 0 ? ONE.divide(onePlus) : e.divide(onePlus);
          Apfloat d2 = e.divide(onePlus.multiply(onePlus));
          return new Values(round(v, precision), round(s, precision), round(d2, precision));
        }
    }
  }

  /** {@code sigma(x)}: an apfloat estimate to about {@code precision} digits. */
  public Apfloat value(Apfloat x, long precision) {
    return estimate(x, precision).value();
  }

  /** {@code sigma'(x)}: an apfloat estimate to about {@code precision} digits. */
  public Apfloat first(Apfloat x, long precision) {
    return estimate(x, precision).first();
  }

  /** {@code sigma''(x)}: an apfloat estimate to about {@code precision} digits. */
  public Apfloat second(Apfloat x, long precision) {
    return estimate(x, precision).second();
  }

  private static Apfloat log1pEstimate(Apfloat e, long wp) {
    if (e.scale() < -wp) {
      return e.subtract(e.multiply(e).divide(TWO)); // log(1 + e) = e - e^2/2 + O(e^3)
    }
    Apfloat y = ONE.add(e);
    return ApfloatMath.log(y.precision() == Apfloat.INFINITE ? y.precision(wp) : y);
  }

  private static Apfloat round(Apfloat x, long precision) {
    return x.precision() > precision ? x.precision(precision) : x;
  }

  // ------------------------------------------------------------------ double fast path

  /** {@code sigma(x)} in double. */
  public double value(double x) {
    return doubles(x).value();
  }

  /** {@code sigma'(x)} in double. */
  public double first(double x) {
    return doubles(x).first();
  }

  /** {@code sigma''(x)} in double. */
  public double second(double x) {
    return doubles(x).second();
  }

  /** {@code (sigma, sigma', sigma'')} in double, from one exponential. */
  public DoubleValues doubles(double x) {
    double ax = Math.abs(x);
    switch (this) {
      case TANH:
        {
          double e = Math.exp(-2 * ax);
          double t = Math.copySign((1 - e) / (1 + e), x);
          if (ax < 0.5) {
            t = Math.tanh(x); // no cancellation in 1 - e for small |x|
          }
          double d1 = 4 * e / ((1 + e) * (1 + e));
          return new DoubleValues(t, d1, -2 * t * d1);
        }
      case SIGMOID:
        {
          double e = Math.exp(-ax);
          double s = x >= 0 ? 1 / (1 + e) : e / (1 + e);
          double d1 = e / ((1 + e) * (1 + e));
          double oneMinus2s = x >= 0 ? -(1 - e) / (1 + e) : (1 - e) / (1 + e);
          if (ax < 0.5) {
            oneMinus2s = -Math.tanh(x / 2); // 1 - 2 sigma(x) = -tanh(x/2), no cancellation
          }
          return new DoubleValues(s, d1, d1 * oneMinus2s);
        }
      default:
        {
          double e = Math.exp(-ax);
          double v = Math.max(x, 0) + Math.log1p(e);
          double s = x >= 0 ? 1 / (1 + e) : e / (1 + e);
          return new DoubleValues(v, s, e / ((1 + e) * (1 + e)));
        }
    }
  }

  // ------------------------------------------------------------------ rigorous enclosures

  /**
   * Rigorous enclosures of {@code sigma, sigma', sigma''} over every x in the interval {@code x}.
   *
   * <p>sigma is increasing for all three, so its range is {@code [sigma(lo), sigma(hi)]}. The
   * derivatives are polynomials in {@code t = tanh x} or {@code s = sigmoid x}, whose range over
   * x in {@code [lo, hi]} is the t- or s-interval {@code T}: TANH {@code sigma' = 1 - t^2}
   * (interval arithmetic is exact for one occurrence of t) and {@code sigma'' = 2t^3 - 2t}, whose
   * extremes over {@code T} lie at its ends or at the critical points {@code t = -+1/sqrt 3}
   * (values {@code +-4/(3 sqrt 3)}, replaced by the rational bound {@code +-77/100} whenever a
   * critical point may lie in T); SIGMOID {@code sigma' = s - s^2} (critical point s = 1/2, value
   * 1/4 exactly) and {@code sigma'' = s - 3s^2 + 2s^3} (critical points {@code (3 -+ sqrt 3)/6},
   * values {@code +-1/(6 sqrt 3)}, replaced by {@code +-97/1000}); SOFTPLUS uses the sigmoid's
   * value and first derivative. Each result is finally intersected with the global range
   * {@code [-sup, sup]} (or [0, sup] for sigma'), which is also an enclosure.
   */
  public Enclosure enclose(Interval x) {
    long p = x.precision();
    switch (this) {
      case TANH:
        {
          @Rigorous Interval t = x.tanh();
          @Rigorous Interval d1 =
              Interval.of(1, p).subtract(t.square()).intersect(range(Rational.ZERO, Rational.ONE, p));
          @Rigorous Interval d2 = tanhSecond(t.lowerPoint()).hull(tanhSecond(t.upperPoint()));
          Rational m = supAbsSecond();
          if (mayContain(t, INV_SQRT3_HI.negate(), INV_SQRT3_LO.negate())) {
            d2 = d2.hull(Interval.of(m, p)); // sigma''(t = -1/sqrt 3) = 4/(3 sqrt 3) <= 77/100
          }
          if (mayContain(t, INV_SQRT3_LO, INV_SQRT3_HI)) {
            d2 = d2.hull(Interval.of(m.negate(), p));
          }
          d2 = d2.intersect(range(m.negate(), m, p));
          return new Enclosure(t, d1, d2);
        }
      case SIGMOID:
        {
          @Rigorous Interval s = x.sigmoid();
          return new Enclosure(s, sigmoidFirst(s), sigmoidSecond(s));
        }
      default:
        {
          @Rigorous Interval s = x.sigmoid();
          return new Enclosure(x.softplus(), s, sigmoidFirst(s));
        }
    }
  }

  /** {@code 2t^3 - 2t = 2 t (t^2 - 1)} at the point interval t. */
  private static @Rigorous Interval tanhSecond(Interval t) {
    return t.multiply(t.square().subtract(Interval.of(1, t.precision()))).multiply(Rational.of(2));
  }

  /** Enclosure of {@code s (1 - s)} over the s-interval. */
  private static @Rigorous Interval sigmoidFirst(Interval s) {
    long p = s.precision();
    Rational quarter = Rational.of(1, 4);
    @Rigorous Interval r = oneMinusTimes(s.lowerPoint()).hull(oneMinusTimes(s.upperPoint()));
    if (mayContain(s, Rational.of(1, 2), Rational.of(1, 2))) {
      r = r.hull(Interval.of(quarter, p)); // the maximum, at s = 1/2
    }
    return r.intersect(range(Rational.ZERO, quarter, p));
  }

  /** Enclosure of {@code s (1 - s)(1 - 2s)} over the s-interval. */
  private static @Rigorous Interval sigmoidSecond(Interval s) {
    long p = s.precision();
    Rational m = SIGMOID.supAbsSecond();
    @Rigorous Interval r = sigmoidCubic(s.lowerPoint()).hull(sigmoidCubic(s.upperPoint()));
    if (mayContain(s, SIG_C1_LO, SIG_C1_HI)) {
      r = r.hull(Interval.of(m, p)); // value +1/(6 sqrt 3) <= 97/1000 at s = (3 - sqrt 3)/6
    }
    if (mayContain(s, SIG_C2_LO, SIG_C2_HI)) {
      r = r.hull(Interval.of(m.negate(), p));
    }
    return r.intersect(range(m.negate(), m, p));
  }

  private static @Rigorous Interval oneMinusTimes(Interval s) {
    return s.multiply(Interval.of(1, s.precision()).subtract(s));
  }

  private static @Rigorous Interval sigmoidCubic(Interval s) {
    long p = s.precision();
    @Rigorous Interval oneMinus2s = Interval.of(1, p).subtract(s.multiply(Rational.of(2)));
    return oneMinusTimes(s).multiply(oneMinus2s);
  }

  /** Whether [lo, hi] of the interval may meet the exact bracket [a, b] (a <= b). */
  private static boolean mayContain(Interval t, Rational a, Rational b) {
    return t.mayMeet(a, b);
  }

  /** The global range [a, b], as an enclosure (rounded outward). */
  private static @Rigorous Interval range(Rational a, Rational b, long p) {
    return Interval.of(a, p).hull(Interval.of(b, p));
  }

  /** The lower-case name used in reports and on the command line. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
