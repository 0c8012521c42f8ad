/**
 * File formats: reading linear and quadratic programs from JSON ({@link
 * org.provablenets.io.ProgramJson}) and writing exact results as JSON ({@link
 * org.provablenets.io.ResultJson}). No mathematics here: numbers are parsed exactly and handed to
 * {@code org.provablenets.exact}.
 */
package org.provablenets.io;
