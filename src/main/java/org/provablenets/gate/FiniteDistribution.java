package org.provablenets.gate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.exact.linalg.QMatrix;
import org.provablenets.exact.linalg.QVectors;

/**
 * A finite input distribution for T2: equally weighted support points in {@code Q^d}.
 *
 * <p><b>Definition.</b> The points {@code x_1, ..., x_n} (a list, not a set) each carry mass
 * {@code 1/n}, so a point listed twice has twice the mass. Every expectation is a finite sum:
 * {@code E[f(x)] = (1/n) sum_i f(x_i)}, computed exactly over the rationals.
 *
 * <ul>
 *   <li>{@link #fromRows}: the rows as given (possibly asymmetric, to show what fails without
 *       (A1));
 *   <li>{@link #symmetrised}: each row x contributes x and -x (the default of the CLI), so the
 *       result is symmetric by construction.
 * </ul>
 *
 * <p>{@link #sigma()} {@code = E[x x']}, {@link #lambda4Matrix()} {@code = E[||x||^2 x x']} (its
 * largest eigenvalue is lambda_4 of the brief) and {@link #m2()} {@code = E||x||^2} are computed
 * once at construction. For a finite distribution the moment hypotheses (A3) and (A4) of the brief
 * hold automatically.
 *
 * <p><b>Accuracy.</b> Exact. <b>Cost.</b> Construction O(n d^2) rational operations; {@link
 * #isSymmetric()} O(n d) expected (hashing).
 *
 * <p>This type carries no qualifier: its hypotheses are unchecked until {@link
 * GateHypotheses#check} has examined it.
 */
public final class FiniteDistribution implements Moments {
  private final Rational[][] points;
  private final int dimension;
  private final QMatrix sigma;
  private final QMatrix lambda4Matrix;
  private final Rational m2;

  private FiniteDistribution(Rational[][] points, int dimension) {
    this.points = points;
    this.dimension = dimension;
    int n = points.length;
    Rational[][] s = zeroSquare(dimension);
    Rational[][] l4 = zeroSquare(dimension);
    Rational sumSq = Rational.ZERO;
    for (Rational[] x : points) {
      Rational sq = QVectors.normSquared(x);
      sumSq = sumSq.add(sq);
      for (int i = 0; i < dimension; i++) {
        for (int j = 0; j < dimension; j++) {
          Rational xx = x[i].multiply(x[j]);
          s[i][j] = s[i][j].add(xx);
          l4[i][j] = l4[i][j].add(sq.multiply(xx));
        }
      }
    }
    Rational inv = Rational.of(1, n);
    this.sigma = QMatrix.of(s, dimension).scale(inv);
    this.lambda4Matrix = QMatrix.of(l4, dimension).scale(inv);
    this.m2 = sumSq.multiply(inv);
  }

  private static Rational[][] zeroSquare(int d) {
    Rational[][] a = new Rational[d][];
    for (int i = 0; i < d; i++) {
      a[i] = QVectors.zeros(d);
    }
    return a;
  }

  /**
   * The distribution with the given rows as its support points, each of mass {@code 1/n}.
   *
   * @param rows n &gt;= 1 rows of the same length d &gt;= 1 (copied)
   * @throws IllegalArgumentException for an empty support, d = 0, or rows of different lengths
   */
  public static FiniteDistribution fromRows(Rational[][] rows) {
    if (rows.length == 0) {
      throw new IllegalArgumentException(
          "empty support: a distribution needs at least one point");
    }
    int d = rows[0].length;
    if (d == 0) {
      throw new IllegalArgumentException("support points need at least one coordinate");
    }
    Rational[][] c = new Rational[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != d) {
        throw new IllegalArgumentException(
            "support point " + (i + 1) + " has " + rows[i].length + " coordinates, point 1 has "
                + d);
      }
      c[i] = rows[i].clone();
    }
    return new FiniteDistribution(c, d);
  }

  /**
   * The symmetrised distribution: each row x gives the two points x and -x, each of mass {@code
   * 1/(2n)} (a zero row gives the point 0 twice). Symmetric by construction.
   *
   * @throws IllegalArgumentException as {@link #fromRows}
   */
  public static FiniteDistribution symmetrised(Rational[][] rows) {
    FiniteDistribution given = fromRows(rows);
    Rational[][] both = new Rational[2 * rows.length][];
    for (int i = 0; i < rows.length; i++) {
      both[2 * i] = given.points[i];
      both[2 * i + 1] = QVectors.negate(given.points[i]);
    }
    return new FiniteDistribution(both, given.dimension);
  }

  /** The number n of support points (with repetitions). */
  public int size() {
    return points.length;
  }

  /** The dimension d. */
  @Override
  public int dimension() {
    return dimension;
  }

  /** A copy of support point {@code i} (zero-based). */
  public Rational[] point(int i) {
    return points[i].clone();
  }

  /** A copy of all support points, in order. */
  public Rational[][] points() {
    Rational[][] c = new Rational[points.length][];
    for (int i = 0; i < c.length; i++) {
      c[i] = points[i].clone();
    }
    return c;
  }

  /** The mass of the point x: (number of i with {@code x_i = x}) / n. */
  public Rational mass(Rational[] x) {
    int count = 0;
    for (Rational[] p : points) {
      if (Arrays.equals(p, x)) {
        count++;
      }
    }
    return Rational.of(count, points.length);
  }

  /**
   * (A1) decided exactly: whether the multiset of points equals the multiset of their negations,
   * i.e. every point x has the same mass as -x.
   */
  @Override
  public boolean isSymmetric() {
    return asymmetryWitness() == null;
  }

  /**
   * A support point x whose mass differs from the mass of -x, or {@code null} if the distribution
   * is symmetric. The first such point in the order of the support is returned.
   */
  public Rational @Nullable [] asymmetryWitness() {
    Map<List<Rational>, Integer> counts = new HashMap<>();
    for (Rational[] p : points) {
      counts.merge(Arrays.asList(p), 1, Integer::sum);
    }
    for (Rational[] p : points) {
      Integer plus = counts.get(Arrays.asList(p));
      Integer minus = counts.get(Arrays.asList(QVectors.negate(p)));
      int a = plus == null ? 0 : plus;
      int b = minus == null ? 0 : minus;
      if (a != b) {
        return p.clone();
      }
    }
    return null;
  }

  /** {@code Sigma = E[x x']}, exact. */
  @Override
  public QMatrix sigma() {
    return sigma;
  }

  /** {@code E[||x||^2 x x']}, exact; lambda_4 is its largest eigenvalue. */
  @Override
  public QMatrix lambda4Matrix() {
    return lambda4Matrix;
  }

  /** {@code m_2 = E||x||^2}, exact. */
  @Override
  public Rational m2() {
    return m2;
  }

  /** {@code E[x]}, exact (zero for a symmetric distribution). */
  public Rational[] mean() {
    Rational[] s = QVectors.zeros(dimension);
    for (Rational[] p : points) {
      s = QVectors.add(s, p);
    }
    return QVectors.scale(Rational.of(1, points.length), s);
  }

  /** {@code n = 6, d = 2}: the number of support points and the dimension. */
  @Override
  public String describe() {
    return "n = " + points.length + ", d = " + dimension;
  }

  /** A uniform support index per draw ({@code nextInt(n)}), its point rounded to double. */
  @Override
  public Sampler sampler() {
    int n = points.length;
    double[][] xs = new double[n][];
    for (int i = 0; i < n; i++) {
      xs[i] = new double[dimension];
      for (int j = 0; j < dimension; j++) {
        xs[i][j] = points[i][j].toDouble();
      }
    }
    return (rng, out) -> System.arraycopy(xs[rng.nextInt(n)], 0, out, 0, out.length);
  }

  /** The points as text, e.g. {@code {(1, 0), (-1, 0)}}. */
  @Override
  public String toString() {
    List<String> s = new ArrayList<>();
    for (Rational[] p : points) {
      s.add(format(p));
    }
    return "{" + String.join(", ", s) + "}";
  }

  /** A vector as text, e.g. {@code (1, -2/3)}. */
  public static String format(Rational[] x) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < x.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(Rationals.format(x[i]));
    }
    return sb.append(')').toString();
  }
}
