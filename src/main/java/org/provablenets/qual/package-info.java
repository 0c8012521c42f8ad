/**
 * Type qualifiers for the project's own contracts, checked at compile time by the Checker
 * Framework's Subtyping Checker.
 *
 * <p>Three independent hierarchies, each with a default top and one stronger qualifier:
 *
 * <ul>
 *   <li>{@link org.provablenets.qual.MaybeCertified} &gt; {@link org.provablenets.qual.Certified}:
 *       a result whose certificate the independent checker verified;
 *   <li>{@link org.provablenets.qual.HypothesesUnchecked} &gt; {@link
 *       org.provablenets.qual.HypothesesChecked}: an instance whose theorem hypotheses were checked;
 *   <li>{@link org.provablenets.qual.Estimate} &gt; {@link org.provablenets.qual.Rigorous}: a
 *       proven bound versus an estimate.
 * </ul>
 *
 * <p>The stronger qualifier can only be obtained through an unchecked cast, which the compiler
 * rejects unless the method carries {@code @SuppressWarnings("cast.unsafe")}.
 * The test {@code QualifierMintingTest} keeps the list of methods allowed to mint each qualifier
 * short and explicit.
 *
 * <p>Imports: no other project package; every package may import this one.
 */
package org.provablenets.qual;
