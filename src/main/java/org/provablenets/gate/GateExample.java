package org.provablenets.gate;

import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.linalg.QMatrix;
import org.provablenets.exact.linalg.QVectors;
import org.provablenets.qual.HypothesesChecked;

/**
 * The worked example of T2 that the tour shows: on a symmetric finite support, the [derived]
 * constants for b = 1, one exact step from w with the theorem's step ({@link GateStep}: the lemma,
 * the identity, the contraction), the exact expectation over every sample path for T = 1..H
 * against {@code rho^T ||w*||^2} ({@link GateMath#pathExpectation}, {@link GateMath#theoremBound}),
 * and the counterexample: the same points shifted, where (A1) and the lemma fail. Beside it,
 * {@link #gaussian}: the sampled family N(0, I_2) with its closed-form constants, a fixed-seed
 * Monte Carlo against the bound and the worst-case bias ratio (estimates).
 *
 * <p><b>Cost.</b> O(n^H d) exact operations for the paths (n = 6, H = 3 in the tour: 216 paths),
 * and R T draws for each Monte Carlo.
 *
 * @param constants c_1, eta, rho from the certified bounds
 * @param step the exact step from w with the theorem's eta
 * @param expectations {@code E||w_{T+1} - w*||^2} for T = 1..H (index T - 1)
 * @param bounds {@code rho^T ||w*||^2} for T = 1..H
 * @param paths {@code n^T} for T = 1..H
 * @param shift the shift of the counterexample
 * @param shifted the shifted support's hypotheses (they fail)
 * @param counterexample the step on the shifted support at w = 0 (the lemma's defect is non-zero)
 */
public record GateExample(@HypothesesChecked CertifiedSpectrum<FiniteDistribution> instance, GateConstants constants,
    GateStep step, Rational wStarNormSquared, Rational[] expectations, Rational[] bounds,
    long[] paths, Rational[] shift, GateAssessment<FiniteDistribution> shifted,
    GateStep counterexample) {

  /** The finite example (b = 1) on a checked symmetric support. */
  public static GateExample of(GateAssessment<FiniteDistribution> setup,
      @HypothesesChecked CertifiedSpectrum<FiniteDistribution> inst, Rational[] wStar, Rational[] w, Rational[] shift,
      int horizon) {
    FiniteDistribution dist = setup.distribution();
    int b = 1;
    GateConstants c = GateHypotheses.constants(inst, b);
    Rational eta = c.eta();
    GateStep step = GateStep.of(setup, wStar, w, eta, b);
    Rational[] expectations = new Rational[horizon];
    Rational[] bounds = new Rational[horizon];
    long[] paths = new long[horizon];
    long p = 1;
    for (int t = 1; t <= horizon; t++) {
      expectations[t - 1] = GateMath.pathExpectation(dist, wStar, eta, b, t);
      bounds[t - 1] = GateMath.theoremBound(inst, wStar, b, t);
      p *= dist.size();
      paths[t - 1] = p;
    }
    Rational[][] moved = dist.points();
    for (int i = 0; i < moved.length; i++) {
      moved[i] = QVectors.add(moved[i], shift);
    }
    GateAssessment<FiniteDistribution> asym =
        GateAssessment.of(FiniteDistribution.fromRows(moved), setup.width());
    GateStep counter = GateStep.of(asym, wStar, QVectors.zeros(dist.dimension()), eta, b);
    return new GateExample(inst, c, step, QVectors.normSquared(wStar), expectations, bounds,
        paths, shift, asym, counter);
  }

  /**
   * The sampled example on N(0, I_2), b = 1, the theorem's step, seed 1 (estimates).
   *
   * @param constants the closed-form constants
   * @param mean the mean of {@code ||w_{T+1} - w*||^2} over the runs, T = {@code steps}
   * @param bound {@code rho^T ||w*||^2} as a 17-digit decimal
   * @param verdict the fixed-seed verdict of the mean against the bound
   * @param bias {@code ||mean w_{T'+1} - w*||} under the worst-case attack beta* = 1/2, theta* =
   *     1, T' = {@code longSteps}, 2R runs
   * @param ratio bias / (2 beta* theta* / sqrt(L)), to compare with sqrt(2/pi) [derived]
   */
  public record Gaussian(@HypothesesChecked SampledInstance instance, GateConstants constants,
      int runs, int steps, double mean, String bound, GateMonteCarlo.Verdict verdict,
      int longSteps, double bias, double ratio) {}

  /** The sampled example: R = 500 runs of T = 60 steps, and 1000 poisoned runs of 300 steps. */
  public static Gaussian gaussian(Rational[] wStar, Rational width) {
    SampledDistribution g = SampledDistribution.gaussian(QMatrix.identity(2));
    @HypothesesChecked SampledInstance si = GateHypotheses.checkSampled(g, width);
    GateConstants gc = GateHypotheses.constants(si, 1);
    double[] ws = {wStar[0].toDouble(), wStar[1].toDouble()};
    double eta = gc.eta().toDouble();
    int steps = 60;
    int runs = 500;
    GateMonteCarlo.Runs mc =
        GateMonteCarlo.run(GateMonteCarlo.of(g), ws, eta, 1, steps, runs, 1L, null);
    GateMonteCarlo.Estimate est = GateMonteCarlo.fixedSeed(mc.finalSquaredDistances());
    String bound =
        GateRun.decimals(gc.rho(), QVectors.normSquared(wStar), Rational.ZERO, steps)[steps];
    GateMonteCarlo.Verdict verdict = est.verdict(Double.parseDouble(bound));
    int longSteps = 300;
    GateMonteCarlo.Runs worst = GateMonteCarlo.run(GateMonteCarlo.of(g), ws, eta, 1, longSteps,
        2 * runs, 1L, new GateIteration.Poisoning(0.5, 1.0, GateIteration.Attack.WORST_CASE));
    double[] m = worst.meanFinalIterate();
    double bias = Math.hypot(m[0] - ws[0], m[1] - ws[1]);
    double ratio =
        bias / (2 * 0.5 * 1.0 / Math.sqrt(si.lambdaMinLower().toDouble()));
    return new Gaussian(si, gc, runs, steps, est.mean(), bound, verdict, longSteps, bias, ratio);
  }

  /** The hypothesis failure of the shifted support, or {@code null} if (a bug) it passed. */
  public @Nullable String shiftedFailure() {
    return shifted.failureMessage();
  }
}
