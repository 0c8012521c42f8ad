package org.provablenets.exact.lp;

/** Exact simplex (work in progress). */
public final class LpSolver {
  private LpSolver() {}

  /** Solves the program exactly. */
  public static LpResult solve(LinearProgram lp) {
    throw new UnsupportedOperationException("not yet");
  }
}
