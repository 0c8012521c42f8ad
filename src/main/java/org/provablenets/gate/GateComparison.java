package org.provablenets.gate;

import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;

/**
 * An external run compared with its exact replay (what {@code provnets gate compare} calls): the
 * non-gradient iteration from {@code w_1 = 0} on the external run's own sample indices, in exact
 * rational arithmetic ({@link GateIteration#runExact}), and per external iterate the largest
 * coordinate deviation {@code max_j |w_ext,j - w_exact,j|}, taken exactly (the external decimals
 * are rationals).
 *
 * <p><b>Cost.</b> T exact steps of O(b d) operations on growing numbers, then O(T d) comparisons.
 *
 * @param steps T, the number of steps (rows of indices)
 * @param offset 1 when the external rows are {@code w_2..w_{T+1}}, 0 when they start with {@code
 *     w_1}
 * @param deviations the deviation of each external row
 * @param max the largest deviation
 * @param worst the iterate index t of the (first) largest deviation, {@code w_t}
 */
public record GateComparison(Rational[] wStar, Rational eta, int batch, int steps, int offset,
    Rational[] deviations, Rational max, int worst) {

  /**
   * Replays the indices exactly and compares.
   *
   * @param external the external iterates, T rows ({@code offset} 1) or T + 1 rows ({@code
   *     offset} 0) of d exact values
   * @throws IllegalArgumentException if an index is out of range or the shapes differ
   */
  public static GateComparison of(FiniteDistribution dist, Rational[] wStar, Rational eta, int b,
      int[][] indices, Rational[][] external, int offset) {
    Rational[][] exact = GateIteration.runExact(dist, wStar, eta, b, indices);
    Rational[] dev = new Rational[external.length];
    Rational max = Rational.ZERO;
    int worst = 0;
    for (int t = 0; t < external.length; t++) {
      Rational m = Rational.ZERO;
      Rational[] e = exact[t + offset];
      for (int j = 0; j < dist.dimension(); j++) {
        m = Rationals.max(m, external[t][j].subtract(e[j]).abs());
      }
      dev[t] = m;
      if (m.compareTo(max) > 0) {
        max = m;
        worst = t;
      }
    }
    return new GateComparison(wStar, eta, b, indices.length, offset, dev, max,
        worst + offset + 1);
  }

  /** The iterate index t of row i of the external trajectory. */
  public int iterate(int row) {
    return row + offset + 1;
  }

  /** {@code max - tolerance} (positive when the tolerance is exceeded). */
  public Rational excess(Rational tolerance) {
    return max.subtract(tolerance);
  }

  /** Whether the largest deviation is at most the tolerance. */
  public boolean within(Rational tolerance) {
    return max.compareTo(tolerance) <= 0;
  }
}
