package org.provablenets.villani;

import java.util.Locale;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The continuous-time bound of SSJ's theorem [recalled, T3 brief] for one or two parameters (m =
 * 1, 2),
 *
 * <pre>
 *   E f(X_t) - min f  <=  eps(s) + D(s) exp(-lambda_s t),     D(s) = sd_{mu_s}(f) chi2(rho_0 || mu_s)^(1/2),
 * </pre>
 *
 * with every ingredient computed numerically on one grid (all <b>estimates</b> in {@code double}):
 * the gap {@code lambda_s} and {@code eps(s)} by {@link SpectralGap} (m = 1) or {@link
 * SpectralGap2} (m = 2); the Gibbs mean and standard
 * deviation of f by the same quadrature; and the chi-square divergence of the initial law {@code
 * rho_0 = N(0, v I)} from {@code mu_s ~ exp(-2 f / s)},
 *
 * <pre>
 *   chi2(rho_0 || mu_s) = integral rho_0(x)^2 / mu_s(x) dx - 1,
 * </pre>
 *
 * summed in log space (the integrand's factors are each far outside {@code double}'s range).
 *
 * <p><b>Why this is the bound [derived].</b> By Cauchy-Schwarz in {@code L^2(mu_s)}, {@code |E
 * f(X_t) - E_mu f| = |integral (f - E_mu f)(rho_t/mu_s - 1) d mu_s| <= sd_mu(f) ||rho_t/mu_s -
 * 1||_{L^2(mu_s)}}, and the last norm is {@code chi2(rho_t || mu_s)^(1/2) <= exp(-lambda_s t)
 * chi2(rho_0 || mu_s)^(1/2)} (the spectral gap of the reversible generator); add {@code eps(s) =
 * E_mu f - min f}. The divergence is finite only if {@code rho_0} has lighter tails than {@code
 * mu_s}: for bounded activations {@code f <= (lambda/2) x^2 + C}, so {@code v < s / lambda} is
 * enough.
 *
 * <p><b>Cost.</b> O(N) for N grid points, plus the gap's (Sturm counts for m = 1, conjugate
 * gradients for m = 2).
 *
 * <p>The canonical constructor only assembles the estimates it is given; {@link #compute}, {@link
 * #compute2}, {@link #forLoss} and {@link #gibbs} compute them.
 *
 * @param gap the spectral gap lambda_s of the generator (an estimate)
 * @param epsilon {@code eps(s) = E_mu f - min f} (an estimate)
 * @param min the grid minimum of f (an estimate of min f from above)
 * @param gibbsMean {@code E_mu f} (an estimate)
 * @param gibbsSd the standard deviation of f under {@code mu_s} (an estimate)
 * @param chiSquare {@code chi2(rho_0 || mu_s)} (an estimate; infinite when it overflows; NaN
 *     without rho_0)
 * @param grid the grid in words, e.g. {@code 20001 points, step 0.001}
 * @param step the grid step
 */
public record ConvergenceBound(double gap, double epsilon, double min, double gibbsMean,
    double gibbsSd, double chiSquare, String grid, double step) {
  /**
   * The bound from the values {@code fv} of f on the grid points, whose squared norms are {@code
   * squaredNorm} and whose cells have volume {@code cell}, in dimension {@code dim}: the Gibbs
   * mean and standard deviation of f and the chi-square divergence of {@code N(0, v I)}.
   */
  private static ConvergenceBound onValues(double gap, double epsilon, double min, double[] fv,
      double s, double cell, double[] squaredNorm, int dim, double v, String grid, double step) {
    int n = fv.length;
    double z = 0;
    for (int i = 0; i < n; i++) {
      z += Math.exp(-2 * (fv[i] - min) / s);
    }
    double m1 = 0;
    double m2 = 0;
    for (int i = 0; i < n; i++) {
      double e = fv[i] - min;
      double w = Math.exp(-2 * e / s) / z;
      m1 += w * e;
      m2 += w * e * e;
    }
    double gibbsMean = min + m1;
    double gibbsSd = Math.sqrt(Math.max(0, m2 - m1 * m1));
    // integral rho0^2 / mu = sum_i cell exp(2 log rho0(x_i) + 2 (f_i - min) / s + log(z cell)).
    double logZ = Math.log(z * cell);
    double logNorm = -dim * Math.log(2 * Math.PI * v);
    double maxLog = Double.NEGATIVE_INFINITY;
    double[] logs = new double[n];
    for (int i = 0; i < n; i++) {
      logs[i] = logNorm - squaredNorm[i] / v + 2 * (fv[i] - min) / s + logZ + Math.log(cell);
      maxLog = Math.max(maxLog, logs[i]);
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Math.exp(logs[i] - maxLog);
    }
    double chi2 = Double.isNaN(v) ? Double.NaN : Math.max(0, Math.exp(maxLog) * sum - 1);
    return new ConvergenceBound(gap, epsilon, min, gibbsMean, gibbsSd, chi2, grid, step);
  }

  /**
   * The bound for the potential f of one variable, learning rate s and initial law {@code N(0,
   * v)}, on {@code points} grid points of {@code [lo, hi]} (which should hold all but a negligible
   * part of both {@code mu_s} and {@code rho_0}). With v = NaN (no initial law) the chi-square
   * divergence is NaN.
   */
  public static ConvergenceBound compute(DoubleUnaryOperator f, double s, double v, double lo,
      double hi, int points) {
    if (!(v > 0) && !Double.isNaN(v)) {
      throw new IllegalArgumentException("the initial variance must be positive");
    }
    SpectralGap.Result g = SpectralGap.compute(f, s, lo, hi, points);
    double h = g.step();
    double[] fv = new double[points];
    double[] sq = new double[points];
    for (int i = 0; i < points; i++) {
      double x = lo + i * h;
      fv[i] = f.applyAsDouble(x);
      sq[i] = x * x;
    }
    return onValues(g.gap(), g.epsilon(), g.min(), fv, s, h, sq, 1, v,
        points + " points, step " + String.format(Locale.ROOT, "%.4g", h), h);
  }

  /**
   * The bound for the potential f of two variables and the initial law {@code N(0, v I)}, on an
   * {@code n x n} grid of {@code [lo, hi]^2}.
   */
  public static ConvergenceBound compute2(DoubleBinaryOperator f, double s, double v, double lo,
      double hi, int n) {
    if (!(v > 0) && !Double.isNaN(v)) {
      throw new IllegalArgumentException("the initial variance must be positive");
    }
    SpectralGap2.Result g = SpectralGap2.compute(f, s, lo, hi, lo, hi, n);
    double h = g.stepX();
    double[] sq = new double[n * n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        double x = lo + i * h;
        double y = lo + j * h;
        sq[i + n * j] = x * x + y * y;
      }
    }
    return onValues(g.gap(), g.epsilon(), g.min(), g.values(), s, h * h, sq, 2, v,
        n + " x " + n + " points, step " + String.format(Locale.ROOT, "%.4g", h), h);
  }

  /**
   * The bound for a loss with one or two trained parameters and lambda > 0, on an interval (or
   * square) {@code [-H, H]} chosen to hold all but a negligible part of {@code mu_s} and of the
   * chi-square integrand: {@code H = sqrt(2 L(0) / lambda)} (every minimiser lies inside, as
   * {@code lambda |w|^2 / 2 <= L(w) <= L(0)} there), plus 12 standard deviations of {@code
   * exp(-lambda |w|^2 / s)}, of {@code rho_0}, and, when {@code v < s / lambda}, of the
   * integrand's Gaussian factor {@code exp(-(1/v - lambda/s) |w|^2)}. {@code points} is the
   * number of grid points per axis.
   *
   * @throws IllegalArgumentException if the loss has more than two parameters, or lambda, s or v
   *     is not positive
   */
  public static ConvergenceBound forLoss(DoubleLoss loss, double lambda, double s, double v,
      int points) {
    if (!(v > 0)) {
      throw new IllegalArgumentException("need v > 0");
    }
    double half = gibbsHalfWidth(loss, lambda, s) + 12 * Math.sqrt(v);
    if (v * lambda < s) {
      half += 12 * Math.sqrt(1 / (2 * (1 / v - lambda / s)));
    }
    return onGrid(loss, s, v, half, points);
  }

  /**
   * The Gibbs-measure quantities alone (gap, {@code eps(s)}, {@code min}, {@code E_mu L}, {@code
   * sd_mu L}) for a loss with one or two trained parameters, on {@code [-H, H]} (or its square)
   * with {@code H = sqrt(2 L(0) / lambda) + 12 sqrt(s / (2 lambda))}; there is no initial law, so
   * {@link #chiSquare} and {@link #prefactor} are NaN.
   *
   * @throws IllegalArgumentException as {@link #forLoss}
   */
  public static ConvergenceBound gibbs(DoubleLoss loss, double lambda, double s, int points) {
    return onGrid(loss, s, Double.NaN, gibbsHalfWidth(loss, lambda, s), points);
  }

  private static double gibbsHalfWidth(DoubleLoss loss, double lambda, double s) {
    int m = loss.parameters();
    if (m < 1 || m > 2 || !(lambda > 0) || !(s > 0)) {
      throw new IllegalArgumentException("need one or two parameters and lambda, s > 0");
    }
    double l0 = loss.copy().value(new double[m]);
    return Math.sqrt(2 * l0 / lambda) + 12 * Math.sqrt(s / (2 * lambda));
  }

  private static ConvergenceBound onGrid(DoubleLoss loss, double s, double v, double half,
      int points) {
    DoubleLoss f = loss.copy();
    if (loss.parameters() == 1) {
      return compute(w -> f.value(new double[] {w}), s, v, -half, half, points);
    }
    return compute2((x, y) -> f.value(new double[] {x, y}), s, v, -half, half, points);
  }

  /** {@code D(s) = sd_mu(f) chi2^(1/2)}. */
  public double prefactor() {
    return gibbsSd * Math.sqrt(chiSquare);
  }

  /** The bound {@code eps(s) + D(s) exp(-lambda_s t)} on {@code E f(X_t) - min f}. */
  public double bound(double t) {
    return epsilon() + prefactor() * Math.exp(-gap() * t);
  }
}
