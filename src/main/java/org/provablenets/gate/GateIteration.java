package org.provablenets.gate;

import java.util.Random;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.exact.linalg.QVectors;

/**
 * Trajectories of the T2 iteration on a finite distribution: a {@code double} fast path with
 * seeded sampling and optional label poisoning, and an exact (rational) replay of a given sequence
 * of sample indices, so that the two can be compared step by step.
 *
 * <p><b>The iteration</b> [recalled form]: {@code w_1 = w1} (0 for the theorem),
 *
 * <pre>
 *   NON_GRADIENT:  w_{t+1} = w_t + eta (1/b) sum_k (y_{t,k} - ReLU(w_t . x_{t,k})) x_{t,k}
 *   SGD:           w_{t+1} = w_t + eta (1/b) sum_k (y_{t,k} - ReLU(w_t . x_{t,k})) 1{w_t . x_{t,k} > 0} x_{t,k}
 * </pre>
 *
 * with {@code y = ReLU(w* . x) + A xi} ({@code A xi = 0} without poisoning). SGD is gradient
 * descent on {@code (y - ReLU(w . x))^2 / 2} with the convention {@code ReLU'(0) = 0} (PyTorch's):
 * started at {@code w = 0} it never moves, because every factor {@code 1{0 > 0}} is 0.
 *
 * <p><b>Sampling (double path).</b> Two independent {@link Random} streams: {@code new
 * Random(seed)} draws the support indices (b per step, {@code nextInt(n)}, step by step), and
 * {@code new Random(seed ^ POISON_SALT)} draws the poisoning (per sample: {@code nextDouble() <
 * beta} for A, then {@code nextBoolean()} for a random sign, both always drawn). So the indices
 * depend only on (seed, n, b, steps): a clean run, a poisoned run and an SGD run with the same seed
 * see the same samples.
 *
 * <p><b>Attacks</b> (|xi| &lt;= theta, applied when A = 1):
 *
 * <ul>
 *   <li>{@link Attack#RANDOM_SIGN}: {@code xi = +-theta} with a fair coin;
 *   <li>{@link Attack#WORST_CASE}: {@code xi = theta sign(v_min . x)}, v_min a unit bottom
 *       eigenvector of Sigma computed in double (cyclic Jacobi), its sign fixed so that its first
 *       non-zero coordinate is positive; a stationary attack whose mean bias {@code m = beta theta
 *       E[sign(v_min . x) x]} moves the mean fixed point to {@code w* + 2 Sigma^{-1} m};
 *   <li>{@link Attack#ADAPTIVE}: {@code xi = theta sign((w_t - w*) . x)}, falling back to the
 *       worst-case sign when {@code (w_t - w*) . x = 0}. This is the greedy online adversary: the
 *       attack adds {@code eta (1/b) A xi x} to {@code Delta_t = w_t - w*}, so the first-order
 *       change of {@code ||Delta||^2} is {@code 2 eta (1/b) A xi (Delta_t . x)}, which this choice
 *       maximises over {@code |xi| <= theta}. It needs the current iterate and w*.
 * </ul>
 *
 * <p><b>Accuracy.</b> The exact path is exact. The double path is an estimate; the property
 * suite compares it with the exact replay (see {@code proofs-notes/T2.md}).
 */
public final class GateIteration {
  private GateIteration() {}

  /** Salt of the poisoning stream: {@code new Random(seed ^ POISON_SALT)}. */
  public static final long POISON_SALT = 0x5DEECE66DL * 31L + 0x9E3779B97F4A7C15L;

  /** The update rule. */
  public enum Rule {
    /** The non-gradient (GLM-tron) update of T2. */
    NON_GRADIENT,
    /** SGD on {@code (y - ReLU(w . x))^2 / 2}, with {@code ReLU'(0) = 0}. */
    SGD
  }

  /** The label-poisoning adversaries (see the class comment). */
  public enum Attack {
    /** {@code xi = +-theta}, fair coin. */
    RANDOM_SIGN,
    /** {@code xi = theta sign(v_min . x)}. */
    WORST_CASE,
    /** {@code xi = theta sign((w_t - w*) . x)}. */
    ADAPTIVE
  }

  /** Poisoning parameters: {@code beta* in [0, 1]}, {@code theta* >= 0}, and the attack. */
  public static final class Poisoning {
    private final double beta;
    private final double theta;
    private final Attack attack;

    /**
     * @throws IllegalArgumentException if beta is outside [0, 1] or theta is negative or not
     *     finite
     */
    public Poisoning(double beta, double theta, Attack attack) {
      if (!(beta >= 0 && beta <= 1)) {
        throw new IllegalArgumentException("beta* must lie in [0, 1], got " + beta);
      }
      if (!(theta >= 0) || Double.isInfinite(theta)) {
        throw new IllegalArgumentException("theta* must be finite and >= 0, got " + theta);
      }
      this.beta = beta;
      this.theta = theta;
      this.attack = attack;
    }

    /** The attack probability beta*. */
    public double beta() {
      return beta;
    }

    /** The attack size bound theta*. */
    public double theta() {
      return theta;
    }

    /** The adversary. */
    public Attack attack() {
      return attack;
    }
  }

  /** A double trajectory with the samples that produced it. */
  public static final class DoubleRun {
    private final double[][] iterates;
    private final int[][] indices;
    private final double[][] noise;
    private final double[] squaredDistances;

    DoubleRun(double[][] iterates, int[][] indices, double[][] noise, double[] squaredDistances) {
      this.iterates = iterates;
      this.indices = indices;
      this.noise = noise;
      this.squaredDistances = squaredDistances;
    }

    /** {@code w_1, ..., w_{T+1}} (T + 1 rows). */
    public double[][] iterates() {
      return deepCopy(iterates);
    }

    /** The support indices used at each step (T rows of b entries). */
    public int[][] indices() {
      int[][] c = new int[indices.length][];
      for (int t = 0; t < c.length; t++) {
        c[t] = indices[t].clone();
      }
      return c;
    }

    /** The label perturbation {@code A xi} added to each sample (T rows of b; zero if clean). */
    public double[][] noise() {
      return deepCopy(noise);
    }

    /** {@code ||w_t - w*||^2} for t = 1..T+1 (w* rounded to double). */
    public double[] squaredDistances() {
      return squaredDistances.clone();
    }

    /** The number of steps T. */
    public int steps() {
      return indices.length;
    }
  }

  private static double[][] deepCopy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int t = 0; t < c.length; t++) {
      c[t] = a[t].clone();
    }
    return c;
  }

  private static double[] toDoubles(Rational[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = v[i].toDouble();
    }
    return d;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /**
   * The non-gradient iteration from {@code w_1 = 0}, in double, without poisoning.
   *
   * @see #runDouble(FiniteDistribution, Rational[], double, int, int, long, Rule, double[],
   *     Poisoning)
   */
  public static DoubleRun runDouble(
      FiniteDistribution dist, Rational[] wStar, double eta, int b, int steps, long seed) {
    return runDouble(
        dist, wStar, eta, b, steps, seed, Rule.NON_GRADIENT, new double[dist.dimension()], null);
  }

  /**
   * A double trajectory of T steps with batch b, seeded sampling, an update rule, a start w1 and
   * optional poisoning (see the class comment for the streams and the attacks).
   *
   * @throws IllegalArgumentException for b &lt; 1, T &lt; 0, eta not positive and finite, or
   *     dimensions that differ
   */
  public static DoubleRun runDouble(
      FiniteDistribution dist,
      Rational[] wStar,
      double eta,
      int b,
      int steps,
      long seed,
      Rule rule,
      double[] w1,
      @Nullable Poisoning poisoning) {
    int d = dist.dimension();
    int n = dist.size();
    checkShape(dist, wStar.length, w1.length, b, steps);
    if (!(eta > 0) || Double.isInfinite(eta)) {
      throw new IllegalArgumentException("the step size must be positive and finite, got " + eta);
    }
    double[][] xs = new double[n][];
    for (int i = 0; i < n; i++) {
      xs[i] = toDoubles(dist.point(i));
    }
    double[] ws = toDoubles(wStar);
    double[] vMin = bottomEigenvector(sigmaDouble(xs, d));
    Random indexRng = new Random(seed);
    Random poisonRng = new Random(seed ^ POISON_SALT);
    double[][] iterates = new double[steps + 1][];
    int[][] indices = new int[steps][];
    double[][] noise = new double[steps][];
    double[] sq = new double[steps + 1];
    double[] w = w1.clone();
    iterates[0] = w.clone();
    sq[0] = squaredDistance(w, ws);
    for (int t = 0; t < steps; t++) {
      int[] idx = new int[b];
      double[] nz = new double[b];
      double[] g = new double[d];
      for (int k = 0; k < b; k++) {
        idx[k] = indexRng.nextInt(n);
        double[] x = xs[idx[k]];
        double y = Math.max(dot(ws, x), 0.0);
        if (poisoning != null) {
          boolean attacked = poisonRng.nextDouble() < poisoning.beta();
          boolean coin = poisonRng.nextBoolean();
          if (attacked) {
            nz[k] = poisoning.theta() * attackSign(poisoning.attack(), coin, vMin, w, ws, x);
            y += nz[k];
          }
        }
        double wx = dot(w, x);
        double r = y - Math.max(wx, 0.0);
        if (rule == Rule.SGD && !(wx > 0)) {
          r = 0.0;
        }
        for (int j = 0; j < d; j++) {
          g[j] += r * x[j];
        }
      }
      for (int j = 0; j < d; j++) {
        w[j] += eta * (g[j] / b);
      }
      indices[t] = idx;
      noise[t] = nz;
      iterates[t + 1] = w.clone();
      sq[t + 1] = squaredDistance(w, ws);
    }
    return new DoubleRun(iterates, indices, noise, sq);
  }

  static double attackSign(
      Attack attack, boolean coin, double[] vMin, double[] w, double[] ws, double[] x) {
    switch (attack) {
      case RANDOM_SIGN:
        return coin ? 1.0 : -1.0;
      case ADAPTIVE:
        {
          double s = 0;
          for (int j = 0; j < x.length; j++) {
            s += (w[j] - ws[j]) * x[j];
          }
          if (s != 0) {
            return Math.signum(s);
          }
          return Math.signum(dot(vMin, x));
        }
      case WORST_CASE:
      default:
        return Math.signum(dot(vMin, x));
    }
  }

  private static double squaredDistance(double[] w, double[] ws) {
    double s = 0;
    for (int j = 0; j < w.length; j++) {
      double e = w[j] - ws[j];
      s += e * e;
    }
    return s;
  }

  private static void checkShape(FiniteDistribution dist, int wStarLength, int w1Length, int b,
      int steps) {
    if (wStarLength != dist.dimension()) {
      throw new IllegalArgumentException(
          "w* has " + wStarLength + " coordinates, the support points have " + dist.dimension());
    }
    if (w1Length != dist.dimension()) {
      throw new IllegalArgumentException(
          "w_1 has " + w1Length + " coordinates, the support points have " + dist.dimension());
    }
    if (b < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + b);
    }
    if (steps < 0) {
      throw new IllegalArgumentException("the number of steps must be >= 0, got " + steps);
    }
  }

  /** Sigma in double from double points. */
  private static double[][] sigmaDouble(double[][] xs, int d) {
    double[][] s = new double[d][d];
    for (double[] x : xs) {
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          s[i][j] += x[i] * x[j];
        }
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        s[i][j] /= xs.length;
      }
    }
    return s;
  }

  /**
   * A unit eigenvector for the smallest eigenvalue of a symmetric double matrix (cyclic Jacobi
   * rotations until the off-diagonal mass is below 1e-30 relative, at most 100 sweeps), its sign
   * fixed so that its first coordinate of absolute value above 1e-12 is positive. An estimate.
   */
  public static double[] bottomEigenvector(double[][] symmetric) {
    int d = symmetric.length;
    double[][] a = deepCopy(symmetric);
    double[][] v = new double[d][d];
    for (int i = 0; i < d; i++) {
      v[i][i] = 1.0;
    }
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      double all = 0;
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          all += a[i][j] * a[i][j];
          if (i != j) {
            off += a[i][j] * a[i][j];
          }
        }
      }
      if (off <= 1e-30 * all || off == 0) {
        break;
      }
      for (int p = 0; p < d; p++) {
        for (int q = p + 1; q < d; q++) {
          if (a[p][q] == 0) {
            continue;
          }
          double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < d; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
          }
          for (int k = 0; k < d; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
          }
          for (int k = 0; k < d; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
          }
        }
      }
    }
    int best = 0;
    for (int i = 1; i < d; i++) {
      if (a[i][i] < a[best][best]) {
        best = i;
      }
    }
    double[] e = new double[d];
    double norm = 0;
    for (int k = 0; k < d; k++) {
      e[k] = v[k][best];
      norm += e[k] * e[k];
    }
    norm = Math.sqrt(norm);
    double sign = 0;
    for (int k = 0; k < d && sign == 0; k++) {
      if (Math.abs(e[k]) > 1e-12) {
        sign = Math.signum(e[k]);
      }
    }
    if (sign == 0) {
      sign = 1;
    }
    for (int k = 0; k < d; k++) {
      e[k] = sign * e[k] / norm;
    }
    return e;
  }

  /**
   * The exact non-gradient trajectory from {@code w_1 = 0} on the given sample indices (one row of
   * b indices per step): {@code w_1, ..., w_{T+1}}.
   */
  public static Rational[][] runExact(
      FiniteDistribution dist, Rational[] wStar, Rational eta, int b, int[][] indices) {
    return runExact(
        dist, wStar, eta, b, indices, Rule.NON_GRADIENT, QVectors.zeros(dist.dimension()), null);
  }

  /**
   * The exact trajectory of a rule from w1 on the given sample indices, with optional exact label
   * perturbations (one row of b per step, added to {@code ReLU(w* . x)}; {@code null} for clean
   * labels). Replaying a {@link DoubleRun}'s {@link DoubleRun#indices()} (and, if poisoned, its
   * {@link DoubleRun#noise()} through {@link #exactNoise}) gives the exact counterpart of that run.
   *
   * @throws IllegalArgumentException if a row of indices does not have b entries in [0, n), the
   *     noise has another shape, b &lt; 1, or dimensions differ
   */
  public static Rational[][] runExact(
      FiniteDistribution dist,
      Rational[] wStar,
      Rational eta,
      int b,
      int[][] indices,
      Rule rule,
      Rational[] w1,
      Rational @Nullable [][] labelNoise) {
    checkShape(dist, wStar.length, w1.length, b, indices.length);
    if (labelNoise != null && labelNoise.length != indices.length) {
      throw new IllegalArgumentException(
          "label noise has " + labelNoise.length + " rows, the indices " + indices.length);
    }
    int n = dist.size();
    Rational[][] out = new Rational[indices.length + 1][];
    Rational[] w = w1.clone();
    out[0] = w.clone();
    Rational step = eta.divide(b);
    for (int t = 0; t < indices.length; t++) {
      int[] idx = indices[t];
      if (idx.length != b) {
        throw new IllegalArgumentException(
            "step " + (t + 1) + " lists " + idx.length + " sample indices, batch size is " + b);
      }
      Rational @Nullable [] nz = labelNoise == null ? null : labelNoise[t];
      if (nz != null && nz.length != b) {
        throw new IllegalArgumentException(
            "step " + (t + 1) + " has " + nz.length + " label perturbations, batch size is " + b);
      }
      Rational[] g = QVectors.zeros(dist.dimension());
      for (int k = 0; k < b; k++) {
        if (idx[k] < 0 || idx[k] >= n) {
          throw new IllegalArgumentException(
              "step " + (t + 1) + ": sample index " + idx[k] + " is outside 0.." + (n - 1));
        }
        Rational[] x = dist.point(idx[k]);
        Rational y = GateMath.relu(QVectors.dot(wStar, x));
        if (nz != null) {
          y = y.add(nz[k]);
        }
        Rational wx = QVectors.dot(w, x);
        Rational r = y.subtract(GateMath.relu(wx));
        if (rule == Rule.SGD && wx.signum() <= 0) {
          r = Rational.ZERO;
        }
        g = QVectors.add(g, QVectors.scale(r, x));
      }
      w = QVectors.add(w, QVectors.scale(step, g));
      out[t + 1] = w.clone();
    }
    return out;
  }

  /** The exact rational values of a double run's label perturbations, for {@link #runExact}. */
  public static Rational[][] exactNoise(DoubleRun run) {
    double[][] nz = run.noise();
    Rational[][] out = new Rational[nz.length][];
    for (int t = 0; t < nz.length; t++) {
      out[t] = new Rational[nz[t].length];
      for (int k = 0; k < nz[t].length; k++) {
        out[t][k] = Rationals.ofDouble(nz[t][k]);
      }
    }
    return out;
  }

  /**
   * For each step, {@code max_j |exact_j - approx_j|}, the difference taken exactly (every double
   * is a rational) and then rounded to double.
   *
   * @throws IllegalArgumentException if the shapes differ
   */
  public static double[] deviations(Rational[][] exact, double[][] approx) {
    if (exact.length != approx.length) {
      throw new IllegalArgumentException(
          "trajectories have " + exact.length + " and " + approx.length + " iterates");
    }
    double[] dev = new double[exact.length];
    for (int t = 0; t < exact.length; t++) {
      if (exact[t].length != approx[t].length) {
        throw new IllegalArgumentException("iterate " + (t + 1) + " has another dimension");
      }
      Rational m = Rational.ZERO;
      for (int j = 0; j < exact[t].length; j++) {
        m = Rationals.max(m, exact[t][j].subtract(Rationals.ofDouble(approx[t][j])).abs());
      }
      dev[t] = m.toDouble();
    }
    return dev;
  }
}
