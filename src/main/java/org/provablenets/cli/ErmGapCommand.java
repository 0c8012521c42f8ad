package org.provablenets.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.erm.Dataset;
import org.provablenets.erm.ErmCertificate;
import org.provablenets.erm.ErmPlan;
import org.provablenets.erm.Loss;
import org.provablenets.erm.ReluNet;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.io.DataCsv;
import org.provablenets.io.ErmJson;
import org.provablenets.io.InputException;
import org.provablenets.io.ResultJson;
import org.provablenets.qual.Certified;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code provnets erm-gap --data FILE --net NET.json}: how far a given net (for instance one
 * trained by SGD in PyTorch) is above the certified global optimum, exactly.
 */
@Command(
    name = "erm-gap",
    mixinStandardHelpOptions = true,
    version = "provnets 0.1.0",
    sortOptions = false,
    description = {
      "Computes the exact mean loss of a given depth-2 ReLU net on the data, the"
          + " certified global optimum over all nets of its width (as 'provnets erm' does), and"
          + " the gap between them, all as exact rationals.",
      "The gap is >= 0 by the theorem; 0 means the net is a global minimiser."
    },
    footer = {
      "%nNet file (numbers: JSON numbers, read exactly, or strings such as \"3/7\"):",
      "  {\"units\": [{\"weights\": [1, \"-1/2\"], \"bias\": 0.5, \"sign\": 1},",
      "             {\"weights\": [0.25, 2], \"bias\": -1, \"outputWeight\": -0.75}],",
      "   \"outputBias\": 0}",
      "Each unit has a sign (1 or -1) or a general outputWeight (normalised exactly: sign and"
          + " |outputWeight| times the first layer). outputBias is optional (default 0). A"
          + " certificate or the output of 'provnets erm --json' can be given too (its \"net\").",
      "Or a PyTorch state_dict, as JSON or .npz (members KEY.npy, exact binary values):"
          + " fc1.weight (w x n), fc1.bias (w), fc2.weight (1 x w), optional fc2.bias (1).",
      "Data file: as for 'provnets erm'.",
      "Exit codes: 0 certified, 1 the optimum's certificate was rejected, 2 bad input or usage."
    })
final class ErmGapCommand extends CliCommand {
  @Option(names = "--data", required = true, paramLabel = "FILE", description = "the data set")
  private String dataFile = "";

  @Option(names = "--net", required = true, paramLabel = "NET.json",
      description = "the net to compare with the optimum (JSON, or a state_dict .npz)")
  private String netFile = "";

  @Option(names = "--width", paramLabel = "W",
      description = "the width of the optimum; default and only allowed value: the net's width")
  private @Nullable Integer width;

  @Option(names = "--loss", paramLabel = "LOSS", defaultValue = "squared",
      description = "squared (the default), absolute, or hinge (labels -1 or +1)")
  private String lossName = "squared";

  @Option(names = "--output-bias", description = "the model has an output bias c")
  private boolean outputBias;

  @Option(names = "--max-subproblems", paramLabel = "N", defaultValue = "20000",
      description = "refuse to run above this many subproblems (default: ${DEFAULT-VALUE})")
  private long maxSubproblems = ErmRun.DEFAULT_BUDGET;

  @Option(names = "--json", description = "print one JSON object instead of the report")
  private boolean json;

  /** Computes the net's loss, the certified optimum and the gap; 0 if certified, else 1. */
  @Override
  public Integer call() {
    Integer given = width;
    if (given != null) {
      ErmRun.width(commandLine(), given);
    }
    Loss loss = ErmRun.loss(commandLine(), lossName);
    long budget = ErmRun.budget(commandLine(), maxSubproblems);
    Dataset data = DataCsv.read(path(dataFile));
    ReluNet net = ErmJson.readNet(path(netFile));
    int inputs = net.weights(0).length;
    if (inputs != data.dimension()) {
      throw new InputException(
          netFile + ": the net has " + TextReport.plural(inputs, "input") + " per unit, but the data "
              + dataFile + " has " + TextReport.plural(data.dimension(), "input") + " per point");
    }
    int w = net.width();
    if (given != null && given != w) {
      throw new InputException(
          netFile + ": the net has width " + w + ", but --width is " + given
              + " (omit --width to compare with the optimum at the net's width)");
    }
    if (w > ErmRun.MAX_WIDTH) {
      throw new InputException(
          netFile + ": the net has width " + w + ", but the optimum can be computed for widths"
              + " 1 to " + ErmRun.MAX_WIDTH + " only");
    }
    if (!outputBias && net.outputBias().signum() != 0) {
      throw new InputException(
          netFile + ": outputBias is " + Rationals.format(net.outputBias()) + ", but the model"
              + " has no output bias (pass --output-bias to compare with nets that have one)");
    }
    Rational netLoss = net.loss(data, loss);
    ErmRun run =
        ErmRun.solve(dataFile, data, w, loss, outputBias, budget, commandLine().getErr());
    Rational optimum = run.certificate().optimum();
    @Nullable @Certified ErmCertificate certified = run.checked.certified();
    @Nullable Rational gap = certified != null ? ErmPlan.gap(netLoss, certified) : null;
    if (json) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("command", "erm-gap");
      ErmReport.describe(o, run.source, run.facts);
      o.put("netFile", netFile);
      ErmReport.exact(o, "netLoss", netLoss);
      ErmReport.exact(o, "optimum", optimum);
      ErmReport.exact(o, "gap", gap);
      o.set("net", ErmJson.netReport(net));
      o.set("optimalNet", ErmJson.netReport(run.certificate().net()));
      ErmReport.verdict(o, run.checked);
      out().println(ResultJson.write(o));
    } else {
      PrintWriter out = out();
      out.println("ERM gap of " + netFile + " on " + dataFile);
      ErmReport.describe(out, run.facts, given == null ? " (the net's width)" : "");
      out.println(TextReport.label("net loss") + TextReport.exactAndDecimal(netLoss));
      out.println(TextReport.label("optimum") + TextReport.exactAndDecimal(optimum));
      out.println(TextReport.label("gap") + (gap == null
          ? "not computed: the optimum's certificate was rejected"
          : TextReport.exactAndDecimal(gap)
              + (gap.signum() == 0 ? " (the net is a global minimiser)" : "")));
      ErmReport.verdict(out, run.checked);
    }
    return exitCode(run.verdict(), "T1 certificate");
  }
}
