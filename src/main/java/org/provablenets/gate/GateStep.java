package org.provablenets.gate;

import java.math.BigInteger;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.linalg.QVectors;
import org.provablenets.qual.HypothesesChecked;

/**
 * One step of the iteration from a given w on a finite support, every quantity exact (what {@code
 * provnets gate step} calls): the symmetry lemma {@code E[r(x) x] = (1/2) Sigma (w* - w)}, the
 * expectation {@code E||w' - w*||^2} directly over all {@code n^b} ordered batches and by the
 * one-step identity, and, when the hypotheses hold, the certified contraction bound {@code (1 -
 * eta L + eta^2 c_b) ||w - w*||^2} ({@link GateMath}). Each statement is [derived]; the record
 * says whether it holds here, by exact comparison.
 *
 * <p><b>Cost.</b> O(n^b b d) rational operations for the direct expectation ({@link #batches}
 * says n^b; the caller refuses above a budget), O(n d^2) for the rest.
 *
 * @param delta {@code w - w*}
 * @param meanUpdate {@code E[(ReLU(w*.x) - ReLU(w.x)) x]}
 * @param halfSigmaDelta {@code (1/2) Sigma (w* - w)}
 * @param defect {@code meanUpdate - halfSigmaDelta} (zero under (A1))
 * @param direct {@code E||w' - w*||^2} over all ordered batches
 * @param identity the one-step identity's value
 * @param batches {@code n^b}
 * @param factor {@code q(eta) = 1 - eta L + eta^2 c_b}, or {@code null} without the hypotheses
 * @param bound {@code q(eta) ||w - w*||^2}, or {@code null} without the hypotheses
 */
public record GateStep(Rational[] wStar, Rational[] w, Rational[] delta, Rational eta, int batch,
    Rational[] meanUpdate, Rational[] halfSigmaDelta, Rational[] defect, Rational direct,
    Rational identity, long batches, @Nullable Rational factor, @Nullable Rational bound) {

  /** {@code n^b}, the number of ordered batches the direct expectation enumerates. */
  public static BigInteger batches(FiniteDistribution dist, int b) {
    return BigInteger.valueOf(dist.size()).pow(b);
  }

  /**
   * Computes the step.
   *
   * @throws IllegalArgumentException if {@code n^b} exceeds {@link GateMath#DEFAULT_BUDGET}, or
   *     the dimensions differ
   */
  public static GateStep of(
      GateAssessment<FiniteDistribution> setup, Rational[] wStar, Rational[] w, Rational eta,
      int b) {
    FiniteDistribution dist = setup.distribution();
    Rational[] mean = GateMath.meanUpdate(dist, wStar, w);
    Rational[] half = GateMath.halfSigmaDelta(dist, wStar, w);
    Rational direct = GateMath.expectedSquaredDistanceDirect(dist, wStar, w, eta, b);
    long count = batches(dist, b).longValueExact();
    Rational identity = GateMath.expectedSquaredDistanceIdentity(dist, wStar, w, eta, b);
    @Nullable @HypothesesChecked CertifiedSpectrum<FiniteDistribution> inst = setup.instance();
    GateConstants c = setup.constants(b);
    @Nullable Rational factor = null;
    @Nullable Rational bound = null;
    if (inst != null && c != null) {
      factor = c.factor(eta);
      bound = GateMath.contractionBound(inst, wStar, w, eta, b);
    }
    return new GateStep(wStar, w, QVectors.subtract(w, wStar), eta, b, mean, half,
        QVectors.subtract(mean, half), direct, identity, count, factor, bound);
  }

  /** {@code ||w - w*||^2}. */
  public Rational deltaNormSquared() {
    return QVectors.normSquared(delta);
  }

  /** Whether the symmetry lemma holds at w (the defect is zero). */
  public boolean lemmaHolds() {
    return QVectors.isZero(defect);
  }

  /** Whether the direct expectation equals the identity's value. */
  public boolean identityHolds() {
    return direct.equals(identity);
  }

  /** {@code direct - identity}. */
  public Rational identityDifference() {
    return direct.subtract(identity);
  }

  /** Whether the factor q(eta) is below 1 (the step contracts), or {@code null} without one. */
  public @Nullable Boolean contracts() {
    Rational q = factor;
    return q == null ? null : q.compareTo(Rational.ONE) < 0;
  }

  /** {@code E||w' - w*||^2 - bound} (positive when the contraction fails), or {@code null}. */
  public @Nullable Rational contractionExcess() {
    Rational bd = bound;
    return bd == null ? null : direct.subtract(bd);
  }

  /** Whether {@code E||w' - w*||^2 <= bound}, or {@code null} without the hypotheses. */
  public @Nullable Boolean contractionHolds() {
    Rational bd = bound;
    return bd == null ? null : direct.compareTo(bd) <= 0;
  }
}
