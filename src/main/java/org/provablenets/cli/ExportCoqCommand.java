package org.provablenets.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.provablenets.erm.Dataset;
import org.provablenets.erm.ErmCertificate;
import org.provablenets.io.CoqExport;
import org.provablenets.io.InputException;
import org.provablenets.io.OutputFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code provnets export-coq CERT.json --data FILE --out DIR}: writes a T1 certificate and its
 * data as a Coq file whose theorem the Coq kernel checks by computation ({@link CoqExport}).
 */
@Command(
    name = "export-coq",
    mixinStandardHelpOptions = true,
    version = "provnets 0.1.0",
    description = {
      "Writes a T1 certificate (from 'provnets erm --certificate') and its data as a Coq file:"
          + " the data, the net and the certificate as terms, the lemma check_erm n data cert ="
          + " true proved by vm_compute, and the theorem global_optimum (every real net of the"
          + " width has mean loss >= the optimum, and the certificate's net attains it),"
          + " derived from erm_certificate_sound in formal/T1.v. A certificate pruned by block"
          + " bounds is exported with its blocks, which check_erm verifies too.",
      "Check it with 'make -C formal' and then 'coqc -Q formal ProvableNets DIR/NAME.v'. The"
          + " certificate is exported as it is, not checked here: Coq's kernel is the checker."
    },
    footer = {
      "%nExit codes: 0 written, 2 bad input or usage (including a certificate made for other"
          + " data)."
    })
final class ExportCoqCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "CERT.json", description = "the certificate")
  private String certFile = "";

  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "the data set the certificate was made for (CSV, or JSON if named *.json)")
  private String dataFile = "";

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "the directory to write NAME.v into (made if absent)")
  private String outDir = "";

  @Option(names = "--name", paramLabel = "NAME",
      description = "the Coq file's name: letters, digits and _, starting with a letter"
          + " (default: from the certificate's file name)")
  private String name = "";

  /** Reads both files and writes the Coq file; 0 when written. */
  @Override
  public Integer call() {
    String module = name.isEmpty() ? moduleName(certFile) : name;
    if (!module.matches("[A-Za-z][A-Za-z0-9_]*")) {
      throw new InputException("--name is '" + module + "', expected letters, digits and _,"
          + " starting with a letter (a Coq file name)");
    }
    ErmRun.CertifiedData in = ErmRun.certificateAndData(certFile, dataFile);
    ErmCertificate cert = in.cert();
    Dataset data = in.data();
    Path dir = path(outDir);
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException | SecurityException e) {
      throw new InputException(outDir + ": cannot be made a directory (" + e.getMessage() + ")");
    }
    Path file = dir.resolve(module + ".v");
    OutputFiles.checkWritable(file);
    OutputFiles.writeText(file, CoqExport.t1(data, cert, certFile, dataFile));
    out().println("wrote " + file + " (" + cert.entries().size() + " subproblem entries, "
        + cert.patterns().size() + " patterns, " + cert.patterns().refutations().size()
        + " refutations" + (cert.blocks().isEmpty() ? "" : ", " + cert.blocks().size()
            + " blocks of " + cert.blockEntryCount() + " block subproblem entries") + ")");
    out().println("check it: make -C formal && coqc -Q formal ProvableNets " + file);
    return Main.OK;
  }

  /** A Coq file name from a certificate's file name: its stem, other characters as _. */
  static String moduleName(String certFile) {
    Path name = path(certFile).getFileName();
    String stem = (name == null ? "" : name.toString()).replaceFirst("\\.[^.]*$", "");
    String m = stem.replaceAll("[^A-Za-z0-9_]", "_");
    return m.matches("[A-Za-z].*") ? m : "Cert_" + m;
  }
}
