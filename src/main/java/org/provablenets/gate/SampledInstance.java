package org.provablenets.gate;

import org.provablenets.exact.linalg.EigenBounds;

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
public final class SampledInstance extends CertifiedSpectrum<SampledDistribution> {
  SampledInstance(
      SampledDistribution distribution,
      EigenBounds.Bracket sigmaMin,
      EigenBounds.Bracket sigmaMax,
      EigenBounds.Bracket lambda4) {
    super(distribution, sigmaMin, sigmaMax, lambda4);
  }
}
