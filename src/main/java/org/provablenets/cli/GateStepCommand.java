package org.provablenets.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.exact.linalg.QVectors;
import org.provablenets.gate.GateConstants;
import org.provablenets.gate.GateInstance;
import org.provablenets.gate.GateMath;
import org.provablenets.io.InputException;
import org.provablenets.io.ResultJson;
import org.provablenets.qual.HypothesesChecked;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code provnets gate step}: one step of the iteration from a given w, every quantity exact. It
 * checks the symmetry lemma, the one-step identity (the expectation computed directly by
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
  @Option(names = "--w-star", required = true, paramLabel = "V", order = 2,
      description = "the true weights w*, e.g. 1,-2,1/2")
  private String wStarText = "";

  @Option(names = "--w", required = true, paramLabel = "V", order = 3,
      description = "the current iterate w")
  private String wText = "";

  @Option(names = "--eta", required = true, paramLabel = "E", order = 4,
      description = "the step size, a positive rational")
  private String etaText = "";

  @Option(names = "--batch", paramLabel = "B", defaultValue = "1", order = 5,
      description = "the batch size b (default: ${DEFAULT-VALUE})")
  private int batch = 1;

  /** Computes, checks, reports; 0 if every exact check holds, else 1. */
  @Override
  public Integer call() {
    int b = GateSetup.batch(commandLine(), batch);
    Rational eta = GateSetup.positive(commandLine(), "--eta", etaText, "step size");
    Rational width = bracketWidth();
    GateSetup s = load(width);
    int d = s.dist.dimension();
    Rational[] wStar = GateSetup.vector(commandLine(), "--w-star", wStarText, d, s.source);
    Rational[] w = GateSetup.vector(commandLine(), "--w", wText, d, s.source);
    Step st = compute(s, wStar, w, eta, b);
    if (json) {
      out().println(ResultJson.write(json(s, st)));
    } else {
      report(out(), s, st);
    }
    String failure = st.failure();
    return failure == null ? Main.OK : failed(failure);
  }

  /** Every quantity of the step. */
  static final class Step {
    Rational[] wStar = new Rational[0];
    Rational[] w = new Rational[0];
    Rational[] delta = new Rational[0];
    Rational eta = Rational.ZERO;
    int batch;
    Rational[] mean = new Rational[0];
    Rational[] half = new Rational[0];
    Rational[] defect = new Rational[0];
    Rational direct = Rational.ZERO;
    Rational identity = Rational.ZERO;
    long batches;
    @Nullable Rational factor;
    @Nullable Rational bound;
    @Nullable String boundAbsent;

    boolean lemmaHolds() {
      return QVectors.isZero(defect);
    }

    boolean identityHolds() {
      return direct.equals(identity);
    }

    @Nullable Boolean contractionHolds() {
      Rational bd = bound;
      return bd == null ? null : direct.compareTo(bd) <= 0;
    }

    /** The failed checks in one sentence, or {@code null}. */
    @Nullable String failure() {
      List<String> f = new ArrayList<>();
      if (!lemmaHolds()) {
        f.add("the symmetry lemma fails: E[r x] = " + TextReport.exact(mean)
            + " but (1/2) Sigma (w* - w) = " + TextReport.exact(half) + ", defect "
            + TextReport.exact(defect));
      }
      if (!identityHolds()) {
        f.add("the one-step identity fails: E||w' - w*||^2 = " + Rationals.format(direct)
            + " directly but " + Rationals.format(identity) + " by the identity (difference "
            + TextReport.exactAndDecimal(direct.subtract(identity)) + ")");
      }
      Rational bd = bound;
      if (bd != null && direct.compareTo(bd) > 0) {
        f.add("the contraction bound fails: E||w' - w*||^2 = " + Rationals.format(direct)
            + " exceeds " + Rationals.format(bd) + " by "
            + TextReport.exactAndDecimal(direct.subtract(bd)));
      }
      return f.isEmpty() ? null : String.join("; ", f);
    }
  }

  static Step compute(GateSetup s, Rational[] wStar, Rational[] w, Rational eta, int b) {
    Step st = new Step();
    st.wStar = wStar;
    st.w = w;
    st.delta = QVectors.subtract(w, wStar);
    st.eta = eta;
    st.batch = b;
    st.mean = GateMath.meanUpdate(s.dist, wStar, w);
    st.half = GateMath.halfSigmaDelta(s.dist, wStar, w);
    st.defect = QVectors.subtract(st.mean, st.half);
    BigInteger count = BigInteger.valueOf(s.dist.size()).pow(b);
    if (count.compareTo(BigInteger.valueOf(GateMath.DEFAULT_BUDGET)) > 0) {
      throw new InputException(
          s.source + ": with --batch " + b + " the direct expectation enumerates "
              + s.dist.size() + "^" + b + " = " + count + " ordered batches, above the budget of "
              + GateMath.DEFAULT_BUDGET + "; use a smaller batch or support");
    }
    st.direct = GateMath.expectedSquaredDistanceDirect(s.dist, wStar, w, eta, b);
    st.batches = count.longValueExact();
    st.identity = GateMath.expectedSquaredDistanceIdentity(s.dist, wStar, w, eta, b);
    @Nullable @HypothesesChecked GateInstance inst = s.instance;
    GateConstants c = s.constants(b);
    if (inst != null && c != null) {
      st.factor = c.factor(eta);
      st.bound = GateMath.contractionBound(inst, wStar, w, eta, b);
    } else {
      st.boundAbsent = "the contraction bound needs the hypotheses, and "
          + s.failureMessage();
    }
    return st;
  }

  private static void report(PrintWriter out, GateSetup s, Step st) {
    out.println("gate step on " + s.source);
    s.describe(out);
    out.println(TextReport.label("w*") + TextReport.exact(st.wStar));
    out.println(TextReport.label("w") + TextReport.exact(st.w));
    out.println(TextReport.label("w - w*") + TextReport.exact(st.delta) + ", ||w - w*||^2 = "
        + TextReport.exactAndDecimal(QVectors.normSquared(st.delta)));
    out.println(TextReport.label("eta") + TextReport.exactAndDecimal(st.eta) + ", batch b = "
        + st.batch);
    out.println(TextReport.label("meanUpdate") + TextReport.exact(st.mean)
        + "  = E[(ReLU(w*.x) - ReLU(w.x)) x]");
    out.println(TextReport.label("halfSigmaDelta") + TextReport.exact(st.half) + "  = (1/2) Sigma (w* - w)");
    out.println(TextReport.label("lemma") + (st.lemmaHolds()
        ? "holds: equal as rationals  [derived]"
        : "FAILS: defect meanUpdate - halfSigmaDelta = " + TextReport.exact(st.defect)));
    out.println(TextReport.label("E||w'-w*||^2") + TextReport.exactAndDecimal(st.direct)
        + "  directly, over all " + s.dist.size() + "^" + st.batch + " = " + st.batches
        + " ordered batches");
    out.println(TextReport.label("identity") + TextReport.exactAndDecimal(st.identity)
        + (st.identityHolds()
            ? "  agrees with the direct value  [derived]"
            : "  DISAGREES: direct - identity = "
                + TextReport.exactAndDecimal(st.direct.subtract(st.identity))));
    Rational bound = st.bound;
    Rational factor = st.factor;
    if (bound != null && factor != null) {
      out.println(TextReport.label("contraction") + "(1 - eta L + eta^2 c_b) ||w - w*||^2 = "
          + TextReport.exactAndDecimal(bound) + "  [derived, certified constants]");
      out.println(TextReport.label("") + "factor q(eta) = " + TextReport.exactAndDecimal(factor)
          + (factor.compareTo(Rational.ONE) < 0 ? " < 1: contracts" : " >= 1: no contraction")
          + "; E||w'-w*||^2 <= bound: " + Boolean.TRUE.equals(st.contractionHolds()));
    } else {
      out.println(TextReport.label("contraction") + "absent: " + st.boundAbsent);
    }
    String failure = st.failure();
    out.println("checks: " + (failure == null ? "all hold" : "FAILED: " + failure));
  }

  private static ObjectNode json(GateSetup s, Step st) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("command", "gate step");
    s.describe(o);
    s.hypotheses(o);
    o.set("wStar", ResultJson.vector(st.wStar));
    o.set("w", ResultJson.vector(st.w));
    o.set("delta", ResultJson.vector(st.delta));
    o.set("deltaNormSquared", ResultJson.rational(QVectors.normSquared(st.delta)));
    o.set("eta", ResultJson.rational(st.eta));
    o.put("batch", st.batch);
    o.set("meanUpdate", ResultJson.vector(st.mean));
    o.set("halfSigmaDelta", ResultJson.vector(st.half));
    o.set("lemmaDefect", ResultJson.vector(st.defect));
    o.put("lemmaHolds", st.lemmaHolds());
    o.set("expectedSquaredDistance", ResultJson.rational(st.direct));
    o.set("identity", ResultJson.rational(st.identity));
    o.set("identityDifference", ResultJson.rational(st.direct.subtract(st.identity)));
    o.put("identityHolds", st.identityHolds());
    o.put("batches", st.batches);
    Rational factor = st.factor;
    Rational bound = st.bound;
    if (factor == null || bound == null) {
      o.putNull("contractionFactor");
      o.putNull("contractionBound");
      o.putNull("contractionHolds");
      o.put("contractionBoundAbsent", st.boundAbsent);
    } else {
      o.set("contractionFactor", ResultJson.rational(factor));
      o.set("contractionBound", ResultJson.rational(bound));
      o.put("contractionHolds", direct(st));
      o.putNull("contractionBoundAbsent");
    }
    String failure = st.failure();
    o.put("checksPassed", failure == null);
    if (failure == null) {
      o.putNull("failure");
    } else {
      o.put("failure", failure);
    }
    return o;
  }

  private static boolean direct(Step st) {
    return Boolean.TRUE.equals(st.contractionHolds());
  }
}
