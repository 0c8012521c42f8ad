package org.provablenets.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.io.ResultJson;
import org.provablenets.villani.Activation;
import org.provablenets.villani.ConvergenceBound;
import org.provablenets.villani.DoubleLoss;
import org.provablenets.villani.RegularisedLoss;
import org.provablenets.villani.SpectralGap;
import org.provablenets.villani.TrainingData;
import org.provablenets.villani.VillaniChecker;
import org.provablenets.villani.VillaniConstants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code provnets villani gap}: the spectral gap {@code lambda_s} of the generator of {@code dX =
 * -grad f dt + sqrt(s) dB} and {@code eps(s) = E_mu f - min f} under {@code mu_s ~ exp(-2f/s)},
 * by the finite-difference generators of {@link SpectralGap} (m = 1) and {@link
 * org.provablenets.villani.SpectralGap2} (m = 2). All computed values are <b>estimates</b> in
 * {@code double}. Three modes:
 *
 * <ul>
 *   <li>{@code --mu MU}: the Ornstein-Uhlenbeck calibration {@code f = mu x^2/2}, whose gap is
 *       exactly mu and whose {@code eps(s)} is exactly s/4;
 *   <li>{@code --double-well}: {@code f = (x^2 - 1)^2 / 4}, compared with the Eyring-Kramers rate
 *       (the ratio tends to 1 as s -> 0) [recalled];
 *   <li>{@code --data ... --outer ... --lambda ... --activation ...}: the regularised loss with
 *       one or two trained parameters (p d <= 2) and lambda > 0, with the Holley-Stroock lower
 *       bound {@code lambda exp(-rho_0^2 / s)} for bounded sigma [derived from the recalled
 *       lemma]; exit 1 if the computed gap falls below it.
 * </ul>
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
  /** Half-width of the OU interval in standard deviations of the Gibbs measure. */
  static final int SIGMAS = 12;

  /** Half-width of the double-well interval. */
  static final double WELL = 2.5;

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
    double md = finite("--mu", m);
    double half = SIGMAS * Math.sqrt(sd / (2 * md));
    SpectralGap.Result r = SpectralGap.compute(x -> md * x * x / 2, sd, -half, half, n);
    double eps = sd / 4;
    double gapErr = Math.abs(r.gap() - md) / md;
    double epsErr = Math.abs(r.epsilon() - eps) / eps;
    if (json) {
      ObjectNode o = start("mu x^2/2", sv);
      o.set("mu", ResultJson.rational(m));
      grid(o, r, half);
      o.put("gap", num(r.gap()));
      o.set("gapExact", ResultJson.rational(m));
      o.put("gapRelativeError", num(gapErr));
      o.put("epsilon", num(r.epsilon()));
      o.set("epsilonExact", ResultJson.rational(sv.divide(4)));
      o.put("epsilonRelativeError", num(epsErr));
      out().println(ResultJson.write(o));
    } else {
      PrintWriter out = out();
      out.println("villani gap: Ornstein-Uhlenbeck calibration, f(x) = mu x^2/2");
      out.println(TextReport.label("mu, s") + "mu = " + TextReport.exactAndDecimal(m) + ", s = "
          + TextReport.exactAndDecimal(sv));
      out.println(TextReport.label("grid") + r.points() + " points on [" + num(-half) + ", "
          + num(half) + "] (+-" + SIGMAS + " standard deviations), step " + num(r.step()));
      out.println("estimates (double; not bounds):");
      out.println(TextReport.label("gap") + num(r.gap()) + " vs mu = " + num(md)
          + " exactly: relative error " + num(gapErr));
      out.println(TextReport.label("eps(s)") + num(r.epsilon()) + " vs s/4 = " + num(eps)
          + " exactly: relative error " + num(epsErr));
      out.println("the discretisation error is O(h^2) (second order in the step)");
    }
    return Main.OK;
  }

  private int doubleWell(Rational sv, double sd) {
    int n = onePoints(4001);
    SpectralGap.Result r =
        SpectralGap.compute(x -> (x * x - 1) * (x * x - 1) / 4, sd, -WELL, WELL, n);
    double ek = SpectralGap.eyringKramers(2, -1, 0.25, sd);
    double ratio = r.gap() / ek;
    if (json) {
      ObjectNode o = start("(x^2 - 1)^2/4", sv);
      grid(o, r, WELL);
      o.put("gap", num(r.gap()));
      o.put("eyringKramers", num(ek));
      o.put("ratio", num(ratio));
      o.put("epsilon", num(r.epsilon()));
      out().println(ResultJson.write(o));
    } else {
      PrintWriter out = out();
      out.println("villani gap: double well f(x) = (x^2 - 1)^2/4 (minima +-1, barrier 1/4 at 0)");
      out.println(TextReport.label("s") + TextReport.exactAndDecimal(sv));
      out.println(TextReport.label("grid") + r.points() + " points on [-" + WELL + ", " + WELL
          + "], step " + num(r.step()));
      out.println("estimates (double; not bounds):");
      out.println(TextReport.label("gap") + num(r.gap()));
      out.println(TextReport.label("Eyring-K.") + num(ek) + " = sqrt(2) / pi exp(-1/(2s))"
          + " [recalled]: ratio gap / EK = " + num(ratio) + " (-> 1 as s -> 0, error O(s))");
      out.println(TextReport.label("eps(s)") + num(r.epsilon()));
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
    int m = a.length * data.dimension();
    if (m > 2) {
      throw new ParameterException(commandLine(), "the loss has p d = " + m
          + " trained parameters; the grid numerics need one or two");
    }
    int n = points(m);
    double lamD = finite("--lambda", lam);
    DoubleLoss loss = new DoubleLoss(new RegularisedLoss(data, a, lam, act));
    ConvergenceBound b = ConvergenceBound.gibbs(loss, lamD, sd, n);
    VillaniConstants c = VillaniChecker.constants(data, a, act);
    double hs = Double.NaN;
    @Nullable String failure = null;
    if (act.bounded()) {
      double rho0 = RegularisedLoss.toDouble(c.rho0());
      hs = lamD * Math.exp(-rho0 * rho0 / sd);
      if (b.gap() < hs) {
        failure = "the computed gap " + num(b.gap()) + " is below the Holley-Stroock bound"
            + " lambda exp(-rho_0^2/s) = " + num(hs) + " by " + num(hs - b.gap());
      }
    }
    if (json) {
      ObjectNode o = start("regularised loss", sv);
      o.put("data", file);
      o.put("parameters", m);
      o.put("activation", act.label());
      o.set("lambda", ResultJson.rational(lam));
      o.put("grid", b.grid());
      o.put("estimates", "double estimates of a finite-difference discretisation, not bounds");
      o.put("gap", num(b.gap()));
      o.put("epsilon", num(b.epsilon()));
      o.put("min", num(b.min()));
      o.put("gibbsMean", num(b.gibbsMean()));
      if (act.bounded()) {
        o.put("holleyStroock", num(hs));
      } else {
        o.putNull("holleyStroock");
      }
      if (failure == null) {
        o.putNull("failure");
      } else {
        o.put("failure", failure);
      }
      out().println(ResultJson.write(o));
    } else {
      PrintWriter out = out();
      out.println("villani gap: " + VillaniSubcommand.describe(data, a, act) + ", m = " + m);
      out.println(TextReport.label("lambda, s") + "lambda = " + VillaniSubcommand.show(lam)
          + ", s = " + VillaniSubcommand.show(sv));
      out.println(TextReport.label("grid") + b.grid());
      out.println("estimates (double; not bounds):");
      out.println(TextReport.label("gap") + num(b.gap()));
      out.println(TextReport.label("eps(s)") + num(b.epsilon()) + " (min L " + num(b.min())
          + ", E_mu L " + num(b.gibbsMean()) + ")");
      out.println(TextReport.label("Holley-S.") + (act.bounded()
          ? "lambda exp(-rho_0^2/s) = " + num(hs) + " [derived]: the gap is "
              + (failure == null ? "above it" : "BELOW it")
          : "not applicable (softplus is unbounded)"));
    }
    return failure == null ? Main.OK : failed(failure);
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
    return String.format(Locale.ROOT, "%.6g", x);
  }
}
