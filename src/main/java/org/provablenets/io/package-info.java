/**
 * File formats: linear and quadratic programs from JSON ({@link org.provablenets.io.ProgramJson}),
 * exact results as JSON ({@link org.provablenets.io.ResultJson}), data sets from CSV or JSON
 * ({@link org.provablenets.io.DataCsv}), T1 certificates and nets ({@link
 * org.provablenets.io.ErmJson}), and NumPy {@code .npy}/{@code .npz} arrays and PyTorch
 * state_dicts (read by the same readers, by file extension; each float the exact value of its
 * binary bits), and the request and response lines of {@code provnets serve} ({@link
 * org.provablenets.io.ServeRequests}). No mathematics here: numbers are parsed exactly (never through
 * {@code double}) and handed to the theorem packages.
 *
 * <p>Imports: {@code exact}, the theorem packages and {@code cert} (result types); never {@code
 * cli} or {@code bench}.
 */
package org.provablenets.io;
