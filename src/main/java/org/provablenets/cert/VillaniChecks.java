package org.provablenets.cert;

import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.qual.HypothesesChecked;
import org.provablenets.villani.Activation;
import org.provablenets.exact.enclosure.Interval;
import org.provablenets.villani.RegularisedLoss;
import org.provablenets.villani.TrainingData;
import org.provablenets.villani.VillaniChecker;
import org.provablenets.villani.VillaniConditionException;
import org.provablenets.villani.VillaniInstance;

/**
 * Checks of the T3 statements for one instance, collected into a {@link Verdict} (used by the T3
 * section of the tour): the radius certificate of condition 4 re-verified in exact arithmetic, a
 * rigorous enclosure of the Villani quantity at a W outside the radius, and the refusal of the
 * unregularised loss. These are checks of [derived] statements ({@code proofs-notes/T3.md}).
 */
public final class VillaniChecks {
  private final Verdict verdict = new Verdict();

  /** An empty list of checks. */
  public VillaniChecks() {}

  /** The verdict so far. */
  public Verdict verdict() {
    return verdict;
  }

  /**
   * Conditions 2-4 of a checked instance: {@code lambda > 0} (confinement and integrability), and
   * the radius certificate {@code (statement, r_m, R)} re-verified by {@link
   * VillaniChecker#verifyRadius} with exact arithmetic.
   */
  public VillaniChecks instance(@HypothesesChecked VillaniInstance inst) {
    Rational lambda = inst.loss().lambda();
    if (lambda.signum() <= 0) {
      verdict.fail("(2) lambda = " + Rationals.format(lambda) + " is not > 0");
      return this;
    }
    verdict.pass("(2), (3) confinement and integrability: lambda = " + Rationals.format(lambda)
        + " > 0");
    String failure =
        VillaniChecker.verifyRadius(
            inst.statement(), inst.constants(), lambda, inst.s(), inst.level(),
            inst.monotoneFrom(), inst.radius());
    if (failure != null) {
      verdict.fail("(4) the radius certificate is rejected: " + failure);
      return this;
    }
    verdict.pass("(4) the radius certificate R(M) re-verified exactly (" + inst.statement() + ")");
    return this;
  }

  /**
   * The guarantee of condition 4 at one W with {@code ||W||_F >= R}: the lower end of a rigorous
   * enclosure of {@code V_s(W)} is {@code >= M}.
   */
  public VillaniChecks enclosureAtLeastLevel(
      @HypothesesChecked VillaniInstance inst, Rational[][] w, long precision) {
    Rational norm2 = RegularisedLoss.frobeniusSquared(w);
    Rational r2 = inst.radius().multiply(inst.radius());
    if (norm2.compareTo(r2) < 0) {
      verdict.fail("||W||_F^2 = " + Rationals.format(norm2) + " < R^2: W is inside the radius");
      return this;
    }
    Interval v = VillaniChecker.confirmAt(inst, w, precision).villani();
    if (!v.certainlyAtLeast(inst.level())) {
      verdict.fail("the enclosure " + v + " of V_s(W) at ||W|| >= R is not >= M = "
          + Rationals.format(inst.level()));
      return this;
    }
    verdict.pass("V_s(W) >= M at a W with ||W||_F >= R (rigorous enclosure)");
    return this;
  }

  /** The unregularised loss (lambda = 0) is refused by the checker. */
  public VillaniChecks refusesLambdaZero(
      TrainingData data, Rational[] a, Activation act, Rational s, Rational m) {
    try {
      VillaniChecker.check(data, a, Rational.ZERO, act, s, m);
      verdict.fail("the checker accepted lambda = 0");
    } catch (VillaniConditionException e) {
      verdict.pass("lambda = 0 refused: condition " + e.condition() + " is not established");
    }
    return this;
  }
}
