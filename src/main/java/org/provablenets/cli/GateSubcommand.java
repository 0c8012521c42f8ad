package org.provablenets.cli;

import org.provablenets.exact.Rational;
import picocli.CommandLine.Option;

/**
 * The options every {@code gate} subcommand shares: the support file, {@code --asymmetric}, the
 * bracket width of the certified eigenvalue bounds, and {@code --json}.
 */
abstract class GateSubcommand extends CliCommand {
  @Option(names = "--support", paramLabel = "FILE", order = 0,
      description = "the support points, CSV x1,...,xd per row (see 'provnets gate --help')")
  String supportFile = "";

  @Option(names = "--asymmetric", order = 1,
      description = "keep the rows as given instead of symmetrising (row r is index r); (A1) then"
          + " usually fails, which is the point: it shows what breaks without symmetry")
  boolean asymmetric;

  @Option(names = "--width", paramLabel = "W", order = 90, defaultValue = GateSetup.DEFAULT_WIDTH,
      description = "the largest width of each certified eigenvalue bracket, from 1e-100 to"
          + " 1e100 (default: ${DEFAULT-VALUE})")
  String width = GateSetup.DEFAULT_WIDTH;

  @Option(names = "--json", order = 99,
      description = "print one JSON object instead of the report")
  boolean json;

  /** The bracket width, checked (exit 2 if not a positive rational). */
  final Rational bracketWidth() {
    return GateSetup.width(commandLine(), width);
  }

  /** Reads the support and checks the hypotheses. */
  final GateSetup load(Rational w) {
    if (supportFile.isEmpty()) {
      throw new picocli.CommandLine.ParameterException(
          commandLine(), "Missing required option: '--support=FILE'");
    }
    return GateSetup.load(supportFile, asymmetric, w);
  }
}
