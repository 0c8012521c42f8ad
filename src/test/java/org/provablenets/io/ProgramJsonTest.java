package org.provablenets.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.provablenets.cert.CertificateChecker;
import org.provablenets.cert.Verdict;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.exact.lp.LinearProgram;
import org.provablenets.exact.lp.LpResult;
import org.provablenets.exact.lp.Relation;
import org.provablenets.exact.qp.QpResult;
import org.provablenets.exact.qp.QuadraticProgram;

/** Reading programs from JSON: exact numbers, defaults, and one clear sentence per bad input. */
class ProgramJsonTest {
  @TempDir Path dir;

  private Path write(String name, String json) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, json, StandardCharsets.UTF_8);
    return p;
  }

  private static Rational q(String s) {
    return Rationals.parse(s);
  }

  /** Asserts that reading the LP fails with one line naming the file and each expected part. */
  private void lpRejected(String json, String... expected) throws IOException {
    Path p = write("bad-lp.json", json);
    InputException e = assertThrows(InputException.class, () -> ProgramJson.readLp(p));
    assertOneSentence(e.getMessage(), p.toString(), expected);
  }

  /** Asserts that reading the QP fails with one line naming the file and each expected part. */
  private void qpRejected(String json, String... expected) throws IOException {
    Path p = write("bad-qp.json", json);
    InputException e = assertThrows(InputException.class, () -> ProgramJson.readQp(p));
    assertOneSentence(e.getMessage(), p.toString(), expected);
  }

  private static void assertOneSentence(String message, String file, String... expected) {
    assertTrue(message.startsWith(file + ": "), () -> "names the file first: " + message);
    assertFalse(message.contains("\n") || message.contains("\r"), () -> "one line: " + message);
    assertFalse(message.contains("Exception"), () -> "no exception names: " + message);
    assertFalse(message.contains("[Source:"), () -> "no Jackson source dump: " + message);
    for (String part : expected) {
      assertTrue(message.contains(part), () -> "mentions '" + part + "': " + message);
    }
  }

  // ---- exact numbers ----

  @Test
  void jsonNumberPointOneIsExactlyOneTenth() throws IOException {
    LinearProgram lp = ProgramJson.readLp(write("lp.json", "{\"objective\": [0.1, 0.2]}"));
    Rational[] c = lp.c();
    assertEquals(Rationals.of(1, 10), c[0]);
    assertEquals(Rationals.of(3, 10), c[0].add(c[1]), "0.1 + 0.2 = 3/10 exactly");
  }

  @Test
  void numbersMayBeJsonNumbersOrStringsInEveryForm() throws IOException {
    LinearProgram lp =
        ProgramJson.readLp(
            write(
                "lp.json",
                "{\"objective\": [\"3/7\", \"-0.25\", \"1e-3\", 1e-3, -2.5E+2,"
                    + " 123456789012345678901234567890, 0.30000000000000000000001, \" 7 \"]}"));
    Rational[] c = lp.c();
    assertEquals(Rationals.of(3, 7), c[0]);
    assertEquals(Rationals.of(-1, 4), c[1]);
    assertEquals(Rationals.of(1, 1000), c[2]);
    assertEquals(Rationals.of(1, 1000), c[3]);
    assertEquals(Rationals.of(-250), c[4]);
    assertEquals(q("123456789012345678901234567890"), c[5]);
    assertEquals(q("30000000000000000000001/100000000000000000000000"), c[6]);
    assertEquals(Rationals.of(7), c[7]);
  }

  @Test
  void lpFieldsAndDefaults() throws IOException {
    LinearProgram lp =
        ProgramJson.readLp(
            write(
                "lp.json",
                "{\"description\": \"a test\", \"objective\": [1, 2],"
                    + " \"constraints\": [{\"coefficients\": [1, 1], \"relation\": \">=\","
                    + " \"rhs\": \"1/2\"}, {\"coefficients\": [1, -1], \"relation\": \"==\","
                    + " \"rhs\": 0}]}"));
    assertEquals(2, lp.variables());
    assertEquals(2, lp.constraints());
    assertEquals(Relation.GE, lp.relation(0));
    assertEquals(Relation.EQ, lp.relation(1));
    assertEquals(Rationals.of(1, 2), lp.b(0));
    assertEquals(Rationals.of(-1), lp.a().get(1, 1));
    assertEquals(Rational.ZERO, lp.lower(0), "lower bounds default to 0");
    assertEquals(Rational.ZERO, lp.lower(1));
  }

  @Test
  void lowerNullMarksAFreeVariableAndConstraintsAreOptional() throws IOException {
    LinearProgram lp =
        ProgramJson.readLp(write("lp.json", "{\"objective\": [1, 2], \"lower\": [null, -3]}"));
    assertEquals(0, lp.constraints());
    assertNull(lp.lower(0));
    assertEquals(Rationals.of(-3), lp.lower(1));
  }

  @Test
  void qpFieldsAndDefaults() throws IOException {
    QuadraticProgram qp =
        ProgramJson.readQp(write("qp.json", "{\"Q\": [[1, 0], [0, 0]], \"c\": [0.5, \"-1/3\"]}"));
    assertEquals(2, qp.variables());
    assertEquals(Rational.ZERO, qp.k(), "k defaults to 0");
    assertEquals(0, qp.g().rows());
    assertEquals(2, qp.g().cols());
    assertEquals(0, qp.e().rows());
    assertEquals(Rationals.of(-1, 3), qp.c()[1]);
    QuadraticProgram full =
        ProgramJson.readQp(
            write(
                "qp2.json",
                "{\"Q\": [[2]], \"c\": [1], \"k\": 0.1, \"G\": [[1], [-1]], \"h\": [0, -5],"
                    + " \"E\": [[3]], \"f\": [1]}"));
    assertEquals(Rationals.of(1, 10), full.k());
    assertEquals(2, full.g().rows());
    assertEquals(Rationals.of(-5), full.h()[1]);
    assertEquals(1, full.e().rows());
  }

  // ---- the embedded tour instances, with certificates verified by hand ----

  private static InputStream tour(String name) {
    return Objects.requireNonNull(
        ProgramJsonTest.class.getResourceAsStream("/org/provablenets/tour/" + name), name);
  }

  @Test
  void tourLpHasTheHandVerifiedOptimum() throws IOException {
    LinearProgram lp;
    try (InputStream in = tour("lp.json")) {
      lp = ProgramJson.readLp(in, "tour/lp.json");
    }
    assertEquals(3, lp.variables());
    assertEquals(4, lp.constraints());
    assertNull(lp.lower(2), "x3 is free");
    // x = (2/3, 8/3, -1/3), y = (11/3, -4/3, 0, -2/3): c'x = b'y = 23/3.
    LpResult r =
        LpResult.optimal(
            new Rational[] {q("2/3"), q("8/3"), q("-1/3")},
            new Rational[] {q("11/3"), q("-4/3"), q("0"), q("-2/3")},
            q("23/3"));
    Verdict v = CertificateChecker.checkLp(lp, r);
    assertTrue(v.accepted(), v::toString);
  }

  @Test
  void tourQpHasSingularQAndTheHandVerifiedOptimum() throws IOException {
    QuadraticProgram qp;
    try (InputStream in = tour("qp.json")) {
      qp = ProgramJson.readQp(in, "tour/qp.json");
    }
    assertEquals(Rational.ZERO, org.provablenets.exact.linalg.Elimination.determinant(qp.q()));
    // x = (1, 0), lambda = (2, 0): Qx + c = (-2, -2) = G'lambda; optimum 1/2.
    QpResult r =
        QpResult.optimal(
            new Rational[] {q("1"), q("0")},
            new Rational[] {q("2"), q("0")},
            new Rational[0],
            q("1/2"));
    Verdict v = CertificateChecker.checkQp(qp, r);
    assertTrue(v.accepted(), v::toString);
  }

  // ---- files and JSON syntax ----

  @Test
  void missingFile() {
    Path p = dir.resolve("no-such-file.json");
    InputException e = assertThrows(InputException.class, () -> ProgramJson.readLp(p));
    assertOneSentence(e.getMessage(), p.toString(), "no such file");
    InputException e2 = assertThrows(InputException.class, () -> ProgramJson.readQp(p));
    assertOneSentence(e2.getMessage(), p.toString(), "no such file");
  }

  @Test
  void directoryIsNotAFile() {
    InputException e = assertThrows(InputException.class, () -> ProgramJson.readLp(dir));
    assertOneSentence(e.getMessage(), dir.toString(), "directory");
  }

  @Test
  void emptyFile() throws IOException {
    lpRejected("  \n", "empty");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"objective\": [1, 2] | malformed JSON at line 1",
        "{\"objective\": [1, 2,]} | malformed JSON at line 1, column",
        "{\"objective\": [1 2]} | malformed JSON",
        "{objective: [1]} | malformed JSON",
        "{\"objective\": [1]} {} | unexpected content after the end of the JSON value",
        "{\"objective\": [1], \"objective\": [2]} | Duplicate field 'objective'",
        "{\"objective\": [tru]} | malformed JSON",
      })
  void malformedJson(String json, String expected) throws IOException {
    lpRejected(json, expected);
  }

  @Test
  void topLevelMustBeAnObject() throws IOException {
    lpRejected("[1, 2]", "the top-level value must be a JSON object, found an array");
    qpRejected("3", "the top-level value must be a JSON object");
  }

  // ---- numbers ----

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // JSON extensions NaN / Infinity (parsed only to be rejected at their place)
        "[1, NaN] | objective[1] | NaN",
        "[Infinity, 1] | objective[0] | not a finite number",
        "[1, -Infinity] | objective[1] | not a finite number",
        // the same as strings
        "[1, \"NaN\"] | objective[1] | not a finite number",
        "[\"-Infinity\", 1] | objective[0] | not a finite number",
        "[\"inf\", 1] | objective[0] | not a finite number",
        // malformed numbers
        "[1, \"abc\"] | objective[1] | is not a number",
        "[1, \"1/0\"] | objective[1] | zero denominator",
        "[1, \"0x10\"] | objective[1] | is not a number",
        "[1, \"1.2.3\"] | objective[1] | is not a number",
        "[1, \"\"] | objective[1] | empty",
        "[1, true] | objective[1] | must be a number",
        "[1, null] | objective[1] | found null",
        "[1, [2]] | objective[1] | found an array",
        "[1, {}] | objective[1] | found an object",
        "[1e999999999] | objective[0] | exponent",
        "[\"1e999999999\"] | objective[0] | exponent",
      })
  void badNumbersAreRejectedAtTheirPlace(String objective, String place, String problem)
      throws IOException {
    lpRejected("{\"objective\": " + objective + "}", place, problem);
  }

  @Test
  void badNumberDeepInsideNamesTheFullPlace() throws IOException {
    lpRejected(
        "{\"objective\": [1, 1],\n \"constraints\": ["
            + "{\"coefficients\": [1, 1], \"relation\": \"<=\", \"rhs\": 1},"
            + "{\"coefficients\": [1, 1], \"relation\": \"<=\", \"rhs\": 1},"
            + "{\"coefficients\": [1, \"x\"], \"relation\": \"<=\", \"rhs\": 1}]}",
        "constraints[2].coefficients[1]",
        "\"x\" is not a number");
    qpRejected("{\"Q\": [[1, 0], [0, \"NaN\"]], \"c\": [0, 0]}", "Q[1][1]", "not a finite");
    qpRejected("{\"Q\": [[1]], \"c\": [0], \"k\": \"1/0\"}", "k", "zero denominator");
  }

  // ---- shapes and dimensions ----

  @Test
  void emptyProgramsHaveNoVariables() throws IOException {
    lpRejected("{\"objective\": []}", "objective is empty", "at least one variable");
    qpRejected("{\"Q\": [], \"c\": []}", "c is empty", "at least one variable");
  }

  @Test
  void missingFields() throws IOException {
    lpRejected("{\"constraints\": []}", "objective is missing");
    lpRejected(
        "{\"objective\": [1], \"constraints\": [{\"coefficients\": [1], \"relation\": \"<=\"}]}",
        "constraints[0].rhs is missing");
    lpRejected(
        "{\"objective\": [1], \"constraints\": [{\"coefficients\": [1], \"rhs\": 1}]}",
        "constraints[0].relation is missing");
    qpRejected("{\"c\": [1]}", "Q is missing");
    qpRejected("{\"Q\": [[1]]}", "c is missing");
  }

  @Test
  void anLpReadAsAQpAndViceVersaIsNamedAsSuch() throws IOException {
    qpRejected("{\"objective\": [1]}", "looks like a linear program");
    lpRejected("{\"Q\": [[1]], \"c\": [1]}", "looks like a quadratic program");
  }

  @Test
  void unknownFieldsAreRejected() throws IOException {
    lpRejected("{\"objective\": [1], \"lowr\": [0]}", "lowr is not a known field");
    lpRejected(
        "{\"objective\": [1], \"constraints\": [{\"coef\": [1], \"relation\": \"<=\", \"rhs\": 1}]}",
        "constraints[0].coef is not a known field");
    qpRejected("{\"Q\": [[1]], \"c\": [1], \"q\": [[1]]}", "q is not a known field");
  }

  @Test
  void wrongShapes() throws IOException {
    lpRejected("{\"objective\": 3}", "objective must be a JSON array, found the number 3");
    lpRejected("{\"objective\": [1], \"constraints\": {}}", "constraints must be a JSON array");
    lpRejected("{\"objective\": [1], \"constraints\": [[1]]}", "constraints[0] must be a JSON object");
    lpRejected("{\"objective\": [1], \"lower\": 0}", "lower must be a JSON array");
    lpRejected("{\"objective\": [1], \"description\": 5}", "description must be a string");
  }

  @Test
  void dimensionMismatchesInAnLp() throws IOException {
    lpRejected(
        "{\"objective\": [1, 2, 3], \"constraints\": ["
            + "{\"coefficients\": [1, 2, 3], \"relation\": \"<=\", \"rhs\": 1},"
            + "{\"coefficients\": [1, 2], \"relation\": \"<=\", \"rhs\": 1}]}",
        "constraints[1].coefficients has 2 entries, expected 3");
    lpRejected("{\"objective\": [1, 2], \"lower\": [0]}", "lower has 1 entries, expected 2");
  }

  @Test
  void unknownRelation() throws IOException {
    lpRejected(
        "{\"objective\": [1], \"constraints\": [{\"coefficients\": [1], \"relation\": \"<\","
            + " \"rhs\": 1}]}",
        "constraints[0].relation",
        "\"<\" is not a relation");
    lpRejected(
        "{\"objective\": [1], \"constraints\": [{\"coefficients\": [1], \"relation\": 1,"
            + " \"rhs\": 1}]}",
        "constraints[0].relation must be one of");
  }

  @Test
  void raggedMatrices() throws IOException {
    qpRejected("{\"Q\": [[1, 0], [0]], \"c\": [0, 0]}", "Q[1] has 1 entries but Q[0] has 2");
    qpRejected(
        "{\"Q\": [[1]], \"c\": [0], \"G\": [[1], [1, 2]], \"h\": [0, 0]}",
        "G[1] has 2 entries but G[0] has 1");
  }

  @Test
  void dimensionMismatchesInAQp() throws IOException {
    qpRejected("{\"Q\": [[1, 0], [0, 1]], \"c\": [0]}", "Q[0] has 2 entries, expected 1");
    qpRejected("{\"Q\": [[1, 0]], \"c\": [0, 0]}", "Q has 1 rows, expected 2");
    qpRejected(
        "{\"Q\": [[1]], \"c\": [0], \"G\": [[1], [2]], \"h\": [0]}",
        "h has 1 entries, expected 2 (one per row of G)");
    qpRejected("{\"Q\": [[1]], \"c\": [0], \"G\": [[1]]}", "h is missing, but G is given");
    qpRejected("{\"Q\": [[1]], \"c\": [0], \"f\": [1]}", "E is missing, but f is given");
    qpRejected(
        "{\"Q\": [[1]], \"c\": [0], \"E\": [[1, 1]], \"f\": [1]}",
        "E[0] has 2 entries, expected 1");
  }

  @Test
  void qMustBeSymmetricPositiveSemidefinite() throws IOException {
    qpRejected("{\"Q\": [[1, 0], [0, -1]], \"c\": [0, 0]}", "not positive semidefinite");
    qpRejected("{\"Q\": [[1, 2], [2, 1]], \"c\": [0, 0]}", "not positive semidefinite");
    qpRejected("{\"Q\": [[1, 1], [0, 1]], \"c\": [0, 0]}", "not symmetric");
  }

  @Test
  void streamSourcesAreNamedInMessages() {
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                ProgramJson.readLp(
                    new java.io.ByteArrayInputStream(
                        "{\"objective\": [\"x\"]}".getBytes(StandardCharsets.UTF_8)),
                    "inline"));
    assertOneSentence(e.getMessage(), "inline", "objective[0]");
  }
}
