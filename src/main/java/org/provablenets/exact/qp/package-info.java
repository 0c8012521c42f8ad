/**
 * Exact convex quadratic programming with certificates: a program over the rationals ({@link
 * org.provablenets.exact.qp.QuadraticProgram}), Lemke's method on its KKT conditions in exact
 * arithmetic ({@link org.provablenets.exact.qp.QpSolver}), a filtered solver that guesses the
 * active set in {@code double} and repairs and verifies it exactly ({@link
 * org.provablenets.exact.qp.FilteredQpSolver}, exact fallback), and the answer with its witness
 * ({@link org.provablenets.exact.qp.QpResult}: KKT multipliers, a Farkas ray or an unbounded ray),
 * verified by {@code org.provablenets.cert.CertificateChecker}.
 *
 * <p>The {@code double} solvers (the filter's hint {@code DoubleLemke}, the benchmark's baseline
 * {@code DoubleQp}) live in {@code exact.hint}; nothing they return is trusted.
 *
 * <p>Imports: {@code exact}, {@code exact.linalg}, {@code exact.lp}, {@code exact.hint} and {@code
 * qual} only.
 */
package org.provablenets.exact.qp;
