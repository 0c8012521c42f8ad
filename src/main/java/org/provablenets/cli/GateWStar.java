package org.provablenets.cli;

import org.provablenets.exact.Rational;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The {@code --w-star} option of {@code gate step}, {@code run} and {@code compare} (a mixin). */
final class GateWStar {
  @Option(names = "--w-star", required = true, paramLabel = "V", order = 2,
      description = "the true weights w*, e.g. 1,-2,1/2")
  String text = "";

  /** w*, d exact rationals (a usage error, exit 2, otherwise). */
  Rational[] parse(CommandLine cl, int d, String source) {
    return GateSetup.vector(cl, "--w-star", text, d, source);
  }
}
