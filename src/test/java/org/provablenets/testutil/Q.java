package org.provablenets.testutil;

import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.exact.linalg.QMatrix;

/** Short constructors for tests: rationals, vectors and matrices from text. */
public final class Q {
  private Q() {}

  /** A rational from text. */
  public static Rational q(String s) {
    return Rationals.parse(s);
  }

  /** A vector from space- or comma-separated text. */
  public static Rational[] v(String s) {
    String t = s.trim();
    if (t.isEmpty()) {
      return new Rational[0];
    }
    String[] parts = t.split("[,\\s]+");
    Rational[] x = new Rational[parts.length];
    for (int i = 0; i < parts.length; i++) {
      x[i] = Rationals.parse(parts[i]);
    }
    return x;
  }

  /** A matrix from rows separated by ';'. */
  public static QMatrix m(String s, int cols) {
    String t = s.trim();
    if (t.isEmpty()) {
      return QMatrix.zero(0, cols);
    }
    String[] rows = t.split(";");
    Rational[][] a = new Rational[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      a[i] = v(rows[i]);
    }
    return QMatrix.of(a, cols);
  }
}
