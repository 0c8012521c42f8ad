package org.provablenets.villani;

import java.util.Arrays;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The regularised loss {@code L(W) = (1/(2n)) sum_i (y_i - a . sigma(W x_i))^2 + (lambda/2)
 * ||W||_F^2}, its gradient, Laplacian and Villani quantity in {@code double}: the one {@code
 * double} fast path of T3 (the formulas are in {@link RegularisedLoss}), used by the inner loops
 * (SGD and Euler-Maruyama, {@link SgdMonteCarlo}; the grid numerics, {@link ConvergenceBound}).
 * The data, the outer weights and lambda are rounded to {@code double} once, here; W is flattened
 * row by row ({@code W[j][k]} at index {@code j d + k}). Every value is an <b>estimate</b>; the
 * example tests and the property suite check it against {@link RegularisedLoss#estimate}.
 *
 * <p><b>Cost.</b> O(n p d) per evaluation, no allocation for the loss and its gradient.
 */
public final class DoubleLoss {
  private final double[][] x;
  private final double[] y;
  private final double[] a;
  private final double lambda;
  private final Activation activation;
  private final int p;
  private final int d;
  private final double[] z;

  /** {@code double} values of the loss, its gradient (p x d), Laplacian and V_s. */
  public record Values(double loss, double[][] gradient, double laplacian, double villani) {}

  /** The loss of the given exact instance, rounded to {@code double}. */
  public DoubleLoss(RegularisedLoss loss) {
    TrainingData data = loss.data();
    int n = data.size();
    this.d = data.dimension();
    this.p = loss.width();
    this.x = new double[n][d];
    this.y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        x[i][k] = data.x(i, k).toDouble();
      }
      y[i] = data.y(i).toDouble();
    }
    this.a = new double[p];
    for (int j = 0; j < p; j++) {
      a[j] = loss.outerWeights()[j].toDouble();
    }
    this.lambda = loss.lambda().toDouble();
    this.activation = loss.activation();
    this.z = new double[p];
  }

  /** The number of trained parameters m = p d. */
  public int parameters() {
    return p * d;
  }

  /** L(W) at the flattened W. */
  public double value(double[] w) {
    return evaluate(w, null, null);
  }

  /**
   * L(W) at the flattened W, writing grad L(W) into {@code gradient} (of length p d). Not
   * thread-safe (one scratch array per instance): give each thread its own copy ({@link #copy}).
   */
  public double valueAndGradient(double[] w, double[] gradient) {
    return evaluate(w, gradient, null);
  }

  /**
   * The loss, gradient, Laplacian and {@code V_s = ||grad L||^2/s - Laplacian L} at W (p rows of
   * d), in {@code double}.
   */
  public Values all(double[][] w, double s) {
    if (w.length != p || (p > 0 && w[0].length != d)) {
      throw new IllegalArgumentException("W is " + w.length + " x "
          + (w.length == 0 ? 0 : w[0].length) + " but must be p x d = " + p + " x " + d);
    }
    double[] flat = new double[p * d];
    for (int j = 0; j < p; j++) {
      System.arraycopy(w[j], 0, flat, j * d, d);
    }
    double[] g = new double[p * d];
    double[] lap = new double[1];
    double loss = evaluate(flat, g, lap);
    double[][] grad = new double[p][d];
    double norm2 = 0;
    for (int q = 0; q < g.length; q++) {
      grad[q / d][q % d] = g[q];
      norm2 += g[q] * g[q];
    }
    return new Values(loss, grad, lap[0], norm2 / s - lap[0]);
  }

  /** An independent instance with the same loss (for another thread). */
  public DoubleLoss copy() {
    return new DoubleLoss(this);
  }

  private DoubleLoss(DoubleLoss o) {
    this.x = o.x;
    this.y = o.y;
    this.a = o.a;
    this.lambda = o.lambda;
    this.activation = o.activation;
    this.p = o.p;
    this.d = o.d;
    this.z = new double[o.p];
  }

  /**
   * L(W); with {@code gradient}, grad L(W) written into it; with {@code laplacian} (length 1), the
   * Laplacian {@code (1/n) sum_i ||x_i||^2 sum_j [a_j^2 sigma'^2 - r_i a_j sigma''] + lambda p d}
   * written into its entry.
   */
  private double evaluate(
      double[] w, double @Nullable [] gradient, double @Nullable [] laplacian) {
    int n = y.length;
    if (gradient != null) {
      Arrays.fill(gradient, 0.0);
    }
    double dataTerm = 0;
    for (int i = 0; i < n; i++) {
      double f = 0;
      for (int j = 0; j < p; j++) {
        double s = 0;
        for (int k = 0; k < d; k++) {
          s += w[j * d + k] * x[i][k];
        }
        z[j] = s;
        f += a[j] * activation.value(s);
      }
      double r = y[i] - f;
      dataTerm += r * r;
      if (gradient != null) {
        for (int j = 0; j < p; j++) {
          double c = -r * a[j] * activation.first(z[j]) / n;
          for (int k = 0; k < d; k++) {
            gradient[j * d + k] += c * x[i][k];
          }
        }
      }
      if (laplacian != null) {
        double xx = 0;
        for (int k = 0; k < d; k++) {
          xx += x[i][k] * x[i][k];
        }
        double inner = 0;
        for (int j = 0; j < p; j++) {
          double as = a[j] * activation.first(z[j]);
          inner += as * as - r * a[j] * activation.second(z[j]);
        }
        laplacian[0] += inner * xx;
      }
    }
    if (laplacian != null) {
      laplacian[0] = laplacian[0] / n + lambda * p * d;
    }
    double w2 = 0;
    for (int q = 0; q < w.length; q++) {
      w2 += w[q] * w[q];
      if (gradient != null) {
        gradient[q] += lambda * w[q];
      }
    }
    return dataTerm / (2.0 * n) + lambda / 2 * w2;
  }
}
