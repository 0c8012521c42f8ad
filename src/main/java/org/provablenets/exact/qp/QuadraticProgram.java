package org.provablenets.exact.qp;

import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.linalg.Definiteness;
import org.provablenets.exact.linalg.QMatrix;
import org.provablenets.exact.linalg.QVectors;

/**
 * A convex quadratic program over the rationals:
 *
 * <pre>
 *   minimise    1/2 x' Q x + c' x + k
 *   subject to  G x &gt;= h,   E x = f
 * </pre>
 *
 * <p>with Q symmetric positive semidefinite (checked exactly at construction; singular Q is
 * allowed). Immutable.
 */
public final class QuadraticProgram {
  private final QMatrix q;
  private final Rational[] c;
  private final Rational k;
  private final QMatrix g;
  private final Rational[] h;
  private final QMatrix e;
  private final Rational[] f;

  /**
   * @throws IllegalArgumentException on a dimension mismatch, or if Q is not symmetric positive
   *     semidefinite (the message then gives a vector v with v'Qv &lt; 0)
   */
  public QuadraticProgram(
      QMatrix q, Rational[] c, Rational k, QMatrix g, Rational[] h, QMatrix e,
      Rational[] f) {
    this(q, c, k, g, h, e, f, true);
  }

  /**
   * The program with {@code Q = s A'A} for a matrix A and a scalar {@code s >= 0}: symmetric and
   * positive semidefinite by construction ({@code x'Qx = s |Ax|^2 >= 0}), so the exact
   * definiteness test of the general constructor is skipped. Least squares ({@code s |Ax - b|^2}
   * expanded) has this form.
   *
   * @throws IllegalArgumentException if {@code s < 0} or on a dimension mismatch
   */
  public static QuadraticProgram gram(
      QMatrix a, Rational s, Rational[] c, Rational k, QMatrix g, Rational[] h, QMatrix e,
      Rational[] f) {
    if (s.signum() < 0) {
      throw new IllegalArgumentException("the scale of A'A must be >= 0, not " + s);
    }
    return new QuadraticProgram(a.gram(s), c, k, g, h, e, f, false);
  }

  private QuadraticProgram(
      QMatrix q, Rational[] c, Rational k, QMatrix g, Rational[] h, QMatrix e,
      Rational[] f, boolean checkDefiniteness) {
    int n = c.length;
    if (q.rows() != n || q.cols() != n) {
      throw new IllegalArgumentException(
          "Q is " + q.rows() + " x " + q.cols() + " but there are " + n + " variables");
    }
    if (g.cols() != n || g.rows() != h.length) {
      throw new IllegalArgumentException(
          "G is " + g.rows() + " x " + g.cols() + " but expected " + h.length + " x " + n);
    }
    if (e.cols() != n || e.rows() != f.length) {
      throw new IllegalArgumentException(
          "E is " + e.rows() + " x " + e.cols() + " but expected " + f.length + " x " + n);
    }
    // With checkDefiniteness false, Q = s A'A (see gram): symmetric and positive semidefinite by
    // construction.
    if (checkDefiniteness) {
      if (!q.isSymmetric()) {
        throw new IllegalArgumentException("Q is not symmetric");
      }
      Rational[] v = Definiteness.negativeDirection(q);
      if (v != null) {
        throw new IllegalArgumentException(
            "Q is not positive semidefinite: v'Qv = "
                + org.provablenets.exact.Rationals.format(Definiteness.quadraticForm(q, v))
                + " < 0 for v = " + java.util.Arrays.toString(formatAll(v)));
      }
    }
    this.q = q;
    this.c = c.clone();
    this.k = k;
    this.g = g;
    this.h = h.clone();
    this.e = e;
    this.f = f.clone();
  }

  // Built on first use and then reused (the program is immutable). IntegerForm has only final
  // fields, so a thread that sees the reference sees it complete; a race at most builds it twice.
  private @Nullable IntegerForm integerForm;

  /** The program scaled to integers (cached). */
  IntegerForm integerForm() {
    IntegerForm f = integerForm;
    if (f == null) {
      f = IntegerForm.of(this);
      integerForm = f;
    }
    return f;
  }

  private static String[] formatAll(Rational[] v) {
    String[] s = new String[v.length];
    for (int i = 0; i < v.length; i++) {
      s[i] = org.provablenets.exact.Rationals.format(v[i]);
    }
    return s;
  }

  /** Number of variables. */
  public int variables() {
    return c.length;
  }

  /** Q. */
  public QMatrix q() {
    return q;
  }

  /** A copy of c. */
  public Rational[] c() {
    return c.clone();
  }

  /** The constant k. */
  public Rational k() {
    return k;
  }

  /** G (inequality rows, G x &gt;= h). */
  public QMatrix g() {
    return g;
  }

  /** A copy of h. */
  public Rational[] h() {
    return h.clone();
  }

  /** E (equality rows, E x = f). */
  public QMatrix e() {
    return e;
  }

  /** A copy of f. */
  public Rational[] f() {
    return f.clone();
  }

  /** The objective {@code 1/2 x'Qx + c'x + k}, exactly. */
  public Rational objective(Rational[] x) {
    return QVectors.dot(x, q.times(x)).divide(2).add(QVectors.dot(c, x)).add(k);
  }
}
