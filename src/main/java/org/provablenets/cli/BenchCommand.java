package org.provablenets.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.provablenets.bench.Benchmark;
import org.provablenets.erm.Loss;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code provnets bench}: the T1 benchmark table (certified exact vs plain double). */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    version = "provnets 0.1.0",
    description = {
      "Times T1 on seeded random instances (D, n, w): per subproblem, the certified exact path"
          + " (exact build, double-guided exact repair with exact fallback, exact dual check), a"
          + " plain double path (double build, double Lemke for squared loss or the double"
          + " simplex for absolute and hinge loss, no certificate) and the unfiltered exact solver"
          + " (Lemke, or the two-phase simplex), all on the same sample in the same run. Hinge"
          + " labels are the signs of the seeded labels (0 gives +1).",
      "Totals are means times the subproblem count. Times are wall-clock estimates."
    })
final class BenchCommand extends CliCommand {
  @Option(names = "--sample", paramLabel = "N", defaultValue = "300",
      description = "subproblems timed per instance (default ${DEFAULT-VALUE})")
  private int sample = 300;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "data seed")
  private long seed = 1;

  @Option(names = "--instances", paramLabel = "D:n:w,...",
      defaultValue = "12:2:2,16:2:2,20:1:2,8:3:2,10:2:3",
      description = "instances (default ${DEFAULT-VALUE})")
  private String instances = "12:2:2,16:2:2,20:1:2,8:3:2,10:2:3";

  @Option(names = "--loss", paramLabel = "LOSS", defaultValue = "squared",
      description = "squared (the default), absolute, or hinge")
  private String loss = "squared";

  /** Runs the instances and prints the table. */
  @Override
  public Integer call() {
    if (sample < 1) {
      throw new picocli.CommandLine.ParameterException(
          commandLine(), "--sample is " + sample + ", expected at least 1");
    }
    // Every instance is checked before any is run, so bad input prints nothing but the error.
    List<int[]> parsed = new ArrayList<>();
    for (String inst : List.of(instances.split(","))) {
      String[] p = inst.trim().split(":");
      int d;
      int n;
      int w;
      if (p.length != 3) {
        throw new picocli.CommandLine.ParameterException(
            commandLine(), "--instances: '" + inst + "' is not D:n:w");
      }
      try {
        d = Integer.parseInt(p[0]);
        n = Integer.parseInt(p[1]);
        w = Integer.parseInt(p[2]);
      } catch (RuntimeException e) {
        throw new picocli.CommandLine.ParameterException(
            commandLine(), "--instances: '" + inst + "' is not D:n:w");
      }
      if (d < 1 || n < 1 || w < 1 || w > 8 || d > 64) {
        throw new picocli.CommandLine.ParameterException(
            commandLine(), "--instances: '" + inst + "' is out of range");
      }
      parsed.add(new int[] {d, n, w});
    }
    Loss l = ErmRun.loss(commandLine(), loss);
    boolean lp = l != Loss.SQUARED;
    out().println(String.format(Locale.ROOT,
        "%-9s %8s %12s %8s %10s %12s %12s %12s %8s %11s %9s %14s %14s",
        "(D,n,w)", "patterns", "subproblems", "sampled", "enum ms", "exact us/sp",
        "double us/sp", lp ? "simplex us/sp" : "lemke us/sp", "ratio", "ratio IQR", "repaired", "naive 2^D sp",
        "naive s (est)"));
    for (Benchmark.Row r : Benchmark.runAll(parsed.toArray(new int[0][]), sample, seed, l)) {
      int d = r.d();
      out().println(String.format(Locale.ROOT,
          "%-9s %8d %12s %8d %10.0f %12.0f %12.0f %12.0f %8.2f %11s %8.0f%% %14s %14s",
          "(" + d + "," + r.n() + "," + r.w() + ")", r.patterns(), r.subproblems(), r.sampled(),
          r.patternMillis(), r.exactMicros(), r.doubleMicros(), r.unfilteredMicros(), r.ratio(),
          String.format(Locale.ROOT, "%.2f-%.2f", r.ratioLow(), r.ratioHigh()),
          100 * r.repairedFraction(), d <= 12 ? r.naiveSubproblems().toString() : "-",
          d <= 12 ? String.format(Locale.ROOT, "%.3g",
              r.naiveSubproblems().doubleValue() * r.doubleMicros() / 1e6) : "-"));
    }
    out().flush();
    out().println("loss: " + l.id() + "; ratio = certified exact / plain double per subproblem:"
        + " the median, over "
        + Benchmark.PASSES + " rounds, of the ratio of an exact pass and the double pass right"
        + " next to it (IQR: the middle half of those ratios); " + (lp ? "simplex = the exact"
        + " two-phase simplex" : "lemke = exact Lemke") + " without the double filter; naive = subproblems over all 2^D subsets per unit, and"
        + " the time they would take at the double us/sp (an extrapolation, not run).");
    return Main.OK;
  }
}
