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
  private static final long LEAST = 136 * ErmPlan.MIN_BYTES_PER_SUBPROBLEM;

  @Test
  void aRunThatFitsIsPlanned() {
    ErmPlan plan = ErmPlan.within(LINE, 2, Loss.SQUARED, false, 1_000_000, LEAST);
    assertEquals(136, plan.subproblems());
    assertEquals(8, plan.patterns().size());
  }

  @Test
  void aRunBeyondTheHeapIsRefusedWithTheCounts() {
    ErmPlan.RefusedException e = assertThrows(ErmPlan.RefusedException.class,
        () -> ErmPlan.within(LINE, 2, Loss.SQUARED, false, 1_000_000, LEAST - 1));
    assertEquals("width 2 on 4 points needs 136 subproblems (8 patterns per unit), and a run"
        + " holds at least 100 bytes per subproblem (0.1 GiB), more than this JVM's heap limit of"
        + " 0.0 GiB; give Java more memory (java -Xmx...)", e.getMessage());
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
    // D = 24, n = 3, w = 2: 33,558,528 subproblems at 100 bytes, 3.13 GiB.
    assertEquals("3.2 GiB", ErmPlan.gib(BigInteger.valueOf(3_355_852_800L), true));
  }
}
