package org.provablenets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provablenets.cli.MainTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provablenets.exact.Rationals;
import org.provablenets.io.ResultJson;

/**
 * End to end through the solvers: {@code tour}, {@code lp} and {@code qp} on known instances. The
 * expected optima were verified by hand with the certificate checker (see {@code
 * ProgramJsonTest}); these tests need {@code LpSolver} and {@code QpSolver}.
 */
class CliEndToEndTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  private Path write(String name, String json) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, json, StandardCharsets.UTF_8);
    return p;
  }

  private static final String TOUR_LP =
      "{\"objective\": [2, 3, 5], \"constraints\": ["
          + "{\"coefficients\": [1, 1, 1], \"relation\": \"=\", \"rhs\": 3},"
          + "{\"coefficients\": [1, 0, -1], \"relation\": \"<=\", \"rhs\": 1},"
          + "{\"coefficients\": [0, 1, 2], \"relation\": \">=\", \"rhs\": 0.5},"
          + "{\"coefficients\": [\"1/2\", 1, 0], \"relation\": \"<=\", \"rhs\": 3}],"
          + " \"lower\": [0, 0, null]}";

  @Test
  void tourVerifiesEveryCertificate() {
    MainTest.Run r = run("tour");
    assertEquals(0, r.code, () -> r.out + r.err);
    assertEquals("", r.err);
    assertTrue(r.out.contains("[LP]") && r.out.contains("[QP]"), r.out);
    assertTrue(r.out.contains("optimum 23/3"), r.out);
    assertTrue(r.out.contains("optimum 1/2"), r.out);
    assertTrue(r.out.contains("[T1]") && r.out.contains("certified optimum 1/5"), r.out);
    assertTrue(r.out.contains("[T2]") && r.out.contains("the lemma fails: defect [3/4, 0]"), r.out);
    assertTrue(r.out.contains("[T3]"), r.out);
    assertTrue(r.out.contains("5 of 5 certificates verified"), r.out);
    assertEquals(5, r.out.split("certificate verified \\(", -1).length - 1, r.out);
  }

  @Test
  void tourJsonIsOneObjectAndDeterministic() throws IOException {
    MainTest.Run r = run("tour", "--json");
    assertEquals(0, r.code, () -> r.out + r.err);
    JsonNode o = MAPPER.readTree(r.out);
    assertTrue(o.get("certified").booleanValue());
    assertEquals(5, o.get("sections").size());
    JsonNode lp = o.get("sections").get(0);
    assertEquals("LP", lp.get("section").textValue());
    assertEquals(Rationals.of(23, 3), ResultJson.readRational(lp.get("value")));
    JsonNode qp = o.get("sections").get(1);
    assertEquals(Rationals.of(1, 2), ResultJson.readRational(qp.get("value")));
    JsonNode t1 = o.get("sections").get(2);
    assertEquals("T1", t1.get("section").textValue());
    assertEquals("1/5", t1.get("optimum").textValue());
    assertEquals(5, t1.get("sgd").get("runs").size());
    JsonNode t2 = o.get("sections").get(3);
    assertEquals("T2", t2.get("section").textValue());
    assertEquals("59/60", t2.get("rho").get("exact").textValue());
    assertTrue(t2.get("certified").booleanValue());
    assertEquals(r.out, run("tour", "--json").out, "identical runs give identical output");
  }

  @Test
  void lpReportsTheOptimumAndTheVerifiedCertificate() throws IOException {
    Path p = write("lp.json", TOUR_LP);
    MainTest.Run r = run("lp", p.toString());
    assertEquals(0, r.code, () -> r.out + r.err);
    assertTrue(r.out.contains("OPTIMAL"), r.out);
    assertTrue(r.out.contains("23/3 (~ 7.6666666666666667)"), r.out);
    assertTrue(r.out.contains("[2/3, 8/3, -1/3]"), r.out);
    assertTrue(r.out.contains("certificate: verified"), r.out);
  }

  @Test
  void lpJson() throws IOException {
    Path p = write("lp.json", TOUR_LP);
    MainTest.Run r = run("lp", "--json", p.toString());
    assertEquals(0, r.code, () -> r.out + r.err);
    JsonNode o = MAPPER.readTree(r.out);
    assertEquals("OPTIMAL", o.get("status").textValue());
    assertEquals("23/3", o.get("value").get("exact").textValue());
    assertEquals("7.6666666666666667", o.get("value").get("decimal").textValue());
    assertTrue(o.get("certified").booleanValue());
    assertEquals(4, o.get("y").size());
  }

  @Test
  void infeasibleAndUnboundedLpsAreCertifiedToo() throws IOException {
    Path inf =
        write(
            "inf.json",
            "{\"objective\": [1], \"constraints\": [{\"coefficients\": [1], \"relation\": \"<=\","
                + " \"rhs\": -1}]}");
    MainTest.Run r = run("lp", "--json", inf.toString());
    assertEquals(0, r.code, () -> r.out + r.err);
    JsonNode o = MAPPER.readTree(r.out);
    assertEquals("INFEASIBLE", o.get("status").textValue());
    assertTrue(o.get("certified").booleanValue());
    assertTrue(o.get("value").isNull());

    Path unb = write("unb.json", "{\"objective\": [-1, 0], \"lower\": [0, null]}");
    MainTest.Run u = run("lp", "--json", unb.toString());
    assertEquals(0, u.code, () -> u.out + u.err);
    JsonNode ou = MAPPER.readTree(u.out);
    assertEquals("UNBOUNDED", ou.get("status").textValue());
    assertTrue(ou.get("certified").booleanValue());
  }

  @Test
  void qpWithSingularQ() throws IOException {
    Path p =
        write(
            "qp.json",
            "{\"Q\": [[5, 5], [5, 5]], \"c\": [-7, -7], \"k\": 5, \"G\": [[-1, -1], [1, 0]],"
                + " \"h\": [-1, 0]}");
    MainTest.Run r = run("qp", p.toString());
    assertEquals(0, r.code, () -> r.out + r.err);
    assertTrue(r.out.contains("rank 1 (singular)"), r.out);
    assertTrue(r.out.contains("value       1/2"), r.out);
    assertTrue(r.out.contains("certificate: verified"), r.out);
    MainTest.Run j = run("qp", "--json", p.toString());
    assertEquals(0, j.code, () -> j.out + j.err);
    JsonNode o = MAPPER.readTree(j.out);
    assertEquals("1/2", o.get("value").get("exact").textValue());
    assertEquals(2, o.get("lambda").size());
    assertTrue(o.get("certified").booleanValue());
  }
}
