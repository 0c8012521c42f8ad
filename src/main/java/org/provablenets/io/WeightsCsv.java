package org.provablenets.io;

import java.nio.file.Path;
import org.provablenets.exact.Rational;

/**
 * Reads a weight matrix W (p rows of d columns) exactly from CSV, with the rules of {@link
 * DataCsv}: numbers exact ({@code 0.1} is 1/10, {@code 3/7} and {@code 1e-3} accepted), an
 * optional header row of names, {@code #} comment lines and blank lines ignored, every row with
 * the same number of columns.
 *
 * <pre>
 * # W for p = 2 units, d = 1 input
 * 1/2
 * -3
 * </pre>
 *
 * <p>Every problem is an {@link InputException} naming the file, the line and column, and the
 * problem.
 */
public final class WeightsCsv {
  private WeightsCsv() {}

  /**
   * Reads the rows of W.
   *
   * @throws InputException if the file is missing, unreadable or not a table of numbers
   */
  public static Rational[][] read(Path file) {
    String source = file.toString();
    RationalCsv.Table t =
        RationalCsv.read(InputFiles.bytes(file, source), source, "weight rows (p = 0)",
            "w1,...,wd");
    return t.rows.toArray(new Rational[0][]);
  }
}
