package org.provablenets.exact.qp;

import org.provablenets.exact.Rational;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.lp.LpStatus;

/**
 * The answer of a convex quadratic program with its witness:
 *
 * <ul>
 *   <li>{@link LpStatus#OPTIMAL}: x, multipliers {@code lambda >= 0} (one per row of G) and {@code
 *       mu} (one per row of E) with {@code Q x + c = G' lambda + E' mu}, complementary slackness
 *       {@code lambda_i (G x - h)_i = 0}, and the claimed value; these are the KKT conditions, which
 *       are sufficient for a convex program.
 *   <li>{@link LpStatus#INFEASIBLE}: a Farkas pair {@code (lambda >= 0, mu)} with {@code G' lambda
 *       + E' mu = 0} and {@code h' lambda + f' mu > 0}.
 *   <li>{@link LpStatus#UNBOUNDED}: a feasible x and a direction d with {@code Q d = 0}, {@code c' d
 *       < 0}, {@code G d >= 0}, {@code E d = 0}.
 * </ul>
 */
public final class QpResult {
  private final LpStatus status;
  private final Rational @Nullable [] x;
  private final Rational @Nullable [] lambda;
  private final Rational @Nullable [] mu;
  private final Rational @Nullable [] direction;
  private final @Nullable Rational value;

  private QpResult(
      LpStatus status,
      Rational @Nullable [] x,
      Rational @Nullable [] lambda,
      Rational @Nullable [] mu,
      Rational @Nullable [] direction,
      @Nullable Rational value) {
    this.status = status;
    this.x = x == null ? null : x.clone();
    this.lambda = lambda == null ? null : lambda.clone();
    this.mu = mu == null ? null : mu.clone();
    this.direction = direction == null ? null : direction.clone();
    this.value = value;
  }

  /** An optimal answer with its KKT multipliers. */
  public static QpResult optimal(
      Rational[] x, Rational[] lambda, Rational[] mu, Rational value) {
    return new QpResult(LpStatus.OPTIMAL, x, lambda, mu, null, value);
  }

  /** An infeasibility answer with its Farkas pair. */
  public static QpResult infeasible(Rational[] lambda, Rational[] mu) {
    return new QpResult(LpStatus.INFEASIBLE, null, lambda, mu, null, null);
  }

  /** An unboundedness answer: a feasible point and a recession direction. */
  public static QpResult unbounded(Rational[] x, Rational[] direction) {
    return new QpResult(LpStatus.UNBOUNDED, x, null, null, direction, null);
  }

  /** The status. */
  public LpStatus status() {
    return status;
  }

  /** The point x (OPTIMAL, UNBOUNDED), else {@code null}. */
  public Rational @Nullable [] x() {
    return x == null ? null : x.clone();
  }

  /** Multipliers of {@code G x >= h} (OPTIMAL, INFEASIBLE), else {@code null}. */
  public Rational @Nullable [] lambda() {
    return lambda == null ? null : lambda.clone();
  }

  /** Multipliers of {@code E x = f} (OPTIMAL, INFEASIBLE), else {@code null}. */
  public Rational @Nullable [] mu() {
    return mu == null ? null : mu.clone();
  }

  /** The recession direction (UNBOUNDED), else {@code null}. */
  public Rational @Nullable [] direction() {
    return direction == null ? null : direction.clone();
  }

  /** The claimed optimal value (OPTIMAL), else {@code null}. */
  public @Nullable Rational value() {
    return value;
  }
}
