package org.provablenets.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.provablenets.exact.PropertySettings;
import org.provablenets.exact.Rational;
import org.provablenets.exact.linalg.QMatrix;
import org.provablenets.exact.linalg.QVectors;

/**
 * Properties of T2 on <b>sampled</b> families (Gaussian, cube, Student-t, symmetric mixture, the
 * shifted-Gaussian control) and of the Monte Carlo and poisoning checks.
 *
 * <p><b>Every property here is statistical with a fixed seed</b> (the QuickTheories seed and the
 * sampling seeds are fixed): it is a regression check, not a probability statement, and a failure
 * is reproducible. The margins are 6 sample standard errors unless stated; where the margin is a
 * derived constant (the Hoeffding range) it is exact. Each guarantee has a falsifier: the same
 * comparison rejects a wrong formula, an asymmetric family or a step that is too large.
 */
class GateSampledProperties {
  private static final long SEED = 2005_04211L + 1000;
  private static final Rational WIDTH = Rational.of(1, 1000);
  private static final double K = GateMonteCarlo.FIXED_SEED_MARGIN;

  // ---------------------------------------------------------------- generators

  /** A random covariance {@code B B'} with small integer B (positive definite unless unlucky). */
  private static QMatrix covariance(Random rnd, int d) {
    while (true) {
      Rational[][] b = new Rational[d][d];
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          b[i][j] = Rational.of(rnd.nextInt(5) - 2 + (i == j ? 2 : 0), 1 + rnd.nextInt(2));
        }
      }
      QMatrix bm = QMatrix.of(b, d);
      QMatrix s = bm.times(bm.transpose());
      if (org.provablenets.exact.linalg.Definiteness.isPositiveDefinite(s)) {
        return s;
      }
    }
  }

  private static Rational[] vector(Random rnd, int d) {
    Rational[] v = new Rational[d];
    for (int i = 0; i < d; i++) {
      v[i] = Rational.of(rnd.nextInt(7) - 3, 1 + rnd.nextInt(2));
    }
    if (QVectors.isZero(v)) {
      v[0] = Rational.ONE;
    }
    return v;
  }

  /** One of the four symmetric families, chosen by the seed. */
  private static SampledDistribution symmetricFamily(Random rnd, int kind, int d, int minNu) {
    switch (kind) {
      case 0:
        return SampledDistribution.gaussian(covariance(rnd, d));
      case 1:
        return SampledDistribution.cube(d, Rational.of(1 + rnd.nextInt(4), 1 + rnd.nextInt(2)));
      case 2:
        return SampledDistribution.student(covariance(rnd, d), minNu + rnd.nextInt(4));
      default:
        return SampledDistribution.mixture(covariance(rnd, d), vector(rnd, d));
    }
  }

  private static double[] toDoubles(Rational[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = v[i].toDouble();
    }
    return d;
  }

  /** Mean and standard error of each entry of {@code f(x)} (a d x d matrix) over n draws. */
  private static double[][][] momentStats(SampledDistribution dist, long seed, int n,
      boolean fourth) {
    int d = dist.dimension();
    double[][] sum = new double[d][d];
    double[][] sumSq = new double[d][d];
    double[] x = new double[d];
    SplittableRandom rng = new SplittableRandom(seed);
    for (int k = 0; k < n; k++) {
      dist.sample(rng, x);
      double w = 1;
      if (fourth) {
        w = 0;
        for (double v : x) {
          w += v * v;
        }
      }
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          double f = w * x[i] * x[j];
          sum[i][j] += f;
          sumSq[i][j] += f * f;
        }
      }
    }
    double[][] mean = new double[d][d];
    double[][] se = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        mean[i][j] = sum[i][j] / n;
        double var = Math.max(0, sumSq[i][j] / n - mean[i][j] * mean[i][j]);
        se[i][j] = Math.sqrt(var / n);
      }
    }
    return new double[][][] {mean, se};
  }

  /** The largest {@code |empirical - exact| / (se + tiny)} over the entries. */
  private static double worstZ(double[][][] stats, QMatrix exact) {
    double worst = 0;
    for (int i = 0; i < exact.rows(); i++) {
      for (int j = 0; j < exact.cols(); j++) {
        double diff = Math.abs(stats[0][i][j] - exact.get(i, j).toDouble());
        worst = Math.max(worst, diff / (stats[1][i][j] + 1e-12));
      }
    }
    return worst;
  }

  // ---------------------------------------------------------------- closed-form moments

  @Test
  @DisplayName("sampled families: the empirical E[xx'] and E[||x||^2 xx'] agree with the exact"
      + " closed forms within 6 standard errors (fixed seed)")
  void sampledMomentsMatchClosedForms() {
    AtomicInteger[] seen = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger(),
        new AtomicInteger()};
    qt().withExamples(PropertySettings.examples(24))
        .withFixedSeed(SEED + 1)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Random rnd = new Random(seed);
              int kind = rnd.nextInt(4);
              int d = 1 + rnd.nextInt(3);
              // nu >= 9: the eighth moment is finite, so the standard error of the fourth
              // moment is meaningful
              SampledDistribution dist = symmetricFamily(rnd, kind, d, 9);
              seen[kind].incrementAndGet();
              double z2 = worstZ(momentStats(dist, seed, 40_000, false), dist.sigma());
              double z4 = worstZ(momentStats(dist, seed + 1, 40_000, true), dist.lambda4Matrix());
              assertTrue(z2 <= K, "seed " + seed + " " + dist.describe() + ": Sigma off by " + z2
                  + " standard errors");
              assertTrue(z4 <= K, "seed " + seed + " " + dist.describe()
                  + ": E[||x||^2 xx'] off by " + z4 + " standard errors");
            });
    for (AtomicInteger a : seen) {
      assertTrue(a.get() > 0, "every family is generated");
    }
  }

  @Test
  @DisplayName("falsifier: the Gaussian fourth moment without the 2 S^2 term of Isserlis'"
      + " theorem is rejected by the same comparison")
  void momentCheckRejectsAWrongClosedForm() {
    qt().withExamples(PropertySettings.examples(12))
        .withFixedSeed(SEED + 2)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Random rnd = new Random(seed);
              int d = 1 + rnd.nextInt(3);
              QMatrix s = covariance(rnd, d);
              SampledDistribution dist = SampledDistribution.gaussian(s);
              Rational tr = Rational.ZERO;
              for (int i = 0; i < d; i++) {
                tr = tr.add(s.get(i, i));
              }
              QMatrix wrong = s.scale(tr);
              double z = worstZ(momentStats(dist, seed, 40_000, true), wrong);
              assertTrue(z > K, "seed " + seed + ": the wrong formula passed, z = " + z);
            });
  }

  // ---------------------------------------------------------------- the symmetry lemma

  /** Mean and standard error of {@code r(x) x} over n draws, per coordinate. */
  private static double[][] meanUpdateStats(SampledDistribution dist, double[] ws, double[] w,
      long seed, int n) {
    int d = dist.dimension();
    double[] sum = new double[d];
    double[] sumSq = new double[d];
    double[] x = new double[d];
    SplittableRandom rng = new SplittableRandom(seed);
    for (int k = 0; k < n; k++) {
      dist.sample(rng, x);
      double r = Math.max(GateIteration.dot(ws, x), 0) - Math.max(GateIteration.dot(w, x), 0);
      for (int j = 0; j < d; j++) {
        double f = r * x[j];
        sum[j] += f;
        sumSq[j] += f * f;
      }
    }
    double[][] out = new double[2][d];
    for (int j = 0; j < d; j++) {
      out[0][j] = sum[j] / n;
      out[1][j] = Math.sqrt(Math.max(0, sumSq[j] / n - out[0][j] * out[0][j]) / n);
    }
    return out;
  }

  @Test
  @DisplayName("T2 lemma on sampled symmetric families: the Monte Carlo mean of r(x) x equals"
      + " (1/2) Sigma (w* - w) within 6 standard errors (fixed seed)")
  void symmetricFamiliesLinearizeTheMeanUpdate() {
    qt().withExamples(PropertySettings.examples(24))
        .withFixedSeed(SEED + 3)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Random rnd = new Random(seed);
              int d = 1 + rnd.nextInt(3);
              SampledDistribution dist = symmetricFamily(rnd, rnd.nextInt(4), d, 5);
              Rational[] ws = vector(rnd, d);
              Rational[] w = vector(rnd, d);
              double[] half =
                  toDoubles(QVectors.scale(Rational.of(1, 2),
                      dist.sigma().times(QVectors.subtract(ws, w))));
              double[][] st = meanUpdateStats(dist, toDoubles(ws), toDoubles(w), seed, 40_000);
              for (int j = 0; j < d; j++) {
                double z = Math.abs(st[0][j] - half[j]) / (st[1][j] + 1e-12);
                assertTrue(z <= K, "seed " + seed + " " + dist.describe() + ": coordinate " + j
                    + " off by " + z + " standard errors");
              }
            });
  }

  @Test
  @DisplayName("falsifier: for the shifted Gaussian N(mu, S) with w*.mu > 0 the Monte Carlo mean"
      + " update at w = 0 differs from (1/2) Sigma w* by more than 6 standard errors")
  void shiftedGaussianBreaksTheLemma() {
    qt().withExamples(PropertySettings.examples(16))
        .withFixedSeed(SEED + 4)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Random rnd = new Random(seed);
              int d = 1 + rnd.nextInt(3);
              QMatrix s = covariance(rnd, d);
              Rational[] ws = vector(rnd, d);
              // mu = m w* with w*.mu = m ||w*||^2 >= sqrt(w*'S w*): the shift is at least one
              // standard deviation of w*.x
              double sd = Math.sqrt((
                  QVectors.dot(ws, s.times(ws))).toDouble());
              double n2 = QVectors.normSquared(ws).toDouble();
              long m = 1 + (long) Math.ceil(sd / n2);
              SampledDistribution dist =
                  SampledDistribution.shifted(s, QVectors.scale(Rational.of(m), ws));
              assertTrue(!dist.isSymmetric());
              double[] w0 = new double[d];
              double[] half =
                  toDoubles(QVectors.scale(Rational.of(1, 2), dist.sigma().times(ws)));
              double[][] st = meanUpdateStats(dist, toDoubles(ws), w0, seed, 40_000);
              double worst = 0;
              for (int j = 0; j < d; j++) {
                worst = Math.max(worst, Math.abs(st[0][j] - half[j]) / (st[1][j] + 1e-12));
              }
              assertTrue(worst > K, "seed " + seed + ": the lemma looked true, z = " + worst);
              // and the checker refuses it
              try {
                GateHypotheses.checkSampled(dist, WIDTH);
                throw new AssertionError("checkSampled accepted the shifted Gaussian");
              } catch (HypothesisFailedException e) {
                assertEquals("A1", e.failures().get(0).hypothesis());
              }
            });
  }

  // ---------------------------------------------------------------- Monte Carlo vs the theorem

  @Test
  @DisplayName("T2 theorem by Monte Carlo on sampled symmetric families: the mean of"
      + " ||w_{T+1} - w*||^2 is not above rho^T ||w*||^2 (fixed seed, 6 standard errors)")
  void monteCarloRespectsTheTheoremBound() {
    qt().withExamples(PropertySettings.examples(12))
        .withFixedSeed(SEED + 5)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Random rnd = new Random(seed);
              int d = 1 + rnd.nextInt(3);
              int b = 1 + rnd.nextInt(3);
              SampledDistribution dist = symmetricFamily(rnd, rnd.nextInt(4), d, 5);
              GateConstants c = GateHypotheses.constants(GateHypotheses.checkSampled(dist,
                  WIDTH), b);
              Rational[] ws = vector(rnd, d);
              int steps = 20 + rnd.nextInt(40);
              GateMonteCarlo.Runs runs = GateMonteCarlo.run(GateMonteCarlo.of(dist),
                  toDoubles(ws), c.eta().toDouble(), b, steps, 300, seed, null);
              double bound = c.rho().toDouble() > 0
                  ? Math.pow(c.rho().toDouble(), steps)
                      * QVectors.normSquared(ws).toDouble()
                  : 0;
              GateMonteCarlo.Estimate e =
                  GateMonteCarlo.fixedSeed(runs.finalSquaredDistances());
              assertNotEquals(GateMonteCarlo.Verdict.VIOLATED, e.verdict(bound * (1 + 1e-9)),
                  "seed " + seed + " " + dist.describe() + ": mean " + e.mean() + " vs bound "
                      + bound);
            });
  }

  @Test
  @DisplayName("falsifier: with eta = 4/L (above L/c_b) on sampled symmetric families one step"
      + " moves away from w* in Monte Carlo: the lower end exceeds ||w*||^2")
  void stepAboveTheLimitFailsToContractInMonteCarlo() {
    qt().withExamples(PropertySettings.examples(12))
        .withFixedSeed(SEED + 6)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Random rnd = new Random(seed);
              int d = 1 + rnd.nextInt(3);
              SampledDistribution dist = symmetricFamily(rnd, rnd.nextInt(4), d, 5);
              SampledInstance inst = GateHypotheses.checkSampled(dist, WIDTH);
              double eta = 4 / inst.lambdaMinLower().toDouble();
              Rational[] ws = vector(rnd, d);
              GateMonteCarlo.Runs runs = GateMonteCarlo.run(GateMonteCarlo.of(dist),
                  toDoubles(ws), eta, 1, 1, 20_000, seed, null);
              GateMonteCarlo.Estimate e =
                  GateMonteCarlo.fixedSeed(runs.finalSquaredDistances());
              double start = QVectors.normSquared(ws).toDouble();
              assertEquals(GateMonteCarlo.Verdict.VIOLATED, e.verdict(start),
                  "seed " + seed + " " + dist.describe() + ": mean " + e.mean() + " +- "
                      + e.halfWidth() + " vs ||w*||^2 = " + start);
            });
  }

  @Test
  @DisplayName("Hoeffding range: on finite symmetric supports with eta max||x||^2 <= 2 every"
      + " clean run stays within ||w*||^2, so the 1e-9 Hoeffding interval is valid")
  void hoeffdingRangeHoldsOnEveryRun() {
    qt().withExamples(PropertySettings.examples(40))
        .withFixedSeed(SEED + 7)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomGate g = new RandomGate(seed);
              RandomGate.Case c = g.symmetric(4, 3);
              FiniteDistribution dist = c.dist;
              Rational[] ws = g.vector(dist.dimension());
              Rational max = Rational.ZERO;
              for (Rational[] p : dist.points()) {
                max = org.provablenets.exact.Rationals.max(max, QVectors.normSquared(p));
              }
              if (max.signum() == 0) {
                return;
              }
              Rational eta = Rational.of(2).divide(max).multiply(Rational.of(1 + g.rnd.nextInt(8),
                  8));
              Rational range = GateMonteCarlo.hoeffdingRange(dist, ws, eta);
              assertEquals(QVectors.normSquared(ws), range);
              GateMonteCarlo.Runs runs = GateMonteCarlo.run(GateMonteCarlo.of(dist),
                  toDoubles(ws), eta.toDouble(), 1 + g.rnd.nextInt(3), 30, 50, seed,
                  null);
              GateMonteCarlo.hoeffding(runs.finalSquaredDistances(), range); // throws if outside
              double r = range.toDouble() * (1 + 1e-9);
              for (double v : runs.meanSquaredDistance()) {
                assertTrue(v <= r, "seed " + seed + ": mean " + v + " above " + r);
              }
            });
  }

  @Test
  @DisplayName("falsifier: with eta = 8/max||x||^2 the range ||w*||^2 is exceeded on some"
      + " generated finite instance (and hoeffdingRange refuses such a step)")
  void hoeffdingRangeFailsForLargeSteps() {
    AtomicInteger exceeded = new AtomicInteger();
    qt().withExamples(PropertySettings.examples(40))
        .withFixedSeed(SEED + 8)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomGate g = new RandomGate(seed);
              FiniteDistribution dist = g.symmetric(4, 3).dist;
              Rational[] ws = g.vector(dist.dimension());
              Rational max = Rational.ZERO;
              for (Rational[] p : dist.points()) {
                max = org.provablenets.exact.Rationals.max(max, QVectors.normSquared(p));
              }
              if (max.signum() == 0) {
                return;
              }
              Rational eta = Rational.of(8).divide(max);
              assertEquals(null, GateMonteCarlo.hoeffdingRange(dist, ws, eta));
              GateMonteCarlo.Runs runs = GateMonteCarlo.run(GateMonteCarlo.of(dist),
                  toDoubles(ws), eta.toDouble(), 1, 10, 20, seed, null);
              double r = QVectors.normSquared(ws).toDouble() * (1 + 1e-9);
              for (double v : runs.finalSquaredDistances()) {
                if (v > r) {
                  exceeded.incrementAndGet();
                  return;
                }
              }
            });
    assertTrue(exceeded.get() > 0, "no generated instance left the range");
  }

  /** {@code min(theorem eta, 2 / max ||x||^2)}: a step for which the Hoeffding range holds. */
  private static Rational hoeffdingStep(FiniteDistribution d, Rational eta) {
    Rational max = Rational.ZERO;
    for (Rational[] p : d.points()) {
      max = org.provablenets.exact.Rationals.max(max, QVectors.normSquared(p));
    }
    return org.provablenets.exact.Rationals.min(eta, Rational.of(2).divide(max));
  }

  @Test
  @DisplayName("Monte Carlo vs exact: the two-sided Hoeffding interval of R = 4000 runs contains"
      + " the exact E||w_{T+1} - w*||^2 from path enumeration (false failure <= 2e-9 per case)")
  void hoeffdingIntervalContainsTheExactPathExpectation() {
    qt().withExamples(PropertySettings.examples(20))
        .withFixedSeed(SEED + 12)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomGate g = new RandomGate(seed);
              RandomGate.Case c = g.positiveDefinite(3, 2);
              FiniteDistribution d = c.dist;
              GateInstance inst = GateHypotheses.check(d, WIDTH);
              Rational[] ws = g.vector(d.dimension());
              Rational eta = hoeffdingStep(d, GateHypotheses.constants(inst, 1).eta());
              int steps = 1 + g.rnd.nextInt(3);
              Rational exact = GateMath.pathExpectation(d, ws, eta, 1, steps);
              Rational range = GateMonteCarlo.hoeffdingRange(d, ws, eta);
              GateMonteCarlo.Runs runs = GateMonteCarlo.run(GateMonteCarlo.of(d), toDoubles(ws),
                  eta.toDouble(), 1, steps, 4000, seed, null);
              GateMonteCarlo.Estimate e =
                  GateMonteCarlo.hoeffding(runs.finalSquaredDistances(), range);
              double x = exact.toDouble();
              assertTrue(e.lower() <= x && x <= e.upper(), "seed " + seed + " " + c + " T="
                  + steps + ": exact " + x + " outside [" + e.lower() + ", " + e.upper() + "]");
            });
  }

  @Test
  @DisplayName("falsifier: the Hoeffding interval of runs with step eta/4 excludes the exact"
      + " expectation at eta on some generated instance (R = 20000)")
  void hoeffdingIntervalSeparatesAWrongStep() {
    AtomicInteger excluded = new AtomicInteger();
    qt().withExamples(PropertySettings.examples(20))
        .withFixedSeed(SEED + 13)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomGate g = new RandomGate(seed);
              FiniteDistribution d = g.positiveDefinite(3, 2).dist;
              GateInstance inst = GateHypotheses.check(d, WIDTH);
              Rational[] ws = g.vector(d.dimension());
              Rational eta = hoeffdingStep(d, GateHypotheses.constants(inst, 1).eta());
              Rational exact = GateMath.pathExpectation(d, ws, eta, 1, 3);
              Rational quarter = eta.divide(4);
              GateMonteCarlo.Runs runs = GateMonteCarlo.run(GateMonteCarlo.of(d), toDoubles(ws),
                  quarter.toDouble(), 1, 3, 20_000, seed, null);
              GateMonteCarlo.Estimate e = GateMonteCarlo.hoeffding(runs.finalSquaredDistances(),
                  GateMonteCarlo.hoeffdingRange(d, ws, quarter));
              double x = exact.toDouble();
              if (x < e.lower() || x > e.upper()) {
                excluded.incrementAndGet();
              }
            });
    assertTrue(excluded.get() > 0, "the interval never told the two steps apart");
  }

  // ---------------------------------------------------------------- poisoning

  @Test
  @DisplayName("T2 poisoning on Gaussian data: the worst-case attack moves the mean iterate to"
      + " sqrt(2/pi) of the bias bound 2 beta* theta*/sqrt(lambda_min) (within 0.04, fixed seed)")
  void worstCaseAdversaryReachesSqrtTwoOverPiOfTheBiasBound() {
    qt().withExamples(PropertySettings.examples(4))
        .withFixedSeed(SEED + 9)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              double ratio = biasRatio(seed, GateIteration.Attack.WORST_CASE);
              assertTrue(Math.abs(ratio - GatePoisoning.SQRT_2_OVER_PI) <= 0.04,
                  "seed " + seed + ": ratio " + ratio);
            });
  }

  @Test
  @DisplayName("falsifier: the random-sign attack (m = 0) leaves the mean iterate near w*: its"
      + " bias is below 0.15 of the bound, far from sqrt(2/pi)")
  void randomSignAttackHasNoBias() {
    qt().withExamples(PropertySettings.examples(4))
        .withFixedSeed(SEED + 9)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              double ratio = biasRatio(seed, GateIteration.Attack.RANDOM_SIGN);
              assertTrue(ratio < 0.15, "seed " + seed + ": ratio " + ratio);
            });
  }

  /** ||mean w_{T+1} - w*|| / (2 beta theta / sqrt(lambda_min)) on a diagonal Gaussian. */
  private static double biasRatio(long seed, GateIteration.Attack attack) {
    Random rnd = new Random(seed);
    int d = 1 + rnd.nextInt(3);
    Rational[][] s = new Rational[d][d];
    double lambdaMin = Double.MAX_VALUE;
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        s[i][j] = Rational.ZERO;
      }
      int k = 1 + rnd.nextInt(4);
      s[i][i] = Rational.of(k, 2);
      lambdaMin = Math.min(lambdaMin, k / 2.0);
    }
    // distinct eigenvalues are not needed: sign(v.x) for any unit v in the bottom eigenspace
    SampledDistribution dist = SampledDistribution.gaussian(QMatrix.of(s, d));
    SampledInstance inst = GateHypotheses.checkSampled(dist, WIDTH);
    Rational eta = GateHypotheses.constants(inst, 1).eta();
    double etaD = eta.toDouble();
    int steps = (int) Math.ceil(Math.log(1e-4) / Math.log(1 - etaD * lambdaMin / 2));
    Rational[] ws = vector(rnd, d);
    double beta = 0.5;
    double theta = 1.0;
    GateMonteCarlo.Runs runs = GateMonteCarlo.run(GateMonteCarlo.of(dist), toDoubles(ws), etaD,
        1, steps, 3000, seed, new GateIteration.Poisoning(beta, theta, attack));
    double[] m = runs.meanFinalIterate();
    double[] w = toDoubles(ws);
    double sq = 0;
    for (int j = 0; j < d; j++) {
      sq += (m[j] - w[j]) * (m[j] - w[j]);
    }
    return Math.sqrt(sq) / (2 * beta * theta / Math.sqrt(lambdaMin));
  }

  @Test
  @DisplayName("T2 poisoning bound by Monte Carlo: with eta = L/(8 c_b) the mean of"
      + " ||w_{T+1} - w*||^2 is not above rho'^T ||w*||^2 + floor, for every attack (fixed seed)")
  void poisonedMonteCarloRespectsTheFloorBound() {
    qt().withExamples(PropertySettings.examples(9))
        .withFixedSeed(SEED + 10)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Random rnd = new Random(seed);
              int d = 1 + rnd.nextInt(2);
              SampledDistribution dist = symmetricFamily(rnd, rnd.nextInt(4), d, 5);
              SampledInstance inst = GateHypotheses.checkSampled(dist, WIDTH);
              int b = 1 + rnd.nextInt(2);
              Rational eta = inst.lambdaMinLower()
                  .divide(GateHypotheses.constants(inst, b).cb().multiply(8));
              Rational beta = Rational.of(1 + rnd.nextInt(4), 4);
              Rational theta = Rational.of(1 + rnd.nextInt(4), 2);
              GatePoisoning pb = GatePoisoning.of(inst, eta, b, beta, theta);
              assertTrue(pb.applies());
              GateIteration.Attack attack =
                  GateIteration.Attack.values()[rnd.nextInt(GateIteration.Attack.values().length)];
              Rational[] ws = vector(rnd, d);
              int steps = 200;
              GateMonteCarlo.Runs runs = GateMonteCarlo.run(GateMonteCarlo.of(dist),
                  toDoubles(ws), eta.toDouble(), b, steps, 300, seed,
                  new GateIteration.Poisoning(beta.toDouble(),
                      theta.toDouble(), attack));
              double bound = Math.pow(pb.rho().toDouble(), steps)
                  * QVectors.normSquared(ws).toDouble()
                  + pb.floor().toDouble();
              GateMonteCarlo.Estimate e =
                  GateMonteCarlo.fixedSeed(runs.finalSquaredDistances());
              assertNotEquals(GateMonteCarlo.Verdict.VIOLATED, e.verdict(bound),
                  "seed " + seed + " " + dist.describe() + " " + attack + ": mean " + e.mean()
                      + " vs " + bound);
            });
  }

  @Test
  @DisplayName("falsifier: under the worst-case attack the clean bound rho^T ||w*||^2 (no floor)"
      + " is violated by the Monte Carlo mean at a long horizon")
  void poisonedRunsViolateTheCleanBound() {
    qt().withExamples(PropertySettings.examples(6))
        .withFixedSeed(SEED + 11)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Random rnd = new Random(seed);
              int d = 1 + rnd.nextInt(2);
              SampledDistribution dist = SampledDistribution.gaussian(covariance(rnd, d));
              SampledInstance inst = GateHypotheses.checkSampled(dist, WIDTH);
              GateConstants c = GateHypotheses.constants(inst, 1);
              Rational[] ws = vector(rnd, d);
              // long enough that the clean bound is below 1e-4 ||w*||^2
              int steps = (int) Math.min(20_000,
                  Math.ceil(Math.log(1e-4) / Math.log(c.rho().toDouble())));
              GateMonteCarlo.Runs runs = GateMonteCarlo.run(GateMonteCarlo.of(dist),
                  toDoubles(ws), c.eta().toDouble(), 1, steps, 300, seed,
                  new GateIteration.Poisoning(0.5, 1.0, GateIteration.Attack.WORST_CASE));
              double clean = Math.pow(c.rho().toDouble(), steps)
                  * QVectors.normSquared(ws).toDouble();
              GateMonteCarlo.Estimate e =
                  GateMonteCarlo.fixedSeed(runs.finalSquaredDistances());
              assertEquals(GateMonteCarlo.Verdict.VIOLATED, e.verdict(clean),
                  "seed " + seed + ": mean " + e.mean() + " vs clean bound " + clean);
            });
  }
}
