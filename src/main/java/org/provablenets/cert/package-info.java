/**
 * Certificates and their independent checker: the trust base of the project.
 *
 * <p>{@link org.provablenets.cert.CertificateChecker} verifies LP and QP witnesses with exact
 * arithmetic only and never calls a solver; it and {@link org.provablenets.cert.ErmChecker} (T1)
 * are the only code that mints {@link org.provablenets.qual.Certified} results, handed out in a
 * {@link org.provablenets.cert.Checked} with their {@link org.provablenets.cert.Verdict}.
 *
 * <p>Imports: {@code exact} (and its subpackages), {@code qual}, and the theorem packages' instance
 * and certificate types; never a solver (the LP and QP solvers, {@code erm.ErmSolver}, the
 * enumeration, the runs), {@code io}, {@code cli} or {@code bench}. {@code ArchitectureTest} lists
 * the solver classes and the few known exceptions, each with its reason ({@code GateChecks} and
 * {@code VillaniChecks} still call the code they check).
 */
package org.provablenets.cert;
