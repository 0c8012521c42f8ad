package org.provablenets.gate;

import java.util.SplittableRandom;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.exact.linalg.Definiteness;
import org.provablenets.exact.linalg.QMatrix;
import org.provablenets.exact.linalg.QVectors;

/**
 * A sampled input distribution for T2: a parametric family with rational parameters, whose moments
 * are known in closed form (exact rationals) and whose samples are drawn in {@code double} from a
 * seeded {@link SplittableRandom}.
 *
 * <p><b>Families</b> (S a rational symmetric positive semidefinite d x d matrix, mu a rational
 * vector, a &gt; 0 rational, nu an integer &gt; 4):
 *
 * <ul>
 *   <li>{@link Family#GAUSSIAN} {@code N(0, S)};
 *   <li>{@link Family#CUBE} uniform on {@code [-a, a]^d};
 *   <li>{@link Family#STUDENT} the multivariate Student-t with nu degrees of freedom, scaled to
 *       covariance S: {@code x = sqrt((nu-2)/g) z}, {@code z ~ N(0, S)}, {@code g ~ chi^2_nu}
 *       independent;
 *   <li>{@link Family#MIXTURE} {@code (1/2) N(mu, S) + (1/2) N(-mu, S)};
 *   <li>{@link Family#SHIFTED} {@code N(mu, S)}: the asymmetric control.
 * </ul>
 *
 * <p><b>Symmetry (A1)</b> holds <i>by construction</i> for the first four families (each density
 * is even in x; nothing is tested numerically) and fails for the shifted Gaussian with {@code mu !=
 * 0} (its mean is mu, the mean of -x is -mu). {@link #isSymmetric} reports this.
 *
 * <p><b>Moments [derived]</b>, with {@code M(S) = tr(S) S + 2 S^2}:
 *
 * <pre>
 *   family     Sigma = E[x x']      E[||x||^2 x x']
 *   gaussian   S                    M(S)                              (Isserlis: E[z_k^2 z_i z_j] = S_kk S_ij + 2 S_ki S_kj)
 *   cube       (a^2/3) I            (a^4/5 + (d-1) a^4/9) I           (E x_i^2 = a^2/3, E x_i^4 = a^4/5, coordinates independent)
 *   student    S                    ((nu-2)/(nu-4)) M(S)              (E[1/g] = 1/(nu-2), E[1/g^2] = 1/((nu-2)(nu-4)))
 *   mixture    S + mu mu'           M(S) + (||mu||^2 + tr S) mu mu' + ||mu||^2 S + 2 (mu mu' S + S mu mu')
 *   shifted    S + mu mu'           the same as the mixture (the formula is even in mu)
 * </pre>
 *
 * The mixture and shifted rows: with {@code x = mu + z}, expand {@code ||x||^2 x x'} and drop the
 * odd moments of z; {@code E[(mu.z)(mu z' + z mu')] = mu mu' S + S mu mu'}. {@code m_2 = E||x||^2
 * = tr(Sigma)}. All are exact rationals for rational parameters.
 *
 * <p><b>Sampling (an estimate of the law, in double).</b> Standard normals by Box-Muller with
 * {@link StrictMath} (reproducible across platforms), {@code N(0, S)} as {@code C z} with C the
 * Cholesky factor of S computed in double (a pivot below {@code 1e-14 max_i S_ii} is treated as 0,
 * so a singular S samples on its range), chi^2_nu as a sum of nu squared normals, uniforms from
 * {@link SplittableRandom#nextDouble()}. A seed determines every draw.
 */
public final class SampledDistribution implements Moments {
  /** The families. */
  public enum Family {
    /** {@code N(0, S)}. */
    GAUSSIAN,
    /** Uniform on {@code [-a, a]^d}. */
    CUBE,
    /** Student-t, nu degrees of freedom, scaled to covariance S. */
    STUDENT,
    /** {@code (1/2) N(mu, S) + (1/2) N(-mu, S)}. */
    MIXTURE,
    /** {@code N(mu, S)}, asymmetric. */
    SHIFTED
  }

  private final Family family;
  private final int dimension;
  private final QMatrix scale;
  private final Rational[] mean;
  private final Rational halfWidth;
  private final int nu;
  private final QMatrix sigma;
  private final QMatrix lambda4Matrix;
  private final Rational m2;
  private final double[][] chol;
  private final double[] meanD;
  private final double halfWidthD;

  private SampledDistribution(
      Family family, int dimension, QMatrix scale, Rational[] mean, Rational halfWidth, int nu) {
    this.family = family;
    this.dimension = dimension;
    this.scale = scale;
    this.mean = mean.clone();
    this.halfWidth = halfWidth;
    this.nu = nu;
    QMatrix m = isserlis(scale);
    switch (family) {
      case CUBE:
        {
          Rational a2 = halfWidth.multiply(halfWidth);
          Rational a4 = a2.multiply(a2);
          sigma = QMatrix.identity(dimension).scale(a2.divide(3));
          lambda4Matrix =
              QMatrix.identity(dimension)
                  .scale(a4.divide(5).add(a4.multiply(dimension - 1).divide(9)));
          break;
        }
      case STUDENT:
        sigma = scale;
        lambda4Matrix = m.scale(Rational.of(nu - 2, nu - 4));
        break;
      case MIXTURE:
      case SHIFTED:
        {
          QMatrix mm = outer(mean);
          Rational mu2 = QVectors.normSquared(mean);
          sigma = add(scale, mm);
          QMatrix l4 = add(m, mm.scale(mu2.add(trace(scale))));
          l4 = add(l4, scale.scale(mu2));
          l4 = add(l4, add(mm.times(scale), scale.times(mm)).scale(Rational.of(2)));
          lambda4Matrix = l4;
          break;
        }
      case GAUSSIAN:
      default:
        sigma = scale;
        lambda4Matrix = m;
        break;
    }
    this.m2 = trace(sigma);
    this.chol = cholesky(scale);
    this.meanD = new double[dimension];
    for (int i = 0; i < dimension; i++) {
      meanD[i] = mean[i].toDouble();
    }
    this.halfWidthD = halfWidth.toDouble();
  }

  // ---- factories (IllegalArgumentException with one sentence on bad parameters) ----

  /** {@code N(0, S)}. */
  public static SampledDistribution gaussian(QMatrix s) {
    int d = checkCovariance(s);
    return new SampledDistribution(Family.GAUSSIAN, d, s, QVectors.zeros(d), Rational.ZERO, 0);
  }

  /** Uniform on {@code [-a, a]^d}. */
  public static SampledDistribution cube(int d, Rational a) {
    if (d < 1) {
      throw new IllegalArgumentException("the dimension must be at least 1, got " + d);
    }
    if (a.signum() <= 0) {
      throw new IllegalArgumentException(
          "the cube's half-width a must be positive, got " + Rationals.format(a));
    }
    return new SampledDistribution(
        Family.CUBE, d, QMatrix.identity(d).scale(a.multiply(a).divide(3)), QVectors.zeros(d), a,
        0);
  }

  /** Student-t with nu &gt; 4 degrees of freedom (an integer), scaled to covariance S. */
  public static SampledDistribution student(QMatrix s, int nu) {
    if (nu <= 4) {
      throw new IllegalArgumentException(
          "the Student-t needs nu > 4 degrees of freedom (lambda_4 is infinite for nu <= 4), got "
              + nu);
    }
    int d = checkCovariance(s);
    return new SampledDistribution(Family.STUDENT, d, s, QVectors.zeros(d), Rational.ZERO, nu);
  }

  /** {@code (1/2) N(mu, S) + (1/2) N(-mu, S)}. */
  public static SampledDistribution mixture(QMatrix s, Rational[] mu) {
    int d = checkCovariance(s);
    checkMean(mu, d);
    return new SampledDistribution(Family.MIXTURE, d, s, mu, Rational.ZERO, 0);
  }

  /** {@code N(mu, S)}: asymmetric when {@code mu != 0} (the control). */
  public static SampledDistribution shifted(QMatrix s, Rational[] mu) {
    int d = checkCovariance(s);
    checkMean(mu, d);
    return new SampledDistribution(Family.SHIFTED, d, s, mu, Rational.ZERO, 0);
  }

  private static int checkCovariance(QMatrix s) {
    if (s.rows() < 1 || s.rows() != s.cols()) {
      throw new IllegalArgumentException(
          "the covariance must be a square matrix, got " + s.rows() + " x " + s.cols());
    }
    if (!s.isSymmetric()) {
      throw new IllegalArgumentException("the covariance matrix is not symmetric");
    }
    Rational[] v = Definiteness.negativeDirection(s);
    if (v != null) {
      throw new IllegalArgumentException(
          "the covariance matrix is not positive semidefinite: v'Sv = "
              + Rationals.format(Definiteness.quadraticForm(s, v)) + " < 0 for v = "
              + FiniteDistribution.format(v));
    }
    return s.rows();
  }

  private static void checkMean(Rational[] mu, int d) {
    if (mu.length != d) {
      throw new IllegalArgumentException(
          "the mean has " + mu.length + " coordinates, the covariance is " + d + " x " + d);
    }
  }

  // ---- exact moments ----

  private static QMatrix isserlis(QMatrix s) {
    return add(s.scale(trace(s)), s.times(s).scale(Rational.of(2)));
  }

  private static Rational trace(QMatrix s) {
    Rational t = Rational.ZERO;
    for (int i = 0; i < s.rows(); i++) {
      t = t.add(s.get(i, i));
    }
    return t;
  }

  private static QMatrix outer(Rational[] v) {
    Rational[][] o = new Rational[v.length][v.length];
    for (int i = 0; i < v.length; i++) {
      for (int j = 0; j < v.length; j++) {
        o[i][j] = v[i].multiply(v[j]);
      }
    }
    return QMatrix.of(o, v.length);
  }

  private static QMatrix add(QMatrix a, QMatrix b) {
    int n = a.rows();
    Rational[][] o = new Rational[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        o[i][j] = a.get(i, j).add(b.get(i, j));
      }
    }
    return QMatrix.of(o, n);
  }

  /** The family. */
  public Family family() {
    return family;
  }

  /** The dimension d. */
  @Override
  public int dimension() {
    return dimension;
  }

  /** S (for the cube, {@code (a^2/3) I}). */
  public QMatrix scaleMatrix() {
    return scale;
  }

  /** mu (zero except for the mixture and the shifted Gaussian). */
  public Rational[] mean() {
    return mean.clone();
  }

  /** The cube's half-width a (0 for other families). */
  public Rational halfWidth() {
    return halfWidth;
  }

  /** The degrees of freedom nu (0 except for the Student-t). */
  public int degreesOfFreedom() {
    return nu;
  }

  /** {@code Sigma = E[x x']}, exact [derived]. */
  @Override
  public QMatrix sigma() {
    return sigma;
  }

  /** {@code E[||x||^2 x x']}, exact [derived]; lambda_4 is its largest eigenvalue. */
  @Override
  public QMatrix lambda4Matrix() {
    return lambda4Matrix;
  }

  /** {@code m_2 = E||x||^2 = tr(Sigma)}, exact. */
  @Override
  public Rational m2() {
    return m2;
  }

  /**
   * Whether (A1) holds, by construction: true for every family except the shifted Gaussian with
   * {@code mu != 0}.
   */
  @Override
  public boolean isSymmetric() {
    return family != Family.SHIFTED || QVectors.isZero(mean);
  }

  /** Whether x is Gaussian with mean 0 (the family of the sqrt(2/pi) worst-case check). */
  public boolean isCenteredGaussian() {
    return family == Family.GAUSSIAN;
  }

  // ---- sampling ----

  /** A standard normal by Box-Muller (StrictMath), one per call. */
  static double normal(SplittableRandom rng) {
    double u1 = 1.0 - rng.nextDouble(); // in (0, 1]
    double u2 = rng.nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
  }

  /** This family's own law ({@link #sample}). */
  @Override
  public Sampler sampler() {
    return this::sample;
  }

  /** Draws one x into {@code out} (length d). */
  public void sample(SplittableRandom rng, double[] out) {
    if (family == Family.CUBE) {
      for (int i = 0; i < dimension; i++) {
        out[i] = halfWidthD * (2.0 * rng.nextDouble() - 1.0);
      }
      return;
    }
    double[] z = new double[dimension];
    for (int i = 0; i < dimension; i++) {
      z[i] = normal(rng);
    }
    for (int i = 0; i < dimension; i++) {
      double s = 0;
      for (int k = 0; k <= i; k++) {
        s += chol[i][k] * z[k];
      }
      out[i] = s;
    }
    switch (family) {
      case STUDENT:
        {
          double g = 0;
          for (int k = 0; k < nu; k++) {
            double e = normal(rng);
            g += e * e;
          }
          double f = Math.sqrt((nu - 2) / g);
          for (int i = 0; i < dimension; i++) {
            out[i] *= f;
          }
          break;
        }
      case MIXTURE:
        {
          double sign = rng.nextBoolean() ? 1.0 : -1.0;
          for (int i = 0; i < dimension; i++) {
            out[i] += sign * meanD[i];
          }
          break;
        }
      case SHIFTED:
        for (int i = 0; i < dimension; i++) {
          out[i] += meanD[i];
        }
        break;
      default:
        break;
    }
  }

  /** Lower-triangular C with C C' = S, in double; tiny pivots give zero columns. */
  private static double[][] cholesky(QMatrix s) {
    int d = s.rows();
    double[][] a = new double[d][d];
    double maxDiag = 0;
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        a[i][j] = s.get(i, j).toDouble();
      }
      maxDiag = Math.max(maxDiag, a[i][i]);
    }
    double[][] c = new double[d][d];
    for (int j = 0; j < d; j++) {
      double p = a[j][j];
      for (int k = 0; k < j; k++) {
        p -= c[j][k] * c[j][k];
      }
      if (!(p > 1e-14 * maxDiag)) {
        continue; // column j stays 0
      }
      double piv = Math.sqrt(p);
      c[j][j] = piv;
      for (int i = j + 1; i < d; i++) {
        double v = a[i][j];
        for (int k = 0; k < j; k++) {
          v -= c[i][k] * c[j][k];
        }
        c[i][j] = v / piv;
      }
    }
    return c;
  }

  /** A short description, e.g. {@code N(0, S), d = 3}. */
  @Override
  public String describe() {
    switch (family) {
      case CUBE:
        return "uniform on [-a, a]^" + dimension + ", a = " + Rationals.format(halfWidth);
      case STUDENT:
        return "Student-t, nu = " + nu + ", scaled to covariance S, d = " + dimension;
      case MIXTURE:
        return "(1/2) N(mu, S) + (1/2) N(-mu, S), mu = " + FiniteDistribution.format(mean)
            + ", d = " + dimension;
      case SHIFTED:
        return "N(mu, S) with mu = " + FiniteDistribution.format(mean) + ", d = " + dimension
            + " (asymmetric control)";
      case GAUSSIAN:
      default:
        return "N(0, S), d = " + dimension;
    }
  }
}
