package org.provablenets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.provablenets.cert.CertificateChecker;
import org.provablenets.cert.Verdict;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.exact.lp.LinearProgram;
import org.provablenets.exact.lp.LpResult;
import org.provablenets.exact.qp.QpResult;
import org.provablenets.exact.qp.QuadraticProgram;

/** Writing results: exact strings that read back to the same rationals, decimals beside them. */
class ResultJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static Rational q(String s) {
    return Rationals.parse(s);
  }

  @Test
  void rationalHasExactAndDecimal() {
    ObjectNode o = ResultJson.rational(Rationals.of(3, 7));
    assertEquals("3/7", o.get("exact").textValue());
    assertEquals("0.42857142857142857", o.get("decimal").textValue());
    assertEquals(2, o.size());
    assertEquals("-5", ResultJson.rational(Rationals.of(-5)).get("exact").textValue());
    assertEquals("0", ResultJson.rational(Rational.ZERO).get("decimal").textValue());
  }

  @Test
  void rationalsRoundTripThroughTheWrittenText() throws Exception {
    Rational big =
        Rational.of(BigInteger.TEN.pow(40).add(BigInteger.ONE), BigInteger.valueOf(7));
    Rational[] values = {
      q("0"), q("1"), q("-1"), q("3/7"), q("-10/4"), q("1/3"), q("0.1"), q("1e-30"), big,
      big.negate().reciprocal()
    };
    String text = ResultJson.write(ResultJson.vector(values));
    JsonNode back = MAPPER.readTree(text);
    assertArrayEquals(values, ResultJson.readVector(back));
    for (Rational v : values) {
      assertEquals(v, ResultJson.readRational(MAPPER.readTree(ResultJson.write(ResultJson.rational(v)))));
    }
  }

  @Test
  void readRationalRejectsOtherShapes() {
    assertThrows(IllegalArgumentException.class, () -> ResultJson.readRational(MAPPER.createObjectNode()));
    ObjectNode bad = MAPPER.createObjectNode();
    bad.put("exact", "1/0");
    assertThrows(IllegalArgumentException.class, () -> ResultJson.readRational(bad));
    assertThrows(IllegalArgumentException.class, () -> ResultJson.readVector(bad));
  }

  private static LinearProgram tinyLp() {
    // minimise x1 + x2 subject to x1 + 2 x2 >= 1, x >= 0: optimum 1/2 at (0, 1/2), y = 1/2.
    return ProgramJson.readLp(
        new ByteArrayInputStream(
            ("{\"objective\": [1, 1], \"constraints\": [{\"coefficients\": [1, 2],"
                    + " \"relation\": \">=\", \"rhs\": 1}]}")
                .getBytes(StandardCharsets.UTF_8)),
        "tiny.json");
  }

  @Test
  void lpReportHasStatusCertificatePartsAndVerdict() throws Exception {
    LinearProgram lp = tinyLp();
    LpResult r = LpResult.optimal(new Rational[] {q("0"), q("1/2")}, new Rational[] {q("1/2")}, q("1/2"));
    Verdict v = CertificateChecker.checkLp(lp, r);
    JsonNode o = MAPPER.readTree(ResultJson.write(ResultJson.lp("tiny.json", lp, CertificateChecker.checked(lp, r))));
    assertEquals("lp", o.get("problem").textValue());
    assertEquals("tiny.json", o.get("source").textValue());
    assertEquals(2, o.get("variables").intValue());
    assertEquals(1, o.get("constraints").intValue());
    assertEquals("OPTIMAL", o.get("status").textValue());
    assertEquals(q("1/2"), ResultJson.readRational(o.get("value")));
    assertEquals("0.5", o.get("value").get("decimal").textValue());
    assertArrayEquals(new Rational[] {q("0"), q("1/2")}, ResultJson.readVector(o.get("x")));
    assertArrayEquals(new Rational[] {q("1/2")}, ResultJson.readVector(o.get("y")));
    assertTrue(o.get("ray").isNull());
    assertTrue(o.get("certified").booleanValue());
    assertEquals(v.checked().size(), o.get("checked").size());
    assertTrue(o.get("failure").isNull());
  }

  @Test
  void rejectedCertificateIsReportedWithItsFailure() throws Exception {
    LinearProgram lp = tinyLp();
    LpResult wrong = LpResult.optimal(new Rational[] {q("1"), q("0")}, new Rational[] {q("1")}, q("1"));
    Verdict v = CertificateChecker.checkLp(lp, wrong);
    JsonNode o = MAPPER.readTree(ResultJson.write(ResultJson.lp("tiny.json", lp, CertificateChecker.checked(lp, wrong))));
    assertFalse(o.get("certified").booleanValue());
    assertTrue(o.get("failure").isTextual());
  }

  @Test
  void qpReportHasMultipliers() throws Exception {
    QuadraticProgram qp =
        ProgramJson.readQp(
            new ByteArrayInputStream(
                "{\"Q\": [[1]], \"c\": [0], \"G\": [[1]], \"h\": [1]}".getBytes(StandardCharsets.UTF_8)),
            "one.json");
    QpResult r = QpResult.optimal(new Rational[] {q("1")}, new Rational[] {q("1")}, new Rational[0], q("1/2"));
    Verdict v = CertificateChecker.checkQp(qp, r);
    assertTrue(v.accepted(), v::toString);
    JsonNode o = MAPPER.readTree(ResultJson.write(ResultJson.qp("one.json", qp, CertificateChecker.checked(qp, r))));
    assertEquals("qp", o.get("problem").textValue());
    assertEquals(1, o.get("inequalities").intValue());
    assertEquals(0, o.get("equalities").intValue());
    assertArrayEquals(new Rational[] {q("1")}, ResultJson.readVector(o.get("lambda")));
    assertEquals(0, o.get("mu").size());
    assertTrue(o.get("direction").isNull());
    assertEquals(q("1/2"), ResultJson.readRational(o.get("value")));
    assertTrue(o.get("certified").booleanValue());
  }

  @Test
  void outputIsDeterministic() {
    LinearProgram lp = tinyLp();
    LpResult r = LpResult.optimal(new Rational[] {q("0"), q("1/2")}, new Rational[] {q("1/2")}, q("1/2"));
    String a = ResultJson.write(ResultJson.lp("t", lp, CertificateChecker.checked(lp, r)));
    String b = ResultJson.write(ResultJson.lp("t", lp, CertificateChecker.checked(lp, r)));
    assertEquals(a, b);
  }
}
