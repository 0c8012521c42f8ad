package org.provablenets.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigInteger;
import org.provablenets.cert.CertificateRejectedException;
import org.provablenets.cert.Checked;
import org.provablenets.cert.ErmChecker;
import org.provablenets.erm.Dataset;
import org.provablenets.erm.ErmCertificate;
import org.provablenets.io.ErmJson;
import org.provablenets.io.ResultJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code provnets verify CERT.json --data FILE}: checks a T1 certificate against its data with the
 * independent checker, solving nothing.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    version = "provnets 0.1.0",
    description = {
      "Checks a T1 certificate (written by 'provnets erm --certificate') against its data with"
          + " the independent checker: exact arithmetic only, nothing is solved.",
      "It prints each condition checked: the data digest, every pattern witness, every Farkas"
          + " refutation, the completeness of the pattern list, one weak-duality lower bound per"
          + " subproblem, and the net's loss recomputed from the net alone."
    },
    footer = {
      "%nExit codes: 0 verified, 1 a condition failed (the first one is named), 2 bad input or"
          + " usage (including a certificate made for other data)."
    })
final class VerifyCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "CERT.json", description = "the certificate")
  private String certFile = "";

  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "the data set the certificate was made for (CSV, or JSON if named *.json)")
  private String dataFile = "";

  @Option(names = "--json", description = "print one JSON object instead of the report")
  private boolean json;

  /** Reads both files, checks, reports; 0 if the certificate verifies, else 1. */
  @Override
  public Integer call() {
    ErmRun.CertifiedData in = ErmRun.certificateAndData(certFile, dataFile);
    ErmCertificate cert = in.cert();
    Dataset data = in.data();
    // The checker walks every subproblem of the stated width; a certificate with too few entries
    // (for instance a tampered width) is rejected here, before that walk could be long.
    int patterns = cert.patterns().size();
    BigInteger expected = cert.subproblemCount();
    if (!expected.equals(BigInteger.valueOf(cert.entries().size()))) {
      throw new CertificateRejectedException(
          "T1 certificate rejected: " + certFile + " has " + cert.entries().size()
              + " subproblem entries, but width " + cert.width() + " with " + patterns
              + " patterns per unit has " + expected + " subproblems");
    }
    Checked<ErmCertificate> c = ErmChecker.checked(data, cert);
    if (json) {
      out().println(ResultJson.write(json(cert, patterns, c)));
    } else {
      report(out(), cert, patterns, c);
    }
    return exitCode(c.verdict(), "T1 certificate");
  }

  private void report(
      PrintWriter out, ErmCertificate cert, int patterns, Checked<ErmCertificate> c) {
    out.println("verify " + certFile + " against " + dataFile);
    out.println(ErmReport.model(cert.width(), "", cert.loss(), cert.outputBias()));
    out.println(TextReport.label("patterns") + patterns + " per unit, "
        + TextReport.plural(cert.patterns().refutations().size(), "refutation"));
    out.println(TextReport.label("subproblems") + cert.entries().size());
    out.println(TextReport.label("optimum") + TextReport.exactAndDecimal(cert.optimum()));
    ErmReport.net(out, cert.net());
    ErmReport.verdict(out, c);
  }

  private ObjectNode json(ErmCertificate cert, int patterns, Checked<ErmCertificate> c) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("command", "verify");
    o.put("certificate", certFile);
    o.put("data", dataFile);
    o.put("width", cert.width());
    o.put("loss", cert.loss().id());
    o.put("outputBias", cert.outputBias());
    o.put("patternsPerUnit", patterns);
    o.put("refutations", cert.patterns().refutations().size());
    o.put("subproblems", cert.entries().size());
    ErmReport.exact(o, "optimum", cert.optimum());
    o.set("net", ErmJson.netReport(cert.net()));
    ErmReport.verdict(o, c);
    return o;
  }
}
