package org.provablenets.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.gate.GateExactRun;
import org.provablenets.gate.GateHypotheses;
import org.provablenets.gate.GateIteration;
import org.provablenets.gate.GateMcCheck;
import org.provablenets.gate.GateMonteCarlo;
import org.provablenets.gate.GatePoisoning;
import org.provablenets.gate.GateRun;
import org.provablenets.gate.SampledDistribution;
import org.provablenets.io.ResultJson;

/**
 * The JSON of {@code provnets gate run} ({@link GateRun.Finite}, {@link GateRun.Sampled}); the
 * field lists are in {@link GateRunCommand}'s class comment. Formatting only: every number comes
 * from {@code gate}, every sentence shared with the text from {@link GateRunText}.
 */
final class GateRunJson {
  private GateRunJson() {}

  /** The run on a finite support; {@code files} are the csv, plot, samplesOut, iteratesOut. */
  static ObjectNode finite(GateSetup s, GateRun.Finite r, @Nullable String csv,
      @Nullable String plot, @Nullable String samplesOut, @Nullable String iteratesOut) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("command", "gate run");
    s.describe(o);
    s.hypotheses(o);
    plan(o, r.plan(), r.bounds());
    int steps = r.plan().steps();
    o.put("arithmetic", "double: distanceSquared and sgdDistanceSquared are estimates");
    double[] sq = r.run().squaredDistances();
    o.put("finalDistanceSquared", sq[steps]);
    String[] bound = r.bounds().clean();
    if (bound == null) {
      o.putNull("finalBound");
    } else {
      o.put("finalBound", bound[steps]);
    }
    GateIteration.DoubleRun sgd = r.sgd();
    if (sgd == null) {
      o.putNull("sgdStart");
      o.putNull("sgdNeverMoved");
    } else {
      doubles(o.putArray("sgdStart"), sgd.iterates()[0]);
      o.put("sgdNeverMoved", r.sgdNeverMoved());
    }
    doubles(o.putArray("distanceSquared"), sq);
    if (bound == null) {
      o.putNull("bound");
    } else {
      ArrayNode bs = o.putArray("bound");
      for (String v : bound) {
        bs.add(v);
      }
    }
    if (sgd == null) {
      o.putNull("sgdDistanceSquared");
    } else {
      doubles(o.putArray("sgdDistanceSquared"), sgd.squaredDistances());
    }
    ResultJson.putText(o, "csv", csv);
    ResultJson.putText(o, "plot", plot);
    ResultJson.putText(o, "samplesOut", samplesOut);
    ResultJson.putText(o, "iteratesOut", iteratesOut);
    GateMcCheck mc = r.monteCarlo();
    if (mc != null) {
      o.set("monteCarlo", monteCarlo(mc, r.bounds()));
    }
    GateExactRun x = r.replay();
    if (x != null) {
      o.set("exactReplay", replay(x, r.replayDeviation()));
    }
    return o;
  }

  /** The Monte Carlo run on a sampled family given as {@code spec}. */
  static ObjectNode sampled(String spec, GateRun.Sampled r, @Nullable String csv,
      @Nullable String plot) {
    SampledDistribution dist = r.setup().distribution();
    GateHypotheses.SpectralBounds sb = r.setup().bounds();
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("command", "gate run");
    o.put("distribution", spec);
    o.put("family", dist.family().name().toLowerCase(Locale.ROOT));
    o.put("description", dist.describe());
    o.put("dimension", dist.dimension());
    o.put("symmetric", dist.isSymmetric());
    o.put("symmetry", "by construction");
    GateSetup.hypotheses(o, r.setup(), false);
    o.set("m2", ResultJson.rational(dist.m2()));
    o.set("lambdaMinLower", ResultJson.rational(sb.lambdaMin().lower()));
    o.set("lambdaMaxUpper", ResultJson.rational(sb.lambdaMax().upper()));
    o.set("lambda4Upper", ResultJson.rational(sb.lambda4().upper()));
    o.put("moments", "exact closed forms [derived]");
    plan(o, r.plan(), r.bounds());
    int steps = r.plan().steps();
    GateMcCheck mc = r.monteCarlo();
    o.put("runs", r.plan().runs());
    o.put("arithmetic", "double: every Monte Carlo value is an estimate");
    o.put("finalMeanDistanceSquared", mc.runs().meanSquaredDistance()[steps]);
    String[] bound = mc.bound();
    if (bound == null) {
      o.putNull("finalBound");
    } else {
      o.put("finalBound", bound[steps]);
    }
    o.set("monteCarlo", monteCarlo(mc, r.bounds()));
    ResultJson.putText(o, "csv", csv);
    ResultJson.putText(o, "plot", plot);
    return o;
  }

  /** {@code wStar .. poison, steps, seed}: the plan and the theorem's constants. */
  private static void plan(ObjectNode o, GateRun.Plan p, GateRun.Bounds b) {
    o.set("wStar", ResultJson.vector(p.wStar()));
    o.set("wStarNormSquared", ResultJson.rational(b.wStarNormSquared()));
    o.put("batch", p.batch());
    o.set("eta", ResultJson.rational(p.eta()));
    o.put("etaSource", p.theoremEta() ? "theorem" : "option");
    o.put("constants", "derived");
    Rational q = b.factor();
    Boolean contracting = b.contracting();
    if (q == null || contracting == null) {
      o.putNull("factor");
      o.putNull("contracting");
    } else {
      o.set("factor", ResultJson.rational(q));
      o.put("contracting", contracting.booleanValue());
    }
    GateRun.Poison poison = p.poison();
    if (poison == null) {
      o.putNull("poison");
    } else {
      ObjectNode po = o.putObject("poison");
      po.set("beta", ResultJson.rational(poison.beta()));
      po.set("theta", ResultJson.rational(poison.theta()));
      po.put("attack", poison.name());
      poisonBound(po, b.poisoning());
    }
    o.put("steps", p.steps());
    o.put("seed", p.seed());
  }

  /** The poisoning bound fields of the {@code poison} object. */
  private static void poisonBound(ObjectNode po, @Nullable GatePoisoning pb) {
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

  private static void doubles(ArrayNode a, double[] v) {
    for (double x : v) {
      a.add(x);
    }
  }

  private static void putDouble(ObjectNode o, String name, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      o.putNull(name);
    } else {
      o.put(name, v);
    }
  }

  private static ObjectNode monteCarlo(GateMcCheck mc, GateRun.Bounds b) {
    GateMonteCarlo.Estimate e = mc.estimate();
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("runs", e.runs());
    putDouble(o, "mean", e.mean());
    o.put("overflow", mc.overflow());
    putDouble(o, "lower", e.lower());
    putDouble(o, "upper", e.upper());
    putDouble(o, "halfWidth", e.halfWidth());
    o.put("method", e.method() == GateMonteCarlo.Method.HOEFFDING ? "hoeffding" : "fixed seed");
    Double p = e.falseFailureProbability();
    if (p == null) {
      o.put("falseFailureProbability", "fixed seed");
    } else {
      o.put("falseFailureProbability", p.doubleValue());
    }
    String[] bd = mc.bound();
    if (bd == null) {
      o.putNull("bound");
      o.put("noBound", GateRunText.noBound(b));
      o.putNull("verdict");
      o.putNull("pass");
    } else {
      o.put("bound", bd[bd.length - 1]);
      o.put("boundKind", GateRunText.kind(mc.kind()));
      o.put("verdict", String.valueOf(mc.verdict()).toLowerCase(Locale.ROOT));
      o.put("pass", mc.verdict() != GateMonteCarlo.Verdict.VIOLATED);
    }
    doubles(o.putArray("meanDistanceSquared"), mc.runs().meanSquaredDistance());
    GateMcCheck.Worst w = mc.worst();
    if (w == null) {
      o.putNull("worstCase");
    } else {
      ObjectNode wc = o.putObject("worstCase");
      wc.put("measuredBias", w.measuredBias());
      wc.put("biasBound", w.biasBound());
      putDouble(wc, "ratio", w.ratio());
      wc.put("expectedRatio", GatePoisoning.SQRT_2_OVER_PI);
      wc.put("transient", w.transientFactor());
    }
    return o;
  }

  private static ObjectNode replay(GateExactRun x, double deviation) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    int last = x.iterates() - 1;
    o.put("arithmetic", GateRunText.replayArithmetic(x));
    if (x.switchedAt() < 0) {
      o.putNull("apfloatFromIterate");
    } else {
      o.put("apfloatFromIterate", x.switchedAt() + 2);
    }
    o.put("precision", x.precision());
    Rational exact = x.exactDistanceSquared(last);
    if (exact == null) {
      o.putNull("finalDistanceSquared");
    } else {
      o.set("finalDistanceSquared", ResultJson.rational(exact));
    }
    o.put("finalDistanceSquaredDecimal", x.distanceSquared(last).toString(true));
    o.put("doubleDeviationRelativeToWStar", deviation);
    return o;
  }
}
