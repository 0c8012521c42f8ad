package org.provablenets.erm;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;

/**
 * Block bounds: lower bounds of the subproblems from the subproblems of blocks of the points
 * [derived] (T1 step 8 of the proof notes).
 *
 * <p><b>Definition.</b> Split the D points into disjoint blocks {@code T_1, ..., T_K}. The
 * <em>restriction</em> of a subproblem (signs s, patterns P^1..P^w) to a block T is the
 * subproblem of the data T alone with the same signs and the patterns restricted to T. Its
 * optimum {@code V_T} is a mean over |T| points. The block bound of the subproblem is {@code
 * sum_k (|T_k| / D) V_{T_k}}.
 *
 * <p><b>Proposition.</b> Every net of a subproblem has mean loss at least its block bound.
 * Proof: the net's loss is {@code (1/D) sum_k sum_{j in T_k} l(f(x_j), y_j)}. The net satisfies the
 * subproblem's constraints at every point, so in particular at the points of T_k, where its
 * outputs are those of the restricted subproblem: so {@code (1/|T_k|) sum_{j in T_k} l(f(x_j),
 * y_j) >= V_{T_k}} for each k, and the sum of the K inequalities, weighted {@code |T_k|/D}, is the
 * claim. (Each block may take its own parameters, and its own output bias if the model has one:
 * the bound relaxes only the coupling between the blocks.) With blocks of one point it is the
 * blocked-points bound; with one block of all points it is the optimum.
 *
 * <p><b>Why it pays.</b> The restriction depends only on the restricted patterns, and a block of b
 * points in general position in R^n has at most {@code 2 sum_{i<=n} binom(b-1, i)} of them, so all
 * the subproblems share a table of block optima, computed once, much smaller than the list of
 * subproblems. On the benchmark data (n = 2, w = 2, absolute loss) two blocks give bounds that
 * reach the optimum for 99.8% of the subproblems at D = 16 and 20, where the blocked points reach
 * it for 51-71%; three blocks, with tables a third the size, for 95-96%.
 *
 * <p><b>Certificate.</b> Each block's table is the list of its subproblems in canonical order,
 * each with a dual point exactly as a subproblem of the whole data has; the checker verifies them
 * as it verifies any entry, and adds the verified bounds of a pruned subproblem's restrictions.
 */
public final class BlockBounds {
  private BlockBounds() {}

  /**
   * The blocks' tables together hold at most this fraction (1/16) of the number of subproblems: the
   * solver takes the fewest blocks (at least 2, of consecutive points) that meet it, or none.
   */
  static final int TABLE_SHARE = 16;

  /**
   * One block: its points (indices into the data, increasing), their patterns (the distinct
   * restrictions of the pattern list, without witnesses: no completeness is claimed or needed),
   * and one entry per subproblem of the block in canonical order, each with a dual point.
   *
   * @param points the block's points, 0-based and increasing
   * @param patterns the restricted patterns
   * @param entries the block's subproblems in canonical order
   */
  public record Block(int[] points, PatternSet patterns, List<ErmCertificate.Entry> entries) {
    /** Copies the points; packed entries are kept as they are, others copied. */
    public Block {
      points = points.clone();
      entries = entries instanceof PackedEntries ? entries
          : Collections.unmodifiableList(new ArrayList<>(entries));
    }

    /** A copy of the points. */
    @Override
    public int[] points() {
      return points.clone();
    }
  }

  /** The number of the blocks' entries (block subproblems). */
  public static long entryCount(List<Block> blocks) {
    return blocks.stream().mapToLong(b -> b.entries().size()).sum();
  }

  /**
   * The blocks of a run and the keys the solver orders by: block bounds if {@code blocks} is not
   * empty, the blocked-points bounds otherwise.
   *
   * @param blocks the blocks with their solved tables (empty: no blocks)
   * @param results block k's solved subproblems by rank: each entry (the same as {@code
   *     blocks.get(k).entries()}) with its optimum
   * @param bounds the keys of the subproblems
   */
  public record Tables(
      List<Block> blocks, List<PackedResults> results, Subproblems.Bounds bounds) {
    /** Copies the lists. */
    public Tables {
      blocks = List.copyOf(blocks);
      results = List.copyOf(results);
      if (blocks.size() != results.size()) {
        throw new IllegalArgumentException(
            blocks.size() + " blocks but " + results.size() + " tables of results");
      }
    }
  }

  /**
   * The tables of a run: if {@code useBlocks} and {@link #partition} finds blocks, every block's
   * subproblems solved exactly (in parallel), and the block-bound keys; otherwise no blocks and
   * the blocked-points keys.
   *
   * <p><b>Cost.</b> The block subproblems' solves (at most 1/{@value #TABLE_SHARE} of the
   * subproblems' count, each over a block's points), plus O(P D^2) to choose the blocks.
   */
  public static Tables tables(
      Dataset data, PatternSet ps, int width, Loss loss, boolean outputBias, boolean useBlocks) {
    return tables(data, ps, width, loss, outputBias,
        useBlocks ? blocksOf(data, ps, width, loss) : new int[0][]);
  }

  /**
   * The blocks a run takes: those of {@link #partition}, unless its losses are too large for the
   * keys' grid ({@link #fitsKeys}); none then.
   */
  public static int[][] blocksOf(Dataset data, PatternSet ps, int width, Loss loss) {
    return fitsKeys(data, loss) ? partition(ps, data.size(), width) : new int[0][];
  }

  /**
   * The tables for the given blocks (disjoint sets of increasing point indices), for tests that
   * choose their own blocks. None, or losses too large for the keys' grid (a mean loss at 0 of
   * 2^60 or more), give the blocked-points keys.
   */
  static Tables tables(
      Dataset data, PatternSet ps, int width, Loss loss, boolean outputBias, int[][] parts) {
    if (parts.length == 0 || !fitsKeys(data, loss)) {
      return blockedPoints(data, ps, loss, outputBias);
    }
    List<PatternSet> patterns = new ArrayList<>();
    List<PackedResults> results = new ArrayList<>();
    for (int[] points : parts) {
      Dataset sub = restrict(data, points);
      PatternSet rs = restrict(ps, points);
      List<int[]> specs = ErmSolver.subproblems(rs.size(), width);
      PackedResults table = new PackedResults(specs.size());
      IntStream.range(0, specs.size()).parallel().forEach(i -> {
        int[] spec = specs.get(i);
        int[] pats = Arrays.copyOfRange(spec, 1, spec.length);
        Loss.Solution s = loss.solve(sub, rs, spec[0], pats, outputBias);
        table.put(new ErmSolver.Solved(
            i, new ErmCertificate.Entry(spec[0], pats, s.u(), s.lambda()), s.value(),
            new Rational[0]));
      });
      patterns.add(rs);
      results.add(table);
    }
    return of(data, ps, width, loss, Arrays.asList(parts), patterns, results);
  }

  /** The blocked-points keys and no blocks. */
  public static Tables blockedPoints(
      Dataset data, PatternSet ps, Loss loss, boolean outputBias) {
    return new Tables(List.of(), List.of(),
        new Subproblems.BlockedBounds(data, ps, outputBias, loss));
  }

  /**
   * Whether the block keys' grid holds this data's losses: a mean loss at 0 below 2^60 (else
   * the run takes the blocked-points keys).
   */
  static boolean fitsKeys(Dataset data, Loss loss) {
    return Rationals.ceiling(Keys.meanLossAtZero(data, loss)).bitLength() <= Keys.MAX_SCALE - 2;
  }

  /**
   * The tables of solved blocks (from {@link #tables} or read from a file): block k has the given
   * points, restricted patterns and results, one solved subproblem per rank in canonical order.
   *
   * @throws IllegalArgumentException if a pattern's restriction is not among its block's
   *     patterns, or a result is missing or pruned
   */
  public static Tables of(Dataset data, PatternSet ps, int width, Loss loss,
      List<int[]> points, List<PatternSet> patterns, List<PackedResults> results) {
    List<Block> blocks = new ArrayList<>();
    for (int k = 0; k < points.size(); k++) {
      blocks.add(new Block(points.get(k), patterns.get(k), results.get(k).entries()));
    }
    return new Tables(blocks, results, new Keys(data, ps, width, loss, blocks, results));
  }

  /**
   * The blocks the solver takes: the fewest K from 2 to D/2 for which the K runs of consecutive
   * points ({@code [k D / K, (k + 1) D / K)}) have tables of at most 1/{@value #TABLE_SHARE} of
   * the subproblems together; none if no K does.
   */
  static int[][] partition(PatternSet ps, int d, int width) {
    BigInteger budget =
        Subproblems.count(ps.size(), width).divide(BigInteger.valueOf(TABLE_SHARE));
    String[] signs = new String[ps.size()];
    for (int p = 0; p < signs.length; p++) {
      signs[p] = ps.get(p).signs();
    }
    for (int k = 2; k <= d / 2; k++) {
      int[][] parts = new int[k][];
      BigInteger table = BigInteger.ZERO;
      for (int b = 0; b < k; b++) {
        int from = (int) ((long) b * d / k);
        int to = (int) ((long) (b + 1) * d / k);
        parts[b] = IntStream.range(from, to).toArray();
        Set<String> restrictions = new HashSet<>();
        for (String s : signs) {
          restrictions.add(s.substring(from, to));
        }
        table = table.add(Subproblems.count(restrictions.size(), width));
      }
      if (table.compareTo(budget) <= 0) {
        return parts;
      }
    }
    return new int[0][];
  }

  /**
   * The number of block subproblems of the blocks a run takes ({@link #blocksOf}; 0 if none):
   * what the tables hold, counted without solving them.
   */
  public static long tableEntries(Dataset data, PatternSet ps, int width, Loss loss) {
    long n = 0;
    for (int[] points : blocksOf(data, ps, width, loss)) {
      n += Subproblems.count(restrict(ps, points).size(), width).longValueExact();
    }
    return n;
  }

  /** The data of the given points only, in their order. */
  public static Dataset restrict(Dataset data, int[] points) {
    Rational[][] x = new Rational[points.length][];
    Rational[] y = new Rational[points.length];
    for (int i = 0; i < points.length; i++) {
      x[i] = data.x(points[i]);
      y[i] = data.y(points[i]);
    }
    return new Dataset(x, y);
  }

  /**
   * The distinct restrictions of the patterns to the given points, in the order of their first
   * appearance, without witnesses or refutations.
   */
  public static PatternSet restrict(PatternSet ps, int[] points) {
    Map<String, boolean[]> seen = new LinkedHashMap<>();
    for (int p = 0; p < ps.size(); p++) {
      boolean[] r = restriction(ps.get(p), points);
      seen.putIfAbsent(PatternSet.signs(r), r);
    }
    List<PatternSet.Pattern> list = new ArrayList<>();
    for (boolean[] r : seen.values()) {
      list.add(new PatternSet.Pattern(r, new Rational[0]));
    }
    return new PatternSet(list, List.of());
  }

  /** A pattern's activity at the given points. */
  public static boolean[] restriction(PatternSet.Pattern p, int[] points) {
    boolean[] r = new boolean[points.length];
    for (int i = 0; i < points.length; i++) {
      r[i] = p.active(points[i]);
    }
    return r;
  }

  /**
   * The block bounds as integer keys: block k adds {@code floor(2^s (|T_k| / D) V)} for the
   * optimum V of the subproblem's restriction, and {@code value(key) = key / 2^s}, a lower bound
   * of the block bound (each term is rounded down). The scale s is {@code 62 - bits(ceil(L_0))},
   * L_0 the mean loss at 0, so that {@code 2^s L_0 < 2^62}: every block optimum is at most its
   * block's mean loss at 0 (the zero net is feasible), so the keys fit in a {@code long}. It is
   * at least 2 ({@link #tables} takes the blocked-points keys for larger losses).
   *
   * <p><b>Cost.</b> A key: for each block, w lookups, a sort of w indices and a rank ({@link
   * Subproblems.Ranks}).
   */
  public static final class Keys implements Subproblems.Bounds {
    /** {@code local[k][p]}: the index of pattern p's restriction among block k's patterns. */
    private final int[][] local;
    /** {@code term[k][r]}: the rounded, weighted optimum of block k's subproblem of rank r. */
    private final long[][] term;
    private final Subproblems.Ranks[] ranks;
    private final int scale;

    /** The scale for a mean loss at 0 below 1. */
    static final int MAX_SCALE = 62;

    /** {@code L_0 = (1/D) sum_j l(0, y_j)}. */
    public static Rational meanLossAtZero(Dataset data, Loss loss) {
      Rational l0 = Rational.ZERO;
      for (int j = 0; j < data.size(); j++) {
        l0 = l0.add(loss.value(Rational.ZERO, data.y(j)));
      }
      return l0.divide(Rational.of(data.size()));
    }

    Keys(Dataset data, PatternSet ps, int width, Loss loss, List<Block> blocks,
        List<PackedResults> results) {
      scale = MAX_SCALE - Rationals.ceiling(meanLossAtZero(data, loss)).bitLength();
      if (scale < 2) {
        throw new IllegalArgumentException("the losses are too large for the block keys' grid"
            + " (a mean loss at 0 of 2^60 or more)");
      }
      Rational unit = Rational.of(BigInteger.ONE.shiftLeft(scale));
      int k = blocks.size();
      local = new int[k][];
      term = new long[k][];
      ranks = new Subproblems.Ranks[k];
      for (int b = 0; b < k; b++) {
        Block block = blocks.get(b);
        int[] points = block.points();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int r = 0; r < block.patterns().size(); r++) {
          index.putIfAbsent(block.patterns().get(r).signs(), r);
        }
        local[b] = new int[ps.size()];
        for (int p = 0; p < ps.size(); p++) {
          Integer r = index.get(PatternSet.signs(restriction(ps.get(p), points)));
          if (r == null) {
            throw new IllegalArgumentException(
                "pattern " + p + " has no restriction among block " + b + "'s patterns");
          }
          local[b][p] = r;
        }
        Rational weight = unit.multiply(Rational.of(points.length, data.size()));
        PackedResults table = results.get(b);
        long[] t = new long[table.size()];
        // each term on its own (in parallel: 858,486 of them at squared D = 60, which took 6 s
        // of one thread); the first missing or pruned one in order is reported
        AtomicInteger missing = new AtomicInteger(Integer.MAX_VALUE);
        IntStream.range(0, t.length).parallel().forEach(r -> {
          Rational v = table.has(r) ? table.value(r) : null;
          if (v == null) {
            missing.accumulateAndGet(r, Math::min);
          } else {
            t[r] = Rationals.floor(v.multiply(weight)).longValueExact();
          }
        });
        int first = missing.get();
        if (first < t.length) {
          throw new IllegalArgumentException("block " + b + "'s subproblem " + first + " is "
              + (table.has(first) ? "pruned" : "missing"));
        }
        term[b] = t;
        ranks[b] = new Subproblems.Ranks(block.patterns().size(), width);
      }
    }

    @Override
    public BigInteger key(int plus, int[] patterns) {
      int w = patterns.length;
      int[] loc = new int[w];
      long sum = 0;
      for (int b = 0; b < local.length; b++) {
        int[] of = local[b];
        for (int i = 0; i < w; i++) {
          // insertion into its sign group's sorted run (the groups are a few units each)
          int v = of[patterns[i]];
          int from = i < plus ? 0 : plus;
          int k = i;
          while (k > from && loc[k - 1] > v) {
            loc[k] = loc[k - 1];
            k--;
          }
          loc[k] = v;
        }
        sum = Math.addExact(sum, term[b][(int) ranks[b].rank(plus, loc)]);
      }
      return BigInteger.valueOf(sum);
    }

    @Override
    public Rational value(BigInteger key) {
      // this table's keys fit in a long (see above): reduced in long, one binary gcd; any other
      // key (the interface takes any) in BigInteger
      return key.bitLength() < Long.SIZE ? Rational.of(key.longValue(), 1L << scale)
          : Rational.of(key).divide(Rational.of(BigInteger.ONE.shiftLeft(scale)));
    }

    /** {@code ceil(r 2^s)}. */
    @Override
    public BigInteger bar(Rational r) {
      return Rationals.ceiling(r.multiply(Rational.of(BigInteger.ONE.shiftLeft(scale))));
    }
  }
}
