package org.provablenets.erm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The memory pre-flight of {@link ErmPlan#within}: a run that cannot fit is refused up front. */
class ErmPlanTest {
  // Four points on a line: 8 patterns per unit (each threshold's prefix and suffix sets), so
  // width 2 has multichoose(8, 2) + 8 * 8 + multichoose(8, 2) = 36 + 64 + 36 = 136 subproblems.
  private static final Dataset LINE = ErmExamplesTest.data1d("0 1 2 3", "0 0 1 2");

  // A whole run of the 136 holds 28 bytes for each result (ErmPlan.BYTES_PER_HELD_RESULT): a
  // slot of 4 and a packed byte array of at least 4 bytes, 24 with its header.
  private static final long WHOLE = 136 * (4 + 24);

  @Test
  void theLeastBytesAddUpByHand() {
    assertEquals(3_808, WHOLE);
    assertEquals(BigInteger.valueOf(WHOLE), ErmPlan.leastBytes(BigInteger.valueOf(136), 0, 0));
    assertEquals(BigInteger.ZERO, ErmPlan.leastBytes(BigInteger.valueOf(136), 8, 0));
    assertEquals(BigInteger.valueOf(28_000_000L),
        ErmPlan.leastBytes(BigInteger.valueOf(1_000_000), 0, 0));
  }

  @Test
  void aRunThatFitsIsPlanned() {
    ErmPlan plan = ErmPlan.within(LINE, 2, Loss.SQUARED, false, 1_000_000, 0, true, WHOLE);
    assertEquals(136, plan.subproblems());
    assertEquals(8, plan.patterns().size());
  }

  @Test
  void aRunBeyondTheHeapIsRefusedWithTheCounts() {
    ErmPlan.RefusedException e = assertThrows(ErmPlan.RefusedException.class,
        () -> ErmPlan.within(LINE, 2, Loss.SQUARED, false, 1_000_000, 0, true, WHOLE - 1));
    assertEquals("width 2 on 4 points needs 136 subproblems (8 patterns per unit), and a run"
        + " holds at least 0.1 GiB for them, more than this JVM's heap limit of 0.0 GiB; give"
        + " Java more memory (java -Xmx...) or solve it in shards (--shard i/k), which write"
        + " their results to their files as they go",
        e.getMessage());
  }

  @Test
  void aShardIsPlannedWhateverTheHeap() {
    // The streaming solver holds no result of a shard (they go to its file): nothing to refuse.
    ErmPlan plan = ErmPlan.within(LINE, 2, Loss.SQUARED, false, 1_000_000, 8, true, 0);
    assertEquals(136, plan.subproblems());
  }

  @Test
  void everyRunHoldsItsBlockTables() {
    // Six points of a line at width 4: three blocks of two points, 990 block subproblems
    // (BlockBoundsTest), each a held result (28 bytes) and a key term (8): 35,640 bytes, which a
    // shard holds too.
    Dataset line = BlockBoundsTest.line();
    assertEquals(35_640, ErmPlan.leastBytes(BigInteger.valueOf(17_550), 8, 990).longValueExact());
    assertEquals(17_550, ErmPlan.within(line, 4, Loss.SQUARED, false, 1_000_000, 8, true, 35_640)
        .subproblems());
    ErmPlan.RefusedException e = assertThrows(ErmPlan.RefusedException.class,
        () -> ErmPlan.within(line, 4, Loss.SQUARED, false, 1_000_000, 8, true, 35_639));
    assertEquals("width 4 on 6 points needs 17550 subproblems (12 patterns per unit), and every"
        + " shard holds at least 0.1 GiB for its 990 block subproblems, more than this JVM's heap"
        + " limit of 0.0 GiB; give Java more memory (java -Xmx...)", e.getMessage());
    // Without block bounds it holds no tables.
    assertEquals(17_550,
        ErmPlan.within(line, 4, Loss.SQUARED, false, 1_000_000, 8, false, 0).subproblems());
  }

  @Test
  void aMergeBeyondTheHeapIsRefusedBeforeReadingTheShards() {
    // A merge holds every result, as a whole run does: the same 136 x 28 bytes.
    PatternSet ps = Patterns.enumerate(LINE);
    assertEquals(136, ErmPlan.forMerge(LINE, 2, Loss.SQUARED, false, ps, true, WHOLE)
        .subproblems());
    ErmPlan.RefusedException e = assertThrows(ErmPlan.RefusedException.class,
        () -> ErmPlan.forMerge(LINE, 2, Loss.SQUARED, false, ps, true, WHOLE - 1));
    assertEquals("width 2 on 4 points needs 136 subproblems (8 patterns per unit), and a merge"
        + " holds at least 0.1 GiB for them, more than this JVM's heap limit of 0.0 GiB; give"
        + " Java more memory (java -Xmx...)", e.getMessage());
  }

  @Test
  void theNeedRoundsUpAndTheLimitDown() {
    BigInteger two = BigInteger.ONE.shiftLeft(31); // -Xmx2g
    assertEquals("2.0 GiB", ErmPlan.gib(two, true));
    assertEquals("2.0 GiB", ErmPlan.gib(two, false));
    assertEquals("2.1 GiB", ErmPlan.gib(two.add(BigInteger.ONE), true));
    assertEquals("1.9 GiB", ErmPlan.gib(two.subtract(BigInteger.ONE), false));
    assertEquals("0.1 GiB", ErmPlan.gib(BigInteger.ONE, true));
    assertEquals("0.0 GiB", ErmPlan.gib(BigInteger.ONE, false));
  }
}
