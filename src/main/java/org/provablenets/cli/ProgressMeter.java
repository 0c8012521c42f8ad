package org.provablenets.cli;

import java.io.PrintWriter;
import java.util.function.LongSupplier;
import org.provablenets.erm.ErmSolver;

/**
 * Progress of a long solve on standard error: nothing during the first {@value #FIRST_SECONDS}
 * seconds of solving, then one line every {@value #EVERY_SECONDS} seconds with the number of
 * subproblems solved, the most that can still be solved given the incumbent (the rest will be
 * pruned; see {@link ErmSolver.Progress}), and the time that many would take at the time per
 * subproblem since the first solve (an estimate of an upper bound: later subproblems may take
 * longer or shorter). The clock starts at the first solve, not before: the enumeration, the block
 * tables and the keying passes that come first (a minute at D = 100) are not solves, and counting
 * them made the first estimates of a D = 100 shard 3-4x too long. Standard output is unaffected,
 * so it stays byte-identical.
 */
final class ProgressMeter implements ErmSolver.Progress {
  private static final long FIRST_SECONDS = 2;
  private static final long EVERY_SECONDS = 5;
  private static final long NANOS = 1_000_000_000L;

  private final PrintWriter err;
  private final String name;
  private final LongSupplier clock;
  /** The clock at the first update, and the count then; -1 before it. */
  private long first = -1;
  private long firstDone;
  private long last;

  /**
   * @param err where the lines go (standard error)
   * @param name the command name that starts each line
   */
  ProgressMeter(PrintWriter err, String name) {
    this(err, name, System::nanoTime);
  }

  /** As above, with a clock in nanoseconds (for tests). */
  ProgressMeter(PrintWriter err, String name, LongSupplier clock) {
    this.err = err;
    this.name = name;
    this.clock = clock;
  }

  @Override
  public synchronized void update(long done, long total) {
    long now = clock.getAsLong();
    if (first < 0) {
      first = now;
      firstDone = done;
      last = now;
      return;
    }
    if (done <= firstDone || done >= total || now - first < FIRST_SECONDS * NANOS
        || now - last < EVERY_SECONDS * NANOS) {
      return;
    }
    last = now;
    double perItem = (double) (now - first) / (done - firstDone);
    long left = Math.round(perItem * (total - done) / NANOS);
    err.println(name + ": " + done + " of at most " + total + " subproblems solved (the others"
        + " are pruned), at most about " + duration(left) + " left");
    err.flush();
  }

  static String duration(long seconds) {
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3600) {
      return (seconds / 60) + " min " + (seconds % 60) + " s";
    }
    return (seconds / 3600) + " h " + (seconds % 3600 / 60) + " min";
  }
}
