/**
 * Exact linear algebra over the rationals: elimination, rank, determinant, solve, exact
 * definiteness tests and certified eigenvalue brackets.
 *
 * <p>This package is checked by the Checker Framework's Index Checker (array bounds), besides the
 * Nullness Checker that runs on all main code.
 *
 * <p>Imports: {@code exact} and {@code qual} only (no {@code exact.lp} or {@code exact.qp}, nothing
 * outside the numeric core).
 */
package org.provablenets.exact.linalg;
