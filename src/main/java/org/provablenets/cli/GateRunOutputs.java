package org.provablenets.cli;

import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import picocli.CommandLine.Option;

/** The output-file options of {@code gate run} (a mixin), and the report lines naming them. */
final class GateRunOutputs {
  @Option(names = "--csv", paramLabel = "OUT.csv", order = 9,
      description = "write step,distanceSquared,bound[,sgdDistanceSquared] to this file")
  @Nullable String csvFile;

  @Option(names = "--plot", paramLabel = "OUT.png", order = 10,
      description = "write a PNG plot (log scale) of the trajectory and the bound")
  @Nullable String plotFile;

  @Option(names = "--samples-out", paramLabel = "IDX.csv", order = 11,
      description = "write the sample indices, one row of b per step (for 'gate compare')")
  @Nullable String samplesOut;

  @Option(names = "--iterates-out", paramLabel = "EXT.csv", order = 12,
      description = "write the double iterates w_1..w_{T+1}, each coordinate the exact decimal"
          + " value of its double (for 'gate compare')")
  @Nullable String iteratesOut;

  /** The report lines naming the files written (samples and iterates only with {@code finite}). */
  List<String> lines(boolean finite) {
    List<String> lines = new ArrayList<>();
    add(lines, "csv", csvFile);
    add(lines, "plot", plotFile);
    if (finite) {
      add(lines, "samples", samplesOut);
      add(lines, "iterates", iteratesOut);
    }
    return lines;
  }

  private static void add(List<String> lines, String label, @Nullable String file) {
    if (file != null) {
      lines.add(TextReport.label(label) + file);
    }
  }
}
