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
import org.junit.jupiter.api.io.TempDir;
import org.provablenets.erm.Dataset;

/** Reading data sets from CSV and JSON: exact numbers, headers, comments, and every bad input. */
class DataCsvTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private static Dataset csv(String text) {
    return DataCsv.readCsv(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "data.csv");
  }

  /** Asserts a one-sentence InputException naming each expected part. */
  private static void bad(String text, String... expected) {
    InputException e = assertThrows(InputException.class, () -> csv(text));
    String m = e.getMessage();
    assertTrue(m.startsWith("data.csv: "), m);
    assertFalse(m.contains("\n"), m);
    for (String part : expected) {
      assertTrue(m.contains(part), () -> "'" + part + "' in: " + m);
    }
  }

  @Test
  void decimalsAreExactRationals() {
    Dataset d = csv("0.1,0.2\n1e-3,3/7\n-2.5E+1,+4\n.5,-0\n");
    assertEquals(4, d.size());
    assertEquals(1, d.dimension());
    assertEquals(q("1/10"), d.x(0)[0]);
    assertEquals(q("1/5"), d.y(0));
    assertEquals(q("1/1000"), d.x(1)[0]);
    assertEquals(q("3/7"), d.y(1));
    assertEquals(q("-25"), d.x(2)[0]);
    assertEquals(q("4"), d.y(2));
    assertEquals(q("1/2"), d.x(3)[0]);
    assertEquals(q("0"), d.y(3));
  }

  @Test
  void headerCommentsBlankLinesAndSpaces() {
    Dataset d =
        csv("\uFEFF# a comment\n\n  x1 , x2 ,label\r\n# another\n1, 2 ,3\r\n\n  4,5,6  \n");
    assertEquals(2, d.size());
    assertEquals(2, d.dimension());
    assertArrayEquals(v("1 2"), d.x(0));
    assertEquals(q("3"), d.y(0));
    assertArrayEquals(v("4 5"), d.x(1));
    assertEquals(q("6"), d.y(1));
  }

  @Test
  void noHeader() {
    Dataset d = csv("1,2\n3,4");
    assertEquals(2, d.size());
    assertEquals(q("4"), d.y(1));
  }

  @Test
  void raggedRows() {
    bad("x,y\n1,2\n3\n", "line 3 has 1 column", "line 1 has 2");
    bad("1,2\n3,4,5\n", "line 2 has 3 columns", "line 1 has 2");
  }

  @Test
  void nonNumbers() {
    bad("x,y\n1,2\n3,abc\n", "line 3, column 2", "\"abc\" is not a number");
    bad("x,y\n1,\n", "line 2, column 2 is empty");
    bad("x,y\n1,0x10\n", "line 2, column 2", "not a number");
    bad("x,y\n1,1e999999\n", "line 2, column 2", "exponent");
  }

  @Test
  void nanAndInfinity() {
    bad("x,y\n1,NaN\n", "line 2, column 2", "not a finite number");
    bad("x,y\n-Infinity,1\n", "line 2, column 1", "not a finite number");
    bad("1,inf\n", "line 1, column 2", "not a finite number");
    bad("x,NaN\n1,2\n", "line 1, column 2", "not a finite number");
  }

  @Test
  void headerMixingNamesAndNumbers() {
    bad("x,3\n1,2\n", "line 1, column 2 is the number \"3\"", "column 1 is the name \"x\"");
    bad("x,,y\n1,2,3\n", "line 1, column 2 is empty", "header");
  }

  @Test
  void fewerThanTwoColumns() {
    bad("y\n1\n2\n", "line 1 has 1 column", "at least 2");
    bad("# c\n5\n", "line 2 has 1 column", "at least 2");
  }

  @Test
  void noDataRows() {
    bad("", "no data rows (D = 0)");
    bad("# only a comment\n\n", "no data rows (D = 0)");
    bad("x,y\n", "no data rows (D = 0)");
  }

  @Test
  void filesByName() throws IOException {
    Path c = write("d.csv", "x,y\n0.1,1\n");
    assertEquals(q("1/10"), DataCsv.read(c).x(0)[0]);
    Path j = write("d.JSON", "{\"x\": [[0.1, \"3/7\"], [2, -1e-2]], \"y\": [\"1/3\", 0.5]}");
    Dataset d = DataCsv.read(j);
    assertEquals(2, d.size());
    assertEquals(2, d.dimension());
    assertArrayEquals(v("1/10 3/7"), d.x(0));
    assertArrayEquals(v("2 -1/100"), d.x(1));
    assertEquals(q("1/3"), d.y(0));
    assertEquals(q("1/2"), d.y(1));
  }

  @Test
  void missingFileAndDirectory() {
    Path missing = dir.resolve("missing.csv");
    InputException e = assertThrows(InputException.class, () -> DataCsv.read(missing));
    assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    InputException d = assertThrows(InputException.class, () -> DataCsv.read(dir));
    assertTrue(d.getMessage().contains("is a directory"), d.getMessage());
  }

  @Test
  void notUtf8() throws IOException {
    Path p = dir.resolve("latin1.csv");
    Files.write(p, new byte[] {'x', ',', 'y', '\n', (byte) 0xe9, ',', '1', '\n'});
    InputException e = assertThrows(InputException.class, () -> DataCsv.read(p));
    assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
  }

  private void badJson(String json, String... expected) throws IOException {
    Path p = write("bad.json", json);
    InputException e = assertThrows(InputException.class, () -> DataCsv.read(p));
    String m = e.getMessage();
    assertTrue(m.startsWith(p.toString() + ": "), m);
    for (String part : expected) {
      assertTrue(m.contains(part), () -> "'" + part + "' in: " + m);
    }
  }

  @Test
  void badJsonData() throws IOException {
    badJson("{\"x\": [[1], [2, 3]], \"y\": [1, 2]}", "x[1] has 2 entries", "x[0] has 1");
    badJson("{\"x\": [[1], [2]], \"y\": [1]}", "y has 1 entries", "x has 2");
    badJson("{\"x\": [], \"y\": []}", "x is empty (D = 0)");
    badJson("{\"x\": [[]], \"y\": [1]}", "x[0] is empty");
    badJson("{\"x\": [[1]]}", "y is missing");
    badJson("{\"x\": [[NaN]], \"y\": [1]}", "x[0][0]", "not a finite number");
    badJson("{\"x\": [[1]], \"y\": [\"abc\"]}", "y[0]", "not a number");
    badJson("{\"x\": [[1]], \"y\": [1], \"z\": 0}", "z is not a known field");
    badJson("{\"x\": [1], \"y\": [1]}", "x[0] must be a JSON array");
    badJson("{\"x\": [[1]], \"y\": [1]", "malformed JSON");
  }
}
