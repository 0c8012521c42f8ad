package org.provablenets.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.io.ResultJson;
import org.provablenets.qual.HypothesesChecked;
import org.provablenets.villani.Activation;
import org.provablenets.villani.TrainingData;
import org.provablenets.villani.VillaniChecker;
import org.provablenets.villani.VillaniConditionException;
import org.provablenets.villani.VillaniConstants;
import org.provablenets.villani.VillaniInstance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code provnets villani check}: the derived constants, conditions 1-4 and the certified radius
 * R(M) of condition 4, from {@link VillaniChecker#check}. Exit 1 if a condition cannot be
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
final class VillaniCheckCommand extends VillaniSubcommand {
  @Option(names = "--outer", required = true, paramLabel = "A", order = 1,
      description = OUTER_HELP)
  private String outer = "";

  @Override
  String outerText() {
    return outer;
  }

  @Option(names = "--m", paramLabel = "M", defaultValue = "10", order = 6,
      description = "the level M of condition 4, from -1e100 to 1e100 (default: ${DEFAULT-VALUE})")
  String level = "10";

  private static final String[] NAMES = {
    "C^infinity", "confinement", "integrability", "V_s -> infinity (certified radius)"
  };

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
    TrainingData data = data();
    VillaniConstants c = VillaniChecker.constants(data, a, act);
    @Nullable @HypothesesChecked VillaniInstance inst = null;
    @Nullable VillaniConditionException failure = null;
    try {
      inst = VillaniChecker.check(data, a, lam, act, sv, m);
    } catch (VillaniConditionException e) {
      failure = e;
    }
    if (json) {
      out().println(ResultJson.write(json(data, a, act, lam, sv, m, c, inst, failure)));
    } else {
      report(out(), data, a, act, lam, sv, m, c, inst, failure);
    }
    if (failure != null) {
      return failed(String.valueOf(failure.getMessage()));
    }
    return Main.OK;
  }

  /** Whether condition k (1-4) holds given the failure (null: all hold). */
  static boolean holds(int k, @Nullable VillaniConditionException failure) {
    return failure == null || k < failure.condition() || k == 1;
  }

  private void report(PrintWriter out, TrainingData data, Rational[] a, Activation act,
      Rational lam, Rational sv, Rational m, VillaniConstants c,
      @Nullable VillaniInstance inst, @Nullable VillaniConditionException failure) {
    out.println("villani check on " + dataFile);
    out.println(TextReport.label("net") + describe(data, a, act));
    out.println(TextReport.label("lambda, s") + "lambda = " + TextReport.exactAndDecimal(lam)
        + ", s = " + TextReport.exactAndDecimal(sv) + ", M = " + TextReport.exactAndDecimal(m));
    constantLines(out, c);
    if (inst != null) {
      for (String line : inst.conditions()) {
        out.println("  " + line);
      }
      out.println(TextReport.label("statement") + inst.statement() + " certified condition 4");
      out.println(TextReport.label("radius") + "R(M) = " + show(inst.radius())
          + ": ||W||_F >= R implies V_s(W) >= " + Rationals.format(m) + "  [derived]");
      out.println("conditions: hold");
    } else {
      for (int k = 1; k <= 4; k++) {
        out.println("  (" + k + ") " + NAMES[k - 1] + ": "
            + (holds(k, failure) ? "holds" : "NOT ESTABLISHED"));
      }
      out.println("conditions: FAILED: " + (failure == null ? "" : failure.getMessage()));
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

  private ObjectNode json(TrainingData data, Rational[] a, Activation act, Rational lam,
      Rational sv, Rational m, VillaniConstants c, @Nullable VillaniInstance inst,
      @Nullable VillaniConditionException failure) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("command", "villani check");
    o.put("data", dataFile);
    o.put("points", data.size());
    o.put("dimension", data.dimension());
    o.put("width", a.length);
    o.set("outer", ResultJson.vector(a));
    o.put("activation", act.label());
    o.set("lambda", ResultJson.rational(lam));
    o.set("s", ResultJson.rational(sv));
    o.set("m", ResultJson.rational(m));
    o.set("constants", constantsJson(c));
    ArrayNode conds = o.putArray("conditions");
    for (int k = 1; k <= 4; k++) {
      ObjectNode e = conds.addObject();
      e.put("condition", k);
      e.put("name", NAMES[k - 1]);
      e.put("holds", holds(k, failure));
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
      o.put("failure", failure == null ? "" : String.valueOf(failure.getMessage()));
    }
    return o;
  }
}
