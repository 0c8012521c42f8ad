/**
 * Exact convex quadratic programming with certificates: a program over the rationals ({@link
 * org.provablenets.exact.qp.QuadraticProgram}), Lemke's method on its KKT conditions in exact
 * arithmetic ({@link org.provablenets.exact.qp.QpSolver}), a filtered solver that guesses the
 * active set in {@code double} and repairs and verifies it exactly ({@link
 * org.provablenets.exact.qp.FilteredQpSolver}, exact fallback), and the answer with its witness
 * ({@link org.provablenets.exact.qp.QpResult}: KKT multipliers, a Farkas ray or an unbounded ray),
 * verified by {@code org.provablenets.cert.CertificateChecker}.
 *
 * <p>Exact and {@code double} code live side by side here: {@code DoubleLemke} and {@link
 * org.provablenets.exact.qp.DoubleQp} are uncertified {@code double} solvers (a hint for the
 * filter, and the benchmark's baseline); nothing they return is trusted.
 *
 * <p>Imports: {@code exact}, {@code exact.linalg}, {@code exact.lp} and {@code qual} only.
 */
package org.provablenets.exact.qp;
