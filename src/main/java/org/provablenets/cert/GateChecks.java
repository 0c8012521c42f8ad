package org.provablenets.cert;

import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.exact.linalg.Definiteness;
import org.provablenets.exact.linalg.QMatrix;
import org.provablenets.exact.linalg.QVectors;
import org.provablenets.gate.FiniteDistribution;
import org.provablenets.gate.GateConstants;
import org.provablenets.gate.GateHypotheses;
import org.provablenets.gate.GateInstance;
import org.provablenets.gate.GateMath;
import org.provablenets.qual.HypothesesChecked;

/**
 * Exact checks of the T2 statements on a finite distribution, collected into a {@link Verdict}
 * (used by the T2 section of the tour). Each check evaluates both sides exactly over the
 * rationals and records one condition, or the first failure with the amount.
 *
 * <p>These are checks by value of [derived] statements (see {@code proofs-notes/T2.md}), not a
 * certificate of a solver's answer: the certified bounds are re-verified independently ({@code
 * Sigma - L I}, {@code U I - Sigma}, {@code U4 I - E[||x||^2 xx']} positive semidefinite by exact
 * elimination), the other checks compare two exact computations.
 */
public final class GateChecks {
  private final Verdict verdict = new Verdict();

  /** An empty list of checks. */
  public GateChecks() {}

  /** The verdict so far. */
  public Verdict verdict() {
    return verdict;
  }

  /**
   * (A1) symmetry, and the certified bounds L, U, U4 re-verified: {@code L > 0}, and {@code Sigma
   * - L I}, {@code U I - Sigma} and {@code U4 I - E[||x||^2 xx']} are PSD.
   */
  public GateChecks hypotheses(@HypothesesChecked GateInstance inst) {
    FiniteDistribution dist = inst.distribution();
    Rational l = inst.lambdaMinLower();
    Rational u = inst.lambdaMaxUpper();
    Rational u4 = inst.lambda4Upper();
    if (!dist.isSymmetric()) {
      verdict.fail("(A1) fails: the distribution is not symmetric");
      return this;
    }
    QMatrix sigma = dist.sigma();
    boolean ok =
        l.signum() > 0
            && Definiteness.isPositiveSemidefinite(sigma.minusIdentity(l))
            && Definiteness.isPositiveSemidefinite(sigma.minusIdentity(u).scale(Rational.ONE.negate()))
            && Definiteness.isPositiveSemidefinite(
                dist.lambda4Matrix().minusIdentity(u4).scale(Rational.ONE.negate()));
    if (!ok) {
      verdict.fail("the certified bounds L = " + Rationals.format(l) + ", U = "
          + Rationals.format(u) + ", U4 = " + Rationals.format(u4) + " do not bound the spectra");
      return this;
    }
    verdict.pass("(A1) symmetric; 0 < L = " + Rationals.format(l) + " <= lambda_min(Sigma), U = "
        + Rationals.format(u) + " >= lambda_max(Sigma), U4 = " + Rationals.format(u4)
        + " >= lambda_4 (re-verified by exact elimination)");
    return this;
  }

  /** The symmetry lemma at w: {@code E[(ReLU(w*.x) - ReLU(w.x)) x] = (1/2) Sigma (w* - w)}. */
  public GateChecks lemma(FiniteDistribution dist, Rational[] wStar, Rational[] w) {
    Rational[] mean = GateMath.meanUpdate(dist, wStar, w);
    Rational[] half = GateMath.halfSigmaDelta(dist, wStar, w);
    Rational[] defect = QVectors.subtract(mean, half);
    if (QVectors.isZero(defect)) {
      verdict.pass("symmetry lemma at w = " + FiniteDistribution.format(w) + ": E[r x] = (1/2)"
          + " Sigma (w* - w) = " + FiniteDistribution.format(mean));
    } else {
      verdict.fail("symmetry lemma fails at w = " + FiniteDistribution.format(w) + ": E[r x] = "
          + FiniteDistribution.format(mean) + " but (1/2) Sigma (w* - w) = "
          + FiniteDistribution.format(half) + " (defect " + FiniteDistribution.format(defect)
          + ")");
    }
    return this;
  }

  /** The one-step identity at w: the direct expectation over all n^b batches equals the formula. */
  public GateChecks identity(
      FiniteDistribution dist, Rational[] wStar, Rational[] w, Rational eta, int b) {
    Rational direct = GateMath.expectedSquaredDistanceDirect(dist, wStar, w, eta, b);
    Rational formula = GateMath.expectedSquaredDistanceIdentity(dist, wStar, w, eta, b);
    if (direct.equals(formula)) {
      verdict.pass("one-step identity at b = " + b + ": E||w' - w*||^2 = "
          + Rationals.format(direct) + " directly (" + dist.size() + "^" + b
          + " batches) and by the identity");
    } else {
      verdict.fail("one-step identity fails at b = " + b + ": directly "
          + Rationals.format(direct) + ", by the identity " + Rationals.format(formula)
          + " (difference " + Rationals.format(direct.subtract(formula)) + ")");
    }
    return this;
  }

  /** The contraction inequality: {@code E||w' - w*||^2 <= (1 - eta L + eta^2 c_b) ||w - w*||^2}. */
  public GateChecks contraction(
      @HypothesesChecked GateInstance inst, Rational[] wStar, Rational[] w, Rational eta, int b) {
    Rational direct =
        GateMath.expectedSquaredDistanceDirect(inst.distribution(), wStar, w, eta, b);
    Rational bound = GateMath.contractionBound(inst, wStar, w, eta, b);
    if (direct.compareTo(bound) <= 0) {
      verdict.pass("contraction at b = " + b + ": " + Rationals.format(direct) + " <= "
          + Rationals.format(bound));
    } else {
      verdict.fail("contraction fails at b = " + b + ": E||w' - w*||^2 = "
          + Rationals.format(direct) + " exceeds the bound " + Rationals.format(bound) + " by "
          + Rationals.format(direct.subtract(bound)));
    }
    return this;
  }

  /**
   * The theorem by path enumeration: {@code E||w_{T+1} - w*||^2 <= rho_b^T ||w*||^2} for T = 1
   * .. horizon, with the theorem's step, from {@code w_1 = 0}.
   */
  public GateChecks theorem(
      @HypothesesChecked GateInstance inst, Rational[] wStar, int b, int horizon) {
    GateConstants c = GateHypotheses.constants(inst, b);
    for (int t = 1; t <= horizon; t++) {
      Rational e = GateMath.pathExpectation(inst.distribution(), wStar, c.eta(), b, t);
      Rational bound = GateMath.theoremBound(inst, wStar, b, t);
      if (e.compareTo(bound) > 0) {
        verdict.fail("theorem fails at T = " + t + ": E||w_{T+1} - w*||^2 = "
            + Rationals.format(e) + " exceeds rho^T ||w*||^2 = " + Rationals.format(bound));
        return this;
      }
    }
    verdict.pass("theorem by enumerating every sample path, T = 1.." + horizon
        + ": E||w_{T+1} - w*||^2 <= rho^T ||w*||^2");
    return this;
  }

  /**
   * The falsifier: on a distribution without (A1) the lemma fails at w, i.e. the defect {@code
   * E[r x] - (1/2) Sigma (w* - w)} is non-zero. Passes when the lemma fails.
   */
  public GateChecks lemmaFailsWithoutSymmetry(
      FiniteDistribution dist, Rational[] wStar, Rational[] w) {
    Rational[] defect =
        QVectors.subtract(
            GateMath.meanUpdate(dist, wStar, w), GateMath.halfSigmaDelta(dist, wStar, w));
    if (dist.isSymmetric()) {
      verdict.fail("the control distribution is symmetric, so it cannot show the lemma failing");
    } else if (QVectors.isZero(defect)) {
      verdict.fail("the lemma holds on the asymmetric control at w = "
          + FiniteDistribution.format(w) + ", so it does not show the failure");
    } else {
      verdict.pass("without (A1) the lemma fails: defect " + FiniteDistribution.format(defect)
          + " at w = " + FiniteDistribution.format(w));
    }
    return this;
  }
}
