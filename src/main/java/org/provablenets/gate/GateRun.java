package org.provablenets.gate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.linalg.QVectors;
import org.provablenets.qual.HypothesesChecked;

/**
 * The run service of T2 (what {@code provnets gate run} calls): the iteration from {@code w_1 =
 * 0} in {@code double} beside the theorem's bound, on either kind of distribution ({@link
 * Moments}).
 *
 * <ul>
 *   <li>the bound [derived]: {@code E||w_{t+1} - w*||^2 <= q^t ||w*||^2}, {@code q = 1 - eta L +
 *       eta^2 c_b} from the certified constants ({@link GateConstants#factor}; {@code q = rho_b}
 *       for the theorem's step), and with poisoning {@code rho'^t ||w*||^2 + floor} when {@code
 *       eta <= L/(8 c_b)} ({@link GatePoisoning}); both as 17-digit decimals ({@link #decimals});
 *   <li>{@link #finite}: one trajectory with {@code new Random(seed)} ({@link
 *       GateIteration#runDouble}), optionally SGD on the same samples, an exact replay ({@link
 *       GateExactRun}) and a Monte Carlo over R runs (Hoeffding when the a-priori range holds);
 *   <li>{@link #sampled}: a Monte Carlo over R runs (fixed seed), with the worst-case bias check
 *       on centred Gaussian data.
 * </ul>
 *
 * <p><b>Accuracy.</b> The bounds are exact rationals shown to 17 digits; every run is an estimate.
 * <b>Cost.</b> O(T b d) per run, O(T b d) exact operations (growing numbers) for the replay.
 */
public final class GateRun {
  private GateRun() {}

  private static final MathContext WORK = new MathContext(40, RoundingMode.HALF_EVEN);
  private static final MathContext SHOWN = new MathContext(17, RoundingMode.HALF_EVEN);

  /** The poisoning as given: exact beta* and theta*, the attack and its name. */
  public record Poison(Rational beta, Rational theta, GateIteration.Attack attack, String name) {
    /** beta* and theta* rounded to double, for the double runs. */
    public GateIteration.Poisoning inDouble() {
      return new GateIteration.Poisoning(
          beta.toDouble(), theta.toDouble(), attack);
    }
  }

  /**
   * What to run: w*, the batch b, the step (the theorem's, or given), T, the seed, the poisoning
   * and the number R of Monte Carlo runs (0: none).
   */
  public record Plan(Rational[] wStar, int batch, Rational eta, boolean theoremEta, int steps,
      long seed, @Nullable Poison poison, int runs) {
    /** The step in double (positive and finite: the caller checks). */
    public double etaDouble() {
      return eta.toDouble();
    }

    /** The poisoning in double, or {@code null}. */
    public GateIteration.@Nullable Poisoning poisoning() {
      Poison p = poison;
      return p == null ? null : p.inDouble();
    }

    /** w* rounded to double. */
    public double[] wStarDouble() {
      double[] d = new double[wStar.length];
      for (int i = 0; i < d.length; i++) {
        d[i] = wStar[i].toDouble();
      }
      return d;
    }
  }

  /**
   * The theorem's side of a run: {@code ||w*||^2}, the factor q (null without the hypotheses),
   * the clean bound {@code q^t ||w*||^2}, the poisoning bounds, and the bound the Monte Carlo
   * compares with (the clean one, or the poisoned one with poisoning), with why it may be absent.
   */
  public record Bounds(Rational wStarNormSquared, @Nullable Rational factor,
      String @Nullable [] clean, @Nullable GatePoisoning poisoning, String @Nullable [] compared,
      GateMcCheck.BoundKind kind, GateMcCheck.NoBound noBound) {
    /** Whether q &lt; 1, or {@code null} without the hypotheses. */
    public @Nullable Boolean contracting() {
      Rational q = factor;
      return q == null ? null : q.compareTo(Rational.ONE) < 0;
    }
  }

  /**
   * A run on a finite support: the trajectory, SGD (or null), the exact replay (or null) and the
   * Monte Carlo (or null).
   */
  public record Finite(GateAssessment<FiniteDistribution> setup, Plan plan, Bounds bounds,
      GateIteration.DoubleRun run, GateIteration.@Nullable DoubleRun sgd,
      @Nullable GateExactRun replay, @Nullable GateMcCheck monteCarlo) {
    /** Whether SGD started at exactly 0 (where every gradient vanishes). */
    public boolean sgdFromZero() {
      GateIteration.DoubleRun s = sgd;
      return s != null && isZero(s.iterates()[0]);
    }

    /** Whether every SGD iterate is exactly the zero vector (false without SGD). */
    public boolean sgdNeverMoved() {
      GateIteration.DoubleRun s = sgd;
      if (s == null) {
        return false;
      }
      for (double[] w : s.iterates()) {
        if (!isZero(w)) {
          return false;
        }
      }
      return true;
    }

    /**
     * The largest difference of the double run's {@code ||w_t - w*||^2} from the replay's,
     * relative to {@code ||w_1 - w*||^2 = ||w*||^2} (near w* the distances themselves fall below
     * double's rounding of the iterates, so a difference relative to each distance would mean
     * nothing); NaN without a replay.
     */
    public double replayDeviation() {
      GateExactRun x = replay;
      if (x == null) {
        return Double.NaN;
      }
      double[] dd = run.squaredDistances();
      double scale = Math.max(x.distanceSquared(0).doubleValue(), Double.MIN_NORMAL);
      double worst = 0;
      for (int t = 0; t < dd.length; t++) {
        worst = Math.max(worst, Math.abs(dd[t] - x.distanceSquared(t).doubleValue()) / scale);
      }
      return worst;
    }
  }

  /** A Monte Carlo run on a sampled family. */
  public record Sampled(
      GateAssessment<SampledDistribution> setup, Plan plan, Bounds bounds, GateMcCheck monteCarlo) {}

  /** Whether every coordinate is exactly zero (an exact property of the double values). */
  public static boolean isZero(double[] w) {
    for (double x : w) {
      if (Math.abs(x) > 0) {
        return false;
      }
    }
    return true;
  }

  /** The bounds of a plan on a distribution whose hypotheses were checked (or failed). */
  public static Bounds bounds(GateAssessment<?> setup, Plan p) {
    Rational wStarSq = QVectors.normSquared(p.wStar());
    GateConstants c = setup.constants(p.batch());
    @Nullable Rational factor = c == null ? null : c.factor(p.eta());
    String @Nullable [] clean =
        factor == null ? null : decimals(factor, wStarSq, Rational.ZERO, p.steps());
    @Nullable @HypothesesChecked CertifiedSpectrum<?> inst = setup.instance();
    Poison poison = p.poison();
    @Nullable GatePoisoning pb =
        poison == null || inst == null
            ? null
            : GatePoisoning.of(inst, p.eta(), p.batch(), poison.beta(), poison.theta());
    if (poison == null) {
      return new Bounds(wStarSq, factor, clean, null, clean, GateMcCheck.BoundKind.THEOREM,
          noBound(c, null));
    }
    String @Nullable [] poisoned =
        pb != null && pb.applies() ? decimals(pb.rho(), wStarSq, pb.floor(), p.steps()) : null;
    return new Bounds(wStarSq, factor, clean, pb, poisoned, GateMcCheck.BoundKind.POISONED,
        noBound(c, pb));
  }

  private static GateMcCheck.NoBound noBound(
      @Nullable GateConstants c, @Nullable GatePoisoning pb) {
    if (c == null) {
      return GateMcCheck.NoBound.NEEDS_HYPOTHESES;
    }
    if (pb != null && !pb.applies()) {
      return GateMcCheck.NoBound.NEEDS_SMALLER_STEP;
    }
    return GateMcCheck.NoBound.NONE;
  }

  /**
   * The run on a finite support.
   *
   * @param sgdStart the start of SGD on the same samples, or {@code null} for no SGD
   * @param replay whether to replay the run exactly ({@link GateExactRun})
   * @param maxBits with replay: the size above which the replay continues in apfloat
   * @param precision with replay: the digits of the apfloat part
   */
  public static Finite finite(GateAssessment<FiniteDistribution> setup, Plan p,
      double @Nullable [] sgdStart, boolean replay, long maxBits, long precision) {
    FiniteDistribution dist = setup.distribution();
    GateIteration.@Nullable Poisoning poisoning = p.poisoning();
    double[] w1 = new double[dist.dimension()];
    GateIteration.DoubleRun run =
        GateIteration.runDouble(dist, p.wStar(), p.etaDouble(), p.batch(), p.steps(), p.seed(),
            GateIteration.Rule.NON_GRADIENT, w1, poisoning);
    GateIteration.@Nullable DoubleRun sgd =
        sgdStart == null
            ? null
            : GateIteration.runDouble(dist, p.wStar(), p.etaDouble(), p.batch(), p.steps(),
                p.seed(), GateIteration.Rule.SGD, sgdStart, poisoning);
    @Nullable GateExactRun exact =
        replay
            ? GateExactRun.run(dist, p.wStar(), p.eta(), p.batch(), run.indices(),
                GateIteration.Rule.NON_GRADIENT,
                poisoning == null ? null : GateIteration.exactNoise(run), maxBits, precision)
            : null;
    Bounds bounds = bounds(setup, p);
    @Nullable GateMcCheck mc = null;
    if (p.runs() > 0) {
      @Nullable Rational range =
          p.poison() == null ? GateMonteCarlo.hoeffdingRange(dist, p.wStar(), p.eta()) : null;
      mc = monteCarlo(dist, p, bounds, range, null);
    }
    return new Finite(setup, p, bounds, run, sgd, exact, mc);
  }

  /** The Monte Carlo on a sampled family (R = {@code p.runs()} runs, at least 1). */
  public static Sampled sampled(GateAssessment<SampledDistribution> setup, Plan p) {
    SampledDistribution dist = setup.distribution();
    Bounds bounds = bounds(setup, p);
    Poison poison = p.poison();
    @Nullable Double lambdaMin = null;
    if (poison != null && poison.attack() == GateIteration.Attack.WORST_CASE
        && dist.isCenteredGaussian() && setup.instance() != null) {
      GateHypotheses.SpectralBounds sb = setup.bounds();
      lambdaMin = (
          sb.lambdaMin().lower().add(sb.lambdaMin().upper()).divide(2)).toDouble();
    }
    return new Sampled(setup, p, bounds, monteCarlo(dist, p, bounds, null, lambdaMin));
  }

  private static GateMcCheck monteCarlo(Moments dist, Plan p, Bounds bounds,
      @Nullable Rational range, @Nullable Double lambdaMin) {
    return GateMcCheck.compute(GateMonteCarlo.of(dist), p.wStarDouble(), p.etaDouble(),
        p.batch(), p.steps(), p.runs(), p.seed(), p.poisoning(), range, bounds.compared(),
        bounds.kind(), bounds.noBound(), lambdaMin);
  }

  /**
   * {@code q^t ||w*||^2 + offset} for t = 0..T as 17-digit decimals: computed with 40 significant
   * digits (relative error below T 10^-39, far below the 17 digits shown), never underflowing.
   */
  public static String[] decimals(Rational q, Rational wStarSq, Rational offset, int steps) {
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

  /** 17 significant digits, plain unless very large or small (as {@code Rationals.decimal}). */
  static String text(BigDecimal x) {
    if (x.signum() == 0) {
      return "0";
    }
    BigDecimal v = x.round(SHOWN).stripTrailingZeros();
    int magnitude = v.precision() - v.scale();
    return magnitude > -6 && magnitude <= 21 ? v.toPlainString() : v.toString();
  }
}
