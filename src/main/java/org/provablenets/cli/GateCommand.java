package org.provablenets.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;

/**
 * {@code provnets gate ...}: T2, the non-gradient iteration that trains a single ReLU gate
 * (Karmakar, Mukherjee 2020), on finite input distributions read from a support file. The
 * subcommands are {@code hypotheses}, {@code step}, {@code run} and {@code compare}.
 *
 * <p>Exit codes: 0 success; 1 a check failed (a hypothesis fails, or an exact check fails: the
 * message says which and by how much); 2 bad input or usage; 3 an internal error.
 */
@Command(
    name = "gate",
    mixinStandardHelpOptions = true,
    version = "provnets 0.1.0",
    description = {
      "T2: training a ReLU gate f_w(x) = ReLU(w.x) with the non-gradient iteration"
          + " w' = w + eta (1/b) sum_k (y_k - ReLU(w.x_k)) x_k, w_1 = 0 (Karmakar, Mukherjee 2020).",
      "The distribution is finite: the support points of a CSV file, equal mass each,"
          + " symmetrised by default (each row x gives x and -x). Every expectation is an exact"
          + " rational sum. The constants (c_b, eta, rho) are [derived] for this project"
          + " (proofs-notes/T2.md), not the paper's printed constants.",
      "'gate run' also takes a sampled family instead (--distribution gaussian:COV, cube:D:A,"
          + " student:COV:NU, mixture:COV:MU or shifted:COV:MU) with exact closed-form moments,"
          + " and Monte Carlo over R runs (--runs R): see 'provnets gate run --help'."
    },
    subcommands = {
      GateHypothesesCommand.class,
      GateStepCommand.class,
      GateRunCommand.class,
      GateCompareCommand.class
    },
    footer = {
      "%nSupport file: CSV, one point per row x1,...,xd; an optional header row of names; '#'"
          + " comment lines and blank lines are ignored; numbers are exact (0.1 is 1/10, 3/7 and"
          + " 1e-3 are accepted). Or a 2-D NumPy .npy, one point per row, each float its exact"
          + " binary value.",
      "  x1,x2",
      "  1,0",
      "  0,1",
      "Symmetrised (the default), data row r gives the support indices 2r (x) and 2r+1 (-x);"
          + " with --asymmetric, row r is index r.",
      "%nExit codes: 0 success, 1 a check failed (a hypothesis or an exact check; the message"
          + " says which and by how much), 2 bad input or usage, 3 internal error."
    })
final class GateCommand extends CliCommand {
  /** Called when no subcommand is given: a usage error. */
  @Override
  public Integer call() {
    throw new ParameterException(
        commandLine(), "Missing subcommand: choose hypotheses, step, run or compare");
  }
}
