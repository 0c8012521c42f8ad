package org.provablenets.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.exact.linalg.QVectors;
import org.provablenets.gate.GateConstants;
import org.provablenets.gate.GateIteration;
import org.provablenets.io.InputException;
import org.provablenets.io.OutputFiles;
import org.provablenets.io.ResultJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code provnets gate run}: a trajectory of the iteration from {@code w_1 = 0} in {@code double}
 * (the fast path, {@link GateIteration#runDouble}; every distance it reports is an estimate) with
 * seeded sampling, beside the theorem's bound {@code q^t ||w*||^2} computed from the exact factor
 * q (= rho_b for the theorem's step), optionally with label poisoning, SGD on the same samples,
 * a CSV table and a PNG plot.
 *
 * <p>CSV ({@code --csv}): header {@code step,distanceSquared,bound} (plus {@code
 * ,sgdDistanceSquared} with {@code --compare-sgd}), then one row per t = 0..T: t, {@code ||w_{t+1}
 * - w*||^2} in double (shortest round-trip text), the bound to 17 significant digits (empty when
 * a hypothesis fails), and SGD's squared distance.
 *
 * <p>JSON fields, in this order: {@code command, support, rows, points, dimension, symmetrised,
 * hypothesesHold, failures, wStar, wStarNormSquared, batch, eta, etaSource, constants, factor,
 * contracting, poison, steps, seed, arithmetic, finalDistanceSquared, finalBound, sgdNeverMoved,
 * distanceSquared, bound, sgdDistanceSquared, csv, plot, samplesOut, iteratesOut}.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    version = "provnets 0.1.0",
    sortOptions = false,
    description = {
      "Runs the iteration from w_1 = 0 for T steps in double arithmetic (an estimate), sampling b"
          + " support indices per step with new Random(seed), and prints ||w_t - w*||^2 beside"
          + " the [derived] bound q^t ||w*||^2, q = 1 - eta L + eta^2 c_b from the certified"
          + " constants (q = rho_b for the default step eta = L/(2 c_b)). The bound is on the"
          + " expectation; one trajectory may cross it.",
      "Identical input and seed give identical output. --samples-out and --iterates-out write"
          + " the run in the format of 'provnets gate compare', which replays it exactly."
    },
    footer = {
      "%nPoisoning: --poison BETA,THETA,ATTACK adds A xi to each label, A ~ Bernoulli(BETA),"
          + " |xi| = THETA, ATTACK random (a fair sign), worst (sign of v_min.x, v_min the bottom"
          + " eigenvector of Sigma) or adaptive (sign of (w_t - w*).x). The bound is then the"
          + " clean-label bound, shown for reference only.",
      "%nExit codes: 0 the run finished, 1 a hypothesis fails and no --eta was given (the"
          + " theorem's step needs the certified constants), 2 bad input or usage."
    })
final class GateRunCommand extends GateSubcommand {
  /** Largest accepted --steps. */
  static final int MAX_STEPS = 1_000_000;

  /** Rows of the text report's table (about). */
  private static final int TABLE_ROWS = 20;

  @Option(names = "--w-star", required = true, paramLabel = "V", order = 2,
      description = "the true weights w*, e.g. 1,-2,1/2")
  private String wStarText = "";

  @Option(names = "--steps", required = true, paramLabel = "T", order = 3,
      description = "the number of steps T, 1 to " + MAX_STEPS)
  private int steps;

  @Option(names = "--seed", required = true, paramLabel = "S", order = 4,
      description = "the seed of the sampling (and, with --poison, of the attack's coins)")
  private long seed;

  @Option(names = "--batch", paramLabel = "B", defaultValue = "1", order = 5,
      description = "the batch size b (default: ${DEFAULT-VALUE})")
  private int batch = 1;

  @Option(names = "--eta", paramLabel = "E", order = 6,
      description = "the step size (default: the theorem's eta = L/(2 c_b) from the certified"
          + " bounds)")
  private @Nullable String etaText;

  @Option(names = "--poison", paramLabel = "BETA,THETA,ATTACK", order = 7,
      description = "poison the labels: BETA in [0, 1], THETA >= 0, ATTACK random, worst or"
          + " adaptive")
  private @Nullable String poisonText;

  @Option(names = "--compare-sgd", order = 8,
      description = "also run SGD from w = 0 on the same samples (it never moves)")
  private boolean compareSgd;

  @Option(names = "--csv", paramLabel = "OUT.csv", order = 9,
      description = "write step,distanceSquared,bound[,sgdDistanceSquared] to this file")
  private @Nullable String csvFile;

  @Option(names = "--plot", paramLabel = "OUT.png", order = 10,
      description = "write a PNG plot (log scale) of the trajectory and the bound")
  private @Nullable String plotFile;

  @Option(names = "--samples-out", paramLabel = "IDX.csv", order = 11,
      description = "write the sample indices, one row of b per step (for 'gate compare')")
  private @Nullable String samplesOut;

  @Option(names = "--iterates-out", paramLabel = "EXT.csv", order = 12,
      description = "write the double iterates w_1..w_{T+1}, each coordinate the exact decimal"
          + " value of its double (for 'gate compare')")
  private @Nullable String iteratesOut;

  /** The poisoning as given: exact beta and theta, and the attack. */
  private static final class Poison {
    final Rational beta;
    final Rational theta;
    final GateIteration.Attack attack;
    final String name;

    Poison(Rational beta, Rational theta, GateIteration.Attack attack, String name) {
      this.beta = beta;
      this.theta = theta;
      this.attack = attack;
      this.name = name;
    }
  }

  /** Runs, reports and writes the files; 0, or 1 if the step size cannot be derived. */
  @Override
  public Integer call() {
    int b = GateSetup.batch(commandLine(), batch);
    if (steps < 1 || steps > MAX_STEPS) {
      throw new ParameterException(
          commandLine(), "--steps is " + steps + ", expected a number of steps from 1 to "
              + MAX_STEPS);
    }
    String et = etaText;
    @Nullable Rational givenEta =
        et == null ? null : GateSetup.positive(commandLine(), "--eta", et, "step size");
    String pt = poisonText;
    @Nullable Poison poison = pt == null ? null : poison(pt);
    Rational width = bracketWidth();
    @Nullable Path csv = output(csvFile);
    @Nullable Path plot = output(plotFile);
    @Nullable Path idxOut = output(samplesOut);
    @Nullable Path itOut = output(iteratesOut);
    GateSetup s = load(width);
    Rational[] wStar =
        GateSetup.vector(commandLine(), "--w-star", wStarText, s.dist.dimension(), s.source);
    GateConstants c = s.constants(b);
    Rational eta;
    if (givenEta != null) {
      eta = givenEta;
    } else if (c != null) {
      eta = c.eta();
    } else {
      return failed(s.failureMessage() + "; the theorem's step size L/(2 c_b) needs the"
          + " hypotheses, give --eta to run anyway");
    }
    double etaDouble = GateIteration.toDouble(eta);
    if (!(etaDouble > 0) || Double.isInfinite(etaDouble)) {
      throw new ParameterException(
          commandLine(), "--eta is " + Rationals.format(eta) + ", which is not a positive"
              + " finite double (the run is in double arithmetic)");
    }
    GateIteration.@Nullable Poisoning poisoning =
        poison == null
            ? null
            : new GateIteration.Poisoning(
                GateIteration.toDouble(poison.beta), GateIteration.toDouble(poison.theta),
                poison.attack);
    double[] w1 = new double[s.dist.dimension()];
    GateIteration.DoubleRun run =
        GateIteration.runDouble(s.dist, wStar, etaDouble, b, steps, seed,
            GateIteration.Rule.NON_GRADIENT, w1, poisoning);
    GateIteration.@Nullable DoubleRun sgd =
        compareSgd
            ? GateIteration.runDouble(s.dist, wStar, etaDouble, b, steps, seed,
                GateIteration.Rule.SGD, w1, poisoning)
            : null;
    Rational wStarSq = QVectors.normSquared(wStar);
    @Nullable Rational factor = c == null ? null : c.factor(eta);
    String @Nullable [] bound = factor == null ? null : bounds(factor, wStarSq, steps);
    Result r = new Result(s, wStar, wStarSq, b, eta, givenEta == null, c, factor, poison, run,
        sgd, bound);
    if (csv != null) {
      OutputFiles.writeText(csv, csv(r));
    }
    if (plot != null) {
      OutputFiles.writeBytes(plot, plot(r));
    }
    if (idxOut != null) {
      OutputFiles.writeText(idxOut, samples(run));
    }
    if (itOut != null) {
      OutputFiles.writeText(itOut, iterates(run));
    }
    if (json) {
      out().println(ResultJson.write(json(r)));
    } else {
      report(out(), r);
    }
    return Main.OK;
  }

  /** Everything the report needs. */
  private static final class Result {
    final GateSetup s;
    final Rational[] wStar;
    final Rational wStarSq;
    final int b;
    final Rational eta;
    final boolean theoremEta;
    final @Nullable GateConstants c;
    final @Nullable Rational factor;
    final @Nullable Poison poison;
    final GateIteration.DoubleRun run;
    final GateIteration.@Nullable DoubleRun sgd;
    final String @Nullable [] bound;

    Result(GateSetup s, Rational[] wStar, Rational wStarSq, int b, Rational eta,
        boolean theoremEta, @Nullable GateConstants c, @Nullable Rational factor,
        @Nullable Poison poison, GateIteration.DoubleRun run,
        GateIteration.@Nullable DoubleRun sgd, String @Nullable [] bound) {
      this.s = s;
      this.wStar = wStar;
      this.wStarSq = wStarSq;
      this.b = b;
      this.eta = eta;
      this.theoremEta = theoremEta;
      this.c = c;
      this.factor = factor;
      this.poison = poison;
      this.run = run;
      this.sgd = sgd;
      this.bound = bound;
    }
  }

  private @Nullable Path output(@Nullable String file) {
    if (file == null) {
      return null;
    }
    Path p = path(file);
    OutputFiles.checkWritable(p);
    return p;
  }

  private Poison poison(String text) {
    String[] parts = text.split(",", -1);
    if (parts.length != 3) {
      throw new ParameterException(
          commandLine(), "--poison is '" + text + "', expected BETA,THETA,ATTACK such as"
              + " 0.1,0.5,random");
    }
    Rational beta = GateSetup.rational(commandLine(), "--poison BETA", parts[0].strip());
    if (beta.signum() < 0 || beta.compareTo(Rational.ONE) > 0) {
      throw new ParameterException(
          commandLine(), "--poison BETA is " + Rationals.format(beta)
              + ", expected an attack probability in [0, 1]");
    }
    Rational theta =
        GateSetup.nonNegative(commandLine(), "--poison THETA", parts[1].strip(),
            "attack size bound");
    String a = GateSetup.lower(parts[2]);
    GateIteration.Attack attack;
    switch (a) {
      case "random":
        attack = GateIteration.Attack.RANDOM_SIGN;
        break;
      case "worst":
        attack = GateIteration.Attack.WORST_CASE;
        break;
      case "adaptive":
        attack = GateIteration.Attack.ADAPTIVE;
        break;
      default:
        throw new ParameterException(
            commandLine(), "--poison ATTACK is '" + parts[2].strip()
                + "', expected random, worst or adaptive");
    }
    return new Poison(beta, theta, attack, a);
  }

  // ---- the bound ----

  private static final MathContext WORK = new MathContext(40, RoundingMode.HALF_EVEN);
  private static final MathContext SHOWN = new MathContext(17, RoundingMode.HALF_EVEN);

  /**
   * {@code q^t ||w*||^2} for t = 0..T as 17-digit decimals: computed with 40 significant digits
   * (relative error below T 10^-39, far below the 17 digits shown), never underflowing.
   */
  static String[] bounds(Rational q, Rational wStarSq, int steps) {
    BigDecimal qd = decimal(q);
    BigDecimal v = decimal(wStarSq);
    String[] out = new String[steps + 1];
    for (int t = 0; t <= steps; t++) {
      out[t] = text(v);
      v = v.multiply(qd, WORK);
    }
    return out;
  }

  private static BigDecimal decimal(Rational q) {
    return new BigDecimal(q.getNumerator()).divide(new BigDecimal(q.getDenominator()), WORK);
  }

  /** 17 significant digits, plain unless very large or small (as {@link Rationals#decimal}). */
  static String text(BigDecimal x) {
    if (x.signum() == 0) {
      return "0";
    }
    BigDecimal v = x.round(SHOWN).stripTrailingZeros();
    int magnitude = v.precision() - v.scale();
    return magnitude > -6 && magnitude <= 21 ? v.toPlainString() : v.toString();
  }

  private static double boundDouble(String text) {
    return Double.parseDouble(text);
  }

  // ---- files ----

  private static String csv(Result r) {
    StringBuilder sb = new StringBuilder("step,distanceSquared,bound");
    GateIteration.DoubleRun sgd = r.sgd;
    double[] sgdSq = sgd == null ? new double[0] : sgd.squaredDistances();
    if (sgd != null) {
      sb.append(",sgdDistanceSquared");
    }
    sb.append('\n');
    double[] sq = r.run.squaredDistances();
    String[] bound = r.bound;
    for (int t = 0; t < sq.length; t++) {
      sb.append(t).append(',').append(sq[t]).append(',').append(bound == null ? "" : bound[t]);
      if (sgd != null) {
        sb.append(',').append(sgdSq[t]);
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String samples(GateIteration.DoubleRun run) {
    StringBuilder sb = new StringBuilder();
    for (int[] row : run.indices()) {
      for (int k = 0; k < row.length; k++) {
        sb.append(k == 0 ? "" : ",").append(row[k]);
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String iterates(GateIteration.DoubleRun run) {
    StringBuilder sb = new StringBuilder();
    for (double[] w : run.iterates()) {
      for (int j = 0; j < w.length; j++) {
        sb.append(j == 0 ? "" : ",").append(new BigDecimal(w[j]).toString());
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static byte[] plot(Result r) {
    List<GatePlot.Line> lines = new ArrayList<>();
    lines.add(new GatePlot.Line("non-gradient iteration (double, estimate)",
        r.run.squaredDistances(), false));
    String[] bound = r.bound;
    if (bound != null) {
      double[] bd = new double[bound.length];
      for (int t = 0; t < bd.length; t++) {
        bd[t] = boundDouble(bound[t]);
      }
      lines.add(new GatePlot.Line(
          (r.theoremEta ? "bound rho^t ||w*||^2" : "bound q(eta)^t ||w*||^2") + " [derived]"
              + (r.poison == null ? "" : " (clean labels)"), bd, true));
    }
    GateIteration.DoubleRun sgd = r.sgd;
    if (sgd != null) {
      lines.add(new GatePlot.Line("SGD from w = 0 (double)", sgd.squaredDistances(), false));
    }
    String title = "T2 gate: " + r.s.source + ", b = " + r.b + ", eta = "
        + Rationals.decimal(r.eta, 6) + (r.poison == null ? "" : ", poisoned");
    try {
      return GatePlot.png(title, lines);
    } catch (IllegalArgumentException e) {
      throw new InputException("the plot is empty: " + e.getMessage(), e);
    }
  }

  // ---- report ----

  private static boolean neverMoved(GateIteration.DoubleRun run) {
    for (double[] w : run.iterates()) {
      for (double x : w) {
        if (x != 0.0) {
          return false;
        }
      }
    }
    return true;
  }

  private void report(PrintWriter out, Result r) {
    out.println("gate run on " + r.s.source);
    r.s.describe(out);
    String failure = r.s.failureMessage();
    out.println(ErmRun.label("hypotheses") + (failure == null ? "hold" : "FAIL: " + failure));
    out.println(ErmRun.label("w*") + TextReport.exact(r.wStar) + ", ||w*||^2 = "
        + TextReport.exactAndDecimal(r.wStarSq));
    out.println(ErmRun.label("eta") + TextReport.exactAndDecimal(r.eta)
        + (r.theoremEta
            ? "  the theorem's step L/(2 c_b) from the certified bounds [derived]"
            : "  given with --eta (run in double as "
                + GateIteration.toDouble(r.eta) + ")"));
    out.println(ErmRun.label("batch") + r.b);
    Rational q = r.factor;
    if (q == null) {
      out.println(ErmRun.label("bound") + "absent: it needs the hypotheses");
    } else {
      out.println(ErmRun.label("bound") + "E||w_{t+1} - w*||^2 <= q^t ||w*||^2, q = "
          + (r.theoremEta ? "rho_b = " : "1 - eta L + eta^2 c_b = ")
          + TextReport.exactAndDecimal(q) + "  [derived]"
          + (q.compareTo(Rational.ONE) < 0 ? "" : "  (q >= 1: this step does not contract)"));
    }
    Poison p = r.poison;
    out.println(ErmRun.label("poisoning") + (p == null
        ? "none"
        : "beta* = " + Rationals.format(p.beta) + ", theta* = " + Rationals.format(p.theta)
            + ", attack " + p.name + "; the bound is the clean-label bound, for reference"
            + " only"));
    out.println(ErmRun.label("run") + steps + " steps, seed " + seed
        + ", double arithmetic: every distance below is an ESTIMATE");
    GateIteration.DoubleRun sgd = r.sgd;
    double[] sq = r.run.squaredDistances();
    double[] sgdSq = sgd == null ? new double[0] : sgd.squaredDistances();
    String[] bound = r.bound;
    out.println(String.format("  %8s  %-24s  %-24s%s", "t", "||w_{t+1}-w*||^2 (est.)",
        "bound", sgd == null ? "" : "  SGD (est.)"));
    for (int t : tableSteps(steps)) {
      out.println(String.format("  %8d  %-24s  %-24s%s", t, Double.toString(sq[t]),
          bound == null ? "-" : bound[t], sgd == null ? "" : "  " + sgdSq[t]));
    }
    if (sgd != null) {
      out.println(ErmRun.label("SGD") + (neverMoved(sgd)
          ? "from w = 0 on the same samples it never moved: w = 0 after all " + steps
              + " steps (every gradient carries 1{w.x > 0} = 0)"
          : "from w = 0 it moved (unexpected: please report it)"));
    }
    if (csvFile != null) {
      out.println(ErmRun.label("csv") + csvFile);
    }
    if (plotFile != null) {
      out.println(ErmRun.label("plot") + plotFile);
    }
    if (samplesOut != null) {
      out.println(ErmRun.label("samples") + samplesOut);
    }
    if (iteratesOut != null) {
      out.println(ErmRun.label("iterates") + iteratesOut);
    }
  }

  /** About {@value #TABLE_ROWS} steps from 0 to T, always both ends. */
  static List<Integer> tableSteps(int steps) {
    TreeSet<Integer> s = new TreeSet<>();
    for (int k = 0; k <= TABLE_ROWS; k++) {
      s.add((int) Math.round((double) k * steps / TABLE_ROWS));
    }
    s.add(steps);
    return new ArrayList<>(s);
  }

  private ObjectNode json(Result r) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("command", "gate run");
    r.s.describe(o);
    r.s.hypotheses(o);
    o.set("wStar", ResultJson.vector(r.wStar));
    o.set("wStarNormSquared", ResultJson.rational(r.wStarSq));
    o.put("batch", r.b);
    o.set("eta", ResultJson.rational(r.eta));
    o.put("etaSource", r.theoremEta ? "theorem" : "option");
    o.put("constants", "derived");
    Rational q = r.factor;
    if (q == null) {
      o.putNull("factor");
      o.putNull("contracting");
    } else {
      o.set("factor", ResultJson.rational(q));
      o.put("contracting", q.compareTo(Rational.ONE) < 0);
    }
    Poison p = r.poison;
    if (p == null) {
      o.putNull("poison");
    } else {
      ObjectNode po = o.putObject("poison");
      po.set("beta", ResultJson.rational(p.beta));
      po.set("theta", ResultJson.rational(p.theta));
      po.put("attack", p.name);
    }
    o.put("steps", steps);
    o.put("seed", seed);
    o.put("arithmetic", "double: distanceSquared and sgdDistanceSquared are estimates");
    double[] sq = r.run.squaredDistances();
    o.put("finalDistanceSquared", sq[steps]);
    String[] bound = r.bound;
    if (bound == null) {
      o.putNull("finalBound");
    } else {
      o.put("finalBound", bound[steps]);
    }
    GateIteration.DoubleRun sgd = r.sgd;
    if (sgd == null) {
      o.putNull("sgdNeverMoved");
    } else {
      o.put("sgdNeverMoved", neverMoved(sgd));
    }
    ArrayNode ds = o.putArray("distanceSquared");
    for (double v : sq) {
      ds.add(v);
    }
    if (bound == null) {
      o.putNull("bound");
    } else {
      ArrayNode bs = o.putArray("bound");
      for (String v : bound) {
        bs.add(v);
      }
    }
    if (sgd == null) {
      o.putNull("sgdDistanceSquared");
    } else {
      ArrayNode ss = o.putArray("sgdDistanceSquared");
      for (double v : sgd.squaredDistances()) {
        ss.add(v);
      }
    }
    putFile(o, "csv", csvFile);
    putFile(o, "plot", plotFile);
    putFile(o, "samplesOut", samplesOut);
    putFile(o, "iteratesOut", iteratesOut);
    return o;
  }

  private static void putFile(ObjectNode o, String name, @Nullable String file) {
    if (file == null) {
      o.putNull(name);
    } else {
      o.put(name, file);
    }
  }
}
