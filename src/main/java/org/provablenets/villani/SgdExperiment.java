package org.provablenets.villani;

import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;

/**
 * The operation behind {@code villani sgd} and the convergence part of the T3 tour: SGD with unit
 * Gaussian gradient noise and the SDE by Euler-Maruyama ({@link SgdMonteCarlo}), and, for one or
 * two trained parameters (m = p d &lt;= 2) and lambda &gt; 0, the continuous-time bound {@code min
 * L + eps(s) + D(s) exp(-lambda_s s k)} ({@link ConvergenceBound}). Every number is an
 * <b>estimate</b> in {@code double}.
 *
 * <p><b>The check (m &lt;= 2 only).</b> The bound is a statement about the SDE, so the SDE's
 * interval must be consistent with it: at every step k, the lower end of the interval for {@code E
 * L(X_{ks})} is at most the bound. SGD (the discrete chain) obeys the bound only up to an
 * unquantified O(s) term [recalled], so its curve is reported, not checked.
 *
 * <p><b>Cost.</b> That of {@link SgdMonteCarlo#run} plus, with the bound, one grid eigenproblem
 * ({@link ConvergenceBound#forLoss}).
 *
 * @param runs the Monte Carlo curves and settings
 * @param theory the bound's ingredients, or null (m &gt; 2 or lambda = 0)
 * @param s the learning rate
 * @param time {@code k s} for k = 0..K
 * @param bound {@code min L + eps(s) + D(s) exp(-lambda_s k s)} for k = 0..K, or null without
 *     theory
 * @param failure the first step where the SDE's interval lies above the bound, or null
 */
public record SgdExperiment(
    SgdMonteCarlo.Result runs,
    @Nullable ConvergenceBound theory,
    double s,
    double[] time,
    double @Nullable [] bound,
    @Nullable String failure) {
  /**
   * The default initial variance {@code v = s / (2 lambda)} (lambda &gt; 0): half the Gibbs
   * measure's Gaussian variance {@code s / lambda}, inside the {@code v < s / lambda} that keeps
   * the chi-square distance to it finite ({@link SgdMonteCarlo}).
   */
  public static Rational defaultInitVariance(Rational s, Rational lambda) {
    return s.divide(lambda.multiply(Rational.of(2)));
  }

  /**
   * Runs SGD (and the SDE when {@code substeps >= 1}) on the loss and, when m &lt;= 2 and
   * {@code lambda > 0}, computes the bound on a grid of {@code points} per axis and checks the SDE
   * against it.
   *
   * @param lambda the loss's lambda as a double (0 for lambda = 0)
   */
  public static SgdExperiment run(RegularisedLoss exact, double lambda, double s, int steps,
      int runs, long seed, double initVariance, int substeps, int points) {
    DoubleLoss loss = new DoubleLoss(exact);
    SgdMonteCarlo.Result r = SgdMonteCarlo.run(loss, s, steps, runs, seed, initVariance, substeps);
    @Nullable ConvergenceBound theory = null;
    if (exact.parameters() <= 2 && lambda > 0) {
      theory = ConvergenceBound.forLoss(loss, lambda, s, initVariance, points);
    }
    return of(r, theory, s);
  }

  /**
   * The experiment of given curves and bound ingredients (null: no bound): the times, the bound
   * at each step and the SDE's check.
   */
  public static SgdExperiment of(
      SgdMonteCarlo.Result r, @Nullable ConvergenceBound theory, double s) {
    int steps = r.steps();
    double[] time = new double[steps + 1];
    double @Nullable [] bound = theory == null ? null : new double[steps + 1];
    for (int k = 0; k <= steps; k++) {
      time[k] = k * s;
      if (theory != null && bound != null) {
        bound[k] = theory.min() + theory.bound(k * s);
      }
    }
    return new SgdExperiment(r, theory, s, time, bound, check(r, bound, time));
  }

  /** The first step where the SDE's interval lies above the bound, or null. */
  private static @Nullable String check(
      SgdMonteCarlo.Result r, double @Nullable [] bound, double[] time) {
    SgdMonteCarlo.Curve sde = r.sde();
    if (bound == null || sde == null) {
      return null;
    }
    for (int k = 0; k <= r.steps(); k++) {
      double excess = sde.lower(k) - bound[k];
      if (excess > 0) {
        return "the SDE's 99.9% interval for E L at step " + k + " (t = "
            + Estimates.sixDigits(time[k]) + ") starts at " + Estimates.sixDigits(sde.lower(k))
            + ", above the bound min L + eps(s) + D(s) exp(-lambda_s t) = "
            + Estimates.sixDigits(bound[k]) + " by " + Estimates.sixDigits(excess);
      }
    }
    return null;
  }

  /** Whether the SDE was checked against the bound (both exist), and so a verdict is reported. */
  public boolean checked() {
    return theory != null && runs.sde() != null;
  }

  /**
   * A curve and its interval ends shifted down by min L when the bound exists (the plot's
   * {@code E L - min L}): {@code {mean, lower, upper}}.
   */
  public double[][] shifted(SgdMonteCarlo.Curve c) {
    double shift = theory == null ? 0 : theory.min();
    int n = c.mean().length;
    double[][] out = new double[3][n];
    for (int k = 0; k < n; k++) {
      out[0][k] = c.mean()[k] - shift;
      out[1][k] = c.lower(k) - shift;
      out[2][k] = c.upper(k) - shift;
    }
    return out;
  }

  /** {@code eps(s) + D(s) exp(-lambda_s k s)} for k = 0..K (the plot's bound line), or null. */
  public double @Nullable [] boundAboveMin() {
    ConvergenceBound t = theory;
    if (t == null) {
      return null;
    }
    double[] out = new double[time.length];
    for (int k = 0; k < time.length; k++) {
      out[k] = t.bound(time[k]);
    }
    return out;
  }

  /** The steps shown in reports: at most 21, evenly spaced, 0 and K included. */
  public static int[] shownSteps(int steps) {
    int n = Math.min(steps, 20);
    int[] ks = new int[n + 1];
    for (int i = 0; i <= n; i++) {
      ks[i] = (int) Math.round((double) i * steps / n);
    }
    return ks;
  }
}
