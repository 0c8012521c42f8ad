package org.provablenets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provablenets.testutil.Q.q;
import static org.provablenets.testutil.Q.v;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provablenets.cert.ErmChecker;
import org.provablenets.cert.Verdict;
import org.provablenets.erm.Dataset;
import org.provablenets.erm.ErmCertificate;
import org.provablenets.erm.ErmSolver;
import org.provablenets.erm.Loss;
import org.provablenets.erm.PatternSet;
import org.provablenets.erm.ReluNet;
import org.provablenets.exact.Rational;

/** The T1 certificate and net formats: exact round trips, fixed layout, and bad input. */
class ErmJsonTest {
  @TempDir Path dir;

  private static Dataset data(String csv) {
    return DataCsv.readCsv(
        new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "data.csv");
  }

  /** y = |x| on -1, 0, 1: two refuted prefixes, optimum 2/9 at width 1. */
  static final String V = "x,y\n-1,1\n0,0\n1,1\n";

  /** Two inputs with fractions, solved with an output bias: non-trivial numbers everywhere. */
  static final String PLANE = "0,1/2,1\n1,0,-1/3\n1,1,2\n0.25,-1,0.1\n";

  private static void assertSame(ErmCertificate a, ErmCertificate b) {
    assertEquals(a.digest(), b.digest());
    assertEquals(a.width(), b.width());
    assertEquals(a.loss(), b.loss());
    assertEquals(a.outputBias(), b.outputBias());
    assertEquals(a.optimum(), b.optimum());
    assertSameNet(a.net(), b.net());
    PatternSet pa = a.patterns();
    PatternSet pb = b.patterns();
    assertEquals(pa.size(), pb.size());
    for (int i = 0; i < pa.size(); i++) {
      assertArrayEquals(pa.get(i).activity(), pb.get(i).activity());
      assertArrayEquals(pa.get(i).witness(), pb.get(i).witness());
    }
    assertEquals(pa.refutations().size(), pb.refutations().size());
    for (int i = 0; i < pa.refutations().size(); i++) {
      assertArrayEquals(pa.refutations().get(i).prefix(), pb.refutations().get(i).prefix());
      assertArrayEquals(pa.refutations().get(i).farkas(), pb.refutations().get(i).farkas());
    }
    List<ErmCertificate.Entry> ea = a.entries();
    List<ErmCertificate.Entry> eb = b.entries();
    assertEquals(ea.size(), eb.size());
    for (int i = 0; i < ea.size(); i++) {
      assertEquals(ea.get(i).plus(), eb.get(i).plus());
      assertArrayEquals(ea.get(i).patterns(), eb.get(i).patterns());
      assertArrayEquals(ea.get(i).u(), eb.get(i).u());
      assertArrayEquals(ea.get(i).lambda(), eb.get(i).lambda());
      assertEquals(ea.get(i).isPruned(), eb.get(i).isPruned());
    }
  }

  private static void assertSameNet(ReluNet a, ReluNet b) {
    assertEquals(a.width(), b.width());
    for (int i = 0; i < a.width(); i++) {
      assertArrayEquals(a.weights(i), b.weights(i));
      assertEquals(a.bias(i), b.bias(i));
      assertEquals(a.sign(i), b.sign(i));
    }
    assertEquals(a.outputBias(), b.outputBias());
  }

  private void roundTrip(Dataset d, int width, boolean outputBias) throws IOException {
    ErmCertificate c = ErmSolver.solve(d, width, Loss.SQUARED, outputBias);
    assertTrue(ErmChecker.check(d, c).accepted());
    Path p = dir.resolve("cert-" + width + outputBias + ".json");
    ErmJson.write(p, c);
    ErmCertificate back = ErmJson.readCertificate(p);
    assertSame(c, back);
    Verdict v = ErmChecker.check(d, back);
    assertTrue(v.accepted(), v.toString());
    String text = Files.readString(p, StandardCharsets.UTF_8);
    assertEquals(text, ErmJson.write(back), "write(read(write(c))) is byte-identical");
    try (Stream<Path> files = Files.list(dir)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")));
    }
  }

  @Test
  void roundTripPreservesEveryNumberAndTheCheckerAccepts() throws IOException {
    roundTrip(data(V), 1, false);
    roundTrip(data(V), 2, false);
    roundTrip(data(PLANE), 1, true);
  }

  @Test
  void theStreamedReaderNeedsTheWidthBeforeTheEntriesAndLeavesItsStreamOpen() throws IOException {
    ErmCertificate c = ErmSolver.solve(data(V), 1, Loss.SQUARED, false);
    String text = ErmJson.write(c);
    // The entries are read one at a time as they come, so the width they are checked against
    // must already be known: a file with "width" moved after "subproblems" is refused.
    String widthLine = "  \"width\": 1,\n";
    assertTrue(text.contains(widthLine));
    String moved = text.replace(widthLine, "").replace("\n  ]\n}", "\n  ],\n  \"width\": 1\n}");
    Path p = dir.resolve("moved.json");
    Files.writeString(p, moved, StandardCharsets.UTF_8);
    InputException e = assertThrows(InputException.class, () -> ErmJson.readCertificate(p));
    assertEquals(p + ": subproblems comes before width, but a certificate gives its width first",
        e.getMessage());
    // A stream given by the caller stays open after the certificate is read from it.
    boolean[] closed = {false};
    ByteArrayInputStream in =
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
          @Override
          public void close() {
            closed[0] = true;
          }
        };
    assertSame(c, ErmJson.readCertificate(in, "stdin"));
    assertFalse(closed[0], "the caller's stream was closed");
  }

  @Test
  void layoutHasTheFieldsInOrder() throws IOException {
    ErmCertificate c = ErmSolver.solve(data(V), 1, Loss.SQUARED, false);
    String text = ErmJson.write(c);
    JsonNode o = new ObjectMapper().readTree(text);
    Iterator<String> names = o.fieldNames();
    for (String f :
        new String[] {
          "kind", "version", "dataDigest", "width", "loss", "outputBias", "optimum",
          "optimumDecimal", "net", "patterns", "refutations", "subproblems"
        }) {
      assertEquals(f, names.next());
    }
    assertFalse(names.hasNext());
    assertEquals("t1-erm-certificate", o.get("kind").textValue());
    assertEquals(1, o.get("version").intValue());
    assertEquals("squared", o.get("loss").textValue());
    assertEquals("2/9", o.get("optimum").textValue());
    assertEquals("0.22222222222222222", o.get("optimumDecimal").textValue());
    JsonNode unit = o.get("net").get("units").get(0);
    assertEquals("2/3", unit.get("bias").textValue(), "plain exact strings");
    assertEquals(1, unit.get("sign").intValue());
    assertEquals("0", o.get("net").get("outputBias").textValue());
    assertEquals("+++", o.get("patterns").get(5).get("signs").textValue());
    assertEquals("-+-", o.get("refutations").get(0).get("prefix").textValue());
    assertEquals(12, o.get("subproblems").size());
    assertTrue(text.contains("\n    {\"plus\":0,\"patterns\":[0],\"u\":"), text);
  }

  // ---- nets ----

  private ReluNet net(String json) throws IOException {
    Path p = dir.resolve("net.json");
    Files.writeString(p, json, StandardCharsets.UTF_8);
    return ErmJson.readNet(p);
  }

  @Test
  void netWithSignsAndExactNumbers() throws IOException {
    ReluNet n =
        net("{\"units\": [{\"weights\": [0.1, \"3/7\"], \"bias\": -1e-2, \"sign\": 1},"
            + " {\"weights\": [2, {\"exact\": \"1/3\", \"decimal\": \"0.33\"}], \"bias\": \"5\","
            + " \"sign\": -1}], \"outputBias\": 0.5, \"description\": \"test\"}");
    assertEquals(2, n.width());
    assertArrayEquals(v("1/10 3/7"), n.weights(0));
    assertEquals(q("-1/100"), n.bias(0));
    assertEquals(1, n.sign(0));
    assertArrayEquals(v("2 1/3"), n.weights(1));
    assertEquals(-1, n.sign(1));
    assertEquals(q("1/2"), n.outputBias());
  }

  @Test
  void netWithOutputWeightsIsNormalisedExactly() throws IOException {
    ReluNet n =
        net("{\"units\": [{\"weights\": [1, -2], \"bias\": 0.5, \"outputWeight\": -0.75},"
            + " {\"weights\": [3, 1], \"bias\": 1, \"outputWeight\": 0},"
            + " {\"weights\": [1, 1], \"bias\": 1, \"sign\": -1}]}");
    assertArrayEquals(v("3/4 -3/2"), n.weights(0));
    assertEquals(q("3/8"), n.bias(0));
    assertEquals(-1, n.sign(0));
    assertArrayEquals(v("0 0"), n.weights(1), "a zero output weight is a dead unit");
    assertEquals(Rational.ZERO, n.bias(1));
    assertArrayEquals(v("1 1"), n.weights(2));
    assertEquals(-1, n.sign(2));
    assertEquals(Rational.ZERO, n.outputBias());
    // f(x) = -0.75 max(0, x1 - 2 x2 + 0.5) - max(0, x1 + x2 + 1) at (1, 0): -1.125 - 2.
    assertEquals(q("-25/8"), n.evaluate(v("1 0")));
  }

  @Test
  void netFromACertificateOrReport() throws IOException {
    ErmCertificate c = ErmSolver.solve(data(V), 1, Loss.SQUARED, false);
    Path p = dir.resolve("c.json");
    ErmJson.write(p, c);
    assertSameNet(c.net(), ErmJson.readNet(p));
    ObjectMapper m = new ObjectMapper();
    JsonNode report = m.createObjectNode().put("command", "erm")
        .set("net", ErmJson.netReport(c.net()));
    assertSameNet(c.net(), net(ResultJson.write(report)));
  }

  private void badNet(String json, String... expected) throws IOException {
    Path p = dir.resolve("bad-net.json");
    Files.writeString(p, json, StandardCharsets.UTF_8);
    InputException e = assertThrows(InputException.class, () -> ErmJson.readNet(p));
    String m = e.getMessage();
    assertTrue(m.startsWith(p + ": "), m);
    assertFalse(m.contains("\n"), m);
    for (String part : expected) {
      assertTrue(m.contains(part), () -> "'" + part + "' in: " + m);
    }
  }

  @Test
  void badNets() throws IOException {
    badNet("{\"units\": []}", "units is empty");
    badNet("{\"units\": [{\"weights\": [1], \"bias\": 0}]}", "units[0] has neither sign");
    badNet("{\"units\": [{\"weights\": [1], \"bias\": 0, \"sign\": 1, \"outputWeight\": 2}]}",
        "units[0] has both sign and outputWeight");
    badNet("{\"units\": [{\"weights\": [1], \"bias\": 0, \"sign\": 0}]}",
        "units[0].sign is 0, expected 1 or -1");
    badNet("{\"units\": [{\"weights\": [1], \"bias\": 0, \"sign\": 2}]}", "units[0].sign");
    badNet("{\"units\": [{\"weights\": [1], \"bias\": 0, \"sign\": 1},"
        + " {\"weights\": [1, 2], \"bias\": 0, \"sign\": 1}]}",
        "units[1].weights has 2 entries", "units[0].weights has 1");
    badNet("{\"units\": [{\"weights\": [NaN], \"bias\": 0, \"sign\": 1}]}",
        "units[0].weights[0]", "not a finite number");
    badNet("{\"units\": [{\"weights\": [1], \"bias\": \"x\", \"sign\": 1}]}", "units[0].bias");
    badNet("{\"units\": [{\"weights\": [1], \"bias\": 0, \"sign\": 1, \"wieghts\": 1}]}",
        "units[0].wieghts is not a known field");
    badNet("{\"layers\": []}", "layers is not a known field");
    badNet("{\"outputBias\": 0}", "units is missing");
    badNet("[1, 2]", "must be a JSON object");
    badNet("", "is empty");
  }

  // ---- bad certificates ----

  @Test
  void prunedEntriesRoundTripWithoutADualPoint() throws IOException {
    // Width 2 on six points of a line: 12 patterns, 300 subproblems, more than a round, so the
    // solver prunes; the pruned entries are written as {"plus", "patterns", "pruned": true}.
    Dataset d = data("0,1\n1,-2\n2,3\n3,-1\n4,2\n5,-3\n");
    ErmCertificate c = ErmSolver.solve(d, 2, Loss.SQUARED, false);
    assertTrue(c.prunedCount() > 0, "nothing was pruned");
    Path p = dir.resolve("pruned.json");
    ErmJson.write(p, c);
    String text = Files.readString(p, StandardCharsets.UTF_8);
    assertTrue(text.contains("\"pruned\":true}"), text.substring(0, 200));
    ErmCertificate back = ErmJson.readCertificate(p);
    assertSame(c, back);
    assertEquals(c.prunedCount(), back.prunedCount());
    assertTrue(ErmChecker.check(d, back).accepted());
    String mark = "\"pruned\":true}";
    int k = text.indexOf(mark);
    badCert(text.substring(0, k) + "\"pruned\":true,\"u\":[]}" + text.substring(k + mark.length()),
        "is pruned, so it has no dual point (u, lambda)");
  }

  private String certText() {
    return ErmJson.write(ErmSolver.solve(data(V), 1, Loss.SQUARED, false));
  }

  private void badCert(String text, String... expected) throws IOException {
    Path p = dir.resolve("bad-cert.json");
    Files.writeString(p, text, StandardCharsets.UTF_8);
    InputException e = assertThrows(InputException.class, () -> ErmJson.readCertificate(p));
    String m = e.getMessage();
    assertTrue(m.startsWith(p + ": "), m);
    assertFalse(m.contains("\n"), m);
    for (String part : expected) {
      assertTrue(m.contains(part), () -> "'" + part + "' in: " + m);
    }
  }

  @Test
  void badCertificates() throws IOException {
    String t = certText();
    badCert(t.replace("t1-erm-certificate", "t2"), "kind", "not a T1 certificate");
    badCert("{\"units\": []}", "kind is missing");
    badCert(t.replace("\"version\": 1", "\"version\": 2"), "version", "reads version 1");
    badCert(t.replace("\"width\": 1", "\"width\": 0"), "width is 0");
    badCert(t.replace("\"loss\": \"squared\"", "\"loss\": \"logistic\""), "loss", "logistic");
    badCert(t.replace("\"optimum\": \"2/9\"", "\"optimum\": \"2/0\""), "optimum", "zero");
    badCert(t.replace("\"signs\":\"+++\"", "\"signs\":\"+x+\""), "patterns[5].signs", "'x'");
    badCert(t.replace("\"patterns\":[0]", "\"patterns\":[0,1]"),
        "subproblems[0].patterns has 2 entries, expected 1");
    badCert(t.replace("\"plus\":1", "\"plus\":2"), "subproblems[6].plus is 2");
    badCert(t.replace("\"lambda\":[\"0\",\"0\",\"0\"]", "\"lambda\":[\"0\",\"0\",null]"),
        "subproblems[0].lambda[2]", "must be a number");
    badCert(t.replace("\"outputBias\": false", "\"outputBias\": \"no\""), "outputBias");
    badCert(t.replace("\"refutations\"", "\"refutation\""), "refutation is not a known field");
    badCert(t.substring(0, t.length() / 2), "malformed JSON");
  }
}
