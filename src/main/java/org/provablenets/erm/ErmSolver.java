package org.provablenets.erm;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
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

  /**
   * Solves the ERM problem exactly and returns its certificate (not yet checked: pass it to {@code
   * org.provablenets.cert.ErmChecker}).
   *
   * @param width w &gt;= 1
   * @throws IllegalArgumentException if the width is below 1
   */
  public static ErmCertificate solve(Dataset data, int width, Loss loss, boolean outputBias) {
    checkWidth(width);
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
     * round it is an upper bound of the number that can still be solved given the incumbent
     * (those whose lower bound is below it, to the end of their round), counted over at
     * most 8,192 ranges of the bounds (see {@code Tally}): it counts whole ranges, so it can
     * exceed the exact number by the range the incumbent falls in and one round. It never grows. The pruned subproblems,
     * recorded at the end without a solve, are not reported.
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
    checkWidth(width);
    return solve(data, width, loss, outputBias, ps, progress,
        BlockBounds.tables(data, ps, width, loss, outputBias, true));
  }

  /** As above, pruning with the given tables (for tests that choose their own blocks). */
  static ErmCertificate solve(Dataset data, int width, Loss loss, boolean outputBias,
      PatternSet ps, Progress progress, BlockBounds.Tables tables) {
    PackedResults solved =
        new PackedResults(Subproblems.count(ps.size(), width).intValueExact());
    solveEach(data, loss, outputBias, ps, width, tables.bounds(), i -> true, i -> null, progress,
        solved::put);
    return assemble(data, width, loss, outputBias, ps, tables.blocks(), solved);
  }

  /**
   * The subproblems in canonical order ({@link Subproblems#forEach}); each as {@code [p, pattern
   * of unit 1, ..., pattern of unit w]}. A list of them all, for small runs and samples: {@link
   * #solveEach} never makes one.
   *
   * @throws IllegalArgumentException if the width is below 1
   */
  public static List<int[]> subproblems(int patternCount, int width) {
    checkWidth(width);
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

  private static void checkWidth(int width) {
    if (width < 1) {
      throw new IllegalArgumentException("the width must be at least 1, not " + width);
    }
  }

  /** Subproblems solved in parallel between two updates of the incumbent. */
  public static final int ROUND = 64;

  /**
   * The subproblems one pass of {@link #solveEach} takes, in bound order, to solve: a whole number
   * of rounds, so that the rounds fall on the same places as if all were taken at once.
   */
  public static final int CHUNK = ROUND * 4096;

  /**
   * Solves, in parallel, the subproblems whose index satisfies {@code include}, handing each result
   * to {@code sink} as soon as it is solved (from worker threads: the sink must be thread-safe).
   * This is the unit of work of whole runs, shards and checkpoints.
   *
   * <p><b>Order and pruning.</b> The included subproblems are taken in increasing order of their
   * lower bound's key ({@code bounds}: block bounds, {@link BlockBounds}, or the blocked-points
   * bounds, {@link Subproblems#blockedBound}; ties by index), in rounds of {@link
   * #ROUND} solved in parallel. A subproblem whose bound is at least the incumbent (the least
   * optimum solved so far) cannot beat it and is not solved: it is handed to the sink as a pruned
   * entry with its bound as value, and so is every later one (their bounds are no smaller). The
   * incumbent changes only between rounds, so which subproblems are pruned does not depend on the
   * schedule.
   *
   * <p><b>Streaming.</b> No list of the subproblems is made. They are generated in canonical order
   * ({@link Subproblems#forEach}) once per pass, and each pass keeps only the next {@code chunk}
   * of them in the order above (a buffer of at most twice the chunk, see {@code Firsts}), so the
   * memory is O(chunk) per thread of the pool
   * (see below) besides the patterns, the known results and what the sink keeps. The chunk is a
   * whole number of rounds, so the rounds, and with them the certificate, are those of the order
   * taken at once. The subproblems
   * pruned at the end are handed to the sink by one more pass (from worker threads, in no
   * particular order). Besides the chunk, the progress total holds a count for each of at most
   * {@code 2 RANGES} ranges of the bounds (see {@link Progress}).
   *
   * <p><b>Passes in parallel.</b> A pass visits the segments of the canonical order ({@link
   * Subproblems#forEachIn}: the subproblems of one sign split whose first unit has one pattern)
   * on all the pool's threads, each with its own buffer of places; the buffers are cut and
   * sorted together, so a pass gives the same places whatever the schedule.
   *
   * <p><b>Resuming.</b> {@code known} gives, by index, the results an interrupted run of the same
   * subproblems already recorded (a checkpoint or shard file), or null for those still to do.
   * They are neither solved again nor handed to the sink, but they take their places in the
   * rounds, so the incumbent evolves as in an uninterrupted run: a resumed run prunes the same
   * subproblems and gives the same certificate, wherever the interruption fell.
   *
   * <p><b>Cost.</b> The solves, plus O(S w D / 64) word operations per pass over the S
   * subproblems, shared by the threads: one pass per {@code chunk} places taken (solved or known;
   * one more, empty, if the last piece is exactly full; the first also samples the cuts of the
   * progress total's key ranges), one for the pruned, and one that counts the subproblems by key
   * ranges for the progress total (see {@link Progress}).
   *
   * @param width the width w (at least 1)
   * @param bounds the keys of the subproblems' lower bounds, made for this data, loss and patterns
   * @param known the results recorded earlier, by index (null for those still to do); read
   *     from worker threads and the calling thread, and must not change during the call
   * @throws IllegalArgumentException if a label is outside the loss's domain
   */
  public static void solveEach(
      Dataset data, Loss loss, boolean outputBias, PatternSet ps, int width,
      Subproblems.Bounds bounds, IntPredicate include, IntFunction<@Nullable Solved> known,
      Progress progress, Consumer<Solved> sink) {
    solveEach(data, loss, outputBias, ps, width, bounds, include, known, progress, sink, CHUNK);
  }

  /**
   * {@link #solveEach(Dataset, Loss, boolean, PatternSet, int, Subproblems.Bounds, IntPredicate,
   * IntFunction, Progress, Consumer)} with passes of {@code chunk} subproblems, for tests, which take small
   * ones to make many passes. Only a multiple of {@link #ROUND} keeps the rounds of the order
   * taken at once: with another chunk the rounds restart at each pass, and the certificate can
   * differ (a property shows that it does).
   */
  static void solveEach(
      Dataset data, Loss loss, boolean outputBias, PatternSet ps, int width,
      Subproblems.Bounds bounds, IntPredicate include, IntFunction<@Nullable Solved> known,
      Progress progress, Consumer<Solved> sink, int chunk) {
    checkWidth(width);
    if (chunk < 1) {
      throw new IllegalArgumentException("a chunk is positive, not " + chunk);
    }
    for (int j = 0; j < data.size(); j++) {
      if (!loss.acceptsLabel(data.y(j))) {
        throw new IllegalArgumentException(
            "label " + data.y(j) + " of point " + (j + 1) + " is outside the domain of the "
                + loss.id() + " loss (hinge labels are -1 or +1)");
      }
    }
    Included stream = new Included(ps.size(), width, include, known, bounds);
    Included.First piece = stream.first(chunk);
    List<Place> taken = piece.taken();
    Tally tally = stream.tally(piece.cuts());
    AtomicLong done = new AtomicLong();
    AtomicLong expected = new AtomicLong(tally.left);
    @Nullable Rational best = null;
    @Nullable BigInteger bar = null; // the keys at least bar have bounds at least best
    while (true) {
      for (int start = 0; start < taken.size(); start += ROUND) {
        Place first = taken.get(start);
        if (bar != null) {
          if (first.key().compareTo(bar) >= 0) {
            stream.pruneFrom(first, sink);
            return;
          }
          expected.set(Math.min(expected.get(), done.get() + tally.solvable(bar)));
        }
        int end = Math.min(taken.size(), start + ROUND);
        Solved[] round = new Solved[end - start];
        boolean[] solvedHere = new boolean[end - start];
        int from = start;
        List<Place> places = taken;
        IntStream.range(start, end)
            .parallel()
            .forEach(
                k -> {
                  Place p = places.get(k);
                  Solved prior = known.apply(p.index);
                  if (prior != null) {
                    round[k - from] = prior;
                    return;
                  }
                  Solved r = solveOne(data, ps, p.index, p.plus, p.patterns, outputBias, loss);
                  round[k - from] = r;
                  solvedHere[k - from] = true;
                  sink.accept(r);
                  progress.update(done.incrementAndGet(), expected.get());
                });
        for (int k = start; k < end; k++) {
          Solved r = round[k - start];
          if (solvedHere[k - start]) {
            tally.done(taken.get(k).key());
          }
          // A pruned record here comes from a file written otherwise; its value is only a bound.
          if (!r.entry.isPruned() && (best == null || r.value.compareTo(best) < 0)) {
            best = r.value;
            bar = stream.bounds.bar(best);
          }
        }
      }
      if (taken.size() < chunk) {
        return;
      }
      taken = stream.next(taken.get(taken.size() - 1), chunk);
    }
  }

  /**
   * The first {@code chunk} places offered, in the order of {@link Place}. The offers go into a
   * buffer; when it holds twice the chunk it is sorted and cut to its first {@code chunk}, and the
   * last of those becomes the bar: a later offer is kept only if it comes before the bar (one
   * comparison, and no place made otherwise). Which places {@link #first} returns does not depend
   * on the order of the offers.
   *
   * <p><b>Cost</b> [derived]. Each cut sorts at most twice the chunk and leaves room for a chunk
   * of offers, so S offers cost O(S) comparisons with the bar plus O(log chunk) for each one kept:
   * O(S log chunk) at worst (keys offered in decreasing order), as the heap this replaced. Offers
   * in random order are kept with probability about 2 chunk / i for the i-th (the bar is that of
   * the last cut, after at least half the offers so far), so about {@code 2 chunk (1 + ln(S /
   * chunk))} of them, and the cuts are few and sequential in memory; the heap did O(log chunk)
   * scattered reads for each kept one. In a one-core squared D = 28 run (JFR) the first pass
   * (keys, selection, combination) took 29% of the samples with the heap and 8% with the buffer.
   * A place holds no {@link BigInteger} when its key fits in 62 bits, so twice the chunk of places
   * takes about the memory the heap's chunk took.
   */
  private static final class Firsts {
    private final int chunk;
    private final long capacity;
    private final ArrayList<Place> buffer = new ArrayList<>();
    private @Nullable Place bar;

    Firsts(int chunk) {
      this.chunk = chunk;
      this.capacity = 2L * chunk;
    }

    /** Keeps the subproblem if it is before the bar; makes its place only then. */
    void offer(BigInteger key, int index, int plus, int[] patterns) {
      Place b = bar;
      if (b != null && Place.compare(key, index, b) >= 0) {
        return;
      }
      if (buffer.size() >= capacity) {
        cut();
      }
      buffer.add(new Place(key, index, plus, patterns));
    }

    /** Sorts the buffer and keeps its first {@code chunk}; the last of them is the bar. */
    private void cut() {
      Collections.sort(buffer);
      if (buffer.size() > chunk) {
        buffer.subList(chunk, buffer.size()).clear();
        bar = buffer.get(chunk - 1);
      }
    }

    /**
     * The first {@code chunk} places that any of the parts was offered, in order: each part cut,
     * then all of them sorted together and cut (both on the common pool, so in parallel where it
     * has more than one worker).
     */
    static List<Place> first(List<Firsts> parts, int chunk) {
      parts.parallelStream().forEach(Firsts::cut);
      List<Place> all = new ArrayList<>();
      for (Firsts f : parts) {
        all.addAll(f.buffer);
      }
      Place[] sorted = all.toArray(new Place[0]);
      Arrays.parallelSort(sorted);
      return new ArrayList<>(Arrays.asList(sorted).subList(0, Math.min(chunk, sorted.length)));
    }
  }

  /**
   * A subproblem with its place in the solving order: its bound's key, then its index. A key that
   * fits in 62 bits (block keys always do) is held as a {@code long} only, so that a pass's places
   * hold no {@link BigInteger} and compare without one.
   */
  private static final class Place implements Comparable<Place> {
    /** {@link #head} of a key that does not fit in 62 bits. */
    static final long BIG = Long.MIN_VALUE;

    /** The key if it does not fit in 62 bits, else null. */
    private final @Nullable BigInteger big;
    /** The key as a {@code long} if it fits, else {@link #BIG}. */
    private final long head;
    final int index;
    final int plus;
    final int[] patterns;

    Place(BigInteger key, int index, int plus, int[] patterns) {
      this.head = head(key);
      this.big = head == BIG ? key : null;
      this.index = index;
      this.plus = plus;
      this.patterns = patterns;
    }

    /** The key. */
    BigInteger key() {
      BigInteger b = big;
      return b != null ? b : BigInteger.valueOf(head);
    }

    /** The key as a {@code long} if it fits in 62 bits, else {@link #BIG}. */
    static long head(BigInteger key) {
      return key.bitLength() <= 62 ? key.longValue() : BIG;
    }

    @Override
    public int compareTo(Place o) {
      int c = head != BIG && o.head != BIG ? Long.compare(head, o.head) : key().compareTo(o.key());
      return c != 0 ? c : Integer.compare(index, o.index);
    }

    /** As {@link #compareTo}, for a subproblem that has no place yet. */
    static int compare(BigInteger key, int index, Place o) {
      long h = head(key);
      int c = h != BIG && o.head != BIG ? Long.compare(h, o.head) : key.compareTo(o.key());
      return c != 0 ? c : Integer.compare(index, o.index);
    }
  }

  /**
   * The included subproblems still to do, counted by ranges of their keys, for the progress
   * total: {@code inRange[r]} of them have keys in {@code [cuts[r - 1], cuts[r])} (from minus
   * infinity for r = 0, to plus infinity for the last range). The cuts are the distinct keys of
   * every k-th included subproblem in canonical order, at most {@link #RANGES} of them (a sample
   * of the keys, not their quantiles, so a range can hold more than its share, many more where
   * one key repeats), and the key of every {@link #ROUND}-th subproblem of the first piece, which
   * is in order: where most subproblems are pruned, the bar ends within the first piece, and
   * there the ranges are a round wide.
   */
  private static final class Tally {
    final BigInteger[] cuts;
    final long[] inRange;
    long left;

    /** The cuts as {@code long}s if they all fit in 62 bits (block keys do), else null. */
    private final long @Nullable [] small;

    Tally(BigInteger[] cuts) {
      this.cuts = cuts;
      this.inRange = new long[cuts.length + 1];
      long[] heads = new long[cuts.length];
      for (int r = 0; r < cuts.length; r++) {
        heads[r] = Place.head(cuts[r]);
        if (heads[r] == Place.BIG) {
          heads = null;
          break;
        }
      }
      this.small = heads;
    }

    /** The range of a key: the number of cuts at or below it (the cuts are distinct). */
    int range(BigInteger key) {
      long[] heads = small;
      long k = Place.head(key);
      int at = heads != null && k != Place.BIG ? Arrays.binarySearch(heads, k)
          : Arrays.binarySearch(cuts, key);
      return at >= 0 ? at + 1 : -at - 1;
    }

    void add(BigInteger key) {
      inRange[range(key)]++;
      left++;
    }

    /** Adds the counts of another tally over the same cuts. */
    void addAll(Tally o) {
      for (int r = 0; r < inRange.length; r++) {
        inRange[r] += o.inRange[r];
      }
      left += o.left;
    }

    /** One subproblem of this key is done (solved, or no longer to do). */
    void done(BigInteger key) {
      inRange[range(key)]--;
      left--;
    }

    /**
     * An upper bound of the solves still to come with the incumbent's bar {@code bar}: every
     * subproblem still to do whose key is below the bar lies in a range whose lower cut is below
     * it, so at most the sum of those ranges; the rounds go on while the first key of a round is
     * below the bar, which only falls, so they end within the round of the first key at or above
     * it, at most {@code ROUND - 1} solves further. O(ranges).
     */
    long solvable(BigInteger bar) {
      int m = range(bar.subtract(BigInteger.ONE)); // the cuts below the bar (keys are integers)
      long below = 0;
      for (int r = 0; r <= m; r++) {
        below += inRange[r];
      }
      return Math.min(left, below + ROUND - 1);
    }
  }

  /** The most key ranges the progress total counts ({@link Tally}). */
  static final int RANGES = 4096;

  /**
   * The included subproblems, generated in canonical order once per pass. A pass visits the
   * segments of the canonical order ({@link Subproblems#forEachIn}) in parallel: each worker takes
   * the next segment not yet taken and keeps its own state (a buffer, counts), and the states are
   * combined at the end, so that what a pass returns does not depend on the schedule.
   */
  private static final class Included {
    final int patternCount;
    final int width;
    final IntPredicate include;
    final IntFunction<@Nullable Solved> known;
    final Subproblems.Bounds bounds;
    /** {@code start[s]}: the index of segment s's first subproblem; {@code start[S]}: the count. */
    final int[] start;

    Included(int patternCount, int width, IntPredicate include,
        IntFunction<@Nullable Solved> known, Subproblems.Bounds bounds) {
      this.patternCount = patternCount;
      this.width = width;
      this.include = include;
      this.known = known;
      this.bounds = bounds;
      int segments = Subproblems.segments(patternCount, width);
      Subproblems.Ranks ranks = new Subproblems.Ranks(patternCount, width);
      start = new int[segments + 1];
      for (int seg = 0; seg < segments; seg++) {
        start[seg] = Math.toIntExact(
            ranks.rank(seg / patternCount, Subproblems.first(patternCount, width, seg)));
      }
      start[segments] = Subproblems.count(patternCount, width).intValueExact();
    }

    /** Receives one included subproblem with its key. */
    interface Visitor {
      void visit(int index, int plus, int[] patterns, BigInteger key);
    }

    /** Visits the included subproblems of one segment, in canonical order. */
    void forEachIn(int segment, Visitor v) {
      int[] index = {start[segment]};
      Subproblems.forEachIn(patternCount, width, segment, (plus, pats) -> {
        int i = index[0]++;
        if (include.test(i)) {
          v.visit(i, plus, pats, bounds.key(plus, pats));
        }
      });
    }

    /**
     * One parallel pass: workers take segments in turn, each folding the segments it takes into
     * its own state ({@code make}); returns the states. Cost: the pass, plus one state per worker.
     */
    <S> List<S> pass(Supplier<S> make, SegmentFold<S> fold) {
      int segments = start.length - 1;
      AtomicInteger next = new AtomicInteger();
      int workers = Math.min(segments, ForkJoinPool.getCommonPoolParallelism() + 1);
      return IntStream.range(0, workers).parallel().mapToObj(w -> {
        S state = make.get();
        for (int seg = next.getAndIncrement(); seg < segments; seg = next.getAndIncrement()) {
          fold.fold(state, seg);
        }
        return state;
      }).collect(Collectors.toList());
    }

    /** Folds one segment into a worker's state. */
    interface SegmentFold<S> {
      void fold(S state, int segment);
    }

    /**
     * The included subproblems before each segment ({@code before[s]}; {@code before[S]}: all),
     * so that every segment knows the rank among the included of its own first.
     */
    long[] includedBefore() {
      int segments = start.length - 1;
      long[] before = new long[segments + 1];
      IntStream.range(0, segments).parallel().forEach(seg -> {
        long n = 0;
        for (int i = start[seg]; i < start[seg + 1]; i++) {
          n += include.test(i) ? 1 : 0;
        }
        before[seg + 1] = n;
      });
      for (int seg = 0; seg < segments; seg++) {
        before[seg + 1] += before[seg];
      }
      return before;
    }

    /**
     * The first pass: the first {@code chunk} included subproblems in order ({@link #next}), and
     * the cuts of the progress total ({@link Tally}): the key of every k-th included subproblem
     * in canonical order ({@code k = ceil(included / RANGES)}) and of every {@link #ROUND}-th
     * place of the first piece (which is in order).
     */
    First first(int chunk) {
      long[] before = includedBefore();
      long every = Math.max(1, (before[before.length - 1] + RANGES - 1) / RANGES);
      TreeSet<BigInteger> cuts = new TreeSet<>();
      List<Firsts> firsts = new ArrayList<>();
      for (Worker part : pass(() -> new Worker(chunk), (state, seg) -> {
        long[] seen = {before[seg]};
        forEachIn(seg, (i, plus, pats, key) -> {
          if (seen[0]++ % every == 0) {
            state.cuts.add(key);
          }
          state.firsts.offer(key, i, plus, pats);
        });
      })) {
        cuts.addAll(part.cuts);
        firsts.add(part.firsts);
      }
      List<Place> taken = Firsts.first(firsts, chunk);
      for (int i = 0; i < taken.size(); i += ROUND) {
        cuts.add(taken.get(i).key());
      }
      return new First(taken, cuts.toArray(new BigInteger[0]));
    }

    /** A worker's state in the first pass: its first places and its cuts. */
    private static final class Worker {
      final Firsts firsts;
      final TreeSet<BigInteger> cuts = new TreeSet<>();

      Worker(int chunk) {
        firsts = new Firsts(chunk);
      }
    }

    /** The first piece, in order, and the cuts of the key ranges. */
    record First(List<Place> taken, BigInteger[] cuts) {}

    /**
     * One pass that counts the subproblems still to do in each key range ({@link Tally}).
     */
    Tally tally(BigInteger[] cuts) {
      Tally t = new Tally(cuts);
      for (Tally part : pass(() -> new Tally(cuts), (counts, seg) ->
          forEachIn(seg, (i, plus, pats, key) -> {
            if (known.apply(i) == null) {
              counts.add(key);
            }
          }))) {
        t.addAll(part);
      }
      return t;
    }

    /**
     * One pass: the first {@code chunk} included subproblems after {@code after} in order, kept
     * per worker and combined.
     */
    List<Place> next(Place after, int chunk) {
      return Firsts.first(pass(() -> new Firsts(chunk),
          (f, seg) -> forEachIn(seg, (i, plus, pats, key) -> {
            if (Place.compare(key, i, after) > 0) {
              f.offer(key, i, plus, pats);
            }
          })), chunk);
    }

    /**
     * Hands every included subproblem still to do from {@code first} on to the sink, pruned (from
     * worker threads, in no particular order).
     */
    void pruneFrom(Place first, Consumer<Solved> sink) {
      pass(() -> Boolean.TRUE, (unused, seg) -> forEachIn(seg, (i, plus, pats, key) -> {
        if (Place.compare(key, i, first) >= 0 && known.apply(i) == null) {
          sink.accept(new Solved(
              i, ErmCertificate.Entry.pruned(plus, pats), bounds.value(key), new Rational[0]));
        }
      }));
    }
  }

  /**
   * The certificate from every subproblem's solution, in canonical order: the entries (unpacked
   * one at a time when read), the blocks whose bounds pruned them (none if the blocked points
   * did), and the first least optimum with its net. Cost: two passes over the packed results, in
   * parallel (one for a missing result, one for the least optimum).
   *
   * @throws IllegalArgumentException if a subproblem is missing, none is solved (results read
   *     from files can all be marked pruned), or the least one's parameters have the wrong length
   */
  public static ErmCertificate assemble(
      Dataset data, int width, Loss loss, boolean outputBias, PatternSet ps,
      List<BlockBounds.Block> blocks, PackedResults solved) {
    OptionalInt missing =
        IntStream.range(0, solved.size()).parallel().filter(i -> !solved.has(i)).findFirst();
    if (missing.isPresent()) {
      throw new IllegalArgumentException(
          "subproblem " + (missing.getAsInt() + 1) + " has not been solved");
    }
    // the least optimum, the first on ties: a minimum by (value, index), so in parallel
    Optional<Least> least = IntStream.range(0, solved.size()).parallel()
        .mapToObj(i -> Optional.ofNullable(solved.value(i)).map(v -> new Least(v, i)))
        .flatMap(Optional::stream)
        .reduce((a, b) -> b.compareTo(a) < 0 ? b : a);
    if (least.isEmpty()) {
      throw new IllegalArgumentException(
          "no subproblem is solved (every result is marked pruned), so none names an optimum");
    }
    Rational optimum = least.get().value;
    int bestIndex = least.get().index;
    Solved best = solved.get(bestIndex);
    int params = Subproblems.parameters(data.dimension(), width, outputBias);
    if (best.t.length != params) {
      throw new IllegalArgumentException("subproblem " + (bestIndex + 1) + " has " + best.t.length
          + " parameters t, expected " + params);
    }
    ReluNet net = Subproblems.net(data.dimension(), width, best.entry.plus(), best.t, outputBias);
    return new ErmCertificate(
        data.digest(), width, loss, outputBias, optimum, net, ps, solved.entries(), blocks);
  }

  /** A subproblem's optimum and index, ordered by the optimum, then the index. */
  private record Least(Rational value, int index) implements Comparable<Least> {
    @Override
    public int compareTo(Least o) {
      int c = value.compareTo(o.value);
      return c != 0 ? c : Integer.compare(index, o.index);
    }
  }

  /**
   * One solved subproblem: its index, its certificate entry, its optimum and its parameters t; for
   * a pruned entry, its lower bound (the key's value) and no parameters.
   */
  public static final class Solved {
    /** Index in canonical order. */
    public final int index;
    /** The certificate entry (dual point). */
    public final ErmCertificate.Entry entry;
    /**
     * The subproblem's optimum (a claim: the checker verifies the net it selects), or its lower
     * bound if the entry is pruned.
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
