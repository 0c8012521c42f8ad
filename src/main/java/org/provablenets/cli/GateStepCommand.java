package org.provablenets.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.gate.GateMath;
import org.provablenets.gate.GateStep;
import org.provablenets.io.CoqExport;
import org.provablenets.io.InputException;
import org.provablenets.io.OutputFiles;
import org.provablenets.io.ResultJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code provnets gate step}: one step of the iteration from a given w, every quantity exact
 * ({@link GateStep}, computed in {@code gate}; this class parses, calls and renders). It checks
 * the symmetry lemma, the one-step identity (the expectation computed directly by
 * enumerating all n^b ordered batches, and by the identity) and, when the hypotheses hold, the
 * certified contraction bound. Exit 1 if one of these exact checks fails (named, with the amount).
 *
 * <p>JSON fields, in this order: {@code command, support, rows, points, dimension, symmetrised,
 * hypothesesHold, failures, wStar, w, delta, deltaNormSquared, eta, batch, meanUpdate,
 * halfSigmaDelta, lemmaDefect, lemmaHolds, expectedSquaredDistance, identity, identityDifference,
 * identityHolds, batches, contractionFactor, contractionBound, contractionHolds,
 * contractionBoundAbsent, checksPassed, failure}.
 */
@Command(
    name = "step",
    mixinStandardHelpOptions = true,
    version = "provnets 0.1.0",
    sortOptions = false,
    description = {
      "One step w' = w + eta (1/b) sum_k r(x_k) x_k, r(x) = ReLU(w*.x) - ReLU(w.x), from a given"
          + " w, exactly. It prints and checks:",
      "  the symmetry lemma  E[r(x) x] = (1/2) Sigma (w* - w)  [derived; holds under (A1)];",
      "  E||w' - w*||^2 computed directly over all n^b ordered batches, and by the identity"
          + " ||D||^2 - eta D'Sigma D + eta^2 [(1/b) E[r^2 ||x||^2] + (1 - 1/b) ||Sigma D||^2/4],"
          + " D = w - w*  [derived; equal under (A1)];",
      "  the certified contraction bound (1 - eta L + eta^2 c_b) ||D||^2 >= E||w' - w*||^2"
          + " [derived; only when the hypotheses hold].",
      "Vectors are comma-separated exact rationals: --w-star 1,-2,1/2 (use --w=-1,1 if a value"
          + " starts with '-')."
    },
    footer = {
      "%nExit codes: 0 every exact check holds, 1 one fails (the lemma, the identity or the"
          + " contraction: named, with the amount), 2 bad input or usage (including more than "
          + "1000000 batches to enumerate)."
    })
final class GateStepCommand extends GateSubcommand {
  @Mixin private GateWStar wStar = new GateWStar();

  @Option(names = "--w", required = true, paramLabel = "V", order = 3,
      description = "the current iterate w")
  private String wText = "";

  @Option(names = "--eta", required = true, paramLabel = "E", order = 4,
      description = "the step size, a positive rational")
  private String etaText = "";

  @Option(names = "--batch", paramLabel = "B", defaultValue = "1", order = 5,
      description = "the batch size b (default: ${DEFAULT-VALUE})")
  private int batch = 1;

  @Option(names = "--coq", paramLabel = "FILE.v", order = 6,
      description = "also write this step as a Coq file that 'coqc -Q formal ProvableNets FILE.v'"
          + " checks by computation against formal/T2Check.v (the file's name must be a Coq"
          + " name: letters, digits and _)")
  private @Nullable String coq;

  /** Computes, checks, reports; 0 if every exact check holds, else 1. */
  @Override
  public Integer call() {
    @Nullable Path coqFile = outputPath(coq);
    if (coqFile != null) {
      Path name = coqFile.getFileName();
      if (name == null || !name.toString().matches("[A-Za-z][A-Za-z0-9_]*\\.v")) {
        throw new InputException("--coq is '" + coq + "', expected a file NAME.v with NAME"
            + " letters, digits and _, starting with a letter (a Coq file name)");
      }
    }
    int b = GateSetup.batch(commandLine(), batch);
    Rational eta = GateSetup.positive(commandLine(), "--eta", etaText, "step size");
    Rational width = bracketWidth();
    GateSetup s = load(width);
    int d = s.dist.dimension();
    Rational[] ws = wStar.parse(commandLine(), d, s.source);
    Rational[] w = GateSetup.vector(commandLine(), "--w", wText, d, s.source);
    BigInteger count = GateStep.batches(s.dist, b);
    if (count.compareTo(BigInteger.valueOf(GateMath.DEFAULT_BUDGET)) > 0) {
      throw new InputException(
          s.source + ": with --batch " + b + " the direct expectation enumerates "
              + s.dist.size() + "^" + b + " = " + count + " ordered batches, above the budget of "
              + GateMath.DEFAULT_BUDGET + "; use a smaller batch or support");
    }
    GateStep st = GateStep.of(s.checked, ws, w, eta, b);
    if (coqFile != null) {
      OutputFiles.writeText(coqFile,
          CoqExport.gateStep(s.dist, s.dist.isSymmetric(), st, s.source));
    }
    if (json) {
      out().println(ResultJson.write(json(s, st)));
    } else {
      report(out(), s, st);
    }
    String failure = failure(st);
    return failure == null ? Main.OK : failed(failure);
  }

  /** The failed checks in one sentence, or {@code null}. */
  static @Nullable String failure(GateStep st) {
    List<String> f = new ArrayList<>();
    if (!st.lemmaHolds()) {
      f.add("the symmetry lemma fails: E[r x] = " + TextReport.exact(st.meanUpdate())
          + " but (1/2) Sigma (w* - w) = " + TextReport.exact(st.halfSigmaDelta()) + ", defect "
          + TextReport.exact(st.defect()));
    }
    if (!st.identityHolds()) {
      f.add("the one-step identity fails: E||w' - w*||^2 = " + Rationals.format(st.direct())
          + " directly but " + Rationals.format(st.identity()) + " by the identity (difference "
          + TextReport.exactAndDecimal(st.identityDifference()) + ")");
    }
    Rational bd = st.bound();
    Rational excess = st.contractionExcess();
    if (bd != null && excess != null && Boolean.FALSE.equals(st.contractionHolds())) {
      f.add("the contraction bound fails: E||w' - w*||^2 = " + Rationals.format(st.direct())
          + " exceeds " + Rationals.format(bd) + " by " + TextReport.exactAndDecimal(excess));
    }
    return f.isEmpty() ? null : String.join("; ", f);
  }

  /** Why the contraction bound is absent. */
  private static String boundAbsent(GateSetup s) {
    return "the contraction bound needs the hypotheses, and " + s.failureMessage();
  }

  private static void report(PrintWriter out, GateSetup s, GateStep st) {
    out.println("gate step on " + s.source);
    s.describe(out);
    out.println(TextReport.label("w*") + TextReport.exact(st.wStar()));
    out.println(TextReport.label("w") + TextReport.exact(st.w()));
    out.println(TextReport.label("w - w*") + TextReport.exact(st.delta()) + ", ||w - w*||^2 = "
        + TextReport.exactAndDecimal(st.deltaNormSquared()));
    out.println(TextReport.label("eta") + TextReport.exactAndDecimal(st.eta()) + ", batch b = "
        + st.batch());
    out.println(TextReport.label("meanUpdate") + TextReport.exact(st.meanUpdate())
        + "  = E[(ReLU(w*.x) - ReLU(w.x)) x]");
    out.println(TextReport.label("halfSigmaDelta") + TextReport.exact(st.halfSigmaDelta())
        + "  = (1/2) Sigma (w* - w)");
    out.println(TextReport.label("lemma") + (st.lemmaHolds()
        ? "holds: equal as rationals  [derived]"
        : "FAILS: defect meanUpdate - halfSigmaDelta = " + TextReport.exact(st.defect())));
    out.println(TextReport.label("E||w'-w*||^2") + TextReport.exactAndDecimal(st.direct())
        + "  directly, over all " + s.dist.size() + "^" + st.batch() + " = " + st.batches()
        + " ordered batches");
    out.println(TextReport.label("identity") + TextReport.exactAndDecimal(st.identity())
        + (st.identityHolds()
            ? "  agrees with the direct value  [derived]"
            : "  DISAGREES: direct - identity = "
                + TextReport.exactAndDecimal(st.identityDifference())));
    Rational bound = st.bound();
    Rational factor = st.factor();
    if (bound != null && factor != null) {
      out.println(TextReport.label("contraction") + "(1 - eta L + eta^2 c_b) ||w - w*||^2 = "
          + TextReport.exactAndDecimal(bound) + "  [derived, certified constants]");
      out.println(TextReport.label("") + "factor q(eta) = " + TextReport.exactAndDecimal(factor)
          + (Boolean.TRUE.equals(st.contracts()) ? " < 1: contracts" : " >= 1: no contraction")
          + "; E||w'-w*||^2 <= bound: " + Boolean.TRUE.equals(st.contractionHolds()));
    } else {
      out.println(TextReport.label("contraction") + "absent: " + boundAbsent(s));
    }
    String failure = failure(st);
    out.println("checks: " + (failure == null ? "all hold" : "FAILED: " + failure));
  }

  private static ObjectNode json(GateSetup s, GateStep st) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("command", "gate step");
    s.describe(o);
    s.hypotheses(o);
    o.set("wStar", ResultJson.vector(st.wStar()));
    o.set("w", ResultJson.vector(st.w()));
    o.set("delta", ResultJson.vector(st.delta()));
    o.set("deltaNormSquared", ResultJson.rational(st.deltaNormSquared()));
    o.set("eta", ResultJson.rational(st.eta()));
    o.put("batch", st.batch());
    o.set("meanUpdate", ResultJson.vector(st.meanUpdate()));
    o.set("halfSigmaDelta", ResultJson.vector(st.halfSigmaDelta()));
    o.set("lemmaDefect", ResultJson.vector(st.defect()));
    o.put("lemmaHolds", st.lemmaHolds());
    o.set("expectedSquaredDistance", ResultJson.rational(st.direct()));
    o.set("identity", ResultJson.rational(st.identity()));
    o.set("identityDifference", ResultJson.rational(st.identityDifference()));
    o.put("identityHolds", st.identityHolds());
    o.put("batches", st.batches());
    Rational factor = st.factor();
    Rational bound = st.bound();
    if (factor == null || bound == null) {
      o.putNull("contractionFactor");
      o.putNull("contractionBound");
      o.putNull("contractionHolds");
      o.put("contractionBoundAbsent", boundAbsent(s));
    } else {
      o.set("contractionFactor", ResultJson.rational(factor));
      o.set("contractionBound", ResultJson.rational(bound));
      o.put("contractionHolds", Boolean.TRUE.equals(st.contractionHolds()));
      o.putNull("contractionBoundAbsent");
    }
    String failure = failure(st);
    o.put("checksPassed", failure == null);
    if (failure == null) {
      o.putNull("failure");
    } else {
      o.put("failure", failure);
    }
    return o;
  }
}
