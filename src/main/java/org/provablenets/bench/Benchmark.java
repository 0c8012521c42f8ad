package org.provablenets.bench;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.provablenets.cert.CertificateChecker;
import org.provablenets.erm.Dataset;
import org.provablenets.erm.ErmSolver;
import org.provablenets.erm.Loss;
import org.provablenets.erm.PatternSet;
import org.provablenets.erm.Patterns;
import org.provablenets.erm.Subproblems;
import org.provablenets.exact.Rational;
import org.provablenets.exact.hint.DoubleQp;
import org.provablenets.exact.hint.DoubleSimplex;
import org.provablenets.exact.lp.FilteredLpSolver;
import org.provablenets.exact.lp.LinearProgram;
import org.provablenets.exact.lp.LpResult;
import org.provablenets.exact.lp.LpSolver;
import org.provablenets.exact.qp.FilteredQpSolver;
import org.provablenets.exact.qp.QpResult;
import org.provablenets.exact.qp.QpSolver;
import org.provablenets.exact.qp.QuadraticProgram;

/**
 * The T1 benchmark: for one instance (D, n, w) of seeded random data, the cost per subproblem of
 * the certified exact path and of a plain {@code double} path over the same enumeration, measured
 * in the same run.
 *
 * <p>Certified exact per subproblem: build the QP exactly, solve it with {@link FilteredQpSolver}
 * (double-guided exact repair, exact fallback), and verify the entry's dual bound exactly ({@link
 * CertificateChecker#qpDualBound}). Plain double: build the QP in {@code double} and solve it with
 * Lemke's method in {@code double}, no certificate. The baseline: the exact Lemke solver without
 * the filter. For the absolute and hinge losses the same three paths run on the subproblem's LP
 * ({@link Loss.Linear#program}): {@link FilteredLpSolver} (a double simplex guesses the basis,
 * which is solved and checked exactly, with the exact simplex as fallback) followed by the exact
 * dual bound ({@link CertificateChecker#lpDualBound}); the LP built in {@code double} and solved
 * by {@link DoubleSimplex} to its optimal basis; and the exact two-phase simplex {@link
 * LpSolver} alone. All three are timed on the same sample of subproblems. Each path first runs untimed
 * over the sample, round robin over the instances, until {@link #WARM_UP_SECONDS} have passed and
 * every instance has had {@link #WARM_UP} solves (the exact Lemke baseline: three subproblems), to
 * let the JIT reach its steady state before any instance is timed; then {@link #PASSES}
 * rounds each time, for every instance in turn, one pass of the exact path and one of the double
 * path over the whole sample, back to back (in alternating order from round to round). Each
 * path's time per subproblem is its median pass over the sample size (the exact Lemke baseline:
 * one pass); the ratio is the median over the rounds of the ratio of the two adjacent passes.
 * Times are estimates (wall clock on a shared machine whose speed was seen to drift by half within
 * seconds: a fixed integer loop took 380 to 620 ms from run to run); the ratio of two passes timed
 * back to back cancels such drift, which the ratio of two medians taken over different
 * seconds would not.
 */
public final class Benchmark {
  private Benchmark() {}

  /**
   * One instance's measurements. Points, inputs, width: {@code (D, n, w)}.
   *
   * @param d points
   * @param n input dimension
   * @param w width
   * @param patterns patterns per unit
   * @param subproblems subproblems of the reduced enumeration
   * @param naiveSubproblems subproblems of the naive enumeration over all 2^D subsets per unit
   * @param sampled subproblems timed
   * @param patternMillis milliseconds to enumerate the patterns (exact, with witnesses and
   *     refutations)
   * @param exactMicros microseconds per subproblem (median pass): certified exact (filtered solve
   *     + exact check)
   * @param doubleMicros microseconds per subproblem (median pass): plain double
   * @param unfilteredMicros microseconds per subproblem (one pass): exact Lemke without the filter
   * @param repairedFraction fraction of sampled subproblems the filter repaired (no exact
   *     fallback)
   * @param ratio certified exact / plain double per subproblem: the median over the rounds of the
   *     ratio of the two adjacent passes (not exactMicros / doubleMicros, a ratio of medians of
   *     different rounds)
   * @param ratioLow the lower quartile of the rounds' ratios (see {@link #ratio()})
   * @param ratioHigh the upper quartile of the rounds' ratios
   */
  public record Row(int d, int n, int w, int patterns, BigInteger subproblems,
      BigInteger naiveSubproblems, int sampled, double patternMillis, double exactMicros,
      double doubleMicros, double unfilteredMicros, double repairedFraction, double ratio,
      double ratioLow, double ratioHigh) {
    /** The row whose ratio and quartiles are those of the rounds' {@code ratios}. */
    static Row of(int d, int n, int w, int patterns, BigInteger subproblems, BigInteger naive,
        int sampled, double patternMillis, double exactMicros, double doubleMicros,
        double unfilteredMicros, double repairedFraction, double[] ratios) {
      return new Row(d, n, w, patterns, subproblems, naive, sampled, patternMillis, exactMicros,
          doubleMicros, unfilteredMicros, repairedFraction, quantile(ratios, 0.5),
          quantile(ratios, 0.25), quantile(ratios, 0.75));
    }
  }

  /** Seeded random data: inputs p/q with |p| &lt;= 20, q &lt;= 4; labels p/q with |p| &lt;= 10. */
  public static Dataset data(int d, int n, long seed) {
    Random r = new Random(seed);
    Rational[][] x = new Rational[d][];
    Rational[] y = new Rational[d];
    for (int j = 0; j < d; j++) {
      x[j] = new Rational[n];
      for (int k = 0; k < n; k++) {
        x[j][k] = Rational.of(r.nextInt(41) - 20, 1 + r.nextInt(4));
      }
      y[j] = Rational.of(r.nextInt(21) - 10, 1 + r.nextInt(3));
    }
    return new Dataset(x, y);
  }

  /**
   * Measures one instance on a sample of at most {@code sample} subproblems (all of them if there
   * are fewer), chosen by a seeded shuffle. As {@link #runAll} with one instance.
   */
  public static Row run(int d, int n, int w, int sample, long seed) {
    return runAll(new int[][] {{d, n, w}}, sample, seed, Loss.SQUARED).get(0);
  }

  /** One instance, prepared: data, patterns, the sample, the data in double. */
  private static final class Prepared {
    final int d;
    final int n;
    final int w;
    final Dataset data;
    final PatternSet ps;
    final double patternMillis;
    final List<int[]> chosen;
    final double[][] x;
    final double[] y;
    final Loss loss;
    final long[] te = new long[PASSES];
    final long[] td = new long[PASSES];
    int repaired;

    Prepared(int d, int n, int w, int sample, long seed, Loss loss) {
      this.d = d;
      this.n = n;
      this.w = w;
      this.loss = loss;
      data = loss == Loss.HINGE ? hingeLabels(data(d, n, seed)) : data(d, n, seed);
      long t0 = System.nanoTime();
      ps = Patterns.enumerate(data);
      patternMillis = (System.nanoTime() - t0) / 1e6;
      List<int[]> c = new ArrayList<>(ErmSolver.subproblems(ps.size(), w));
      java.util.Collections.shuffle(c, new Random(seed));
      chosen = c.subList(0, Math.min(sample, c.size()));
      x = new double[d][n];
      y = new double[d];
      for (int j = 0; j < d; j++) {
        for (int k = 0; k < n; k++) {
          x[j][k] = data.x(j)[k].toDouble();
        }
        y[j] = data.y(j).toDouble();
      }
    }
  }

  /**
   * Measures several instances (rows {@code {D, n, w}}), each on a sample of at most {@code
   * sample} subproblems chosen by a seeded shuffle. The passes of all instances are interleaved
   * (pass 1 of every instance, then pass 2, ...) after a warm-up over all of them, so every
   * instance is timed with the same compiled code.
   */
  public static List<Row> runAll(int[][] instances, int sample, long seed, Loss loss) {
    List<Prepared> all = new ArrayList<>();
    for (int[] inst : instances) {
      all.add(new Prepared(inst[0], inst[1], inst[2], sample, seed, loss));
    }
    // Warm up the JIT: untimed passes of the exact and double paths over every sample (a timed
    // pass of a cold JVM measures the compiler as much as the code), and a few subproblems of the
    // unfiltered exact Lemke (slow; it is only the baseline).
    // Round robin over the instances until WARM_UP_SECONDS have passed and every instance has had
    // WARM_UP solves per path: on 2 cores the C2 compiler needs tens of seconds to reach the
    // exact path's many BigInteger-heavy methods (measured: (8,3,2) alone after 1.5 s of
    // warm-up ran about 40% slower than after 25 s).
    long warmEnd = System.nanoTime() + (long) (WARM_UP_SECONDS * 1e9);
    int[] done = new int[all.size()];
    boolean more = true;
    while (more) {
      more = false;
      for (int i = 0; i < all.size(); i++) {
        Prepared p = all.get(i);
        for (int[] spec : p.chosen) {
          exactOne(p.loss, p.data, p.ps, spec);
          doubleOne(p.loss, p.x, p.y, p.ps, spec);
        }
        done[i] += p.chosen.size();
        more |= done[i] < WARM_UP || System.nanoTime() < warmEnd;
      }
    }
    for (Prepared p : all) {
      for (int i = 0; i < Math.min(3, p.chosen.size()); i++) {
        unfilteredOne(p.loss, p.data, p.ps, p.chosen.get(i));
      }
    }
    // Timed: PASSES rounds; in each, for every instance, one pass of the exact path over its
    // sample and one of the double path, back to back, exact first in even rounds and double
    // first in odd ones. Each path's time is the median of its passes, and the ratio the median
    // of the rounds' ratios (the median drops a pass that a garbage collection or another
    // process hit).
    double sink = 0;
    for (int r = 0; r < PASSES; r++) {
      for (Prepared p : all) {
        if (r % 2 == 1) {
          long c = System.nanoTime();
          for (int[] spec : p.chosen) {
            sink += doubleOne(p.loss, p.x, p.y, p.ps, spec);
          }
          p.td[r] = System.nanoTime() - c;
        }
        int rep = 0;
        long a = System.nanoTime();
        for (int[] spec : p.chosen) {
          rep += exactOne(p.loss, p.data, p.ps, spec) ? 1 : 0;
        }
        p.te[r] = System.nanoTime() - a;
        p.repaired = rep;
        if (r % 2 == 0) {
          long c = System.nanoTime();
          for (int[] spec : p.chosen) {
            sink += doubleOne(p.loss, p.x, p.y, p.ps, spec);
          }
          p.td[r] = System.nanoTime() - c;
        }
      }
    }
    if (Double.isNaN(sink)) {
      throw new AssertionError("a double solve returned NaN");
    }
    // The slow exact Lemke baseline: one pass.
    List<Row> rows = new ArrayList<>();
    for (Prepared p : all) {
      long tu0 = System.nanoTime();
      for (int[] spec : p.chosen) {
        unfilteredOne(p.loss, p.data, p.ps, spec);
      }
      long tu = System.nanoTime() - tu0;
      int m = p.chosen.size();
      double[] ratios = new double[PASSES];
      for (int r = 0; r < PASSES; r++) {
        ratios[r] = (double) p.te[r] / p.td[r];
      }
      rows.add(Row.of(p.d, p.n, p.w, p.ps.size(), Subproblems.count(p.ps.size(), p.w),
          p.d <= 20 ? Subproblems.count(1 << p.d, p.w) : BigInteger.valueOf(-1), m,
          p.patternMillis, median(p.te) / 1e3 / m, median(p.td) / 1e3 / m, tu / 1e3 / m,
          (double) p.repaired / m, ratios));
    }
    return rows;
  }

  /** Timed passes per path. */
  public static final int PASSES = 21;

  /** Untimed solves per path and instance before timing (whole passes over the sample). */
  public static final int WARM_UP = 10000;

  /** Least warm-up time, seconds, over all instances together. */
  public static final double WARM_UP_SECONDS = 30;

  private static double median(long[] t) {
    double[] s = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      s[i] = t[i];
    }
    return quantile(s, 0.5);
  }

  /** The p-quantile of the values, interpolated linearly between order statistics. */
  static double quantile(double[] t, double p) {
    double[] s = t.clone();
    Arrays.sort(s);
    double h = p * (s.length - 1);
    int k = (int) Math.floor(h);
    return k + 1 < s.length ? s[k] + (h - k) * (s[k + 1] - s[k]) : s[k];
  }

  /** The certified path; true if no exact fallback was needed (the filter repaired it). */
  private static boolean exactOne(Loss loss, Dataset data, PatternSet ps, int[] spec) {
    int[] pats = Arrays.copyOfRange(spec, 1, spec.length);
    if (loss instanceof Loss.Linear linear) {
      LinearProgram lp = linear.program(data, ps, spec[0], pats, false);
      long fallbacks = FilteredLpSolver.stats().fallbacks;
      LpResult r = FilteredLpSolver.solve(lp);
      Rational[] y = r.y();
      if (y == null) {
        throw new AssertionError("an absolute- or hinge-loss subproblem has an optimum");
      }
      CertificateChecker.lpDualBound(lp, y);
      return FilteredLpSolver.stats().fallbacks == fallbacks;
    }
    QuadraticProgram qp = Loss.SQUARED.program(data, ps, spec[0], pats, false);
    QpResult rep = FilteredQpSolver.repaired(qp);
    QpResult r = rep != null ? rep : QpSolver.solve(qp);
    Rational[] u = r.x();
    Rational[] lambda = r.lambda();
    if (u == null || lambda == null) {
      throw new AssertionError("a squared-loss subproblem has an optimum");
    }
    CertificateChecker.qpDualBound(qp, u, lambda, new Rational[0]);
    return rep != null;
  }

  private static void unfilteredOne(Loss loss, Dataset data, PatternSet ps, int[] spec) {
    int[] pats = Arrays.copyOfRange(spec, 1, spec.length);
    if (loss instanceof Loss.Linear linear) {
      LpSolver.solve(linear.program(data, ps, spec[0], pats, false));
      return;
    }
    QpSolver.solve(Loss.SQUARED.program(data, ps, spec[0], pats, false));
  }

  /**
   * The plain double path: build the subproblem in double and solve it with double Lemke (squared
   * loss) or the double simplex (absolute and hinge loss).
   */
  private static double doubleOne(Loss loss, double[][] x, double[] y, PatternSet ps, int[] spec) {
    if (loss != Loss.SQUARED) {
      return doubleLp(loss == Loss.HINGE, x, y, ps, spec);
    }
    int d = y.length;
    int n = x[0].length;
    int w = spec.length - 1;
    int v = w * (n + 1);
    double[][] a = new double[d][v];
    double[][] g = new double[w * d][v];
    for (int i = 0; i < w; i++) {
      PatternSet.Pattern pat = ps.get(spec[i + 1]);
      double s = i < spec[0] ? 1 : -1;
      for (int j = 0; j < d; j++) {
        boolean act = pat.active(j);
        for (int k = 0; k <= n; k++) {
          double xk = k < n ? x[j][k] : 1;
          if (act) {
            a[j][i * (n + 1) + k] = s * xk;
          }
          g[i * d + j][i * (n + 1) + k] = act ? xk : -xk;
        }
      }
    }
    double[][] q = new double[v][v];
    double[] c = new double[v];
    for (int j = 0; j < d; j++) {
      for (int p = 0; p < v; p++) {
        c[p] -= 2.0 / d * a[j][p] * y[j];
        for (int r = 0; r < v; r++) {
          q[p][r] += 2.0 / d * a[j][p] * a[j][r];
        }
      }
    }
    double[] z = DoubleQp.solve(q, c, g);
    return z == null ? 0 : z[0];
  }

  /**
   * The LP of {@link Loss.Linear#program} built in {@code double}, in the standard form of {@link
   * DoubleSimplex} (each free parameter split in two columns, one slack per {@code >=} row, rows
   * negated to a non-negative right-hand side), and solved to its optimal basis; returns a value
   * of the basis so that the work is not optimised away.
   */
  private static double doubleLp(
      boolean hinge, double[][] x, double[] y, PatternSet ps, int[] spec) {
    int d = y.length;
    int n = x[0].length;
    int w = spec.length - 1;
    int v = w * (n + 1);
    int lossRows = (hinge ? 1 : 2) * d;
    int m = lossRows + w * d;
    int struct = 2 * v + d;
    double[][] base = new double[m][struct + m + 1];
    double[] design = new double[v];
    int r = 0;
    for (int j = 0; j < d; j++) {
      Arrays.fill(design, 0);
      for (int i = 0; i < w; i++) {
        if (ps.get(spec[i + 1]).active(j)) {
          double s = i < spec[0] ? 1 : -1;
          for (int k = 0; k <= n; k++) {
            design[i * (n + 1) + k] = s * (k < n ? x[j][k] : 1);
          }
        }
      }
      if (hinge) {
        lpRow(base[r++], design, y[j], v, j, 1);
      } else {
        lpRow(base[r++], design, -1, v, j, -y[j]);
        lpRow(base[r++], design, 1, v, j, y[j]);
      }
    }
    for (int i = 0; i < w; i++) {
      PatternSet.Pattern pat = ps.get(spec[i + 1]);
      for (int j = 0; j < d; j++, r++) {
        double sg = pat.active(j) ? 1 : -1;
        for (int k = 0; k <= n; k++) {
          double a = sg * (k < n ? x[j][k] : 1);
          base[r][2 * (i * (n + 1) + k)] = a;
          base[r][2 * (i * (n + 1) + k) + 1] = -a;
        }
      }
    }
    boolean[] needsArt = new boolean[m];
    int[] slackOf = new int[m];
    double rhsScale = 1;
    for (int i = 0; i < m; i++) {
      double[] row = base[i];
      slackOf[i] = struct + i;
      row[struct + i] = -1; // every row is >=
      double rhs = row[struct + m];
      if (rhs <= 0) { // negated: a non-negative right-hand side, and at 0 a slack of +1
        for (int k = 0; k < row.length; k++) {
          row[k] = -row[k];
        }
      }
      needsArt[i] = row[struct + i] <= 0;
      rhsScale = Math.max(rhsScale, Math.abs(rhs));
    }
    double[] cost = new double[struct + m];
    for (int j = 0; j < d; j++) {
      cost[2 * v + j] = 1.0 / d;
    }
    int[] basis = DoubleSimplex.solve(base, needsArt, slackOf, cost, rhsScale);
    if (basis == null) {
      // Every subproblem LP is feasible (t = 0) and bounded (e >= 0): a failure here would make
      // the baseline look faster than a solve, so it stops the benchmark instead.
      throw new AssertionError("the double simplex found no optimal basis of a subproblem LP");
    }
    return basis[0];
  }

  /**
   * One loss row over the standard-form columns: {@code c (design . t) + e_j >= rhs}, the
   * parameters t split in pairs of columns (plus, minus) and e_j at column {@code 2 v + j}.
   */
  private static void lpRow(double[] row, double[] design, double c, int v, int j, double rhs) {
    for (int k = 0; k < v; k++) {
      row[2 * k] = c * design[k];
      row[2 * k + 1] = -c * design[k];
    }
    row[2 * v + j] = 1;
    row[row.length - 1] = rhs;
  }

  /** The data with each label replaced by its sign, 0 by +1: labels the hinge loss accepts. */
  static Dataset hingeLabels(Dataset data) {
    Rational[][] x = new Rational[data.size()][];
    Rational[] y = new Rational[data.size()];
    for (int j = 0; j < data.size(); j++) {
      x[j] = data.x(j);
      y[j] = data.y(j).signum() < 0 ? Rational.ONE.negate() : Rational.ONE;
    }
    return new Dataset(x, y);
  }
}
