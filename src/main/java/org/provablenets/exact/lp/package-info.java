/**
 * Exact linear programming with certificates: a program over the rationals ({@link
 * org.provablenets.exact.lp.LinearProgram}), the two-phase simplex method with Bland's rule ({@link
 * org.provablenets.exact.lp.LpSolver}), and its answer with the witness ({@link
 * org.provablenets.exact.lp.LpResult}: a primal point and dual vector, a Farkas ray of
 * infeasibility, or an unbounded ray). The witness is verified by {@code
 * org.provablenets.cert.CertificateChecker}, never by the solver.
 *
 * The filtered solver ({@link org.provablenets.exact.lp.FilteredLpSolver}) guesses a basis with the
 * {@code double} simplex of {@code exact.hint} and solves and checks it exactly.
 *
 * <p>Imports: {@code exact}, {@code exact.linalg}, {@code exact.hint} and {@code qual} only (no
 * {@code exact.qp}, no {@code cert}: the checker depends on this package, not the other way
 * round).
 */
package org.provablenets.exact.lp;
