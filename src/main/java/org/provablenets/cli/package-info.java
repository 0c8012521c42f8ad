/**
 * The {@code provnets} command line: {@code tour}, {@code lp}, {@code qp}, for T1 {@code erm},
 * {@code verify}, {@code erm-gap}, {@code merge} and {@code bench}, for T2 {@code gate}, for T3
 * {@code villani}, and {@code serve}, which answers JSON request lines by running these commands
 * in one JVM ({@code ServeSession}). Commands read their input with {@code org.provablenets.io},
 * solve with {@code org.provablenets.exact} or a theorem package, verify with {@code
 * org.provablenets.cert}, and print a report; no mathematics here.
 *
 * <p>Exit codes: 0 success, 1 a check failed (a certificate was rejected), 2 bad input or usage
 * (one sentence on standard error), 3 an internal error (a bug: one line on standard error, never
 * a stack trace).
 *
 * <p>Imports: any project package; no other package imports this one.
 */
package org.provablenets.cli;
