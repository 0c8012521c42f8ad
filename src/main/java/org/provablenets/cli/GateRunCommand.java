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
import org.provablenets.gate.GateExactRun;
import org.provablenets.gate.GateHypotheses;
import org.provablenets.gate.GateInstance;
import org.provablenets.gate.GateIteration;
import org.provablenets.gate.GateMonteCarlo;
import org.provablenets.gate.GatePoisoning;
import org.provablenets.gate.HypothesisFailedException;
import org.provablenets.gate.SampledDistribution;
import org.provablenets.gate.SampledInstance;
import org.provablenets.qual.HypothesesChecked;
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
 * contracting, poison, steps, seed, arithmetic, finalDistanceSquared, finalBound, sgdStart,
 * sgdNeverMoved,
 * distanceSquared, bound, sgdDistanceSquared, csv, plot, samplesOut, iteratesOut}, then {@code
 * monteCarlo} with {@code --runs} ({@link GateMcReport#json}). With {@code --poison} and the
 * hypotheses, {@code poison} also has the [derived] {@code floor, etaLimit, boundApplies, rho,
 * meanNoiseNormSquaredUpper, biasBoundSquared, constants}.
 *
 * <p>With {@code --distribution SPEC} ({@link GateDistributionSpec}) the JSON fields are {@code
 * command, distribution, family, description, dimension, symmetric, symmetry, hypothesesHold,
 * failures, m2, lambdaMinLower, lambdaMaxUpper, lambda4Upper, moments, wStar, wStarNormSquared,
 * batch, eta, etaSource, constants, factor, contracting, poison, steps, seed, runs, arithmetic,
 * finalMeanDistanceSquared, finalBound, monteCarlo, csv, plot}.
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
          + " eigenvector of Sigma) or adaptive (sign of (w_t - w*).x). The table's bound is then"
          + " the clean-label bound, shown for reference only; the [derived] poisoned bound"
          + " rho'^T ||w*||^2 + floor (proved for eta <= L/(8 c_b)) is reported beside it.",
      "%nSampled families (--distribution SPEC, exact rational parameters, drawn in double from"
          + " new SplittableRandom(seed), one split per run): gaussian:COV is N(0, COV);"
          + " cube:D:A is uniform on [-A, A]^D; student:COV:NU is the Student-t with NU > 4"
          + " (whole) degrees of freedom scaled to covariance COV; mixture:COV:MU is"
          + " (1/2) N(MU, COV) + (1/2) N(-MU, COV); shifted:COV:MU is N(MU, COV), the"
          + " asymmetric control, which fails (A1). COV is a whole number d (the identity I_d)"
          + " or a CSV file of a d x d symmetric positive semidefinite matrix; MU is a vector"
          + " such as 1,0,1/2. Sigma and E[||x||^2 xx'] are exact closed forms [derived], so L,"
          + " U, U4 are certified as for a support file. Example: --distribution gaussian:3"
          + " --runs 1000.",
      "%nMonte Carlo (--runs R): R runs from w = 0, each drawing from its own split of new"
          + " SplittableRandom(seed) (the single trajectory of a support file still uses new"
          + " Random(seed)). For a support file with clean labels and eta max||x||^2 <= 2"
          + " every run stays within ||w*||^2, so a Hoeffding interval has false-failure"
          + " probability <= 1e-9; otherwise (sampled families, poisoning) the check is a"
          + " fixed-seed check with a margin of 6 standard errors, not a probability statement."
          + " With poisoning and eta <= L/(8 c_b) the bound is rho'^T ||w*||^2 + floor"
          + " [derived]. The worst attack on gaussian data also reports the measured bias"
          + " ||mean w_{T+1} - w*|| as a fraction of 2 beta* theta*/sqrt(lambda_min)"
          + " (sqrt(2/pi) = 0.798 [derived]).",
      "%nExit codes: 0 the run finished, 1 a hypothesis fails and no --eta was given (the"
          + " theorem's step needs the certified constants) or the Monte Carlo lower confidence"
          + " end exceeds the bound, 2 bad input or usage."
    })
final class GateRunCommand extends GateSubcommand {
  /** Largest accepted --runs. */
  static final int MAX_RUNS = 100_000;

  /** Largest accepted runs x steps x batch (samples drawn). */
  static final long MAX_WORK = 400_000_000L;

  /** Largest accepted --steps. */
  static final int MAX_STEPS = 1_000_000;

  /** Rows of the text report's table (about). */
  private static final int TABLE_ROWS = 20;

  @Option(names = "--distribution", paramLabel = "SPEC", order = 1,
      description = "instead of --support: a sampled family, " + GateDistributionSpec.SYNTAX
          + " (see below)")
  private @Nullable String distributionText;

  @Option(names = "--runs", paramLabel = "R", order = 8,
      description = "Monte Carlo: R independent runs (1 to 100000); reports the mean"
          + " of ||w_{T+1} - w*||^2, its confidence interval and the verdict against the bound")
  private @Nullable Integer runs;

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

  @Option(names = "--sgd-start", paramLabel = "V", order = 8,
      description = "with --compare-sgd: start SGD from w = V instead of 0 (the non-gradient"
          + " iteration still starts from 0)")
  private @Nullable String sgdStartText;

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

  @Option(names = "--exact", order = 13,
      description = "also replay the run on its own samples in exact rational arithmetic,"
          + " switching to apfloat when the iterate's numbers exceed --max-bits (with --support)")
  private boolean exactReplay;

  @Option(names = "--max-bits", paramLabel = "N", defaultValue = "4096", order = 14,
      description = "with --exact: the size (bits of the largest numerator or denominator) of the"
          + " exact iterate above which the replay continues in apfloat, 64 to 1000000"
          + " (default: ${DEFAULT-VALUE})")
  private int maxBits = 4096;

  @Option(names = "--precision", paramLabel = "P", defaultValue = "50", order = 15,
      description = "with --exact: the significant digits of the apfloat part, 20 to 10000"
          + " (default: ${DEFAULT-VALUE})")
  private long precision = 50;

  /** The poisoning as given: exact beta and theta, and the attack. */
  static final class Poison {
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
    Integer rr = runs;
    if (rr != null && (rr < 1 || rr > MAX_RUNS)) {
      throw new ParameterException(
          commandLine(), "--runs is " + rr + ", expected a number of runs from 1 to " + MAX_RUNS);
    }
    if (rr != null && (long) rr * steps * b > MAX_WORK) {
      throw new ParameterException(
          commandLine(), "--runs x --steps x --batch is " + ((long) rr * steps * b)
              + " samples, above the budget of " + MAX_WORK);
    }
    Rational width = bracketWidth();
    String spec = distributionText;
    if (spec != null && !supportFile.isEmpty()) {
      throw new ParameterException(
          commandLine(), "give either --support or --distribution, not both");
    }
    if (spec != null && (samplesOut != null || iteratesOut != null || compareSgd
        || asymmetric || exactReplay)) {
      throw new ParameterException(
          commandLine(), "--samples-out, --iterates-out, --compare-sgd, --asymmetric and --exact"
              + " need --support (a finite distribution)");
    }
    if (maxBits < 64 || maxBits > 1_000_000) {
      throw new ParameterException(
          commandLine(), "--max-bits is " + maxBits + ", expected 64 to 1000000");
    }
    if (precision < 20 || precision > 10_000) {
      throw new ParameterException(
          commandLine(), "--precision is " + precision + ", expected 20 to 10000 digits");
    }
    if (spec != null) {
      return callSampled(spec, b, givenEta, poison, width, rr == null ? 1 : rr);
    }
    @Nullable Path csv = outputPath(csvFile);
    @Nullable Path plot = outputPath(plotFile);
    @Nullable Path idxOut = outputPath(samplesOut);
    @Nullable Path itOut = outputPath(iteratesOut);
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
    double etaDouble = doubleStep(eta);
    GateIteration.@Nullable Poisoning poisoning = doublePoisoning(poison);
    double[] w1 = new double[s.dist.dimension()];
    GateIteration.DoubleRun run =
        GateIteration.runDouble(s.dist, wStar, etaDouble, b, steps, seed,
            GateIteration.Rule.NON_GRADIENT, w1, poisoning);
    String startText = sgdStartText;
    if (startText != null && !compareSgd) {
      throw new ParameterException(commandLine(), "--sgd-start needs --compare-sgd");
    }
    double[] sgdStart =
        startText == null
            ? w1
            : toDoubles(GateSetup.vector(
                commandLine(), "--sgd-start", startText, s.dist.dimension(), s.source));
    GateIteration.@Nullable DoubleRun sgd =
        compareSgd
            ? GateIteration.runDouble(s.dist, wStar, etaDouble, b, steps, seed,
                GateIteration.Rule.SGD, sgdStart, poisoning)
            : null;
    @Nullable GateExactRun replay =
        exactReplay
            ? GateExactRun.run(s.dist, wStar, eta, b, run.indices(),
                GateIteration.Rule.NON_GRADIENT,
                poisoning == null ? null : GateIteration.exactNoise(run), maxBits, precision)
            : null;
    Rational wStarSq = QVectors.normSquared(wStar);
    @Nullable Rational factor = c == null ? null : c.factor(eta);
    String @Nullable [] bound = factor == null ? null : bounds(factor, wStarSq, steps);
    @Nullable @HypothesesChecked GateInstance inst = s.instance;
    @Nullable GatePoisoning pb =
        poison == null || inst == null
            ? null
            : GatePoisoning.of(inst, eta, b, poison.beta, poison.theta);
    @Nullable GateMcReport mc = null;
    if (rr != null) {
      String @Nullable [] mcBound = bound;
      String kind = "theorem's bound q^T ||w*||^2";
      if (poison != null) {
        mcBound = pb != null && pb.applies() ? bounds(pb.rho(), wStarSq, pb.floor(), steps) : null;
        kind = "poisoned bound rho'^T ||w*||^2 + floor";
      }
      @Nullable Rational range =
          poison == null ? GateMonteCarlo.hoeffdingRange(s.dist, wStar, eta) : null;
      mc = GateMcReport.compute(GateMonteCarlo.of(s.dist), toDoubles(wStar), etaDouble, b, steps,
          rr, seed, poisoning, range, mcBound, kind, noBound(c, pb), null);
    }
    Result r = new Result(s, wStar, wStarSq, b, eta, givenEta == null, c, factor, poison, run,
        sgd, bound, pb, mc);
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
      ObjectNode o = json(r);
      if (replay != null) {
        o.set("exactReplay", replayJson(replay, run));
      }
      out().println(ResultJson.write(o));
    } else {
      report(out(), r);
      if (replay != null) {
        replayReport(out(), replay, run);
      }
    }
    String why = mc == null ? null : mc.failure(steps);
    return why == null ? Main.OK : failed(why);
  }

  /** The step in double for the double runs; a usage error if it is not positive and finite. */
  private double doubleStep(Rational eta) {
    double etaDouble = GateIteration.toDouble(eta);
    if (!(etaDouble > 0) || Double.isInfinite(etaDouble)) {
      throw new ParameterException(
          commandLine(), "--eta is " + Rationals.format(eta) + ", which is not a positive"
              + " finite double (the run is in double arithmetic)");
    }
    return etaDouble;
  }

  /** The poisoning of the double runs (beta and theta rounded to double), or null. */
  private static GateIteration.@Nullable Poisoning doublePoisoning(@Nullable Poison poison) {
    return poison == null
        ? null
        : new GateIteration.Poisoning(
            GateIteration.toDouble(poison.beta), GateIteration.toDouble(poison.theta),
            poison.attack);
  }

  // ---- the exact replay (--exact) ----

  /** How the replay was computed, in words. */
  private static String replayArithmetic(GateExactRun x) {
    return x.switchedAt() < 0
        ? "exact rationals for every iterate"
        : "exact rationals for w_1..w_" + (x.switchedAt() + 1) + ", then apfloat at "
            + x.precision() + " digits from w_" + (x.switchedAt() + 2) + " on (ESTIMATES: the"
            + " exact numbers outgrew --max-bits)";
  }

  /**
   * The largest difference of the double run's {@code ||w_t - w*||^2} from the replay's, relative
   * to {@code ||w_1 - w*||^2 = ||w*||^2} (near w* the distances themselves fall below double's
   * rounding of the iterates, so a difference relative to each distance would mean nothing).
   */
  private static double replayDeviation(GateExactRun x, GateIteration.DoubleRun run) {
    double[] dd = run.squaredDistances();
    double scale = Math.max(x.distanceSquared(0).doubleValue(), Double.MIN_NORMAL);
    double worst = 0;
    for (int t = 0; t < dd.length; t++) {
      worst = Math.max(worst, Math.abs(dd[t] - x.distanceSquared(t).doubleValue()) / scale);
    }
    return worst;
  }

  private static ObjectNode replayJson(GateExactRun x, GateIteration.DoubleRun run) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    int last = x.iterates() - 1;
    o.put("arithmetic", replayArithmetic(x));
    if (x.switchedAt() < 0) {
      o.putNull("apfloatFromIterate");
    } else {
      o.put("apfloatFromIterate", x.switchedAt() + 2);
    }
    o.put("precision", x.precision());
    Rational exact = x.exactDistanceSquared(last);
    if (exact == null) {
      o.putNull("finalDistanceSquared");
    } else {
      o.set("finalDistanceSquared", ResultJson.rational(exact));
    }
    o.put("finalDistanceSquaredDecimal", x.distanceSquared(last).toString(true));
    o.put("doubleDeviationRelativeToWStar", replayDeviation(x, run));
    return o;
  }

  private static void replayReport(PrintWriter out, GateExactRun x, GateIteration.DoubleRun run) {
    int last = x.iterates() - 1;
    out.println("exact replay of the same samples:");
    out.println(TextReport.label("arithmetic") + replayArithmetic(x));
    Rational exact = x.exactDistanceSquared(last);
    out.println(TextReport.label("final") + "||w_" + (last + 1) + " - w*||^2 = "
        + (exact == null
            ? "~ " + x.distanceSquared(last).toString(true) + " (apfloat)"
            : (Rationals.format(exact).length() <= 60
                ? TextReport.exactAndDecimal(exact)
                : "~ " + Rationals.decimal(exact, 20) + " (exact in --json)")));
    out.println(TextReport.label("double") + "largest |double - replay| of ||w_t - w*||^2, relative to"
        + " ||w*||^2: " + String.format(java.util.Locale.ROOT, "%.3g", replayDeviation(x, run)));
  }

  // ---- sampled families (--distribution) ----

  /**
   * The run on a sampled family: R Monte Carlo runs (R = 1 without --runs) of the double iteration
   * beside the bound; the hypotheses are checked on the exact closed-form moments.
   */
  private int callSampled(String spec, int b, @Nullable Rational givenEta,
      @Nullable Poison poison, Rational width, int r) {
    @Nullable Path csv = outputPath(csvFile);
    @Nullable Path plot = outputPath(plotFile);
    SampledDistribution dist = GateDistributionSpec.parse(commandLine(), spec);
    int d = dist.dimension();
    int k = wStarText.split(",", -1).length;
    if (k != d) {
      throw new ParameterException(
          commandLine(), "--w-star has " + TextReport.plural(k, "coordinate")
              + ", but the distribution " + spec + " has dimension " + d);
    }
    Rational[] wStar = GateSetup.vector(commandLine(), "--w-star", wStarText, d, spec);
    GateHypotheses.SpectralBounds sb = GateHypotheses.spectralBounds(dist, width);
    @Nullable @HypothesesChecked SampledInstance inst = null;
    @Nullable HypothesisFailedException failure = null;
    try {
      inst = GateHypotheses.checkSampled(dist, width);
    } catch (HypothesisFailedException e) {
      failure = e;
    }
    @Nullable GateConstants c = inst == null ? null : GateHypotheses.constants(inst, b);
    Rational eta;
    if (givenEta != null) {
      eta = givenEta;
    } else if (c != null) {
      eta = c.eta();
    } else {
      return failed(String.valueOf(failure == null ? "" : failure.getMessage())
          + "; the theorem's step size L/(2 c_b) needs the hypotheses, give --eta to run"
          + " anyway (the control)");
    }
    double etaDouble = doubleStep(eta);
    GateIteration.@Nullable Poisoning poisoning = doublePoisoning(poison);
    Rational wStarSq = QVectors.normSquared(wStar);
    @Nullable Rational factor = c == null ? null : c.factor(eta);
    @Nullable GatePoisoning pb =
        poison == null || inst == null
            ? null
            : GatePoisoning.of(inst, eta, b, poison.beta, poison.theta);
    String @Nullable [] bound;
    String kind;
    if (poison == null) {
      bound = factor == null ? null : bounds(factor, wStarSq, steps);
      kind = "theorem's bound q^T ||w*||^2";
    } else {
      bound = pb != null && pb.applies() ? bounds(pb.rho(), wStarSq, pb.floor(), steps) : null;
      kind = "poisoned bound rho'^T ||w*||^2 + floor";
    }
    @Nullable Double lambdaMin = null;
    if (poison != null && poison.attack == GateIteration.Attack.WORST_CASE
        && dist.isCenteredGaussian() && inst != null) {
      lambdaMin = GateIteration.toDouble(
          sb.lambdaMin().lower().add(sb.lambdaMin().upper()).divide(2));
    }
    GateMcReport mc = GateMcReport.compute(GateMonteCarlo.of(dist), toDoubles(wStar), etaDouble,
        b, steps, r, seed, poisoning, null, bound, kind, noBound(c, pb), lambdaMin);
    double[] mean = mc.runs.meanSquaredDistance();
    if (csv != null) {
      StringBuilder sbf = new StringBuilder("step,meanDistanceSquared,bound\n");
      for (int t = 0; t <= steps; t++) {
        sbf.append(t).append(',').append(mean[t]).append(',')
            .append(bound == null ? "" : bound[t]).append('\n');
      }
      OutputFiles.writeText(csv, sbf.toString());
    }
    if (plot != null) {
      List<GatePlot.Line> lines = new ArrayList<>();
      lines.add(new GatePlot.Line("mean over " + r + " runs (double, estimate)", mean, false));
      if (bound != null) {
        double[] bd = new double[bound.length];
        for (int t = 0; t < bd.length; t++) {
          bd[t] = boundDouble(bound[t]);
        }
        lines.add(new GatePlot.Line(kind + " [derived]", bd, true));
      }
      try {
        OutputFiles.writeBytes(plot, GatePlot.png("T2 gate: " + dist.describe() + ", b = " + b
            + ", eta = " + Rationals.decimal(eta, 6), lines));
      } catch (IllegalArgumentException e) {
        throw new InputException("the plot is empty: " + e.getMessage(), e);
      }
    }
    if (json) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("command", "gate run");
      o.put("distribution", spec);
      o.put("family", dist.family().name().toLowerCase(java.util.Locale.ROOT));
      o.put("description", dist.describe());
      o.put("dimension", d);
      o.put("symmetric", dist.isSymmetric());
      o.put("symmetry", "by construction");
      o.put("hypothesesHold", inst != null);
      ArrayNode fs = o.putArray("failures");
      if (failure != null) {
        for (HypothesisFailedException.Failure x : failure.failures()) {
          ObjectNode e = fs.addObject();
          e.put("hypothesis", x.hypothesis());
          e.put("message", x.message());
        }
      }
      o.set("m2", ResultJson.rational(dist.m2()));
      o.set("lambdaMinLower", ResultJson.rational(sb.lambdaMin().lower()));
      o.set("lambdaMaxUpper", ResultJson.rational(sb.lambdaMax().upper()));
      o.set("lambda4Upper", ResultJson.rational(sb.lambda4().upper()));
      o.put("moments", "exact closed forms [derived]");
      o.set("wStar", ResultJson.vector(wStar));
      o.set("wStarNormSquared", ResultJson.rational(wStarSq));
      o.put("batch", b);
      o.set("eta", ResultJson.rational(eta));
      o.put("etaSource", givenEta == null ? "theorem" : "option");
      o.put("constants", "derived");
      if (factor == null) {
        o.putNull("factor");
        o.putNull("contracting");
      } else {
        o.set("factor", ResultJson.rational(factor));
        o.put("contracting", factor.compareTo(Rational.ONE) < 0);
      }
      if (poison == null) {
        o.putNull("poison");
      } else {
        ObjectNode po = o.putObject("poison");
        po.set("beta", ResultJson.rational(poison.beta));
        po.set("theta", ResultJson.rational(poison.theta));
        po.put("attack", poison.name);
        GateMcReport.poisonJson(po, pb);
      }
      o.put("steps", steps);
      o.put("seed", seed);
      o.put("runs", r);
      o.put("arithmetic", "double: every Monte Carlo value is an estimate");
      o.put("finalMeanDistanceSquared", mean[steps]);
      if (bound == null) {
        o.putNull("finalBound");
      } else {
        o.put("finalBound", bound[steps]);
      }
      o.set("monteCarlo", mc.json(steps));
      ResultJson.putText(o, "csv", csvFile);
      ResultJson.putText(o, "plot", plotFile);
      out().println(ResultJson.write(o));
    } else {
      PrintWriter out = out();
      out.println("gate run on " + spec);
      out.println(TextReport.label("distribution") + dist.describe() + "; samples drawn in double"
          + " (SplittableRandom, seed " + seed + ")");
      out.println(TextReport.label("symmetry") + (dist.isSymmetric()
          ? "(A1) holds by construction" : "(A1) FAILS by construction (the control)"));
      out.println(TextReport.label("moments") + "m_2 = E||x||^2 = "
          + TextReport.exactAndDecimal(dist.m2()) + "; Sigma, E[||x||^2 xx'] exact closed forms"
          + " [derived]");
      out.println(TextReport.label("L") + TextReport.exactAndDecimal(sb.lambdaMin().lower())
          + " <= lambda_min(Sigma)  (certified)");
      out.println(TextReport.label("U") + TextReport.exactAndDecimal(sb.lambdaMax().upper())
          + " >= lambda_max(Sigma)  (certified)");
      out.println(TextReport.label("U4") + TextReport.exactAndDecimal(sb.lambda4().upper())
          + " >= lambda_4  (certified)");
      out.println(TextReport.label("hypotheses") + (failure == null
          ? "hold" : "FAIL: " + failure.getMessage()));
      out.println(TextReport.label("w*") + TextReport.exact(wStar) + ", ||w*||^2 = "
          + TextReport.exactAndDecimal(wStarSq));
      out.println(TextReport.label("eta") + TextReport.exactAndDecimal(eta) + (givenEta == null
          ? "  the theorem's step L/(2 c_b) from the certified bounds [derived]"
          : "  given with --eta"));
      out.println(TextReport.label("batch") + b);
      if (factor != null) {
        out.println(TextReport.label("bound") + "E||w_{t+1} - w*||^2 <= q^t ||w*||^2, q = "
            + TextReport.exactAndDecimal(factor) + "  [derived]");
      }
      if (poison != null) {
        out.println(TextReport.label("poisoning") + "beta* = " + Rationals.format(poison.beta)
            + ", theta* = " + Rationals.format(poison.theta) + ", attack " + poison.name);
      }
      if (pb != null) {
        GateMcReport.poisonReport(out, pb);
      }
      out.println(TextReport.label("run") + steps + " steps, " + r + " runs, double arithmetic:"
          + " every mean below is an ESTIMATE");
      out.println(String.format("  %8s  %-24s  %-24s", "t", "mean ||w_{t+1}-w*||^2", "bound"));
      for (int t : tableSteps(steps)) {
        out.println(String.format("  %8d  %-24s  %-24s", t, Double.toString(mean[t]),
            bound == null ? "-" : bound[t]));
      }
      mc.report(out, steps);
      if (csvFile != null) {
        out.println(TextReport.label("csv") + csvFile);
      }
      if (plotFile != null) {
        out.println(TextReport.label("plot") + plotFile);
      }
    }
    String why = mc.failure(steps);
    return why == null ? Main.OK : failed(why);
  }

  /** Why there is no bound to compare the Monte Carlo mean with. */
  private static String noBound(@Nullable GateConstants c, @Nullable GatePoisoning pb) {
    if (c == null) {
      return "it needs the hypotheses";
    }
    if (pb != null && !pb.applies()) {
      return "the poisoned bound needs eta <= L/(8 c_b) = " + Rationals.format(pb.etaLimit())
          + " (give --eta)";
    }
    return "none";
  }

  private static double[] toDoubles(Rational[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = GateIteration.toDouble(v[i]);
    }
    return d;
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
    final @Nullable GatePoisoning poisonBound;
    final @Nullable GateMcReport mc;

    Result(GateSetup s, Rational[] wStar, Rational wStarSq, int b, Rational eta,
        boolean theoremEta, @Nullable GateConstants c, @Nullable Rational factor,
        @Nullable Poison poison, GateIteration.DoubleRun run,
        GateIteration.@Nullable DoubleRun sgd, String @Nullable [] bound,
        @Nullable GatePoisoning poisonBound, @Nullable GateMcReport mc) {
      this.poisonBound = poisonBound;
      this.mc = mc;
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
    return bounds(q, wStarSq, Rational.ZERO, steps);
  }

  /** {@code q^t ||w*||^2 + offset} for t = 0..T, as {@link #bounds(Rational, Rational, int)}. */
  static String[] bounds(Rational q, Rational wStarSq, Rational offset, int steps) {
    BigDecimal qd = decimal(q);
    BigDecimal v = decimal(wStarSq);
    BigDecimal off = decimal(offset);
    String[] out = new String[steps + 1];
    for (int t = 0; t <= steps; t++) {
      out[t] = text(v.add(off, WORK));
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
      lines.add(new GatePlot.Line("SGD from w = " + (isZero(sgd.iterates()[0]) ? "0"
          : java.util.Arrays.toString(sgd.iterates()[0])) + " (double)", sgd.squaredDistances(),
          false));
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

  /** Whether every iterate of the run is exactly the zero vector. */
  private static boolean neverMoved(GateIteration.DoubleRun run) {
    for (double[] w : run.iterates()) {
      if (!isZero(w)) {
        return false;
      }
    }
    return true;
  }

  /** Whether every coordinate is exactly zero (an exact property of the double values). */
  private static boolean isZero(double[] w) {
    for (double x : w) {
      if (Math.abs(x) > 0) {
        return false;
      }
    }
    return true;
  }

  private void report(PrintWriter out, Result r) {
    out.println("gate run on " + r.s.source);
    r.s.describe(out);
    String failure = r.s.failureMessage();
    out.println(TextReport.label("hypotheses") + (failure == null ? "hold" : "FAIL: " + failure));
    out.println(TextReport.label("w*") + TextReport.exact(r.wStar) + ", ||w*||^2 = "
        + TextReport.exactAndDecimal(r.wStarSq));
    out.println(TextReport.label("eta") + TextReport.exactAndDecimal(r.eta)
        + (r.theoremEta
            ? "  the theorem's step L/(2 c_b) from the certified bounds [derived]"
            : "  given with --eta (run in double as "
                + GateIteration.toDouble(r.eta) + ")"));
    out.println(TextReport.label("batch") + r.b);
    Rational q = r.factor;
    if (q == null) {
      out.println(TextReport.label("bound") + "absent: it needs the hypotheses");
    } else {
      out.println(TextReport.label("bound") + "E||w_{t+1} - w*||^2 <= q^t ||w*||^2, q = "
          + (r.theoremEta ? "rho_b = " : "1 - eta L + eta^2 c_b = ")
          + TextReport.exactAndDecimal(q) + "  [derived]"
          + (q.compareTo(Rational.ONE) < 0 ? "" : "  (q >= 1: this step does not contract)"));
    }
    Poison p = r.poison;
    out.println(TextReport.label("poisoning") + (p == null
        ? "none"
        : "beta* = " + Rationals.format(p.beta) + ", theta* = " + Rationals.format(p.theta)
            + ", attack " + p.name + "; the bound is the clean-label bound, for reference"
            + " only"));
    GatePoisoning pb = r.poisonBound;
    if (pb != null) {
      GateMcReport.poisonReport(out, pb);
    }
    out.println(TextReport.label("run") + steps + " steps, seed " + seed
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
    if (sgd != null && isZero(sgd.iterates()[0])) {
      out.println(TextReport.label("SGD") + (neverMoved(sgd)
          ? "from w = 0 on the same samples it never moved: w = 0 after all " + steps
              + " steps (every gradient carries 1{w.x > 0} = 0)"
          : "from w = 0 it moved (unexpected: please report it)"));
    } else if (sgd != null) {
      out.println(TextReport.label("SGD") + "from w = " + java.util.Arrays.toString(sgd.iterates()[0])
          + " on the same samples: ||w_" + (steps + 1) + " - w*||^2 = " + sgdSq[steps]
          + " against the non-gradient iteration's " + sq[steps] + " from w = 0");
    }
    GateMcReport mc = r.mc;
    if (mc != null) {
      mc.report(out, steps);
    }
    if (csvFile != null) {
      out.println(TextReport.label("csv") + csvFile);
    }
    if (plotFile != null) {
      out.println(TextReport.label("plot") + plotFile);
    }
    if (samplesOut != null) {
      out.println(TextReport.label("samples") + samplesOut);
    }
    if (iteratesOut != null) {
      out.println(TextReport.label("iterates") + iteratesOut);
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
      GateMcReport.poisonJson(po, r.poisonBound);
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
      o.putNull("sgdStart");
      o.putNull("sgdNeverMoved");
    } else {
      ArrayNode start = o.putArray("sgdStart");
      for (double x : sgd.iterates()[0]) {
        start.add(x);
      }
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
    ResultJson.putText(o, "csv", csvFile);
    ResultJson.putText(o, "plot", plotFile);
    ResultJson.putText(o, "samplesOut", samplesOut);
    ResultJson.putText(o, "iteratesOut", iteratesOut);
    GateMcReport mc = r.mc;
    if (mc != null) {
      o.set("monteCarlo", mc.json(steps));
    }
    return o;
  }
}
