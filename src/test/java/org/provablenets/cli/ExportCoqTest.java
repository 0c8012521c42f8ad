package org.provablenets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provablenets.cli.MainTest.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provablenets.erm.BlockBounds;
import org.provablenets.erm.ErmCertificate;
import org.provablenets.exact.Rational;
import org.provablenets.io.CoqExport;
import org.provablenets.io.ErmJson;

/**
 * {@code provnets export-coq}: the Coq file's terms are the certificate's and the data's numbers
 * exactly, and bad input exits 2 with one line. That Coq's kernel accepts the genuine files and
 * rejects tampered ones is shown by {@code formal/check-exports.sh}, which CI runs with coqc.
 */
class ExportCoqTest {
  /** y = |x| on -1, 0, 1 with one noisy label: width 1, squared loss. */
  private static final String V = "x,y\n-1,1\n0,1/3\n1,1\n";

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private Path certificate(Path data, String... options) {
    Path cert = dir.resolve("c.json");
    String[] args = new String[6 + options.length];
    System.arraycopy(new String[] {"erm", "--data", data.toString(), "--width", "1",
        "--certificate=" + cert}, 0, args, 0, 6);
    System.arraycopy(options, 0, args, 6, options.length);
    MainTest.Run r = run(args);
    assertEquals(0, r.code, () -> r.out + r.err);
    return cert;
  }

  @Test
  void theFileStatesTheCertificatesNumbersExactly() throws IOException {
    Path data = write("v.csv", V);
    Path cert = certificate(data);
    Path out = dir.resolve("coq");
    MainTest.Run r = run("export-coq", cert.toString(), "--data", data.toString(),
        "--out", out.toString(), "--name", "Small");
    assertEquals(0, r.code, () -> r.out + r.err);
    String v = Files.readString(out.resolve("Small.v"), StandardCharsets.UTF_8);
    assertTrue(v.contains("Definition n : nat := 1%nat."), v);
    assertTrue(v.contains("  ([(Qmake (-1) 1)], (Qmake 1 1));\n  ([(Qmake 0 1)], (Qmake 1 3));\n"
        + "  ([(Qmake 1 1)], (Qmake 1 1))\n"), v);
    // the optimum, read back from the certificate by the same reader, appears in c_opt, in the
    // comment before the statement and in both halves of the statement
    String opt = org.provablenets.io.CoqExport.q(
        org.provablenets.io.ErmJson.readCertificate(cert).optimum());
    assertTrue(v.contains("  c_opt := " + opt + ";"), v);
    assertEquals(4, count(v.substring(v.indexOf("Definition cert")), Pattern.quote(opt)), v);
    int entries = org.provablenets.io.ErmJson.readCertificate(cert).entries().size();
    assertEquals(entries, count(v, "\\{\\| e_plus := "), v);
    assertTrue(v.contains("Lemma cert_checks : check_erm n data cert = true.\n"
        + "Proof. vm_compute. reflexivity. Qed."), v);
    assertTrue(v.contains("     c = 0%R ->"), "no output bias: the statement fixes c = 0");
    assertTrue(v.contains("  c_blocks := [];\n"), "pruned by the blocked points: no blocks");
    assertTrue(r.out.contains("wrote " + out.resolve("Small.v")), r.out);
  }

  @Test
  void anOutputBiasFreesCAndTheDefaultNameComesFromTheFile() throws IOException {
    Path data = write("v.csv", V);
    Path cert = certificate(data, "--output-bias");
    Path out = dir.resolve("coq");
    MainTest.Run r = run("export-coq", cert.toString(), "--data", data.toString(),
        "--out", out.toString());
    assertEquals(0, r.code, () -> r.out + r.err);
    String v = Files.readString(out.resolve("c.v"), StandardCharsets.UTF_8);
    assertTrue(v.contains("  c_bias := true;"), v);
    assertFalse(v.contains("c = 0%R ->"), v);
    assertEquals("Cert_2024_run", ExportCoqCommand.moduleName("2024-run.json"));
  }

  /**
   * Six points of the plane (the first six of ErmLongRunTest's plane instance): with width 2, erm
   * prunes by three blocks of two points.
   */
  private static final String PLANE6 =
      "x1,x2,y\n3,-1,5\n-1,19/3,9/2\n-16,2/3,4\n8,19/4,-2\n-1,17/4,2/3\n7/3,-9,1\n";

  @Test
  void aCertificateWithBlocksIsExportedWithItsBlocks() throws IOException {
    Path data = write("plane.csv", PLANE6);
    Path cert = dir.resolve("b.json");
    MainTest.Run e = run("erm", "--data", data.toString(), "--width", "2",
        "--certificate=" + cert);
    assertEquals(0, e.code, () -> e.out + e.err);
    ErmCertificate c = ErmJson.readCertificate(cert);
    List<BlockBounds.Block> blocks = c.blocks();
    assertFalse(blocks.isEmpty(), "erm prunes this instance by block bounds");
    Path out = dir.resolve("coq");
    MainTest.Run r = run("export-coq", cert.toString(), "--data", data.toString(),
        "--out", out.toString(), "--name", "Blocks");
    assertEquals(0, r.code, () -> r.out + r.err);
    assertTrue(r.out.contains(", " + blocks.size() + " blocks of " + c.blockEntryCount()
        + " block subproblem entries)"), r.out);
    String v = Files.readString(out.resolve("Blocks.v"), StandardCharsets.UTF_8);
    assertTrue(v.contains("  c_blocks := blocks;\n"), v);
    assertTrue(v.contains("Definition blocks : list block := [\n"), v);
    for (int k = 0; k < blocks.size(); k++) {
      StringBuilder points = new StringBuilder("[");
      for (int j : blocks.get(k).points()) {
        points.append(points.length() > 1 ? "; " : "").append(j).append("%nat");
      }
      assertTrue(v.contains("{| b_points := " + points + "];\n     b_pats := block_" + k
          + "_patterns_0;\n     b_entries := block_" + k + "_entries_0 |}"), v);
      assertEquals(blocks.get(k).patterns().size(), count(
          v.substring(v.indexOf("Definition block_" + k + "_patterns_0 "),
              v.indexOf("Definition block_" + k + "_entries_0 ")), "\\n  \\["), v);
    }
    // every entry, the run's and the blocks', and a block entry's dual point exactly
    assertEquals(c.entries().size() + c.blockEntryCount(), count(v, "\\{\\| e_plus := "), v);
    ErmCertificate.Entry first = blocks.get(0).entries().get(0);
    assertTrue(v.contains("Definition block_0_entries_0 : list (entry) := [\n  {| e_plus := "
        + first.plus() + "%nat; e_pats := [" + first.patterns()[0] + "%nat; "
        + first.patterns()[1] + "%nat]; e_dual := QPDual " + qs(first.u()) + " "
        + qs(first.lambda()) + " |}"), v);
  }

  /** A vector as the export writes it: [(Qmake p q); ...]. */
  private static String qs(Rational[] v) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      s.append(i == 0 ? "" : "; ").append(CoqExport.q(v[i]));
    }
    return s.append("]").toString();
  }

  @Test
  void badInputExitsTwoWithOneLine() throws IOException {
    Path data = write("v.csv", V);
    Path cert = certificate(data);
    Path other = write("w.csv", "x,y\n-1,1\n0,0\n1,2\n");
    String[][] cases = {
      {"export-coq", cert.toString(), "--data", other.toString(), "--out", dir.toString()},
      {"export-coq", cert.toString(), "--data", data.toString(), "--out", dir.toString(),
          "--name", "1st"},
      {"export-coq", dir.resolve("none.json").toString(), "--data", data.toString(), "--out",
          dir.toString()},
      {"export-coq", cert.toString(), "--data", data.toString()},
      {"export-coq", cert.toString(), "--data", data.toString(), "--out",
          write("file", "").resolve("sub").toString()},
    };
    for (String[] args : cases) {
      MainTest.Run r = run(args);
      assertEquals(2, r.code, () -> String.join(" ", args) + "\n" + r.out + r.err);
      MainTest.assertUsageOrInputError(r);
    }
  }

  @Test
  void aGateStepIsWrittenWithTheNumbersItChecked() throws IOException {
    // the worked example of proofs-notes/T2.md: {+-(1,0), +-(0,1)}, w* = (2,1), w = (-1,1),
    // eta = 1/2: E||w' - w*||^2 = 113/16 for b = 1
    Path support = write("s.csv", "x1,x2\n1,0\n0,1\n");
    Path file = dir.resolve("Step.v");
    MainTest.Run r = run("gate", "step", "--support", support.toString(), "--w-star=2,1",
        "--w=-1,1", "--eta", "1/2", "--coq", file.toString());
    assertEquals(0, r.code, () -> r.out + r.err);
    String v = Files.readString(file, StandardCharsets.UTF_8);
    assertTrue(v.contains("From ProvableNets Require Import T2Check."), v);
    assertTrue(v.contains("Definition ws : vec := [(Qmake 2 1); (Qmake 1 1)]."), v);
    assertTrue(v.contains("Definition eta : Q := (Qmake 1 2)."), v);
    assertTrue(v.contains("  symmetric pts = true /\\\n"), v);
    assertTrue(v.contains("Qeq_bool (expected_direct d pts ws w eta b) (Qmake 113 16) = true"), v);
    assertTrue(v.contains("Qeq_bool (expected_identity d pts ws w eta b) (Qmake 113 16) = true."),
        v);
    assertEquals(4, count(v.substring(v.indexOf("Definition pts_0"), v.indexOf("Definition pts :")),
        "\\[\\(Qmake"), () -> "the four points of the symmetrised support:\n" + v);

    MainTest.Run bad = run("gate", "step", "--support", support.toString(), "--w-star=2,1",
        "--w=-1,1", "--eta", "1/2", "--coq", dir.resolve("2nd-step.v").toString());
    MainTest.assertUsageOrInputError(bad, "--coq");
    assertFalse(Files.exists(dir.resolve("2nd-step.v")));
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int k = 0;
    while (m.find()) {
      k++;
    }
    return k;
  }
}
