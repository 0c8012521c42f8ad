package org.provablenets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The progress line's estimate, on a clock the test sets. */
class ProgressMeterTest {
  private static final long S = 1_000_000_000L;

  @Test
  @DisplayName("the time left is estimated from the solves only: the minute before the first"
      + " solve (enumeration, tables, passes) does not count")
  void clockStartsAtTheFirstSolve() {
    long[] now = {0};
    StringWriter out = new StringWriter();
    ProgressMeter m = new ProgressMeter(new PrintWriter(out), "erm", () -> now[0]);
    now[0] = 60 * S; // the meter was made a minute before the first solve
    m.update(1, 1_000_000);
    now[0] = 61 * S;
    m.update(500, 1_000_000); // within the first 2 s of solving: no line
    assertEquals("", out.toString());
    now[0] = 70 * S;
    m.update(10_001, 1_000_000); // 10,000 solves in 10 s: 990,000 left take 990 s
    assertEquals("erm: 10001 of at most 1000000 subproblems solved (the others are pruned), at"
        + " most about 16 min 30 s left" + System.lineSeparator(), out.toString());
    now[0] = 72 * S;
    m.update(12_001, 1_000_000); // within 5 s of the last line: no line
    assertEquals(1, out.toString().lines().count());
    now[0] = 80 * S;
    m.update(20_001, 40_001); // the total fell: 20,000 left at 1 ms each
    assertEquals("erm: 20001 of at most 40001 subproblems solved (the others are pruned), at most"
        + " about 20 s left", out.toString().lines().skip(1).findFirst().orElse(""));
  }

  @Test
  @DisplayName("durations are written in s, min and h")
  void durations() {
    assertEquals("59 s", ProgressMeter.duration(59));
    assertEquals("1 min 0 s", ProgressMeter.duration(60));
    assertEquals("1 h 1 min", ProgressMeter.duration(3_661));
  }
}
