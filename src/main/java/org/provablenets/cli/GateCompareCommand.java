package org.provablenets.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.gate.GateComparison;
import org.provablenets.gate.GateIteration;
import org.provablenets.io.GateCsv;
import org.provablenets.io.InputException;
import org.provablenets.io.ResultJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code provnets gate compare}: replays an external implementation's run exactly ({@link
 * GateComparison}: {@link GateIteration#runExact} on its sample indices, from {@code w_1 = 0},
 * computed in {@code gate}; this class reads, calls and renders) and reports, per iterate,
 * the largest coordinate deviation {@code max_j |w_ext,j - w_exact,j|}, taken exactly over the
 * rationals (the external decimals are read exactly) and printed as a decimal.
 *
 * <p>JSON fields, in this order: {@code command, support, rows, points, dimension, symmetrised,
 * indexing, wStar, eta, batch, steps, trajectory, samples, firstIterate, maxDeviation,
 * maxDeviationIterate, tolerance, withinTolerance, deviations} where {@code deviations} lists one
 * {@code {"iterate": t, "deviation": "decimal"}} per compared iterate {@code w_t}.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    version = "provnets 0.1.0",
    sortOptions = false,
    description = {
      "Replays an external run exactly: the non-gradient iteration from w_1 = 0 with step eta on"
          + " the external run's own sample indices, in exact rational arithmetic, and reports"
          + " the largest deviation |w_ext - w_exact| (max over coordinates) of each external"
          + " iterate, and overall. This is the cross-check of a faster implementation (float32"
          + " PyTorch, say).",
      "Give eta exactly as the external run used it (a float32 0.1 is 0.100000001490116119384765625,"
          + " not 1/10)."
    },
    footer = {
      "%nIDX.csv (--samples): one row per step, the b support indices of that step,"
          + " comma-separated, counted from 0 in the order of the support: for a symmetrised"
          + " support (the default) data row r of the support file gives index 2r to x and"
          + " 2r+1 to -x; with --asymmetric row r is index r.",
      "EXT.csv (--trajectory): one row per step, the iterate's d coordinates as decimals (read"
          + " exactly): T rows for w_2..w_{T+1}, or T+1 rows starting with w_1 = 0.",
      "Both accept an optional header row, '#' comments and blank lines. Both may be NumPy"
          + " .npy files instead: an integer T x b array of indices, a T x d (or T+1 x d) array"
          + " of iterates, each float its exact binary value; 1-D when b or d is 1.",
      "%nExit codes: 0 compared (and within --tolerance if given), 1 the largest deviation"
          + " exceeds --tolerance, 2 bad input or usage."
    })
final class GateCompareCommand extends GateSubcommand {
  @Mixin private GateWStar wStar = new GateWStar();

  @Option(names = "--trajectory", required = true, paramLabel = "EXT.csv", order = 3,
      description = "the external iterates, one row per step")
  private String trajectoryFile = "";

  @Option(names = "--samples", required = true, paramLabel = "IDX.csv", order = 4,
      description = "the external run's sample indices, one row of b per step")
  private String samplesFile = "";

  @Option(names = "--eta", required = true, paramLabel = "E", order = 5,
      description = "the step size the external run used, exactly")
  private String etaText = "";

  @Option(names = "--batch", paramLabel = "B", order = 6,
      description = "the batch size (default: the number of indices per row of IDX.csv)")
  private @Nullable Integer batch;

  @Option(names = "--tolerance", paramLabel = "T", order = 7,
      description = "exit 1 if the largest deviation exceeds T (an exact rational such as 1e-6)")
  private @Nullable String toleranceText;

  /** Replays, compares, reports; 0, or 1 if the deviation exceeds the tolerance. */
  @Override
  public Integer call() {
    Rational eta = GateSetup.positive(commandLine(), "--eta", etaText, "step size");
    Integer given = batch;
    if (given != null) {
      GateSetup.batch(commandLine(), given);
    }
    String tt = toleranceText;
    @Nullable Rational tol =
        tt == null ? null : GateSetup.nonNegative(commandLine(), "--tolerance", tt, "tolerance");
    Rational width = bracketWidth();
    GateSetup s = load(width);
    int d = s.dist.dimension();
    Rational[] ws = wStar.parse(commandLine(), d, s.source);
    int[][] idx = GateCsv.readIndices(path(samplesFile), s.dist.size(), !s.asymmetric);
    int b = idx[0].length;
    if (given != null && given != b) {
      throw new InputException(
          samplesFile + ": has " + b + " indices per row, but --batch is " + given
              + " (one row holds the b indices of one step)");
    }
    Rational[][] ext = GateCsv.readTrajectory(path(trajectoryFile), d);
    int steps = idx.length;
    int offset;
    if (ext.length == steps) {
      offset = 1;
    } else if (ext.length == steps + 1) {
      offset = 0;
    } else {
      throw new InputException(
          trajectoryFile + ": has " + ext.length + " rows, but " + samplesFile + " has " + steps
              + " steps (expected " + steps + " rows w_2..w_" + (steps + 1) + ", or "
              + (steps + 1) + " rows w_1..w_" + (steps + 1) + ")");
    }
    GateComparison c = GateComparison.of(s.dist, ws, eta, b, idx, ext, offset);
    if (json) {
      out().println(ResultJson.write(json(s, c, tol)));
    } else {
      report(out(), s, c, tol);
    }
    if (tol != null && !c.within(tol)) {
      return failed("the largest deviation " + Rationals.decimal(c.max()) + " (at w_"
          + c.worst() + ") exceeds --tolerance " + Rationals.decimal(tol) + " by "
          + Rationals.decimal(c.excess(tol)));
    }
    return Main.OK;
  }

  private String indexing(GateSetup s) {
    return s.asymmetric
        ? "row r of the support file is index r"
        : "row r of the support file gives index 2r (x) and 2r+1 (-x)";
  }

  private void report(PrintWriter out, GateSetup s, GateComparison c, @Nullable Rational tol) {
    out.println("gate compare " + trajectoryFile + " against the exact replay of " + samplesFile);
    s.describe(out);
    out.println(TextReport.label("indices") + indexing(s));
    out.println(TextReport.label("w*") + TextReport.exact(c.wStar()));
    out.println(TextReport.label("eta") + TextReport.exactAndDecimal(c.eta()) + ", batch b = "
        + c.batch() + ", " + c.steps() + " steps");
    Rational[] dev = c.deviations();
    out.println(TextReport.label("compared") + dev.length + " iterates w_" + c.iterate(0)
        + "..w_" + (c.steps() + 1) + "; deviation = max_j |w_ext,j - w_exact,j|, exact, shown as"
        + " a decimal");
    List<Integer> rows = GateRunText.tableSteps(dev.length - 1);
    out.println(String.format("  %8s  %s", "iterate", "deviation"));
    for (int i : rows) {
      out.println(String.format("  %8s  %s", "w_" + c.iterate(i), Rationals.decimal(dev[i])));
    }
    out.println(TextReport.label("largest") + Rationals.decimal(c.max()) + " at w_" + c.worst());
    if (tol != null) {
      out.println(TextReport.label("tolerance") + Rationals.decimal(tol) + ": "
          + (c.within(tol) ? "within" : "EXCEEDED"));
    }
  }

  private ObjectNode json(GateSetup s, GateComparison c, @Nullable Rational tol) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("command", "gate compare");
    s.describe(o);
    o.put("indexing", indexing(s));
    o.set("wStar", ResultJson.vector(c.wStar()));
    o.set("eta", ResultJson.rational(c.eta()));
    o.put("batch", c.batch());
    o.put("steps", c.steps());
    o.put("trajectory", trajectoryFile);
    o.put("samples", samplesFile);
    o.put("firstIterate", c.iterate(0));
    o.put("maxDeviation", Rationals.decimal(c.max()));
    o.put("maxDeviationIterate", c.worst());
    if (tol == null) {
      o.putNull("tolerance");
      o.putNull("withinTolerance");
    } else {
      o.set("tolerance", ResultJson.rational(tol));
      o.put("withinTolerance", c.within(tol));
    }
    ArrayNode a = o.putArray("deviations");
    Rational[] dev = c.deviations();
    for (int i = 0; i < dev.length; i++) {
      ObjectNode e = a.addObject();
      e.put("iterate", c.iterate(i));
      e.put("deviation", Rationals.decimal(dev[i]));
    }
    return o;
  }
}
