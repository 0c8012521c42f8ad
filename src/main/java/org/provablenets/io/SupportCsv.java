package org.provablenets.io;

import java.io.InputStream;
import java.nio.file.Path;
import org.provablenets.exact.Rational;
import org.provablenets.exact.linalg.QVectors;
import org.provablenets.gate.FiniteDistribution;

/**
 * Reads the support of a finite T2 input distribution from CSV, exactly.
 *
 * <p><b>Format.</b> One support point per row, {@code x1,...,xd} (d &gt;= 1 columns), every row
 * of equal mass:
 *
 * <pre>
 * # the support of a 2-d distribution
 * x1,x2
 * 1,0
 * 0,1
 * 1/2,-0.25
 * </pre>
 *
 * Numbers, the optional header row, {@code #} comments, blank lines and the error places ({@code
 * line L, column C}, from 1) follow {@link DataCsv}. A point may be listed twice (it then has twice
 * the mass).
 *
 * <p><b>NumPy.</b> A file whose name ends in {@code .npy} (or {@code .npz} holding exactly one
 * array; any case) is a 2-D array of shape (rows, d), read exactly as the binary values stored
 * ({@link NumPy}) and checked as the CSV form; places are {@code element [r, k]}, from 0.
 *
 * <p><b>Symmetrised by default.</b> {@link #distribution} with {@code asymmetric = false} gives
 * each row x the two points x and -x ({@link FiniteDistribution#symmetrised}), so the distribution
 * is symmetric (hypothesis A1) by construction. Data row r (counted from 0 in the order of the
 * file, header and comments not counted) then has the support indices {@code 2r} (the point x) and
 * {@code 2r + 1} (the point -x). With {@code asymmetric = true} the rows are kept as given ({@link
 * FiniteDistribution#fromRows}) and row r has the index r.
 *
 * <p><b>Rejected</b> with an {@link InputException} naming the file, the place and the problem: a
 * missing or unreadable file, no data rows (an empty support), rows of different lengths,
 * non-numbers, NaN or infinity, and a support whose only point is the zero vector (then {@code
 * Sigma = 0}: no direction can be learned).
 */
public final class SupportCsv {
  private static final String WHAT = "support points";
  private static final String FORM = "x1,...,xd";

  private SupportCsv() {}

  /**
   * Reads the support rows of a file.
   *
   * @throws InputException if the file is missing, unreadable or not a valid support
   */
  public static Rational[][] readRows(Path file) {
    return rows(RationalCsv.read(file, WHAT, FORM, 1, "", false));
  }

  /**
   * Reads the support rows of a stream (left open), naming it {@code source} in messages.
   *
   * @throws InputException if the stream is unreadable or not a valid support
   */
  public static Rational[][] readRows(InputStream in, String source) {
    return rows(RationalCsv.read(InputFiles.bytes(in, source), source, WHAT, FORM));
  }

  /**
   * Reads a support file and builds its distribution (symmetrised unless {@code asymmetric}).
   *
   * @throws InputException if the file is missing, unreadable or not a valid support
   */
  public static FiniteDistribution read(Path file, boolean asymmetric) {
    return distribution(readRows(file), asymmetric);
  }

  /**
   * The distribution of support rows read by {@link #readRows}: each row x gives x and -x
   * (indices 2r and 2r + 1) unless {@code asymmetric}, in which case the rows are the points.
   */
  public static FiniteDistribution distribution(Rational[][] rows, boolean asymmetric) {
    return asymmetric ? FiniteDistribution.fromRows(rows) : FiniteDistribution.symmetrised(rows);
  }

  /**
   * The support index of the point x (or of -x, when {@code negated}) of data row r: {@code 2r}
   * and {@code 2r + 1} for a symmetrised support, r for an asymmetric one (where {@code negated}
   * must be false).
   */
  public static int index(int row, boolean negated, boolean asymmetric) {
    if (asymmetric) {
      if (negated) {
        throw new IllegalArgumentException("an asymmetric support does not contain -x");
      }
      return row;
    }
    return 2 * row + (negated ? 1 : 0);
  }

  private static Rational[][] rows(RationalCsv.Table t) {
    Rational[][] rows = t.rows.toArray(new Rational[0][]);
    boolean allZero = true;
    for (Rational[] x : rows) {
      allZero &= QVectors.isZero(x);
    }
    if (allZero) {
      throw new InputException(
          t.source + ": " + t.cell(0, 0) + ": the only support point is the zero"
              + " vector" + (rows.length == 1 ? "" : " (all " + rows.length + " rows are zero)")
              + ", so Sigma = E[xx'] = 0 and nothing can be learned; give at least one non-zero"
              + " point");
    }
    return rows;
  }
}
