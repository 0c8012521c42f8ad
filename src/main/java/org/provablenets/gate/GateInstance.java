package org.provablenets.gate;

import org.provablenets.exact.linalg.EigenBounds;

/**
 * A finite distribution together with the certified spectral bounds that T2 needs.
 *
 * <p>Only {@link GateHypotheses#check} returns a value typed {@code @HypothesesChecked
 * GateInstance}: it does so after deciding (A1) symmetry exactly and (A2) {@code Sigma} positive
 * definite, and after certifying
 *
 * <pre>
 *   0 &lt; L &lt;= lambda_min(Sigma),   U &gt;= lambda_max(Sigma),   U4 &gt;= lambda_4 = lambda_max(E[||x||^2 x x'])
 * </pre>
 *
 * by exact bisection ({@link EigenBounds}). L, U and U4 are {@code @Rigorous}: proven bounds,
 * not estimates. The guarantee computations ({@link GateHypotheses#constants}, {@link
 * GateMath#contractionBound}, {@link GateMath#theoremBound}) accept only checked instances.
 */
public final class GateInstance extends CertifiedSpectrum<FiniteDistribution> {
  GateInstance(
      FiniteDistribution distribution,
      EigenBounds.Bracket sigmaMin,
      EigenBounds.Bracket sigmaMax,
      EigenBounds.Bracket lambda4) {
    super(distribution, sigmaMin, sigmaMax, lambda4);
  }
}
