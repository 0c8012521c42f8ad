package org.provablenets.villani;

import org.provablenets.exact.enclosure.Interval;
import org.apfloat.Apfloat;
import org.provablenets.exact.Rational;
import org.provablenets.qual.Rigorous;

/**
 * The Frobenius-regularised squared loss of a depth-2 net with fixed outer weights, with its
 * gradient, Laplacian and Villani quantity, in three arithmetics.
 *
 * <p><b>Definition [recalled form].</b> For data {@code (x_i, y_i)}, {@code i = 1..n}, outer
 * weights {@code a in Q^p} (fixed), trained weights {@code W in R^{p x d}} with rows {@code w_j},
 * {@code lambda >= 0} and an activation sigma:
 *
 * <pre>
 *   L(W) = (1/(2n)) sum_i r_i^2 + (lambda/2) ||W||_F^2,   r_i = y_i - sum_j a_j sigma(w_j . x_i).
 * </pre>
 *
 * <p><b>Gradient and Laplacian [derived]</b> (with {@code z_ij = w_j . x_i}):
 *
 * <pre>
 *   dL/dW_jk  = -(1/n) sum_i r_i a_j sigma'(z_ij) x_ik + lambda W_jk
 *   Laplacian = (1/n) sum_i ||x_i||^2 sum_j [ a_j^2 sigma'(z_ij)^2 - r_i a_j sigma''(z_ij) ] + lambda p d
 *   Villani quantity V_s(W) = ||grad L(W)||^2 / s - Laplacian L(W).
 * </pre>
 *
 * (Differentiate {@code r_i} in {@code W_jk}: {@code -a_j sigma'(z_ij) x_ik}; once more: the
 * square of that, minus {@code r_i a_j sigma''(z_ij) x_ik^2}; sum over k gives {@code ||x_i||^2}.)
 *
 * <p><b>Arithmetics.</b> {@link #estimate} (apfloat at a requested precision: an estimate),
 * {@link #enclose} (rigorous {@link Interval} enclosures of the same quantities) and {@link
 * DoubleLoss} ({@code double}, the one fast path). The pre-activations {@code z_ij} are computed
 * exactly (W, x rational), so only the activations are approximated.
 *
 * <p><b>Cost.</b> {@code O(n p d)} operations plus {@code n p} activation evaluations (one
 * exponential each; SoftPlus adds a logarithm).
 */
public final class RegularisedLoss {
  private final TrainingData data;
  private final Rational[] a;
  private final Rational lambda;
  private final Activation activation;

  /** Apfloat estimates (not rigorous) of the loss, its gradient, Laplacian and V_s. */
  public record LossEstimate(
      Apfloat loss, Apfloat[][] gradient, Apfloat laplacian, Apfloat villani) {}

  /** Rigorous enclosures of the residuals, loss, gradient, Laplacian and V_s at one W. */
  public record LossEnclosure(
      @Rigorous Interval[] residuals,
      @Rigorous Interval loss,
      @Rigorous Interval[][] gradient,
      @Rigorous Interval gradientNormSquared,
      @Rigorous Interval laplacian,
      @Rigorous Interval villani) {}

  /**
   * @param data the training data
   * @param a the fixed outer weights (p &gt;= 1 of them)
   * @param lambda the regularisation strength, {@code >= 0}
   * @param activation sigma
   * @throws IllegalArgumentException if p = 0 or lambda &lt; 0
   */
  public RegularisedLoss(TrainingData data, Rational[] a, Rational lambda, Activation activation) {
    if (a.length == 0) {
      throw new IllegalArgumentException("the net needs at least one unit (p = 0 outer weights)");
    }
    if (lambda.signum() < 0) {
      throw new IllegalArgumentException("lambda must be >= 0, not " + lambda);
    }
    this.data = data;
    this.a = a.clone();
    this.lambda = lambda;
    this.activation = activation;
  }

  /** The training data. */
  public TrainingData data() {
    return data;
  }

  /** A copy of the outer weights. */
  public Rational[] outerWeights() {
    return a.clone();
  }

  /** lambda. */
  public Rational lambda() {
    return lambda;
  }

  /** sigma. */
  public Activation activation() {
    return activation;
  }

  /** The width p. */
  public int width() {
    return a.length;
  }

  /** The number of trained parameters {@code p d}. */
  public int parameters() {
    return a.length * data.dimension();
  }

  /** The same loss with another lambda. */
  public RegularisedLoss withLambda(Rational newLambda) {
    return new RegularisedLoss(data, a, newLambda, activation);
  }

  /** {@code ||W||_F^2}, exact. */
  public static Rational frobeniusSquared(Rational[][] w) {
    Rational s = Rational.ZERO;
    for (Rational[] row : w) {
      for (Rational v : row) {
        s = s.add(v.multiply(v));
      }
    }
    return s;
  }

  /** {@code z_ij = w_j . x_i}, exact, as [i][j]. */
  private Rational[][] preActivations(Rational[][] w) {
    checkShape(w.length, w.length == 0 ? 0 : w[0].length);
    int n = data.size();
    int p = a.length;
    int d = data.dimension();
    Rational[][] z = new Rational[n][p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        if (w[j].length != d) {
          throw new IllegalArgumentException(
              "row " + (j + 1) + " of W has " + w[j].length + " entries, expected d = " + d);
        }
        Rational s = Rational.ZERO;
        for (int k = 0; k < d; k++) {
          s = s.add(w[j][k].multiply(data.x(i, k)));
        }
        z[i][j] = s;
      }
    }
    return z;
  }

  private void checkShape(int rows, int cols) {
    if (rows != a.length || cols != data.dimension()) {
      throw new IllegalArgumentException(
          "W is " + rows + " x " + cols + " but must be p x d = " + a.length + " x "
              + data.dimension() + " (p outer weights, d input dimensions)");
    }
  }

  // ---------------------------------------------------------------- apfloat estimates

  /**
   * The loss, gradient, Laplacian and Villani quantity at W, computed with apfloat at {@code
   * precision} digits plus {@link Interval#GUARD} guard digits: an <b>estimate</b>, accurate to
   * about {@code precision} digits where no cancellation occurs, but not a bound.
   *
   * @param s the learning rate in V_s, &gt; 0
   */
  public LossEstimate estimate(Rational[][] w, Rational s, long precision) {
    positive(s, "s");
    long wp = precision + Interval.GUARD;
    Rational[][] z = preActivations(w);
    int n = data.size();
    int p = a.length;
    int d = data.dimension();
    Apfloat[] ap = new Apfloat[p];
    for (int j = 0; j < p; j++) {
      ap[j] = toApfloat(a[j], wp);
    }
    Apfloat dataTerm = new Apfloat(0L);
    Apfloat[][] grad = new Apfloat[p][d];
    for (int j = 0; j < p; j++) {
      for (int k = 0; k < d; k++) {
        grad[j][k] = new Apfloat(0L);
      }
    }
    Apfloat lap = new Apfloat(0L);
    for (int i = 0; i < n; i++) {
      Activation.Values[] v = new Activation.Values[p];
      Apfloat f = new Apfloat(0L);
      for (int j = 0; j < p; j++) {
        v[j] = activation.estimate(toApfloat(z[i][j], wp), wp);
        f = f.add(ap[j].multiply(v[j].value()));
      }
      Apfloat r = toApfloat(data.y(i), wp).subtract(f);
      dataTerm = dataTerm.add(r.multiply(r));
      Apfloat inner = new Apfloat(0L);
      for (int j = 0; j < p; j++) {
        Apfloat c = r.multiply(ap[j]).multiply(v[j].first());
        for (int k = 0; k < d; k++) {
          grad[j][k] = grad[j][k].add(c.multiply(toApfloat(data.x(i, k), wp)));
        }
        Apfloat as = ap[j].multiply(v[j].first());
        inner = inner.add(as.multiply(as)).subtract(r.multiply(ap[j]).multiply(v[j].second()));
      }
      lap = lap.add(inner.multiply(toApfloat(data.normSquared(i), wp)));
    }
    Apfloat invN = toApfloat(Rational.of(1, n), wp);
    Apfloat loss =
        dataTerm.multiply(toApfloat(Rational.of(1, 2 * n), wp))
            .add(toApfloat(lambda.multiply(frobeniusSquared(w)).divide(2), wp));
    Apfloat norm2 = new Apfloat(0L);
    for (int j = 0; j < p; j++) {
      for (int k = 0; k < d; k++) {
        grad[j][k] =
            grad[j][k].multiply(invN).negate().add(toApfloat(lambda.multiply(w[j][k]), wp));
        norm2 = norm2.add(grad[j][k].multiply(grad[j][k]));
      }
    }
    lap = lap.multiply(invN).add(toApfloat(lambda.multiply(p * (long) d), wp));
    Apfloat villani = norm2.multiply(toApfloat(s.reciprocal(), wp)).subtract(lap);
    Apfloat[][] g = new Apfloat[p][d];
    for (int j = 0; j < p; j++) {
      for (int k = 0; k < d; k++) {
        g[j][k] = round(grad[j][k], precision);
      }
    }
    return new LossEstimate(
        round(loss, precision), g, round(lap, precision), round(villani, precision));
  }

  /** The loss alone at W, an apfloat estimate to about {@code precision} digits. */
  public Apfloat lossEstimate(Rational[][] w, long precision) {
    long wp = precision + Interval.GUARD;
    Rational[][] z = preActivations(w);
    int n = data.size();
    Apfloat dataTerm = new Apfloat(0L);
    for (int i = 0; i < n; i++) {
      Apfloat f = new Apfloat(0L);
      for (int j = 0; j < a.length; j++) {
        f = f.add(toApfloat(a[j], wp).multiply(activation.value(toApfloat(z[i][j], wp), wp)));
      }
      Apfloat r = toApfloat(data.y(i), wp).subtract(f);
      dataTerm = dataTerm.add(r.multiply(r));
    }
    Apfloat loss =
        dataTerm.multiply(toApfloat(Rational.of(1, 2 * n), wp))
            .add(toApfloat(lambda.multiply(frobeniusSquared(w)).divide(2), wp));
    return round(loss, precision);
  }

  /** An apfloat approximation of an exact rational at about {@code wp} digits (exact if integer). */
  static Apfloat toApfloat(Rational q, long wp) {
    Apfloat num = Interval.integer(q.getNumerator());
    if (q.isInteger()) {
      return num;
    }
    return num.precision(wp).divide(Interval.integer(q.getDenominator()).precision(wp));
  }

  private static Apfloat round(Apfloat x, long precision) {
    return x.precision() > precision ? x.precision(precision) : x;
  }

  // ---------------------------------------------------------------- rigorous enclosures

  /**
   * Rigorous enclosures, rounded outward to {@code precision} digits, of the residuals, the loss,
   * the gradient, {@code ||grad L||^2}, the Laplacian and {@code V_s} at W. Every number that the
   * formulas above define lies in the corresponding interval.
   *
   * @param s the learning rate in V_s, &gt; 0
   */
  public LossEnclosure enclose(Rational[][] w, Rational s, long precision) {
    positive(s, "s");
    Rational[][] z = preActivations(w);
    int n = data.size();
    int p = a.length;
    int d = data.dimension();
    long prec = precision;
    @Rigorous Interval[] av = new @Rigorous Interval[p];
    for (int j = 0; j < p; j++) {
      av[j] = Interval.of(a[j], prec);
    }
    @Rigorous Interval dataTerm = Interval.of(0, prec);
    @Rigorous Interval[][] sums = new @Rigorous Interval[p][d];
    for (int j = 0; j < p; j++) {
      for (int k = 0; k < d; k++) {
        sums[j][k] = Interval.of(0, prec);
      }
    }
    @Rigorous Interval lap = Interval.of(0, prec);
    @Rigorous Interval[] residuals = new @Rigorous Interval[n];
    for (int i = 0; i < n; i++) {
      Activation.Enclosure[] e = new Activation.Enclosure[p];
      @Rigorous Interval f = Interval.of(0, prec);
      for (int j = 0; j < p; j++) {
        e[j] = activation.enclose(Interval.of(z[i][j], prec));
        f = f.add(av[j].multiply(e[j].value()));
      }
      @Rigorous Interval r = Interval.of(data.y(i), prec).subtract(f);
      residuals[i] = r;
      dataTerm = dataTerm.add(r.square());
      @Rigorous Interval inner = Interval.of(0, prec);
      for (int j = 0; j < p; j++) {
        @Rigorous Interval as = av[j].multiply(e[j].first());
        @Rigorous Interval c = r.multiply(as);
        for (int k = 0; k < d; k++) {
          sums[j][k] = sums[j][k].add(c.multiply(data.x(i, k)));
        }
        inner = inner.add(as.square()).subtract(r.multiply(av[j]).multiply(e[j].second()));
      }
      lap = lap.add(inner.multiply(data.normSquared(i)));
    }
    Rational invN = Rational.of(1, n);
    @Rigorous Interval loss =
        dataTerm.multiply(Rational.of(1, 2 * n))
            .add(lambda.multiply(frobeniusSquared(w)).divide(2));
    @Rigorous Interval[][] grad = new @Rigorous Interval[p][d];
    @Rigorous Interval norm2 = Interval.of(0, prec);
    for (int j = 0; j < p; j++) {
      for (int k = 0; k < d; k++) {
        grad[j][k] = sums[j][k].multiply(invN.negate()).add(lambda.multiply(w[j][k]));
        norm2 = norm2.add(grad[j][k].square());
      }
    }
    lap = lap.multiply(invN).add(lambda.multiply(p * (long) d));
    @Rigorous Interval villani = norm2.multiply(s.reciprocal()).subtract(lap);
    return new LossEnclosure(residuals, loss, grad, norm2, lap, villani);
  }

  private static void positive(Rational s, String name) {
    if (s.signum() <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, not " + s);
    }
  }
}
