package org.provablenets.gate;

import java.util.SplittableRandom;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.linalg.QMatrix;
import org.provablenets.exact.linalg.QVectors;

/**
 * Monte Carlo over R independent runs of the T2 iteration from {@code w_1 = 0} in {@code double},
 * for horizons too long for exact path enumeration, and the check of the theorem's bound against
 * it.
 *
 * <p><b>Sampling.</b> {@code new SplittableRandom(seed)} is split once per run (run r uses the r-th
 * split); within a run one stream draws the samples and, with poisoning, per sample {@code
 * nextDouble() < beta} (A) and {@code nextBoolean()} (the random sign). Identical arguments give
 * identical results.
 *
 * <p><b>Two kinds of check</b> of {@code E||w_{T+1} - w*||^2 <= B} (B the theorem's bound), both
 * reported with {@link Estimate#verdict}: CONFIRMED when the upper confidence end is {@code <= B},
 * VIOLATED when the lower end is {@code > B}, INCONCLUSIVE otherwise.
 *
 * <ul>
 *   <li>{@link Method#HOEFFDING} (a probability statement). For a <b>finite</b> distribution with
 *       clean labels and {@code eta max_i ||x_i||^2 <= 2}, every run stays in {@code ||w_t - w*||^2
 *       <= ||w*||^2} [derived]: with {@code r = ReLU(w*.x) - ReLU(w.x)}, monotonicity gives {@code
 *       r (Delta.x) <= -r^2}, so {@code ||Delta + eta r x||^2 <= ||Delta||^2 - eta r^2 (2 - eta
 *       ||x||^2) <= ||Delta||^2}, and a batch step is the average of such points. Hoeffding's
 *       inequality for R values in {@code [0, ||w*||^2]} then gives {@code P(mean - E > h) <= exp(-2
 *       R h^2 / ||w*||^4) = 1e-9} for {@code h = ||w*||^2 sqrt(ln(1e9) / (2R))}: if the theorem
 *       holds, VIOLATED is reported with probability at most 1e-9 (the false-failure probability).
 *       Caveats, stated in the output: the runs use a pseudo-random generator, and the distances
 *       are computed in double (the range is widened by 1e-9 relative to cover rounding, which
 *       the exact replay measures at about 1e-13).
 *   <li>{@link Method#FIXED_SEED} (not a probability statement). For unbounded families, poisoned
 *       labels, or a step above {@code 2 / max ||x||^2}, no a-priori range is known. The margin is
 *       6 sample standard errors (a CLT heuristic); the check is a regression check with a fixed
 *       seed, and the output says so.
 * </ul>
 */
public final class GateMonteCarlo {
  private GateMonteCarlo() {}

  /** The false-failure probability of the Hoeffding check. */
  public static final double FALSE_FAILURE = 1e-9;

  /** The margin of the fixed-seed check, in sample standard errors (a heuristic). */
  public static final double FIXED_SEED_MARGIN = 6.0;

  /** Where the inputs come from. */
  public interface Source {
    /** The dimension d. */
    int dimension();

    /** Draws one x into {@code out}. */
    void draw(SplittableRandom rng, double[] out);

    /** {@code Sigma} in double (for the bottom eigenvector of the worst-case attack). */
    double[][] sigma();
  }

  /**
   * The source of a distribution: its {@link Moments#sampler} (a finite support draws a uniform
   * index per draw, {@code nextInt(n)}) and its exact Sigma rounded to double.
   */
  public static Source of(Moments dist) {
    Moments.Sampler sampler = dist.sampler();
    QMatrix m = dist.sigma();
    double[][] sigma = new double[m.rows()][m.cols()];
    for (int i = 0; i < m.rows(); i++) {
      for (int j = 0; j < m.cols(); j++) {
        sigma[i][j] = m.get(i, j).toDouble();
      }
    }
    int d = dist.dimension();
    return new Source() {
      @Override
      public int dimension() {
        return d;
      }

      @Override
      public void draw(SplittableRandom rng, double[] out) {
        sampler.draw(rng, out);
      }

      @Override
      public double[][] sigma() {
        return sigma;
      }
    };
  }

  /** The outcome of R runs. */
  public static final class Runs {
    private final double[] meanSquaredDistance;
    private final double[] finalSquaredDistances;
    private final double[] meanFinalIterate;

    Runs(double[] meanSquaredDistance, double[] finalSquaredDistances,
        double[] meanFinalIterate) {
      this.meanSquaredDistance = meanSquaredDistance;
      this.finalSquaredDistances = finalSquaredDistances;
      this.meanFinalIterate = meanFinalIterate;
    }

    /** For t = 0..T, the mean over runs of {@code ||w_{t+1} - w*||^2}. */
    public double[] meanSquaredDistance() {
      return meanSquaredDistance.clone();
    }

    /** {@code ||w_{T+1} - w*||^2} of each run. */
    public double[] finalSquaredDistances() {
      return finalSquaredDistances.clone();
    }

    /** The mean over runs of {@code w_{T+1}} (an estimate of {@code E[w_{T+1}]}). */
    public double[] meanFinalIterate() {
      return meanFinalIterate.clone();
    }
  }

  /**
   * R runs of T steps of the non-gradient iteration from {@code w_1 = 0} with batch b and optional
   * poisoning (attacks as in {@link GateIteration}; the worst-case direction is the bottom
   * eigenvector of the source's Sigma).
   *
   * @throws IllegalArgumentException if R &lt; 1, T &lt; 0, b &lt; 1, eta is not positive and
   *     finite, or w* has another dimension
   */
  public static Runs run(Source src, double[] wStar, double eta, int b, int steps, int runs,
      long seed, GateIteration.@Nullable Poisoning poisoning) {
    int d = src.dimension();
    if (runs < 1) {
      throw new IllegalArgumentException("the number of runs must be at least 1, got " + runs);
    }
    if (steps < 0 || b < 1) {
      throw new IllegalArgumentException("need T >= 0 and b >= 1, got T = " + steps + ", b = "
          + b);
    }
    if (!(eta > 0) || Double.isInfinite(eta)) {
      throw new IllegalArgumentException("the step size must be positive and finite, got " + eta);
    }
    if (wStar.length != d) {
      throw new IllegalArgumentException(
          "w* has " + wStar.length + " coordinates, the distribution has dimension " + d);
    }
    double[] vMin = GateIteration.bottomEigenvector(src.sigma());
    SplittableRandom master = new SplittableRandom(seed);
    double[] sumSq = new double[steps + 1];
    double[] finals = new double[runs];
    double[] sumW = new double[d];
    double[] x = new double[d];
    double[] g = new double[d];
    for (int r = 0; r < runs; r++) {
      SplittableRandom rng = master.split();
      double[] w = new double[d];
      sumSq[0] += sq(w, wStar);
      for (int t = 0; t < steps; t++) {
        java.util.Arrays.fill(g, 0.0);
        for (int k = 0; k < b; k++) {
          src.draw(rng, x);
          double y = Math.max(GateIteration.dot(wStar, x), 0.0);
          if (poisoning != null) {
            boolean attacked = rng.nextDouble() < poisoning.beta();
            boolean coin = rng.nextBoolean();
            if (attacked) {
              y += poisoning.theta()
                  * GateIteration.attackSign(poisoning.attack(), coin, vMin, w, wStar, x);
            }
          }
          double res = y - Math.max(GateIteration.dot(w, x), 0.0);
          for (int j = 0; j < d; j++) {
            g[j] += res * x[j];
          }
        }
        for (int j = 0; j < d; j++) {
          w[j] += eta * (g[j] / b);
        }
        sumSq[t + 1] += sq(w, wStar);
      }
      finals[r] = sq(w, wStar);
      for (int j = 0; j < d; j++) {
        sumW[j] += w[j];
      }
    }
    for (int t = 0; t <= steps; t++) {
      sumSq[t] /= runs;
    }
    for (int j = 0; j < d; j++) {
      sumW[j] /= runs;
    }
    return new Runs(sumSq, finals, sumW);
  }

  private static double sq(double[] w, double[] ws) {
    double s = 0;
    for (int j = 0; j < w.length; j++) {
      double e = w[j] - ws[j];
      s += e * e;
    }
    return s;
  }

  /**
   * The range {@code ||w*||^2} of every clean run's squared distance when the finite distribution
   * satisfies {@code eta max_i ||x_i||^2 <= 2} (decided exactly), else {@code null}: the
   * condition of the Hoeffding check (see the class comment).
   */
  public static @Nullable Rational hoeffdingRange(
      FiniteDistribution dist, Rational[] wStar, Rational eta) {
    Rational max = Rational.ZERO;
    for (Rational[] p : dist.points()) {
      Rational n2 = QVectors.normSquared(p);
      if (n2.compareTo(max) > 0) {
        max = n2;
      }
    }
    return eta.multiply(max).compareTo(Rational.of(2)) <= 0 ? QVectors.normSquared(wStar) : null;
  }

  /** How the confidence interval was obtained. */
  public enum Method {
    /** Hoeffding, range known a priori: false-failure probability at most 1e-9. */
    HOEFFDING,
    /** Six standard errors with a fixed seed: a regression check, not a probability statement. */
    FIXED_SEED
  }

  /** The outcome of comparing the Monte Carlo mean with a bound. */
  public enum Verdict {
    /** The upper end is at most the bound. */
    CONFIRMED,
    /** The bound lies inside the interval. */
    INCONCLUSIVE,
    /** The lower end exceeds the bound. */
    VIOLATED
  }

  /**
   * A Monte Carlo mean with a confidence interval {@code [mean - h, mean + h]}.
   *
   * @param method how the interval was obtained
   * @param mean the mean over runs
   * @param halfWidth h
   * @param runs R
   */
  public record Estimate(Method method, double mean, double halfWidth, int runs) {
    /** {@code mean - h}. */
    public double lower() {
      return mean - halfWidth;
    }

    /** {@code mean + h}. */
    public double upper() {
      return mean + halfWidth;
    }

    /** The false-failure probability (1e-9) for Hoeffding, {@code null} for a fixed seed. */
    public @Nullable Double falseFailureProbability() {
      return method == Method.HOEFFDING ? FALSE_FAILURE : null;
    }

    /** CONFIRMED, INCONCLUSIVE or VIOLATED against the bound. */
    public Verdict verdict(double bound) {
      if (upper() <= bound) {
        return Verdict.CONFIRMED;
      }
      return lower() > bound ? Verdict.VIOLATED : Verdict.INCONCLUSIVE;
    }
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  /**
   * The Hoeffding interval for values in {@code [0, range]}: {@code h = range' sqrt(ln(1/1e-9) /
   * (2R))} with {@code range' = range (1 + 1e-9)} (rounding).
   *
   * @throws IllegalArgumentException if a value lies outside {@code [0, range']} (the a-priori
   *     range does not hold: a bug or a wrong condition)
   */
  public static Estimate hoeffding(double[] values, Rational range) {
    double r = range.toDouble() * (1 + 1e-9);
    for (double v : values) {
      if (!(v >= 0 && v <= r)) {
        throw new IllegalArgumentException(
            "a run's squared distance " + v + " lies outside the a-priori range [0, " + r + "]");
      }
    }
    double h = r * Math.sqrt(Math.log(1 / FALSE_FAILURE) / (2.0 * values.length));
    return new Estimate(Method.HOEFFDING, mean(values), h, values.length);
  }

  /**
   * The fixed-seed interval: {@code h = 6 s / sqrt(R)}, s the sample standard deviation (infinite
   * for R = 1, so a single run is never a verdict).
   */
  public static Estimate fixedSeed(double[] values) {
    double m = mean(values);
    double ss = 0;
    for (double v : values) {
      ss += (v - m) * (v - m);
    }
    if (values.length < 2) {
      return new Estimate(Method.FIXED_SEED, m, Double.POSITIVE_INFINITY, values.length);
    }
    double sd = Math.sqrt(ss / (values.length - 1));
    return new Estimate(
        Method.FIXED_SEED, m, FIXED_SEED_MARGIN * sd / Math.sqrt(values.length), values.length);
  }
}
