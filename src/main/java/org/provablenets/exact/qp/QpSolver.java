package org.provablenets.exact.qp;

/** Exact convex QP solver (work in progress). */
public final class QpSolver {
  private QpSolver() {}

  /** Solves the program exactly. */
  public static QpResult solve(QuadraticProgram qp) {
    throw new UnsupportedOperationException("not yet");
  }
}
