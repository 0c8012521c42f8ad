package org.provablenets.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.cert.Verdict;
import org.provablenets.cert.VillaniChecks;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.io.OutputFiles;
import org.provablenets.io.ResultJson;
import org.provablenets.qual.HypothesesChecked;
import org.provablenets.villani.Activation;
import org.provablenets.villani.ConvergenceBound;
import org.provablenets.exact.enclosure.Interval;
import org.provablenets.villani.RegularisedLoss;
import org.provablenets.villani.SgdExperiment;
import org.provablenets.villani.SgdMonteCarlo;
import org.provablenets.villani.TrainingData;
import org.provablenets.villani.VillaniChecker;
import org.provablenets.villani.VillaniConditionException;
import org.provablenets.villani.VillaniConstants;
import org.provablenets.villani.VillaniInstance;

/**
 * The T3 section of the tour: a width-2 tanh net on two points of the line with lambda = 1/10 and
 * s = 1; the [derived] constants, each Villani condition, the certified radius R(10), a rigorous
 * enclosure of the Villani quantity at a W with {@code ||W||_F = R} whose lower end is {@code >=
 * 10}, and the unregularised loss (lambda = 0) refused, with V_s bounded along the same direction.
 * Then SGD measured: on one trained parameter ({@code x = 1, y = 1, a = 2}, tanh, lambda = 1/10,
 * s = 1/10, {@code W_0 ~ N(0, 1/100)}), the Monte Carlo means of SGD and of the SDE
 * (Euler-Maruyama, {@value #SUBSTEPS} substeps) over {@value #RUNS} runs of {@value #STEPS} steps
 * beside the continuous-time bound {@code min L + eps(s) + D(s) exp(-lambda_s s k)}, and the
 * check that the SDE's 99.9% interval never lies above it (estimates in double; not part of the
 * certificate verdict); with a plot file, the convergence plot. It takes about a second.
 */
final class VillaniTour {
  /** Digits of the enclosures. */
  static final long PRECISION = 30;

  /** The file name of the convergence plot in the tour's plot folder. */
  static final String PLOT = "t3-sgd.png";

  /** SGD steps of the convergence measurement. */
  static final int STEPS = 400;

  /** Monte Carlo runs of the convergence measurement. */
  static final int RUNS = 400;

  /** Euler-Maruyama substeps per SGD step. */
  static final int SUBSTEPS = 10;

  /** The seed of the convergence measurement. */
  static final long SEED = 2210_11452L;

  private VillaniTour() {}

  /** The section; the convergence plot is written to {@code plot} unless it is null. */
  static TourCommand.Section section(@Nullable Path plot) {
    TrainingData data =
        new TrainingData(
            new Rational[][] {{Rational.ONE}, {Rational.of(-1)}},
            new Rational[] {Rational.of(1, 2), Rational.of(-1, 4)});
    Rational[] a = {Rational.ONE, Rational.of(1, 2)};
    Activation act = Activation.TANH;
    Rational lambda = Rational.of(1, 10);
    Rational s = Rational.ONE;
    Rational m = Rational.of(10);
    VillaniConstants c = VillaniChecker.constants(data, a, act);
    @HypothesesChecked VillaniInstance inst = VillaniChecker.check(data, a, lambda, act, s, m);
    Rational r = inst.radius();
    // W = R (3/5, 4/5)^T: ||W||_F = R exactly.
    Rational[][] w = {{r.multiply(Rational.of(3, 5))}, {r.multiply(Rational.of(4, 5))}};
    Interval v = VillaniChecker.confirmAt(inst, w, PRECISION).villani();
    String refusal;
    try {
      VillaniChecker.check(data, a, Rational.ZERO, act, s, m);
      refusal = "(accepted: a bug)";
    } catch (VillaniConditionException e) {
      refusal = String.valueOf(e.getMessage());
    }
    Rational bound = VillaniChecker.unregularisedVillaniUpperBound(c, s);
    Interval v0 =
        new RegularisedLoss(data, a, Rational.ZERO, act).enclose(w, s, PRECISION).villani();
    Verdict verdict =
        new VillaniChecks()
            .instance(inst)
            .enclosureAtLeastLevel(inst, w, PRECISION)
            .refusesLambdaZero(inst)
            .verdict();

    List<String> lines = new ArrayList<>();
    lines.add("x = (1, -1), y = (1/2, -1/4), width 2, a = " + TextReport.exact(a)
        + ", sigma = tanh, lambda = 1/10, s = 1, M = 10");
    lines.add("[derived] constants (exact upper bounds): rho_0 = " + brief(c.rho0()) + ", G_0 = "
        + brief(c.g0()) + ", lambda_c = " + brief(c.lambdaC()));
    lines.add("  K_0 = " + brief(c.k0()) + ", K_1 = " + brief(c.k1()) + ", C_0 = "
        + brief(c.c0()));
    for (String line : inst.conditions()) {
      lines.add(line);
    }
    lines.add("certified radius R(10) = " + Rationals.format(r) + " (statement "
        + inst.statement() + ")");
    lines.add("at W = R (3/5, 4/5)^T (||W||_F = R), rigorous enclosure of V_s(W):");
    lines.add("  " + VillaniEvalCommand.range(v) + ", lower end >= M = 10: "
        + (v.certainlyAtLeast(m) ? "yes" : "NO"));
    lines.add("without regularisation (lambda = 0) the checker refuses:");
    lines.addAll(wrap(refusal, 96, "  "));
    lines.add("  V_s <= G_0^2/s + K_0 = " + brief(bound) + " for every W; at the same W,"
        + " V_s in " + VillaniEvalCommand.range(v0));

    ObjectNode convergence = convergence(lines, plot);

    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("problem", "villani");
    o.put("points", data.size());
    o.put("dimension", data.dimension());
    o.put("width", a.length);
    o.put("activation", act.label());
    o.set("lambda", ResultJson.rational(lambda));
    o.set("s", ResultJson.rational(s));
    o.set("m", ResultJson.rational(m));
    o.set("constants", VillaniCheckCommand.constantsJson(c));
    o.put("statement", inst.statement().name());
    o.set("radius", ResultJson.rational(r));
    o.set("w", ResultJson.vector(new Rational[] {w[0][0], w[1][0]}));
    o.set("villaniEnclosure", VillaniEvalCommand.enclosure(v));
    ObjectNode ce = o.putObject("counterexample");
    ce.set("lambda", ResultJson.rational(Rational.ZERO));
    ce.put("refusal", refusal);
    ce.set("villaniUpperBound", ResultJson.rational(bound));
    ce.set("villaniEnclosure", VillaniEvalCommand.enclosure(v0));
    o.set("convergence", convergence);
    ResultJson.putVerdict(o, verdict);
    return new TourCommand.Section(
        "T3",
        "Villani conditions for a regularised width-2 tanh net on two points of the line",
        lines,
        o,
        verdict);
  }

  /** The SGD / SDE measurement: report lines, the plot, and its JSON. */
  private static ObjectNode convergence(List<String> lines, @Nullable Path plot) {
    Rational lambda = Rational.of(1, 10);
    Rational s = Rational.of(1, 10);
    RegularisedLoss exact = new RegularisedLoss(
        new TrainingData(new Rational[][] {{Rational.ONE}}, new Rational[] {Rational.ONE}),
        new Rational[] {Rational.of(2)}, lambda, Activation.TANH);
    double sd = s.toDouble();
    double v = 0.01;
    SgdExperiment e = SgdExperiment.run(
        exact, lambda.toDouble(), sd, STEPS, RUNS, SEED, v, SUBSTEPS, 20001);
    SgdMonteCarlo.Result r = e.runs();
    ConvergenceBound b = e.theory();
    SgdMonteCarlo.Curve sde = r.sde();
    double[] bounds = e.bound();
    if (b == null || sde == null || bounds == null) {
      throw new IllegalStateException("the SDE or the bound was not computed");
    }
    @Nullable String failure = e.failure();
    lines.add("SGD measured (estimates in double): x = 1, y = 1, a = 2, tanh, lambda = 1/10,"
        + " s = 1/10, W_0 ~ N(0, 1/100),");
    lines.add("  " + RUNS + " runs, 99.9% intervals; SDE by Euler-Maruyama with " + SUBSTEPS
        + " substeps; lambda_s = " + num(b.gap()) + ", eps(s) = " + num(b.epsilon())
        + ", D(s) = " + num(b.prefactor()));
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("data", "x = 1, y = 1, a = 2, tanh");
    o.set("lambda", ResultJson.rational(lambda));
    o.set("s", ResultJson.rational(s));
    o.put("initVariance", v);
    o.put("steps", STEPS);
    o.put("runs", RUNS);
    o.put("seed", SEED);
    o.put("sdeSubsteps", SUBSTEPS);
    o.put("estimates", "double; intervals are 99.9% normal approximations");
    o.put("gap", b.gap());
    o.put("epsilon", b.epsilon());
    o.put("gibbsMean", b.gibbsMean());
    o.put("prefactor", b.prefactor());
    ArrayNode rows = o.putArray("table");
    for (int k : new int[] {0, 25, 50, 100, 200, 400}) {
      double bound = bounds[k];
      lines.add(String.format(Locale.ROOT,
          "  k = %3d: E L SGD %s, SDE %s +- %s, bound %s", k, num(r.sgd().mean()[k]),
          num(sde.mean()[k]), num(sde.halfWidth()[k]), num(bound)));
      ObjectNode row = rows.addObject();
      row.put("step", k);
      row.put("sgdMean", r.sgd().mean()[k]);
      row.put("sdeMean", sde.mean()[k]);
      row.put("sdeHalfWidth", sde.halfWidth()[k]);
      row.put("bound", bound);
    }
    lines.add("  E_mu L = " + num(b.gibbsMean()) + "; the SDE's interval "
        + (failure == null ? "never lies above the bound" : "FAILS: " + failure)
        + "; SGD is shown, not checked (the discrete statement adds O(s))");
    o.put("consistent", failure == null);
    if (plot != null) {
      OutputFiles.writeBytes(
          plot, VillaniSgdReport.plot(e, Rationals.format(s), Activation.TANH));
      lines.add("  plot: " + plot);
      o.put("plot", plot.toString());
    } else {
      lines.add("  (the convergence plot: provnets tour --plot-dir DIR)");
      o.putNull("plot");
    }
    return o;
  }

  private static String num(double x) {
    return String.format(Locale.ROOT, "%.4g", x);
  }

  /** Exact when short, otherwise a decimal marked {@code ~}. */
  private static String brief(Rational q) {
    String exact = Rationals.format(q);
    return exact.length() <= 24 ? exact : "~ " + Rationals.decimal(q, 12);
  }

  /** The text broken at blanks into lines of at most about {@code width} characters. */
  static List<String> wrap(String text, int width, String indent) {
    List<String> out = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        out.add(indent + line);
        line.setLength(0);
      }
      line.append(line.length() == 0 ? "" : " ").append(word);
    }
    if (line.length() > 0) {
      out.add(indent + line);
    }
    return out;
  }
}
