package org.provablenets.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code provnets lp FILE.json}: solves a linear program exactly and verifies its certificate. */
@Command(
    name = "lp",
    mixinStandardHelpOptions = true,
    version = "provnets 0.1.0",
    description = {
      "Solves a linear program exactly and verifies its certificate with the independent checker.",
      "Minimise objective.x subject to the constraints and x_j >= lower_j (null: x_j free)."
    },
    footer = {
      "%nFile format (numbers: JSON numbers, read exactly, or strings such as \"3/7\"):",
      "  {\"objective\": [2, 3, 5],",
      "   \"constraints\": [",
      "     {\"coefficients\": [1, 1, 1], \"relation\": \"=\", \"rhs\": 3},",
      "     {\"coefficients\": [\"1/2\", 1, 0], \"relation\": \"<=\", \"rhs\": 0.5}],",
      "   \"lower\": [0, 0, null]}",
      "\"lower\" is optional (default all 0); relation is \"<=\", \"=\" or \">=\".",
      "Exit codes: 0 verified, 1 certificate rejected, 2 bad input or usage."
    })
final class LpCommand extends ProgramCommand {
  @Parameters(index = "0", paramLabel = "FILE.json", description = "the linear program")
  private String file = "";

  @Override
  ProgramKind<?, ?> kind() {
    return ProgramKind.LP;
  }

  @Override
  String file() {
    return file;
  }
}
