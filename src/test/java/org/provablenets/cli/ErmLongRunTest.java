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
