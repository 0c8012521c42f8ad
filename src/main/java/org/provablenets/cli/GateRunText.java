package org.provablenets.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.gate.GateExactRun;
import org.provablenets.gate.GateHypotheses;
import org.provablenets.gate.GateIteration;
import org.provablenets.gate.GateMcCheck;
import org.provablenets.gate.GateMonteCarlo;
import org.provablenets.gate.GatePoisoning;
import org.provablenets.gate.GateRun;
import org.provablenets.gate.SampledDistribution;

/**
 * The text report of {@code provnets gate run} ({@link GateRun.Finite} and {@link
 * GateRun.Sampled}), and the sentences it shares with the JSON ({@link GateRunJson}) and the
 * files ({@link GateRunFiles}): what the bound is, why it is absent, how the interval was made,
 * how the replay was computed. Formatting only: every number comes from {@code gate}.
 */
final class GateRunText {
  /** Rows of the text report's table (about). */
  private static final int TABLE_ROWS = 20;

  private GateRunText() {}

  /** About {@value #TABLE_ROWS} steps from 0 to T, always both ends. */
  static List<Integer> tableSteps(int steps) {
    TreeSet<Integer> s = new TreeSet<>();
    for (int k = 0; k <= TABLE_ROWS; k++) {
      s.add((int) Math.round((double) k * steps / TABLE_ROWS));
    }
    s.add(steps);
    return new ArrayList<>(s);
  }

  // ---- the sentences shared with the JSON and the files ----

  /** The bound the Monte Carlo compares with, in words. */
  static String kind(GateMcCheck.BoundKind kind) {
    return kind == GateMcCheck.BoundKind.THEOREM
        ? "theorem's bound q^T ||w*||^2"
        : "poisoned bound rho'^T ||w*||^2 + floor";
  }

  /** Why there is no bound to compare the Monte Carlo mean with. */
  static String noBound(GateRun.Bounds b) {
    GatePoisoning pb = b.poisoning();
    switch (b.noBound()) {
      case NEEDS_HYPOTHESES:
        return "it needs the hypotheses";
      case NEEDS_SMALLER_STEP:
        return "the poisoned bound needs eta <= L/(8 c_b) = "
            + (pb == null ? "?" : Rationals.format(pb.etaLimit())) + " (give --eta)";
      default:
        return "none";
    }
  }

  private static String method(GateMonteCarlo.Estimate e) {
    return e.method() == GateMonteCarlo.Method.HOEFFDING
        ? "Hoeffding, false-failure probability <= 1e-9"
        : "fixed seed, 6 standard errors: a regression check, not a probability statement";
  }

  /** The exit sentence when the Monte Carlo's lower confidence end exceeds the bound, or null. */
  static @Nullable String failure(@Nullable GateMcCheck mc) {
    String[] bd = mc == null ? null : mc.bound();
    if (mc == null || bd == null || !mc.violated()) {
      return null;
    }
    return "Monte Carlo: the lower confidence end " + mc.estimate().lower() + " of E||w_{T+1} -"
        + " w*||^2 exceeds the " + kind(mc.kind()) + " " + bd[bd.length - 1] + " by "
        + mc.excess() + " (" + method(mc.estimate()) + ")";
  }

  /** How the replay was computed, in words. */
  static String replayArithmetic(GateExactRun x) {
    return x.switchedAt() < 0
        ? "exact rationals for every iterate"
        : "exact rationals for w_1..w_" + (x.switchedAt() + 1) + ", then apfloat at "
            + x.precision() + " digits from w_" + (x.switchedAt() + 2) + " on (ESTIMATES: the"
            + " exact numbers outgrew --max-bits)";
  }

  // ---- the reports ----

  /** The report of a run on a finite support (with the files written, as given). */
  static void finite(PrintWriter out, GateSetup s, GateRun.Finite r, List<String> files) {
    GateRun.Plan p = r.plan();
    out.println("gate run on " + s.source);
    s.describe(out);
    String failure = s.failureMessage();
    out.println(TextReport.label("hypotheses") + (failure == null ? "hold" : "FAIL: " + failure));
    plan(out, r.bounds(), p, p.theoremEta() ? "" : " (run in double as " + p.etaDouble() + ")");
    Rational q = r.bounds().factor();
    if (q == null) {
      out.println(TextReport.label("bound") + "absent: it needs the hypotheses");
    } else {
      out.println(TextReport.label("bound") + "E||w_{t+1} - w*||^2 <= q^t ||w*||^2, q = "
          + (p.theoremEta() ? "rho_b = " : "1 - eta L + eta^2 c_b = ")
          + TextReport.exactAndDecimal(q) + "  [derived]"
          + (Boolean.TRUE.equals(r.bounds().contracting())
              ? "" : "  (q >= 1: this step does not contract)"));
    }
    GateRun.Poison pz = p.poison();
    out.println(TextReport.label("poisoning") + (pz == null
        ? "none"
        : poison(pz) + "; the bound is the clean-label bound, for reference only"));
    poisonBound(out, r.bounds().poisoning());
    int steps = p.steps();
    out.println(TextReport.label("run") + steps + " steps, seed " + p.seed()
        + ", double arithmetic: every distance below is an ESTIMATE");
    GateIteration.DoubleRun sgd = r.sgd();
    double[] sq = r.run().squaredDistances();
    double[] sgdSq = sgd == null ? new double[0] : sgd.squaredDistances();
    String[] bound = r.bounds().clean();
    out.println(String.format("  %8s  %-24s  %-24s%s", "t", "||w_{t+1}-w*||^2 (est.)",
        "bound", sgd == null ? "" : "  SGD (est.)"));
    for (int t : tableSteps(steps)) {
      out.println(String.format("  %8d  %-24s  %-24s%s", t, Double.toString(sq[t]),
          bound == null ? "-" : bound[t], sgd == null ? "" : "  " + sgdSq[t]));
    }
    if (sgd != null && r.sgdFromZero()) {
      out.println(TextReport.label("SGD") + (r.sgdNeverMoved()
          ? "from w = 0 on the same samples it never moved: w = 0 after all " + steps
              + " steps (every gradient carries 1{w.x > 0} = 0)"
          : "from w = 0 it moved (unexpected: please report it)"));
    } else if (sgd != null) {
      out.println(TextReport.label("SGD") + "from w = "
          + java.util.Arrays.toString(sgd.iterates()[0]) + " on the same samples: ||w_"
          + (steps + 1) + " - w*||^2 = " + sgdSq[steps] + " against the non-gradient"
          + " iteration's " + sq[steps] + " from w = 0");
    }
    GateMcCheck mc = r.monteCarlo();
    if (mc != null) {
      monteCarlo(out, mc, r.bounds());
    }
    for (String f : files) {
      out.println(f);
    }
    GateExactRun x = r.replay();
    if (x != null) {
      replay(out, x, r.replayDeviation());
    }
  }

  /** The report of a Monte Carlo run on a sampled family. */
  static void sampled(PrintWriter out, String spec, GateRun.Sampled r, List<String> files) {
    GateRun.Plan p = r.plan();
    SampledDistribution dist = r.setup().distribution();
    GateHypotheses.SpectralBounds sb = r.setup().bounds();
    out.println("gate run on " + spec);
    out.println(TextReport.label("distribution") + dist.describe() + "; samples drawn in double"
        + " (SplittableRandom, seed " + p.seed() + ")");
    out.println(TextReport.label("symmetry") + (dist.isSymmetric()
        ? "(A1) holds by construction" : "(A1) FAILS by construction (the control)"));
    out.println(TextReport.label("moments") + "m_2 = E||x||^2 = "
        + TextReport.exactAndDecimal(dist.m2()) + "; Sigma, E[||x||^2 xx'] exact closed forms"
        + " [derived]");
    out.println(TextReport.label("L") + TextReport.exactAndDecimal(sb.lambdaMin().lower())
        + " <= lambda_min(Sigma)  (certified)");
    out.println(TextReport.label("U") + TextReport.exactAndDecimal(sb.lambdaMax().upper())
        + " >= lambda_max(Sigma)  (certified)");
    out.println(TextReport.label("U4") + TextReport.exactAndDecimal(sb.lambda4().upper())
        + " >= lambda_4  (certified)");
    String failure = r.setup().failureMessage();
    out.println(TextReport.label("hypotheses") + (failure == null ? "hold" : "FAIL: " + failure));
    plan(out, r.bounds(), p, "");
    Rational q = r.bounds().factor();
    if (q != null) {
      out.println(TextReport.label("bound") + "E||w_{t+1} - w*||^2 <= q^t ||w*||^2, q = "
          + TextReport.exactAndDecimal(q) + "  [derived]");
    }
    GateRun.Poison pz = p.poison();
    if (pz != null) {
      out.println(TextReport.label("poisoning") + poison(pz));
    }
    poisonBound(out, r.bounds().poisoning());
    GateMcCheck mc = r.monteCarlo();
    int steps = p.steps();
    out.println(TextReport.label("run") + steps + " steps, " + p.runs() + " runs, double"
        + " arithmetic: every mean below is an ESTIMATE");
    out.println(String.format("  %8s  %-24s  %-24s", "t", "mean ||w_{t+1}-w*||^2", "bound"));
    double[] mean = mc.runs().meanSquaredDistance();
    String[] bound = mc.bound();
    for (int t : tableSteps(steps)) {
      out.println(String.format("  %8d  %-24s  %-24s", t, Double.toString(mean[t]),
          bound == null ? "-" : bound[t]));
    }
    monteCarlo(out, mc, r.bounds());
    for (String f : files) {
      out.println(f);
    }
  }

  /** The lines w*, eta (with {@code given} after "given with --eta") and batch. */
  private static void plan(PrintWriter out, GateRun.Bounds b, GateRun.Plan p, String given) {
    out.println(TextReport.label("w*") + TextReport.exact(p.wStar()) + ", ||w*||^2 = "
        + TextReport.exactAndDecimal(b.wStarNormSquared()));
    out.println(TextReport.label("eta") + TextReport.exactAndDecimal(p.eta())
        + (p.theoremEta()
            ? "  the theorem's step L/(2 c_b) from the certified bounds [derived]"
            : "  given with --eta" + given));
    out.println(TextReport.label("batch") + p.batch());
  }

  private static String poison(GateRun.Poison p) {
    return "beta* = " + Rationals.format(p.beta()) + ", theta* = " + Rationals.format(p.theta())
        + ", attack " + p.name();
  }

  /** The report lines of the poisoning bound (none without one). */
  private static void poisonBound(PrintWriter out, @Nullable GatePoisoning pb) {
    if (pb == null) {
      return;
    }
    out.println(TextReport.label("poison bound") + "E||w_{T+1} - w*||^2 <= rho'^T ||w*||^2 +"
        + " floor, rho' = 1 - eta L/4 = " + TextReport.exactAndDecimal(pb.rho()) + "  [derived]");
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

  private static void monteCarlo(PrintWriter out, GateMcCheck mc, GateRun.Bounds b) {
    GateMonteCarlo.Estimate e = mc.estimate();
    out.println(TextReport.label("monte carlo") + e.runs() + " runs, mean ||w_{T+1} - w*||^2"
        + " = " + e.mean() + " (estimate)" + (mc.overflow()
            ? "; the runs overflowed double (they diverge): no verdict is possible" : ""));
    out.println(TextReport.label("interval") + "[" + e.lower() + ", " + e.upper() + "]  "
        + method(e));
    String[] bd = mc.bound();
    out.println(TextReport.label("vs bound") + (bd == null
        ? "no bound: " + noBound(b)
        : kind(mc.kind()) + " " + bd[bd.length - 1] + ": " + mc.verdict()));
    GateMcCheck.Worst w = mc.worst();
    if (w != null) {
      out.println(TextReport.label("worst case") + "||mean w_{T+1} - w*|| = " + w.measuredBias()
          + ", bias bound 2 beta* theta*/sqrt(lambda_min) = " + w.biasBound() + ", ratio "
          + w.ratio() + " vs sqrt(2/pi) = " + GatePoisoning.SQRT_2_OVER_PI + " [derived];"
          + " transient (1 - eta lambda_min/2)^T = " + w.transientFactor() + " (estimates)");
    }
  }

  private static void replay(PrintWriter out, GateExactRun x, double deviation) {
    int last = x.iterates() - 1;
    out.println("exact replay of the same samples:");
    out.println(TextReport.label("arithmetic") + replayArithmetic(x));
    Rational exact = x.exactDistanceSquared(last);
    out.println(TextReport.label("final") + "||w_" + (last + 1) + " - w*||^2 = "
        + (exact == null
            ? "~ " + x.distanceSquared(last).toString(true) + " (apfloat)"
            : (Rationals.format(exact).length() <= 60
                ? TextReport.exactAndDecimal(exact)
                : "~ " + Rationals.decimal(exact, 20) + " (exact in --json)")));
    out.println(TextReport.label("double") + "largest |double - replay| of ||w_t - w*||^2,"
        + " relative to ||w*||^2: " + String.format(Locale.ROOT, "%.3g", deviation));
  }
}
