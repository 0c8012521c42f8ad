package org.provablenets.villani;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Monte Carlo estimates of {@code E L(W_k)} for SSJ's two dynamics [recalled], in {@code double}
 * (every value is an <b>estimate</b>):
 *
 * <ul>
 *   <li><b>SGD with unit Gaussian gradient noise</b>, the model of the theorem: {@code W_{k+1} =
 *       W_k - s (grad L(W_k) + xi_k)}, {@code xi_k ~ N(0, I)} i.i.d.;
 *   <li><b>the SDE</b> {@code dX = -grad L(X) dt + sqrt(s) dB} by Euler-Maruyama with {@code J}
 *       substeps of length {@code h = s / J} per SGD step, {@code X <- X - h grad L(X) + sqrt(s h)
 *       Z}, read at the times {@code t = k s}. With {@code J = 1} this is SGD again (the noise is
 *       symmetric), which is why SGD is the SDE's Euler-Maruyama scheme with step s.
 * </ul>
 *
 * <p>Both start from {@code W_0 ~ N(0, v I)} (the same draw for both in one run), the initial laws
 * of the discrete statement, which have finite chi-square distance to the Gibbs measure when
 * {@code v < s / lambda} [derived, T3 brief].
 *
 * <p><b>Confidence intervals.</b> For each step, the mean of the R runs plus or minus {@code Z
 * sd / sqrt(R)} with {@link #Z} the two-sided 99.9% normal quantile: an asymptotic (central limit)
 * interval, not a rigorous bound (L(W_k) is unbounded, so no Hoeffding-type bound applies).
 * Reproducible: run r draws from a generator seeded by the r-th output of {@code new
 * SplittableRandom(seed)}, so the result does not depend on the number of threads.
 *
 * <p><b>Cost.</b> O(R K J n p d) time on all cores, O(R K) memory.
 */
public final class SgdMonteCarlo {
  /** The two-sided 99.9% quantile of the standard normal distribution, z_{0.9995}. */
  public static final double Z = 3.2905267314919255;

  private SgdMonteCarlo() {}

  /** A Monte Carlo curve: for k = 0..K, the mean of L(W_k) over the runs and the half-width. */
  public record Curve(double[] mean, double[] halfWidth) {
    /** The lower end of the interval at step k. */
    public double lower(int k) {
      return mean[k] - halfWidth[k];
    }

    /** The upper end of the interval at step k. */
    public double upper(int k) {
      return mean[k] + halfWidth[k];
    }
  }

  /** The SGD curve, the SDE curve (null when J = 0) and the settings. */
  public record Result(
      Curve sgd, @Nullable Curve sde, int steps, int runs, long seed, double initVariance,
      int substeps) {}

  /**
   * Runs R independent copies of SGD (and, when {@code substeps >= 1}, of the SDE by
   * Euler-Maruyama with that many substeps per step) for K steps with learning rate s.
   *
   * @throws IllegalArgumentException if s or the variance is not positive and finite, or K, R
   *     are not positive, or substeps is negative
   */
  public static Result run(DoubleLoss loss, double s, int steps, int runs, long seed,
      double initVariance, int substeps) {
    if (!(s > 0 && s < Double.POSITIVE_INFINITY)
        || !(initVariance > 0 && initVariance < Double.POSITIVE_INFINITY)
        || steps < 1 || runs < 1 || substeps < 0) {
      throw new IllegalArgumentException(
          "need s > 0, v > 0 finite, K >= 1, R >= 1 and J >= 0");
    }
    SplittableRandom root = new SplittableRandom(seed);
    long[] seeds = new long[runs];
    for (int r = 0; r < runs; r++) {
      seeds[r] = root.nextLong();
    }
    double[][][] paths =
        IntStream.range(0, runs)
            .parallel()
            .mapToObj(r -> path(loss.copy(), s, steps, seeds[r], initVariance, substeps))
            .toArray(double[][][]::new);
    Curve sgd = curve(paths, 0, steps, runs);
    Curve sde = substeps >= 1 ? curve(paths, 1, steps, runs) : null;
    return new Result(sgd, sde, steps, runs, seed, initVariance, substeps);
  }

  /** One run: {L(W_k)} for SGD and, if asked, {L(X_{ks})} for the SDE. */
  private static double[][] path(DoubleLoss loss, double s, int steps, long seed,
      double initVariance, int substeps) {
    SplittableRandom rng = new SplittableRandom(seed);
    int m = loss.parameters();
    double sd0 = Math.sqrt(initVariance);
    double[] w0 = new double[m];
    for (int q = 0; q < m; q++) {
      w0[q] = sd0 * rng.nextGaussian();
    }
    double[] grad = new double[m];
    double[] sgd = new double[steps + 1];
    double[] w = w0.clone();
    sgd[0] = loss.value(w);
    for (int k = 1; k <= steps; k++) {
      loss.valueAndGradient(w, grad);
      for (int q = 0; q < m; q++) {
        w[q] -= s * (grad[q] + rng.nextGaussian());
      }
      sgd[k] = loss.value(w);
    }
    if (substeps == 0) {
      return new double[][] {sgd};
    }
    double h = s / substeps;
    double noise = Math.sqrt(s * h);
    double[] sde = new double[steps + 1];
    double[] x = w0.clone();
    sde[0] = loss.value(x);
    for (int k = 1; k <= steps; k++) {
      for (int j = 0; j < substeps; j++) {
        loss.valueAndGradient(x, grad);
        for (int q = 0; q < m; q++) {
          x[q] += -h * grad[q] + noise * rng.nextGaussian();
        }
      }
      sde[k] = loss.value(x);
    }
    return new double[][] {sgd, sde};
  }

  private static Curve curve(double[][][] paths, int which, int steps, int runs) {
    double[] mean = new double[steps + 1];
    double[] half = new double[steps + 1];
    for (int k = 0; k <= steps; k++) {
      double sum = 0;
      for (int r = 0; r < runs; r++) {
        sum += paths[r][which][k];
      }
      double mu = sum / runs;
      double ss = 0;
      for (int r = 0; r < runs; r++) {
        double dev = paths[r][which][k] - mu;
        ss += dev * dev;
      }
      mean[k] = mu;
      half[k] = runs > 1 ? Z * Math.sqrt(ss / (runs - 1) / runs) : Double.POSITIVE_INFINITY;
    }
    return new Curve(mean, half);
  }
}
