package org.provablenets.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.linalg.EigenBounds;
import org.provablenets.gate.GateConstants;
import org.provablenets.gate.HypothesisFailedException;
import org.provablenets.io.ResultJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code provnets gate hypotheses --support FILE}: decides (A1) symmetry and (A2) Sigma positive
 * definite exactly, certifies L &lt;= lambda_min(Sigma), U &gt;= lambda_max(Sigma), U4 &gt;=
 * lambda_4, and prints the [derived] constants c_b, eta, rho for batch b. Exit 1 if a hypothesis
 * fails (the message names it and says by how much).
 *
 * <p>JSON fields, in this order: {@code command, support, rows, points, dimension, symmetrised,
 * width, symmetric, sigmaPositiveDefinite, hypothesesHold, failures, lambdaMinLower,
 * lambdaMinUpper, lambdaMaxLower, lambdaMaxUpper, lambda4Lower, lambda4Upper, m2, batch,
 * constants, cb, eta, rho, contractingStepLimit, failure}; the constants are {@code null} when a
 * hypothesis fails.
 */
@Command(
    name = "hypotheses",
    mixinStandardHelpOptions = true,
    version = "provnets 0.1.0",
    sortOptions = false,
    description = {
      "Checks the hypotheses of T2 on a finite distribution, exactly: (A1) x and -x have the same"
          + " mass, (A2) Sigma = E[xx'] is positive definite; certifies rational bounds"
          + " 0 < L <= lambda_min(Sigma), U >= lambda_max(Sigma), U4 >= lambda_4 ="
          + " lambda_max(E[||x||^2 xx']) by exact bisection; and prints the [derived] constants"
          + " c_b = U4/b + (1 - 1/b) U^2/4, eta = L/(2 c_b), rho = 1 - L^2/(4 c_b), for which"
          + " E||w_{T+1} - w*||^2 <= rho^T ||w*||^2 from w_1 = 0."
    },
    footer = {
      "%nExit codes: 0 the hypotheses hold, 1 a hypothesis fails (named, with the amount and a"
          + " witness), 2 bad input or usage."
    })
final class GateHypothesesCommand extends GateSubcommand {
  @Option(names = "--batch", paramLabel = "B", defaultValue = "1", order = 2,
      description = "the batch size b of the constants (default: ${DEFAULT-VALUE})")
  private int batch = 1;

  /** Checks, reports; 0 if the hypotheses hold, else 1. */
  @Override
  public Integer call() {
    int b = GateSetup.batch(commandLine(), batch);
    Rational w = bracketWidth();
    GateSetup s = load(w);
    GateConstants c = s.checked.constants(b);
    if (json) {
      out().println(ResultJson.write(json(s, b, c)));
    } else {
      report(out(), s, b, c);
    }
    String failure = s.failureMessage();
    return failure == null ? Main.OK : failed(failure);
  }

  private static void report(PrintWriter out, GateSetup s, int b, @Nullable GateConstants c) {
    out.println("gate hypotheses on " + s.source);
    s.describe(out);
    HypothesisFailedException f = s.checked.failure();
    HypothesisFailedException.@Nullable Failure a1 = f == null ? null : f.failure("A1");
    HypothesisFailedException.@Nullable Failure a2 = f == null ? null : f.failure("A2");
    out.println(TextReport.label("(A1)") + (a1 == null
        ? "holds: x and -x have the same mass for every support point (decided exactly)"
        : "FAILS: " + a1.message()));
    out.println(TextReport.label("(A2)") + (a2 == null
        ? "holds: Sigma = E[xx'] is positive definite (exact elimination)"
        : "FAILS: " + a2.message()));
    if (s.dist.dimension() <= 6) {
      for (int i = 0; i < s.dist.dimension(); i++) {
        out.println(TextReport.label(i == 0 ? "Sigma" : "") + TextReport.exact(s.dist.sigma().row(i)));
      }
    }
    bracket(out, "lambda_min", s.checked.bounds().lambdaMin(), "L");
    bracket(out, "lambda_max", s.checked.bounds().lambdaMax(), "U");
    bracket(out, "lambda_4", s.checked.bounds().lambda4(), "U4");
    out.println(TextReport.label("m_2") + "E||x||^2 = " + TextReport.exactAndDecimal(s.dist.m2()));
    out.println(TextReport.label("bounds") + "certified: every bracket is proven by exact bisection"
        + " (width <= " + TextReport.exactAndDecimal(s.checked.width()) + ")");
    if (c == null) {
      out.println(TextReport.label("constants") + "absent: they need (A1) and (A2)");
      out.println("hypotheses: FAILED: " + s.failureMessage());
      return;
    }
    out.println(TextReport.label("constants") + "[derived] for batch b = " + b
        + " (not the paper's printed constants; see proofs-notes/T2.md)");
    out.println(TextReport.label("c_b") + "U4/b + (1 - 1/b) U^2/4 = " + TextReport.exactAndDecimal(c.cb())
        + "  [derived]");
    out.println(TextReport.label("eta") + "L/(2 c_b) = " + TextReport.exactAndDecimal(c.eta())
        + "  [derived]");
    out.println(TextReport.label("rho") + "1 - L^2/(4 c_b) = " + TextReport.exactAndDecimal(c.rho())
        + "  [derived]");
    out.println(TextReport.label("steps") + "every 0 < eta < L/c_b = "
        + TextReport.exactAndDecimal(c.contractingStepLimit()) + " contracts in expectation"
        + "  [derived]");
    out.println(TextReport.label("guarantee") + "E||w_{T+1} - w*||^2 <= rho^T ||w*||^2 from w_1 = 0,"
        + " for every w*  [derived]");
    out.println("hypotheses: hold");
  }

  private static void bracket(PrintWriter out, String name, EigenBounds.Bracket br, String end) {
    out.println(TextReport.label(name) + "in [" + TextReport.exactAndDecimal(br.lower()) + ", "
        + TextReport.exactAndDecimal(br.upper()) + "]"
        + (end.equals("L") ? ", L = lower end" : ", " + end + " = upper end"));
  }

  private static ObjectNode json(GateSetup s, int b, @Nullable GateConstants c) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("command", "gate hypotheses");
    s.describe(o);
    o.set("width", ResultJson.rational(s.checked.width()));
    o.put("symmetric", s.dist.isSymmetric());
    o.put("sigmaPositiveDefinite", s.checked.bounds().sigmaPositiveDefinite());
    s.hypotheses(o);
    o.set("lambdaMinLower", ResultJson.rational(s.checked.bounds().lambdaMin().lower()));
    o.set("lambdaMinUpper", ResultJson.rational(s.checked.bounds().lambdaMin().upper()));
    o.set("lambdaMaxLower", ResultJson.rational(s.checked.bounds().lambdaMax().lower()));
    o.set("lambdaMaxUpper", ResultJson.rational(s.checked.bounds().lambdaMax().upper()));
    o.set("lambda4Lower", ResultJson.rational(s.checked.bounds().lambda4().lower()));
    o.set("lambda4Upper", ResultJson.rational(s.checked.bounds().lambda4().upper()));
    o.set("m2", ResultJson.rational(s.dist.m2()));
    o.put("batch", b);
    o.put("constants", "derived");
    putConstants(o, c);
    String failure = s.failureMessage();
    if (failure == null) {
      o.putNull("failure");
    } else {
      o.put("failure", failure);
    }
    return o;
  }

  /** {@code cb, eta, rho, contractingStepLimit}, each {@code null} without constants. */
  static void putConstants(ObjectNode o, @Nullable GateConstants c) {
    if (c == null) {
      o.putNull("cb");
      o.putNull("eta");
      o.putNull("rho");
      o.putNull("contractingStepLimit");
    } else {
      o.set("cb", ResultJson.rational(c.cb()));
      o.set("eta", ResultJson.rational(c.eta()));
      o.set("rho", ResultJson.rational(c.rho()));
      o.set("contractingStepLimit", ResultJson.rational(c.contractingStepLimit()));
    }
  }
}
