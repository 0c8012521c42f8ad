package org.provablenets.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;

/**
 * {@code provnets villani ...}: T3, the Villani conditions for the regularised depth-2 net loss
 * {@code L(W) = (1/(2n)) sum_i (y_i - a . sigma(W x_i))^2 + (lambda/2) ||W||_F^2}. The subcommands
 * are {@code eval}, {@code check}, {@code gap} and {@code sgd}.
 *
 * <p>Exit codes: 0 success; 1 a condition could not be established (the message names it and says
 * by how much); 2 bad input or usage; 3 an internal error.
 */
@Command(
    name = "villani",
    mixinStandardHelpOptions = true,
    version = "provnets 0.1.0",
    description = {
      "T3: the Villani conditions for the regularised depth-2 net loss"
          + " L(W) = (1/(2n)) sum_i (y_i - a.sigma(W x_i))^2 + (lambda/2)||W||_F^2, with fixed"
          + " outer weights a, trained inner weights W (p x d), and sigma = tanh, sigmoid or"
          + " softplus. The constants and the radius are [derived] (proofs-notes/T3.md)."
    },
    subcommands = {
      VillaniEvalCommand.class,
      VillaniCheckCommand.class,
      VillaniGapCommand.class,
      VillaniSgdCommand.class
    },
    footer = {
      "%nData file: CSV, one point per row x1,...,xd,y (the label last); an optional header row"
          + " of names; '#' comment lines and blank lines are ignored; numbers are exact (0.1 is"
          + " 1/10, 3/7 and 1e-3 are accepted).",
      "Or NumPy, as for 'provnets erm': an .npz with X and y, or an .npy of rows x1,...,xd,y.",
      "Weights file (--weights): CSV, p rows (one per unit, p = the number of --outer weights)"
          + " of d columns (the input dimension); or a p x d .npy; or a PyTorch state_dict (.npz"
          + " or .json) whose fc1.weight is W and fc2.weight the outer weights (then --outer may"
          + " be left out), with no or zero biases. NumPy floats are their exact binary values.",
      "%nExit codes: 0 success, 1 a condition is not established (named, with the amount),"
          + " 2 bad input or usage, 3 internal error."
    })
final class VillaniCommand extends CliCommand {
  /** Called when no subcommand is given: a usage error. */
  @Override
  public Integer call() {
    throw new ParameterException(commandLine(), "Missing subcommand: choose eval, check, gap or sgd");
  }
}
