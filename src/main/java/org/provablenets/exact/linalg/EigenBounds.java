package org.provablenets.exact.linalg;

import org.apache.commons.numbers.fraction.BigFraction;
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
    private final @Rigorous BigFraction lower;
    private final @Rigorous BigFraction upper;

    @SuppressWarnings("cast.unsafe") // minted by exact bisection: both ends are proven bounds.
    Bracket(BigFraction lower, BigFraction upper) {
      this.lower = (@Rigorous BigFraction) lower;
      this.upper = (@Rigorous BigFraction) upper;
    }

    /** A proven lower bound. */
    public @Rigorous BigFraction lower() {
      return lower;
    }

    /** A proven upper bound. */
    public @Rigorous BigFraction upper() {
      return upper;
    }

    /** {@code upper - lower}. */
    public BigFraction width() {
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
  public static Bracket lambdaMin(QMatrix m, BigFraction width) {
    if (width.signum() <= 0) {
      throw new IllegalArgumentException("bracket width must be positive");
    }
    if (!m.isSymmetric() || m.rows() == 0) {
      throw new IllegalArgumentException("eigenvalue bounds need a non-empty symmetric matrix");
    }
    BigFraction lo = null;
    BigFraction hi = null;
    for (int i = 0; i < m.rows(); i++) {
      BigFraction radius = BigFraction.ZERO;
      for (int j = 0; j < m.cols(); j++) {
        if (j != i) {
          radius = radius.add(m.get(i, j).abs());
        }
      }
      BigFraction l = m.get(i, i).subtract(radius);
      // lambda_min <= min_i M_ii (Rayleigh quotient of a unit vector).
      BigFraction h = m.get(i, i);
      lo = lo == null || l.compareTo(lo) < 0 ? l : lo;
      hi = hi == null || h.compareTo(hi) < 0 ? h : hi;
    }
    if (lo == null || hi == null) {
      throw new AssertionError("non-empty matrix has a diagonal");
    }
    while (hi.subtract(lo).compareTo(width) > 0) {
      BigFraction mid = dyadicBetween(lo, hi);
      if (Definiteness.isPositiveSemidefinite(m.minusIdentity(mid))) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return new Bracket(lo, hi);
  }

  /** A bracket for the largest eigenvalue of symmetric M: minus the bracket of {@code -M}. */
  public static Bracket lambdaMax(QMatrix m, BigFraction width) {
    Bracket b = lambdaMin(m.scale(BigFraction.of(-1)), width);
    return new Bracket(b.upper().negate(), b.lower().negate());
  }

  /** A short dyadic rational strictly between lo and hi (lo < hi), near their midpoint. */
  static BigFraction dyadicBetween(BigFraction lo, BigFraction hi) {
    BigFraction mid = lo.add(hi).divide(2);
    BigFraction quarter = hi.subtract(lo).divide(4);
    java.math.BigInteger scale = java.math.BigInteger.ONE;
    while (true) {
      BigFraction s = BigFraction.of(scale);
      java.math.BigInteger k = mid.multiply(s).getNumerator().divide(mid.multiply(s).getDenominator());
      BigFraction cand = BigFraction.of(k, scale);
      if (cand.subtract(mid).abs().compareTo(quarter) <= 0) {
        return cand;
      }
      scale = scale.shiftLeft(1);
    }
  }
}
