package org.provablenets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provablenets.testutil.Q.q;
import static org.provablenets.testutil.Q.v;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.provablenets.exact.Rational;
import org.provablenets.gate.FiniteDistribution;

/**
 * Reading T2 supports (and the sample-index and trajectory files of {@code gate compare}):
 * exact numbers, headers, comments, symmetrisation and its indexing, and every bad input.
 */
class SupportCsvTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private static Rational[][] rows(String text) {
    return SupportCsv.readRows(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "support.csv");
  }

  /** Asserts a one-sentence InputException starting with the source and naming each part. */
  private static void bad(String source, Executable e, String... expected) {
    InputException x = assertThrows(InputException.class, e);
    String m = x.getMessage();
    assertTrue(m.startsWith(source + ": "), m);
    assertFalse(m.contains("\n"), m);
    for (String part : expected) {
      assertTrue(m.contains(part), () -> "'" + part + "' in: " + m);
    }
  }

  private static void bad(String text, String... expected) {
    bad("support.csv", () -> rows(text), expected);
  }

  @Test
  void numbersAreExactAndHeadersCommentsAndBlanksAreSkipped() {
    Rational[][] r = rows("\uFEFF# a support\nx1, x2\n\n1,0.1\n  # indented comment\n-3/7 ,1e-3\n");
    assertEquals(2, r.length);
    assertArrayEquals(v("1 1/10"), r[0]);
    assertArrayEquals(v("-3/7 1/1000"), r[1]);
    assertArrayEquals(new Rational[] {q("5")}, rows("5\n")[0]);
  }

  @Test
  void symmetrisedByDefaultWithIndices2rAnd2rPlus1() {
    Rational[][] r = rows("1,0\n0,2\n");
    FiniteDistribution sym = SupportCsv.distribution(r, false);
    assertEquals(4, sym.size());
    assertTrue(sym.isSymmetric());
    assertArrayEquals(v("0 2"), sym.point(SupportCsv.index(1, false, false)));
    assertArrayEquals(v("0 -2"), sym.point(SupportCsv.index(1, true, false)));
    assertEquals(2, SupportCsv.index(1, false, false));
    assertEquals(3, SupportCsv.index(1, true, false));
    FiniteDistribution asym = SupportCsv.distribution(r, true);
    assertEquals(2, asym.size());
    assertFalse(asym.isSymmetric());
    assertEquals(1, SupportCsv.index(1, false, true));
    assertArrayEquals(v("0 2"), asym.point(1));
  }

  @Test
  void aZeroPointBesideOthersIsAllowed() {
    assertEquals(2, rows("0,0\n1,1\n").length);
  }

  @Test
  void emptySupport() {
    bad("", "has no support points", "x1,...,xd");
    bad("# only a comment\n\n", "has no support points");
    bad("x1,x2\n", "has no support points");
  }

  @Test
  void zeroVectorAsTheOnlyPoint() {
    bad("0,0\n", "line 1, column 1", "the only support point is the zero vector");
    bad("# c\n0\n0.0\n-0\n", "line 2, column 1", "all 3 rows are zero");
  }

  @Test
  void raggedRows() {
    bad("1,2\n3\n", "line 2 has 1 column, but line 1 has 2");
    bad("1,2\n3,4,5\n", "line 2 has 3 columns");
    bad("1,2\n3,\n", "line 2, column 2 is empty");
  }

  @Test
  void nonNumbersNanAndInfinity() {
    bad("1,2\n3,abc\n", "line 2, column 2 is invalid", "\"abc\" is not a number");
    bad("1,2\nNaN,1\n", "line 2, column 1", "not a finite number");
    bad("1,2\n1,-Infinity\n", "line 2, column 2", "not a finite number");
    bad("x,nan\n", "line 1, column 2", "not a finite number");
    bad("1,2\n1,1/0\n", "line 2, column 2", "zero denominator");
  }

  @Test
  void missingFileIsNamed() {
    Path p = dir.resolve("missing.csv");
    bad(p.toString(), () -> SupportCsv.read(p, false), "no such file");
  }

  @Test
  void sampleIndicesAreWholeAndInRange() throws IOException {
    Path ok = write("idx.csv", "# step 1\ni1,i2\n0,5\n3,3\n");
    int[][] idx = GateCsv.readIndices(ok, 6, true);
    assertEquals(2, idx.length);
    assertArrayEquals(new int[] {0, 5}, idx[0]);
    Path big = write("big.csv", "0\n6\n");
    bad(big.toString(), () -> GateCsv.readIndices(big, 6, true), "line 2, column 1 is 6",
        "indices 0..5", "2r to x and 2r+1 to -x");
    Path neg = write("neg.csv", "-1\n");
    bad(neg.toString(), () -> GateCsv.readIndices(neg, 6, false), "line 1, column 1 is -1",
        "row r is index r");
    Path frac = write("frac.csv", "1.5\n");
    bad(frac.toString(), () -> GateCsv.readIndices(frac, 6, true), "is 3/2",
        "expected a whole support index");
    Path ragged = write("ragged.csv", "1,2\n3\n");
    bad(ragged.toString(), () -> GateCsv.readIndices(ragged, 6, true), "line 2 has 1 column");
    Path empty = write("empty.csv", "");
    bad(empty.toString(), () -> GateCsv.readIndices(empty, 6, true), "has no steps");
  }

  @Test
  void trajectoryDecimalsAreReadExactly() throws IOException {
    Path ok = write("ext.csv", "w1,w2\n0.30000001192092896,-1e-3\n");
    Rational[][] t = GateCsv.readTrajectory(ok, 2);
    assertEquals(q("30000001192092896/100000000000000000"), t[0][0]);
    assertEquals(q("-1/1000"), t[0][1]);
    Path wrong = write("wrong.csv", "1,2,3\n");
    bad(wrong.toString(), () -> GateCsv.readTrajectory(wrong, 2), "line 1 has 3 columns",
        "dimension 2");
  }
}
