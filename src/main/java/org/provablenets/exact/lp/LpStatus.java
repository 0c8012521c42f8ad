package org.provablenets.exact.lp;

/** Outcome of a linear or quadratic program. */
public enum LpStatus {
  /** An optimal point exists; the result holds it with dual multipliers. */
  OPTIMAL,
  /** No feasible point exists; the result holds a Farkas certificate. */
  INFEASIBLE,
  /** The objective is unbounded below; the result holds a feasible point and an improving ray. */
  UNBOUNDED
}
