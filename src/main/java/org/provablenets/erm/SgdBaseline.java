package org.provablenets.erm;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;

/**
 * Plain gradient descent in {@code double} on the mean squared loss of a width-w ReLU net {@code
 * f(x) = sum_i v_i max(0, a_i . x + b_i) [+ c]} (output weights v trained too), from a seeded
 * random start: the local-search baseline that the exact optimum is compared with.
 *
 * <p>Its result is an estimate, not a bound: it shows where local search lands, and its loss is
 * recomputed exactly (after converting the final weights to rationals) before any comparison.
 * Cost: O(steps D w n) floating-point operations.
 */
public final class SgdBaseline {
  private SgdBaseline() {}

  /** The trained parameters: per unit the weights a_i, bias b_i and output weight v_i, and c. */
  public static final class Params {
    /** First-layer weights, w x n. */
    public final double[][] a;
    /** First-layer biases. */
    public final double[] b;
    /** Output weights. */
    public final double[] v;
    /** Output bias (0 without one). */
    public double c;

    Params(int w, int n) {
      a = new double[w][n];
      b = new double[w];
      v = new double[w];
    }

    /**
     * The exact rational net of these {@code double} parameters, sign-normalised ({@link
     * ReluNet#fromOutputWeights}). every double is a rational ({@link
     * Rationals#ofDouble}), so this is the net
     * gradient descent produced, not an approximation of it.
     */
    public ReluNet exactNet() {
      int w = v.length;
      Rational[][] wa = new Rational[w][];
      Rational[] wb = new Rational[w];
      Rational[] wv = new Rational[w];
      for (int i = 0; i < w; i++) {
        wa[i] = new Rational[a[i].length];
        for (int k = 0; k < wa[i].length; k++) {
          wa[i][k] = Rationals.ofDouble(a[i][k]);
        }
        wb[i] = Rationals.ofDouble(b[i]);
        wv[i] = Rationals.ofDouble(v[i]);
      }
      return ReluNet.fromOutputWeights(wa, wb, wv, Rationals.ofDouble(c));
    }
  }

  /** One run of {@link #compare}: its seed, the exact loss of its final net, and that minus the optimum. */
  public record Run(int seed, Rational loss, Rational gap) {}

  /**
   * The T1 guarantee against local search: gradient descent from seeds {@code 1..runs} on the data
   * rounded to {@code double}, each final net made exact ({@link Params#exactNet}) and its mean
   * squared loss on the exact data computed exactly, beside the certified {@code optimum}. The
   * theorem says no gap is negative.
   *
   * <p>Cost: {@code runs * steps} passes of O(D w n) {@code double} operations, and one exact loss
   * per run.
   */
  public static List<Run> compare(Dataset data, int width, boolean outputBias, int steps,
      double rate, int runs, Rational optimum) {
    double[][] x = new double[data.size()][];
    double[] y = new double[data.size()];
    for (int j = 0; j < data.size(); j++) {
      Rational[] xj = data.x(j);
      x[j] = new double[xj.length];
      for (int k = 0; k < xj.length; k++) {
        x[j][k] = xj[k].toDouble();
      }
      y[j] = data.y(j).toDouble();
    }
    List<Run> out = new ArrayList<>();
    for (int seed = 1; seed <= runs; seed++) {
      Rational loss = train(x, y, width, outputBias, steps, rate, seed).exactNet()
          .loss(data, Loss.SQUARED);
      out.add(new Run(seed, loss, loss.subtract(optimum)));
    }
    return out;
  }

  /**
   * Runs full-batch gradient descent.
   *
   * @param x inputs as doubles (D x n); {@code y} labels
   * @param width w
   * @param outputBias whether c is trained
   * @param steps number of steps
   * @param rate step size
   * @param seed the start is N(0, 1) entries from this seed
   */
  public static Params train(
      double[][] x, double[] y, int width, boolean outputBias, int steps, double rate,
      long seed) {
    int d = y.length;
    int n = x[0].length;
    Random rnd = new Random(seed);
    Params p = new Params(width, n);
    for (int i = 0; i < width; i++) {
      for (int k = 0; k < n; k++) {
        p.a[i][k] = rnd.nextGaussian();
      }
      p.b[i] = rnd.nextGaussian();
      p.v[i] = rnd.nextGaussian();
    }
    double[] pre = new double[width];
    for (int s = 0; s < steps; s++) {
      double[][] ga = new double[width][n];
      double[] gb = new double[width];
      double[] gv = new double[width];
      double gc = 0;
      for (int j = 0; j < d; j++) {
        double f = p.c;
        for (int i = 0; i < width; i++) {
          double z = p.b[i];
          for (int k = 0; k < n; k++) {
            z += p.a[i][k] * x[j][k];
          }
          pre[i] = z;
          if (z > 0) {
            f += p.v[i] * z;
          }
        }
        double r = 2 * (f - y[j]) / d;
        gc += r;
        for (int i = 0; i < width; i++) {
          if (pre[i] > 0) {
            gv[i] += r * pre[i];
            double back = r * p.v[i];
            gb[i] += back;
            for (int k = 0; k < n; k++) {
              ga[i][k] += back * x[j][k];
            }
          }
        }
      }
      for (int i = 0; i < width; i++) {
        p.v[i] -= rate * gv[i];
        p.b[i] -= rate * gb[i];
        for (int k = 0; k < n; k++) {
          p.a[i][k] -= rate * ga[i][k];
        }
      }
      if (outputBias) {
        p.c -= rate * gc;
      }
    }
    return p;
  }
}
