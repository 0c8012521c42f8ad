package org.provablenets.cli;

import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.erm.Dataset;
import org.provablenets.exact.Rational;
import org.provablenets.exact.RationalFormatException;
import org.provablenets.exact.Rationals;
import org.provablenets.io.DataCsv;
import org.provablenets.io.InputException;
import org.provablenets.villani.Activation;
import org.provablenets.villani.RegularisedLoss;
import org.provablenets.villani.TrainingData;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options that {@code villani eval} and {@code villani check} share: the data, the outer
 * weights, lambda, the activation, the learning rate s and {@code --json}; and their checks (bad
 * values are usage errors, exit 2).
 */
abstract class VillaniSubcommand extends CliCommand {
  /**
   * The T3 magnitude limit: data coordinates, labels, outer weights and inner weights have
   * absolute value at most 10^6, and so does every pre-activation {@code w_j . x_i} that {@code
   * villani eval} evaluates. apfloat's exp of an argument of size 10^k costs time growing with
   * 10^k at the digits the enclosures need (measured: 1 s at 10^6, 30 s at 10^8, unbounded beyond),
   * and the {@code double} numerics need such inputs anyway.
   */
  static final Rational MAX_MAGNITUDE = Rational.of(1_000_000);

  /**
   * Whether a T3 number is beyond {@link #MAX_MAGNITUDE}; if so, {@link #beyond} is the end of
   * the sentence that says so.
   */
  static boolean tooLarge(Rational v) {
    return v.abs().compareTo(MAX_MAGNITUDE) > 0;
  }

  /** {@code "1.5e7, beyond the T3 limit of 10^6 in absolute value"}. */
  static String beyond(Rational v) {
    return Rationals.decimal(v, 6) + ", beyond the T3 limit of 10^6 in absolute value";
  }

  /** The most points of a T3 data file. */
  static final int MAX_POINTS = 100_000;

  @Option(names = "--data", required = true, paramLabel = "FILE", order = 0,
      description = "the training data, CSV x1,...,xd,y per row (see 'provnets villani --help'):"
          + " at most 100000 points, every number at most 10^6 in absolute value")
  String dataFile = "";

  /** The help of {@code --outer}, declared by each subcommand (required except in eval). */
  static final String OUTER_HELP = "the fixed outer weights a_1,...,a_p, a comma list of exact"
      + " numbers (p = the width), each at most 10^6 in absolute value";

  /**
   * The text of {@code --outer}: each subcommand declares the option itself, so that picocli's
   * synopsis and its missing-option message show it as required where it is (check, sgd) and as
   * optional in eval, which may take the outer weights from a state_dict.
   */
  abstract @Nullable String outerText();

  @Option(names = "--lambda", required = true, paramLabel = "L", order = 3,
      description = "the regularisation strength lambda >= 0 (exact): 0 or from 1e-100 to 1e100")
  String lambda = "";

  @Option(names = "--activation", required = true, paramLabel = "ACT", order = 4,
      description = "sigma: tanh, sigmoid or softplus")
  String activation = "";

  @Option(names = "--s", required = true, paramLabel = "S", order = 5,
      description = "the learning rate s in V_s = ||grad L||^2/s - Laplacian L (exact), from"
          + " 1e-100 to 1e100")
  String s = "";

  @Option(names = "--json", order = 99,
      description = "print one JSON object instead of the report")
  boolean json;

  /** The data, read exactly. */
  final TrainingData data() {
    return readData(dataFile);
  }

  /** The training data of a CSV file, read exactly. */
  static TrainingData readData(String file) {
    Dataset d = DataCsv.read(path(file));
    if (d.size() > MAX_POINTS) {
      throw new InputException(file + ": has " + d.size() + " points, more than the T3 limit of "
          + MAX_POINTS);
    }
    Rational[][] x = new Rational[d.size()][];
    Rational[] y = new Rational[d.size()];
    for (int i = 0; i < d.size(); i++) {
      x[i] = d.x(i);
      y[i] = d.y(i);
      for (int k = 0; k <= x[i].length; k++) {
        Rational v = k < x[i].length ? x[i][k] : y[i];
        if (tooLarge(v)) {
          throw new InputException(file + ": point " + (i + 1) + " has "
              + (k < x[i].length ? "coordinate " + (k + 1) : "label") + " " + beyond(v));
        }
      }
    }
    return new TrainingData(x, y);
  }

  /** The outer weights, at least one. */
  final Rational[] outerWeights() {
    String text = outerText();
    if (text == null) {
      throw new ParameterException(commandLine(), "Missing required option: '--outer=A'");
    }
    return parseOuter(commandLine(), text);
  }

  /** The comma list of {@code --outer}, exactly; an empty or malformed entry is a usage error. */
  static Rational[] parseOuter(CommandLine cl, String text) {
    String[] parts = text.split(",", -1);
    Rational[] a = new Rational[parts.length];
    for (int j = 0; j < parts.length; j++) {
      String t = parts[j].strip();
      if (t.isEmpty()) {
        throw new ParameterException(cl, "--outer entry " + (j + 1) + " is empty,"
            + " expected a comma list of numbers such as 1,-1/2");
      }
      try {
        a[j] = Rationals.parse(t);
      } catch (RationalFormatException e) {
        throw new ParameterException(
            cl, "--outer entry " + (j + 1) + " is '" + t + "': " + e.getMessage());
      }
      if (tooLarge(a[j])) {
        throw new ParameterException(cl, "--outer entry " + (j + 1) + " is " + beyond(a[j]));
      }
    }
    return a;
  }

  /** lambda, at least 0. */
  final Rational lambdaValue() {
    return GateSetup.inRange(commandLine(), "--lambda", lambda, "regularisation strength", true);
  }

  /** s, positive. */
  final Rational sValue() {
    return GateSetup.inRange(commandLine(), "--s", s, "learning rate", false);
  }

  /** The activation named by {@code --activation}. */
  final Activation activationValue() {
    return activation(commandLine(), activation);
  }

  static Activation activation(picocli.CommandLine cl, String name) {
    switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "tanh":
        return Activation.TANH;
      case "sigmoid":
        return Activation.SIGMOID;
      case "softplus":
        return Activation.SOFTPLUS;
      default:
        throw new ParameterException(
            cl, "--activation is '" + name + "', expected tanh, sigmoid or softplus");
    }
  }

  /**
   * The double nearest q, for the double numerics, which need it between 1e-100 and 1e100.
   *
   * @throws ParameterException otherwise
   */
  static double finite(CommandLine cl, String option, Rational q) {
    double x = q.toDouble();
    if (!(x > 1e-100 && x < 1e100)) {
      throw new ParameterException(cl,
          option + " must lie between 1e-100 and 1e100 for the double numerics");
    }
    return x;
  }

  /** The data in words: {@code 2 points in R^1, width 2, tanh}. */
  static String describe(TrainingData data, Rational[] a, Activation act) {
    return data.size() + " point" + (data.size() == 1 ? "" : "s") + " in R^" + data.dimension()
        + ", width p = " + a.length + ", a = " + TextReport.exact(a) + ", sigma = "
        + act.label();
  }

  /** An exact value when short, otherwise its decimal marked {@code ~} (the JSON has it exactly). */
  static String show(Rational q) {
    return Rationals.format(q).length() <= 30
        ? TextReport.exactAndDecimal(q)
        : "~ " + Rationals.decimal(q, 15) + " (exact in --json)";
  }
}
