package org.provablenets.gate;

import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;

/**
 * The Monte Carlo check of a T2 bound: R runs ({@link GateMonteCarlo#run}), the mean of {@code
 * ||w_{T+1} - w*||^2} with its confidence interval (Hoeffding with false-failure probability 1e-9
 * when an a-priori range is known, else a fixed-seed check: {@link GateMonteCarlo}), the verdict
 * against the bound at T, and for the worst-case attack on centred Gaussian data the measured bias
 * as a fraction of the bias bound.
 *
 * <p><b>The worst-case check</b> [derived, {@link GatePoisoning}]: the bias {@code ||mean w_{T+1}
 * - w*||} should approach {@code sqrt(2/pi)} of the bias bound {@code 2 beta* theta* /
 * sqrt(lambda_min)}; the transient {@code (1 - eta lambda_min/2)^T} says how far the mean
 * dynamics still are from their fixed point. Every value is a {@code double} estimate.
 *
 * <p><b>Cost.</b> R T b draws and O(R T b d) operations.
 */
public final class GateMcCheck {
  /** Which bound the mean is compared with. */
  public enum BoundKind {
    /** {@code q^T ||w*||^2}. */
    THEOREM,
    /** {@code rho'^T ||w*||^2 + floor}. */
    POISONED
  }

  /** Why there is no bound to compare with. */
  public enum NoBound {
    /** The hypotheses fail, so there are no constants. */
    NEEDS_HYPOTHESES,
    /** The poisoned bound needs {@code eta <= L/(8 c_b)}. */
    NEEDS_SMALLER_STEP,
    /** There is a bound. */
    NONE
  }

  /** The worst-case-attack check on centred Gaussian data (estimates). */
  public record Worst(double measuredBias, double biasBound, double ratio, double transientFactor) {}

  private final GateMonteCarlo.Runs runs;
  private final GateMonteCarlo.Estimate estimate;
  private final String @Nullable [] bound;
  private final BoundKind kind;
  private final NoBound noBound;
  private final GateMonteCarlo.@Nullable Verdict verdict;
  private final @Nullable Worst worst;

  private GateMcCheck(GateMonteCarlo.Runs runs, GateMonteCarlo.Estimate estimate,
      String @Nullable [] bound, BoundKind kind, NoBound noBound,
      GateMonteCarlo.@Nullable Verdict verdict, @Nullable Worst worst) {
    this.runs = runs;
    this.estimate = estimate;
    this.bound = bound;
    this.kind = kind;
    this.noBound = noBound;
    this.verdict = verdict;
    this.worst = worst;
  }

  /**
   * Runs the Monte Carlo and compares its final mean with {@code bound[T]}.
   *
   * @param range the a-priori range for Hoeffding, or {@code null} for a fixed-seed check
   * @param bound the bound for t = 0..T as decimals ({@link GateRun#decimals}), or {@code null}
   * @param lambdaMin an estimate of lambda_min(Sigma) for the worst-case check, or {@code null}
   *     when that check does not apply (not Gaussian, not the worst attack, hypotheses failed)
   */
  public static GateMcCheck compute(GateMonteCarlo.Source src, double[] wStar, double eta, int b,
      int steps, int r, long seed, GateIteration.@Nullable Poisoning poisoning,
      @Nullable Rational range, String @Nullable [] bound, BoundKind kind, NoBound noBound,
      @Nullable Double lambdaMin) {
    GateMonteCarlo.Runs runs =
        GateMonteCarlo.run(src, wStar, eta, b, steps, r, seed, poisoning);
    double[] finals = runs.finalSquaredDistances();
    GateMonteCarlo.Estimate est =
        range == null ? GateMonteCarlo.fixedSeed(finals) : GateMonteCarlo.hoeffding(finals, range);
    GateMonteCarlo.@Nullable Verdict v =
        bound == null ? null : est.verdict(Double.parseDouble(bound[steps]));
    @Nullable Worst worst = null;
    if (lambdaMin != null && poisoning != null) {
      double[] m = runs.meanFinalIterate();
      double s = 0;
      for (int j = 0; j < m.length; j++) {
        s += (m[j] - wStar[j]) * (m[j] - wStar[j]);
      }
      double measured = Math.sqrt(s);
      double bb = 2 * poisoning.beta() * poisoning.theta() / Math.sqrt(lambdaMin);
      worst = new Worst(measured, bb, bb > 0 ? measured / bb : Double.NaN,
          Math.pow(Math.abs(1 - eta * lambdaMin / 2), steps));
    }
    return new GateMcCheck(runs, est, bound, kind, noBound, v, worst);
  }

  /** The R runs. */
  public GateMonteCarlo.Runs runs() {
    return runs;
  }

  /** The mean at T with its confidence interval. */
  public GateMonteCarlo.Estimate estimate() {
    return estimate;
  }

  /** The bound compared with, for t = 0..T, or {@code null} ({@link #noBound} says why). */
  public String @Nullable [] bound() {
    return bound;
  }

  /** Which bound {@link #bound} is. */
  public BoundKind kind() {
    return kind;
  }

  /** Why {@link #bound} is absent ({@link NoBound#NONE} when it is present). */
  public NoBound noBound() {
    return noBound;
  }

  /** CONFIRMED, INCONCLUSIVE or VIOLATED at T, or {@code null} without a bound. */
  public GateMonteCarlo.@Nullable Verdict verdict() {
    return verdict;
  }

  /** The worst-case check, or {@code null} where it does not apply. */
  public @Nullable Worst worst() {
    return worst;
  }

  /** Whether some run left the range of double (the mean is infinite or NaN). */
  public boolean overflow() {
    return Double.isNaN(estimate.mean()) || Double.isInfinite(estimate.mean());
  }

  /** Whether the lower confidence end exceeds the bound at T. */
  public boolean violated() {
    return verdict == GateMonteCarlo.Verdict.VIOLATED && bound != null;
  }

  /** By how much the lower confidence end exceeds the bound at T (positive when violated). */
  public double excess() {
    String[] bd = bound;
    return bd == null ? Double.NaN : estimate.lower() - Double.parseDouble(bd[bd.length - 1]);
  }
}
