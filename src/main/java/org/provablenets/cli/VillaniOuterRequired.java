package org.provablenets.cli;

import picocli.CommandLine.Option;

/**
 * A {@code villani} subcommand whose outer weights come only from {@code --outer}, a required
 * option ({@code check} and {@code sgd}; {@code eval} may read them from a state_dict). Declared
 * here once, after the shared options of {@link VillaniSubcommand}, so that picocli lists it in the
 * same place for both.
 */
abstract class VillaniOuterRequired extends VillaniSubcommand {
  @Option(names = "--outer", required = true, paramLabel = "A", order = 1,
      description = OUTER_HELP)
  private String outer = "";

  @Override
  final String outerText() {
    return outer;
  }
}
