package org.provablenets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.provablenets.cert.CertificateChecker;
import org.provablenets.cert.Verdict;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.exact.lp.LinearProgram;
import org.provablenets.exact.lp.LpResult;
import org.provablenets.io.ProgramJson;

/** The human report, on hand-made certificates (no solver involved). */
class TextReportTest {
  private static Rational q(String s) {
    return Rationals.parse(s);
  }

  private static LinearProgram tinyLp() {
    // minimise x1 + x2 subject to x1 + 2 x2 >= 1, x >= 0: optimum 1/2 at (0, 1/2), y = 1/2.
    return ProgramJson.readLp(
        new ByteArrayInputStream(
            ("{\"objective\": [1, 1], \"constraints\": [{\"coefficients\": [1, 2],"
                    + " \"relation\": \">=\", \"rhs\": 1}]}")
                .getBytes(StandardCharsets.UTF_8)),
        "tiny.json");
  }

  private static String report(LinearProgram lp, LpResult r) {
    StringWriter s = new StringWriter();
    try (PrintWriter out = new PrintWriter(s)) {
      TextReport.lp(out, "tiny.json", lp, CertificateChecker.checked(lp, r));
    }
    return s.toString();
  }

  @Test
  void verifiedCertificate() {
    LinearProgram lp = tinyLp();
    LpResult r =
        LpResult.optimal(new Rational[] {q("0"), q("1/2")}, new Rational[] {q("1/2")}, q("1/2"));
    Verdict v = CertificateChecker.checkLp(lp, r);
    String text = report(lp, r);
    assertTrue(text.startsWith("LP tiny.json: 2 variables, 1 constraint (1 >=)"), text);
    assertTrue(text.contains("value       1/2 (~ 0.5)"), text);
    assertTrue(text.contains("x           [0, 1/2]"), text);
    assertTrue(text.contains("~ [0, 0.5]"), text);
    assertTrue(text.contains("certificate: verified (" + v.checked().size() + " conditions)"), text);
  }

  @Test
  void rejectedCertificateNamesTheFailure() {
    LinearProgram lp = tinyLp();
    LpResult wrong =
        LpResult.optimal(new Rational[] {q("1"), q("0")}, new Rational[] {q("1")}, q("1"));
    Verdict v = CertificateChecker.checkLp(lp, wrong);
    String text = report(lp, wrong);
    assertTrue(text.contains("certificate: REJECTED: " + v.failure()), text);
    assertEquals("REJECTED: " + v.failure(), TextReport.verdictLine(v));
  }

  @Test
  void integersAndFractions() {
    assertEquals("5", TextReport.exactAndDecimal(Rationals.of(5)));
    assertEquals("-1/3 (~ -0.33333333333333333)", TextReport.exactAndDecimal(q("-1/3")));
    assertEquals("[1, -2/7]", TextReport.exact(new Rational[] {q("1"), q("-2/7")}));
  }

  @Test
  void launcherScriptIsExecutable() {
    Path launcher = Path.of("provnets");
    assertTrue(Files.isRegularFile(launcher) && Files.isExecutable(launcher),
        "the launcher ./provnets exists and is executable (tests run from the project directory)");
  }
}
