package org.provablenets.villani;

import java.util.Arrays;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The regularised loss {@code L(W) = (1/(2n)) sum_i (y_i - a . sigma(W x_i))^2 + (lambda/2)
 * ||W||_F^2} and its gradient in {@code double}, for inner loops (SGD and Euler-Maruyama, {@link
 * SgdMonteCarlo}). The data, the outer weights and lambda are rounded to {@code double} once, here;
 * W is flattened row by row ({@code W[j][k]} at index {@code j d + k}). Every value is an
 * <b>estimate</b>; {@code RegularisedLoss#fast} computes the same loss and gradient (plus the
 * Laplacian) and the example tests check the two agree.
 *
 * <p><b>Cost.</b> O(n p d) per evaluation, no allocation.
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
        x[i][k] = RegularisedLoss.toDouble(data.x(i, k));
      }
      y[i] = RegularisedLoss.toDouble(data.y(i));
    }
    this.a = new double[p];
    for (int j = 0; j < p; j++) {
      a[j] = RegularisedLoss.toDouble(loss.outerWeights()[j]);
    }
    this.lambda = RegularisedLoss.toDouble(loss.lambda());
    this.activation = loss.activation();
    this.z = new double[p];
  }

  /** The number of trained parameters m = p d. */
  public int parameters() {
    return p * d;
  }

  /** L(W) at the flattened W. */
  public double value(double[] w) {
    return evaluate(w, null);
  }

  /**
   * L(W) at the flattened W, writing grad L(W) into {@code gradient} (of length p d). Not
   * thread-safe (one scratch array per instance): give each thread its own copy ({@link #copy}).
   */
  public double valueAndGradient(double[] w, double[] gradient) {
    return evaluate(w, gradient);
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

  private double evaluate(double[] w, double @Nullable [] gradient) {
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
