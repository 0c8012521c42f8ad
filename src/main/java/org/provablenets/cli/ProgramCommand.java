package org.provablenets.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The shape shared by {@code provnets lp} and {@code provnets qp}: read the program file, solve
 * it exactly, check its certificate with the independent checker, report (text or {@code
 * --json}); exit 0 if the certificate verifies, else 1.
 */
abstract class ProgramCommand extends CliCommand {
  /** The first line of both commands' file-format footers. */
  static final String FORMAT = "%nFile format (numbers: JSON numbers, read exactly, or strings"
      + " such as \"3/7\"):";

  /** The last line of both commands' footers. */
  static final String EXIT_CODES =
      "Exit codes: 0 verified, 1 certificate rejected, 2 bad input or usage.";

  @Option(names = "--json", description = "print one JSON object instead of the report")
  private boolean json;

  @Parameters(index = "0", paramLabel = "FILE.json", description = "the program (format below)")
  private String file = "";

  /** Which program the command reads. */
  private final ProgramKind<?, ?> kind;

  ProgramCommand(ProgramKind<?, ?> kind) {
    this.kind = kind;
  }

  /** Reads, solves, checks and reports; returns 0 if the certificate verifies, else 1. */
  @Override
  public Integer call() {
    return solveAndCheck(kind, file, json);
  }
}
