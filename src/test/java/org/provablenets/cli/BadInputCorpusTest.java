package org.provablenets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus ({@code src/test/resources/org/provablenets/corpus}): every command that
 * reads a kind of file is run on every malformed file of that kind, and every out-of-range option
 * of {@code options.tsv} is tried.
 *
 * <p>Each run must end with exit code 2 (bad input; or 1 for a file named {@code reject-*}: a
 * certificate that parses but does not prove its claim), exactly one line on standard error that
 * names the file (or the option), no exception name or stack trace, nothing on standard output,
 * no output file created (not even a partial one), and within {@link #BOUND} (a hang detector,
 * not a speed test). The valid-but-unusual inputs of {@code unusual/} (byte-order mark, CRLF and
 * CR-only line ends, number forms such as {@code +5}, {@code .5}, {@code 5.}) must be accepted.
 */
class BadInputCorpusTest {
  /** Generous: every case takes milliseconds; a case that reaches this bound hangs. */
  private static final Duration BOUND = Duration.ofSeconds(60);

  private static final Path CORPUS = corpus();

  private static final AtomicInteger RUNS = new AtomicInteger();
  private static final AtomicInteger FILES = new AtomicInteger();

  @TempDir static Path scratch;

  private static Path corpus() {
    try {
      return Path.of(BadInputCorpusTest.class.getResource("/org/provablenets/corpus").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String valid(String name) {
    return CORPUS.resolve("valid").resolve(name).toString();
  }

  /**
   * The commands that read each kind of file; {@code {F}} is the file under test, {@code {OUT}}
   * a fresh empty directory for output files.
   */
  private static Map<String, List<String>> commands() {
    String data = valid("data.csv");
    String vdata = valid("vdata.csv");
    String support = valid("support.csv");
    String villani = "--outer 1/2 --lambda 1/10 --activation tanh";
    String compare = "gate compare --support " + support + " --w-star 1,1 --eta 1/4";
    Map<String, List<String>> m = new LinkedHashMap<>();
    List<String> dataCommands = List.of(
        "erm --data {F} --width 1 --certificate {OUT}/c.json --checkpoint {OUT}/cp.jsonl",
        "verify " + valid("cert.json") + " --data {F}",
        "erm-gap --data {F} --net " + valid("net.json"),
        "export-coq " + valid("cert.json") + " --data {F} --out {OUT}/coq",
        "merge --data {F} --certificate {OUT}/m.json " + valid("part1.jsonl") + " "
            + valid("part2.jsonl"));
    List<String> villaniData = List.of(
        "villani eval --data {F} " + villani + " --s 1 --weights " + valid("weights.csv"),
        "villani check --data {F} " + villani + " --s 1",
        "villani gap --data {F} " + villani + " --s 1",
        "villani sgd --data {F} " + villani + " --s 1/10 --steps 2 --runs 2 --csv {OUT}/s.csv");
    m.put("data", concat(dataCommands, villaniData));
    m.put("datajson", dataCommands);
    m.put("t3data", villaniData);
    m.put("lp", List.of("lp {F}", "lp --json {F}"));
    m.put("qp", List.of("qp {F}", "qp --json {F}"));
    m.put("net", List.of("erm-gap --data " + data + " --net {F}"));
    m.put("cert", List.of("verify {F} --data " + data, "verify --json {F} --data " + data));
    m.put("support", List.of(
        "gate hypotheses --support {F}",
        "gate step --support {F} --w-star 1,1 --w 0,0 --eta 1/4",
        "gate run --support {F} --w-star 1,1 --steps 3 --seed 1 --eta 1/4 --csv {OUT}/r.csv"
            + " --plot {OUT}/r.png",
        "gate compare --support {F} --w-star 1,1 --eta 1/4 --trajectory "
            + valid("trajectory.csv") + " --samples " + valid("samples.csv")));
    m.put("weights", List.of(
        "villani eval --data " + vdata + " " + villani + " --s 1 --weights {F}"));
    m.put("trajectory", List.of(
        compare + " --trajectory {F} --samples " + valid("samples.csv")));
    m.put("samples", List.of(
        compare + " --trajectory " + valid("trajectory.csv") + " --samples {F}"));
    m.put("partial", List.of(
        "merge --data " + data + " --certificate {OUT}/m.json {F} " + valid("part2.jsonl")));
    m.put("tables", List.of(
        "erm --data " + valid("line6.csv") + " --width 4 --max-subproblems 20000 --tables {F}"));
    return m;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static List<Path> files(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String[] args(String template, String file, Path out) {
    String[] words = template.split(" ");
    for (int i = 0; i < words.length; i++) {
      words[i] = words[i].replace("{F}", file).replace("{OUT}", out.toString());
    }
    return words;
  }

  private static Path freshDir() {
    try {
      return Files.createTempDirectory(scratch, "out");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs one bad case and checks the whole contract. */
  private static void assertRejected(Path out, String[] args, int expected, String... mentions) {
    MainTest.Run r = assertTimeoutPreemptively(BOUND, () -> MainTest.run(args),
        () -> "hangs: " + String.join(" ", args));
    RUNS.incrementAndGet();
    String what = String.join(" ", args);
    assertEquals(expected, r.code, () -> "exit code of " + what + "; stderr: " + r.err);
    MainTest.assertOneCleanLine(r.err, mentions);
    if (expected == 2) {
      assertEquals("", r.out, () -> "nothing on stdout for " + what);
    }
    try (Stream<Path> left = Files.list(out)) {
      List<Path> written = left.collect(Collectors.toList());
      assertTrue(written.isEmpty(), () -> what + " left output files " + written);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @TestFactory
  Stream<DynamicTest> everyCommandRejectsEveryMalformedFile() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Map.Entry<String, List<String>> kind : commands().entrySet()) {
      List<Path> bad = files(CORPUS.resolve("bad").resolve(kind.getKey()));
      assertFalse(bad.isEmpty(), "the corpus has malformed " + kind.getKey() + " files");
      FILES.addAndGet(bad.size());
      for (Path f : bad) {
        boolean reject = f.getFileName().toString().startsWith("reject-");
        int expected = reject ? 1 : 2;
        // bad input names the file; a rejected certificate names the failed condition
        String mention = reject ? "certificate rejected: " : f.getFileName().toString();
        for (String template : kind.getValue()) {
          String name = kind.getKey() + "/" + f.getFileName() + " with " + template.split(" --")[0];
          tests.add(DynamicTest.dynamicTest(name, () -> {
            Path out = freshDir();
            assertRejected(out, args(template, f.toString(), out), expected, mention);
          }));
        }
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> aDirectoryOrAMissingFileIsBadInput() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Map.Entry<String, List<String>> kind : commands().entrySet()) {
      for (String template : kind.getValue()) {
        for (String which : new String[] {"directory", "missing"}) {
          tests.add(DynamicTest.dynamicTest(kind.getKey() + " " + which + " with " + template,
              () -> {
                Path out = freshDir();
                    Path f = which.equals("directory")
                    ? Files.createDirectories(scratch.resolve("a-directory"))
                    : scratch.resolve("no-such-file.csv");
                assertRejected(out, args(template, f.toString(), out), 2, f.getFileName().toString());
              }));
        }
      }
    }
    return tests.stream();
  }

  /**
   * {@code options.tsv}: one case per line, {@code code TAB mention TAB arguments}; the arguments
   * are separated by single spaces, with {@code {V}} the directory of valid inputs and {@code
   * {OUT}} a fresh output directory.
   */
  @TestFactory
  Stream<DynamicTest> everyOutOfRangeOptionIsBadInput() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    List<String> lines = Files.readAllLines(CORPUS.resolve("options.tsv"), StandardCharsets.UTF_8);
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cols = line.split("\t");
      assertEquals(3, cols.length, () -> "options.tsv: three tab-separated columns: " + line);
      int code = Integer.parseInt(cols[0]);
      String mention = cols[1];
      tests.add(DynamicTest.dynamicTest(cols[2], () -> {
        Path out = freshDir();
        String[] a = cols[2].replace("{V}", CORPUS.resolve("valid").toString()).split(" ");
        for (int i = 0; i < a.length; i++) {
          a[i] = a[i].replace("{OUT}", out.toString());
        }
        assertRejected(out, a, code, mention);
      }));
    }
    assertTrue(tests.size() >= 60, "options.tsv has a case for every limit: " + tests.size());
    return tests.stream();
  }

  /** The accepted commands for each kind of unusual file (exit 0). */
  private static Map<String, String> acceptors() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("data", "erm --data {F} --width 1");
    m.put("datajson", "erm --data {F} --width 1");
    m.put("support", "gate hypotheses --support {F}");
    m.put("lp", "lp {F}");
    return m;
  }

  @TestFactory
  Stream<DynamicTest> validButUnusualInputsAreAccepted() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Map.Entry<String, String> kind : acceptors().entrySet()) {
      List<Path> good = files(CORPUS.resolve("unusual").resolve(kind.getKey()));
      assertFalse(good.isEmpty(), "the corpus has unusual " + kind.getKey() + " files");
      for (Path f : good) {
        tests.add(DynamicTest.dynamicTest(kind.getKey() + "/" + f.getFileName(), () -> {
          String[] a = args(kind.getValue(), f.toString(), freshDir());
          MainTest.Run r = assertTimeoutPreemptively(BOUND, () -> MainTest.run(a));
          assertEquals(0, r.code, () -> Arrays.toString(a) + ": " + r.err);
        }));
      }
    }
    return tests.stream();
  }

  @Test
  void theCorpusHasAtLeastOneHundredMalformedFiles() {
    long n = 0;
    for (String kind : commands().keySet()) {
      n += files(CORPUS.resolve("bad").resolve(kind)).size();
    }
    assertTrue(n >= 100, "malformed files: " + n);
  }

  @AfterAll
  static void counts() {
    System.out.println("BadInputCorpusTest: " + FILES.get() + " malformed files, " + RUNS.get()
        + " bad-input runs in all (files, directories and missing files, options), each rejected as"
        + " documented");
  }
}
