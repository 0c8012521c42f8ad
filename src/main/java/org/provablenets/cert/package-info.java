/**
 * Certificates and their independent checker: the trust base of the project.
 *
 * <p>{@link org.provablenets.cert.CertificateChecker} verifies LP and QP witnesses with exact
 * arithmetic only and never calls a solver; it is the only code that mints {@link
 * org.provablenets.qual.Certified} results.
 */
package org.provablenets.cert;
