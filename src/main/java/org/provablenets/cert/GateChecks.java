package org.provablenets.cert;

import java.math.BigInteger;
import java.util.Arrays;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.exact.linalg.Definiteness;
import org.provablenets.exact.linalg.QMatrix;
import org.provablenets.exact.linalg.QVectors;
import org.provablenets.gate.CertifiedSpectrum;
import org.provablenets.gate.FiniteDistribution;
import org.provablenets.qual.HypothesesChecked;

/**
 * The independent checker of the T2 statements on a finite distribution, collected into a {@link
 * Verdict} (used by the T2 section of the tour). Each check recomputes both sides from the data
 * alone, with plain exact arithmetic over the rationals, and records one condition or the first
 * failure with the amount.
 *
 * <p><b>Independence.</b> The checker reads only the support points ({@link
 * FiniteDistribution#points}), the certified bounds L, U, U4 of the instance (the certificate),
 * and w*, w, eta, b. It never calls the code it checks ({@code gate.GateMath}, {@code
 * gate.GateHypotheses}, {@code gate.GateConstants}): it recomputes {@code Sigma = (1/n) sum x x'},
 * {@code E[||x||^2 x x']}, the symmetry (by counting), the residuals {@code r(x) = ReLU(w*.x) -
 * ReLU(w.x)}, the expectations by enumeration and the [derived] constants {@code c_b = U4/b + (1 -
 * 1/b) U^2/4}, {@code eta = L/(2 c_b)}, {@code rho = 1 - L^2/(4 c_b)} itself. The statements
 * checked are [derived] (see {@code proofs-notes/T2.md}); the certified bounds are re-verified by
 * exact elimination ({@code Sigma - L I}, {@code U I - Sigma}, {@code U4 I - E[||x||^2 xx']}
 * positive semidefinite).
 *
 * <p><b>Cost.</b> O(n d^2 + d^3) for the moments and the re-verification, O(n^2 d) for the
 * symmetry, O(n^b b d) for a one-step expectation and O(n^(bT) b d) for the paths; an
 * enumeration above {@value #BUDGET} cases is refused ({@link IllegalArgumentException}).
 */
public final class GateChecks {
  /** The largest number of batches or sample paths enumerated. */
  public static final long BUDGET = 1_000_000L;

  private final Verdict verdict = new Verdict();

  /** An empty list of checks. */
  public GateChecks() {}

  /** The verdict so far. */
  public Verdict verdict() {
    return verdict;
  }

  /**
   * (A1) symmetry, and the certified bounds L, U, U4 re-verified: {@code L > 0}, and {@code Sigma
   * - L I}, {@code U I - Sigma} and {@code U4 I - E[||x||^2 xx']} are PSD.
   */
  public GateChecks hypotheses(@HypothesesChecked CertifiedSpectrum<FiniteDistribution> inst) {
    Rational[][] xs = inst.distribution().points();
    Rational l = inst.lambdaMinLower();
    Rational u = inst.lambdaMaxUpper();
    Rational u4 = inst.lambda4Upper();
    if (!symmetric(xs)) {
      verdict.fail("(A1) fails: the distribution is not symmetric");
      return this;
    }
    QMatrix sigma = moment(xs, false);
    Rational minusOne = Rational.ONE.negate();
    boolean ok =
        l.signum() > 0
            && Definiteness.isPositiveSemidefinite(sigma.minusIdentity(l))
            && Definiteness.isPositiveSemidefinite(sigma.minusIdentity(u).scale(minusOne))
            && Definiteness.isPositiveSemidefinite(
                moment(xs, true).minusIdentity(u4).scale(minusOne));
    if (!ok) {
      verdict.fail("the certified bounds L = " + Rationals.format(l) + ", U = "
          + Rationals.format(u) + ", U4 = " + Rationals.format(u4) + " do not bound the spectra");
      return this;
    }
    verdict.pass("(A1) symmetric; 0 < L = " + Rationals.format(l) + " <= lambda_min(Sigma), U = "
        + Rationals.format(u) + " >= lambda_max(Sigma), U4 = " + Rationals.format(u4)
        + " >= lambda_4 (re-verified by exact elimination)");
    return this;
  }

  /** The symmetry lemma at w: {@code E[(ReLU(w*.x) - ReLU(w.x)) x] = (1/2) Sigma (w* - w)}. */
  public GateChecks lemma(FiniteDistribution dist, Rational[] wStar, Rational[] w) {
    Rational[][] xs = dist.points();
    Rational[] mean = meanUpdate(xs, wStar, w);
    Rational[] half = halfSigmaDelta(xs, wStar, w);
    Rational[] defect = QVectors.subtract(mean, half);
    if (QVectors.isZero(defect)) {
      verdict.pass("symmetry lemma at w = " + vec(w) + ": E[r x] = (1/2) Sigma (w* - w) = "
          + vec(mean));
    } else {
      verdict.fail("symmetry lemma fails at w = " + vec(w) + ": E[r x] = " + vec(mean)
          + " but (1/2) Sigma (w* - w) = " + vec(half) + " (defect " + vec(defect) + ")");
    }
    return this;
  }

  /** The one-step identity at w: the direct expectation over all n^b batches equals the formula. */
  public GateChecks identity(
      FiniteDistribution dist, Rational[] wStar, Rational[] w, Rational eta, int b) {
    Rational[][] xs = dist.points();
    Rational direct = oneStep(xs, wStar, w, eta, b);
    Rational formula = identityFormula(xs, wStar, w, eta, b);
    if (direct.equals(formula)) {
      verdict.pass("one-step identity at b = " + b + ": E||w' - w*||^2 = "
          + Rationals.format(direct) + " directly (" + xs.length + "^" + b
          + " batches) and by the identity");
    } else {
      verdict.fail("one-step identity fails at b = " + b + ": directly "
          + Rationals.format(direct) + ", by the identity " + Rationals.format(formula)
          + " (difference " + Rationals.format(direct.subtract(formula)) + ")");
    }
    return this;
  }

  /** The contraction inequality: {@code E||w' - w*||^2 <= (1 - eta L + eta^2 c_b) ||w - w*||^2}. */
  public GateChecks contraction(@HypothesesChecked CertifiedSpectrum<FiniteDistribution> inst,
      Rational[] wStar, Rational[] w, Rational eta, int b) {
    Rational direct = oneStep(inst.distribution().points(), wStar, w, eta, b);
    Rational factor =
        Rational.ONE.subtract(eta.multiply(inst.lambdaMinLower())).add(eta.multiply(eta)
            .multiply(cb(inst, b)));
    Rational bound = factor.multiply(QVectors.normSquared(QVectors.subtract(w, wStar)));
    if (direct.compareTo(bound) <= 0) {
      verdict.pass("contraction at b = " + b + ": " + Rationals.format(direct) + " <= "
          + Rationals.format(bound));
    } else {
      verdict.fail("contraction fails at b = " + b + ": E||w' - w*||^2 = "
          + Rationals.format(direct) + " exceeds the bound " + Rationals.format(bound) + " by "
          + Rationals.format(direct.subtract(bound)));
    }
    return this;
  }

  /**
   * The theorem by path enumeration: {@code E||w_{T+1} - w*||^2 <= rho_b^T ||w*||^2} for T = 1
   * .. horizon, with the theorem's step {@code eta = L/(2 c_b)}, from {@code w_1 = 0}.
   */
  public GateChecks theorem(@HypothesesChecked CertifiedSpectrum<FiniteDistribution> inst,
      Rational[] wStar, int b, int horizon) {
    Rational[][] xs = inst.distribution().points();
    Rational l = inst.lambdaMinLower();
    Rational cb = cb(inst, b);
    Rational eta = l.divide(cb.multiply(2));
    Rational rho = Rational.ONE.subtract(l.multiply(l).divide(cb.multiply(4)));
    Rational bound = QVectors.normSquared(wStar);
    for (int t = 1; t <= horizon; t++) {
      bound = bound.multiply(rho);
      BigInteger paths = count(xs.length, b * t, "sample paths");
      Rational e =
          pathSum(xs, wStar, eta, b, t, QVectors.zeros(wStar.length)).divide(Rational.of(paths));
      if (e.compareTo(bound) > 0) {
        verdict.fail("theorem fails at T = " + t + ": E||w_{T+1} - w*||^2 = "
            + Rationals.format(e) + " exceeds rho^T ||w*||^2 = " + Rationals.format(bound));
        return this;
      }
    }
    verdict.pass("theorem by enumerating every sample path, T = 1.." + horizon
        + ": E||w_{T+1} - w*||^2 <= rho^T ||w*||^2");
    return this;
  }

  /**
   * The falsifier: on a distribution without (A1) the lemma fails at w, i.e. the defect {@code
   * E[r x] - (1/2) Sigma (w* - w)} is non-zero. Passes when the lemma fails.
   */
  public GateChecks lemmaFailsWithoutSymmetry(
      FiniteDistribution dist, Rational[] wStar, Rational[] w) {
    Rational[][] xs = dist.points();
    Rational[] defect =
        QVectors.subtract(meanUpdate(xs, wStar, w), halfSigmaDelta(xs, wStar, w));
    if (symmetric(xs)) {
      verdict.fail("the control distribution is symmetric, so it cannot show the lemma failing");
    } else if (QVectors.isZero(defect)) {
      verdict.fail("the lemma holds on the asymmetric control at w = " + vec(w)
          + ", so it does not show the failure");
    } else {
      verdict.pass("without (A1) the lemma fails: defect " + vec(defect) + " at w = " + vec(w));
    }
    return this;
  }

  // ---- the quantities, recomputed from the points ----

  /** Whether every point has as many copies as its negation (each point has mass 1/n). */
  private static boolean symmetric(Rational[][] xs) {
    for (Rational[] p : xs) {
      Rational[] neg = QVectors.negate(p);
      int plus = 0;
      int minus = 0;
      for (Rational[] q : xs) {
        plus += Arrays.equals(q, p) ? 1 : 0;
        minus += Arrays.equals(q, neg) ? 1 : 0;
      }
      if (plus != minus) {
        return false;
      }
    }
    return true;
  }

  /** {@code (1/n) sum x x'}, or with {@code weighted} {@code (1/n) sum ||x||^2 x x'}. */
  private static QMatrix moment(Rational[][] xs, boolean weighted) {
    int d = xs[0].length;
    Rational[][] m = new Rational[d][];
    for (int i = 0; i < d; i++) {
      m[i] = QVectors.zeros(d);
      for (Rational[] x : xs) {
        Rational s = weighted ? QVectors.normSquared(x) : Rational.ONE;
        for (int j = 0; j < d; j++) {
          m[i][j] = m[i][j].add(s.multiply(x[i]).multiply(x[j]));
        }
      }
    }
    return QMatrix.of(m, d).scale(Rational.of(1, xs.length));
  }

  private static Rational relu(Rational z) {
    return z.signum() > 0 ? z : Rational.ZERO;
  }

  /** {@code r(x) = ReLU(w*.x) - ReLU(w.x)}. */
  private static Rational residual(Rational[] wStar, Rational[] w, Rational[] x) {
    return relu(QVectors.dot(wStar, x)).subtract(relu(QVectors.dot(w, x)));
  }

  /** {@code E[r(x) x]}. */
  private static Rational[] meanUpdate(Rational[][] xs, Rational[] wStar, Rational[] w) {
    Rational[] s = QVectors.zeros(wStar.length);
    for (Rational[] x : xs) {
      s = QVectors.add(s, QVectors.scale(residual(wStar, w, x), x));
    }
    return QVectors.scale(Rational.of(1, xs.length), s);
  }

  /** {@code (1/2) Sigma (w* - w)}. */
  private static Rational[] halfSigmaDelta(Rational[][] xs, Rational[] wStar, Rational[] w) {
    return QVectors.scale(Rational.of(1, 2), moment(xs, false).times(QVectors.subtract(wStar, w)));
  }

  /** {@code c_b = U4/b + (1 - 1/b) U^2/4} from the certified bounds. */
  private static Rational cb(CertifiedSpectrum<FiniteDistribution> inst, int b) {
    Rational invB = Rational.of(1, b);
    Rational u = inst.lambdaMaxUpper();
    return inst.lambda4Upper().multiply(invB)
        .add(Rational.ONE.subtract(invB).multiply(u).multiply(u).divide(4));
  }

  /** {@code n^k}, refused above {@link #BUDGET}. */
  private static BigInteger count(int n, int k, String what) {
    BigInteger c = BigInteger.valueOf(n).pow(k);
    if (c.compareTo(BigInteger.valueOf(BUDGET)) > 0) {
      throw new IllegalArgumentException(
          n + "^" + k + " = " + c + " " + what + " to enumerate, above the budget of " + BUDGET);
    }
    return c;
  }

  /** {@code E||w' - w*||^2} for one step from w: the mean over all n^b ordered batches. */
  private static Rational oneStep(
      Rational[][] xs, Rational[] wStar, Rational[] w, Rational eta, int b) {
    BigInteger batches = count(xs.length, b, "ordered batches");
    return pathSum(xs, wStar, eta, b, 1, w).divide(Rational.of(batches));
  }

  /**
   * The sum, over all continuations of T steps from w (each step every ordered batch of b
   * indices), of {@code ||w_end - w*||^2}.
   */
  private static Rational pathSum(
      Rational[][] xs, Rational[] wStar, Rational eta, int b, int steps, Rational[] w) {
    if (steps == 0) {
      return QVectors.normSquared(QVectors.subtract(w, wStar));
    }
    int n = xs.length;
    Rational[][] u = new Rational[n][];
    for (int i = 0; i < n; i++) {
      u[i] = QVectors.scale(residual(wStar, w, xs[i]), xs[i]);
    }
    Rational step = eta.divide(b);
    Rational sum = Rational.ZERO;
    int[] idx = new int[b];
    for (long k = BigInteger.valueOf(n).pow(b).longValueExact(); k > 0; k--) {
      Rational[] g = QVectors.zeros(w.length);
      for (int i : idx) {
        g = QVectors.add(g, u[i]);
      }
      sum = sum.add(pathSum(xs, wStar, eta, b, steps - 1, QVectors.add(w, QVectors.scale(step, g))));
      for (int j = b - 1; j >= 0 && ++idx[j] == n; j--) {
        idx[j] = 0;
      }
    }
    return sum;
  }

  /**
   * The one-step identity [derived]: {@code ||D||^2 - eta D'Sigma D + eta^2 [(1/b) E[r^2 ||x||^2]
   * + (1 - 1/b) ||Sigma D||^2 / 4]}, {@code D = w - w*}.
   */
  private static Rational identityFormula(
      Rational[][] xs, Rational[] wStar, Rational[] w, Rational eta, int b) {
    Rational[] delta = QVectors.subtract(w, wStar);
    Rational[] sigmaDelta = moment(xs, false).times(delta);
    Rational er2x2 = Rational.ZERO;
    for (Rational[] x : xs) {
      Rational r = residual(wStar, w, x);
      er2x2 = er2x2.add(r.multiply(r).multiply(QVectors.normSquared(x)));
    }
    Rational invB = Rational.of(1, b);
    Rational second =
        invB.multiply(er2x2.divide(xs.length))
            .add(Rational.ONE.subtract(invB).multiply(QVectors.normSquared(sigmaDelta)).divide(4));
    return QVectors.normSquared(delta)
        .subtract(eta.multiply(QVectors.dot(delta, sigmaDelta)))
        .add(eta.multiply(eta).multiply(second));
  }

  /** A vector as text, e.g. {@code (1, -2/3)}. */
  private static String vec(Rational[] x) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < x.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(Rationals.format(x[i]));
    }
    return sb.append(')').toString();
  }
}
