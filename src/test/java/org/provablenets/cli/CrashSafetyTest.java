package org.provablenets.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.provablenets.cli.MainTest.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety and determinism of the long commands.
 *
 * <p>Crash safety: {@code erm --checkpoint} runs in a child JVM that is killed with SIGKILL
 * ({@link Process#destroyForcibly()}) at several points of its checkpoint (at once, after a few
 * records, in the middle, near the end of the solves, with the checkpoint complete), once twice
 * in a row; each is resumed to completion. Where a kill falls varies from run to run, so every
 * assertion holds wherever it fell: a killed run leaves no partial certificate, the resumed run's
 * certificate and report are byte-identical to an uninterrupted run's, and the checkpoint ends
 * with exactly one record per subproblem (nothing finished was solved again, nothing is
 * missing). Prefixes of a checkpoint, torn and corrupt lines are tested directly, since a kill
 * rarely tears a line.
 *
 * <p>Determinism: identical input and seed give byte-identical standard output and files for
 * {@code erm --json}, {@code gate run} and {@code villani sgd}. None of these outputs holds a
 * wall-clock time (the {@code time} column of {@code villani sgd} is the SDE's time s k), so
 * nothing is masked.
 */
class CrashSafetyTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Sixteen points in 1-D, width 2: 32 patterns, 2080 subproblems (about 1200 solved). */
  private static final String DATA =
      "x0,y\n-8,-1\n-7,-2\n-6,0\n-5,2\n-4,-3\n-3,-3\n-2,3\n-1,1\n0,-3\n1,-1\n2,1\n3,-3\n4,1\n"
          + "5,-2\n6,-3\n7,-3\n";

  private static final int SUBPROBLEMS = 2080;

  /** Six points in 1-D, width 2: 300 subproblems (as in ErmLongRunTest). */
  private static final String SMALL = "x,y\n-2,0\n-1,1\n0,0\n1,1\n2,0\n3,1\n";

  private static final long CHILD_SECONDS = 120;

  @TempDir Path dir;

  // ---- kill -9 and resume ----

  @Test
  void killedRunsResumeToTheUninterruptedCertificate() throws Exception {
    Path data = write("d.csv", DATA);
    Path base = Files.createDirectory(dir.resolve("base"));
    MainTest.Run whole = run(erm(data, base, false));
    assertEquals(0, whole.code, whole.err);
    byte[] cert = Files.readAllBytes(base.resolve("C.json"));
    String report = whole.out.replace(base.toString(), "DIR");
    int solved = SUBPROBLEMS - pruned(whole.out);
    assertTrue(solved > 200 && solved < SUBPROBLEMS, "solved " + solved);

    // Kill points, as lines in the checkpoint (header included): 0 kills at once.
    long[][] scenarios = {
      {0}, {4}, {solved / 2}, {solved - 20}, {SUBPROBLEMS + 1}, {solved / 3, 2L * solved / 3},
    };
    List<String> log = new ArrayList<>();
    int kills = 0;
    for (int s = 0; s < scenarios.length; s++) {
      Path sd = Files.createDirectory(dir.resolve("s" + s));
      Path cp = sd.resolve("cp.jsonl");
      Path c = sd.resolve("C.json");
      StringBuilder what = new StringBuilder("scenario " + s + ":");
      for (long at : scenarios[s]) {
        what.append(' ').append(crash(sd, at, erm(data, sd, true)));
        kills++;
        // A kill never leaves a partial certificate: none, or the whole one.
        if (Files.exists(c)) {
          assertArrayEquals(cert, Files.readAllBytes(c), what.toString());
        }
      }
      MainTest.Run resumed = run(erm(data, sd, true));
      assertEquals(0, resumed.code, () -> what + "\n" + resumed.err);
      assertArrayEquals(cert, Files.readAllBytes(c), what + ": certificate differs");
      assertEquals(report, resumed.out.replace(sd.toString(), "DIR"), what.toString());
      assertOneRecordEach(cp, SUBPROBLEMS, what.toString());
      log.add(what.toString());
    }
    System.out.println(
        "CrashSafetyTest: " + kills + " kills survived\n  " + String.join("\n  ", log));
  }

  /** N from the report's line "pruned      N of M subproblems, ...". */
  private static int pruned(String report) {
    for (String line : report.split("\n")) {
      if (line.startsWith("pruned ")) {
        return Integer.parseInt(line.substring("pruned".length()).trim().split(" ")[0]);
      }
    }
    throw new AssertionError("no pruned line in " + report);
  }

  private static String[] erm(Path data, Path out, boolean checkpoint) {
    List<String> a = new ArrayList<>(List.of("erm", "--data", data.toString(), "--width", "2",
        "--certificate", out.resolve("C.json").toString()));
    if (checkpoint) {
      a.addAll(List.of("--checkpoint", out.resolve("cp.jsonl").toString()));
    }
    return a.toArray(new String[0]);
  }

  /**
   * Starts {@code args} in a child JVM, kills it (SIGKILL) once {@code sd/cp.jsonl} has at least
   * {@code lines} lines (0: at once), and says what the kill left.
   */
  private static String crash(Path sd, long lines, String... args) throws Exception {
    Path cp = sd.resolve("cp.jsonl");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(classPath());
    cmd.add(Main.class.getName());
    cmd.addAll(Arrays.asList(args));
    Path log = Files.createTempFile(sd, "child", ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
        .start();
    LineCounter counter = new LineCounter(cp);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILD_SECONDS);
    while (lines > 0 && p.isAlive() && counter.count() < lines) {
      if (System.nanoTime() > deadline) {
        p.destroyForcibly();
        fail("the child run did not reach " + lines + " checkpoint lines");
      }
      Thread.sleep(2);
    }
    p.destroyForcibly();
    assertTrue(p.waitFor(CHILD_SECONDS, TimeUnit.SECONDS), "the killed child did not end");
    int code = p.exitValue();
    assertTrue(code == 0 || code == 128 + 9, () -> "child exit " + code + ": " + read(log));
    if (!Files.exists(cp)) {
      return "[killed before the checkpoint existed]";
    }
    byte[] b = Files.readAllBytes(cp);
    long n = 0;
    for (byte x : b) {
      n += x == '\n' ? 1 : 0;
    }
    boolean torn = b.length > 0 && b[b.length - 1] != '\n';
    return "[" + (code == 0 ? "finished before the kill, " : "killed at ") + n + " lines"
        + (torn ? " + a torn line" : "") + "]";
  }

  /** The test JVM's class path (surefire may hide it behind a manifest-only jar). */
  private static String classPath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp == null || cp.isBlank() ? System.getProperty("java.class.path") : cp;
  }

  /** Counts the newlines of a growing file, reading only what was appended since the last call. */
  private static final class LineCounter {
    private final Path file;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    private long pos;
    private long count;

    LineCounter(Path file) {
      this.file = file;
    }

    long count() throws IOException {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        if (ch.size() < pos) {
          pos = 0;
          count = 0;
        }
        ch.position(pos);
        int n;
        while ((n = ch.read(buf)) > 0) {
          for (int i = 0; i < n; i++) {
            count += buf.get(i) == '\n' ? 1 : 0;
          }
          pos += n;
          buf.clear();
        }
      } catch (NoSuchFileException e) {
        return 0;
      }
      return count;
    }
  }

  /** The file is a header and one record per subproblem, each on a whole line. */
  private static void assertOneRecordEach(Path cp, int subproblems, String what)
      throws IOException {
    byte[] b = Files.readAllBytes(cp);
    assertEquals('\n', b[b.length - 1], what + ": the checkpoint ends mid-line");
    String[] lines = new String(b, StandardCharsets.UTF_8).split("\n");
    assertEquals(subproblems + 1, lines.length, what + ": header and one record each");
    BitSet seen = new BitSet();
    for (int k = 1; k < lines.length; k++) {
      int i = MAPPER.readTree(lines[k]).get("index").intValue();
      assertFalse(seen.get(i), what + ": subproblem " + i + " recorded twice");
      seen.set(i);
    }
    assertEquals(subproblems, seen.cardinality(), what);
  }

  // ---- torn and corrupt checkpoints ----

  @Test
  void anyPrefixOrATornLastLineResumesAndABadLineElsewhereIsRefused() throws IOException {
    Path data = write("d.csv", SMALL);
    Path base = Files.createDirectory(dir.resolve("base"));
    assertEquals(0, run(erm(data, base, true)).code);
    byte[] cert = Files.readAllBytes(base.resolve("C.json"));
    byte[] full = Files.readAllBytes(base.resolve("cp.jsonl"));
    int[] ends = lineEnds(full); // ends[k]: the offset just past line k's newline
    assertEquals(301, ends.length);

    // What a kill can leave: records up to line 120, then part of line 121 (torn mid-record),
    // or the whole of it without its newline; and an empty file.
    byte[][] crashed = {
      Arrays.copyOf(full, ends[119] + (ends[120] - ends[119]) / 2),
      Arrays.copyOf(full, ends[120] - 1),
      new byte[0],
    };
    for (int k = 0; k < crashed.length; k++) {
      Path sd = Files.createDirectory(dir.resolve("t" + k));
      Files.write(sd.resolve("cp.jsonl"), crashed[k]);
      MainTest.Run r = run(erm(data, sd, true));
      assertEquals(0, r.code, r.err);
      assertArrayEquals(cert, Files.readAllBytes(sd.resolve("C.json")), "case " + k);
      assertOneRecordEach(sd.resolve("cp.jsonl"), 300, "case " + k);
    }

    // A kill leaves the records that finished first, in no fixed order, part of a round among
    // them: resuming from any prefix prunes what an uninterrupted run prunes.
    for (int keep : new int[] {2, 30, 66, 100, 150, 200, 250}) {
      Path sd = Files.createDirectory(dir.resolve("p" + keep));
      Files.write(sd.resolve("cp.jsonl"), Arrays.copyOf(full, ends[keep - 1]));
      MainTest.Run r = run(erm(data, sd, true));
      assertEquals(0, r.code, r.err);
      assertArrayEquals(cert, Files.readAllBytes(sd.resolve("C.json")), keep + " lines kept");
      assertOneRecordEach(sd.resolve("cp.jsonl"), 300, keep + " lines kept");
    }

    // Corruption anywhere else is refused, naming the line: a bad record followed by others.
    Path sd = Files.createDirectory(dir.resolve("bad"));
    byte[] bad = Arrays.copyOf(full, ends[119]);
    byte[] torn = Arrays.copyOfRange(full, ends[119], ends[119] + 20);
    Files.write(sd.resolve("cp.jsonl"), bad);
    Files.write(sd.resolve("cp.jsonl"), torn, StandardOpenOption.APPEND);
    Files.write(sd.resolve("cp.jsonl"), new byte[] {'\n'}, StandardOpenOption.APPEND);
    Files.write(sd.resolve("cp.jsonl"), Arrays.copyOfRange(full, ends[119], ends[130]),
        StandardOpenOption.APPEND);
    byte[] before = Files.readAllBytes(sd.resolve("cp.jsonl"));
    MainTest.assertUsageOrInputError(run(erm(data, sd, true)), "cp.jsonl", "line 121",
        "not a JSON record");
    assertArrayEquals(before, Files.readAllBytes(sd.resolve("cp.jsonl")), "left as it was");
    assertFalse(Files.exists(sd.resolve("C.json")));
  }

  private static int[] lineEnds(byte[] b) {
    List<Integer> ends = new ArrayList<>();
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\n') {
        ends.add(i + 1);
      }
    }
    return ends.stream().mapToInt(Integer::intValue).toArray();
  }

  // ---- determinism ----

  @Test
  void ermJsonIsByteIdenticalFromRunToRun() throws IOException {
    Path data = write("d.csv", SMALL);
    String[] args = {"erm", "--data", data.toString(), "--width", "2", "--loss", "absolute",
        "--output-bias", "--certificate", dir.resolve("c.json").toString(), "--json"};
    assertSameTwice(args, dir.resolve("c.json"));
  }

  @Test
  void gateRunIsByteIdenticalFromRunToRun() throws IOException {
    Path support = dir.resolve("t2-support.csv");
    try (InputStream in =
        CrashSafetyTest.class.getResourceAsStream("/org/provablenets/tour/t2-support.csv")) {
      assertTrue(in != null, "the tour's support file");
      Files.copy(in, support);
    }
    Path csv = dir.resolve("g.csv");
    assertSameTwice(new String[] {"gate", "run", "--support", support.toString(), "--w-star",
        "2,1", "--steps", "60", "--seed", "3", "--compare-sgd", "--sgd-start", "1,1", "--exact",
        "--csv", csv.toString(), "--json"}, csv);
    assertSameTwice(new String[] {"gate", "run", "--support", support.toString(), "--w-star",
        "2,1", "--steps", "40", "--seed", "8", "--batch", "2", "--runs", "30", "--csv",
        csv.toString()}, csv);
    assertSameTwice(new String[] {"gate", "run", "--distribution", "gaussian:2", "--w-star",
        "1,-1", "--steps", "30", "--seed", "9", "--runs", "40", "--csv", csv.toString(),
        "--json"}, csv);
  }

  @Test
  void villaniSgdIsByteIdenticalFromRunToRun() throws IOException {
    Path data = write("one.csv", "x,y\n1,1\n");
    Path csv = dir.resolve("v.csv");
    assertSameTwice(new String[] {"villani", "sgd", "--data", data.toString(), "--outer", "2",
        "--lambda", "1/10", "--activation", "tanh", "--s", "1/10", "--steps", "40", "--runs",
        "20", "--init-variance", "1/100", "--seed", "5", "--csv", csv.toString(), "--json"}, csv);
  }

  /** Runs twice; the exit code is 0 and stdout and the file are byte-identical. */
  private static void assertSameTwice(String[] args, Path file) throws IOException {
    MainTest.Run a = run(args);
    assertEquals(0, a.code, () -> a.out + a.err);
    byte[] fa = Files.readAllBytes(file);
    Files.delete(file);
    MainTest.Run b = run(args);
    assertEquals(0, b.code, () -> b.out + b.err);
    assertEquals(a.out, b.out, String.join(" ", args));
    assertArrayEquals(fa, Files.readAllBytes(file), String.join(" ", args));
    assertTrue(fa.length > 0 && !a.out.isEmpty());
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(" + e + ")";
    }
  }
}
