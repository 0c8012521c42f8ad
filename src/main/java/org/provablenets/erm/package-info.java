/**
 * T1: exact global empirical risk minimisation for depth-2 ReLU nets (Arora, Basu, Mianjy,
 * Mukherjee, ICLR 2018, Thm 4.1 / Alg. 1).
 *
 * <ul>
 *   <li>{@link org.provablenets.erm.Dataset}, {@link org.provablenets.erm.ReluNet}: the instance
 *       (exact data) and the nets in normalised form;
 *   <li>{@link org.provablenets.erm.Loss}: the losses (squared, absolute, hinge) as a sealed
 *       strategy that builds and solves each subproblem's convex program;
 *   <li>{@link org.provablenets.erm.Patterns}: the exact enumeration of the activation patterns,
 *       with witnesses and refutations ({@link org.provablenets.erm.PatternSet});
 *   <li>{@link org.provablenets.erm.Subproblems}: the convex subproblems of Algorithm 1 and their
 *       canonical order, and the blocked-points bound used to prune;
 *   <li>{@link org.provablenets.erm.SequentialErm}: Algorithm 1 as stated, one subproblem after the
 *       other (the readable reference); {@link org.provablenets.erm.ErmSolver}: the same in
 *       parallel rounds with pruning, resumable, returning the optimum with an {@link
 *       org.provablenets.erm.ErmCertificate} (checked by {@code org.provablenets.cert.ErmChecker});
 *   <li>{@link org.provablenets.erm.ErmPlan}: the service the commands call: a run planned within
 *       a budget before anything is solved, solved whole, in shards or resumed, with the facts
 *       the reports print and the gap of a net above a certified optimum;
 *   <li>{@link org.provablenets.erm.SgdBaseline}: the plain {@code double} gradient-descent
 *       baseline (estimates).
 * </ul>
 *
 * <p>Imports: {@code exact} (and its subpackages) and {@code qual} only; never {@code cert} (the
 * checker imports this package's certificate types), {@code io}, {@code cli}, {@code bench} or
 * another theorem package. The proof chain is in {@code proofs-notes/T1.md}.
 */
package org.provablenets.erm;
