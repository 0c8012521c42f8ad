package org.provablenets.erm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.provablenets.exact.PropertySettings;
import org.provablenets.exact.Rational;
import org.provablenets.io.ErmJson;

/**
 * The streaming solver ({@link ErmSolver#solveEach}, which keeps one chunk of subproblems at a
 * time) against the materialised one it replaced (below: every subproblem listed, keyed and
 * sorted at once), on random small instances, with chunks of one or two rounds so that a run
 * makes many passes, in shards and resumed from a random part of its results.
 */
class StreamingProperties {
  private static final long SEED = 1611_01707L;

  /**
   * The materialised reference: list every included subproblem with its key, sort
   * by (key, index), solve in rounds of {@link ErmSolver#ROUND} and, once a round's first bound is
   * at least the incumbent, record it and all later ones as pruned. Known results take their
   * places without being solved or handed on.
   */
  static Map<Integer, ErmSolver.Solved> materialised(Dataset data, Loss loss, PatternSet ps,
      int width, Subproblems.Bounds bounds, IntPredicate include,
      Map<Integer, ErmSolver.Solved> known) {
    List<int[]> specs = ErmSolver.subproblems(ps.size(), width);
    List<Integer> order = new ArrayList<>();
    BigInteger[] key = new BigInteger[specs.size()];
    for (int i = 0; i < specs.size(); i++) {
      if (include.test(i)) {
        order.add(i);
        key[i] = bounds.key(specs.get(i)[0], patterns(specs.get(i)));
      }
    }
    order.sort((a, b) -> {
      int c = key[a].compareTo(key[b]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    Map<Integer, ErmSolver.Solved> out = new HashMap<>();
    Rational best = null;
    for (int start = 0; start < order.size(); start += ErmSolver.ROUND) {
      if (best != null && bounds.value(key[order.get(start)]).compareTo(best) >= 0) {
        for (int k = start; k < order.size(); k++) {
          int i = order.get(k);
          if (!known.containsKey(i)) {
            int[] spec = specs.get(i);
            out.put(i, new ErmSolver.Solved(i,
                ErmCertificate.Entry.pruned(spec[0], patterns(spec)), bounds.value(key[i]),
                new Rational[0]));
          }
        }
        break;
      }
      List<ErmSolver.Solved> round = new ArrayList<>();
      for (int k = start; k < Math.min(order.size(), start + ErmSolver.ROUND); k++) {
        int i = order.get(k);
        ErmSolver.Solved r = known.get(i);
        if (r == null) {
          int[] spec = specs.get(i);
          Loss.Solution s = loss.solve(data, ps, spec[0], patterns(spec), false);
          r = new ErmSolver.Solved(i, new ErmCertificate.Entry(spec[0], patterns(spec), s.u(),
              s.lambda()), s.value(), s.t());
          out.put(i, r);
        }
        round.add(r);
      }
      for (ErmSolver.Solved r : round) {
        if (!r.entry.isPruned() && (best == null || r.value.compareTo(best) < 0)) {
          best = r.value;
        }
      }
    }
    return out;
  }

  /** A random small instance of both properties: D = 6-7 points in the plane, a random loss. */
  private record Instance(RandomData g, Loss loss, Dataset data, PatternSet patterns) {
    static Instance of(long seed) {
      RandomData g = new RandomData(seed);
      Loss loss = g.loss();
      Dataset d = g.data(6 + g.rnd.nextInt(2), 2, loss);
      return new Instance(g, loss, d, Patterns.enumerate(d));
    }
  }

  private static int[] patterns(int[] spec) {
    return Arrays.copyOfRange(spec, 1, spec.length);
  }

  private static void assertSame(ErmSolver.Solved a, ErmSolver.Solved b, String where) {
    assertEquals(a.index, b.index, where);
    assertEquals(a.entry.isPruned(), b.entry.isPruned(), where + ": pruned");
    assertEquals(a.entry.plus(), b.entry.plus(), where + ": plus");
    assertArrayEquals(a.entry.patterns(), b.entry.patterns(), where + ": patterns");
    assertArrayEquals(a.entry.u(), b.entry.u(), where + ": u");
    assertArrayEquals(a.entry.lambda(), b.entry.lambda(), where + ": lambda");
    assertEquals(a.value, b.value, where + ": value");
    assertArrayEquals(a.t, b.t, where + ": t");
  }

  @Test
  @DisplayName("T1 streaming: the chunked solver hands on exactly the materialised results, whole, in shards and resumed; whole certificates are byte-identical")
  void streamingEqualsMaterialised() {
    long[] manyPasses = {0};
    long[] prunedRuns = {0};
    long[] liftedRuns = {0};
    qt().withExamples(PropertySettings.examples(12))
        .withFixedSeed(SEED)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Instance in = Instance.of(seed);
              RandomData g = in.g();
              Loss loss = in.loss();
              Dataset d = in.data();
              PatternSet ps = in.patterns();
              int w = 2;
              int chunk = ErmSolver.ROUND * (1 + g.rnd.nextInt(2));
              int shards = 1 + g.rnd.nextInt(3);
              int shard = g.rnd.nextInt(shards);
              IntPredicate include = i -> i % shards == shard;
              // Keys of block bounds (random blocks) or of the blocked points.
              BlockBounds.Tables tables = BlockBounds.tables(d, ps, w, loss, false,
                  g.rnd.nextBoolean() ? BlockProperties.randomBlocks(g, d.size(), false)
                      : new int[0][]);
              // Half the time the keys from a random one up are moved past a long, so that the
              // solver compares keys of both kinds (as longs, and as BigIntegers).
              List<int[]> specs = ErmSolver.subproblems(ps.size(), w);
              int[] at = specs.get(g.rnd.nextInt(specs.size()));
              boolean lifted = g.rnd.nextBoolean();
              Subproblems.Bounds bounds = lifted
                  ? pastALong(tables.bounds(), tables.bounds().key(at[0], patterns(at)))
                  : tables.bounds();
              // An interrupted run: a random part of the results of the uninterrupted one.
              Map<Integer, ErmSolver.Solved> all =
                  materialised(d, loss, ps, w, bounds, include, Map.of());
              Map<Integer, ErmSolver.Solved> known = new HashMap<>();
              boolean resumed = g.rnd.nextBoolean();
              for (ErmSolver.Solved r : all.values()) {
                if (resumed && !r.entry.isPruned() && g.rnd.nextInt(3) == 0) {
                  known.put(r.index, r);
                }
              }
              Map<Integer, ErmSolver.Solved> expected =
                  materialised(d, loss, ps, w, bounds, include, known);
              Map<Integer, ErmSolver.Solved> got = new ConcurrentHashMap<>();
              ErmSolver.solveEach(d, loss, false, ps, w, bounds, include, known::get,
                  (done, total) -> {}, r -> {
                    if (got.put(r.index, r) != null) {
                      throw new AssertionError("subproblem " + r.index + " handed on twice");
                    }
                  }, chunk);
              String where = "seed " + seed + ", chunk " + chunk + ", shard " + (shard + 1) + "/"
                  + shards + (resumed ? ", resumed from " + known.size() : "") + ", "
                  + tables.blocks().size() + " blocks" + (lifted ? ", keys past a long" : "");
              liftedRuns[0] += lifted ? 1 : 0;
              assertEquals(expected.keySet(), got.keySet(), where + ": the results handed on");
              for (ErmSolver.Solved r : expected.values()) {
                assertSame(r, got.get(r.index), where + ", subproblem " + r.index);
              }
              long solved = expected.values().stream().filter(r -> !r.entry.isPruned()).count();
              manyPasses[0] += solved + known.size() > chunk ? 1 : 0;
              prunedRuns[0] += solved < expected.size() ? 1 : 0;
              if (shards == 1 && known.isEmpty()) {
                int count = Subproblems.count(ps.size(), w).intValueExact();
                PackedResults a = new PackedResults(count);
                PackedResults b = new PackedResults(count);
                expected.values().forEach(a::put);
                got.values().forEach(b::put);
                assertEquals(
                    ErmJson.write(ErmSolver.assemble(d, w, loss, false, ps, tables.blocks(), a)),
                    ErmJson.write(ErmSolver.assemble(d, w, loss, false, ps, tables.blocks(), b)),
                    where + ": the certificates");
              }
            });
    assertTrue(manyPasses[0] > 0, "no run took more than one pass");
    assertTrue(prunedRuns[0] > 0, "no run pruned anything");
    assertTrue(liftedRuns[0] > 0, "no run had keys past a long");
  }

  /**
   * The bounds with every key at or above {@code from} moved up by 2^70, past a {@code long}: a
   * strictly increasing map of the keys, with the values and bars moved with them, so the order,
   * the pruning and the results are those of {@code b}.
   */
  static Subproblems.Bounds pastALong(Subproblems.Bounds b, BigInteger from) {
    BigInteger lift = BigInteger.ONE.shiftLeft(70);
    return new Subproblems.Bounds() {
      @Override
      public BigInteger key(int plus, int[] patterns) {
        return up(b.key(plus, patterns));
      }

      @Override
      public Rational value(BigInteger key) {
        return b.value(key.compareTo(from.add(lift)) >= 0 ? key.subtract(lift) : key);
      }

      @Override
      public BigInteger bar(Rational r) {
        return up(b.bar(r));
      }

      private BigInteger up(BigInteger k) {
        return k.compareTo(from) >= 0 ? k.add(lift) : k;
      }
    };
  }

  @Test
  @DisplayName("Falsifier: with chunks that are not a whole number of rounds the streamed results differ from the materialised ones")
  void misalignedChunksChangeTheResults() {
    long[] differ = {0};
    qt().withExamples(PropertySettings.examples(12))
        .withFixedSeed(SEED + 1)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Instance in = Instance.of(seed);
              RandomData g = in.g();
              Loss loss = in.loss();
              Dataset d = in.data();
              PatternSet ps = in.patterns();
              int chunk = ErmSolver.ROUND / 2 + 1 + g.rnd.nextInt(ErmSolver.ROUND / 2 - 1);
              Map<Integer, ErmSolver.Solved> expected =
                  materialised(d, loss, ps, 2, new Subproblems.BlockedBounds(d, ps, false, loss),
                      i -> true, Map.of());
              Map<Integer, ErmSolver.Solved> got = new ConcurrentHashMap<>();
              ErmSolver.solveEach(d, loss, false, ps, 2,
                  new Subproblems.BlockedBounds(d, ps, false, loss), i -> true, i -> null,
                  (done, total) -> {}, r -> got.put(r.index, r), chunk);
              long a = expected.values().stream().filter(r -> r.entry.isPruned()).count();
              long b = got.values().stream().filter(r -> r.entry.isPruned()).count();
              differ[0] += a != b ? 1 : 0;
            });
    assertTrue(differ[0] > 0,
        "chunks that split rounds pruned as the materialised order on every instance");
  }
}
