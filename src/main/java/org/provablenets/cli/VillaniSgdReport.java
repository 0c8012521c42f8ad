package org.provablenets.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.io.ResultJson;
import org.provablenets.villani.Activation;
import org.provablenets.villani.ConvergenceBound;
import org.provablenets.villani.Estimates;
import org.provablenets.villani.RegularisedLoss;
import org.provablenets.villani.SgdExperiment;
import org.provablenets.villani.SgdMonteCarlo;
import org.provablenets.villani.TrainingData;

/**
 * The report of {@code villani sgd}: one text renderer ({@link #text}), one JSON renderer ({@link
 * #json}), the CSV table ({@link #csv}) and the plot ({@link #plot}) of one {@link SgdExperiment}.
 * Every number is read from the experiment; nothing is computed here.
 *
 * <p>CSV: header {@code step,time,sgdMean,sgdLow,sgdHigh[,sdeMean,sdeLow,sdeHigh][,bound]}, one
 * row per step k = 0..K.
 */
final class VillaniSgdReport {
  private final String dataFile;
  private final RegularisedLoss loss;
  private final Rational s;
  private final Rational initVariance;
  private final SgdExperiment e;
  private final @Nullable Path csv;
  private final @Nullable Path plot;

  VillaniSgdReport(String dataFile, RegularisedLoss loss, Rational s, Rational initVariance,
      SgdExperiment e, @Nullable Path csv, @Nullable Path plot) {
    this.dataFile = dataFile;
    this.loss = loss;
    this.s = s;
    this.initVariance = initVariance;
    this.e = e;
    this.csv = csv;
    this.plot = plot;
  }

  /** The CSV table, every step. */
  String csv() {
    SgdMonteCarlo.Result r = e.runs();
    StringBuilder b = new StringBuilder("step,time,sgdMean,sgdLow,sgdHigh");
    SgdMonteCarlo.Curve sde = r.sde();
    double @Nullable [] bound = e.bound();
    if (sde != null) {
      b.append(",sdeMean,sdeLow,sdeHigh");
    }
    if (bound != null) {
      b.append(",bound");
    }
    b.append('\n');
    for (int k = 0; k <= r.steps(); k++) {
      b.append(k).append(',').append(e.time()[k]).append(',').append(r.sgd().mean()[k])
          .append(',').append(r.sgd().lower(k)).append(',').append(r.sgd().upper(k));
      if (sde != null) {
        b.append(',').append(sde.mean()[k]).append(',').append(sde.lower(k)).append(',')
            .append(sde.upper(k));
      }
      if (bound != null) {
        b.append(',').append(bound[k]);
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** The PNG plot (log scale) of the curves, their bands and the bound. */
  static byte[] plot(SgdExperiment e, String sText, Activation act) {
    SgdMonteCarlo.Result r = e.runs();
    List<GatePlot.Line> lines = new ArrayList<>();
    addCurve(lines, "SGD", e.shifted(r.sgd()), 0);
    SgdMonteCarlo.Curve sde = r.sde();
    if (sde != null) {
      addCurve(lines, "SDE (Euler-Maruyama, J = " + r.substeps() + ")", e.shifted(sde), 2);
    }
    double @Nullable [] bound = e.boundAboveMin();
    if (bound != null) {
      lines.add(new GatePlot.Line("bound eps(s) + D(s) exp(-lambda_s s k)", bound, false, 1, true));
    }
    String y = bound == null ? "E L(W_k) (log scale)" : "E L(W_k) - min L (log scale)";
    return GatePlot.png("villani sgd: " + act.label() + ", s = " + sText
        + ", " + r.runs() + " runs", "step k (time t = k s)", y, lines,
        org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
  }

  private static void addCurve(List<GatePlot.Line> lines, String name, double[][] c, int color) {
    lines.add(new GatePlot.Line(name + ": mean, 99.9% band dashed", c[0], false, color, true));
    lines.add(new GatePlot.Line(name + " lower", c[1], true, color, false));
    lines.add(new GatePlot.Line(name + " upper", c[2], true, color, false));
  }

  /**
   * JSON fields, in this order: {@code command, data, points, dimension, width, parameters,
   * activation, lambda, s, steps, runs, seed, initVariance, sdeSubsteps, interval, estimates,
   * theory} (null unless m &lt;= 2 and lambda &gt; 0; else {@code min, gibbsMean, epsilon, gap,
   * chiSquare, prefactor, grid}), {@code table} (at most 21 rows {@code step, time, sgdMean,
   * sgdHalfWidth, sdeMean, sdeHalfWidth, bound}), {@code consistent} (null without theory), {@code
   * failure, csv, plot}.
   */
  ObjectNode json() {
    SgdMonteCarlo.Result r = e.runs();
    TrainingData data = loss.data();
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("command", "villani sgd");
    o.put("data", dataFile);
    o.put("points", data.size());
    o.put("dimension", data.dimension());
    o.put("width", loss.width());
    o.put("parameters", loss.parameters());
    o.put("activation", loss.activation().label());
    o.set("lambda", ResultJson.rational(loss.lambda()));
    o.set("s", ResultJson.rational(s));
    o.put("steps", r.steps());
    o.put("runs", r.runs());
    o.put("seed", r.seed());
    o.set("initVariance", ResultJson.rational(initVariance));
    o.put("sdeSubsteps", r.substeps());
    o.put("interval", "mean +- " + SgdMonteCarlo.Z
        + " sd/sqrt(R): a 99.9% normal-approximation (central limit) interval, not a bound");
    o.put("estimates", "every number is a double estimate");
    ConvergenceBound theory = e.theory();
    if (theory == null) {
      o.putNull("theory");
    } else {
      ObjectNode t = o.putObject("theory");
      t.put("min", theory.min());
      t.put("gibbsMean", theory.gibbsMean());
      t.put("epsilon", theory.epsilon());
      t.put("gap", theory.gap());
      t.put("chiSquare", theory.chiSquare());
      t.put("prefactor", theory.prefactor());
      t.put("grid", theory.grid());
    }
    ArrayNode table = o.putArray("table");
    SgdMonteCarlo.Curve sde = r.sde();
    double @Nullable [] bound = e.bound();
    for (int k : SgdExperiment.shownSteps(r.steps())) {
      ObjectNode row = table.addObject();
      row.put("step", k);
      row.put("time", e.time()[k]);
      row.put("sgdMean", r.sgd().mean()[k]);
      row.put("sgdHalfWidth", r.sgd().halfWidth()[k]);
      if (sde == null) {
        row.putNull("sdeMean");
        row.putNull("sdeHalfWidth");
      } else {
        row.put("sdeMean", sde.mean()[k]);
        row.put("sdeHalfWidth", sde.halfWidth()[k]);
      }
      if (bound == null) {
        row.putNull("bound");
      } else {
        row.put("bound", bound[k]);
      }
    }
    if (e.checked()) {
      o.put("consistent", e.failure() == null);
    } else {
      o.putNull("consistent");
    }
    ResultJson.putText(o, "failure", e.failure());
    ResultJson.putText(o, "csv", csv);
    ResultJson.putText(o, "plot", plot);
    return o;
  }

  /** The text report. */
  void text(PrintWriter out) {
    SgdMonteCarlo.Result r = e.runs();
    out.println("villani sgd: " + VillaniSubcommand.describe(
        loss.data(), loss.outerWeights(), loss.activation()));
    out.println(TextReport.label("lambda, s") + "lambda = " + VillaniSubcommand.show(loss.lambda())
        + ", s = " + VillaniSubcommand.show(s));
    out.println(TextReport.label("runs") + r.runs() + " runs of " + r.steps() + " steps, seed "
        + r.seed() + ", W_0 ~ N(0, v I) with v = " + VillaniSubcommand.show(initVariance));
    out.println(TextReport.label("SGD") + "W <- W - s (grad L(W) + xi), xi ~ N(0, I)");
    if (r.sde() != null) {
      out.println(TextReport.label("SDE") + "Euler-Maruyama, " + r.substeps()
          + " substeps of s/" + r.substeps() + " per step");
    } else {
      out.println(TextReport.label("SDE") + "not run (--sde-substeps 0)");
    }
    out.println("estimates (double; intervals are 99.9% normal approximations, not bounds):");
    ConvergenceBound theory = e.theory();
    if (theory != null) {
      out.println(TextReport.label("min L") + num(theory.min()) + " (grid of "
          + theory.grid() + ")");
      out.println(TextReport.label("E_mu L") + num(theory.gibbsMean()) + ", eps(s) = "
          + num(theory.epsilon()));
      out.println(TextReport.label("lambda_s") + num(theory.gap()) + ", chi2(rho_0 || mu_s) = "
          + num(theory.chiSquare()) + ", D(s) = " + num(theory.prefactor()));
    } else {
      out.println(TextReport.label("theory") + (loss.parameters() > 2
          ? "no bound line: the grid numerics need at most two trained parameters (p d <= 2)"
          : "no bound line: lambda = 0 (no Gibbs measure)"));
    }
    out.printf(Locale.ROOT, "%8s %10s  %-24s  %-24s  %s%n", "step", "time", "E L(W_k) SGD",
        "E L(X_t) SDE", "bound on E L");
    SgdMonteCarlo.Curve sde = r.sde();
    double @Nullable [] bound = e.bound();
    for (int k : SgdExperiment.shownSteps(r.steps())) {
      out.printf(Locale.ROOT, "%8d %10s  %-24s  %-24s  %s%n", k, num(e.time()[k]),
          num(r.sgd().mean()[k]) + " +- " + num(r.sgd().halfWidth()[k]),
          sde == null ? "-" : num(sde.mean()[k]) + " +- " + num(sde.halfWidth()[k]),
          bound == null ? "-" : num(bound[k]));
    }
    if (e.checked()) {
      out.println(TextReport.label("check") + (e.failure() == null
          ? "the SDE's interval lies below the bound at every step"
          : "FAILED: " + e.failure()));
    }
    if (csv != null) {
      out.println(TextReport.label("csv") + csv);
    }
    if (plot != null) {
      out.println(TextReport.label("plot") + plot);
    }
  }

  private static String num(double x) {
    return Estimates.sixDigits(x);
  }
}
