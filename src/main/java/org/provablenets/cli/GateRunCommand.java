package org.provablenets.cli;

import java.nio.file.Path;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.gate.GateAssessment;
import org.provablenets.gate.GateConstants;
import org.provablenets.gate.GateIteration;
import org.provablenets.gate.GateRun;
import org.provablenets.gate.SampledDistribution;
import org.provablenets.io.OutputFiles;
import org.provablenets.io.ResultJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code provnets gate run}: a trajectory of the iteration from {@code w_1 = 0} in {@code double}
 * (the fast path, {@link GateIteration#runDouble}; every distance it reports is an estimate) with
 * seeded sampling, beside the theorem's bound {@code q^t ||w*||^2} computed from the exact factor
 * q (= rho_b for the theorem's step), optionally with label poisoning, SGD on the same samples,
 * a CSV table and a PNG plot.
 *
 * <p>The shape of every command: parse the options, call the run service {@link GateRun} (every
 * theorem quantity is computed there), and render: text {@link GateRunText}, JSON {@link
 * GateRunJson}, files {@link GateRunFiles} (the CSV format is described there).
 *
 * <p>JSON fields, in this order: {@code command, support, rows, points, dimension, symmetrised,
 * hypothesesHold, failures, wStar, wStarNormSquared, batch, eta, etaSource, constants, factor,
 * contracting, poison, steps, seed, arithmetic, finalDistanceSquared, finalBound, sgdStart,
 * sgdNeverMoved,
 * distanceSquared, bound, sgdDistanceSquared, csv, plot, files.samplesOut, files.iteratesOut}, then {@code
 * monteCarlo} with {@code --runs} and {@code exactReplay} with {@code --exact}. With {@code
 * --poison} and the hypotheses, {@code poison} also has the [derived] {@code floor, etaLimit,
 * boundApplies, rho, meanNoiseNormSquaredUpper, biasBoundSquared, constants}.
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

  @Option(names = "--distribution", paramLabel = "SPEC", order = 1,
      description = "instead of --support: a sampled family, " + GateDistributionSpec.SYNTAX
          + " (see below)")
  private @Nullable String distributionText;

  @Option(names = "--runs", paramLabel = "R", order = 8,
      description = "Monte Carlo: R independent runs (1 to 100000); reports the mean"
          + " of ||w_{T+1} - w*||^2, its confidence interval and the verdict against the bound")
  private @Nullable Integer runs;

  @Mixin private GateWStar wStar = new GateWStar();

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

  @Mixin private GatePoisonOption poisonOption = new GatePoisonOption();

  @Mixin private GateRunOutputs files = new GateRunOutputs();

  @Option(names = "--compare-sgd", order = 8,
      description = "also run SGD from w = 0 on the same samples (it never moves)")
  private boolean compareSgd;

  @Option(names = "--sgd-start", paramLabel = "V", order = 8,
      description = "with --compare-sgd: start SGD from w = V instead of 0 (the non-gradient"
          + " iteration still starts from 0)")
  private @Nullable String sgdStartText;

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

  /** Runs, reports and writes the files; 0, or 1 if the step size cannot be derived. */
  @Override
  public Integer call() {
    int b = GateSetup.batch(commandLine(), batch);
    require(steps >= 1 && steps <= MAX_STEPS,
        "--steps is " + steps + ", expected a number of steps from 1 to " + MAX_STEPS);
    String et = etaText;
    @Nullable Rational givenEta =
        et == null ? null : GateSetup.positive(commandLine(), "--eta", et, "step size");
    GateRun.@Nullable Poison poison = poisonOption.parse(commandLine());
    Integer rr = runs;
    require(rr == null || (rr >= 1 && rr <= MAX_RUNS),
        "--runs is " + rr + ", expected a number of runs from 1 to " + MAX_RUNS);
    long work = rr == null ? 0 : (long) rr * steps * b;
    require(work <= MAX_WORK, "--runs x --steps x --batch is " + work
        + " samples, above the budget of " + MAX_WORK);
    Rational width = bracketWidth();
    String spec = distributionText;
    require(spec == null || supportFile.isEmpty(),
        "give either --support or --distribution, not both");
    require(spec == null || (files.samplesOut == null && files.iteratesOut == null && !compareSgd
        && !asymmetric && !exactReplay), "--samples-out, --iterates-out, --compare-sgd,"
        + " --asymmetric and --exact need --support (a finite distribution)");
    require(maxBits >= 64 && maxBits <= 1_000_000,
        "--max-bits is " + maxBits + ", expected 64 to 1000000");
    require(precision >= 20 && precision <= 10_000,
        "--precision is " + precision + ", expected 20 to 10000 digits");
    if (spec != null) {
      return callSampled(spec, b, givenEta, poison, width, rr == null ? 1 : rr);
    }
    @Nullable Path csv = outputPath(files.csvFile);
    @Nullable Path plot = outputPath(files.plotFile);
    @Nullable Path idxOut = outputPath(files.samplesOut);
    @Nullable Path itOut = outputPath(files.iteratesOut);
    GateSetup s = load(width);
    int d = s.dist.dimension();
    Rational[] ws = wStar.parse(commandLine(), d, s.source);
    @Nullable Rational eta = step(givenEta, s.checked.constants(b));
    if (eta == null) {
      return failed(s.failureMessage() + "; the theorem's step size L/(2 c_b) needs the"
          + " hypotheses, give --eta to run anyway");
    }
    doubleStep(eta);
    String startText = sgdStartText;
    require(startText == null || compareSgd, "--sgd-start needs --compare-sgd");
    double @Nullable [] sgdStart = compareSgd ? new double[d] : null;
    if (sgdStart != null && startText != null) {
      Rational[] v = GateSetup.vector(commandLine(), "--sgd-start", startText, d, s.source);
      for (int j = 0; j < d; j++) {
        sgdStart[j] = v[j].toDouble();
      }
    }
    GateRun.Plan plan = new GateRun.Plan(ws, b, eta, givenEta == null, steps, seed, poison,
        rr == null ? 0 : rr);
    GateRun.Finite r = GateRun.finite(s.checked, plan, sgdStart, exactReplay, maxBits, precision);
    if (csv != null) {
      OutputFiles.writeText(csv, GateRunFiles.csv(r));
    }
    if (plot != null) {
      OutputFiles.writeBytes(plot, GateRunFiles.plot(s.source, r));
    }
    if (idxOut != null) {
      OutputFiles.writeText(idxOut, GateRunFiles.samples(r.run()));
    }
    if (itOut != null) {
      OutputFiles.writeText(itOut, GateRunFiles.iterates(r.run()));
    }
    if (json) {
      out().println(ResultJson.write(
          GateRunJson.finite(s, r, files.csvFile, files.plotFile, files.samplesOut, files.iteratesOut)));
    } else {
      GateRunText.finite(out(), s, r, files.lines(true));
    }
    String why = GateRunText.failure(r.monteCarlo());
    return why == null ? Main.OK : failed(why);
  }

  /**
   * The run on a sampled family: R Monte Carlo runs (R = 1 without --runs) of the double iteration
   * beside the bound; the hypotheses are checked on the exact closed-form moments.
   */
  private int callSampled(String spec, int b, @Nullable Rational givenEta,
      GateRun.@Nullable Poison poison, Rational width, int r) {
    @Nullable Path csv = outputPath(files.csvFile);
    @Nullable Path plot = outputPath(files.plotFile);
    SampledDistribution dist = GateDistributionSpec.parse(commandLine(), spec);
    int d = dist.dimension();
    int k = wStar.text.split(",", -1).length;
    require(k == d, "--w-star has " + TextReport.plural(k, "coordinate")
        + ", but the distribution " + spec + " has dimension " + d);
    Rational[] ws = wStar.parse(commandLine(), d, spec);
    GateAssessment<SampledDistribution> a = GateAssessment.of(dist, width);
    @Nullable Rational eta = step(givenEta, a.constants(b));
    if (eta == null) {
      return failed(String.valueOf(a.failureMessage() == null ? "" : a.failureMessage())
          + "; the theorem's step size L/(2 c_b) needs the hypotheses, give --eta to run"
          + " anyway (the control)");
    }
    doubleStep(eta);
    GateRun.Sampled run =
        GateRun.sampled(a, new GateRun.Plan(ws, b, eta, givenEta == null, steps, seed, poison, r));
    if (csv != null) {
      OutputFiles.writeText(csv, GateRunFiles.csv(run));
    }
    if (plot != null) {
      OutputFiles.writeBytes(plot, GateRunFiles.plot(run));
    }
    if (json) {
      out().println(ResultJson.write(GateRunJson.sampled(spec, run, files.csvFile, files.plotFile)));
    } else {
      GateRunText.sampled(out(), spec, run, files.lines(false));
    }
    String why = GateRunText.failure(run.monteCarlo());
    return why == null ? Main.OK : failed(why);
  }

  /** The given step, else the theorem's (null when neither: the hypotheses fail). */
  private static @Nullable Rational step(@Nullable Rational given, @Nullable GateConstants c) {
    return given != null ? given : c == null ? null : c.eta();
  }

  /** A usage error (exit 2) with this sentence unless {@code ok}. */
  private void require(boolean ok, String sentence) {
    if (!ok) {
      throw new ParameterException(commandLine(), sentence);
    }
  }

  /** The step in double for the double runs; a usage error if it is not positive and finite. */
  private void doubleStep(Rational eta) {
    double etaDouble = eta.toDouble();
    require(etaDouble > 0 && !Double.isInfinite(etaDouble),
        "--eta is " + Rationals.format(eta) + ", which is not a positive finite double (the run"
            + " is in double arithmetic)");
  }
}
