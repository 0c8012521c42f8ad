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
import org.provablenets.exact.Rationals;
import org.provablenets.io.OutputFiles;
import org.provablenets.io.ResultJson;
import org.provablenets.villani.Activation;
import org.provablenets.villani.ConvergenceBound;
import org.provablenets.villani.DoubleLoss;
import org.provablenets.villani.RegularisedLoss;
import org.provablenets.villani.SgdMonteCarlo;
import org.provablenets.villani.TrainingData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code provnets villani sgd}: SGD with unit Gaussian gradient noise and the SDE by
 * Euler-Maruyama ({@link SgdMonteCarlo}), Monte Carlo estimates of {@code E L(W_k)} with 99.9%
 * normal-approximation intervals, and, for one or two trained parameters (m = p d <= 2) and
 * lambda > 0, the
 * continuous-time bound {@code min L + eps(s) + D(s) exp(-lambda_s s k)} ({@link ConvergenceBound}).
 * Every number is an <b>estimate</b> in {@code double}.
 *
 * <p><b>The check (m <= 2 only).</b> The bound is a statement about the SDE, so the command checks
 * that the SDE's interval is consistent with it: at every step k, the lower end of the interval for
 * {@code E L(X_{ks})} is at most the bound. SGD (the discrete chain) obeys the bound only up to an
 * unquantified O(s) term [recalled], so its curve is reported, not checked. Exit 1 names the first
 * step where the check fails and by how much.
 *
 * <p>CSV ({@code --csv}): header {@code step,time,sgdMean,sgdLow,sgdHigh[,sdeMean,sdeLow,sdeHigh]
 * [,bound]}, one row per step k = 0..K.
 *
 * <p>JSON fields, in this order: {@code command, data, points, dimension, width, parameters,
 * activation, lambda, s, steps, runs, seed, initVariance, sdeSubsteps, interval, estimates,
 * theory} (null unless m <= 2 and lambda > 0; else {@code min, gibbsMean, epsilon, gap, chiSquare,
 * prefactor, grid}), {@code table} (at most 21 rows {@code step, time, sgdMean, sgdHalfWidth,
 * sdeMean, sdeHalfWidth, bound}), {@code consistent} (null without theory), {@code failure, csv,
 * plot}.
 */
@Command(
    name = "sgd",
    mixinStandardHelpOptions = true,
    version = "provnets 0.1.0",
    sortOptions = false,
    description = {
      "Runs SGD with unit Gaussian gradient noise, W <- W - s (grad L(W) + xi), and the SDE"
          + " dX = -grad L dt + sqrt(s) dB by Euler-Maruyama (J substeps per step), R times"
          + " from W_0 ~ N(0, v I), and reports the Monte Carlo mean of L(W_k) with a 99.9%%"
          + " normal-approximation interval (estimates in double).",
      "For one or two trained parameters (p d <= 2) and lambda > 0 it also computes lambda_s,"
          + " eps(s) and D(s) on a grid and checks the SDE against E L - min L <= eps(s) + D(s)"
          + " exp(-lambda_s s k)."
    },
    footer = {
      "%nExit codes: 0 success, 1 the SDE's interval lies above the bound at some step (named,"
          + " with the amount), 2 bad input or usage."
    })
final class VillaniSgdCommand extends VillaniSubcommand {
  @Option(names = "--outer", required = true, paramLabel = "A", order = 1,
      description = OUTER_HELP)
  private String outer = "";

  @Override
  String outerText() {
    return outer;
  }

  /** Largest R (K + 1) (2 if the SDE runs): the paths are kept in memory. */
  static final long MAX_STORED = 50_000_000L;

  /** Largest number of gradient evaluations times n p d. */
  static final long MAX_WORK = 20_000_000_000L;

  @Option(names = "--steps", required = true, paramLabel = "K", order = 6,
      description = "SGD steps K, from 1 to 1000000")
  int steps;

  @Option(names = "--runs", paramLabel = "R", defaultValue = "200", order = 7,
      description = "independent runs R, from 2 to 1000000 (default: ${DEFAULT-VALUE})")
  int runs = 200;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", order = 8,
      description = "the seed (default: ${DEFAULT-VALUE})")
  long seed = 1;

  @Option(names = "--init-variance", paramLabel = "V", order = 9,
      description = "W_0 ~ N(0, V I) (default: s / (2 lambda); required when lambda = 0)")
  @Nullable String initVariance;

  @Option(names = "--sde-substeps", paramLabel = "J", defaultValue = "10", order = 10,
      description = "Euler-Maruyama substeps per SGD step for the SDE, from 0 (no SDE) to 1000"
          + " (default: ${DEFAULT-VALUE})")
  int substeps = 10;

  @Option(names = "--points", paramLabel = "N", order = 11,
      description = "grid points per axis of the bound's numerics: for m = 1 from 101 to 2000001"
          + " (default 20001), for m = 2 from 21 to 1001 (default 201)")
  @Nullable Integer points;

  @Option(names = "--csv", paramLabel = "OUT.csv", order = 12,
      description = "write the whole table (every step) to this file")
  @Nullable String csvFile;

  @Option(names = "--plot", paramLabel = "OUT.png", order = 13,
      description = "write a PNG plot (log scale) of the curves, their bands and the bound")
  @Nullable String plotFile;

  /** Runs, reports, checks. */
  @Override
  public Integer call() {
    Rational[] a = outerWeights();
    Rational lam = lambdaValue();
    Activation act = activationValue();
    Rational sv = sValue();
    TrainingData data = data();
    if (steps < 1 || steps > 1_000_000) {
      throw new ParameterException(commandLine(), "--steps is " + steps + ", expected 1 to 1000000");
    }
    if (runs < 2 || runs > 1_000_000) {
      throw new ParameterException(commandLine(), "--runs is " + runs + ", expected 2 to 1000000");
    }
    if (substeps < 0 || substeps > 1000) {
      throw new ParameterException(
          commandLine(), "--sde-substeps is " + substeps + ", expected 0 to 1000");
    }
    Rational v;
    String vText = initVariance;
    if (vText != null) {
      v = GateSetup.positive(commandLine(), "--init-variance", vText, "initial variance");
    } else if (lam.signum() > 0) {
      v = sv.divide(lam.multiply(Rational.of(2)));
    } else {
      throw new ParameterException(commandLine(),
          "--init-variance is required when lambda = 0 (the default is s / (2 lambda))");
    }
    RegularisedLoss exact = new RegularisedLoss(data, a, lam, act);
    int m = exact.parameters();
    int grid = gridPoints(m);
    long stored = (long) runs * (steps + 1) * (substeps > 0 ? 2 : 1);
    if (stored > MAX_STORED) {
      throw new ParameterException(commandLine(), "--runs times (--steps + 1) is " + stored
          + " stored values, above the limit " + MAX_STORED + "; lower --runs or --steps");
    }
    long work = (long) runs * steps * (1 + substeps) * data.size() * m;
    if (work > MAX_WORK) {
      throw new ParameterException(commandLine(), "the run needs about " + work
          + " multiply-adds (R K (1 + J) n p d), above the limit " + MAX_WORK
          + "; lower --runs, --steps or --sde-substeps");
    }
    double s = finite("--s", sv);
    double lamD = lam.signum() == 0 ? 0 : finite("--lambda", lam);
    double vd = finite("--init-variance", v);
    @Nullable Path csv = outputPath(csvFile);
    @Nullable Path plot = outputPath(plotFile);

    DoubleLoss loss = new DoubleLoss(exact);
    SgdMonteCarlo.Result r = SgdMonteCarlo.run(loss, s, steps, runs, seed, vd, substeps);
    @Nullable ConvergenceBound theory = null;
    if (m <= 2 && lamD > 0) {
      theory = ConvergenceBound.forLoss(loss, lamD, s, vd, grid);
    }
    String failure = check(r, theory, s);
    if (csv != null) {
      OutputFiles.writeText(csv, csv(r, theory, s));
    }
    if (plot != null) {
      OutputFiles.writeBytes(plot, plot(r, theory, s, Rationals.format(sv), act));
    }
    if (json) {
      out().println(ResultJson.write(json(data, a, act, lam, sv, v, r, theory, failure, csv, plot)));
    } else {
      report(out(), data, a, act, lam, sv, v, r, theory, failure, csv, plot);
    }
    return failure == null ? Main.OK : failed(failure);
  }

  /** The grid points per axis for m parameters, checked against the range for m. */
  private int gridPoints(int m) {
    Integer given = points;
    if (given == null) {
      return m == 1 ? 20001 : 201;
    }
    int lo = m == 1 ? 101 : 21;
    int hi = m == 1 ? 2_000_001 : 1001;
    if (given < lo || given > hi) {
      throw new ParameterException(commandLine(), "--points is " + given + ", expected " + lo
          + " to " + hi + " for m = " + m + " trained parameter" + (m == 1 ? "" : "s"));
    }
    return given;
  }

  private double finite(String option, Rational q) {
    return finite(commandLine(), option, q);
  }

  /** The first step where the SDE's interval lies above the bound, or null. */
  static @Nullable String check(SgdMonteCarlo.Result r, @Nullable ConvergenceBound theory,
      double s) {
    SgdMonteCarlo.Curve sde = r.sde();
    if (theory == null || sde == null) {
      return null;
    }
    for (int k = 0; k <= r.steps(); k++) {
      double excess = sde.lower(k) - (theory.min() + theory.bound(k * s));
      if (excess > 0) {
        return "the SDE's 99.9% interval for E L at step " + k + " (t = " + num(k * s)
            + ") starts at " + num(sde.lower(k)) + ", above the bound min L + eps(s) + D(s)"
            + " exp(-lambda_s t) = " + num(theory.min() + theory.bound(k * s)) + " by "
            + num(excess);
      }
    }
    return null;
  }

  /** The steps shown in the report and the JSON: at most 21, evenly spaced, 0 and K included. */
  static int[] shownSteps(int steps) {
    int n = Math.min(steps, 20);
    int[] ks = new int[n + 1];
    for (int i = 0; i <= n; i++) {
      ks[i] = (int) Math.round((double) i * steps / n);
    }
    return ks;
  }

  private static String csv(SgdMonteCarlo.Result r, @Nullable ConvergenceBound theory, double s) {
    StringBuilder b = new StringBuilder("step,time,sgdMean,sgdLow,sgdHigh");
    SgdMonteCarlo.Curve sde = r.sde();
    if (sde != null) {
      b.append(",sdeMean,sdeLow,sdeHigh");
    }
    if (theory != null) {
      b.append(",bound");
    }
    b.append('\n');
    for (int k = 0; k <= r.steps(); k++) {
      b.append(k).append(',').append(k * s).append(',').append(r.sgd().mean()[k]).append(',')
          .append(r.sgd().lower(k)).append(',').append(r.sgd().upper(k));
      if (sde != null) {
        b.append(',').append(sde.mean()[k]).append(',').append(sde.lower(k)).append(',')
            .append(sde.upper(k));
      }
      if (theory != null) {
        b.append(',').append(theory.min() + theory.bound(k * s));
      }
      b.append('\n');
    }
    return b.toString();
  }

  static byte[] plot(SgdMonteCarlo.Result r, @Nullable ConvergenceBound theory, double s,
      String sText, Activation act) {
    double shift = theory == null ? 0 : theory.min();
    List<GatePlot.Line> lines = new ArrayList<>();
    addCurve(lines, "SGD", r.sgd(), shift, 0);
    SgdMonteCarlo.Curve sde = r.sde();
    if (sde != null) {
      addCurve(lines, "SDE (Euler-Maruyama, J = " + r.substeps() + ")", sde, shift, 2);
    }
    if (theory != null) {
      double[] bound = new double[r.steps() + 1];
      for (int k = 0; k <= r.steps(); k++) {
        bound[k] = theory.bound(k * s);
      }
      lines.add(new GatePlot.Line("bound eps(s) + D(s) exp(-lambda_s s k)", bound, false, 1, true));
    }
    String y = theory == null ? "E L(W_k) (log scale)" : "E L(W_k) - min L (log scale)";
    return GatePlot.png("villani sgd: " + act.label() + ", s = " + sText
        + ", " + r.runs() + " runs", "step k (time t = k s)", y, lines,
        org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
  }

  private static void addCurve(List<GatePlot.Line> lines, String name, SgdMonteCarlo.Curve c,
      double shift, int color) {
    int n = c.mean().length;
    double[] mean = new double[n];
    double[] lo = new double[n];
    double[] hi = new double[n];
    for (int k = 0; k < n; k++) {
      mean[k] = c.mean()[k] - shift;
      lo[k] = c.lower(k) - shift;
      hi[k] = c.upper(k) - shift;
    }
    lines.add(new GatePlot.Line(name + ": mean, 99.9% band dashed", mean, false, color, true));
    lines.add(new GatePlot.Line(name + " lower", lo, true, color, false));
    lines.add(new GatePlot.Line(name + " upper", hi, true, color, false));
  }

  private ObjectNode json(TrainingData data, Rational[] a, Activation act, Rational lam,
      Rational sv, Rational v, SgdMonteCarlo.Result r, @Nullable ConvergenceBound theory,
      @Nullable String failure, @Nullable Path csv, @Nullable Path plot) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode o = f.objectNode();
    o.put("command", "villani sgd");
    o.put("data", dataFile);
    o.put("points", data.size());
    o.put("dimension", data.dimension());
    o.put("width", a.length);
    o.put("parameters", a.length * data.dimension());
    o.put("activation", act.label());
    o.set("lambda", ResultJson.rational(lam));
    o.set("s", ResultJson.rational(sv));
    o.put("steps", r.steps());
    o.put("runs", r.runs());
    o.put("seed", r.seed());
    o.set("initVariance", ResultJson.rational(v));
    o.put("sdeSubsteps", r.substeps());
    o.put("interval", "mean +- " + SgdMonteCarlo.Z
        + " sd/sqrt(R): a 99.9% normal-approximation (central limit) interval, not a bound");
    o.put("estimates", "every number is a double estimate");
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
    double s = RegularisedLoss.toDouble(sv);
    ArrayNode table = o.putArray("table");
    SgdMonteCarlo.Curve sde = r.sde();
    for (int k : shownSteps(r.steps())) {
      ObjectNode row = table.addObject();
      row.put("step", k);
      row.put("time", k * s);
      row.put("sgdMean", r.sgd().mean()[k]);
      row.put("sgdHalfWidth", r.sgd().halfWidth()[k]);
      if (sde == null) {
        row.putNull("sdeMean");
        row.putNull("sdeHalfWidth");
      } else {
        row.put("sdeMean", sde.mean()[k]);
        row.put("sdeHalfWidth", sde.halfWidth()[k]);
      }
      if (theory == null) {
        row.putNull("bound");
      } else {
        row.put("bound", theory.min() + theory.bound(k * s));
      }
    }
    if (theory == null || sde == null) {
      o.putNull("consistent");
    } else {
      o.put("consistent", failure == null);
    }
    if (failure == null) {
      o.putNull("failure");
    } else {
      o.put("failure", failure);
    }
    ResultJson.putText(o, "csv", csv);
    ResultJson.putText(o, "plot", plot);
    return o;
  }

  private void report(PrintWriter out, TrainingData data, Rational[] a, Activation act,
      Rational lam, Rational sv, Rational v, SgdMonteCarlo.Result r,
      @Nullable ConvergenceBound theory, @Nullable String failure, @Nullable Path csv,
      @Nullable Path plot) {
    out.println("villani sgd: " + describe(data, a, act));
    out.println(TextReport.label("lambda, s") + "lambda = " + show(lam) + ", s = " + show(sv));
    out.println(TextReport.label("runs") + r.runs() + " runs of " + r.steps() + " steps, seed "
        + r.seed() + ", W_0 ~ N(0, v I) with v = " + show(v));
    out.println(TextReport.label("SGD") + "W <- W - s (grad L(W) + xi), xi ~ N(0, I)");
    if (r.sde() != null) {
      out.println(TextReport.label("SDE") + "Euler-Maruyama, " + r.substeps()
          + " substeps of s/" + r.substeps() + " per step");
    } else {
      out.println(TextReport.label("SDE") + "not run (--sde-substeps 0)");
    }
    out.println("estimates (double; intervals are 99.9% normal approximations, not bounds):");
    if (theory != null) {
      out.println(TextReport.label("min L") + num(theory.min()) + " (grid of "
          + theory.grid() + ")");
      out.println(TextReport.label("E_mu L") + num(theory.gibbsMean()) + ", eps(s) = "
          + num(theory.epsilon()));
      out.println(TextReport.label("lambda_s") + num(theory.gap()) + ", chi2(rho_0 || mu_s) = "
          + num(theory.chiSquare()) + ", D(s) = " + num(theory.prefactor()));
    } else {
      out.println(TextReport.label("theory") + (a.length * data.dimension() > 2
          ? "no bound line: the grid numerics need at most two trained parameters (p d <= 2)"
          : "no bound line: lambda = 0 (no Gibbs measure)"));
    }
    double s = RegularisedLoss.toDouble(sv);
    out.printf(Locale.ROOT, "%8s %10s  %-24s  %-24s  %s%n", "step", "time", "E L(W_k) SGD",
        "E L(X_t) SDE", "bound on E L");
    SgdMonteCarlo.Curve sde = r.sde();
    for (int k : shownSteps(r.steps())) {
      out.printf(Locale.ROOT, "%8d %10s  %-24s  %-24s  %s%n", k, num(k * s),
          num(r.sgd().mean()[k]) + " +- " + num(r.sgd().halfWidth()[k]),
          sde == null ? "-" : num(sde.mean()[k]) + " +- " + num(sde.halfWidth()[k]),
          theory == null ? "-" : num(theory.min() + theory.bound(k * s)));
    }
    if (theory != null && sde != null) {
      out.println(TextReport.label("check") + (failure == null
          ? "the SDE's interval lies below the bound at every step"
          : "FAILED: " + failure));
    }
    if (csv != null) {
      out.println(TextReport.label("csv") + csv);
    }
    if (plot != null) {
      out.println(TextReport.label("plot") + plot);
    }
  }

  private static String num(double x) {
    return String.format(Locale.ROOT, "%.6g", x);
  }
}
