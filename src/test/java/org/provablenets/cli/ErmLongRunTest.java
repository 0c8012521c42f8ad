package org.provablenets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provablenets.cli.MainTest.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    for (int i = 1; i <= 3; i++) {
      MainTest.Run s =
          run("erm", "--data", d.toString(), "--width", "2", "--shard", i + "/3",
              "--certificate", dir.resolve("s" + i + ".jsonl").toString());
      assertEquals(0, s.code, s.err);
      assertTrue(s.out.contains("shard " + i + "/3: 100 subproblems"), s.out);
    }
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

  @Test
  void shardsWithBlockBoundsMergeIntoTheWholeRunsCertificate() throws IOException {
    Path d = dir.resolve("plane.csv");
    Files.writeString(d, PLANE, StandardCharsets.UTF_8);
    Path whole = dir.resolve("whole.json");
    MainTest.Run w = run("erm", "--data", d.toString(), "--width", "2", "--max-subproblems",
        "40000", "--certificate", whole.toString());
    assertEquals(0, w.code, w.out + w.err);
    assertTrue(w.out.contains("by their block bounds (3 blocks"), w.out);
    for (int i = 1; i <= 2; i++) {
      MainTest.Run s = run("erm", "--data", d.toString(), "--width", "2", "--max-subproblems",
          "40000", "--shard", i + "/2", "--certificate", dir.resolve("p" + i + ".jsonl").toString());
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
    String a = Files.readString(whole, StandardCharsets.UTF_8);
    String b = Files.readString(merged, StandardCharsets.UTF_8);
    String tables = "  \"blocks\": [";
    assertTrue(a.contains(tables), "the whole run's certificate has blocks");
    assertEquals(a.substring(a.indexOf(tables), a.indexOf("  \"subproblems\": [")),
        b.substring(b.indexOf(tables), b.indexOf("  \"subproblems\": [")));
    // A shard pruned by the blocked points only belongs to another run.
    MainTest.Run points = run("erm", "--data", d.toString(), "--width", "2", "--max-subproblems",
        "40000", "--bounds", "points", "--shard", "2/2", "--certificate",
        dir.resolve("q2.jsonl").toString());
    assertEquals(0, points.code, points.err);
    MainTest.Run mixed = run("merge", "--data", d.toString(), "--certificate",
        dir.resolve("mixed.json").toString(), dir.resolve("p1.jsonl").toString(),
        dir.resolve("q2.jsonl").toString());
    assertEquals(2, mixed.code, mixed.out + mixed.err);
    assertTrue(mixed.err.contains("belongs to another run"), mixed.err);
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
