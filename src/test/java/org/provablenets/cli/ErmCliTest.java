package org.provablenets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provablenets.cli.MainTest.assertOneCleanLine;
import static org.provablenets.cli.MainTest.assertUsageOrInputError;
import static org.provablenets.cli.MainTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The T1 commands {@code erm}, {@code verify} and {@code erm-gap} end to end: reports, JSON,
 * certificate files, tampering, and every kind of bad input with its exit code.
 */
class ErmCliTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** y = |x| on -1, 0, 1: at width 1 the optimum is 2/9 (the constant 2/3), 12 subproblems. */
  private static final String V = "x,y\n-1,1\n0,0\n1,1\n";

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private Path data() throws IOException {
    return write("v.csv", V);
  }

  private static String s(Path p) {
    return p.toString();
  }

  @Test
  void ermReportsTheCertifiedOptimum() throws IOException {
    MainTest.Run r = run("erm", "--data", s(data()), "--width", "1");
    assertEquals(0, r.code, () -> r.out + r.err);
    for (String part :
        new String[] {
          "3 points (D), 1 input (n)", "width 1, squared loss, no output bias",
          "general position; Cover's count C(3, 2) = 6", "patterns    6 per unit",
          "subproblems 12 convex QPs", "optimum     2/9 (~ 0.22222222222222222)",
          "unit 1      sign +1, weights [0], bias 2/3", "checked     data digest matches",
          "12 subproblem lower bounds", "certificate: verified (6 conditions)",
          "certified: true"
        }) {
      assertTrue(r.out.contains(part), () -> "'" + part + "' in:\n" + r.out);
    }
  }

  /**
   * A whole run says on standard error where its time went, one line a phase, in order: the
   * plan, the solves, the assembly and the check.
   */
  @Test
  void ermSaysWhereTheTimeWentOnStandardError() throws IOException {
    MainTest.Run r = run("erm", "--data", s(data()), "--width", "1");
    assertEquals(0, r.code, () -> r.out + r.err);
    List<String> lines = r.err.lines().toList();
    String[] expected = {
      "erm: 6 patterns per unit, 12 subproblems, planned in ",
      "erm: 12 subproblems solved here, the others recorded or pruned, in ",
      "erm: the certificate assembled in ", "erm: the certificate checked in "
    };
    assertEquals(expected.length, lines.size(), () -> "one line a phase: " + r.err);
    for (int k = 0; k < expected.length; k++) {
      String line = lines.get(k);
      assertTrue(line.startsWith(expected[k]) && line.matches(".* [0-9]+\\.[0-9] s"),
          () -> "line " + line + " should read " + Arrays.toString(expected));
    }
  }

  @Test
  void ermJsonHasTheRequiredFieldsAndIsDeterministic() throws IOException {
    Path d = data();
    MainTest.Run r = run("erm", "--data", s(d), "--width", "1", "--json");
    assertEquals(0, r.code, () -> r.out + r.err);
    JsonNode o = MAPPER.readTree(r.out);
    assertEquals("2/9", o.get("optimum").textValue());
    assertEquals("0.22222222222222222", o.get("optimumDecimal").textValue());
    JsonNode unit = o.get("net").get("units").get(0);
    assertEquals("0", unit.get("weights").get(0).get("exact").textValue());
    assertEquals("2/3", unit.get("bias").get("exact").textValue());
    assertEquals(1, unit.get("sign").intValue());
    assertEquals("0", o.get("net").get("outputBias").get("exact").textValue());
    assertEquals(6, o.get("patternsPerUnit").intValue());
    assertEquals(12, o.get("subproblems").intValue());
    assertTrue(o.get("generalPosition").booleanValue());
    assertTrue(o.get("certified").booleanValue());
    assertEquals(6, o.get("checked").size());
    assertTrue(o.get("failure").isNull());
    assertEquals(
        r.out, run("erm", "--data", s(d), "--width", "1", "--json").out, "byte-identical");
  }

  @Test
  void ermWithTwoUnitsInterpolatesTheVShape() throws IOException {
    MainTest.Run r = run("erm", "--data", s(data()), "--width", "2", "--json");
    assertEquals(0, r.code, () -> r.out + r.err);
    JsonNode o = MAPPER.readTree(r.out);
    assertEquals("0", o.get("optimum").textValue());
    assertEquals(2, o.get("net").get("units").size());
  }

  private Path certificate() throws IOException {
    Path c = dir.resolve("cert.json");
    MainTest.Run r = run("erm", "--data", s(data()), "--width", "1", "--certificate", s(c));
    assertEquals(0, r.code, () -> r.out + r.err);
    assertTrue(r.out.contains("certificate written to " + c), r.out);
    return c;
  }

  @Test
  void aWrittenCertificateVerifies() throws IOException {
    Path c = certificate();
    try (Stream<Path> files = Files.list(dir)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temp");
    }
    MainTest.Run r = run("verify", s(c), "--data", s(data()));
    assertEquals(0, r.code, () -> r.out + r.err);
    assertTrue(r.out.contains("the pattern list is complete"), r.out);
    assertTrue(r.out.contains("certificate: verified (6 conditions)"), r.out);
    MainTest.Run j = run("verify", "--json", s(c), "--data", s(data()));
    assertEquals(0, j.code, () -> j.out + j.err);
    JsonNode o = MAPPER.readTree(j.out);
    assertTrue(o.get("certified").booleanValue());
    assertEquals("2/9", o.get("optimum").textValue());
    assertEquals(12, o.get("subproblems").intValue());
  }

  @Test
  void aChangedOptimumIsRejected() throws IOException {
    Path c = certificate();
    String text = Files.readString(c, StandardCharsets.UTF_8);
    assertTrue(text.contains("\"optimum\": \"2/9\""));
    Files.writeString(c, text.replace("\"optimum\": \"2/9\"", "\"optimum\": \"1/5\""));
    MainTest.Run r = run("verify", s(c), "--data", s(data()));
    assertEquals(1, r.code, () -> r.out + r.err);
    assertTrue(r.out.contains("certificate: REJECTED: "), r.out);
    assertTrue(r.out.contains("1/5"), r.out);
    Files.writeString(c, text.replace("\"optimum\": \"2/9\"", "\"optimum\": \"3/13\""));
    MainTest.Run up = run("verify", "--json", s(c), "--data", s(data()));
    assertEquals(1, up.code, () -> up.out + up.err);
    JsonNode o = MAPPER.readTree(up.out);
    assertFalse(o.get("certified").booleanValue());
    assertTrue(o.get("failure").textValue().contains("3/13"), up.out);
  }

  @Test
  void aNegativeMultiplierIsRejected() throws IOException {
    Path c = certificate();
    ObjectNode root = (ObjectNode) MAPPER.readTree(c.toFile());
    ArrayNode lambda = (ArrayNode) root.get("subproblems").get(1).get("lambda");
    lambda.set(0, "-1");
    Files.writeString(c, MAPPER.writeValueAsString(root), StandardCharsets.UTF_8);
    MainTest.Run r = run("verify", s(c), "--data", s(data()));
    assertEquals(1, r.code, () -> r.out + r.err);
    assertTrue(r.out.contains("REJECTED: subproblem 2"), r.out);
    assertTrue(r.out.contains("lambda"), r.out);
  }

  @Test
  void aMissingSubproblemIsRejected() throws IOException {
    Path c = certificate();
    ObjectNode root = (ObjectNode) MAPPER.readTree(c.toFile());
    ((ArrayNode) root.get("subproblems")).remove(11);
    Files.writeString(c, MAPPER.writeValueAsString(root), StandardCharsets.UTF_8);
    MainTest.Run r = run("verify", s(c), "--data", s(data()));
    assertEquals(1, r.code, () -> r.out + r.err);
    assertOneCleanLine(r.err, "11 subproblem entries", "12 subproblems");
  }

  @Test
  void aCertificateForOtherDataIsBadInput() throws IOException {
    Path c = certificate();
    Path other = write("other.csv", "x,y\n-1,1\n0,0\n2,1\n");
    assertUsageOrInputError(
        run("verify", s(c), "--data", s(other)), s(c), "other data than " + other);
  }

  @Test
  void aCorruptCertificateFileIsBadInput() throws IOException {
    Path c = certificate();
    String text = Files.readString(c, StandardCharsets.UTF_8);
    Files.writeString(c, text.replace("\"optimum\": \"2/9\"", "\"optimum\": \"two\""));
    assertUsageOrInputError(run("verify", s(c), "--data", s(data())), s(c), "optimum");
    Path missing = dir.resolve("missing.json");
    assertUsageOrInputError(run("verify", s(missing), "--data", s(data())), "no such file");
  }

  @Test
  void ermGapIsZeroForTheOptimalNet() throws IOException {
    Path d = data();
    MainTest.Run e = run("erm", "--data", s(d), "--width", "1", "--json");
    Path report = write("erm.json", e.out);
    MainTest.Run r = run("erm-gap", "--data", s(d), "--net", s(report));
    assertEquals(0, r.code, () -> r.out + r.err);
    assertTrue(r.out.contains("net loss    2/9"), r.out);
    assertTrue(r.out.contains("gap         0 (the net is a global minimiser)"), r.out);
    assertTrue(r.out.contains("width 1 (the net's width)"), r.out);
    MainTest.Run j = run("erm-gap", "--data", s(d), "--net", s(certificate()), "--json");
    assertEquals(0, j.code, () -> j.out + j.err);
    JsonNode o = MAPPER.readTree(j.out);
    assertEquals("0", o.get("gap").textValue());
    assertEquals("2/9", o.get("netLoss").textValue());
    assertTrue(o.get("certified").booleanValue());
  }

  @Test
  void ermGapIsPositiveForAWorseNet() throws IOException {
    Path d = data();
    // The zero net predicts 0: mean loss (1 + 0 + 1) / 3 = 2/3, gap 2/3 - 2/9 = 4/9.
    Path zero = write("zero.json", "{\"units\": [{\"weights\": [0], \"bias\": 0, \"sign\": 1}]}");
    MainTest.Run r = run("erm-gap", "--data", s(d), "--net", s(zero), "--json");
    assertEquals(0, r.code, () -> r.out + r.err);
    JsonNode o = MAPPER.readTree(r.out);
    assertEquals("2/3", o.get("netLoss").textValue());
    assertEquals("2/9", o.get("optimum").textValue());
    assertEquals("4/9", o.get("gap").textValue());
    assertEquals("0.44444444444444444", o.get("gapDecimal").textValue());
    // A general output weight: 0.5 max(0, x) predicts 0, 0, 1/2: loss 5/12, gap 7/36.
    Path half =
        write("half.json",
            "{\"units\": [{\"weights\": [1], \"bias\": 0, \"outputWeight\": 0.5}]}");
    MainTest.Run h = run("erm-gap", "--data", s(d), "--net", s(half), "--width", "1");
    assertEquals(0, h.code, () -> h.out + h.err);
    assertTrue(h.out.contains("net loss    5/12"), h.out);
    assertTrue(h.out.contains("gap         7/36"), h.out);
  }

  @Test
  void ermGapBadInput() throws IOException {
    Path d = data();
    Path twoInputs =
        write("n2.json", "{\"units\": [{\"weights\": [1, 2], \"bias\": 0, \"sign\": 1}]}");
    assertUsageOrInputError(
        run("erm-gap", "--data", s(d), "--net", s(twoInputs)), "2 inputs per unit", "1 input");
    Path one = write("n1.json", "{\"units\": [{\"weights\": [1], \"bias\": 0, \"sign\": 1}]}");
    assertUsageOrInputError(
        run("erm-gap", "--data", s(d), "--net", s(one), "--width", "2"),
        "the net has width 1, but --width is 2");
    Path biased =
        write("nb.json",
            "{\"units\": [{\"weights\": [1], \"bias\": 0, \"sign\": 1}], \"outputBias\": 1}");
    assertUsageOrInputError(
        run("erm-gap", "--data", s(d), "--net", s(biased)), "outputBias is 1", "--output-bias");
    assertUsageOrInputError(
        run("erm-gap", "--data", s(d), "--net", s(one), "--max-subproblems", "11"),
        "12 subproblems", "--max-subproblems");
    Path badSign = write("ns.json", "{\"units\": [{\"weights\": [1], \"bias\": 0, \"sign\": 0}]}");
    assertUsageOrInputError(
        run("erm-gap", "--data", s(d), "--net", s(badSign)), "units[0].sign is 0");
  }

  @Test
  void overBudgetIsRefusedBeforeSolving() throws IOException {
    MainTest.Run r = run("erm", "--data", s(data()), "--width", "1", "--max-subproblems", "11");
    assertUsageOrInputError(r, "needs 12 subproblems", "budget of 11", "raise --max-subproblems");
    // Far above the budget, the enumeration stops early and gives the patterns found so far.
    assertUsageOrInputError(
        run("erm", "--data", s(data()), "--width", "1", "--max-subproblems", "1"),
        "needs at least 4 subproblems", "first 1 of 3 points", "at most 12, by Cover's bound");
    assertUsageOrInputError(
        run("erm", "--data", s(data()), "--width", "1", "--max-subproblems", "0"),
        "--max-subproblems is 0");
  }

  @Test
  void boundsAreBlocksOrPoints() throws IOException {
    assertUsageOrInputError(
        run("erm", "--data", s(data()), "--width", "1", "--bounds", "sideways"),
        "--bounds is 'sideways'", "blocks or points");
    MainTest.Run r = run("erm", "--data", s(data()), "--width", "1", "--bounds", "points");
    assertEquals(0, r.code, () -> r.out + r.err);
  }

  @Test
  void widthAndLossAreChecked() throws IOException {
    Path d = data();
    assertUsageOrInputError(run("erm", "--data", s(d), "--width", "0"), "--width is 0");
    assertUsageOrInputError(run("erm", "--data", s(d), "--width", "9"), "--width is 9", "1 to 8");
    assertUsageOrInputError(
        run("erm", "--data", s(d), "--width", "1", "--loss", "logistic"),
        "--loss is 'logistic'", "implemented so far");
    assertUsageOrInputError(
        run("erm", "--data", s(d), "--width", "1", "--loss", "hinge"),
        "point 2 has the label 0", "hinge loss needs labels -1 or +1");
    assertUsageOrInputError(run("erm", "--width", "1"), "--data");
    assertUsageOrInputError(run("erm", "--data", s(d)), "--width");
  }

  @Test
  void badDataFilesAreBadInput() throws IOException {
    Path ragged = write("ragged.csv", "x,y\n1,2\n3\n");
    assertUsageOrInputError(
        run("erm", "--data", s(ragged), "--width", "1"), s(ragged), "line 3 has 1 column");
    Path nan = write("nan.csv", "x,y\n1,NaN\n");
    assertUsageOrInputError(
        run("erm", "--data", s(nan), "--width", "1"), "line 2, column 2", "not a finite number");
    Path empty = write("empty.csv", "x,y\n");
    assertUsageOrInputError(run("erm", "--data", s(empty), "--width", "1"), "D = 0");
    Path json = write("d.json", "{\"x\": [[-1], [0], [1]], \"y\": [1, 0, 1]}");
    MainTest.Run r = run("erm", "--data", s(json), "--width", "1", "--json");
    assertEquals(0, r.code, () -> r.out + r.err);
    assertEquals("2/9", MAPPER.readTree(r.out).get("optimum").textValue());
  }

  @Test
  void certificateInAMissingDirectoryIsRefusedBeforeSolving() throws IOException {
    Path out = dir.resolve("no-such-dir").resolve("c.json");
    assertUsageOrInputError(
        run("erm", "--data", s(data()), "--width", "1", "--certificate", s(out)),
        "cannot be written", "does not exist");
  }

  @Test
  void helpForTheNewCommands() {
    for (String sub : new String[] {"erm", "verify", "erm-gap"}) {
      MainTest.Run r = run(sub, "--help");
      assertEquals(0, r.code, sub);
      assertTrue(r.out.contains("Usage: provnets " + sub), r.out);
      assertTrue(run("--help").out.contains(sub), sub);
    }
    assertTrue(run("erm", "--help").out.contains("x1,...,xn,y"), "erm help shows the format");
    assertTrue(run("erm-gap", "--help").out.contains("outputWeight"), "the net format");
  }
}
