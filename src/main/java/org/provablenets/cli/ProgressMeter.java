package org.provablenets.cli;

import java.io.PrintWriter;
import org.provablenets.erm.ErmSolver;

/**
 * Progress of a long solve on standard error: nothing during the first {@value #FIRST_SECONDS}
 * seconds, then one line every {@value #EVERY_SECONDS} seconds with the number of subproblems
 * solved, the most that can still be solved given the incumbent (the rest will be pruned; see
 * {@link ErmSolver.Progress}), and the time that many would take at the elapsed time per
 * subproblem so far (an estimate of an upper bound: later subproblems may take longer or shorter).
 * Standard output is unaffected, so it stays byte-identical.
 */
final class ProgressMeter implements ErmSolver.Progress {
  private static final long FIRST_SECONDS = 2;
  private static final long EVERY_SECONDS = 5;
  private static final long NANOS = 1_000_000_000L;

  private final PrintWriter err;
  private final String name;
  private final long start = System.nanoTime();
  private long last = start;

  /**
   * @param err where the lines go (standard error)
   * @param name the command name that starts each line
   */
  ProgressMeter(PrintWriter err, String name) {
    this.err = err;
    this.name = name;
  }

  @Override
  public synchronized void update(long done, long total) {
    long now = System.nanoTime();
    if (done <= 0 || done >= total || now - start < FIRST_SECONDS * NANOS
        || now - last < EVERY_SECONDS * NANOS) {
      return;
    }
    last = now;
    double perItem = (double) (now - start) / done;
    long left = Math.round(perItem * (total - done) / NANOS);
    err.println(name + ": " + done + " of at most " + total + " subproblems solved (the others"
        + " are pruned), at most about " + duration(left) + " left");
    err.flush();
  }

  private static String duration(long seconds) {
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3600) {
      return (seconds / 60) + " min " + (seconds % 60) + " s";
    }
    return (seconds / 3600) + " h " + (seconds % 3600 / 60) + " min";
  }
}
