package org.provablenets.exact.linalg;

import org.provablenets.exact.Rational;
import org.provablenets.qual.Rigorous;

/**
 * Certified rational brackets for the extreme eigenvalues of a symmetric rational matrix.
 *
 * <p><b>Definition.</b> For symmetric M with eigenvalues {@code lambda_min <= ... <= lambda_max},
 * {@link #lambdaMin} returns rationals {@code lo <= lambda_min <= hi} with {@code hi - lo <= width};
 * {@link #lambdaMax} likewise.
 *
 * <p><b>Method.</b> Gershgorin's discs give a first bracket; bisection then uses the exact test
 * {@code lambda_min(M) >= mu  <=>  M - mu I is positive semidefinite} ({@link Definiteness}).
 * Midpoints are rounded to dyadic rationals to keep numbers short. Each step is an exact decision,
 * so the bracket is rigorous.
 *
 * <p><b>Cost.</b> O(n^3 log2((g_hi - g_lo) / width)) rational operations, g the Gershgorin bracket.
 */
public final class EigenBounds {
  private EigenBounds() {}

  /** A rigorous bracket {@code lower <= value <= upper}. */
  public static final class Bracket {
    private final @Rigorous Rational lower;
    private final @Rigorous Rational upper;

    @SuppressWarnings("cast.unsafe") // minted by exact bisection: both ends are proven bounds.
    Bracket(Rational lower, Rational upper) {
      this.lower = (@Rigorous Rational) lower;
      this.upper = (@Rigorous Rational) upper;
    }

    /** A proven lower bound. */
    public @Rigorous Rational lower() {
      return lower;
    }

    /** A proven upper bound. */
    public @Rigorous Rational upper() {
      return upper;
    }

    /** {@code upper - lower}. */
    public Rational width() {
      return upper.subtract(lower);
    }

    @Override
    public String toString() {
      return "[" + org.provablenets.exact.Rationals.format(lower) + ", "
          + org.provablenets.exact.Rationals.format(upper) + "]";
    }
  }

  /**
   * A bracket for the smallest eigenvalue of symmetric M.
   *
   * @param width a positive rational: the largest allowed {@code upper - lower}
   * @throws IllegalArgumentException if M is not symmetric, is empty, or width is not positive
   */
  public static Bracket lambdaMin(QMatrix m, Rational width) {
    if (width.signum() <= 0) {
      throw new IllegalArgumentException("bracket width must be positive");
    }
    if (!m.isSymmetric() || m.rows() == 0) {
      throw new IllegalArgumentException("eigenvalue bounds need a non-empty symmetric matrix");
    }
    Rational lo = null;
    Rational hi = null;
    for (int i = 0; i < m.rows(); i++) {
      Rational radius = Rational.ZERO;
      for (int j = 0; j < m.cols(); j++) {
        if (j != i) {
          radius = radius.add(m.get(i, j).abs());
        }
      }
      Rational l = m.get(i, i).subtract(radius);
      // lambda_min <= min_i M_ii (Rayleigh quotient of a unit vector).
      Rational h = m.get(i, i);
      lo = lo == null || l.compareTo(lo) < 0 ? l : lo;
      hi = hi == null || h.compareTo(hi) < 0 ? h : hi;
    }
    if (lo == null || hi == null) {
      throw new AssertionError("non-empty matrix has a diagonal");
    }
    while (hi.subtract(lo).compareTo(width) > 0) {
      Rational mid = dyadicBetween(lo, hi);
      if (Definiteness.isPositiveSemidefinite(m.minusIdentity(mid))) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return new Bracket(lo, hi);
  }

  /** A bracket for the largest eigenvalue of symmetric M: minus the bracket of {@code -M}. */
  public static Bracket lambdaMax(QMatrix m, Rational width) {
    Bracket b = lambdaMin(m.scale(Rational.of(-1)), width);
    return new Bracket(b.upper().negate(), b.lower().negate());
  }

  /** A short dyadic rational strictly between lo and hi (lo < hi), near their midpoint. */
  static Rational dyadicBetween(Rational lo, Rational hi) {
    Rational mid = lo.add(hi).divide(2);
    Rational quarter = hi.subtract(lo).divide(4);
    java.math.BigInteger scale = java.math.BigInteger.ONE;
    while (true) {
      Rational s = Rational.of(scale);
      java.math.BigInteger k = mid.multiply(s).getNumerator().divide(mid.multiply(s).getDenominator());
      Rational cand = Rational.of(k, scale);
      if (cand.subtract(mid).abs().compareTo(quarter) <= 0) {
        return cand;
      }
      scale = scale.shiftLeft(1);
    }
  }
}
