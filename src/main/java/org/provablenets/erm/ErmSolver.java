package org.provablenets.erm;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;

/**
 * Exact global empirical risk minimisation for depth-2 ReLU nets: Algorithm 1 of Arora, Basu,
 * Mianjy, Mukherjee (ICLR 2018, Thm 4.1) [paper], with the sign-class and multiset reductions
 * [derived], solving each convex subproblem exactly and keeping a dual point of each as the
 * certificate.
 *
 * <p><b>Proposition</b> [paper]. The least subproblem optimum equals the global minimum of the
 * mean loss over all nets of width w; see {@link Subproblems} for soundness and completeness.
 *
 * <p><b>Cost.</b> Pattern enumeration (see {@link Patterns}) plus {@link
 * Subproblems#count(int, int)} exact QPs, each with {@code w (n + 1)} (+1) variables and {@code w D}
 * constraints: {@code O(|Pi|^w)} QPs, polynomial in D for fixed n and w, exponential in both.
 */
public final class ErmSolver {
  private ErmSolver() {}

  /** The incumbent: the least subproblem optimum so far and its parameters. */
  private static final class Best {
    @Nullable Rational value;
    int plus;
    Rational @Nullable [] t;
  }

  /**
   * Solves the ERM problem exactly and returns its certificate (not yet checked: pass it to {@code
   * org.provablenets.cert.ErmChecker}).
   *
   * @param width w &gt;= 1
   * @throws IllegalArgumentException if the width is below 1
   */
  public static ErmCertificate solve(Dataset data, int width, Loss loss, boolean outputBias) {
    if (width < 1) {
      throw new IllegalArgumentException("the width must be at least 1, not " + width);
    }
    return solve(data, width, loss, outputBias, Patterns.enumerate(data));
  }

  /**
   * As {@link #solve(Dataset, int, Loss, boolean)}, with the patterns already enumerated by
   * {@link Patterns#enumerate} for this data (so that a caller can count the subproblems first
   * without enumerating twice). A pattern list that is not complete gives a certificate that the
   * checker rejects.
   *
   * @param ps the patterns of {@code data}, from {@link Patterns#enumerate}
   * @throws IllegalArgumentException if the width is below 1
   */
  public static ErmCertificate solve(
      Dataset data, int width, Loss loss, boolean outputBias, PatternSet ps) {
    return solve(data, width, loss, outputBias, ps, (done, total) -> {});
  }

  /** Receives progress: {@code done} of {@code total} subproblems solved (from any thread). */
  public interface Progress {
    /**
     * Called after each solved subproblem: {@code done} solved so far, of an expected {@code
     * total}. Before the first incumbent the total is every subproblem still to do; after each
     * round it is the number that can still be solved given the incumbent (those whose
     * blocked-points bound is below it, to the end of their round): an upper bound that shrinks as
     * the incumbent improves. The pruned subproblems, recorded at the end without a solve, are
     * not reported.
     */
    void update(long done, long total);
  }

  /**
   * As {@link #solve(Dataset, int, Loss, boolean, PatternSet)}, reporting progress. The
   * subproblems are solved in parallel on the common fork-join pool; the result does not depend
   * on the schedule (entries are kept in canonical order and ties go to the first subproblem).
   */
  public static ErmCertificate solve(
      Dataset data, int width, Loss loss, boolean outputBias, PatternSet ps, Progress progress) {
    List<int[]> specs = subproblems(ps.size(), width);
    Solved[] solved = new Solved[specs.size()];
    solveEach(
        data, loss, outputBias, ps, specs, i -> true, null, progress, r -> solved[r.index] = r);
    return assemble(data, width, loss, outputBias, ps, solved);
  }

  /**
   * The subproblems in canonical order ({@link Subproblems#forEach}); each as {@code [p, pattern
   * of unit 1, ..., pattern of unit w]}.
   *
   * @throws IllegalArgumentException if the width is below 1
   */
  public static List<int[]> subproblems(int patternCount, int width) {
    if (width < 1) {
      throw new IllegalArgumentException("the width must be at least 1, not " + width);
    }
    List<int[]> specs = new ArrayList<>();
    Subproblems.forEach(
        patternCount,
        width,
        (plus, pats) -> {
          int[] spec = new int[pats.length + 1];
          spec[0] = plus;
          System.arraycopy(pats, 0, spec, 1, pats.length);
          specs.add(spec);
        });
    return specs;
  }

  /**
   * Solves, in parallel, the subproblems whose index satisfies {@code include}, handing each result
   * to {@code sink} as soon as it is solved (from worker threads: the sink must be thread-safe).
   * This is the unit of work of shards and checkpoints.
   *
   * <p><b>Pruning.</b> The subproblems are taken in increasing order of their blocked-points bound
   * ({@link Subproblems#blockedBound}; ties by index), in rounds of {@link #ROUND} solved in
   * parallel. A subproblem whose bound is at least the incumbent (the least optimum solved so far)
   * cannot beat it and is not solved: it is handed to the sink as a pruned entry with its bound as
   * value, and so is every later one (their bounds are no smaller). The incumbent changes only
   * between rounds, so which subproblems are pruned does not depend on the schedule.
   *
   * <p><b>Resuming.</b> {@code known} holds, by index, the results an interrupted run of the same
   * subproblems already recorded (a checkpoint or shard file), or is null. They are neither solved
   * again nor handed to the sink, but they take their places in the rounds, so the incumbent
   * evolves as in an uninterrupted run: a resumed run prunes the same subproblems and gives the
   * same certificate, wherever the interruption fell.
   *
   * @param known results recorded earlier, by index (read only; null entries are still to do), or
   *     null
   * @throws IllegalArgumentException if a label is outside the loss's domain
   */
  public static void solveEach(
      Dataset data, Loss loss, boolean outputBias, PatternSet ps, List<int[]> specs,
      IntPredicate include, @Nullable Solved @Nullable [] known, Progress progress,
      Consumer<Solved> sink) {
    for (int j = 0; j < data.size(); j++) {
      if (!loss.acceptsLabel(data.y(j))) {
        throw new IllegalArgumentException(
            "label " + data.y(j) + " of point " + (j + 1) + " is outside the domain of the "
                + loss.id() + " loss (hinge labels are -1 or +1)");
      }
    }
    // A copy: the sink may be filling the caller's array while the rounds read this one.
    @Nullable Solved[] prior = known == null ? new Solved[specs.size()] : known.clone();
    int[] mine = IntStream.range(0, specs.size()).filter(include).toArray();
    long remaining = Arrays.stream(mine).filter(i -> prior[i] == null).count();
    Subproblems.BlockedBounds bounds = new Subproblems.BlockedBounds(data, ps, outputBias, loss);
    BigInteger[] key = new BigInteger[specs.size()];
    Arrays.stream(mine).parallel().forEach(i -> {
      int[] spec = specs.get(i);
      key[i] = bounds.key(spec[0], patterns(spec));
    });
    Integer[] order = new Integer[mine.length];
    for (int k = 0; k < mine.length; k++) {
      order[k] = mine[k];
    }
    Arrays.sort(order, (a, b) -> {
      int c = key[a].compareTo(key[b]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    AtomicLong done = new AtomicLong();
    // todoBefore[k]: the subproblems still to do among order[0..k), for the expected total.
    long[] todoBefore = new long[order.length + 1];
    for (int k = 0; k < order.length; k++) {
      todoBefore[k + 1] = todoBefore[k] + (prior[order[k]] == null ? 1 : 0);
    }
    AtomicLong expected = new AtomicLong(remaining);
    @Nullable Rational best = null;
    for (int start = 0; start < order.length; start += ROUND) {
      int end = Math.min(order.length, start + ROUND);
      if (best != null) {
        expected.set(todoBefore[solvableEnd(order, key, bounds, best, start)]);
      }
      if (best != null && bounds.value(key[order[start]]).compareTo(best) >= 0) {
        for (int k = start; k < order.length; k++) {
          int i = order[k];
          if (prior[i] != null) {
            continue;
          }
          int[] spec = specs.get(i);
          sink.accept(new Solved(i, ErmCertificate.Entry.pruned(spec[0], patterns(spec)),
              bounds.value(key[i]), new Rational[0]));
        }
        return;
      }
      Solved[] round = new Solved[end - start];
      int from = start;
      IntStream.range(start, end)
          .parallel()
          .forEach(
              k -> {
                int i = order[k];
                Solved p = prior[i];
                if (p != null) {
                  round[k - from] = p;
                  return;
                }
                int[] spec = specs.get(i);
                Solved r = solveOne(data, ps, i, spec[0], patterns(spec), outputBias, loss);
                round[k - from] = r;
                sink.accept(r);
                progress.update(done.incrementAndGet(), expected.get());
              });
      for (Solved r : round) {
        // A pruned record here comes from a file written otherwise; its value is only a bound.
        if (!r.entry.isPruned() && (best == null || r.value.compareTo(best) < 0)) {
          best = r.value;
        }
      }
    }
  }

  /** Subproblems solved in parallel between two updates of the incumbent. */
  public static final int ROUND = 64;

  /**
   * The end of the solves still possible from round {@code start} on, given the incumbent: the
   * rounds continue while the first bound of a round is below {@code best} (the order is sorted by
   * bound), so the solves end at the round boundary at or after the first position whose bound
   * is at least {@code best}. Found by bisection over the sorted keys: O(log n) bound values.
   */
  private static int solvableEnd(Integer[] order, BigInteger[] key,
      Subproblems.BlockedBounds bounds, Rational best, int start) {
    int lo = start;
    int hi = order.length; // the first position at or after start whose bound is >= best
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (bounds.value(key[order[mid]]).compareTo(best) >= 0) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    if (lo == start) {
      return start;
    }
    long roundEnd = start + (long) ((lo - start + ROUND - 1) / ROUND) * ROUND;
    return (int) Math.min(order.length, roundEnd);
  }

  private static int[] patterns(int[] spec) {
    return Arrays.copyOfRange(spec, 1, spec.length);
  }

  /**
   * The certificate from every subproblem's solution, in canonical order: the entries, and the
   * first least optimum with its net.
   *
   * @throws IllegalArgumentException if a subproblem is missing
   */
  public static ErmCertificate assemble(
      Dataset data, int width, Loss loss, boolean outputBias, PatternSet ps,
      @Nullable Solved[] solved) {
    List<ErmCertificate.Entry> entries = new ArrayList<>(solved.length);
    Best best = new Best();
    for (int i = 0; i < solved.length; i++) {
      Solved r = solved[i];
      if (r == null) {
        throw new IllegalArgumentException("subproblem " + (i + 1) + " has not been solved");
      }
      entries.add(r.entry);
      Rational b = best.value;
      if (!r.entry.isPruned() && (b == null || r.value.compareTo(b) < 0)) {
        best.value = r.value;
        best.plus = r.entry.plus();
        best.t = r.t;
      }
    }
    Rational optimum = best.value;
    Rational[] t = best.t;
    if (optimum == null || t == null) {
      throw new AssertionError("there is at least one subproblem");
    }
    ReluNet net = Subproblems.net(data.dimension(), width, best.plus, t, outputBias);
    return new ErmCertificate(
        data.digest(), width, loss, outputBias, optimum, net, ps, entries);
  }

  /**
   * One solved subproblem: its index, its certificate entry, its optimum and its parameters t; for
   * a pruned entry, its blocked-points bound and no parameters.
   */
  public static final class Solved {
    /** Index in canonical order. */
    public final int index;
    /** The certificate entry (dual point). */
    public final ErmCertificate.Entry entry;
    /**
     * The subproblem's optimum (a claim: the checker verifies the net it selects), or its
     * blocked-points bound if the entry is pruned.
     */
    public final Rational value;
    /** The optimal parameters t. */
    public final Rational[] t;

    /** Bundles one solved subproblem. */
    public Solved(int index, ErmCertificate.Entry entry, Rational value, Rational[] t) {
      this.index = index;
      this.entry = entry;
      this.value = value;
      this.t = t.clone();
    }
  }

  private static Solved solveOne(
      Dataset data, PatternSet ps, int index, int plus, int[] pats, boolean outputBias,
      Loss loss) {
    Loss.Solution s = loss.solve(data, ps, plus, pats, outputBias);
    return new Solved(
        index, new ErmCertificate.Entry(plus, pats, s.u(), s.lambda()), s.value(), s.t());
  }
}
