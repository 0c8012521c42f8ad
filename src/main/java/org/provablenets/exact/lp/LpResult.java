package org.provablenets.exact.lp;

import org.provablenets.exact.Rational;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The answer of a linear program together with its witness. What each status carries:
 *
 * <ul>
 *   <li>{@link LpStatus#OPTIMAL}: a primal point x, a dual vector y (one entry per constraint, with
 *       {@code y_i >= 0} for {@code >=}, {@code y_i <= 0} for {@code <=}, free for {@code =}), and
 *       the claimed optimal value {@code c' x}. Reduced costs {@code r = c - A' y} are zero on free
 *       variables and {@code >= 0} on bounded ones, and the dual value {@code b' y + sum_j l_j r_j}
 *       equals {@code c' x}: weak duality then proves optimality.
 *   <li>{@link LpStatus#INFEASIBLE}: a Farkas vector y with the same sign pattern, {@code r = -A'y}
 *       zero on free and {@code >= 0} on bounded variables, and {@code b' y + sum_j l_j r_j > 0}.
 *   <li>{@link LpStatus#UNBOUNDED}: a feasible x and a ray d with {@code A_i d REL_i 0}, {@code d_j
 *       >= 0} on bounded variables and {@code c' d < 0}.
 * </ul>
 *
 * <p>The solver fills these; {@code org.provablenets.cert.CertificateChecker} verifies them.
 */
public final class LpResult {
  private final LpStatus status;
  private final Rational @Nullable [] x;
  private final Rational @Nullable [] y;
  private final Rational @Nullable [] ray;
  private final @Nullable Rational value;

  private LpResult(
      LpStatus status,
      Rational @Nullable [] x,
      Rational @Nullable [] y,
      Rational @Nullable [] ray,
      @Nullable Rational value) {
    this.status = status;
    this.x = x == null ? null : x.clone();
    this.y = y == null ? null : y.clone();
    this.ray = ray == null ? null : ray.clone();
    this.value = value;
  }

  /** An optimal answer: primal x, dual y and the claimed value. */
  public static LpResult optimal(Rational[] x, Rational[] y, Rational value) {
    return new LpResult(LpStatus.OPTIMAL, x, y, null, value);
  }

  /** An infeasibility answer with its Farkas vector. */
  public static LpResult infeasible(Rational[] farkas) {
    return new LpResult(LpStatus.INFEASIBLE, null, farkas, null, null);
  }

  /** An unboundedness answer: a feasible point and an improving ray. */
  public static LpResult unbounded(Rational[] x, Rational[] ray) {
    return new LpResult(LpStatus.UNBOUNDED, x, null, ray, null);
  }

  /** The status. */
  public LpStatus status() {
    return status;
  }

  /** The primal point (OPTIMAL, UNBOUNDED), else {@code null}. */
  public Rational @Nullable [] x() {
    return x == null ? null : x.clone();
  }

  /** The dual vector (OPTIMAL) or Farkas vector (INFEASIBLE), else {@code null}. */
  public Rational @Nullable [] y() {
    return y == null ? null : y.clone();
  }

  /** The improving ray (UNBOUNDED), else {@code null}. */
  public Rational @Nullable [] ray() {
    return ray == null ? null : ray.clone();
  }

  /** The claimed optimal value (OPTIMAL), else {@code null}. */
  public @Nullable Rational value() {
    return value;
  }
}
