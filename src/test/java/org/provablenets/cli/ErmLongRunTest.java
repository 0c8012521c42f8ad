package org.provablenets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provablenets.cli.MainTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;

/** Long T1 runs: checkpoints (resume without redoing work), shards and merge. */
class ErmLongRunTest {
  /** Six points in 1-D, width 2: 12 patterns, 300 subproblems. */
  private static final String DATA = "x,y\n-2,0\n-1,1\n0,0\n1,1\n2,0\n3,1\n";

  @TempDir Path dir;

  private Path data() throws IOException {
    Path p = dir.resolve("d.csv");
    Files.writeString(p, DATA, StandardCharsets.UTF_8);
    return p;
  }

  private static String optimumLine(String out) {
    for (String line : out.split("\n")) {
      if (line.startsWith("optimum")) {
        return line;
      }
    }
    return "";
  }

  @Test
  void shardsMergeIntoTheSameCertifiedOptimum() throws IOException {
    Path d = data();
    MainTest.Run whole = run("erm", "--data", d.toString(), "--width", "2");
    assertEquals(0, whole.code, whole.err);
    int solvedInShards = 0;
    for (int i = 1; i <= 3; i++) {
      MainTest.Run s =
          run("erm", "--data", d.toString(), "--width", "2", "--shard", i + "/3",
              "--certificate", dir.resolve("s" + i + ".jsonl").toString());
      assertEquals(0, s.code, s.err);
      assertTrue(s.out.contains("shard " + i + "/3: 100 subproblems recorded in "), s.out);
      Matcher c = Pattern.compile("\\((\\d+) solved, (\\d+) pruned by their bounds\\)")
          .matcher(s.out);
      assertTrue(c.find(), s.out);
      assertEquals(100, Integer.parseInt(c.group(1)) + Integer.parseInt(c.group(2)), s.out);
      solvedInShards += Integer.parseInt(c.group(1));
    }
    assertTrue(solvedInShards > 0, "no shard solved a subproblem");
    Path cert = dir.resolve("merged.json");
    MainTest.Run m =
        run("merge", "--data", d.toString(), "--certificate", cert.toString(),
            dir.resolve("s1.jsonl").toString(), dir.resolve("s2.jsonl").toString(),
            dir.resolve("s3.jsonl").toString());
    assertEquals(0, m.code, m.out + m.err);
    assertTrue(m.out.contains("certified: true"), m.out);
    assertEquals(optimumLine(whole.out), optimumLine(m.out));
    assertEquals(0, run("verify", cert.toString(), "--data", d.toString()).code);
  }

  /**
   * Twelve points in the plane (the benchmark's seeded data), width 2: 34,980 subproblems, where
   * the solver takes three blocks (1,218 block subproblems, within 1/16 of the run).
   */
  private static final String PLANE = "3,-1,5\n-1,19/3,9/2\n-16,2/3,4\n8,19/4,-2\n-1,17/4,2/3\n"
      + "7/3,-9,1\n16/3,15/4,1\n-1,11/4,-1\n2/3,17/2,7\n16/3,-17/4,4/3\n9,-18,9\n"
      + "9,-9/2,-3/2\n";

  private Path plane() throws IOException {
    Path d = dir.resolve("plane.csv");
    Files.writeString(d, PLANE, StandardCharsets.UTF_8);
    return d;
  }

  /** {@code erm} on the plane data at width 2 within its budget, with more options. */
  private static MainTest.Run planeErm(Path d, String... more) {
    List<String> args = new ArrayList<>(List.of("erm", "--data", d.toString(), "--width", "2",
        "--max-subproblems", "40000"));
    args.addAll(List.of(more));
    return run(args.toArray(new String[0]));
  }

  @Test
  void shardsWithBlockBoundsMergeIntoTheWholeRunsCertificate() throws IOException {
    Path d = plane();
    Path whole = dir.resolve("whole.json");
    MainTest.Run w = planeErm(d, "--certificate", whole.toString());
    assertEquals(0, w.code, w.out + w.err);
    assertTrue(w.out.contains("by their block bounds (3 blocks"), w.out);
    for (int i = 1; i <= 2; i++) {
      MainTest.Run s = planeErm(d, "--shard", i + "/2", "--certificate",
          dir.resolve("p" + i + ".jsonl").toString());
      assertEquals(0, s.code, s.err);
    }
    Path merged = dir.resolve("merged.json");
    MainTest.Run m = run("merge", "--data", d.toString(), "--certificate", merged.toString(),
        dir.resolve("p1.jsonl").toString(), dir.resolve("p2.jsonl").toString());
    assertEquals(0, m.code, m.out + m.err);
    assertTrue(m.out.contains("certified: true"), m.out);
    assertEquals(optimumLine(w.out), optimumLine(m.out));
    // The same blocks and block tables (each shard and the merge solve them again, exactly);
    // the entries differ, since each shard prunes with its own incumbent.
    assertTrue(Files.readString(whole, StandardCharsets.UTF_8).contains("  \"blocks\": ["),
        "the whole run's certificate has blocks");
    assertEquals(blockSection(whole), blockSection(merged));
    // A shard pruned by the blocked points only belongs to another run.
    MainTest.Run points = planeErm(d, "--bounds", "points", "--shard", "2/2", "--certificate",
        dir.resolve("q2.jsonl").toString());
    assertEquals(0, points.code, points.err);
    MainTest.Run mixed = run("merge", "--data", d.toString(), "--certificate",
        dir.resolve("mixed.json").toString(), dir.resolve("p1.jsonl").toString(),
        dir.resolve("q2.jsonl").toString());
    assertEquals(2, mixed.code, mixed.out + mixed.err);
    assertTrue(mixed.err.contains("belongs to another run"), mixed.err);
  }

  /** The certificate's text from its blocks to its subproblems: the blocks and block tables. */
  private static String blockSection(Path cert) throws IOException {
    String a = Files.readString(cert, StandardCharsets.UTF_8);
    return a.substring(a.indexOf("  \"blocks\": ["), a.indexOf("  \"subproblems\": ["));
  }

  @Test
  void tablesWrittenOnceAreReadByEveryShardAndTheMerge() throws IOException {
    Path d = plane();
    Path tables = dir.resolve("tables.jsonl");
    MainTest.Run t = planeErm(d, "--write-tables", tables.toString());
    assertEquals(0, t.code, t.out + t.err);
    assertTrue(t.out.contains("blocks      3 (points 1-4, points 5-8, points 9-12)"), t.out);
    assertTrue(t.out.contains("tables      1218 block subproblems, solved in"), t.out);
    for (int i = 1; i <= 2; i++) {
      MainTest.Run s = planeErm(d, "--tables", tables.toString(), "--shard", i + "/2",
          "--certificate", dir.resolve("p" + i + ".jsonl").toString());
      assertEquals(0, s.code, s.err);
      assertTrue(s.err.contains("1218 block subproblems read from " + tables), s.err);
    }
    Path merged = dir.resolve("merged.json");
    MainTest.Run m = run("merge", "--data", d.toString(), "--tables", tables.toString(),
        "--certificate", merged.toString(), dir.resolve("p1.jsonl").toString(),
        dir.resolve("p2.jsonl").toString());
    assertEquals(0, m.code, m.out + m.err);
    assertTrue(m.out.contains("certified: true"), m.out);
    assertTrue(m.err.contains("1218 block subproblems read from " + tables), m.err);
    // The tables read are the tables a whole run solves: the same blocks, byte for byte.
    Path whole = dir.resolve("whole.json");
    MainTest.Run w = planeErm(d, "--certificate", whole.toString());
    assertEquals(0, w.code, w.err);
    assertEquals(optimumLine(w.out), optimumLine(m.out));
    assertEquals(blockSection(whole), blockSection(merged));
  }

  @Test
  void inflatedTablesGiveARejectedCertificateNotAWrongOptimum() throws IOException {
    // Every block value raised to its block's mean loss at 0 (the largest the reader takes):
    // the run prunes almost everything by these keys, and the checker, which sums the block
    // entries' verified dual bounds instead, rejects the certificate (exit 1), naming the entry.
    Path d = plane();
    Path tables = dir.resolve("tables.jsonl");
    assertEquals(0, planeErm(d, "--write-tables", tables.toString()).code);
    List<String> lines = Files.readAllLines(tables, StandardCharsets.UTF_8);
    ObjectMapper json = new ObjectMapper();
    JsonNode header = json.readTree(lines.get(0));
    String[] rows = PLANE.split("\n");
    List<String> caps = new ArrayList<>();
    for (JsonNode b : header.get("blocks")) {
      Rational sum = Rational.ZERO;
      for (JsonNode j : b.get("points")) {
        String[] f = rows[j.asInt()].split(",");
        Rational y = Rationals.parse(f[2]);
        sum = sum.add(y.multiply(y));
      }
      caps.add(Rationals.format(
          sum.divide(Rational.of(b.get("points").size()))));
    }
    for (int k = 1; k < lines.size(); k++) {
      ObjectNode o =
          (ObjectNode) json.readTree(lines.get(k));
      o.put("value", caps.get(o.get("block").asInt()));
      lines.set(k, o.toString());
    }
    Files.write(tables, lines, StandardCharsets.UTF_8);
    MainTest.Run r = planeErm(d, "--tables", tables.toString());
    assertEquals(1, r.code, r.out + r.err);
    assertTrue(r.err.contains("is pruned, but its block bound"), r.err);
    assertTrue(r.out.contains("certified: false"), r.out);
  }

  @Test
  void tablesOptionsThatContradictAreUsageErrors() throws IOException {
    Path d = data();
    String[][] bad = {
      {"--write-tables", "t.jsonl", "--shard", "1/2", "--certificate", "c.jsonl"},
      {"--write-tables", "t.jsonl", "--checkpoint", "c.jsonl"},
      {"--write-tables", "t.jsonl", "--bounds", "points"},
      {"--tables", "t.jsonl", "--bounds", "points"},
    };
    String[] says = {"it takes no --certificate", "it takes no --checkpoint",
      "it takes no --bounds points", "cannot be used with --bounds points"};
    for (int i = 0; i < bad.length; i++) {
      List<String> args = new ArrayList<>(
          List.of("erm", "--data", d.toString(), "--width", "2"));
      for (String a : bad[i]) {
        args.add(a.endsWith(".jsonl") ? dir.resolve(a).toString() : a);
      }
      MainTest.Run r = run(args.toArray(new String[0]));
      assertEquals(2, r.code, r.out + r.err);
      assertTrue(r.err.contains(says[i]), r.err);
    }
    MainTest.Run missing = run("erm", "--data", d.toString(), "--width", "2", "--tables",
        dir.resolve("none.jsonl").toString());
    assertEquals(2, missing.code);
    assertTrue(missing.err.contains("no such file (write it first with erm --write-tables)"),
        missing.err);
  }

  @Test
  void shardFilesWithEverySubproblemPrunedAreBadInput() throws IOException {
    Path d = data();
    ObjectMapper json = new ObjectMapper();
    for (int i = 1; i <= 2; i++) {
      Path part = dir.resolve("p" + i + ".jsonl");
      assertEquals(0, run("erm", "--data", d.toString(), "--width", "2", "--shard", i + "/2",
          "--certificate", part.toString()).code);
      List<String> lines = Files.readAllLines(part, StandardCharsets.UTF_8);
      for (int k = 1; k < lines.size(); k++) {
        ObjectNode o = (ObjectNode) json.readTree(lines.get(k));
        o.remove("u");
        o.remove("lambda");
        o.put("pruned", true);
        o.putArray("t");
        lines.set(k, o.toString());
      }
      Files.write(part, lines, StandardCharsets.UTF_8);
    }
    MainTest.Run m = run("merge", "--data", d.toString(), "--certificate",
        dir.resolve("m.json").toString(), dir.resolve("p1.jsonl").toString(),
        dir.resolve("p2.jsonl").toString());
    assertEquals(2, m.code, m.out + m.err);
    assertTrue(m.err.contains("the shard files cannot make a certificate: no subproblem is"
        + " solved (every result is marked pruned), so none names an optimum"), m.err);
  }

  @Test
  void mergeNamesAMissingShard() throws IOException {
    Path d = data();
    run("erm", "--data", d.toString(), "--width", "2", "--shard", "1/2",
        "--certificate", dir.resolve("a.jsonl").toString());
    MainTest.Run m =
        run("merge", "--data", d.toString(), "--certificate", dir.resolve("m.json").toString(),
            dir.resolve("a.jsonl").toString());
    assertEquals(2, m.code);
    assertTrue(m.err.contains("shard 2/2 is missing"), m.err);
  }

  @Test
  void checkpointResumesWithoutRedoingWork() throws IOException {
    Path d = data();
    Path cp = dir.resolve("cp.jsonl");
    MainTest.Run first = run("erm", "--data", d.toString(), "--width", "2", "--checkpoint", cp.toString());
    assertEquals(0, first.code, first.err);
    List<String> lines = Files.readAllLines(cp);
    assertEquals(301, lines.size(), "a header and one record per subproblem");
    // Simulate an interrupted run: keep the header and 120 records, plus a half-written line.
    Files.write(cp, lines.subList(0, 121));
    Files.writeString(cp, "{\"index\": 7, \"plu", StandardOpenOption.APPEND);
    long before = Files.size(cp);
    MainTest.Run resumed =
        run("erm", "--data", d.toString(), "--width", "2", "--checkpoint", cp.toString());
    assertEquals(0, resumed.code, resumed.err);
    assertEquals(optimumLine(first.out), optimumLine(resumed.out));
    assertEquals(301, Files.readAllLines(cp).size(), "the truncated line was dropped, 180 added");
    assertTrue(Files.size(cp) > before);
  }

  @Test
  void aCheckpointOfAnotherRunIsRefused() throws IOException {
    Path d = data();
    Path cp = dir.resolve("cp.jsonl");
    assertEquals(0, run("erm", "--data", d.toString(), "--width", "1", "--checkpoint", cp.toString()).code);
    MainTest.Run other =
        run("erm", "--data", d.toString(), "--width", "2", "--checkpoint", cp.toString());
    assertEquals(2, other.code);
    assertTrue(other.err.contains("holds results of another run"), other.err);
  }
}
