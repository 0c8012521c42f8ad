package org.provablenets.erm;

import java.math.BigInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.qual.Certified;

/**
 * The T1 service the commands call: a run of Algorithm 1 planned within a budget before anything
 * is solved (labels checked, patterns enumerated, subproblems counted), then solved whole, in
 * shards, or resumed ({@link ErmSolver}); the certificate is checked by {@code
 * org.provablenets.cert.ErmChecker}, not here.
 *
 * <p><b>Budget.</b> A run is refused before the enumeration if its worst-case work ({@link
 * #enumerationWork}, LP row operations, Cover's bound) exceeds {@link #WORK_PER_SUBPROBLEM} per
 * subproblem of the budget, and during it as soon as the patterns found already need more
 * subproblems than the budget ({@link Patterns#enumerate(Dataset, int)}). After it, a run is
 * refused if what it must hold for its subproblems exceeds the heap limit ({@link #leastBytes}),
 * so that it fails with a sentence instead of minutes later with an {@code OutOfMemoryError};
 * the bound is a lower bound, so no run that could fit is refused.
 *
 * <p><b>Cost.</b> Planning: the enumeration, at most {@link #enumerationWork} LP row operations.
 * Solving: see {@link ErmSolver}.
 */
public final class ErmPlan {
  /** The enumeration work (LP row operations) allowed per subproblem of the budget. */
  public static final long WORK_PER_SUBPROBLEM = 1000;

  /** The most subproblems one run numbers (its indices are {@code int}s). */
  public static final int MAX_SUBPROBLEMS = Integer.MAX_VALUE - 8;

  /**
   * A lower bound of the heap a whole run holds for each subproblem, in bytes (compressed
   * references of 4 bytes, array headers of 16, sizes rounded up to 8; larger layouts only hold
   * more). {@link ErmSolver#solveEach} itself holds O({@link ErmSolver#CHUNK}) per thread
   * whatever the count (not counted here: a lower bound need not), and a shard writes its
   * results to its file; but a whole run keeps every result for its
   * certificate, packed ({@link PackedResults}): a slot (4) and a byte array of at least 4 bytes
   * (a flag, the sign count, the pattern count and one pattern index), 24 with its header:
   * {@value #BYTES_PER_HELD_RESULT}. A solved entry's optimum, dual point and parameters come on
   * top (absolute loss, D = 28: a few hundred bytes each).
   */
  public static final long BYTES_PER_HELD_RESULT = 28;

  private final Dataset data;
  private final int width;
  private final Loss loss;
  private final boolean outputBias;
  private final PatternSet patterns;
  private final int count;
  private final boolean blockBounds;
  private BlockBounds.@Nullable Tables tables;

  private ErmPlan(Dataset data, int width, Loss loss, boolean outputBias, PatternSet ps,
      boolean blockBounds) {
    this.data = data;
    this.width = width;
    this.loss = loss;
    this.outputBias = outputBias;
    this.patterns = ps;
    this.count = Subproblems.count(ps.size(), width).intValueExact();
    this.blockBounds = blockBounds;
  }

  /**
   * This plan with tables solved before (read from a tables file): the run orders and prunes by
   * their keys and its certificate lists their blocks. They are claims like any solver output:
   * the checker verifies every block entry it relies on.
   */
  public ErmPlan withTables(BlockBounds.Tables given) {
    ErmPlan p = new ErmPlan(data, width, loss, outputBias, patterns, true);
    p.tables = given;
    return p;
  }

  /** Whether the plan may use block bounds. */
  public boolean blockBounds() {
    return blockBounds;
  }

  /**
   * The blocks with their solved tables and the keys of the bounds ({@link BlockBounds#tables}),
   * computed on first use (solving the blocks' subproblems) and kept.
   */
  public synchronized BlockBounds.Tables tables() {
    BlockBounds.Tables t = tables;
    if (t == null) {
      t = BlockBounds.tables(data, patterns, width, loss, outputBias, blockBounds);
      tables = t;
    }
    return t;
  }

  /** A run refused before solving: a label outside the loss's domain, or above the budget. */
  public static final class RefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RefusedException(String message) {
      super(message);
    }
  }

  /**
   * Checks the labels, enumerates the patterns and refuses a run above the budget or beyond the
   * heap (see the class comment).
   *
   * @param shards 0 for a whole run (its results held for the certificate), k >= 1 for one shard
   *     of k (its results written to its file)
   * @throws RefusedException with one sentence naming the label, the counts or the memory
   */
  public static ErmPlan within(Dataset data, int width, Loss loss, boolean outputBias,
      long budget, int shards, boolean blockBounds) {
    return within(data, width, loss, outputBias, budget, shards, blockBounds,
        Runtime.getRuntime().maxMemory());
  }

  /**
   * {@link #within(Dataset, int, Loss, boolean, long, int)} for a heap limit of {@code
   * heapBytes} (the JVM's {@code Runtime.maxMemory()} there).
   */
  static ErmPlan within(Dataset data, int width, Loss loss, boolean outputBias, long budget,
      int shards, boolean blockBounds, long heapBytes) {
    for (int j = 0; j < data.size(); j++) {
      if (!loss.acceptsLabel(data.y(j))) {
        throw new RefusedException(
            "point " + (j + 1) + " has the label " + Rationals.format(data.y(j)) + ", but the "
                + loss.id() + " loss needs labels -1 or +1");
      }
    }
    int maxPatterns = maxPatterns(width, budget);
    BigInteger work = enumerationWork(data.size(), data.dimension(), maxPatterns);
    BigInteger limit = BigInteger.valueOf(budget).multiply(BigInteger.valueOf(WORK_PER_SUBPROBLEM));
    if (work.compareTo(limit) > 0) {
      throw new RefusedException(
          "enumerating the patterns of " + data.size() + " points in dimension "
              + data.dimension() + " may take up to " + work + " LP row operations (Cover's"
              + " bound), more than " + WORK_PER_SUBPROBLEM + " per subproblem of the budget of "
              + budget + "; --max-subproblems " + passingBudget(data, width, budget)
              + " runs it anyway");
    }
    PatternSet ps;
    try {
      ps = Patterns.enumerate(data, maxPatterns);
    } catch (Patterns.TooManyPatternsException e) {
      BigInteger count = Subproblems.count(e.atLeast, width);
      if (e.points == data.size()) {
        throw new RefusedException(
            "width " + width + " needs " + count + " subproblems (" + e.atLeast
                + " patterns per unit), more than the budget of " + budget
                + "; raise --max-subproblems to at least " + count + " to solve it anyway");
      }
      throw new RefusedException(
          "width " + width + " needs at least " + count + " subproblems (at least "
              + e.atLeast + " patterns per unit among the first " + e.points + " of "
              + data.size() + " points), more than the budget of " + budget
              + "; to solve it anyway, raise --max-subproblems (it needs at most "
              + Subproblems.count(Patterns.coverCount(data.size(), data.dimension()), width)
              + ", by Cover's bound)");
    }
    BigInteger count = Subproblems.count(ps.size(), width);
    if (count.compareTo(BigInteger.valueOf(MAX_SUBPROBLEMS)) > 0) {
      throw new RefusedException(
          "width " + width + " on " + data.size() + " points needs " + count + " subproblems ("
              + ps.size() + " patterns per unit), more than the " + MAX_SUBPROBLEMS
              + " a run can number");
    }
    requireHeap(data, width, loss, ps, count, shards, blockBounds, heapBytes);
    return new ErmPlan(data, width, loss, outputBias, ps, blockBounds);
  }

  /**
   * Refuses a run whose results and tables cannot fit in {@code heapBytes} ({@link #leastBytes}).
   *
   * @param shards 0 for a whole run, k >= 1 for one shard of k, -1 for a merge (which holds
   *     every result, as a whole run does)
   */
  private static void requireHeap(Dataset data, int width, Loss loss, PatternSet ps,
      BigInteger count, int shards, boolean blockBounds, long heapBytes) {
    long tableEntries = blockBounds ? BlockBounds.tableEntries(data, ps, width, loss) : 0;
    BigInteger least = leastBytes(count, Math.max(shards, 0), tableEntries);
    if (least.compareTo(BigInteger.valueOf(heapBytes)) > 0) {
      String tables = tableEntries > 0 ? " its " + tableEntries + " block subproblems" : "";
      String holds = shards > 0
          ? "every shard holds at least " + gib(least, true) + " for" + tables
          : (shards == 0 ? "a run" : "a merge") + " holds at least " + gib(least, true)
              + " for them" + (tables.isEmpty() ? "" : " and" + tables);
      throw new RefusedException(
          "width " + width + " on " + data.size() + " points needs " + count + " subproblems ("
              + ps.size() + " patterns per unit), and " + holds
              + ", more than this JVM's heap limit of "
              + gib(BigInteger.valueOf(heapBytes), false) + "; give Java more memory (java"
              + " -Xmx...)" + (shards == 0 ? " or solve it in shards (--shard i/k), which write"
                  + " their results to their files as they go" : ""));
    }
  }

  /**
   * A lower bound of the heap a run of {@code count} subproblems holds for them: {@link
   * #BYTES_PER_HELD_RESULT} each for a whole run, none for a shard; and every run, whole or
   * shard, holds its block tables: {@link #BYTES_PER_HELD_RESULT} and an 8-byte key term for each
   * block subproblem.
   *
   * @param shards 0 for a whole run, k >= 1 for one shard of k
   * @param tableEntries the number of block subproblems (0 without blocks)
   */
  static BigInteger leastBytes(BigInteger count, int shards, long tableEntries) {
    BigInteger tables = BigInteger.valueOf(tableEntries)
        .multiply(BigInteger.valueOf(BYTES_PER_HELD_RESULT + 8));
    return shards == 0
        ? count.multiply(BigInteger.valueOf(BYTES_PER_HELD_RESULT)).add(tables) : tables;
  }

  /**
   * A byte count in GiB (2^30 bytes, the unit of {@code -Xmx2g}) with one decimal, rounded up or
   * down: {@code "3.2 GiB"}. The need is rounded up and the limit down, so that the sentence
   * never shows them closer than they are.
   */
  static String gib(BigInteger bytes, boolean up) {
    BigInteger scaled = bytes.multiply(BigInteger.TEN);
    BigInteger[] qr = scaled.divideAndRemainder(BigInteger.ONE.shiftLeft(30));
    BigInteger tenths = up && qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
    BigInteger[] ir = tenths.divideAndRemainder(BigInteger.TEN);
    return ir[0] + "." + ir[1] + " GiB";
  }

  /**
   * A plan for merging shards, with the patterns already enumerated and no budget: refused before
   * any shard file is read if the merge's results and tables cannot fit in the heap (a merge
   * holds every result, as a whole run does).
   *
   * @throws RefusedException with one sentence naming the counts and the memory
   */
  public static ErmPlan forMerge(Dataset data, int width, Loss loss, boolean outputBias,
      PatternSet ps, boolean blockBounds) {
    return forMerge(data, width, loss, outputBias, ps, blockBounds,
        Runtime.getRuntime().maxMemory());
  }

  /** {@link #forMerge(Dataset, int, Loss, boolean, PatternSet, boolean)} for a heap limit. */
  static ErmPlan forMerge(Dataset data, int width, Loss loss, boolean outputBias, PatternSet ps,
      boolean blockBounds, long heapBytes) {
    requireHeap(data, width, loss, ps, Subproblems.count(ps.size(), width), -1, blockBounds,
        heapBytes);
    return new ErmPlan(data, width, loss, outputBias, ps, blockBounds);
  }

  /** The data. */
  public Dataset data() {
    return data;
  }

  /** The width. */
  public int width() {
    return width;
  }

  /** The loss. */
  public Loss loss() {
    return loss;
  }

  /** Whether the net has an output bias. */
  public boolean outputBias() {
    return outputBias;
  }

  /** The patterns of the data. */
  public PatternSet patterns() {
    return patterns;
  }

  /** The number of subproblems. */
  public int subproblems() {
    return count;
  }

  /**
   * Solves the subproblems {@code include} selects, skipping those {@code known} gives, handing
   * each to {@code sink} ({@link ErmSolver#solveEach}).
   */
  public void solveEach(
      IntPredicate include, IntFunction<ErmSolver.@Nullable Solved> known,
      ErmSolver.Progress progress, Consumer<ErmSolver.Solved> sink) {
    ErmSolver.solveEach(data, loss, outputBias, patterns, width, tables().bounds(), include,
        known, progress, sink);
  }

  /** The certificate from every subproblem's result ({@link ErmSolver#assemble}). */
  public ErmCertificate assemble(PackedResults solved) {
    return ErmSolver.assemble(
        data, width, loss, outputBias, patterns, tables().blocks(), solved);
  }

  /** What the reports say about the instance and the size of the run. */
  public Facts facts() {
    int d = data.size();
    int n = data.dimension();
    return new Facts(d, n, width, loss, outputBias, Patterns.inGeneralPosition(data),
        Patterns.coverCount(d, n), patterns.size(), BigInteger.valueOf(count),
        Subproblems.parameters(n, width, outputBias), width * d);
  }

  /**
   * The instance and the size of a run, as the reports print them.
   *
   * @param points D
   * @param dimension n
   * @param width w
   * @param loss the loss
   * @param outputBias whether the net has an output bias
   * @param generalPosition whether the lifted points are in general position ({@link
   *     Patterns#inGeneralPosition})
   * @param coverCount Cover's count {@code C(D, n + 1)}, the number of patterns in general
   *     position and an upper bound otherwise
   * @param patternsPerUnit the number of patterns
   * @param subproblems the number of convex subproblems
   * @param parameters the net parameters of each subproblem
   * @param patternConstraints the pattern constraints of each subproblem, {@code w D}
   */
  public record Facts(
      int points, int dimension, int width, Loss loss, boolean outputBias,
      boolean generalPosition, BigInteger coverCount, int patternsPerUnit, BigInteger subproblems,
      int parameters, int patternConstraints) {}

  /**
   * The gap of a net's mean loss above the certified optimum: {@code >= 0} by T1, and 0 exactly
   * when the net is a global minimiser. Only for an optimum whose certificate the checker accepted.
   */
  public static Rational gap(Rational netLoss, @Certified ErmCertificate optimum) {
    return netLoss.subtract(optimum.optimum());
  }

  /**
   * A budget at which the enumeration-work check passes: the budget doubled until it does (the
   * work bound grows with the budget, but saturates at Cover's count, so this ends).
   */
  static long passingBudget(Dataset data, int width, long budget) {
    long b = budget;
    while (b < Long.MAX_VALUE / 4) {
      b *= 2;
      BigInteger work = enumerationWork(data.size(), data.dimension(), maxPatterns(width, b));
      if (work.compareTo(BigInteger.valueOf(b).multiply(BigInteger.valueOf(WORK_PER_SUBPROBLEM)))
          <= 0) {
        return b;
      }
    }
    return b;
  }

  /**
   * An upper bound of the work of {@link Patterns#enumerate(Dataset, int)}: inserting point k
   * solves at most one LP of k rows and n + 1 variables per prefix pattern, the prefix patterns
   * number at most Cover's count for k points, and at most {@code maxPatterns + 1} before the
   * enumeration stops; so the work is at most {@code sum_k min(C(k, n), maxPatterns + 1) k (n+1)}.
   */
  public static BigInteger enumerationWork(int d, int n, int maxPatterns) {
    BigInteger cap = BigInteger.valueOf(maxPatterns).add(BigInteger.ONE);
    BigInteger w = BigInteger.ZERO;
    for (int k = 1; k <= d; k++) {
      BigInteger prefixes = Patterns.coverCount(k - 1, n).max(BigInteger.ONE);
      if (prefixes.compareTo(cap) >= 0) {
        // Cover's count grows with k: every later point has the cap too, sum_{j=k..d} j (n + 1).
        long sum = ((long) d * (d + 1) - (long) (k - 1) * k) / 2;
        return w.add(cap.multiply(BigInteger.valueOf(sum)).multiply(BigInteger.valueOf(n + 1L)));
      }
      w = w.add(prefixes.multiply(BigInteger.valueOf((long) k * (n + 1))));
    }
    return w;
  }

  /**
   * The most patterns per unit whose subproblem count stays within the budget (the count grows
   * with the number of patterns), found by bisection.
   */
  public static int maxPatterns(int width, long budget) {
    BigInteger b = BigInteger.valueOf(budget);
    int lo = 1;
    int hi = Integer.MAX_VALUE;
    while (lo < hi) {
      int mid = (int) (((long) lo + hi + 1) / 2);
      if (Subproblems.count(mid, width).compareTo(b) <= 0) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }
}
