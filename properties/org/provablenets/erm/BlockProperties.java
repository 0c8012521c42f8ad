package org.provablenets.erm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.provablenets.cert.ErmChecker;
import org.provablenets.cert.Verdict;
import org.provablenets.exact.PropertySettings;
import org.provablenets.exact.Rational;
import org.provablenets.exact.linalg.QVectors;
import org.provablenets.io.ErmJson;

/**
 * Block bounds ({@link BlockBounds}, T1 step 8 of the proof notes) on random small instances: the
 * proposition (the weighted sum of the block optima is at most the subproblem's optimum), its
 * falsifier (blocks that share a point overstate it), and the certificates that prune with it
 * (they verify, give the unpruned minimum, read back byte for byte, and a corrupted block is
 * rejected). Reference optima come from {@link ErmProperties#subproblemOptimum} (the plain exact
 * simplex for the LP losses), not from the solver's path.
 */
class BlockProperties {
  private static final long SEED = 1611_02023L;

  /**
   * Random disjoint blocks of the D points: each point goes to one of K = 1..3 blocks or, with
   * {@code uncovered}, sometimes to none; empty blocks are dropped.
   */
  static int[][] randomBlocks(RandomData g, int d, boolean uncovered) {
    int k = 1 + g.rnd.nextInt(3);
    List<List<Integer>> parts = new ArrayList<>();
    for (int b = 0; b < k; b++) {
      parts.add(new ArrayList<>());
    }
    for (int j = 0; j < d; j++) {
      int b = g.rnd.nextInt(uncovered ? k + 1 : k);
      if (b < k) {
        parts.get(b).add(j);
      }
    }
    return parts.stream().filter(p -> !p.isEmpty())
        .map(p -> p.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
  }

  /**
   * The block bound from its definition: {@code sum_k (|T_k| / D) V_k}, each V_k the exact optimum
   * of the subproblem's restriction to block k (the block's data, the restricted patterns).
   */
  static Rational blockBound(Dataset d, PatternSet ps, int plus, int[] pats, boolean bias,
      Loss loss, int[][] blocks) {
    Rational sum = Rational.ZERO;
    for (int[] block : blocks) {
      Dataset sub = BlockBounds.restrict(d, block);
      PatternSet rs = BlockBounds.restrict(ps, block);
      int[] local = new int[pats.length];
      for (int i = 0; i < pats.length; i++) {
        String s = PatternSet.signs(BlockBounds.restriction(ps.get(pats[i]), block));
        local[i] = IntStream.range(0, rs.size()).filter(r -> rs.get(r).signs().equals(s))
            .findFirst().orElseThrow();
      }
      Rational v = ErmProperties.subproblemOptimum(sub, rs, plus, local, bias, loss);
      sum = sum.add(v.multiply(Rational.of(block.length, d.size())));
    }
    return sum;
  }

  @Test
  @DisplayName("T1 block bounds are lower bounds: the weighted block optima never exceed a subproblem's optimum")
  void blockBoundIsALowerBound() {
    long[] above = {0};
    qt().withExamples(PropertySettings.examples(12))
        .withFixedSeed(SEED)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomData g = new RandomData(seed);
              Loss loss = g.loss();
              int w = 1 + g.rnd.nextInt(2);
              boolean bias = g.rnd.nextBoolean();
              Dataset d = g.data(4 + g.rnd.nextInt(3), 1 + g.rnd.nextInt(2), loss);
              PatternSet ps = Patterns.enumerate(d);
              int[][] blocks = randomBlocks(g, d.size(), true);
              Subproblems.forEach(ps.size(), w, (plus, pats) -> {
                Rational bound = blockBound(d, ps, plus, pats, bias, loss, blocks);
                Rational opt = ErmProperties.subproblemOptimum(d, ps, plus, pats, bias, loss);
                assertTrue(bound.compareTo(opt) <= 0,
                    "seed " + seed + ": block bound " + bound + " > optimum " + opt);
                Rational blocked = Subproblems.blockedBound(d, ps, plus, pats, bias, loss);
                above[0] += bound.compareTo(blocked) > 0 ? 1 : 0;
              });
            });
    assertTrue(above[0] > 0, "the block bound never exceeded the blocked-points bound");
  }

  @Test
  @DisplayName("Falsifier: blocks that share a point overstate the bound (the blocks must be disjoint)")
  void overlappingBlocksOverstateTheBound() {
    // The dropped hypothesis is "disjoint blocks": a point in two blocks has its loss counted
    // twice, so the "bound" must exceed some subproblem's optimum.
    int refuted = 0;
    for (long seed = 0; seed < 20 && refuted == 0; seed++) {
      RandomData g = new RandomData(seed);
      Loss loss = g.loss();
      Dataset d = g.data(5, 1, loss);
      PatternSet ps = Patterns.enumerate(d);
      int[][] blocks = {{0, 1, 2}, {2, 3, 4}};
      int[] found = {0};
      Subproblems.forEach(ps.size(), 1, (plus, pats) -> {
        Rational bound = blockBound(d, ps, plus, pats, false, loss, blocks);
        if (bound.compareTo(
            ErmProperties.subproblemOptimum(d, ps, plus, pats, false, loss)) > 0) {
          found[0]++;
        }
      });
      refuted += found[0];
    }
    assertTrue(refuted > 0, "blocks sharing a point never overstated the bound");
  }

  @Test
  @DisplayName("T1 certificates pruned by block bounds verify, give the unpruned minimum and read back byte for byte")
  void blockPrunedCertificatesVerify() {
    long[] pruned = {0};
    qt().withExamples(PropertySettings.examples(8))
        .withFixedSeed(SEED + 1)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomData g = new RandomData(seed);
              Loss loss = g.loss();
              boolean bias = g.rnd.nextBoolean();
              // Width 2 on 5-6 points of a line: 165-300 subproblems, more than one round.
              Dataset d = g.data(5 + g.rnd.nextInt(2), 1, loss);
              PatternSet ps = Patterns.enumerate(d);
              int[][] blocks = randomBlocks(g, d.size(), false);
              ErmCertificate c = ErmSolver.solve(d, 2, loss, bias, ps, (a, b) -> {},
                  BlockBounds.tables(d, ps, 2, loss, bias, blocks));
              Verdict v = ErmChecker.check(d, c);
              assertTrue(v.accepted(), "seed " + seed + ": " + v);
              assertEquals(blocks.length, c.blocks().size(), "seed " + seed);
              pruned[0] += c.prunedCount();
              assertEquals(ErmProperties.leastOptimum(d, ps, 2, bias, loss), c.optimum(),
                  "seed " + seed);
              String text = ErmJson.write(c);
              ErmCertificate back = ErmJson.readCertificate(
                  new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "text");
              assertEquals(text, ErmJson.write(back), "seed " + seed + ": read back");
              assertTrue(ErmChecker.check(d, back).accepted(), "seed " + seed + ": read back");
            });
    assertTrue(pruned[0] > 0, "no subproblem was pruned by block bounds on any instance");
  }

  @Test
  @DisplayName("Falsifier: overlapping blocks, an inflated block dual point or a missing restriction is rejected")
  void checkerRejectsCorruptedBlocks() {
    qt().withExamples(PropertySettings.examples(6))
        .withFixedSeed(SEED + 2)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomData g = new RandomData(seed);
              Loss loss = g.loss();
              Dataset d = g.data(6, 1, loss);
              PatternSet ps = Patterns.enumerate(d);
              int[][] blocks = {{0, 1, 2}, {3, 4, 5}};
              ErmCertificate c = ErmSolver.solve(d, 2, loss, false, ps, (a, b) -> {},
                  BlockBounds.tables(d, ps, 2, loss, false, blocks));
              assertTrue(ErmChecker.check(d, c).accepted(), "seed " + seed);
              BlockBounds.Block b0 = c.blocks().get(0);
              BlockBounds.Block b1 = c.blocks().get(1);

              // 1. The second block shares point 2 with the first (its patterns widened to match).
              int[] shared = {2, 3, 4, 5};
              BlockBounds.Block overlapping = new BlockBounds.Block(
                  shared, BlockBounds.restrict(ps, shared), b1.entries());
              assertRejected(d, with(c, List.of(b0, overlapping)), "shares point", seed);

              // 2. A block entry's dual point doubled: no longer dual feasible (or a lower bound).
              List<ErmCertificate.Entry> entries = new ArrayList<>(b0.entries());
              int k = IntStream.range(0, entries.size())
                  .filter(i -> !QVectors.isZero(entries.get(i).lambda())).findFirst()
                  .orElse(-1);
              if (k >= 0) {
                ErmCertificate.Entry e = entries.get(k);
                entries.set(k, new ErmCertificate.Entry(
                    e.plus(), e.patterns(), e.u(), QVectors.scale(Rational.of(2), e.lambda())));
                assertRejected(d, with(c, List.of(
                    new BlockBounds.Block(b0.points(), b0.patterns(), entries), b1)),
                    "block 1's subproblem " + (k + 1), seed);
              }

              // 3. A block's pattern list without its last pattern.
              List<PatternSet.Pattern> fewer = new ArrayList<>(b1.patterns().patterns());
              fewer.remove(fewer.size() - 1);
              assertRejected(d, with(c, List.of(b0, new BlockBounds.Block(
                  b1.points(), new PatternSet(fewer, List.of()), b1.entries()))),
                  "block 2", seed);
            });
  }

  private static ErmCertificate with(ErmCertificate c, List<BlockBounds.Block> blocks) {
    return new ErmCertificate(c.digest(), c.width(), c.loss(), c.outputBias(), c.optimum(),
        c.net(), c.patterns(), c.entries(), blocks);
  }

  private static void assertRejected(Dataset d, ErmCertificate c, String naming, long seed) {
    Verdict v = ErmChecker.check(d, c);
    assertFalse(v.accepted(), "seed " + seed + ": accepted with a corrupted block");
    assertTrue(v.toString().contains(naming),
        "seed " + seed + ": the verdict does not name '" + naming + "': " + v);
  }
}
