package org.provablenets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provablenets.cli.MainTest.assertOneCleanLine;
import static org.provablenets.cli.MainTest.assertUsageOrInputError;
import static org.provablenets.cli.MainTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provablenets.gate.GateMcCheck;
import org.provablenets.gate.GateMonteCarlo;
import org.provablenets.gate.SampledDistribution;
import org.provablenets.exact.linalg.QMatrix;

/**
 * {@code provnets gate run --distribution SPEC [--runs R]} and {@code --support FILE --runs R}:
 * JSON fields, the Monte Carlo verdicts, the poisoning floor, the worst-case ratio, and bad input.
 */
class GateSampledCliTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private static String exact(JsonNode n) {
    return n.get("exact").textValue();
  }

  @Test
  void gaussianRunJsonHasTheConstantsAndAFixedSeedVerdict() throws IOException {
    String[] args = {"gate", "run", "--distribution", "gaussian:3", "--w-star", "1,-1,1/2",
        "--steps", "60", "--seed", "7", "--runs", "200", "--json"};
    MainTest.Run r = run(args);
    assertEquals(0, r.code, () -> r.out + r.err);
    JsonNode o = MAPPER.readTree(r.out);
    assertEquals("gaussian", o.get("family").textValue());
    assertTrue(o.get("symmetric").booleanValue());
    assertTrue(o.get("hypothesesHold").booleanValue());
    assertEquals("3", exact(o.get("m2")));
    assertEquals("1", exact(o.get("lambdaMinLower")));
    assertEquals("5", exact(o.get("lambda4Upper")));
    assertEquals("1/10", exact(o.get("eta")));
    assertEquals("19/20", exact(o.get("factor")));
    JsonNode mc = o.get("monteCarlo");
    assertEquals(200, mc.get("runs").intValue());
    assertEquals("fixed seed", mc.get("method").textValue());
    assertEquals("fixed seed", mc.get("falseFailureProbability").textValue());
    assertEquals("confirmed", mc.get("verdict").textValue());
    assertTrue(mc.get("pass").booleanValue());
    assertEquals(61, mc.get("meanDistanceSquared").size());
    assertEquals(r.out, run(args).out, "identical input and seed give identical output");
  }

  @Test
  void everyFamilyRunsAndTheShiftedControlNeedsAStep() throws IOException {
    Path cov = write("cov.csv", "2,1\n1,1\n");
    for (String spec : new String[] {"cube:2:1", "student:2:7", "mixture:2:1,0",
        "gaussian:" + cov}) {
      MainTest.Run r = run("gate", "run", "--distribution", spec, "--w-star", "1,1", "--steps",
          "20", "--seed", "1", "--runs", "20");
      assertEquals(0, r.code, () -> spec + ": " + r.out + r.err);
      assertTrue(r.out.contains("(A1) holds by construction"), r.out);
    }
    MainTest.Run s = run("gate", "run", "--distribution", "shifted:2:1,0", "--w-star", "1,1",
        "--steps", "20", "--seed", "1");
    assertEquals(1, s.code);
    assertOneCleanLine(s.err, "(A1) not symmetric by construction", "give --eta");
    MainTest.Run t = run("gate", "run", "--distribution", "shifted:2:1,0", "--w-star", "1,1",
        "--steps", "20", "--seed", "1", "--eta", "1/10", "--runs", "10", "--json");
    assertEquals(0, t.code, t.err);
    JsonNode o = MAPPER.readTree(t.out);
    assertFalse(o.get("symmetric").booleanValue());
    assertEquals("A1", o.get("failures").get(0).get("hypothesis").textValue());
    assertTrue(o.get("monteCarlo").get("verdict").isNull());
  }

  @Test
  void supportWithRunsUsesHoeffding() throws IOException {
    Path sq = write("square.csv", "1,0\n0,1\n");
    MainTest.Run r = run("gate", "run", "--support", sq.toString(), "--w-star", "2,1", "--steps",
        "5", "--seed", "3", "--runs", "20000", "--json");
    assertEquals(0, r.code, r.err);
    JsonNode mc = MAPPER.readTree(r.out).get("monteCarlo");
    assertEquals("hoeffding", mc.get("method").textValue());
    assertEquals(1e-9, mc.get("falseFailureProbability").doubleValue());
    // h = ||w*||^2 (1 + 1e-9) sqrt(ln(1e9) / 40000) = 5 * 0.0228 = 0.114; bound 5 (7/8)^5 = 2.56
    assertEquals(5 * Math.sqrt(Math.log(1e9) / 40000), mc.get("halfWidth").doubleValue(), 1e-6);
    assertEquals("confirmed", mc.get("verdict").textValue());
  }

  @Test
  void poisonedRunReportsTheFloorAndTheWorstCaseRatio() throws IOException {
    MainTest.Run r = run("gate", "run", "--distribution", "gaussian:3", "--w-star", "1,-1,1/2",
        "--steps", "400", "--seed", "7", "--runs", "500", "--eta", "1/40", "--poison",
        "1/2,1,worst", "--json");
    assertEquals(0, r.code, r.err);
    JsonNode o = MAPPER.readTree(r.out);
    JsonNode p = o.get("poison");
    assertEquals("47/20", exact(p.get("floor")));
    assertTrue(p.get("boundApplies").booleanValue());
    assertEquals("159/160", exact(p.get("rho")));
    JsonNode w = o.get("monteCarlo").get("worstCase");
    assertEquals(1.0, w.get("biasBound").doubleValue(), 1e-9);
    assertTrue(Math.abs(w.get("ratio").doubleValue() - Math.sqrt(2 / Math.PI)) < 0.06,
        () -> "ratio " + w.get("ratio"));
    MainTest.Run text = run("gate", "run", "--distribution", "gaussian:3", "--w-star",
        "1,-1,1/2", "--steps", "50", "--seed", "7", "--runs", "20", "--poison", "1/2,1,worst");
    assertEquals(0, text.code, text.err);
    assertTrue(text.out.contains("the poisoned bound needs eta <= L/(8 c_b) = 1/40"), text.out);
  }

  /** The exit-1 path: a Monte Carlo lower end above the bound is named with the excess. */
  @Test
  void aViolatedBoundIsExit1NamingTheExcess() {
    String[] tiny = new String[11];
    java.util.Arrays.fill(tiny, "0.000001");
    GateMcCheck mc = GateMcCheck.compute(
        GateMonteCarlo.of(SampledDistribution.gaussian(QMatrix.identity(1))), new double[] {1},
        0.1, 1, 10, 100, 1, null, null, tiny, GateMcCheck.BoundKind.THEOREM,
        GateMcCheck.NoBound.NONE, null);
    String why = GateRunText.failure(mc);
    assertTrue(
        why != null && why.contains("exceeds the theorem's bound q^T ||w*||^2 0.000001 by"), why);
  }

  @Test
  void divergingRunsOverflowAndGetNoVerdict() throws IOException {
    MainTest.Run r = run("gate", "run", "--distribution", "gaussian:2", "--w-star", "1,1",
        "--steps", "300", "--seed", "1", "--runs", "10", "--eta", "50", "--json");
    assertEquals(0, r.code, r.err);
    JsonNode mc = MAPPER.readTree(r.out).get("monteCarlo");
    assertTrue(mc.get("overflow").booleanValue());
    assertEquals("inconclusive", mc.get("verdict").textValue());
  }

  @Test
  void tourHasTheSampledLines() {
    TourCommand.Section s = new TourCommand().t2Section();
    String text = String.join("\n", s.lines);
    for (String part : new String[] {"sampled family N(0, I_2)", "U4 = 4, eta = 1/8, rho = 15/16",
        "confirmed (fixed seed)", "sqrt(2/pi) = 0.7979"}) {
      assertTrue(text.contains(part), () -> "'" + part + "' in:\n" + text);
    }
    double ratio = s.json.get("sampled").get("worstCaseRatio").doubleValue();
    assertTrue(Math.abs(ratio - Math.sqrt(2 / Math.PI)) < 0.03, "ratio " + ratio);
  }

  @Test
  void badDistributionsAndRunsAreExit2() throws IOException {
    String[] base = {"gate", "run", "--w-star", "1,1", "--steps", "5", "--seed", "1"};
    assertUsageOrInputError(run(cat(base, "--distribution", "laplace:2")),
        "unknown family 'laplace'");
    assertUsageOrInputError(run(cat(base, "--distribution", "student:2:4")), "NU is 4",
        "NU > 4");
    assertUsageOrInputError(run(cat(base, "--distribution", "student:2:9/2")),
        "whole number");
    Path bad = write("bad.csv", "1,2\n2,1\n");
    assertUsageOrInputError(run(cat(base, "--distribution", "gaussian:" + bad)),
        "not positive semidefinite");
    Path asym = write("asym.csv", "1,1\n0,1\n");
    assertUsageOrInputError(run(cat(base, "--distribution", "gaussian:" + asym)),
        "not symmetric");
    Path rect = write("rect.csv", "1,0,0\n0,1,0\n");
    assertUsageOrInputError(run(cat(base, "--distribution", "gaussian:" + rect)),
        "square matrix");
    assertUsageOrInputError(run(cat(base, "--distribution", "gaussian:3")),
        "--w-star has 2 coordinates", "dimension 3");
    assertUsageOrInputError(run(cat(base, "--distribution", "mixture:2:1,2,3")), "MU");
    assertUsageOrInputError(run(cat(base, "--distribution", "cube:2")), "cube:D:A");
    assertUsageOrInputError(run(cat(base, "--distribution", "cube:2:-1")), "half-width");
    assertUsageOrInputError(run(cat(base, "--distribution", "gaussian:2", "--runs", "0")),
        "--runs is 0");
    Path sq = write("square.csv", "1,0\n0,1\n");
    assertUsageOrInputError(run(cat(base, "--distribution", "gaussian:2", "--support",
        sq.toString())), "either --support or --distribution");
    assertUsageOrInputError(run(cat(base, "--distribution", "gaussian:2", "--compare-sgd")),
        "need --support");
    assertUsageOrInputError(run(cat(base)), "--support");
    assertUsageOrInputError(run("gate", "hypotheses"), "--support");
  }

  private static String[] cat(String[] a, String... b) {
    String[] c = new String[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
