package org.provablenets.gate;

import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.exact.linalg.EigenBounds;
import org.provablenets.qual.Rigorous;

/**
 * A distribution ({@link Moments}) together with the certified spectral bounds that T2 needs; the
 * finite ({@link GateInstance}) and the sampled ({@link SampledInstance}) instances differ only in
 * the type of their distribution:
 *
 * <pre>
 *   0 &lt; L &lt;= lambda_min(Sigma),   U &gt;= lambda_max(Sigma),   U4 &gt;= lambda_4 = lambda_max(E[||x||^2 x x'])
 * </pre>
 *
 * each the end of an exact bisection bracket ({@link EigenBounds}). The constructor is
 * package-private: only {@link GateHypotheses} makes instances, after certifying the brackets.
 */
public abstract class CertifiedSpectrum<D extends Moments> {
  private final D distribution;
  private final EigenBounds.Bracket sigmaMin;
  private final EigenBounds.Bracket sigmaMax;
  private final EigenBounds.Bracket lambda4;

  CertifiedSpectrum(
      D distribution,
      EigenBounds.Bracket sigmaMin,
      EigenBounds.Bracket sigmaMax,
      EigenBounds.Bracket lambda4) {
    this.distribution = distribution;
    this.sigmaMin = sigmaMin;
    this.sigmaMax = sigmaMax;
    this.lambda4 = lambda4;
  }

  /** The distribution whose hypotheses were checked. */
  public final D distribution() {
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

  /** The bracket {@code [lo, hi]} containing lambda_min(Sigma); its lower end is L. */
  public EigenBounds.Bracket lambdaMinBracket() {
    return sigmaMin;
  }

  /** The bracket containing lambda_max(Sigma); its upper end is U. */
  public EigenBounds.Bracket lambdaMaxBracket() {
    return sigmaMax;
  }

  /** The bracket containing lambda_4; its upper end is U4. */
  public EigenBounds.Bracket lambda4Bracket() {
    return lambda4;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + distribution.describe() + ", L="
        + Rationals.format(lambdaMinLower()) + ", U=" + Rationals.format(lambdaMaxUpper())
        + ", U4=" + Rationals.format(lambda4Upper()) + "]";
  }
}
