package org.provablenets.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.cert.GateChecks;
import org.provablenets.cert.Verdict;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.exact.linalg.QMatrix;
import org.provablenets.exact.linalg.QVectors;
import org.provablenets.gate.FiniteDistribution;
import org.provablenets.gate.GateConstants;
import org.provablenets.gate.GateHypotheses;
import org.provablenets.gate.GateInstance;
import org.provablenets.gate.GateIteration;
import org.provablenets.gate.GateMath;
import org.provablenets.gate.GateMonteCarlo;
import org.provablenets.gate.GatePoisoning;
import org.provablenets.gate.SampledDistribution;
import org.provablenets.gate.SampledInstance;
import org.provablenets.gate.HypothesisFailedException;
import org.provablenets.io.ResultJson;
import org.provablenets.io.SupportCsv;
import org.provablenets.qual.HypothesesChecked;

/**
 * The T2 section of the tour: a symmetric finite distribution (the embedded {@code
 * t2-support.csv}, symmetrised), its hypotheses with certified constants, one exact one-step check
 * by value, the exact expectation over every sample path for T = 1..{@value #HORIZON} against
 * {@code rho^T ||w*||^2}, and the asymmetric counterexample (the same points shifted). Every check
 * is exact; together they form the section's verdict ({@link GateChecks}). It runs in well under a
 * second (6^3 = 216 paths at most).
 */
final class GateTour {
  /** The longest horizon enumerated. */
  static final int HORIZON = 3;

  private GateTour() {}

  /** The section, from the support rows read from the embedded resource {@code source}. */
  static TourCommand.Section section(String source, Rational[][] rows) {
    FiniteDistribution dist = SupportCsv.distribution(rows, false);
    GateSetup s =
        GateSetup.of(source, rows.length, false, dist, Rationals.parse(GateSetup.DEFAULT_WIDTH));
    @Nullable @HypothesesChecked GateInstance inst = s.instance;
    if (inst == null) {
      throw new IllegalStateException(
          "the embedded T2 support fails its hypotheses: " + s.failureMessage());
    }
    Rational[] wStar = {Rational.ONE, Rational.of(-1, 2)};
    Rational[] w = {Rational.of(-1), Rational.ONE};
    int b = 1;
    GateConstants c = GateHypotheses.constants(inst, b);
    Rational eta = c.eta();
    Rational[] mean = GateMath.meanUpdate(dist, wStar, w);
    Rational[] half = GateMath.halfSigmaDelta(dist, wStar, w);
    Rational direct = GateMath.expectedSquaredDistanceDirect(dist, wStar, w, eta, b);
    Rational identity = GateMath.expectedSquaredDistanceIdentity(dist, wStar, w, eta, b);
    Rational bound = GateMath.contractionBound(inst, wStar, w, eta, b);
    Rational wStarSq = QVectors.normSquared(wStar);

    Rational[] shift = {Rational.ONE, Rational.ZERO};
    Rational[][] shifted = dist.points();
    for (int i = 0; i < shifted.length; i++) {
      shifted[i] = QVectors.add(shifted[i], shift);
    }
    FiniteDistribution asym = FiniteDistribution.fromRows(shifted);
    Rational[] zero = QVectors.zeros(2);
    Rational[] asymMean = GateMath.meanUpdate(asym, wStar, zero);
    Rational[] asymHalf = GateMath.halfSigmaDelta(asym, wStar, zero);
    Rational[] asymDefect = QVectors.subtract(asymMean, asymHalf);
    String asymFailure;
    try {
      GateHypotheses.check(asym, s.width);
      asymFailure = "(none: a bug)";
    } catch (HypothesisFailedException e) {
      String m = e.getMessage();
      asymFailure = m == null ? "(A1) fails" : m;
    }

    Verdict v =
        new GateChecks()
            .hypotheses(inst)
            .lemma(dist, wStar, w)
            .identity(dist, wStar, w, eta, 1)
            .identity(dist, wStar, w, eta, 2)
            .contraction(inst, wStar, w, eta, b)
            .theorem(inst, wStar, b, HORIZON)
            .lemmaFailsWithoutSymmetry(asym, wStar, zero)
            .verdict();

    List<String> lines = new ArrayList<>();
    lines.add(s.describeSupport() + ", w* = " + TextReport.exact(wStar) + ", batch b = " + b);
    lines.add("hypotheses: (A1) symmetric, (A2) Sigma positive definite; certified brackets");
    lines.add("  lambda_min(Sigma) in " + bracket(inst.lambdaMinBracket()) + ", L = lower end");
    lines.add("  lambda_max(Sigma) in " + bracket(inst.lambdaMaxBracket()) + ", U = upper end");
    lines.add("  lambda_4          in " + bracket(inst.lambda4Bracket()) + ", U4 = upper end");
    lines.add("[derived] constants: c_1 = " + Rationals.format(c.cb()) + ", eta = L/(2 c_1) = "
        + Rationals.format(eta) + ", rho = 1 - L^2/(4 c_1) = " + Rationals.format(c.rho()));
    lines.add("one step from w = " + TextReport.exact(w) + " with that eta, exactly:");
    lines.add("  E[(ReLU(w*.x) - ReLU(w.x)) x] = " + TextReport.exact(mean)
        + " = (1/2) Sigma (w* - w) = " + TextReport.exact(half));
    lines.add("  E||w' - w*||^2 = " + approx(direct) + " directly (all " + dist.size()
        + " samples; b = 2 is checked too)");
    lines.add("                 = " + approx(identity) + " by the one-step identity: "
        + (direct.equals(identity) ? "equal" : "DIFFERENT"));
    lines.add("                <= " + approx(bound) + " = rho ||w - w*||^2 (contraction)");
    lines.add("from w_1 = 0 with that eta, all " + dist.size() + "^T sample paths enumerated"
        + " exactly:");
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    ArrayNode paths = JsonNodeFactory.instance.arrayNode();
    for (int t = 1; t <= HORIZON; t++) {
      Rational e = GateMath.pathExpectation(dist, wStar, eta, b, t);
      Rational rb = GateMath.theoremBound(inst, wStar, b, t);
      lines.add("  T = " + t + ": E||w_" + (t + 1) + " - w*||^2 = " + brief(e) + " <= rho^" + t
          + " ||w*||^2 = " + brief(rb));
      ObjectNode p = paths.addObject();
      p.put("T", t);
      p.put("paths", pow(dist.size(), t));
      p.set("expectation", ResultJson.rational(e));
      p.set("bound", ResultJson.rational(rb));
    }
    lines.add("without symmetry: the same 6 points shifted by s = " + TextReport.exact(shift)
        + " (--asymmetric)");
    lines.add("  the checker says: " + shorten(asymFailure));
    lines.add("  at w = 0: E[r x] = " + TextReport.exact(asymMean) + " but (1/2) Sigma (w* - w) = "
        + TextReport.exact(asymHalf));
    lines.add("  the lemma fails: defect " + TextReport.exact(asymDefect));
    ObjectNode sampled = sampled(wStar, lines);

    o.put("problem", "gate");
    o.put("source", source);
    o.put("rows", rows.length);
    o.put("points", dist.size());
    o.put("dimension", dist.dimension());
    o.put("symmetric", dist.isSymmetric());
    o.set("lambdaMinLower", ResultJson.rational(inst.lambdaMinLower()));
    o.set("lambdaMaxUpper", ResultJson.rational(inst.lambdaMaxUpper()));
    o.set("lambda4Upper", ResultJson.rational(inst.lambda4Upper()));
    o.put("batch", b);
    o.put("constants", "derived");
    o.set("cb", ResultJson.rational(c.cb()));
    o.set("eta", ResultJson.rational(eta));
    o.set("rho", ResultJson.rational(c.rho()));
    o.set("wStar", ResultJson.vector(wStar));
    o.set("w", ResultJson.vector(w));
    o.set("meanUpdate", ResultJson.vector(mean));
    o.set("halfSigmaDelta", ResultJson.vector(half));
    o.set("expectedSquaredDistance", ResultJson.rational(direct));
    o.set("identity", ResultJson.rational(identity));
    o.set("contractionBound", ResultJson.rational(bound));
    o.set("wStarNormSquared", ResultJson.rational(wStarSq));
    o.set("paths", paths);
    ObjectNode ce = o.putObject("counterexample");
    ce.set("shift", ResultJson.vector(shift));
    ce.put("hypothesisFailure", asymFailure);
    ce.set("w", ResultJson.vector(zero));
    ce.set("meanUpdate", ResultJson.vector(asymMean));
    ce.set("halfSigmaDelta", ResultJson.vector(asymHalf));
    ce.set("defect", ResultJson.vector(asymDefect));
    o.set("sampled", sampled);
    ResultJson.putVerdict(o, v);
    return new TourCommand.Section(
        "T2",
        "ReLU gate trained by the non-gradient iteration: exact checks on a symmetric finite"
            + " distribution (" + source + ")",
        lines,
        o,
        v);
  }

  /**
   * The sampled-family lines: N(0, I_2) with its exact closed-form constants, a fixed-seed Monte
   * Carlo against the bound and the worst-case bias ratio. Estimates, not part of the verdict.
   */
  private static ObjectNode sampled(Rational[] wStar, List<String> lines) {
    SampledDistribution g = SampledDistribution.gaussian(QMatrix.identity(2));
    @HypothesesChecked SampledInstance si =
        GateHypotheses.checkSampled(g, Rationals.parse(GateSetup.DEFAULT_WIDTH));
    GateConstants gc = GateHypotheses.constants(si, 1);
    double[] ws = {GateIteration.toDouble(wStar[0]), GateIteration.toDouble(wStar[1])};
    double eta = GateIteration.toDouble(gc.eta());
    int steps = 60;
    int runs = 500;
    GateMonteCarlo.Runs mc =
        GateMonteCarlo.run(GateMonteCarlo.of(g), ws, eta, 1, steps, runs, 1L, null);
    GateMonteCarlo.Estimate est = GateMonteCarlo.fixedSeed(mc.finalSquaredDistances());
    String bound = GateRunCommand.bounds(gc.rho(), QVectors.normSquared(wStar), steps)[steps];
    GateMonteCarlo.Verdict verdict = est.verdict(Double.parseDouble(bound));
    int longSteps = 300;
    GateMonteCarlo.Runs worst = GateMonteCarlo.run(GateMonteCarlo.of(g), ws, eta, 1, longSteps,
        2 * runs, 1L, new GateIteration.Poisoning(0.5, 1.0, GateIteration.Attack.WORST_CASE));
    double[] m = worst.meanFinalIterate();
    double bias = Math.hypot(m[0] - ws[0], m[1] - ws[1]);
    double ratio =
        bias / (2 * 0.5 * 1.0 / Math.sqrt(GateIteration.toDouble(si.lambdaMinLower())));
    lines.add("sampled family N(0, I_2), closed-form moments [derived]: L = "
        + Rationals.format(si.lambdaMinLower()) + ", U = " + Rationals.format(si.lambdaMaxUpper())
        + ", U4 = " + Rationals.format(si.lambda4Upper()) + ", eta = "
        + Rationals.format(gc.eta()) + ", rho = " + Rationals.format(gc.rho()));
    lines.add("  Monte Carlo (" + runs + " runs, T = " + steps + ", seed 1, estimate): mean"
        + " ||w_" + (steps + 1) + " - w*||^2 = " + String.format("%.3g", est.mean()) + " <= rho^"
        + steps + " ||w*||^2 = " + String.format("%.3g", Double.parseDouble(bound)) + ": "
        + verdict.name().toLowerCase(java.util.Locale.ROOT) + " (fixed seed)");
    lines.add("  worst-case attack beta* = 1/2, theta* = 1, " + 2 * runs + " runs, T = " + longSteps
        + ": bias"
        + " ||mean w_" + (longSteps + 1) + " - w*|| = " + String.format("%.4f", bias) + " = " + String.format("%.4f", ratio)
        + " x 2 beta* theta*/sqrt(lambda_min); sqrt(2/pi) = "
        + String.format("%.4f", GatePoisoning.SQRT_2_OVER_PI) + " [derived]");
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("distribution", "gaussian:2");
    o.set("lambdaMinLower", ResultJson.rational(si.lambdaMinLower()));
    o.set("lambda4Upper", ResultJson.rational(si.lambda4Upper()));
    o.set("eta", ResultJson.rational(gc.eta()));
    o.set("rho", ResultJson.rational(gc.rho()));
    o.put("runs", runs);
    o.put("steps", steps);
    o.put("meanDistanceSquared", est.mean());
    o.put("bound", bound);
    o.put("verdict", verdict.name().toLowerCase(java.util.Locale.ROOT));
    o.put("method", "fixed seed");
    o.put("worstCaseRatio", ratio);
    o.put("expectedRatio", GatePoisoning.SQRT_2_OVER_PI);
    return o;
  }

  private static String bracket(org.provablenets.exact.linalg.EigenBounds.Bracket br) {
    return "[" + Rationals.format(br.lower()) + ", " + Rationals.format(br.upper()) + "]";
  }

  private static long pow(int n, int t) {
    long p = 1;
    for (int i = 0; i < t; i++) {
      p *= n;
    }
    return p;
  }

  /** Exact (when short) with a 5-digit decimal beside it. */
  private static String brief(Rational q) {
    String exact = Rationals.format(q);
    String dec = Rationals.decimal(q, 5);
    return exact.length() <= 24 ? (exact.equals(dec) ? exact : exact + " (~ " + dec + ")")
        : "~ " + dec;
  }

  /** Exact when short, otherwise its decimal approximation marked {@code ~}. */
  private static String approx(Rational q) {
    return Rationals.format(q).length() <= 24
        ? TextReport.exactAndDecimal(q)
        : "~ " + Rationals.decimal(q, 10);
  }

  private static String shorten(String s) {
    return s.length() > 90 ? s.substring(0, 90) + "..." : s;
  }
}
