package org.provablenets.villani;

import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;

/**
 * The operations behind {@code villani gap}: the spectral gap {@code lambda_s} of the generator of
 * {@code dX = -grad f dt + sqrt(s) dB} and {@code eps(s) = E_mu f - min f} under {@code mu_s ~
 * exp(-2f/s)}, by the finite-difference generators of {@link SpectralGap} (m = 1) and {@link
 * SpectralGap2} (m = 2), for three potentials. Every computed value is an <b>estimate</b> in
 * {@code double}.
 *
 * <ul>
 *   <li>{@link #ou}: the Ornstein-Uhlenbeck calibration {@code f = mu x^2/2}, whose gap is exactly
 *       mu and whose {@code eps(s)} is exactly s/4;
 *   <li>{@link #doubleWell}: {@code f = (x^2 - 1)^2 / 4} against the Eyring-Kramers rate (the
 *       ratio tends to 1 as s -&gt; 0) [recalled];
 *   <li>{@link #loss}: the regularised loss with one or two trained parameters and lambda &gt; 0,
 *       and for bounded sigma the <b>Holley-Stroock check</b>: the computed gap must be at least
 *       {@code lambda exp(-rho_0^2 / s)} [derived from the recalled lemma].
 * </ul>
 *
 * <p><b>Cost.</b> One sparse symmetric eigenproblem of the grid size (see {@link SpectralGap},
 * {@link ConvergenceBound#gibbs}).
 */
public final class GapCheck {
  /** Half-width of the OU interval in standard deviations of the Gibbs measure. */
  public static final int SIGMAS = 12;

  /** Half-width of the double-well interval. */
  public static final double WELL = 2.5;

  private GapCheck() {}

  /**
   * The OU calibration: the grid's gap and eps(s) beside the exact mu and s/4.
   *
   * @param half the half-width of the grid interval, {@link #SIGMAS} standard deviations
   */
  public record Ou(
      Rational mu, Rational s, double muValue, double half, SpectralGap.Result grid,
      double quarterS, double gapRelativeError, double epsilonRelativeError) {
    /** The exact eps(s) of the calibration, s/4. */
    public Rational epsilonExact() {
      return s.divide(4);
    }
  }

  /** The double well: the grid's gap beside the Eyring-Kramers rate, and eps(s). */
  public record DoubleWell(Rational s, SpectralGap.Result grid, double eyringKramers, double ratio) {}

  /**
   * The regularised loss: the grid numerics and, for bounded sigma, the Holley-Stroock bound
   * (NaN otherwise) and the failure sentence (null if the gap is above the bound or no bound
   * applies).
   */
  public record Loss(
      TrainingData data, Rational[] outer, Activation activation, Rational lambda, Rational s,
      int parameters, ConvergenceBound grid, double holleyStroock, @Nullable String failure) {}

  /** The number of trained parameters {@code p d}. */
  public static int parameters(TrainingData data, Rational[] a) {
    return a.length * data.dimension();
  }

  /** The OU calibration at curvature mu (mu, s as exact values and their doubles). */
  public static Ou ou(Rational mu, double md, Rational s, double sd, int points) {
    double half = SIGMAS * Math.sqrt(sd / (2 * md));
    SpectralGap.Result r = SpectralGap.compute(x -> md * x * x / 2, sd, -half, half, points);
    double eps = sd / 4;
    double gapErr = Math.abs(r.gap() - md) / md;
    double epsErr = Math.abs(r.epsilon() - eps) / eps;
    return new Ou(mu, s, md, half, r, eps, gapErr, epsErr);
  }

  /** The double well at learning rate s. */
  public static DoubleWell doubleWell(Rational s, double sd, int points) {
    SpectralGap.Result r =
        SpectralGap.compute(x -> (x * x - 1) * (x * x - 1) / 4, sd, -WELL, WELL, points);
    double ek = SpectralGap.eyringKramers(2, -1, 0.25, sd);
    return new DoubleWell(s, r, ek, r.gap() / ek);
  }

  /**
   * The regularised loss of (data, a, lambda, sigma) with one or two trained parameters, on a grid
   * of {@code points} per axis, and the Holley-Stroock check for bounded sigma.
   */
  public static Loss loss(TrainingData data, Rational[] a, Rational lambda, double lamD,
      Activation act, Rational s, double sd, int points) {
    DoubleLoss loss = new DoubleLoss(new RegularisedLoss(data, a, lambda, act));
    ConvergenceBound b = ConvergenceBound.gibbs(loss, lamD, sd, points);
    VillaniConstants c = VillaniChecker.constants(data, a, act);
    double hs = Double.NaN;
    @Nullable String failure = null;
    if (act.bounded()) {
      double rho0 = c.rho0().toDouble();
      hs = lamD * Math.exp(-rho0 * rho0 / sd);
      if (b.gap() < hs) {
        failure = "the computed gap " + Estimates.sixDigits(b.gap())
            + " is below the Holley-Stroock bound lambda exp(-rho_0^2/s) = "
            + Estimates.sixDigits(hs) + " by " + Estimates.sixDigits(hs - b.gap());
      }
    }
    return new Loss(data, a, act, lambda, s, parameters(data, a), b, hs, failure);
  }
}
