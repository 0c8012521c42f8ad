/**
 * The {@code double} world of the numeric core: uncertified floating-point solvers whose answers
 * are hints or estimates, never results. {@link org.provablenets.exact.hint.DoubleSimplex} (a
 * two-phase simplex on a {@code double} tableau) guesses the basis that {@code
 * exact.lp.FilteredLpSolver} solves and checks exactly; {@link
 * org.provablenets.exact.hint.DoubleLemke} (Lemke's method in {@code double}) guesses the active
 * set that {@code exact.qp.FilteredQpSolver} repairs exactly; {@link
 * org.provablenets.exact.hint.DoubleQp} is the plain {@code double} QP baseline of the benchmark.
 * Nothing here is trusted: an exact solve and the exact checks decide, with an exact fallback.
 *
 * <p>Imports: {@code qual} only, no other project package: the exact packages build their {@code
 * double} inputs and read the answers back ({@code exact.lp.SimplexHint}, {@code
 * FilteredQpSolver}); {@code ArchitectureTest} enforces it.
 */
package org.provablenets.exact.hint;
