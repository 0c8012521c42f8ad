/**
 * T2: training a single ReLU gate with the non-gradient (GLM-tron) stochastic iteration, checked
 * exactly on finite distributions.
 *
 * <ul>
 *   <li>{@link org.provablenets.gate.FiniteDistribution}: equally weighted support points, exact
 *       moments, exact symmetry decision;
 *   <li>{@link org.provablenets.gate.GateHypotheses}: the hypothesis checker (the only producer of
 *       a {@code @HypothesesChecked} {@link org.provablenets.gate.GateInstance}) and the [derived]
 *       constants;
 *   <li>{@link org.provablenets.gate.GateMath}: the symmetry lemma, the one-step identity, the
 *       contraction bound and the theorem by exact enumeration;
 *   <li>{@link org.provablenets.gate.GateIteration}: double trajectories (with poisoning) and
 *       their exact replays.
 * </ul>
 *
 * <p>The form of the algorithm and assumptions is [recalled] from Karmakar and Mukherjee (arXiv
 * 2005.04211); every constant is [derived] for this project, not the paper's. The proof chain is in
 * {@code proofs-notes/T2.md}.
 *
 * <p>Imports: {@code exact} (and its subpackages) and {@code qual} only; never {@code cert}, {@code
 * io}, {@code cli}, {@code bench} or another theorem package.
 */
package org.provablenets.gate;
