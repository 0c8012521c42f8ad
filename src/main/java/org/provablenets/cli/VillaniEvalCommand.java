package org.provablenets.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.apfloat.Apfloat;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.io.InputException;
import org.provablenets.io.ResultJson;
import org.provablenets.io.WeightsCsv;
import org.provablenets.villani.Activation;
import org.provablenets.villani.Evaluation;
import org.provablenets.exact.enclosure.Interval;
import org.provablenets.villani.RegularisedLoss;
import org.provablenets.villani.TrainingData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code provnets villani eval}: the loss, its gradient, Laplacian and the Villani quantity
 * {@code V_s = ||grad L||^2/s - Laplacian L} at one W ({@link Evaluation}): apfloat
 * <b>estimates</b> to the requested digits, and rigorous enclosures {@code [lo, hi]} (directed
 * rounding) of each. Parse (with the T3 magnitude limits), call, render.
 *
 * <p>JSON fields, in this order: {@code command, data, points, dimension, width, activation,
 * lambda, s, precision, normSquared, estimates ("apfloat estimates, not bounds"), loss, gradient,
 * laplacian, villaniQuantity} (decimal strings), then {@code enclosures} with {@code loss,
 * gradient, gradientNormSquared, laplacian, villaniQuantity}, each {@code {"lo": rational, "hi":
 * rational}} (proven bounds).
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    version = "provnets 0.1.0",
    sortOptions = false,
    description = {
      "Evaluates the loss L, its gradient (p x d), Laplacian and the Villani quantity"
          + " V_s = ||grad L||^2/s - Laplacian L at W: apfloat estimates to --precision"
          + " significant digits (not bounds), and rigorous enclosures [lo, hi] computed with"
          + " directed rounding (proven bounds)."
    },
    footer = {"%nExit codes: 0 success, 2 bad input or usage, 3 internal error."})
final class VillaniEvalCommand extends VillaniSubcommand {
  @Option(names = "--outer", paramLabel = "A", order = 1,
      description = OUTER_HELP + "; required unless --weights is a state_dict with fc2.weight")
  private @Nullable String outer;

  @Override
  @Nullable String outerText() {
    return outer;
  }

  /** The largest accepted {@code --precision}. */
  static final int MAX_PRECISION = 2000;

  @Option(names = "--weights", required = true, paramLabel = "W.csv", order = 2,
      description = "the inner weights W, p rows of d columns: CSV, a 2-D .npy, or a state_dict"
          + " (.npz or .json: fc1.weight is W, fc2.weight the outer weights, no biases); every"
          + " entry and every pre-activation w_j . x_i at most 10^6 in absolute value")
  String weightsFile = "";

  @Option(names = "--precision", paramLabel = "DIGITS", defaultValue = "20", order = 6,
      description = "significant digits of the estimates and enclosures, 1 to " + MAX_PRECISION
          + " (default:"
          + " ${DEFAULT-VALUE})")
  int precision = 20;

  /** Evaluates and reports. */
  @Override
  public Integer call() {
    if (precision < 1 || precision > MAX_PRECISION) {
      throw new ParameterException(commandLine(), "--precision is " + precision
          + ", expected a number of digits from 1 to " + MAX_PRECISION);
    }
    Rational @Nullable [] given = outer == null ? null : outerWeights();
    Rational lam = lambdaValue();
    Activation act = activationValue();
    Rational sv = sValue();
    TrainingData data = data();
    WeightsCsv.Weights weights = WeightsCsv.readWeights(path(weightsFile));
    Rational[][] w = weights.w();
    Rational[] a = outer(given, weights.outer());
    if (w.length != a.length) {
      throw new InputException(weightsFile + ": has " + w.length + " row"
          + (w.length == 1 ? "" : "s") + ", but --outer gives p = " + a.length
          + " outer weights (W needs one row per unit)");
    }
    if (w[0].length != data.dimension()) {
      throw new InputException(weightsFile + ": has " + w[0].length + " column"
          + (w[0].length == 1 ? "" : "s") + ", but the inputs of " + dataFile + " have d = "
          + data.dimension() + " (W needs one column per input)");
    }
    checkMagnitudes(w, data);
    RegularisedLoss loss = new RegularisedLoss(data, a, lam, act);
    Evaluation e = Evaluation.at(loss, w, sv, precision);
    if (json) {
      out().println(ResultJson.write(json(loss, sv, e)));
    } else {
      report(out(), loss, sv, e);
    }
    return Main.OK;
  }

  /**
   * The outer weights: from --outer, from the state_dict's fc2.weight, or from both when they are
   * equal exactly.
   */
  private Rational[] outer(Rational @Nullable [] given, Rational @Nullable [] file) {
    if (file == null) {
      if (given == null) {
        throw new ParameterException(commandLine(), "Missing required option: '--outer=A'"
            + " (or a --weights state_dict with fc2.weight)");
      }
      return given;
    }
    for (int j = 0; j < file.length; j++) {
      if (tooLarge(file[j])) {
        throw new InputException(weightsFile + ": fc2.weight[0][" + j + "] is "
            + beyond(file[j]));
      }
    }
    if (given == null) {
      return file;
    }
    if (given.length != file.length) {
      throw new InputException(weightsFile + ": fc2.weight has " + file.length + " outer"
          + " weights, but --outer gives " + given.length + " (give --outer equal to fc2.weight,"
          + " or leave it out)");
    }
    for (int j = 0; j < file.length; j++) {
      if (!given[j].equals(file[j])) {
        throw new InputException(weightsFile + ": fc2.weight[0][" + j + "] is "
            + Rationals.format(file[j]) + ", but --outer entry " + (j + 1) + " is "
            + Rationals.format(given[j]) + " (give --outer equal to fc2.weight, or leave it out)");
      }
    }
    return file;
  }

  /**
   * The T3 magnitude limit ({@link #MAX_MAGNITUDE}) on the weights and on every pre-activation
   * {@code w_j . x_i}, checked exactly: each is one call of apfloat's exp below.
   */
  private void checkMagnitudes(Rational[][] w, TrainingData data) {
    for (int j = 0; j < w.length; j++) {
      for (int k = 0; k < w[j].length; k++) {
        if (tooLarge(w[j][k])) {
          throw new InputException(weightsFile + ": row " + (j + 1) + ", column " + (k + 1)
              + " is " + beyond(w[j][k]));
        }
      }
      for (int i = 0; i < data.size(); i++) {
        Rational z = data.preActivation(i, w[j]);
        if (tooLarge(z)) {
          throw new InputException(weightsFile + ": unit " + (j + 1) + " has pre-activation w_"
              + (j + 1) + " . x_" + (i + 1) + " = " + beyond(z) + " (point " + (i + 1) + " of "
              + dataFile + ")");
        }
      }
    }
  }

  private void report(PrintWriter out, RegularisedLoss loss, Rational sv, Evaluation e) {
    RegularisedLoss.LossEstimate est = e.estimate();
    RegularisedLoss.LossEnclosure enc = e.enclosure();
    out.println("villani eval on " + dataFile + ", W from " + weightsFile);
    out.println(TextReport.label("net")
        + describe(loss.data(), loss.outerWeights(), loss.activation()));
    out.println(TextReport.label("lambda, s") + "lambda = "
        + TextReport.exactAndDecimal(loss.lambda()) + ", s = " + TextReport.exactAndDecimal(sv));
    out.println(TextReport.label("||W||_F^2") + show(e.normSquared()));
    out.println("estimates (apfloat, " + e.precision() + " significant digits; not bounds):");
    out.println(TextReport.label("loss") + dec(est.loss()));
    for (int j = 0; j < est.gradient().length; j++) {
      StringBuilder row = new StringBuilder("[");
      for (int k = 0; k < est.gradient()[j].length; k++) {
        row.append(k == 0 ? "" : ", ").append(dec(est.gradient()[j][k]));
      }
      out.println(TextReport.label(j == 0 ? "gradient" : "") + row.append(']'));
    }
    out.println(TextReport.label("laplacian") + dec(est.laplacian()));
    out.println(TextReport.label("V_s") + dec(est.villani()) + "  (||grad L||^2/s - Laplacian L)");
    out.println("rigorous enclosures (directed rounding; proven bounds):");
    out.println(TextReport.label("loss") + range(enc.loss()));
    out.println(TextReport.label("||grad L||^2") + range(enc.gradientNormSquared()));
    out.println(TextReport.label("laplacian") + range(enc.laplacian()));
    out.println(TextReport.label("V_s") + range(enc.villani()));
    out.println("(the gradient enclosures are in --json)");
  }

  private ObjectNode json(RegularisedLoss loss, Rational sv, Evaluation e) {
    RegularisedLoss.LossEstimate est = e.estimate();
    RegularisedLoss.LossEnclosure enc = e.enclosure();
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("command", "villani eval");
    o.put("data", dataFile);
    o.put("weights", weightsFile);
    o.put("points", loss.data().size());
    o.put("dimension", loss.data().dimension());
    o.put("width", loss.width());
    o.set("outer", ResultJson.vector(loss.outerWeights()));
    o.put("activation", loss.activation().label());
    o.set("lambda", ResultJson.rational(loss.lambda()));
    o.set("s", ResultJson.rational(sv));
    o.put("precision", e.precision());
    o.set("normSquared", ResultJson.rational(e.normSquared()));
    o.put("estimates", "apfloat estimates to " + e.precision()
        + " significant digits, not bounds");
    o.put("loss", dec(est.loss()));
    ArrayNode g = o.putArray("gradient");
    for (Apfloat[] row : est.gradient()) {
      ArrayNode r = g.addArray();
      for (Apfloat v : row) {
        r.add(dec(v));
      }
    }
    o.put("laplacian", dec(est.laplacian()));
    o.put("villaniQuantity", dec(est.villani()));
    ObjectNode en = o.putObject("enclosures");
    en.put("note", "rigorous: every exact value lies in [lo, hi]");
    en.set("loss", enclosure(enc.loss()));
    ArrayNode ge = en.putArray("gradient");
    for (Interval[] row : enc.gradient()) {
      ArrayNode r = ge.addArray();
      for (Interval v : row) {
        r.add(enclosure(v));
      }
    }
    en.set("gradientNormSquared", enclosure(enc.gradientNormSquared()));
    en.set("laplacian", enclosure(enc.laplacian()));
    en.set("villaniQuantity", enclosure(enc.villani()));
    return o;
  }

  /** An apfloat estimate as a plain decimal string. */
  static String dec(Apfloat x) {
    return x.toString(true);
  }

  /** {@code {"lo": rational, "hi": rational}}. */
  static ObjectNode enclosure(Interval i) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.set("lo", ResultJson.rational(i.lowerBound()));
    o.set("hi", ResultJson.rational(i.upperBound()));
    return o;
  }

  /** {@code [lo, hi]} as decimals of the exact ends. */
  static String range(Interval i) {
    return "[" + dec(i.lo()) + ", " + dec(i.hi()) + "]";
  }
}
