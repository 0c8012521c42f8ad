package org.provablenets.gate;

import org.provablenets.exact.Rational;
import org.provablenets.exact.linalg.EigenBounds;
import org.provablenets.qual.Rigorous;

/**
 * The certified spectral bounds that T2 needs, shared by the finite ({@link GateInstance}) and the
 * sampled ({@link SampledInstance}) instances:
 *
 * <pre>
 *   0 &lt; L &lt;= lambda_min(Sigma),   U &gt;= lambda_max(Sigma),   U4 &gt;= lambda_4 = lambda_max(E[||x||^2 x x'])
 * </pre>
 *
 * each the end of an exact bisection bracket ({@link EigenBounds}). The constructor is
 * package-private: only {@link GateHypotheses} makes instances, after certifying the brackets.
 */
public abstract class CertifiedSpectrum {
  private final EigenBounds.Bracket sigmaMin;
  private final EigenBounds.Bracket sigmaMax;
  private final EigenBounds.Bracket lambda4;

  CertifiedSpectrum(
      EigenBounds.Bracket sigmaMin, EigenBounds.Bracket sigmaMax, EigenBounds.Bracket lambda4) {
    this.sigmaMin = sigmaMin;
    this.sigmaMax = sigmaMax;
    this.lambda4 = lambda4;
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
}
