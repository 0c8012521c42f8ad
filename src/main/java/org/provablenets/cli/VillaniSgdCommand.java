package org.provablenets.cli;

import java.nio.file.Path;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.io.OutputFiles;
import org.provablenets.io.ResultJson;
import org.provablenets.villani.Activation;
import org.provablenets.villani.RegularisedLoss;
import org.provablenets.villani.SgdExperiment;
import org.provablenets.villani.TrainingData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code provnets villani sgd}: parses and bounds the options, runs {@link SgdExperiment} (SGD with
 * unit Gaussian gradient noise and the SDE by Euler-Maruyama, and for m = p d &lt;= 2 and lambda
 * &gt; 0 the continuous-time bound and the SDE's check against it), and renders it with {@link
 * VillaniSgdReport} (text, JSON, CSV, plot). Every number is an <b>estimate</b> in {@code double}.
 * Exit 1 names the first step where the SDE's interval lies above the bound, and by how much.
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
final class VillaniSgdCommand extends VillaniOuterRequired {
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
      v = SgdExperiment.defaultInitVariance(sv, lam);
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

    SgdExperiment r = SgdExperiment.run(exact, lamD, s, steps, runs, seed, vd, substeps, grid);
    VillaniSgdReport report =
        new VillaniSgdReport(dataFile, exact, sv, v, r, csv, plot);
    if (csv != null) {
      OutputFiles.writeText(csv, report.csv());
    }
    if (plot != null) {
      OutputFiles.writeBytes(plot, VillaniSgdReport.plot(r, Rationals.format(sv), act));
    }
    if (json) {
      out().println(ResultJson.write(report.json()));
    } else {
      report.text(out());
    }
    String failure = r.failure();
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
}
