package org.provablenets.gate;

import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.exact.linalg.Definiteness;
import org.provablenets.exact.linalg.EigenBounds;
import org.provablenets.exact.linalg.QMatrix;
import org.provablenets.exact.linalg.QVectors;
import org.provablenets.qual.HypothesesChecked;

/**
 * The hypothesis checker of T2: the only producer of a {@code @HypothesesChecked GateInstance}.
 *
 * <p>It checks, exactly, for a finite distribution:
 *
 * <ol>
 *   <li>(A1) parity symmetry: x and -x have the same mass, for every support point ({@link
 *       FiniteDistribution#isSymmetric});
 *   <li>(A2) {@code Sigma = E[x x']} positive definite, decided by exact symmetric elimination
 *       ({@link Definiteness}); if not, a non-zero v with {@code v' Sigma v = 0} is the witness
 *       (Sigma is a Gram matrix, hence PSD, so a non-positive direction is a null direction and all
 *       support points lie on the hyperplane {@code v . x = 0});
 *   <li>certified bounds {@code 0 < L <= lambda_min(Sigma)}, {@code U >= lambda_max(Sigma)},
 *       {@code U4 >= lambda_4}, by exact bisection ({@link EigenBounds}) to the requested bracket
 *       width. If the lower end of the lambda_min bracket is not positive (the width exceeds
 *       lambda_min), the width is halved until it is: this terminates because lambda_min &gt; 0
 *       is already decided and the lower end is {@code >= lambda_min - width}.
 * </ol>
 *
 * (A3) lambda_4 finite and (A4) m_2 finite hold for every finite distribution.
 *
 * <p>The constants {@link #constants} are [derived] (see {@link GateConstants} and {@code
 * proofs-notes/T2.md}), not the paper's printed constants.
 *
 * <p><b>Cost.</b> O(n d^2) for the moments, O(n d) for symmetry, O(d^3 log(range / width)) for
 * each bracket.
 */
public final class GateHypotheses {
  private GateHypotheses() {}

  /**
   * The spectral bounds of a distribution, without any hypothesis check (the CLI reports them also
   * for asymmetric input). Every bound is proven.
   */
  public static final class SpectralBounds {
    private final EigenBounds.Bracket sigmaMin;
    private final EigenBounds.Bracket sigmaMax;
    private final EigenBounds.Bracket lambda4;
    private final Rational @Nullable [] nullDirection;

    SpectralBounds(
        EigenBounds.Bracket sigmaMin,
        EigenBounds.Bracket sigmaMax,
        EigenBounds.Bracket lambda4,
        Rational @Nullable [] nullDirection) {
      this.sigmaMin = sigmaMin;
      this.sigmaMax = sigmaMax;
      this.lambda4 = lambda4;
      this.nullDirection = nullDirection;
    }

    /** A bracket for lambda_min(Sigma); its lower end is positive iff Sigma is definite. */
    public EigenBounds.Bracket lambdaMin() {
      return sigmaMin;
    }

    /** A bracket for lambda_max(Sigma). */
    public EigenBounds.Bracket lambdaMax() {
      return sigmaMax;
    }

    /** A bracket for lambda_4 = lambda_max(E[||x||^2 x x']). */
    public EigenBounds.Bracket lambda4() {
      return lambda4;
    }

    /** A non-zero v with {@code v' Sigma v = 0}, or {@code null} if Sigma is positive definite. */
    public Rational @Nullable [] nullDirection() {
      return nullDirection == null ? null : nullDirection.clone();
    }

    /** Whether Sigma is positive definite (decided exactly). */
    public boolean sigmaPositiveDefinite() {
      return nullDirection == null;
    }
  }

  /**
   * Certified brackets for lambda_min(Sigma), lambda_max(Sigma) and lambda_4 of a distribution's
   * exact moments (a finite support's sums or a sampled family's closed forms), each of width at
   * most {@code width}; when Sigma is positive definite the lambda_min bracket is refined (width
   * halved) until its lower end is positive.
   *
   * @throws IllegalArgumentException if width is not positive
   */
  public static SpectralBounds spectralBounds(Moments dist, Rational width) {
    if (width.signum() <= 0) {
      throw new IllegalArgumentException(
          "bracket width must be positive, got " + Rationals.format(width));
    }
    QMatrix sigma = dist.sigma();
    Rational[] nullDirection = Definiteness.nonPositiveDirection(sigma);
    EigenBounds.Bracket min = EigenBounds.lambdaMin(sigma, width);
    if (nullDirection == null) {
      Rational w = width;
      while (min.lower().signum() <= 0) {
        w = w.divide(2);
        min = EigenBounds.lambdaMin(sigma, w);
      }
    }
    EigenBounds.Bracket max = EigenBounds.lambdaMax(sigma, width);
    EigenBounds.Bracket l4 = EigenBounds.lambdaMax(dist.lambda4Matrix(), width);
    return new SpectralBounds(min, max, l4, nullDirection);
  }

  /**
   * Checks (A1) and (A2) and certifies L, U, U4.
   *
   * @param dist the finite distribution
   * @param width the largest allowed width of each eigenvalue bracket (positive)
   * @return the instance, typed {@code @HypothesesChecked}
   * @throws HypothesisFailedException naming every failed hypothesis, by how much, with a witness
   * @throws IllegalArgumentException if width is not positive
   */
  public static @HypothesesChecked GateInstance check(FiniteDistribution dist, Rational width) {
    List<HypothesisFailedException.Failure> failures = new ArrayList<>();
    Rational[] asym = dist.asymmetryWitness();
    if (asym != null) {
      Rational[] neg = QVectors.negate(asym);
      failures.add(
          new HypothesisFailedException.Failure(
              "A1",
              "not symmetric: point " + FiniteDistribution.format(asym) + " has mass "
                  + Rationals.format(dist.mass(asym)) + " but its negation "
                  + FiniteDistribution.format(neg) + " has mass "
                  + Rationals.format(dist.mass(neg)),
              asym));
    }
    SpectralBounds sb =
        certify(dist, width, failures,
            "so every support point lies on the hyperplane v.x = 0 and lambda_min(Sigma) = 0");
    return mint(new GateInstance(dist, sb.lambdaMin(), sb.lambdaMax(), sb.lambda4()));
  }

  /**
   * Checks the hypotheses of a sampled family and certifies L, U, U4 on its exact closed-form
   * moments ([derived], see {@link SampledDistribution}). (A1) holds by construction for every
   * family except the shifted Gaussian with {@code mu != 0}, which fails it (the control); (A2) is
   * decided exactly on the closed-form Sigma.
   *
   * @throws HypothesisFailedException naming every failed hypothesis, with a witness
   * @throws IllegalArgumentException if width is not positive
   */
  public static @HypothesesChecked SampledInstance checkSampled(
      SampledDistribution dist, Rational width) {
    List<HypothesisFailedException.Failure> failures = new ArrayList<>();
    if (!dist.isSymmetric()) {
      Rational[] mu = dist.mean();
      failures.add(
          new HypothesisFailedException.Failure(
              "A1",
              "not symmetric by construction: " + dist.describe() + " has mean E[x] = "
                  + FiniteDistribution.format(mu) + " while -x has mean "
                  + FiniteDistribution.format(QVectors.negate(mu)),
              mu));
    }
    SpectralBounds sb =
        certify(dist, width, failures, "so x.v = 0 almost surely and lambda_min(Sigma) = 0");
    return mintSampled(
        new SampledInstance(dist, sb.lambdaMin(), sb.lambdaMax(), sb.lambda4()));
  }

  /**
   * (A2) and the brackets, the same for every distribution: the spectral bounds, or every failure
   * so far (the (A1) failure passed in, and (A2) with its null direction v, {@code v'Sigma v} and
   * {@code consequence}) thrown together.
   */
  private static SpectralBounds certify(
      Moments dist,
      Rational width,
      List<HypothesisFailedException.Failure> failures,
      String consequence) {
    SpectralBounds sb = spectralBounds(dist, width);
    Rational[] v = sb.nullDirection();
    if (v != null) {
      Rational q = Definiteness.quadraticForm(dist.sigma(), v);
      failures.add(
          new HypothesisFailedException.Failure(
              "A2",
              "Sigma is singular: v'Sigma v = " + Rationals.format(q) + " for v = "
                  + FiniteDistribution.format(v) + ", " + consequence,
              v));
    }
    if (!failures.isEmpty()) {
      throw new HypothesisFailedException(failures);
    }
    return sb;
  }

  /** Mints a checked sampled instance: called only from checkSampled after every check passed. */
  @SuppressWarnings("cast.unsafe") // (A1) by construction, (A2) exact, L > 0 in checkSampled()
  private static @HypothesesChecked SampledInstance mintSampled(SampledInstance checked) {
    requirePositiveLower(checked);
    return (@HypothesesChecked SampledInstance) checked;
  }

  /** The one place that mints {@code @HypothesesChecked}: called only after every check passed. */
  @SuppressWarnings("cast.unsafe") // (A1), (A2) decided exactly and L > 0 certified in check()
  private static @HypothesesChecked GateInstance mint(GateInstance checked) {
    requirePositiveLower(checked);
    return (@HypothesesChecked GateInstance) checked;
  }

  private static void requirePositiveLower(CertifiedSpectrum<?> checked) {
    if (checked.lambdaMinLower().signum() <= 0) {
      throw new AssertionError("L must be positive once Sigma is definite: a bug");
    }
  }

  /**
   * The [derived] constants for batch size b from the certified bounds of a checked instance,
   * finite or sampled: {@code c_b = U4/b + (1 - 1/b) U^2/4}, {@code eta = L/(2 c_b)}, {@code rho_b
   * = 1 - L^2/(4 c_b)} (see {@link GateConstants} for why certified bounds keep them valid).
   *
   * @throws IllegalArgumentException if b &lt; 1
   */
  public static GateConstants constants(@HypothesesChecked CertifiedSpectrum<?> inst, int b) {
    return GateConstants.of(inst.lambdaMinLower(), inst.lambdaMaxUpper(), inst.lambda4Upper(), b);
  }
}
