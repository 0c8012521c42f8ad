package org.provablenets.erm;

import org.provablenets.exact.Rational;
import org.provablenets.exact.linalg.QVectors;

/**
 * A depth-2 ReLU net in normalised form {@code f(x) = sum_i s_i max(0, a_i . x + b_i) + c}, s_i in
 * {-1, +1}, with exact rational parameters. Every net {@code sum_i a'_i max(0, a_i . x + b_i) + c}
 * has this form by positive homogeneity: {@code a' max(0, t) = sign(a') max(0, |a'| t)} [paper].
 */
public final class ReluNet {
  private final Rational[][] weights;
  private final Rational[] biases;
  private final int[] signs;
  private final Rational outputBias;

  /**
   * @param weights w rows of n weights
   * @param biases w biases
   * @param signs w signs, each -1 or +1
   * @param outputBias c (zero when the model has no output bias)
   */
  public ReluNet(Rational[][] weights, Rational[] biases, int[] signs, Rational outputBias) {
    if (weights.length != biases.length || weights.length != signs.length) {
      throw new IllegalArgumentException("units disagree in number");
    }
    for (int s : signs) {
      if (s != 1 && s != -1) {
        throw new IllegalArgumentException("a unit's sign must be 1 or -1, not " + s);
      }
    }
    this.weights = new Rational[weights.length][];
    for (int i = 0; i < weights.length; i++) {
      this.weights[i] = weights[i].clone();
    }
    this.biases = biases.clone();
    this.signs = signs.clone();
    this.outputBias = outputBias;
  }

  /**
   * The normalised form of a net with general output weights {@code a'_i}: sign(a'_i) and the
   * first layer scaled by |a'_i| (a zero output weight gives a dead unit with zero weights).
   */
  public static ReluNet fromOutputWeights(
      Rational[][] weights, Rational[] biases, Rational[] outputWeights, Rational outputBias) {
    int w = weights.length;
    Rational[][] a = new Rational[w][];
    Rational[] b = new Rational[w];
    int[] s = new int[w];
    for (int i = 0; i < w; i++) {
      Rational m = outputWeights[i].abs();
      a[i] = QVectors.scale(m, weights[i]);
      b[i] = biases[i].multiply(m);
      s[i] = outputWeights[i].signum() < 0 ? -1 : 1;
    }
    return new ReluNet(a, b, s, outputBias);
  }

  /** Width w. */
  public int width() {
    return signs.length;
  }

  /** A copy of unit i's weights. */
  public Rational[] weights(int i) {
    return weights[i].clone();
  }

  /** Unit i's bias. */
  public Rational bias(int i) {
    return biases[i];
  }

  /** Unit i's sign. */
  public int sign(int i) {
    return signs[i];
  }

  /** The output bias c. */
  public Rational outputBias() {
    return outputBias;
  }

  /** {@code f(x)}, exactly. */
  public Rational evaluate(Rational[] x) {
    Rational f = outputBias;
    for (int i = 0; i < signs.length; i++) {
      Rational pre = QVectors.dot(weights[i], x).add(biases[i]);
      if (pre.signum() > 0) {
        f = signs[i] > 0 ? f.add(pre) : f.subtract(pre);
      }
    }
    return f;
  }

  /**
   * The mean loss {@code (1/D) sum_j l(f(x_j), y_j)}, exactly, computed from the net alone.
   *
   * @throws IllegalArgumentException if the input dimension differs from the data's
   */
  public Rational loss(Dataset data, Loss loss) {
    for (Rational[] a : weights) {
      if (a.length != data.dimension()) {
        throw new IllegalArgumentException(
            "the net has " + a.length + " inputs per unit but the data has " + data.dimension());
      }
    }
    Rational s = Rational.ZERO;
    for (int j = 0; j < data.size(); j++) {
      s = s.add(loss.value(evaluate(data.x(j)), data.y(j)));
    }
    return s.divide(data.size());
  }
}
