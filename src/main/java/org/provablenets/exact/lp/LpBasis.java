package org.provablenets.exact.lp;

/**
 * A guessed basis of a linear program in its original form (see {@link FilteredLpSolver}): the
 * basic variables K and the tight rows T, {@code |K| = |T|} for a basis. The non-basic variables
 * sit at their lower bound (free ones at 0); the basic ones solve {@code A[T,K] x_K = b_T - A[T,
 * not K] x_(not K)}; the duals are zero off T and solve {@code A[T,K]' y_T = c_K}. Only a guess:
 * nothing about it is trusted.
 */
final class LpBasis {
  final boolean[] basic;
  final boolean[] tight;

  LpBasis(boolean[] basic, boolean[] tight) {
    this.basic = basic.clone();
    this.tight = tight.clone();
  }
}
