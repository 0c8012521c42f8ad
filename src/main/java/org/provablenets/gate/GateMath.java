package org.provablenets.gate;

import java.math.BigInteger;
import org.provablenets.exact.Rational;
import org.provablenets.exact.linalg.QVectors;
import org.provablenets.qual.HypothesesChecked;

/**
 * The exact quantities of T2 on a finite distribution, all over the rationals.
 *
 * <p>Notation: realizable labels {@code y = ReLU(w* . x)}, {@code Delta = w - w*}, {@code r(x) =
 * ReLU(w* . x) - ReLU(w . x)}, the non-gradient update {@code w' = w + eta (1/b) sum_k r(x_k)
 * x_k} with b i.i.d. samples from the distribution (ordered, with replacement).
 *
 * <ul>
 *   <li>{@link #meanUpdate}: {@code E[r(x) x]}; {@link #halfSigmaDelta}: {@code (1/2) Sigma (w* -
 *       w)}. The symmetry lemma [derived] says they are equal under (A1).
 *   <li>{@link #expectedSquaredDistanceDirect}: {@code E||w' - w*||^2} by enumerating all {@code
 *       n^b} ordered batches; {@link #expectedSquaredDistanceIdentity}: the one-step identity
 *       [derived] {@code ||Delta||^2 - eta Delta'Sigma Delta + eta^2 [(1/b) E[r^2 ||x||^2] + (1 -
 *       1/b) (1/4) ||Sigma Delta||^2]}. Equal under (A1).
 *   <li>{@link #contractionBound}: {@code (1 - eta L + eta^2 c_b) ||Delta||^2} with certified
 *       constants [derived]; needs a {@code @HypothesesChecked} instance.
 *   <li>{@link #pathExpectation}: {@code E||w_{T+1} - w*||^2} from {@code w_1 = 0}, by
 *       enumerating all {@code n^(bT)} sample paths; {@link #theoremBound}: {@code rho_b^T
 *       ||w*||^2} [derived].
 * </ul>
 *
 * <p>Enumerations refuse to start above a budget ({@link #DEFAULT_BUDGET} batches or paths,
 * overridable) with an {@link IllegalArgumentException} that states the count.
 *
 * <p><b>Accuracy.</b> Exact. <b>Cost.</b> {@link #meanUpdate} O(n d); direct expectation O(n^b b
 * d); path expectation O(n^(bT) b d) (each node of the path tree is one step).
 */
public final class GateMath {
  private GateMath() {}

  /** The default enumeration budget: at most 10^6 batches or sample paths. */
  public static final long DEFAULT_BUDGET = 1_000_000L;

  /** {@code ReLU(z) = max(z, 0)}. */
  public static Rational relu(Rational z) {
    return z.signum() > 0 ? z : Rational.ZERO;
  }

  private static void requireDims(FiniteDistribution dist, Rational[] v, String name) {
    if (v.length != dist.dimension()) {
      throw new IllegalArgumentException(
          name + " has " + v.length + " coordinates, the support points have "
              + dist.dimension());
    }
  }

  private static void requireBatch(int b) {
    if (b < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + b);
    }
  }

  /** {@code r(x) x = (ReLU(w* . x) - ReLU(w . x)) x} for one point. */
  static Rational[] residualTimesX(Rational[] wStar, Rational[] w, Rational[] x) {
    Rational r = relu(QVectors.dot(wStar, x)).subtract(relu(QVectors.dot(w, x)));
    return QVectors.scale(r, x);
  }

  /** The mean update direction {@code E[(ReLU(w* . x) - ReLU(w . x)) x]}, exact. */
  public static Rational[] meanUpdate(FiniteDistribution dist, Rational[] wStar, Rational[] w) {
    requireDims(dist, wStar, "w*");
    requireDims(dist, w, "w");
    Rational[] s = QVectors.zeros(dist.dimension());
    for (int i = 0; i < dist.size(); i++) {
      s = QVectors.add(s, residualTimesX(wStar, w, dist.point(i)));
    }
    return QVectors.scale(Rational.of(1, dist.size()), s);
  }

  /** {@code (1/2) Sigma (w* - w)}, exact. */
  public static Rational[] halfSigmaDelta(FiniteDistribution dist, Rational[] wStar, Rational[] w) {
    requireDims(dist, wStar, "w*");
    requireDims(dist, w, "w");
    return QVectors.scale(
        Rational.of(1, 2), dist.sigma().times(QVectors.subtract(wStar, w)));
  }

  /**
   * {@code E[ ||w' - w*||^2 ]} for one step from w with batch size b, computed directly: the mean
   * over all {@code n^b} ordered batches {@code (i_1, ..., i_b)} of {@code ||w + eta (1/b) sum_k
   * r(x_{i_k}) x_{i_k} - w*||^2}. No symmetry is used.
   *
   * @throws IllegalArgumentException if b &lt; 1, dimensions differ, or {@code n^b} exceeds the
   *     budget
   */
  public static Rational expectedSquaredDistanceDirect(
      FiniteDistribution dist, Rational[] wStar, Rational[] w, Rational eta, int b) {
    return expectedSquaredDistanceDirect(dist, wStar, w, eta, b, DEFAULT_BUDGET);
  }

  /** As {@link #expectedSquaredDistanceDirect(FiniteDistribution, Rational[], Rational[],
   * Rational, int)} with an explicit budget on the number of batches. */
  public static Rational expectedSquaredDistanceDirect(
      FiniteDistribution dist, Rational[] wStar, Rational[] w, Rational eta, int b, long budget) {
    requireDims(dist, wStar, "w*");
    requireDims(dist, w, "w");
    requireBatch(b);
    BigInteger count = BigInteger.valueOf(dist.size()).pow(b);
    refuseAbove(count, budget, "one-step expectation over all ordered batches needs "
        + dist.size() + "^" + b);
    int n = dist.size();
    Rational[][] u = new Rational[n][];
    for (int i = 0; i < n; i++) {
      u[i] = residualTimesX(wStar, w, dist.point(i));
    }
    Rational[] delta = QVectors.subtract(w, wStar);
    Rational step = eta.divide(b);
    int[] idx = new int[b];
    Rational sum = Rational.ZERO;
    while (true) {
      Rational[] g = QVectors.zeros(dist.dimension());
      for (int k = 0; k < b; k++) {
        g = QVectors.add(g, u[idx[k]]);
      }
      sum = sum.add(QVectors.normSquared(QVectors.add(delta, QVectors.scale(step, g))));
      if (!next(idx, n)) {
        break;
      }
    }
    return sum.divide(Rational.of(count));
  }

  /** Advances an odometer over {0..n-1}^k; false after the last tuple. */
  private static boolean next(int[] idx, int n) {
    for (int k = idx.length - 1; k >= 0; k--) {
      idx[k]++;
      if (idx[k] < n) {
        return true;
      }
      idx[k] = 0;
    }
    return false;
  }

  private static void refuseAbove(BigInteger count, long budget, String what) {
    if (count.compareTo(BigInteger.valueOf(budget)) > 0) {
      throw new IllegalArgumentException(
          what + " = " + count + " cases, above the budget of " + budget
              + "; use a smaller support, batch or horizon, or raise the budget");
    }
  }

  /**
   * The one-step identity of the brief [derived], evaluated exactly:
   *
   * <pre>
   *   ||Delta||^2 - eta Delta'Sigma Delta + eta^2 [ (1/b) E[r^2 ||x||^2] + (1 - 1/b) (1/4) ||Sigma Delta||^2 ]
   * </pre>
   *
   * It equals {@link #expectedSquaredDistanceDirect} when the distribution is symmetric (this is
   * what the property suite checks); without symmetry it generally differs.
   */
  public static Rational expectedSquaredDistanceIdentity(
      FiniteDistribution dist, Rational[] wStar, Rational[] w, Rational eta, int b) {
    requireDims(dist, wStar, "w*");
    requireDims(dist, w, "w");
    requireBatch(b);
    Rational[] delta = QVectors.subtract(w, wStar);
    Rational[] sigmaDelta = dist.sigma().times(delta);
    Rational er2x2 = Rational.ZERO;
    for (int i = 0; i < dist.size(); i++) {
      Rational[] x = dist.point(i);
      Rational r = relu(QVectors.dot(wStar, x)).subtract(relu(QVectors.dot(w, x)));
      er2x2 = er2x2.add(r.multiply(r).multiply(QVectors.normSquared(x)));
    }
    er2x2 = er2x2.divide(dist.size());
    Rational invB = Rational.of(1, b);
    Rational second =
        invB.multiply(er2x2)
            .add(Rational.ONE.subtract(invB).multiply(QVectors.normSquared(sigmaDelta)).divide(4));
    return QVectors.normSquared(delta)
        .subtract(eta.multiply(QVectors.dot(delta, sigmaDelta)))
        .add(eta.multiply(eta).multiply(second));
  }

  /**
   * The certified contraction bound [derived] {@code (1 - eta L + eta^2 c_b) ||w - w*||^2}, an
   * upper bound on {@code E||w' - w*||^2} for every step {@code eta > 0}; it is below {@code
   * ||w - w*||^2} (a contraction) when {@code eta < L / c_b}.
   *
   * @throws IllegalArgumentException if eta &lt;= 0, b &lt; 1 or dimensions differ
   */
  public static Rational contractionBound(
      @HypothesesChecked CertifiedSpectrum<FiniteDistribution> inst, Rational[] wStar, Rational[] w, Rational eta, int b) {
    FiniteDistribution dist = inst.distribution();
    requireDims(dist, wStar, "w*");
    requireDims(dist, w, "w");
    requirePositiveStep(eta);
    GateConstants c = GateHypotheses.constants(inst, b);
    return c.factor(eta).multiply(QVectors.normSquared(QVectors.subtract(w, wStar)));
  }

  private static void requirePositiveStep(Rational eta) {
    if (eta.signum() <= 0) {
      throw new IllegalArgumentException("the step size must be positive");
    }
  }

  /**
   * {@code E||w_{T+1} - w*||^2} for the non-gradient iteration from {@code w_1 = 0} with step eta
   * and batch b, computed exactly by enumerating all {@code n^(bT)} equally likely sample paths
   * (the tree of batches, depth T). No hypothesis is used.
   *
   * @throws IllegalArgumentException if T &lt; 0, b &lt; 1, or {@code n^(bT)} exceeds {@link
   *     #DEFAULT_BUDGET}
   */
  public static Rational pathExpectation(
      FiniteDistribution dist, Rational[] wStar, Rational eta, int b, int steps) {
    return pathExpectation(dist, wStar, eta, b, steps, DEFAULT_BUDGET);
  }

  /** As {@link #pathExpectation(FiniteDistribution, Rational[], Rational, int, int)} with an
   * explicit budget on the number of paths. */
  public static Rational pathExpectation(
      FiniteDistribution dist, Rational[] wStar, Rational eta, int b, int steps, long budget) {
    requireDims(dist, wStar, "w*");
    requireBatch(b);
    if (steps < 0) {
      throw new IllegalArgumentException("the horizon T must be >= 0, got " + steps);
    }
    BigInteger paths = BigInteger.valueOf(dist.size()).pow(b * steps);
    refuseAbove(paths, budget, "path enumeration needs " + dist.size() + "^(" + b + "*" + steps
        + ")");
    Rational total =
        pathSum(dist, wStar, eta, b, steps, QVectors.zeros(dist.dimension()));
    return total.divide(Rational.of(paths));
  }

  /** The sum over all continuations of {@code ||w_end - w*||^2} (not yet divided). */
  private static Rational pathSum(
      FiniteDistribution dist, Rational[] wStar, Rational eta, int b, int steps, Rational[] w) {
    if (steps == 0) {
      return QVectors.normSquared(QVectors.subtract(w, wStar));
    }
    int n = dist.size();
    Rational[][] u = new Rational[n][];
    for (int i = 0; i < n; i++) {
      u[i] = residualTimesX(wStar, w, dist.point(i));
    }
    Rational step = eta.divide(b);
    int[] idx = new int[b];
    Rational sum = Rational.ZERO;
    while (true) {
      Rational[] g = QVectors.zeros(dist.dimension());
      for (int k = 0; k < b; k++) {
        g = QVectors.add(g, u[idx[k]]);
      }
      Rational[] next = QVectors.add(w, QVectors.scale(step, g));
      sum = sum.add(pathSum(dist, wStar, eta, b, steps - 1, next));
      if (!next(idx, n)) {
        break;
      }
    }
    return sum;
  }

  /**
   * The theorem's bound [derived] {@code rho_b^T ||w*||^2} on {@code E||w_{T+1} - w*||^2} from
   * {@code w_1 = 0} with the theorem's step {@code eta = L/(2 c_b)} ({@link
   * GateHypotheses#constants}).
   */
  public static Rational theoremBound(
      @HypothesesChecked CertifiedSpectrum<FiniteDistribution> inst, Rational[] wStar, int b, int steps) {
    GateConstants c = GateHypotheses.constants(inst, b);
    return pathBound(inst, wStar, c.eta(), b, steps);
  }

  /**
   * The bound {@code q(eta)^T ||w*||^2}, {@code q(eta) = 1 - eta L + eta^2 c_b}, on {@code
   * E||w_{T+1} - w*||^2} from {@code w_1 = 0} for any step {@code eta > 0} [derived: the tower
   * property applied T times to the contraction inequality]. With the theorem's step, {@code q =
   * rho_b}.
   */
  public static Rational pathBound(
      @HypothesesChecked CertifiedSpectrum<FiniteDistribution> inst, Rational[] wStar, Rational eta, int b, int steps) {
    requireDims(inst.distribution(), wStar, "w*");
    requirePositiveStep(eta);
    if (steps < 0) {
      throw new IllegalArgumentException("the horizon T must be >= 0, got " + steps);
    }
    Rational q = GateHypotheses.constants(inst, b).factor(eta);
    Rational p = Rational.ONE;
    for (int t = 0; t < steps; t++) {
      p = p.multiply(q);
    }
    return p.multiply(QVectors.normSquared(wStar));
  }
}
