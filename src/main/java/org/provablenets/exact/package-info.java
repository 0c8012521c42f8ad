/**
 * The numeric core's values: exact rationals ({@link org.provablenets.exact.Rational}, an immutable
 * BigInteger fraction in lowest terms), their parsing, printing and decimal approximation ({@link
 * org.provablenets.exact.Rationals}, inputs such as {@code 0.1} read as 1/10, never through
 * {@code double}) and a fast gcd ({@link org.provablenets.exact.Gcd}). Knows nothing of neural
 * nets.
 *
 * <p>Imports: no other project package except {@code qual} (not even its own subpackages, which
 * build on it). Subpackages: {@code hint} (uncertified {@code double} solvers, importing no other
 * project package), {@code linalg} (vectors, matrices, elimination), {@code lp} (exact LP), {@code
 * qp} (exact convex QP), each importing only the ones before it; and {@code enclosure} (rigorous
 * apfloat intervals and square-root bounds), importing no other subpackage. No {@code exact}
 * package imports a theorem package ({@code erm}, {@code gate}, {@code villani}), {@code cert},
 * {@code io}, {@code cli} or {@code bench}; {@code ArchitectureTest} enforces the arrows.
 */
package org.provablenets.exact;
