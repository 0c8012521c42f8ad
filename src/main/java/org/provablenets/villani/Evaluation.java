package org.provablenets.villani;

import org.provablenets.exact.Rational;
import org.provablenets.exact.enclosure.Interval;

/**
 * The operation behind {@code villani eval}: at one W, apfloat estimates of the loss, its
 * gradient, Laplacian and Villani quantity to the requested digits, rigorous enclosures of the same
 * ({@link RegularisedLoss#estimate}, {@link RegularisedLoss#enclose}) and {@code ||W||_F^2}.
 *
 * <p><b>Cost.</b> O(n p d) operations and 2 n p activation evaluations at about {@code precision}
 * digits.
 *
 * @param normSquared {@code ||W||_F^2}, exact
 * @param estimate estimates to {@code precision} digits (not bounds)
 * @param enclosure enclosures at {@code max(precision, Interval.MIN_PRECISION)} digits (proven)
 * @param precision the requested digits
 */
public record Evaluation(
    Rational normSquared,
    RegularisedLoss.LossEstimate estimate,
    RegularisedLoss.LossEnclosure enclosure,
    int precision) {
  /** Evaluates the loss at W with learning rate s. */
  public static Evaluation at(RegularisedLoss loss, Rational[][] w, Rational s, int precision) {
    RegularisedLoss.LossEstimate est = loss.estimate(w, s, precision);
    RegularisedLoss.LossEnclosure enc =
        loss.enclose(w, s, Math.max(precision, Interval.MIN_PRECISION));
    return new Evaluation(RegularisedLoss.frobeniusSquared(w), est, enc, precision);
  }
}
