package org.provablenets.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.gate.GateIteration;
import org.provablenets.gate.GateMonteCarlo;
import org.provablenets.gate.GatePoisoning;
import org.provablenets.io.ResultJson;

/**
 * The Monte Carlo part of {@code provnets gate run --runs R}: the mean of {@code ||w_{T+1} -
 * w*||^2} over R runs, its confidence interval (Hoeffding with false-failure probability 1e-9,
 * or a fixed-seed check: {@link GateMonteCarlo}), the verdict against the bound, and for the
 * worst-case attack on Gaussian data the measured fraction of the bias bound. No math here beyond
 * formatting and the comparison.
 */
final class GateMcReport {
  final GateMonteCarlo.Runs runs;
  final GateMonteCarlo.Estimate estimate;
  final String @Nullable [] bound;
  final String boundKind;
  final String noBound;
  final GateMonteCarlo.@Nullable Verdict verdict;
  final @Nullable Worst worst;

  /** The worst-case-attack check on centred Gaussian data. */
  static final class Worst {
    final double measuredBias;
    final double biasBound;
    final double ratio;
    final double transientFactor;

    Worst(double measuredBias, double biasBound, double ratio, double transientFactor) {
      this.measuredBias = measuredBias;
      this.biasBound = biasBound;
      this.ratio = ratio;
      this.transientFactor = transientFactor;
    }
  }

  private GateMcReport(GateMonteCarlo.Runs runs, GateMonteCarlo.Estimate estimate,
      String @Nullable [] bound, String boundKind, String noBound,
      GateMonteCarlo.@Nullable Verdict verdict, @Nullable Worst worst) {
    this.noBound = noBound;
    this.runs = runs;
    this.estimate = estimate;
    this.bound = bound;
    this.boundKind = boundKind;
    this.verdict = verdict;
    this.worst = worst;
  }

  /**
   * Runs the Monte Carlo and compares its final mean with {@code bound[T]}.
   *
   * @param range the a-priori range for Hoeffding, or {@code null} for a fixed-seed check
   * @param lambdaMin an estimate of lambda_min(Sigma) for the worst-case check, or {@code null}
   *     when that check does not apply (not Gaussian, not the worst attack, hypotheses failed)
   */
  static GateMcReport compute(GateMonteCarlo.Source src, double[] wStar, double eta, int b,
      int steps, int r, long seed, GateIteration.@Nullable Poisoning poisoning,
      @Nullable Rational range, String @Nullable [] bound, String boundKind, String noBound,
      @Nullable Double lambdaMin) {
    GateMonteCarlo.Runs runs =
        GateMonteCarlo.run(src, wStar, eta, b, steps, r, seed, poisoning);
    double[] finals = runs.finalSquaredDistances();
    GateMonteCarlo.Estimate est =
        range == null ? GateMonteCarlo.fixedSeed(finals) : GateMonteCarlo.hoeffding(finals, range);
    GateMonteCarlo.@Nullable Verdict v =
        bound == null ? null : est.verdict(Double.parseDouble(bound[steps]));
    @Nullable Worst worst = null;
    if (lambdaMin != null && poisoning != null) {
      double[] m = runs.meanFinalIterate();
      double s = 0;
      for (int j = 0; j < m.length; j++) {
        s += (m[j] - wStar[j]) * (m[j] - wStar[j]);
      }
      double measured = Math.sqrt(s);
      double bb = 2 * poisoning.beta() * poisoning.theta() / Math.sqrt(lambdaMin);
      worst = new Worst(measured, bb, bb > 0 ? measured / bb : Double.NaN,
          Math.pow(Math.abs(1 - eta * lambdaMin / 2), steps));
    }
    return new GateMcReport(runs, est, bound, boundKind, noBound, v, worst);
  }

  /** Whether some run left the range of double (the mean is infinite or NaN). */
  boolean overflow() {
    return Double.isNaN(estimate.mean()) || Double.isInfinite(estimate.mean());
  }

  /** The failure sentence if the verdict is VIOLATED, else {@code null}. */
  @Nullable String failure(int steps) {
    String[] bd = bound;
    if (verdict != GateMonteCarlo.Verdict.VIOLATED || bd == null) {
      return null;
    }
    double b = Double.parseDouble(bd[steps]);
    return "Monte Carlo: the lower confidence end " + estimate.lower() + " of E||w_{T+1} - w*||^2"
        + " exceeds the " + boundKind + " " + bd[steps] + " by " + (estimate.lower() - b) + " ("
        + method() + ")";
  }

  private String method() {
    return estimate.method() == GateMonteCarlo.Method.HOEFFDING
        ? "Hoeffding, false-failure probability <= 1e-9"
        : "fixed seed, 6 standard errors: a regression check, not a probability statement";
  }

  void report(PrintWriter out, int steps) {
    out.println(TextReport.label("monte carlo") + estimate.runs() + " runs, mean ||w_{T+1} - w*||^2"
        + " = " + estimate.mean() + " (estimate)" + (overflow()
            ? "; the runs overflowed double (they diverge): no verdict is possible" : ""));
    out.println(TextReport.label("interval") + "[" + estimate.lower() + ", " + estimate.upper()
        + "]  " + method());
    String[] bd = bound;
    out.println(TextReport.label("vs bound") + (bd == null
        ? "no bound: " + noBound
        : boundKind + " " + bd[steps] + ": " + verdict));
    Worst w = worst;
    if (w != null) {
      out.println(TextReport.label("worst case") + "||mean w_{T+1} - w*|| = " + w.measuredBias
          + ", bias bound 2 beta* theta*/sqrt(lambda_min) = " + w.biasBound + ", ratio "
          + w.ratio + " vs sqrt(2/pi) = " + GatePoisoning.SQRT_2_OVER_PI + " [derived];"
          + " transient (1 - eta lambda_min/2)^T = " + w.transientFactor + " (estimates)");
    }
  }

  private static void putDouble(ObjectNode o, String name, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      o.putNull(name);
    } else {
      o.put(name, v);
    }
  }

  ObjectNode json(int steps) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("runs", estimate.runs());
    putDouble(o, "mean", estimate.mean());
    o.put("overflow", overflow());
    putDouble(o, "lower", estimate.lower());
    putDouble(o, "upper", estimate.upper());
    putDouble(o, "halfWidth", estimate.halfWidth());
    o.put("method", estimate.method() == GateMonteCarlo.Method.HOEFFDING
        ? "hoeffding" : "fixed seed");
    Double p = estimate.falseFailureProbability();
    if (p == null) {
      o.put("falseFailureProbability", "fixed seed");
    } else {
      o.put("falseFailureProbability", p.doubleValue());
    }
    String[] bd = bound;
    if (bd == null) {
      o.putNull("bound");
      o.put("noBound", noBound);
      o.putNull("verdict");
      o.putNull("pass");
    } else {
      o.put("bound", bd[steps]);
      o.put("boundKind", boundKind);
      o.put("verdict", String.valueOf(verdict).toLowerCase(java.util.Locale.ROOT));
      o.put("pass", verdict != GateMonteCarlo.Verdict.VIOLATED);
    }
    ArrayNode ms = o.putArray("meanDistanceSquared");
    for (double v : runs.meanSquaredDistance()) {
      ms.add(v);
    }
    Worst w = worst;
    if (w == null) {
      o.putNull("worstCase");
    } else {
      ObjectNode wc = o.putObject("worstCase");
      wc.put("measuredBias", w.measuredBias);
      wc.put("biasBound", w.biasBound);
      putDouble(wc, "ratio", w.ratio);
      wc.put("expectedRatio", GatePoisoning.SQRT_2_OVER_PI);
      wc.put("transient", w.transientFactor);
    }
    return o;
  }

  /** The poisoning bound fields of the JSON {@code poison} object. */
  static void poisonJson(ObjectNode po, @Nullable GatePoisoning pb) {
    if (pb == null) {
      po.putNull("floor");
      return;
    }
    po.set("floor", ResultJson.rational(pb.floor()));
    po.set("etaLimit", ResultJson.rational(pb.etaLimit()));
    po.put("boundApplies", pb.applies());
    po.set("rho", ResultJson.rational(pb.rho()));
    po.set("meanNoiseNormSquaredUpper", ResultJson.rational(pb.meanNoiseNormSquaredUpper()));
    po.set("biasBoundSquared", ResultJson.rational(pb.biasBoundSquared()));
    po.put("constants", "derived");
  }

  /** The report lines of the poisoning bound. */
  static void poisonReport(PrintWriter out, GatePoisoning pb) {
    out.println(TextReport.label("poison bound") + "E||w_{T+1} - w*||^2 <= rho'^T ||w*||^2 + floor,"
        + " rho' = 1 - eta L/4 = " + TextReport.exactAndDecimal(pb.rho()) + "  [derived]");
    out.println(TextReport.label("floor") + TextReport.exactAndDecimal(pb.floor())
        + " = 8M/L^2 + (8 eta/L)(beta* theta*^2 m_2/b + M), M = beta*^2 theta*^2 U = "
        + TextReport.exactAndDecimal(pb.meanNoiseNormSquaredUpper()));
    out.println(TextReport.label("bias bound") + "||w_inf - w*||^2 <= 4 beta*^2 theta*^2 / L = "
        + TextReport.exactAndDecimal(pb.biasBoundSquared()));
    out.println(TextReport.label("applies") + (pb.applies()
        ? "yes: eta <= L/(8 c_b) = " + TextReport.exactAndDecimal(pb.etaLimit())
        : "NO: the bound needs eta <= L/(8 c_b) = " + TextReport.exactAndDecimal(pb.etaLimit())
            + " (give --eta)"));
  }
}
