/**
 * Performance measurements, reported as ratios measured in one run: {@link
 * org.provablenets.bench.Benchmark} times T1's certified exact path (exact build, filtered exact
 * solve, exact dual check) against a plain {@code double} path and the unfiltered exact solver on
 * the same sample of subproblems (the {@code provnets bench} command).
 *
 * <p>Imports: {@code erm}, {@code exact} (and its subpackages), {@code cert} and {@code qual}; no
 * {@code io} or {@code cli} (the command that prints the table lives in {@code cli}). No theorem
 * package imports this one.
 */
package org.provablenets.bench;
