package org.provablenets.cli;

import picocli.CommandLine.Option;

/**
 * The shape shared by {@code provnets lp} and {@code provnets qp}: read the program file, solve
 * it exactly, check its certificate with the independent checker, report (text or {@code
 * --json}); exit 0 if the certificate verifies, else 1.
 */
abstract class ProgramCommand extends CliCommand {
  @Option(names = "--json", description = "print one JSON object instead of the report")
  private boolean json;

  /** Which program the command reads. */
  abstract ProgramKind<?, ?> kind();

  /** The program file named on the command line. */
  abstract String file();

  /** Reads, solves, checks and reports; returns 0 if the certificate verifies, else 1. */
  @Override
  public Integer call() {
    return solveAndCheck(kind(), file(), json);
  }
}
