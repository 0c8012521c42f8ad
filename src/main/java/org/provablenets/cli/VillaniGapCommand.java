package org.provablenets.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.io.ResultJson;
import org.provablenets.villani.Activation;
import org.provablenets.villani.ConvergenceBound;
import org.provablenets.villani.Estimates;
import org.provablenets.villani.GapCheck;
import org.provablenets.villani.SpectralGap;
import org.provablenets.villani.TrainingData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code provnets villani gap}: parses the potential, calls {@link GapCheck} (the spectral gap and
 * eps(s) by finite differences; for the regularised loss with bounded sigma the Holley-Stroock
 * check) and renders its result. All computed values are <b>estimates</b> in {@code double}.
 *
 * <p>JSON fields, in this order: {@code command, potential, s}, then per mode: OU {@code mu,
 * points, interval, step, estimates, gap, gapExact, gapRelativeError, epsilon, epsilonExact,
 * epsilonRelativeError}; double well {@code points, interval, step, estimates, gap,
 * eyringKramers, ratio, epsilon}; loss {@code data, parameters, activation, lambda, grid,
 * estimates, gap, epsilon, min, gibbsMean, holleyStroock, failure}.
 */
@Command(
    name = "gap",
    mixinStandardHelpOptions = true,
    version = "provnets 0.1.0",
    sortOptions = false,
    description = {
      "The spectral gap lambda_s of the generator of dX = -grad f dt + sqrt(s) dW and eps(s) ="
          + " E_mu f - min f under exp(-2f/s), by reversible finite-difference discretisations in"
          + " double (estimates). One of three potentials:",
      "  --mu MU: the Ornstein-Uhlenbeck calibration f = mu x^2/2 (gap exactly mu, eps(s) = s/4);",
      "  --double-well: f = (x^2 - 1)^2/4 against the Eyring-Kramers rate (ratio -> 1 as s -> 0);",
      "  --data FILE --outer A --lambda L --activation ACT: the regularised loss with one or two"
          + " trained parameters (p d <= 2), checked against the Holley-Stroock lower bound"
          + " lambda exp(-rho_0^2/s) for bounded sigma."
    },
    footer = {
      "%nExit codes: 0 success, 1 the gap falls below the Holley-Stroock bound (named, with the"
          + " amount), 2 bad input or usage, 3 internal error."
    })
final class VillaniGapCommand extends CliCommand {
  @Option(names = "--mu", paramLabel = "MU", order = 0,
      description = "the curvature mu of f(x) = mu x^2/2 (exact), from 1e-100 to 1e100")
  @Nullable String mu;

  @Option(names = "--double-well", order = 1,
      description = "the double well f(x) = (x^2 - 1)^2/4")
  boolean doubleWell;

  @Option(names = "--data", paramLabel = "FILE", order = 2,
      description = "the training data, CSV x1,...,xd,y per row (at most 100000 points, every"
          + " number at most 10^6 in absolute value)")
  @Nullable String dataFile;

  @Option(names = "--outer", paramLabel = "A", order = 3,
      description = "the fixed outer weights a_1,...,a_p (with --data)")
  @Nullable String outer;

  @Option(names = "--lambda", paramLabel = "L", order = 4,
      description = "the regularisation strength lambda (with --data), from 1e-100 to 1e100")
  @Nullable String lambda;

  @Option(names = "--activation", paramLabel = "ACT", order = 5,
      description = "tanh, sigmoid or softplus (with --data)")
  @Nullable String activation;

  @Option(names = "--s", required = true, paramLabel = "S", order = 6,
      description = "the learning rate s (exact), from 1e-100 to 1e100")
  String s = "";

  @Option(names = "--points", paramLabel = "N", order = 7,
      description = "grid points per axis: for one variable from 3 to 1000000 (default 4001;"
          + " 20001 for a loss), for two from 21 to 1001 (default 201)")
  @Nullable Integer points;

  @Option(names = "--json", order = 99,
      description = "print one JSON object instead of the report")
  boolean json;

  /** The gap in the chosen mode. */
  @Override
  public Integer call() {
    int modes = (mu != null ? 1 : 0) + (doubleWell ? 1 : 0) + (dataFile != null ? 1 : 0);
    if (modes != 1) {
      throw new ParameterException(commandLine(),
          "choose exactly one potential: --mu MU, --double-well, or --data FILE with --outer,"
              + " --lambda and --activation");
    }
    Rational sv = GateSetup.positive(commandLine(), "--s", s, "learning rate");
    double sd = finite("--s", sv);
    String muText = mu;
    String file = dataFile;
    if (muText != null) {
      return ou(GateSetup.positive(commandLine(), "--mu", muText, "curvature"), sv, sd);
    }
    if (file == null) {
      return doubleWell(sv, sd);
    }
    return loss(file, sv, sd);
  }

  private int ou(Rational m, Rational sv, double sd) {
    int n = onePoints(4001);
    GapCheck.Ou r = GapCheck.ou(m, finite("--mu", m), sv, sd, n);
    if (json) {
      ObjectNode o = start("mu x^2/2", sv);
      o.set("mu", ResultJson.rational(m));
      grid(o, r.grid(), r.half());
      o.put("gap", num(r.grid().gap()));
      o.set("gapExact", ResultJson.rational(m));
      o.put("gapRelativeError", num(r.gapRelativeError()));
      o.put("epsilon", num(r.grid().epsilon()));
      o.set("epsilonExact", ResultJson.rational(r.epsilonExact()));
      o.put("epsilonRelativeError", num(r.epsilonRelativeError()));
      out().println(ResultJson.write(o));
    } else {
      PrintWriter out = out();
      out.println("villani gap: Ornstein-Uhlenbeck calibration, f(x) = mu x^2/2");
      out.println(TextReport.label("mu, s") + "mu = " + TextReport.exactAndDecimal(m) + ", s = "
          + TextReport.exactAndDecimal(sv));
      out.println(TextReport.label("grid") + r.grid().points() + " points on [" + num(-r.half())
          + ", " + num(r.half()) + "] (+-" + GapCheck.SIGMAS + " standard deviations), step "
          + num(r.grid().step()));
      out.println("estimates (double; not bounds):");
      out.println(TextReport.label("gap") + num(r.grid().gap()) + " vs mu = " + num(r.muValue())
          + " exactly: relative error " + num(r.gapRelativeError()));
      out.println(TextReport.label("eps(s)") + num(r.grid().epsilon()) + " vs s/4 = "
          + num(r.quarterS()) + " exactly: relative error " + num(r.epsilonRelativeError()));
      out.println("the discretisation error is O(h^2) (second order in the step)");
    }
    return Main.OK;
  }

  private int doubleWell(Rational sv, double sd) {
    GapCheck.DoubleWell r = GapCheck.doubleWell(sv, sd, onePoints(4001));
    if (json) {
      ObjectNode o = start("(x^2 - 1)^2/4", sv);
      grid(o, r.grid(), GapCheck.WELL);
      o.put("gap", num(r.grid().gap()));
      o.put("eyringKramers", num(r.eyringKramers()));
      o.put("ratio", num(r.ratio()));
      o.put("epsilon", num(r.grid().epsilon()));
      out().println(ResultJson.write(o));
    } else {
      PrintWriter out = out();
      out.println("villani gap: double well f(x) = (x^2 - 1)^2/4 (minima +-1, barrier 1/4 at 0)");
      out.println(TextReport.label("s") + TextReport.exactAndDecimal(sv));
      out.println(TextReport.label("grid") + r.grid().points() + " points on [-" + GapCheck.WELL
          + ", " + GapCheck.WELL + "], step " + num(r.grid().step()));
      out.println("estimates (double; not bounds):");
      out.println(TextReport.label("gap") + num(r.grid().gap()));
      out.println(TextReport.label("Eyring-K.") + num(r.eyringKramers()) + " = sqrt(2) / pi"
          + " exp(-1/(2s)) [recalled]: ratio gap / EK = " + num(r.ratio())
          + " (-> 1 as s -> 0, error O(s))");
      out.println(TextReport.label("eps(s)") + num(r.grid().epsilon()));
    }
    return Main.OK;
  }

  private int loss(String file, Rational sv, double sd) {
    String outerText = require(outer, "--outer");
    String lambdaText = require(lambda, "--lambda");
    String actText = require(activation, "--activation");
    TrainingData data = VillaniSubcommand.readData(file);
    Rational[] a = VillaniSubcommand.parseOuter(commandLine(), outerText);
    Rational lam = GateSetup.inRange(commandLine(), "--lambda", lambdaText,
        "regularisation strength (lambda = 0 has no Gibbs measure)", false);
    Activation act = VillaniSubcommand.activation(commandLine(), actText);
    int m = GapCheck.parameters(data, a);
    if (m > 2) {
      throw new ParameterException(commandLine(), "the loss has p d = " + m
          + " trained parameters; the grid numerics need one or two");
    }
    int n = points(m);
    GapCheck.Loss r = GapCheck.loss(data, a, lam, finite("--lambda", lam), act, sv, sd, n);
    if (json) {
      out().println(ResultJson.write(lossJson(file, r)));
    } else {
      lossText(out(), r);
    }
    String failure = r.failure();
    return failure == null ? Main.OK : failed(failure);
  }

  private ObjectNode lossJson(String file, GapCheck.Loss r) {
    ConvergenceBound b = r.grid();
    ObjectNode o = start("regularised loss", r.s());
    o.put("data", file);
    o.put("parameters", r.parameters());
    o.put("activation", r.activation().label());
    o.set("lambda", ResultJson.rational(r.lambda()));
    o.put("grid", b.grid());
    o.put("estimates", "double estimates of a finite-difference discretisation, not bounds");
    o.put("gap", num(b.gap()));
    o.put("epsilon", num(b.epsilon()));
    o.put("min", num(b.min()));
    o.put("gibbsMean", num(b.gibbsMean()));
    if (r.activation().bounded()) {
      o.put("holleyStroock", num(r.holleyStroock()));
    } else {
      o.putNull("holleyStroock");
    }
    ResultJson.putText(o, "failure", r.failure());
    return o;
  }

  private static void lossText(PrintWriter out, GapCheck.Loss r) {
    ConvergenceBound b = r.grid();
    out.println("villani gap: " + VillaniSubcommand.describe(r.data(), r.outer(), r.activation())
        + ", m = " + r.parameters());
    out.println(TextReport.label("lambda, s") + "lambda = " + VillaniSubcommand.show(r.lambda())
        + ", s = " + VillaniSubcommand.show(r.s()));
    out.println(TextReport.label("grid") + b.grid());
    out.println("estimates (double; not bounds):");
    out.println(TextReport.label("gap") + num(b.gap()));
    out.println(TextReport.label("eps(s)") + num(b.epsilon()) + " (min L " + num(b.min())
        + ", E_mu L " + num(b.gibbsMean()) + ")");
    out.println(TextReport.label("Holley-S.") + (r.activation().bounded()
        ? "lambda exp(-rho_0^2/s) = " + num(r.holleyStroock()) + " [derived]: the gap is "
            + (r.failure() == null ? "above it" : "BELOW it")
        : "not applicable (softplus is unbounded)"));
  }

  private String require(@Nullable String value, String option) {
    if (value == null) {
      throw new ParameterException(commandLine(), "--data needs " + option + " as well");
    }
    return value;
  }

  private int onePoints(int fallback) {
    Integer given = points;
    if (given == null) {
      return fallback;
    }
    if (given < 3 || given > 1_000_000) {
      throw new ParameterException(
          commandLine(), "--points is " + given + ", expected from 3 to 1000000");
    }
    return given;
  }

  private int points(int m) {
    if (m == 1) {
      return onePoints(20001);
    }
    Integer given = points;
    if (given == null) {
      return 201;
    }
    if (given < 21 || given > 1001) {
      throw new ParameterException(commandLine(),
          "--points is " + given + ", expected from 21 to 1001 for two trained parameters");
    }
    return given;
  }

  private ObjectNode start(String potential, Rational sv) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("command", "villani gap");
    o.put("potential", potential);
    o.set("s", ResultJson.rational(sv));
    return o;
  }

  private static void grid(ObjectNode o, SpectralGap.Result r, double half) {
    o.put("points", r.points());
    o.put("interval", "[" + num(-half) + ", " + num(half) + "]");
    o.put("step", num(r.step()));
    o.put("estimates", "double estimates of a finite-difference discretisation, not bounds");
  }

  private double finite(String option, Rational q) {
    return VillaniSubcommand.finite(commandLine(), option, q);
  }

  private static String num(double x) {
    return Estimates.sixDigits(x);
  }
}
