package org.provablenets.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.provablenets.exact.Rationals;
import org.provablenets.gate.GateIteration;
import org.provablenets.gate.GateMcCheck;
import org.provablenets.gate.GateRun;
import org.provablenets.io.InputException;

/**
 * The files of {@code provnets gate run}: the CSV table, the sample indices and the iterates (in
 * the formats {@code gate compare} reads) and the PNG plot ({@link GatePlot}). Formatting only.
 *
 * <p>CSV of a finite run: header {@code step,distanceSquared,bound} (plus {@code
 * ,sgdDistanceSquared}), one row per t = 0..T: t, {@code ||w_{t+1} - w*||^2} in double (shortest
 * round-trip text), the bound to 17 significant digits (empty when a hypothesis fails), and SGD's
 * squared distance. CSV of a sampled run: {@code step,meanDistanceSquared,bound}.
 */
final class GateRunFiles {
  private GateRunFiles() {}

  /** The CSV table of a run on a finite support. */
  static String csv(GateRun.Finite r) {
    StringBuilder sb = new StringBuilder("step,distanceSquared,bound");
    GateIteration.DoubleRun sgd = r.sgd();
    double[] sgdSq = sgd == null ? new double[0] : sgd.squaredDistances();
    if (sgd != null) {
      sb.append(",sgdDistanceSquared");
    }
    sb.append('\n');
    double[] sq = r.run().squaredDistances();
    String[] bound = r.bounds().clean();
    for (int t = 0; t < sq.length; t++) {
      sb.append(t).append(',').append(sq[t]).append(',').append(bound == null ? "" : bound[t]);
      if (sgd != null) {
        sb.append(',').append(sgdSq[t]);
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** The CSV table of a Monte Carlo run on a sampled family. */
  static String csv(GateRun.Sampled r) {
    double[] mean = r.monteCarlo().runs().meanSquaredDistance();
    String[] bound = r.monteCarlo().bound();
    StringBuilder sb = new StringBuilder("step,meanDistanceSquared,bound\n");
    for (int t = 0; t < mean.length; t++) {
      sb.append(t).append(',').append(mean[t]).append(',')
          .append(bound == null ? "" : bound[t]).append('\n');
    }
    return sb.toString();
  }

  /** The sample indices, one row of b per step. */
  static String samples(GateIteration.DoubleRun run) {
    StringBuilder sb = new StringBuilder();
    for (int[] row : run.indices()) {
      for (int k = 0; k < row.length; k++) {
        sb.append(k == 0 ? "" : ",").append(row[k]);
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** The iterates w_1..w_{T+1}, each coordinate the exact decimal value of its double. */
  static String iterates(GateIteration.DoubleRun run) {
    StringBuilder sb = new StringBuilder();
    for (double[] w : run.iterates()) {
      for (int j = 0; j < w.length; j++) {
        sb.append(j == 0 ? "" : ",").append(new BigDecimal(w[j]).toString());
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** The plot of a run on a finite support: the run, the clean bound, SGD. */
  static byte[] plot(String source, GateRun.Finite r) {
    List<GatePlot.Line> lines = new ArrayList<>();
    lines.add(new GatePlot.Line("non-gradient iteration (double, estimate)",
        r.run().squaredDistances(), false));
    GateRun.Plan p = r.plan();
    String[] bound = r.bounds().clean();
    if (bound != null) {
      lines.add(new GatePlot.Line(
          (p.theoremEta() ? "bound rho^t ||w*||^2" : "bound q(eta)^t ||w*||^2") + " [derived]"
              + (p.poison() == null ? "" : " (clean labels)"), parsed(bound), true));
    }
    GateIteration.DoubleRun sgd = r.sgd();
    if (sgd != null) {
      lines.add(new GatePlot.Line("SGD from w = " + (r.sgdFromZero() ? "0"
          : Arrays.toString(sgd.iterates()[0])) + " (double)", sgd.squaredDistances(), false));
    }
    return png("T2 gate: " + source + ", b = " + p.batch() + ", eta = "
        + Rationals.decimal(p.eta(), 6) + (p.poison() == null ? "" : ", poisoned"), lines);
  }

  /** The plot of a Monte Carlo run on a sampled family: the mean and the compared bound. */
  static byte[] plot(GateRun.Sampled r) {
    GateMcCheck mc = r.monteCarlo();
    GateRun.Plan p = r.plan();
    List<GatePlot.Line> lines = new ArrayList<>();
    lines.add(new GatePlot.Line("mean over " + p.runs() + " runs (double, estimate)",
        mc.runs().meanSquaredDistance(), false));
    String[] bound = mc.bound();
    if (bound != null) {
      lines.add(new GatePlot.Line(GateRunText.kind(mc.kind()) + " [derived]", parsed(bound),
          true));
    }
    return png("T2 gate: " + r.setup().distribution().describe() + ", b = " + p.batch()
        + ", eta = " + Rationals.decimal(p.eta(), 6), lines);
  }

  private static double[] parsed(String[] bound) {
    double[] bd = new double[bound.length];
    for (int t = 0; t < bd.length; t++) {
      bd[t] = Double.parseDouble(bound[t]);
    }
    return bd;
  }

  private static byte[] png(String title, List<GatePlot.Line> lines) {
    try {
      return GatePlot.png(title, lines);
    } catch (IllegalArgumentException e) {
      throw new InputException("the plot is empty: " + e.getMessage(), e);
    }
  }
}
