package org.provablenets.erm;

import org.provablenets.exact.Rational;

/** A loss l(y', y), convex in the prediction y' [paper: squared and hinge; absolute derived]. */
public enum Loss {
  /** {@code (y' - y)^2}; each subproblem is a convex QP. */
  SQUARED;

  /** {@code l(prediction, label)}, exactly. */
  public Rational value(Rational prediction, Rational label) {
    Rational d = prediction.subtract(label);
    return d.multiply(d);
  }

  /** The name used on the command line and in files. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
