package org.provablenets.cli;

import picocli.CommandLine.Command;

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
      ProgramCommand.FORMAT,
      "  {\"objective\": [2, 3, 5],",
      "   \"constraints\": [",
      "     {\"coefficients\": [1, 1, 1], \"relation\": \"=\", \"rhs\": 3},",
      "     {\"coefficients\": [\"1/2\", 1, 0], \"relation\": \"<=\", \"rhs\": 0.5}],",
      "   \"lower\": [0, 0, null]}",
      "\"lower\" is optional (default all 0); relation is \"<=\", \"=\" or \">=\".",
      ProgramCommand.EXIT_CODES
    })
final class LpCommand extends ProgramCommand {
  LpCommand() {
    super(ProgramKind.LP);
  }
}
