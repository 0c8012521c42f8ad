/**
 * T3: Villani functions and the global convergence of SGD for Frobenius-regularised depth-2 nets
 * (Gopalani, Mukherjee, arXiv 2210.11452, building on Shi, Su, Jordan, arXiv 2004.06977).
 *
 * <p>{@link org.provablenets.villani.Activation} (tanh, sigmoid, SoftPlus with exact bound
 * constants; its rigorous apfloat enclosures are {@code exact.enclosure.Interval}), {@link
 * org.provablenets.villani.RegularisedLoss} (loss, gradient, Laplacian, Villani quantity in apfloat
 * and in enclosures), and {@link org.provablenets.villani.VillaniChecker} (the
 * four conditions with derived constants and a certified radius; the only producer of a {@code
 * @HypothesesChecked} {@link org.provablenets.villani.VillaniInstance}, whose radius certificate
 * names a {@link org.provablenets.villani.RadiusStatement}); {@link
 * org.provablenets.villani.DoubleLoss} (the one {@code double} path), the grid numerics and the
 * Monte Carlo. The operations the commands call, each returning a result model: {@link
 * org.provablenets.villani.Evaluation} ({@code villani eval}), {@link
 * org.provablenets.villani.ConditionCheck} ({@code check}), {@link
 * org.provablenets.villani.GapCheck} ({@code gap}, with the Holley-Stroock verdict) and {@link
 * org.provablenets.villani.SgdExperiment} ({@code sgd}, with the SDE-versus-bound check). The
 * argument, with provenance tags, is in {@code proofs-notes/T3.md}.
 *
 * <p>Imports: {@code exact} (and its subpackages, e.g. {@code exact.enclosure}) and {@code qual}
 * only; never {@code cert}, {@code io}, {@code cli}, {@code bench} or another theorem package.
 */
package org.provablenets.villani;
