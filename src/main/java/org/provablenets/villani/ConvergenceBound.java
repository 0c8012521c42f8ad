package org.provablenets.villani;

import java.util.function.DoubleUnaryOperator;

/**
 * The continuous-time bound of SSJ's theorem [recalled, T3 brief] for one parameter (m = 1),
 *
 * <pre>
 *   E f(X_t) - min f  <=  eps(s) + D(s) exp(-lambda_s t),     D(s) = sd_{mu_s}(f) chi2(rho_0 || mu_s)^(1/2),
 * </pre>
 *
 * with every ingredient computed numerically on one grid (all <b>estimates</b> in {@code double}):
 * the gap {@code lambda_s} and {@code eps(s)} by {@link SpectralGap}; the Gibbs mean and standard
 * deviation of f by the same quadrature; and the chi-square divergence of the initial law {@code
 * rho_0 = N(0, v)} from {@code mu_s ~ exp(-2 f / s)},
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
 * <p><b>Cost.</b> O(N) for N grid points, plus the gap's O(N) Sturm counts.
 */
public final class ConvergenceBound {
  private final SpectralGap.Result gap;
  private final double gibbsMean;
  private final double gibbsSd;
  private final double chi2;

  private ConvergenceBound(SpectralGap.Result gap, double gibbsMean, double gibbsSd, double chi2) {
    this.gap = gap;
    this.gibbsMean = gibbsMean;
    this.gibbsSd = gibbsSd;
    this.chi2 = chi2;
  }

  /**
   * The bound for the potential f, learning rate s and initial law {@code N(0, v)}, on {@code
   * points} grid points of {@code [lo, hi]} (which should hold all but a negligible part of both
   * {@code mu_s} and {@code rho_0}).
   */
  public static ConvergenceBound compute(DoubleUnaryOperator f, double s, double v, double lo,
      double hi, int points) {
    if (!(v > 0)) {
      throw new IllegalArgumentException("the initial variance must be positive");
    }
    SpectralGap.Result g = SpectralGap.compute(f, s, lo, hi, points);
    double h = g.step();
    double min = g.min();
    int n = g.points();
    double[] e = new double[n]; // f - min on the grid
    double z = 0;
    for (int i = 0; i < n; i++) {
      e[i] = f.applyAsDouble(lo + i * h) - min;
      z += Math.exp(-2 * e[i] / s);
    }
    double m1 = 0;
    double m2 = 0;
    for (int i = 0; i < n; i++) {
      double w = Math.exp(-2 * e[i] / s) / z;
      m1 += w * e[i];
      m2 += w * e[i] * e[i];
    }
    double sd = Math.sqrt(Math.max(0, m2 - m1 * m1));
    // integral rho0^2 / mu = sum_i h * exp(2 log rho0(x_i) + 2 e_i / s + log(z h)).
    double logZ = Math.log(z * h);
    double logNorm = -Math.log(2 * Math.PI * v);
    double maxLog = Double.NEGATIVE_INFINITY;
    double[] logs = new double[n];
    for (int i = 0; i < n; i++) {
      double x = lo + i * h;
      logs[i] = logNorm - x * x / v + 2 * e[i] / s + logZ + Math.log(h);
      maxLog = Math.max(maxLog, logs[i]);
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Math.exp(logs[i] - maxLog);
    }
    double integral = Math.exp(maxLog) * sum;
    return new ConvergenceBound(g, min + m1, sd, Math.max(0, integral - 1));
  }

  /**
   * The bound for a loss with one trained parameter (p = d = 1) and lambda > 0, on an interval
   * {@code [-H, H]} chosen to hold all but a negligible part of {@code mu_s} and of the
   * chi-square integrand: {@code H = sqrt(2 L(0) / lambda)} (every minimiser lies inside, as
   * {@code lambda w^2 / 2 <= L(w) <= L(0)} there), plus 12 standard deviations of {@code exp(-lambda
   * w^2 / s)}, of {@code rho_0}, and, when {@code v < s / lambda}, of the integrand's Gaussian
   * factor {@code exp(-(1/v - lambda/s) w^2)}.
   *
   * @throws IllegalArgumentException if the loss has more than one parameter, or lambda, s or v
   *     is not positive
   */
  public static ConvergenceBound forOneParameter(DoubleLoss loss, double lambda, double s, double v,
      int points) {
    if (loss.parameters() != 1 || !(lambda > 0) || !(s > 0) || !(v > 0)) {
      throw new IllegalArgumentException("need one parameter and lambda, s, v > 0");
    }
    DoubleLoss f = loss.copy();
    double l0 = f.value(new double[] {0});
    double half = Math.sqrt(2 * l0 / lambda) + 12 * Math.sqrt(s / (2 * lambda)) + 12 * Math.sqrt(v);
    if (v * lambda < s) {
      half += 12 * Math.sqrt(1 / (2 * (1 / v - lambda / s)));
    }
    return compute(w -> f.value(new double[] {w}), s, v, -half, half, points);
  }

  /** The spectral gap lambda_s of the generator (an estimate). */
  public double gap() {
    return gap.gap();
  }

  /** {@code eps(s) = E_mu f - min f} (an estimate). */
  public double epsilon() {
    return gap.epsilon();
  }

  /** The grid minimum of f (an estimate of min f from above). */
  public double min() {
    return gap.min();
  }

  /** {@code E_mu f} (an estimate). */
  public double gibbsMean() {
    return gibbsMean;
  }

  /** The standard deviation of f under {@code mu_s} (an estimate). */
  public double gibbsSd() {
    return gibbsSd;
  }

  /** {@code chi2(rho_0 || mu_s)} (an estimate; infinite when it overflows). */
  public double chiSquare() {
    return chi2;
  }

  /** {@code D(s) = sd_mu(f) chi2^(1/2)}. */
  public double prefactor() {
    return gibbsSd * Math.sqrt(chi2);
  }

  /** The bound {@code eps(s) + D(s) exp(-lambda_s t)} on {@code E f(X_t) - min f}. */
  public double bound(double t) {
    return epsilon() + prefactor() * Math.exp(-gap() * t);
  }

  /** The grid used: points and step. */
  public SpectralGap.Result grid() {
    return gap;
  }
}
