package org.provablenets.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.provablenets.exact.Rational;
import org.provablenets.io.ResultJson;
import org.provablenets.villani.RegularisedLoss;
import org.provablenets.villani.SpectralGap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code provnets villani gap --mu MU --s S}: the calibration case of the low-dimensional numerics,
 * the Ornstein-Uhlenbeck potential {@code f(x) = mu x^2 / 2} (m = 1), whose generator has spectral
 * gap exactly mu and whose Gibbs measure {@code exp(-2f/s)} has {@code eps(s) = E f - min f = s/4}
 * exactly. The computed values are <b>estimates</b> in {@code double} ({@link SpectralGap}).
 *
 * <p>JSON fields, in this order: {@code command, potential, mu, s, points, interval, step,
 * estimates, gap, gapExact, gapRelativeError, epsilon, epsilonExact, epsilonRelativeError}.
 */
@Command(
    name = "gap",
    mixinStandardHelpOptions = true,
    version = "provnets 0.1.0",
    sortOptions = false,
    description = {
      "Calibration of the spectral-gap numerics on f(x) = mu x^2/2 (Ornstein-Uhlenbeck, m = 1):"
          + " the gap lambda_s of the generator of dX = -f'(X) dt + sqrt(s) dW (exactly mu) and"
          + " eps(s) = E_mu f - min f under exp(-2f/s) (exactly s/4), computed by a reversible"
          + " finite-difference discretisation in double (estimates) and compared with the exact"
          + " values."
    },
    footer = {"%nExit codes: 0 success, 2 bad input or usage, 3 internal error."})
final class VillaniGapCommand extends CliCommand {
  /** Half-width of the interval in standard deviations of the Gibbs measure. */
  static final int SIGMAS = 12;

  @Option(names = "--mu", required = true, paramLabel = "MU", order = 0,
      description = "the curvature mu > 0 of f(x) = mu x^2/2 (exact)")
  String mu = "";

  @Option(names = "--s", required = true, paramLabel = "S", order = 1,
      description = "the learning rate s > 0 (exact)")
  String s = "";

  @Option(names = "--points", paramLabel = "N", defaultValue = "4001", order = 2,
      description = "grid points, from 3 to 1000000 (default: ${DEFAULT-VALUE})")
  int points = 4001;

  @Option(names = "--json", order = 99,
      description = "print one JSON object instead of the report")
  boolean json;

  /** The calibration. */
  @Override
  public Integer call() {
    Rational m = GateSetup.positive(commandLine(), "--mu", mu, "curvature");
    Rational sv = GateSetup.positive(commandLine(), "--s", s, "learning rate");
    if (points < 3 || points > 1_000_000) {
      throw new ParameterException(
          commandLine(), "--points is " + points + ", expected from 3 to 1000000");
    }
    double md = RegularisedLoss.toDouble(m);
    double sd = RegularisedLoss.toDouble(sv);
    if (!(md > 1e-100 && md < 1e100 && sd > 1e-100 && sd < 1e100)) {
      throw new ParameterException(commandLine(),
          "--mu and --s must lie between 1e-100 and 1e100 for the double numerics");
    }
    double half = SIGMAS * Math.sqrt(sd / (2 * md));
    SpectralGap.Result r = SpectralGap.compute(x -> md * x * x / 2, sd, -half, half, points);
    double eps = sd / 4;
    double gapErr = Math.abs(r.gap() - md) / md;
    double epsErr = Math.abs(r.epsilon() - eps) / eps;
    if (json) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("command", "villani gap");
      o.put("potential", "mu x^2/2");
      o.set("mu", ResultJson.rational(m));
      o.set("s", ResultJson.rational(sv));
      o.put("points", r.points());
      o.put("interval", "[" + num(-half) + ", " + num(half) + "]");
      o.put("step", num(r.step()));
      o.put("estimates", "double estimates of a finite-difference discretisation, not bounds");
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
      out.println(ErmRun.label("mu, s") + "mu = " + TextReport.exactAndDecimal(m) + ", s = "
          + TextReport.exactAndDecimal(sv));
      out.println(ErmRun.label("grid") + r.points() + " points on [" + num(-half) + ", "
          + num(half) + "] (+-" + SIGMAS + " standard deviations), step " + num(r.step()));
      out.println("estimates (double; not bounds):");
      out.println(ErmRun.label("gap") + num(r.gap()) + " vs mu = " + num(md)
          + " exactly: relative error " + num(gapErr));
      out.println(ErmRun.label("eps(s)") + num(r.epsilon()) + " vs s/4 = " + num(eps)
          + " exactly: relative error " + num(epsErr));
      out.println("the discretisation error is O(h^2) (second order in the step)");
    }
    return Main.OK;
  }

  private static String num(double x) {
    return String.format(java.util.Locale.ROOT, "%.6g", x);
  }
}
