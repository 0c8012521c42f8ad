/**
 * T3: Villani functions and the global convergence of SGD for Frobenius-regularised depth-2 nets
 * (Gopalani, Mukherjee, arXiv 2210.11452, building on Shi, Su, Jordan, arXiv 2004.06977).
 *
 * <p>{@link org.provablenets.villani.Activation} (tanh, sigmoid, SoftPlus with exact bound
 * constants; its rigorous apfloat enclosures are {@code exact.enclosure.Interval}), {@link
 * org.provablenets.villani.RegularisedLoss} (loss, gradient, Laplacian, Villani quantity in apfloat,
 * in enclosures and in {@code double}), and {@link org.provablenets.villani.VillaniChecker} (the
 * four conditions with derived constants and a certified radius; the only producer of a {@code
 * @HypothesesChecked} {@link org.provablenets.villani.VillaniInstance}). The argument, with
 * provenance tags, is in {@code proofs-notes/T3.md}.
 *
 * <p>Imports: {@code exact} (and its subpackages) and {@code qual} only; never {@code cert}, {@code
 * io}, {@code cli}, {@code bench} or another theorem package.
 */
package org.provablenets.villani;
