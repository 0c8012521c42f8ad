/**
 * Certificates and their independent checker: the trust base of the project.
 *
 * <p>{@link org.provablenets.cert.CertificateChecker} verifies LP and QP witnesses with exact
 * arithmetic only and never calls a solver; it and {@link org.provablenets.cert.ErmChecker} (T1)
 * are the only code that mints {@link org.provablenets.qual.Certified} results, handed out in a
 * {@link org.provablenets.cert.Checked} with their {@link org.provablenets.cert.Verdict}; besides
 * them only {@link org.provablenets.cert.Verdict#certified()} mints, for a verdict that a checker
 * of this package made and that accepted (the value every "verified" is printed from).
 *
 * <p>Imports: {@code exact} (and its subpackages), {@code qual}, and the theorem packages' instance
 * and certificate types; never a solver (the LP and QP solvers, {@code erm.ErmSolver}, the
 * enumeration, the runs), {@code io}, {@code cli} or {@code bench}. {@code ArchitectureTest} lists
 * the solver classes; no known exception is left. {@link org.provablenets.cert.GateChecks} is
 * the independent checker of T2: it recomputes every quantity from the support points and the
 * certified bounds, never calling {@code gate}'s code. {@code VillaniChecks} is independent too:
 * it recomputes the T3 radius certificate, its constants and an enclosure of V_s with exact and
 * {@code exact.enclosure} arithmetic.
 */
package org.provablenets.cert;
