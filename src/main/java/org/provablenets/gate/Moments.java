package org.provablenets.gate;

import java.util.SplittableRandom;
import org.provablenets.exact.Rational;
import org.provablenets.exact.linalg.QMatrix;

/**
 * The input distribution of T2 as the theorem uses it: the exact moments that the hypotheses and
 * the [derived] constants need, and a sampler for the {@code double} runs. Both kinds of
 * distribution provide it: a finite support ({@link FiniteDistribution}, every moment an exact
 * finite sum) and a sampled family ({@link SampledDistribution}, every moment an exact closed
 * form). So the hypothesis checker ({@link GateHypotheses#check}), the constants ({@link
 * GateHypotheses#constants}), the poisoning bounds ({@link GatePoisoning}), the Monte Carlo
 * ({@link GateMonteCarlo}) and the run service ({@link GateRun}) are written once, against this
 * interface.
 *
 * <p>The exact moments are rationals, never estimates; the sampler draws in {@code double} (an
 * estimate of the law) from a seeded {@link SplittableRandom}.
 */
public interface Moments {
  /** The dimension d. */
  int dimension();

  /** {@code Sigma = E[x x']}, exact. */
  QMatrix sigma();

  /** {@code E[||x||^2 x x']}, exact; lambda_4 is its largest eigenvalue. */
  QMatrix lambda4Matrix();

  /** {@code m_2 = E||x||^2}, exact. */
  Rational m2();

  /** (A1): whether x and -x have the same law (decided exactly, or by construction). */
  boolean isSymmetric();

  /** A short description, e.g. {@code N(0, S), d = 3} or {@code n = 6, d = 2}. */
  String describe();

  /**
   * A sampler of x in {@code double}: a finite support draws a uniform index ({@code
   * nextInt(n)}) and copies that point (each coordinate the nearest double), a sampled family
   * draws from its law. Cost: O(n d) to make, O(d) (O(d^2) for a correlated family) per draw.
   */
  Sampler sampler();

  /** Draws one x in {@code double}. */
  interface Sampler {
    /** Draws one x into {@code out} (length d), consuming draws from {@code rng}. */
    void draw(SplittableRandom rng, double[] out);
  }
}
