package org.provablenets.cli;

import picocli.CommandLine.Command;

/** {@code provnets qp FILE.json}: solves a convex QP exactly and verifies its KKT certificate. */
@Command(
    name = "qp",
    mixinStandardHelpOptions = true,
    version = "provnets 0.1.0",
    description = {
      "Solves a convex quadratic program exactly and verifies its certificate with the"
          + " independent checker.",
      "Minimise 1/2 x'Qx + c'x + k subject to Gx >= h and Ex = f; Q must be symmetric positive"
          + " semidefinite (checked exactly; singular Q is fine)."
    },
    footer = {
      ProgramCommand.FORMAT,
      "  {\"Q\": [[5, 5], [5, 5]], \"c\": [-7, -7], \"k\": 5,",
      "   \"G\": [[-1, -1], [1, 0]], \"h\": [-1, 0],",
      "   \"E\": [[1, -1]], \"f\": [\"1/3\"]}",
      "k, G with h, and E with f are optional.",
      ProgramCommand.EXIT_CODES
    })
final class QpCommand extends ProgramCommand {
  QpCommand() {
    super(ProgramKind.QP);
  }
}
