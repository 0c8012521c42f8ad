package org.provablenets.gate;

import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.exact.linalg.EigenBounds;
import org.provablenets.qual.Rigorous;

/**
 * A sampled distribution together with the certified spectral bounds of its exact moment matrices
 * (the counterpart of {@link GateInstance} for {@link SampledDistribution}).
 *
 * <p>Only {@link GateHypotheses#checkSampled} returns one typed {@code @HypothesesChecked}: after
 * (A1) holds by construction (every family but the shifted Gaussian), (A2) {@code Sigma} positive
 * definite is decided exactly on the closed-form Sigma, and {@code 0 < L <= lambda_min(Sigma)},
 * {@code U >= lambda_max(Sigma)}, {@code U4 >= lambda_4} are certified by exact bisection on the
 * closed-form matrices ([derived] in {@link SampledDistribution}).
 */
public final class SampledInstance {
  private final SampledDistribution distribution;
  private final EigenBounds.Bracket sigmaMin;
  private final EigenBounds.Bracket sigmaMax;
  private final EigenBounds.Bracket lambda4;

  SampledInstance(
      SampledDistribution distribution,
      EigenBounds.Bracket sigmaMin,
      EigenBounds.Bracket sigmaMax,
      EigenBounds.Bracket lambda4) {
    this.distribution = distribution;
    this.sigmaMin = sigmaMin;
    this.sigmaMax = sigmaMax;
    this.lambda4 = lambda4;
  }

  /** The distribution whose hypotheses were checked. */
  public SampledDistribution distribution() {
    return distribution;
  }

  /** L: a proven lower bound on lambda_min(Sigma), L &gt; 0. */
  public @Rigorous Rational lambdaMinLower() {
    return sigmaMin.lower();
  }

  /** U: a proven upper bound on lambda_max(Sigma). */
  public @Rigorous Rational lambdaMaxUpper() {
    return sigmaMax.upper();
  }

  /** U4: a proven upper bound on lambda_4 = lambda_max(E[||x||^2 x x']). */
  public @Rigorous Rational lambda4Upper() {
    return lambda4.upper();
  }

  @Override
  public String toString() {
    return "SampledInstance[" + distribution.describe() + ", L="
        + Rationals.format(lambdaMinLower()) + ", U=" + Rationals.format(lambdaMaxUpper())
        + ", U4=" + Rationals.format(lambda4Upper()) + "]";
  }
}
