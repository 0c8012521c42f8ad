package org.provablenets.villani;

import java.util.Locale;

/**
 * How T3's {@code double} estimates are written in reports and in the sentences of a failed
 * check: six significant digits, {@code %.6g} in the root locale.
 */
public final class Estimates {
  private Estimates() {}

  /** x to six significant digits, e.g. {@code 0.250000} or {@code 1.23457e-05}. */
  public static String sixDigits(double x) {
    return String.format(Locale.ROOT, "%.6g", x);
  }
}
