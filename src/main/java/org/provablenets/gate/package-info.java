/**
 * T2: training a single ReLU gate with the non-gradient (GLM-tron) stochastic iteration, checked
 * exactly on finite distributions and by Monte Carlo on sampled families.
 *
 * <ul>
 *   <li>{@link org.provablenets.gate.Moments}: the one interface of an input distribution (Sigma,
 *       E[||x||^2 xx'], m_2, (A1), a sampler), provided by {@link
 *       org.provablenets.gate.FiniteDistribution} (equally weighted support points, exact sums,
 *       exact symmetry decision) and {@link org.provablenets.gate.SampledDistribution} (parametric
 *       families, exact closed-form moments); everything below is written once against it;
 *   <li>{@link org.provablenets.gate.GateHypotheses}: the hypothesis checker (the only producer of
 *       a {@code @HypothesesChecked} {@link org.provablenets.gate.CertifiedSpectrum}: {@link
 *       org.provablenets.gate.GateInstance} for a support, {@link
 *       org.provablenets.gate.SampledInstance} for a family) and the [derived] constants ({@link
 *       org.provablenets.gate.GateConstants}); {@link org.provablenets.gate.GateAssessment} keeps
 *       its outcome as a value;
 *   <li>{@link org.provablenets.gate.GateMath}: the symmetry lemma, the one-step identity, the
 *       contraction bound and the theorem by exact enumeration;
 *   <li>{@link org.provablenets.gate.GateIteration}, {@link org.provablenets.gate.GateExactRun},
 *       {@link org.provablenets.gate.GateMonteCarlo}: double trajectories (with poisoning), their
 *       exact replays, and R runs with confidence intervals; {@link
 *       org.provablenets.gate.GatePoisoning}: the [derived] poisoning bounds;
 *   <li>the services the commands call, each returning a result model: {@link
 *       org.provablenets.gate.GateRun} (the run beside its bound, with {@link
 *       org.provablenets.gate.GateMcCheck} for the Monte Carlo verdict), {@link
 *       org.provablenets.gate.GateStep}, {@link org.provablenets.gate.GateComparison} and the
 *       tour's {@link org.provablenets.gate.GateExample}.
 * </ul>
 *
 * <p>The independent checker of these statements is {@code cert.GateChecks}, which recomputes
 * them from the support points and the certified bounds without calling this package's code.
 *
 * <p>The form of the algorithm and assumptions is [recalled] from Karmakar and Mukherjee (arXiv
 * 2005.04211); every constant is [derived] for this project, not the paper's. The proof chain is in
 * {@code proofs-notes/T2.md}.
 *
 * <p>Imports: {@code exact} (and its subpackages) and {@code qual} only; never {@code cert}, {@code
 * io}, {@code cli}, {@code bench} or another theorem package.
 */
package org.provablenets.gate;
