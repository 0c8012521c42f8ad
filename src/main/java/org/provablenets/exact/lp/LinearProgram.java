package org.provablenets.exact.lp;

import org.provablenets.exact.Rational;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.linalg.QMatrix;
import org.provablenets.exact.linalg.QVectors;

/**
 * A linear program over the rationals:
 *
 * <pre>
 *   minimise    c' x
 *   subject to  A_i x  REL_i  b_i        (i = 1..m, REL_i one of &lt;=, =, &gt;=)
 *               x_j &gt;= l_j             for each j with a lower bound; the other x_j are free.
 * </pre>
 *
 * <p>Immutable; dimensions are checked at construction.
 */
public final class LinearProgram {
  private final QMatrix a;
  private final Relation[] relations;
  private final Rational[] b;
  private final Rational[] c;
  private final @Nullable Rational[] lower;

  /**
   * @param c objective, length n
   * @param a constraint matrix, m x n
   * @param relations m relations
   * @param b right-hand sides, length m
   * @param lower lower bounds, length n; a {@code null} entry marks a free variable
   * @throws IllegalArgumentException on a dimension mismatch
   */
  public LinearProgram(
      Rational[] c,
      QMatrix a,
      Relation[] relations,
      Rational[] b,
      @Nullable Rational[] lower) {
    int n = c.length;
    int m = a.rows();
    if (a.cols() != n) {
      throw new IllegalArgumentException(
          "the objective has " + n + " coefficients but the constraint matrix has " + a.cols()
              + " columns");
    }
    if (relations.length != m || b.length != m) {
      throw new IllegalArgumentException(
          "the constraint matrix has " + m + " rows but there are " + relations.length
              + " relations and " + b.length + " right-hand sides");
    }
    if (lower.length != n) {
      throw new IllegalArgumentException(
          "there are " + n + " variables but " + lower.length + " lower-bound entries");
    }
    this.c = c.clone();
    this.a = a;
    this.relations = relations.clone();
    this.b = b.clone();
    this.lower = lower.clone();
  }

  /** A program whose variables are all bounded below by zero. */
  public static LinearProgram nonNegative(
      Rational[] c, QMatrix a, Relation[] relations, Rational[] b) {
    return new LinearProgram(c, a, relations, b, QVectors.zeros(c.length));
  }

  /** Number of variables n. */
  public int variables() {
    return c.length;
  }

  /** Number of constraints m. */
  public int constraints() {
    return a.rows();
  }

  /** The constraint matrix A. */
  public QMatrix a() {
    return a;
  }

  /** Relation of constraint i. */
  public Relation relation(int i) {
    return relations[i];
  }

  /** Right-hand side of constraint i. */
  public Rational b(int i) {
    return b[i];
  }

  /** A copy of the right-hand sides. */
  public Rational[] b() {
    return b.clone();
  }

  /** A copy of the objective. */
  public Rational[] c() {
    return c.clone();
  }

  /** Lower bound of variable j, or {@code null} if it is free. */
  public @Nullable Rational lower(int j) {
    return lower[j];
  }

  /** The objective value {@code c' x}. */
  public Rational objective(Rational[] x) {
    return QVectors.dot(c, x);
  }
}
