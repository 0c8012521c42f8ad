package org.provablenets.erm;

import java.util.Locale;
import org.provablenets.exact.Rational;

/**
 * A loss {@code l(y', y)}, convex in the prediction {@code y'}: squared and hinge [paper], absolute
 * [derived: convex, and its subproblems are LPs].
 */
public enum Loss {
  /** {@code (y' - y)^2}; each subproblem is a convex QP. */
  SQUARED,
  /** {@code |y' - y|}; each subproblem is an LP with one epigraph variable per point. */
  ABSOLUTE,
  /** {@code max(0, 1 - y y')} for labels y in {-1, +1}; each subproblem is an LP. */
  HINGE;

  /** {@code l(prediction, label)}, exactly. */
  public Rational value(Rational prediction, Rational label) {
    switch (this) {
      case SQUARED:
        {
          Rational d = prediction.subtract(label);
          return d.multiply(d);
        }
      case ABSOLUTE:
        return prediction.subtract(label).abs();
      case HINGE:
      default:
        {
          Rational m = Rational.ONE.subtract(label.multiply(prediction));
          return m.signum() > 0 ? m : Rational.ZERO;
        }
    }
  }

  /** Whether a label is in the loss's domain (any rational; hinge: -1 or +1). */
  public boolean acceptsLabel(Rational label) {
    return this != HINGE || label.abs().equals(Rational.ONE);
  }

  /** The name used on the command line and in files. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The loss with the given id.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static Loss fromId(String id) {
    for (Loss l : values()) {
      if (l.id().equals(id)) {
        return l;
      }
    }
    throw new IllegalArgumentException(
        "\"" + id + "\" is not a loss (expected squared, absolute or hinge)");
  }
}
