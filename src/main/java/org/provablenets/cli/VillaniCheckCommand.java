package org.provablenets.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.io.ResultJson;
import org.provablenets.villani.Activation;
import org.provablenets.villani.ConditionCheck;
import org.provablenets.villani.VillaniConstants;
import org.provablenets.villani.VillaniInstance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code provnets villani check}: the derived constants, conditions 1-4 and the certified radius
 * R(M) of condition 4, from {@link ConditionCheck#run}: parse, call, render. Exit 1 if a condition cannot be
 * established (lambda = 0): the message names it and says by how much.
 *
 * <p>JSON fields, in this order: {@code command, data, points, dimension, width, activation,
 * lambda, s, m, constants} ({@code bY, bXSquared, bX, a1, a2, rho0, G0, lambdaC, K0, K1, C0}, each
 * an exact rational upper bound), {@code conditions} (four objects {@code condition, name, holds,
 * detail}), {@code statement, monotoneFrom, radius, integrabilityBound} ({@code null} when a
 * condition fails) and {@code failure}.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    version = "provnets 0.1.0",
    sortOptions = false,
    description = {
      "Checks the four Villani conditions for the loss: (1) C^infinity, (2) confinement"
          + " L >= (lambda/2)||W||^2, (3) integrability of exp(-2L/s), (4) V_s -> infinity as a"
          + " certified radius R(M): ||W||_F >= R implies ||grad L||^2/s - Laplacian L >= M.",
      "Prints the [derived] constants (exact rational upper bounds), lambda_c, and which"
          + " statement certified condition 4: THRESHOLD (lambda > lambda_c; lambda_c = 0 for"
          + " bounded sigma) or RADIAL (any lambda > 0)."
    },
    footer = {
      "%nExit codes: 0 the conditions hold, 1 a condition is not established (named, with the"
          + " amount), 2 bad input or usage."
    })
final class VillaniCheckCommand extends VillaniOuterRequired {
  @Option(names = "--m", paramLabel = "M", defaultValue = "10", order = 6,
      description = "the level M of condition 4, from -1e100 to 1e100 (default: ${DEFAULT-VALUE})")
  String level = "10";

  /** Checks and reports; 0 if the conditions hold, else 1. */
  @Override
  public Integer call() {
    Rational[] a = outerWeights();
    Rational lam = lambdaValue();
    Activation act = activationValue();
    Rational sv = sValue();
    Rational m = GateSetup.rational(commandLine(), "--m", level);
    if (m.abs().compareTo(GateSetup.HUGE) > 0) {
      throw new ParameterException(commandLine(), "--m is " + Rationals.decimal(m, 6)
          + ", expected a level from -1e100 to 1e100");
    }
    ConditionCheck.Result r = ConditionCheck.run(data(), a, lam, act, sv, m);
    if (json) {
      out().println(ResultJson.write(json(r)));
    } else {
      report(out(), r);
    }
    return r.failure() != null ? failed(r.failureMessage()) : Main.OK;
  }

  private void report(PrintWriter out, ConditionCheck.Result r) {
    out.println("villani check on " + dataFile);
    out.println(TextReport.label("net") + describe(r.data(), r.outer(), r.activation()));
    out.println(TextReport.label("lambda, s") + "lambda = " + TextReport.exactAndDecimal(r.lambda())
        + ", s = " + TextReport.exactAndDecimal(r.s()) + ", M = "
        + TextReport.exactAndDecimal(r.m()));
    constantLines(out, r.constants());
    VillaniInstance inst = r.instance();
    if (inst != null) {
      for (String line : inst.conditions()) {
        out.println("  " + line);
      }
      out.println(TextReport.label("statement") + inst.statement() + " certified condition 4");
      out.println(TextReport.label("radius") + "R(M) = " + show(inst.radius())
          + ": ||W||_F >= R implies V_s(W) >= " + Rationals.format(r.m()) + "  [derived]");
      out.println("conditions: hold");
    } else {
      for (int k = 1; k <= 4; k++) {
        out.println("  (" + k + ") " + ConditionCheck.NAMES.get(k - 1) + ": "
            + (r.holds(k) ? "holds" : "NOT ESTABLISHED"));
      }
      out.println("conditions: FAILED: " + r.failureMessage());
    }
  }

  /** The derived constants, one per line. */
  static void constantLines(PrintWriter out, VillaniConstants c) {
    out.println(TextReport.label("B_y, B_x^2") + show(c.bY()) + ", " + show(c.bXSquared()));
    out.println(TextReport.label("rho_0") + show(c.rho0()) + "  [derived upper bound]");
    out.println(TextReport.label("G_0") + show(c.g0()) + "  [derived upper bound]");
    out.println(TextReport.label("lambda_c") + show(c.lambdaC()) + "  [derived threshold]");
    out.println(TextReport.label("K_0") + show(c.k0()) + "  [derived upper bound]");
    out.println(TextReport.label("K_1") + show(c.k1()) + "  [derived upper bound]");
    out.println(TextReport.label("C_0") + show(c.c0()) + "  [derived upper bound]");
  }

  /** The constants as a JSON object of exact rationals. */
  static ObjectNode constantsJson(VillaniConstants c) {
    ObjectNode k = JsonNodeFactory.instance.objectNode();
    k.set("bY", ResultJson.rational(c.bY()));
    k.set("bXSquared", ResultJson.rational(c.bXSquared()));
    k.set("bX", ResultJson.rational(c.bX()));
    k.set("a1", ResultJson.rational(c.a1()));
    k.set("a2", ResultJson.rational(c.a2()));
    k.set("rho0", ResultJson.rational(c.rho0()));
    k.set("G0", ResultJson.rational(c.g0()));
    k.set("lambdaC", ResultJson.rational(c.lambdaC()));
    k.set("K0", ResultJson.rational(c.k0()));
    k.set("K1", ResultJson.rational(c.k1()));
    k.set("C0", ResultJson.rational(c.c0()));
    return k;
  }

  private ObjectNode json(ConditionCheck.Result r) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("command", "villani check");
    o.put("data", dataFile);
    o.put("points", r.data().size());
    o.put("dimension", r.data().dimension());
    o.put("width", r.outer().length);
    o.set("outer", ResultJson.vector(r.outer()));
    o.put("activation", r.activation().label());
    o.set("lambda", ResultJson.rational(r.lambda()));
    o.set("s", ResultJson.rational(r.s()));
    o.set("m", ResultJson.rational(r.m()));
    o.set("constants", constantsJson(r.constants()));
    VillaniInstance inst = r.instance();
    ArrayNode conds = o.putArray("conditions");
    for (int k = 1; k <= 4; k++) {
      ObjectNode e = conds.addObject();
      e.put("condition", k);
      e.put("name", ConditionCheck.NAMES.get(k - 1));
      e.put("holds", r.holds(k));
      if (inst != null) {
        e.put("detail", inst.conditions().get(k - 1));
      } else {
        e.putNull("detail");
      }
    }
    if (inst != null) {
      o.put("statement", inst.statement().name());
      o.set("monotoneFrom", ResultJson.rational(inst.monotoneFrom()));
      o.set("radius", ResultJson.rational(inst.radius()));
      o.set("integrabilityBound", ResultJson.rational(inst.integrabilityBound()));
      o.putNull("failure");
    } else {
      o.putNull("statement");
      o.putNull("monotoneFrom");
      o.putNull("radius");
      o.putNull("integrabilityBound");
      o.put("failure", r.failureMessage());
    }
    return o;
  }
}
