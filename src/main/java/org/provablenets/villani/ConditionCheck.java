package org.provablenets.villani;

import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.qual.HypothesesChecked;

/**
 * The operation behind {@code villani check}: the derived constants and the four Villani
 * conditions of one loss, with the certified radius R(M) of condition 4 ({@link
 * VillaniChecker#check}), or the condition that could not be established.
 *
 * <p><b>Cost.</b> That of {@link VillaniChecker#check}: O(n d + p) exact operations for the
 * constants and a few hundred exact evaluations of the radius bound.
 */
public final class ConditionCheck {
  /** The names of conditions 1-4, in order. */
  public static final List<String> NAMES =
      List.of("C^infinity", "confinement", "integrability", "V_s -> infinity (certified radius)");

  private ConditionCheck() {}

  /**
   * The outcome: the settings, the constants, and either the checked instance or the failure
   * (exactly one of the two is non-null).
   */
  public record Result(
      TrainingData data,
      Rational[] outer,
      Activation activation,
      Rational lambda,
      Rational s,
      Rational m,
      VillaniConstants constants,
      @Nullable @HypothesesChecked VillaniInstance instance,
      @Nullable VillaniConditionException failure) {
    /**
     * Whether condition k (1-4) holds: all hold without a failure; otherwise those before the
     * failed one, and (1), which is structural.
     */
    public boolean holds(int k) {
      return failure == null || k < failure.condition() || k == 1;
    }

    /** The failure's sentence, or the empty string when every condition holds. */
    public String failureMessage() {
      return failure == null ? "" : String.valueOf(failure.getMessage());
    }
  }

  /** Derives the constants and checks the conditions at level M. */
  public static Result run(
      TrainingData data, Rational[] a, Rational lambda, Activation act, Rational s, Rational m) {
    VillaniConstants c = VillaniChecker.constants(data, a, act);
    @Nullable @HypothesesChecked VillaniInstance inst = null;
    @Nullable VillaniConditionException failure = null;
    try {
      inst = VillaniChecker.check(data, a, lambda, act, s, m);
    } catch (VillaniConditionException e) {
      failure = e;
    }
    return new Result(data, a, act, lambda, s, m, c, inst, failure);
  }
}
