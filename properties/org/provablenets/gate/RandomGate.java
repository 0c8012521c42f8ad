package org.provablenets.gate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.provablenets.exact.Rational;
import org.provablenets.exact.linalg.QVectors;

/**
 * Seeded generators of small finite distributions for the T2 properties.
 *
 * <p>Symmetric distributions are built as {@link FiniteDistribution#symmetrised} of random rows and
 * then shuffled (so that x and -x are not neighbours in the support and the symmetry decision
 * cannot rely on the order). Degenerate kinds are generated on purpose, each with probability 1/5:
 *
 * <ul>
 *   <li>{@link Kind#GENERAL}: independent random rows;
 *   <li>{@link Kind#REPEATED}: some rows repeated (a point of mass 2/n, 3/n, ...);
 *   <li>{@link Kind#ZERO_POINT}: one row is 0 (the point 0 then appears twice);
 *   <li>{@link Kind#SINGLE}: one row x, so the support is {x, -x} (Sigma is singular for d &gt;= 2);
 *   <li>{@link Kind#HYPERPLANE}: every row on a hyperplane v . x = 0 through the origin (Sigma is
 *       singular, so (A2) must fail); in d = 1 this is the single point 0.
 * </ul>
 *
 * Entries are p/q with |p| &lt;= 3 and 1 &lt;= q &lt;= 3 (zero one time in seven).
 */
final class RandomGate {
  /** The kind of a generated symmetric distribution. */
  enum Kind {
    GENERAL,
    REPEATED,
    ZERO_POINT,
    SINGLE,
    HYPERPLANE
  }

  /** A generated distribution with its kind and the rows it was built from. */
  static final class Case {
    final FiniteDistribution dist;
    final Kind kind;

    Case(FiniteDistribution dist, Kind kind) {
      this.dist = dist;
      this.kind = kind;
    }

    @Override
    public String toString() {
      return kind + " " + dist;
    }
  }

  final Random rnd;

  RandomGate(long seed) {
    this.rnd = new Random(seed);
  }

  Rational small() {
    return Rational.of(rnd.nextInt(7) - 3, 1 + rnd.nextInt(3));
  }

  Rational positive() {
    return Rational.of(1 + rnd.nextInt(3), 1 + rnd.nextInt(3));
  }

  Rational[] vector(int d) {
    Rational[] v = new Rational[d];
    for (int i = 0; i < d; i++) {
      v[i] = small();
    }
    return v;
  }

  Rational[] nonZeroVector(int d) {
    Rational[] v = vector(d);
    if (QVectors.isZero(v)) {
      v[rnd.nextInt(d)] = positive();
    }
    return v;
  }

  /** A symmetric distribution of a random kind, 1..maxPairs rows, dimension 1..maxDim. */
  Case symmetric(int maxPairs, int maxDim) {
    Kind kind = Kind.values()[rnd.nextInt(Kind.values().length)];
    return symmetric(kind, maxPairs, 1 + rnd.nextInt(maxDim));
  }

  /** A symmetric distribution of the given kind and dimension. */
  Case symmetric(Kind kind, int maxPairs, int d) {
    int k = 1 + rnd.nextInt(maxPairs);
    List<Rational[]> rows = new ArrayList<>();
    switch (kind) {
      case REPEATED:
        k = Math.max(k, 2);
        for (int i = 0; i < k; i++) {
          rows.add(i > 0 && (i == 1 || rnd.nextBoolean())
              ? rows.get(rnd.nextInt(i)).clone()
              : nonZeroVector(d));
        }
        break;
      case ZERO_POINT:
        k = Math.max(k, 2);
        rows.add(QVectors.zeros(d));
        for (int i = 1; i < k; i++) {
          rows.add(vector(d));
        }
        break;
      case SINGLE:
        rows.add(nonZeroVector(d));
        break;
      case HYPERPLANE:
        {
          Rational[] normal = nonZeroVector(d);
          for (int i = 0; i < k; i++) {
            Rational[] y = vector(d);
            Rational t = QVectors.dot(y, normal).divide(QVectors.normSquared(normal));
            rows.add(QVectors.subtract(y, QVectors.scale(t, normal)));
          }
          break;
        }
      case GENERAL:
      default:
        for (int i = 0; i < k; i++) {
          rows.add(vector(d));
        }
        break;
    }
    FiniteDistribution sym = FiniteDistribution.symmetrised(rows.toArray(new Rational[0][]));
    return new Case(shuffled(sym), kind);
  }

  /** The same multiset of points in a random order. */
  FiniteDistribution shuffled(FiniteDistribution dist) {
    List<Rational[]> pts = new ArrayList<>();
    for (Rational[] p : dist.points()) {
      pts.add(p);
    }
    Collections.shuffle(pts, rnd);
    return FiniteDistribution.fromRows(pts.toArray(new Rational[0][]));
  }

  /**
   * A symmetric distribution whose hypotheses hold (kinds GENERAL, REPEATED, ZERO_POINT, or SINGLE
   * in d = 1), regenerated until (A2) holds.
   */
  Case positiveDefinite(int maxPairs, int maxDim) {
    Kind[] kinds = {Kind.GENERAL, Kind.REPEATED, Kind.ZERO_POINT, Kind.SINGLE};
    while (true) {
      Kind kind = kinds[rnd.nextInt(kinds.length)];
      int d = kind == Kind.SINGLE ? 1 : 1 + rnd.nextInt(maxDim);
      Case c = symmetric(kind, maxPairs, d);
      if (org.provablenets.exact.linalg.Definiteness.isPositiveDefinite(c.dist.sigma())) {
        return c;
      }
    }
  }

  /** {@code x + s} for every point x: asymmetric (its mean is s, not 0) when s is non-zero. */
  static FiniteDistribution shifted(FiniteDistribution dist, Rational[] s) {
    Rational[][] pts = dist.points();
    for (int i = 0; i < pts.length; i++) {
      pts[i] = QVectors.add(pts[i], s);
    }
    return FiniteDistribution.fromRows(pts);
  }
}
