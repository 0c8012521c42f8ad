package org.provablenets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's contract: help, version, exit codes, and one clear line per error. */
class MainTest {
  @TempDir Path dir;

  /** The outcome of one run: exit code and what was printed. */
  static final class Run {
    final int code;
    final String out;
    final String err;

    Run(int code, String out, String err) {
      this.code = code;
      this.out = out;
      this.err = err;
    }
  }

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(o, e, args);
    }
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Asserts exit code 2 with exactly one line on stderr, no stack trace, naming each part. */
  static void assertUsageOrInputError(Run r, String... expected) {
    assertEquals(2, r.code, () -> "exit code; stderr: " + r.err);
    assertOneCleanLine(r.err, expected);
    assertEquals("", r.out, "nothing on stdout");
  }

  static void assertOneCleanLine(String err, String... expected) {
    String line = err.strip();
    assertFalse(line.isEmpty(), "a message on stderr");
    assertFalse(line.contains("\n"), () -> "one line: " + err);
    assertFalse(line.contains("Exception"), () -> "no exception names: " + err);
    assertFalse(line.contains("at org."), () -> "no stack trace: " + err);
    assertFalse(line.contains("at java."), () -> "no stack trace: " + err);
    for (String part : expected) {
      assertTrue(line.contains(part), () -> "mentions '" + part + "': " + err);
    }
  }

  private Path write(String name, String json) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, json, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void helpListsTheSubcommandsAndExitCodes() {
    Run r = run("--help");
    assertEquals(0, r.code);
    assertTrue(r.out.contains("Usage: provnets"), r.out);
    for (String sub : new String[] {"lp", "qp", "tour", "Exit codes"}) {
      assertTrue(r.out.contains(sub), () -> sub + " in " + r.out);
    }
    assertEquals("", r.err);
  }

  @Test
  void subcommandsHaveHelp() {
    for (String sub : new String[] {"lp", "qp", "tour"}) {
      Run r = run(sub, "--help");
      assertEquals(0, r.code, sub);
      assertTrue(r.out.contains("Usage: provnets " + sub), r.out);
    }
    assertTrue(run("lp", "--help").out.contains("\"objective\""), "lp help shows the format");
    assertTrue(run("qp", "-h").out.contains("\"Q\""), "qp help shows the format");
  }

  @Test
  void version() {
    Run r = run("--version");
    assertEquals(0, r.code);
    assertEquals("provnets 0.1.0", r.out.strip());
    assertEquals(0, run("-V").code);
  }

  @Test
  void missingFileIsBadInput() {
    Path missing = dir.resolve("missing.json");
    Run r = run("lp", missing.toString());
    assertUsageOrInputError(r, missing.toString(), "no such file");
    assertUsageOrInputError(run("qp", missing.toString()), "no such file");
    assertUsageOrInputError(run("lp", "--json", missing.toString()), "no such file");
  }

  @Test
  void malformedFileIsBadInput() throws IOException {
    Path p = write("broken.json", "{\"objective\": [1, 2");
    assertUsageOrInputError(run("lp", p.toString()), p.toString(), "malformed JSON");
    assertUsageOrInputError(run("qp", p.toString()), p.toString(), "malformed JSON");
  }

  @Test
  void invalidProgramIsBadInput() throws IOException {
    Path lp = write("lp.json", "{\"objective\": [1, 2], \"lower\": [0]}");
    assertUsageOrInputError(run("lp", lp.toString()), "lower has 1 entries, expected 2");
    Path qp = write("qp.json", "{\"Q\": [[0, 1], [1, 0]], \"c\": [0, 0]}");
    assertUsageOrInputError(run("qp", qp.toString()), "not positive semidefinite");
    Path nan = write("nan.json", "{\"objective\": [NaN]}");
    assertUsageOrInputError(run("lp", nan.toString()), "objective[0]", "not a finite number");
  }

  @Test
  void unknownOptionIsUsageError() {
    assertUsageOrInputError(run("--frobnicate"), "--frobnicate", "provnets --help");
    assertUsageOrInputError(run("lp", "--frobnicate", "x.json"), "--frobnicate", "provnets lp --help");
    assertUsageOrInputError(run("tour", "--frobnicate"), "--frobnicate");
  }

  @Test
  void otherUsageErrors() {
    assertUsageOrInputError(run(), "Missing subcommand");
    assertUsageOrInputError(run("solve"), "solve");
    assertUsageOrInputError(run("lp"), "FILE.json");
    assertUsageOrInputError(run("lp", "a.json", "b.json"), "b.json");
  }

  @Test
  void invalidFileNameIsBadInput() {
    assertUsageOrInputError(run("lp", "bad\u0000name.json"), "not a valid file name");
  }

  @Test
  void maxDigitsRaisesTheDigitLimitForOneRunOnly() throws IOException {
    Path p = write("big.json", "{\"objective\": [\"1e10000\"], \"constraints\": [], \"lower\": [0]}");
    assertUsageOrInputError(run("lp", p.toString()), "more than the limit of 10000",
        "--max-digits");
    Run raised = run("--max-digits", "20000", "lp", p.toString());
    assertEquals(0, raised.code, raised.err);
    Run after = run("lp", "--max-digits", "20000", p.toString()); // also after the subcommand
    assertEquals(0, after.code, after.err);
    assertUsageOrInputError(run("lp", p.toString()), "more than the limit of 10000");
    assertTrue(run("lp", "--help").out.contains("--max-digits"), "in every command's help");
  }

  @Test
  void apfloatNeverWritesToDisk() throws IOException {
    Run r = run("--version");
    assertEquals(0, r.code);
    org.apfloat.ApfloatContext ctx = org.apfloat.ApfloatContext.getGlobalContext();
    assertEquals(Long.MAX_VALUE, ctx.getMemoryThreshold(), "every number stays in memory");
    String filePath = ctx.getProperty(org.apfloat.ApfloatContext.FILE_PATH);
    assertTrue(filePath.startsWith(System.getProperty("java.io.tmpdir")), filePath);
    // A product far beyond apfloat's default memory threshold, computed after the CLI configured
    // apfloat: no storage file appears in the working directory.
    java.util.function.Supplier<Long> apFiles = () -> {
      try (java.util.stream.Stream<Path> s = Files.list(Path.of("."))) {
        return s.filter(f -> f.getFileName().toString().endsWith(".ap")).count();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
    long before = apFiles.get();
    org.apfloat.Apfloat x = new org.apfloat.Apfloat("7".repeat(2_000_000));
    org.apfloat.Apfloat y = x.multiply(x);
    assertEquals(3_999_999, y.scale() - 1, "a 4-million-digit product");
    assertEquals(before, apFiles.get(), "no .ap storage file in the working directory");
  }
}
