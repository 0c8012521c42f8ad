package org.provablenets.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.cert.GateChecks;
import org.provablenets.cert.Verdict;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.exact.linalg.EigenBounds;
import org.provablenets.gate.CertifiedSpectrum;
import org.provablenets.gate.FiniteDistribution;
import org.provablenets.gate.GateExample;
import org.provablenets.gate.GatePoisoning;
import org.provablenets.gate.GateStep;
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
    @Nullable @HypothesesChecked CertifiedSpectrum<FiniteDistribution> inst = s.checked.instance();
    if (inst == null) {
      throw new IllegalStateException(
          "the embedded T2 support fails its hypotheses: " + s.failureMessage());
    }
    Rational[] wStar = {Rational.ONE, Rational.of(-1, 2)};
    Rational[] w = {Rational.of(-1), Rational.ONE};
    Rational[] shift = {Rational.ONE, Rational.ZERO};
    GateExample x = GateExample.of(s.checked, inst, wStar, w, shift, HORIZON);
    GateStep st = x.step();
    GateStep ce = x.counterexample();
    Rational eta = x.constants().eta();
    String shiftedFailure = x.shiftedFailure();
    String asymFailure = shiftedFailure == null ? "(none: a bug)" : shiftedFailure;
    FiniteDistribution asym = x.shifted().distribution();
    Rational[] zero = ce.w();

    Verdict v =
        new GateChecks()
            .hypotheses(inst)
            .lemma(dist, wStar, w)
            .identity(dist, wStar, w, eta, 1)
            .identity(dist, wStar, w, eta, 2)
            .contraction(inst, wStar, w, eta, 1)
            .theorem(inst, wStar, 1, HORIZON)
            .lemmaFailsWithoutSymmetry(asym, wStar, zero)
            .verdict();

    List<String> lines = new ArrayList<>();
    lines.add(s.describeSupport() + ", w* = " + TextReport.exact(wStar) + ", batch b = 1");
    lines.add("hypotheses: (A1) symmetric, (A2) Sigma positive definite; certified brackets");
    lines.add("  lambda_min(Sigma) in " + bracket(inst.lambdaMinBracket()) + ", L = lower end");
    lines.add("  lambda_max(Sigma) in " + bracket(inst.lambdaMaxBracket()) + ", U = upper end");
    lines.add("  lambda_4          in " + bracket(inst.lambda4Bracket()) + ", U4 = upper end");
    lines.add("[derived] constants: c_1 = " + Rationals.format(x.constants().cb())
        + ", eta = L/(2 c_1) = " + Rationals.format(eta) + ", rho = 1 - L^2/(4 c_1) = "
        + Rationals.format(x.constants().rho()));
    lines.add("one step from w = " + TextReport.exact(w) + " with that eta, exactly:");
    lines.add("  E[(ReLU(w*.x) - ReLU(w.x)) x] = " + TextReport.exact(st.meanUpdate())
        + " = (1/2) Sigma (w* - w) = " + TextReport.exact(st.halfSigmaDelta()));
    lines.add("  E||w' - w*||^2 = " + approx(st.direct()) + " directly (all " + dist.size()
        + " samples; b = 2 is checked too)");
    lines.add("                 = " + approx(st.identity()) + " by the one-step identity: "
        + (st.identityHolds() ? "equal" : "DIFFERENT"));
    lines.add("                <= " + approx(boundOf(st)) + " = rho ||w - w*||^2 (contraction)");
    lines.add("from w_1 = 0 with that eta, all " + dist.size() + "^T sample paths enumerated"
        + " exactly:");
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    ArrayNode paths = JsonNodeFactory.instance.arrayNode();
    for (int t = 1; t <= HORIZON; t++) {
      Rational e = x.expectations()[t - 1];
      Rational rb = x.bounds()[t - 1];
      lines.add("  T = " + t + ": E||w_" + (t + 1) + " - w*||^2 = " + brief(e) + " <= rho^" + t
          + " ||w*||^2 = " + brief(rb));
      ObjectNode p = paths.addObject();
      p.put("T", t);
      p.put("paths", x.paths()[t - 1]);
      p.set("expectation", ResultJson.rational(e));
      p.set("bound", ResultJson.rational(rb));
    }
    lines.add("without symmetry: the same 6 points shifted by s = " + TextReport.exact(shift)
        + " (--asymmetric)");
    lines.add("  the checker says: " + shorten(asymFailure));
    lines.add("  at w = 0: E[r x] = " + TextReport.exact(ce.meanUpdate())
        + " but (1/2) Sigma (w* - w) = " + TextReport.exact(ce.halfSigmaDelta()));
    lines.add("  the lemma fails: defect " + TextReport.exact(ce.defect()));
    ObjectNode sampled = sampled(GateExample.gaussian(wStar, s.checked.width()), lines);

    o.put("problem", "gate");
    o.put("source", source);
    o.put("rows", rows.length);
    o.put("points", dist.size());
    o.put("dimension", dist.dimension());
    o.put("symmetric", dist.isSymmetric());
    o.set("lambdaMinLower", ResultJson.rational(inst.lambdaMinLower()));
    o.set("lambdaMaxUpper", ResultJson.rational(inst.lambdaMaxUpper()));
    o.set("lambda4Upper", ResultJson.rational(inst.lambda4Upper()));
    o.put("batch", 1);
    o.put("constants", "derived");
    o.set("cb", ResultJson.rational(x.constants().cb()));
    o.set("eta", ResultJson.rational(eta));
    o.set("rho", ResultJson.rational(x.constants().rho()));
    o.set("wStar", ResultJson.vector(wStar));
    o.set("w", ResultJson.vector(w));
    o.set("meanUpdate", ResultJson.vector(st.meanUpdate()));
    o.set("halfSigmaDelta", ResultJson.vector(st.halfSigmaDelta()));
    o.set("expectedSquaredDistance", ResultJson.rational(st.direct()));
    o.set("identity", ResultJson.rational(st.identity()));
    o.set("contractionBound", ResultJson.rational(boundOf(st)));
    o.set("wStarNormSquared", ResultJson.rational(x.wStarNormSquared()));
    o.set("paths", paths);
    ObjectNode c = o.putObject("counterexample");
    c.set("shift", ResultJson.vector(shift));
    c.put("hypothesisFailure", asymFailure);
    c.set("w", ResultJson.vector(zero));
    c.set("meanUpdate", ResultJson.vector(ce.meanUpdate()));
    c.set("halfSigmaDelta", ResultJson.vector(ce.halfSigmaDelta()));
    c.set("defect", ResultJson.vector(ce.defect()));
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

  /** The contraction bound of a step on a checked support (present: the hypotheses hold). */
  private static Rational boundOf(GateStep st) {
    Rational b = st.bound();
    if (b == null) {
      throw new IllegalStateException("the embedded T2 support has no contraction bound");
    }
    return b;
  }

  /**
   * The sampled-family lines: N(0, I_2) with its exact closed-form constants, a fixed-seed Monte
   * Carlo against the bound and the worst-case bias ratio. Estimates, not part of the verdict.
   */
  private static ObjectNode sampled(GateExample.Gaussian g, List<String> lines) {
    String verdict = g.verdict().name().toLowerCase(Locale.ROOT);
    lines.add("sampled family N(0, I_2), closed-form moments [derived]: L = "
        + Rationals.format(g.instance().lambdaMinLower()) + ", U = "
        + Rationals.format(g.instance().lambdaMaxUpper()) + ", U4 = "
        + Rationals.format(g.instance().lambda4Upper()) + ", eta = "
        + Rationals.format(g.constants().eta()) + ", rho = "
        + Rationals.format(g.constants().rho()));
    lines.add("  Monte Carlo (" + g.runs() + " runs, T = " + g.steps() + ", seed 1, estimate):"
        + " mean ||w_" + (g.steps() + 1) + " - w*||^2 = " + String.format("%.3g", g.mean())
        + " <= rho^" + g.steps() + " ||w*||^2 = "
        + String.format("%.3g", Double.parseDouble(g.bound())) + ": " + verdict
        + " (fixed seed)");
    lines.add("  worst-case attack beta* = 1/2, theta* = 1, " + 2 * g.runs() + " runs, T = "
        + g.longSteps() + ": bias ||mean w_" + (g.longSteps() + 1) + " - w*|| = "
        + String.format("%.4f", g.bias()) + " = " + String.format("%.4f", g.ratio())
        + " x 2 beta* theta*/sqrt(lambda_min); sqrt(2/pi) = "
        + String.format("%.4f", GatePoisoning.SQRT_2_OVER_PI) + " [derived]");
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("distribution", "gaussian:2");
    o.set("lambdaMinLower", ResultJson.rational(g.instance().lambdaMinLower()));
    o.set("lambda4Upper", ResultJson.rational(g.instance().lambda4Upper()));
    o.set("eta", ResultJson.rational(g.constants().eta()));
    o.set("rho", ResultJson.rational(g.constants().rho()));
    o.put("runs", g.runs());
    o.put("steps", g.steps());
    o.put("meanDistanceSquared", g.mean());
    o.put("bound", g.bound());
    o.put("verdict", verdict);
    o.put("method", "fixed seed");
    o.put("worstCaseRatio", g.ratio());
    o.put("expectedRatio", GatePoisoning.SQRT_2_OVER_PI);
    return o;
  }

  private static String bracket(EigenBounds.Bracket br) {
    return "[" + Rationals.format(br.lower()) + ", " + Rationals.format(br.upper()) + "]";
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
