package org.provablenets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code provnets bench} on a tiny instance: the table's columns and one row (times are not
 * checked: speed is measured by the benchmark, never asserted in a test), and bad instances.
 */
class BenchCommandTest {
  @Test
  void tinyInstanceGivesOneRowWithTheNaiveCountAndItsExtrapolation() {
    MainTest.Run r = MainTest.run("bench", "--sample", "3", "--instances", "5:1:1");
    assertEquals(0, r.code, () -> r.out + r.err);
    String[] lines = r.out.split("\n");
    assertTrue(lines[0].contains("exact us/sp") && lines[0].contains("naive s (est)"), r.out);
    String row = lines[1].trim();
    assertTrue(row.startsWith("(5,1,1)"), r.out);
    String[] cells = row.split("\\s+");
    // The naive enumeration of one unit: 2^5 subsets for each of the 2 signs of its outer
    // weight = 64 subproblems; the repaired share is a percentage.
    assertEquals("64", cells[cells.length - 2], r.out);
    assertTrue(cells[cells.length - 3].endsWith("%"), r.out);
    assertTrue(r.out.contains("an extrapolation, not run"), r.out);
  }

  @Test
  void absoluteAndHingeLossTimeTheLpPaths() {
    for (String loss : new String[] {"absolute", "hinge"}) {
      MainTest.Run r =
          MainTest.run("bench", "--sample", "3", "--instances", "5:1:1", "--loss", loss);
      assertEquals(0, r.code, () -> r.out + r.err);
      String[] lines = r.out.split("\n");
      assertTrue(lines[0].contains("simplex us/sp") && !lines[0].contains("lemke"), r.out);
      assertTrue(lines[1].trim().startsWith("(5,1,1)"), r.out);
      assertTrue(r.out.contains("loss: " + loss + ";"), r.out);
    }
  }

  @Test
  void badInstancesAreExitTwo() {
    MainTest.assertUsageOrInputError(MainTest.run("bench", "--instances", "5:1"), "5:1");
    MainTest.assertUsageOrInputError(
        MainTest.run("bench", "--instances", "5:1:1,5:1:1:9"), "5:1:1:9", "D:n:w");
    MainTest.assertUsageOrInputError(
        MainTest.run("bench", "--instances", "5:1:9"), "out of range");
    MainTest.assertUsageOrInputError(MainTest.run("bench", "--sample", "0"), "--sample");
    MainTest.assertUsageOrInputError(MainTest.run("bench", "--loss", "cubic"), "cubic");
  }
}
