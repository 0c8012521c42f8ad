package org.provablenets.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.provablenets.cert.ErmChecker;
import org.provablenets.cert.Verdict;
import org.provablenets.erm.Dataset;
import org.provablenets.erm.ErmCertificate;
import org.provablenets.erm.ErmSolver;
import org.provablenets.erm.Loss;
import org.provablenets.erm.PatternSet;
import org.provablenets.erm.Patterns;
import org.provablenets.erm.ReluNet;
import org.provablenets.erm.SgdBaseline;
import org.provablenets.erm.Subproblems;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.io.ErmJson;
import org.provablenets.io.ResultJson;

/**
 * The tour's T1 section: the certified global ERM optimum of a width-2 ReLU net (squared loss, no
 * output bias) beside five runs of plain gradient descent in {@code double}, whose final nets are
 * made exact and whose losses are computed exactly ({@link SgdBaseline#compare}).
 */
final class ErmTour {
  private ErmTour() {}

  /** SGD steps of the T1 comparison. */
  private static final int SGD_STEPS = 4000;

  /** SGD step size of the T1 comparison. */
  private static final double SGD_RATE = 0.01;

  /** SGD seeds of the T1 comparison. */
  private static final int SGD_RUNS = 5;

  /** The section for the data read from {@code source}. */
  static TourCommand.Section section(String source, Dataset data) {
    int width = 2;
    boolean outputBias = false;
    PatternSet ps = Patterns.enumerate(data);
    BigInteger count = Subproblems.count(ps.size(), width);
    ErmCertificate cert = ErmSolver.solve(data, width, Loss.SQUARED, outputBias, ps);
    Verdict v = ErmChecker.check(data, cert);
    Rational optimum = cert.optimum();
    ReluNet net = cert.net();
    List<String> lines = new ArrayList<>();
    lines.add(data.size() + " points in R^" + data.dimension() + ", width " + width
        + ", squared loss, no output bias: " + ps.size() + " patterns per unit, " + count
        + " QPs");
    lines.add("certified optimum " + TextReport.exactAndDecimal(optimum) + "; "
        + cert.prunedCount() + " of the " + count
        + " QPs pruned by their " + (cert.blocks().isEmpty() ? "blocked points" : "block bounds")
        + " (not solved)");
    for (int i = 0; i < net.width(); i++) {
      lines.add("unit " + (i + 1) + ": sign " + (net.sign(i) > 0 ? "+1" : "-1") + ", weights "
          + TextReport.exact(net.weights(i)) + ", bias " + Rationals.format(net.bias(i)));
    }
    lines.add("gradient descent in double, " + SGD_STEPS + " steps of rate " + SGD_RATE
        + ", seeds 1.." + SGD_RUNS + "; each final net converted");
    lines.add("exactly to rationals, its loss computed exactly (~ marks a long exact fraction):");
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("problem", "erm");
    o.put("source", source);
    o.put("points", data.size());
    o.put("dimension", data.dimension());
    o.put("width", width);
    o.put("loss", Loss.SQUARED.id());
    o.put("outputBias", outputBias);
    o.put("patternsPerUnit", ps.size());
    o.put("subproblems", count);
    o.put("pruned", cert.prunedCount());
    o.put("optimum", Rationals.format(optimum));
    o.put("optimumDecimal", Rationals.decimal(optimum));
    o.set("net", ErmJson.netReport(net));
    ObjectNode sgd = o.putObject("sgd");
    sgd.put("steps", SGD_STEPS);
    sgd.put("rate", SGD_RATE);
    ArrayNode runs = sgd.putArray("runs");
    int below = 0;
    for (SgdBaseline.Run run : SgdBaseline.compare(
        data, width, outputBias, SGD_STEPS, SGD_RATE, SGD_RUNS, optimum)) {
      below += run.gap().signum() < 0 ? 1 : 0;
      lines.add("  seed " + run.seed() + ": loss " + approx(run.loss()) + ", gap "
          + approx(run.gap()) + (run.gap().signum() < 0 ? "  BELOW THE CERTIFIED OPTIMUM" : ""));
      ObjectNode r = runs.addObject();
      r.put("seed", run.seed());
      r.set("loss", ResultJson.rational(run.loss()));
      r.set("gap", ResultJson.rational(run.gap()));
    }
    lines.add(below == 0
        ? "every SGD loss is >= the certified optimum, as the theorem guarantees"
        : below + " SGD losses are below the certified optimum: a bug, please report it");
    ResultJson.putVerdict(o, v);
    return new TourCommand.Section(
        "T1",
        "exact global ERM of a width-2 ReLU net, compared with gradient descent (" + source + ")",
        lines,
        o,
        v);
  }

  /**
   * An exact value for the report: in full when short, otherwise its decimal approximation (the
   * parameters of a double net have up to 1074 binary places, so its exact loss is long).
   */
  private static String approx(Rational q) {
    return Rationals.format(q).length() <= 24
        ? TextReport.exactAndDecimal(q)
        : "~ " + Rationals.decimal(q, 10);
  }
}
