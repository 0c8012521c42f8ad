package org.provablenets.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.erm.Dataset;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;

/**
 * Reads a data set {@code (x_j, y_j)}, j = 1..D, exactly, from CSV or JSON.
 *
 * <p><b>CSV</b> ({@link #readCsv}): one point per row, {@code x1,...,xn,y}: the inputs first, the
 * label last, so every row has n + 1 &gt;= 2 fields.
 *
 * <pre>
 * # a comment line
 * x,y
 * -2,0
 * 0.5,3/7
 * 1e-3,-1
 * </pre>
 *
 * <ul>
 *   <li>Numbers are integers, decimals with an optional exponent, or fractions {@code p/q}, parsed
 *       exactly by {@link Rationals#parse} ({@code 0.1} is exactly 1/10, never a binary double).
 *       NaN and infinities are rejected.
 *   <li>An optional header row: the first row is a header when one of its fields is not a number;
 *       then every field of it must be a non-empty name (a header mixing names and numbers is
 *       rejected).
 *   <li>Blank lines, and lines whose first non-blank character is {@code #}, are ignored; fields
 *       are trimmed of surrounding blanks; a leading byte order mark is ignored.
 *   <li>Every row has the same number of fields (at least 2), and there is at least one data row.
 * </ul>
 *
 * <p><b>JSON</b> ({@link #readJson}, chosen by {@link #read} when the name ends in {@code .json}):
 *
 * <pre>
 * {"x": [[-2], [0.5], ["1e-3"]], "y": [0, "3/7", -1]}
 * </pre>
 *
 * D rows of n &gt;= 1 numbers and D labels; numbers as in {@link ProgramJson} (JSON numbers read
 * from their literal text, or strings such as {@code "3/7"}); an optional {@code "description"}
 * string; any other field is rejected.
 *
 * <p><b>NumPy</b> (chosen by {@link #read} when the name ends in {@code .npz} or {@code .npy}, any
 * case; see {@link NumPy}): an {@code .npz} with exactly the members {@code X.npy} (or {@code
 * x.npy}), the inputs, shape (D, n), or (D,) for n = 1, and {@code y.npy}, the labels, shape (D,)
 * or (D, 1); or an {@code .npy} of shape (D, n + 1) holding the rows {@code x1,...,xn,y} of the
 * CSV form (checked by the same code). Numbers are the exact binary values stored: float32 {@code
 * 0.1} is 13421773/134217728, not 1/10. Another member, a missing one, a wrong shape, NaN,
 * infinity or a non-numeric dtype is rejected.
 *
 * <p>Every problem is an {@link InputException} whose message is one sentence naming the file, the
 * place ({@code line 4, column 2}, counted from 1, a column being a comma-separated field; a
 * JSON place such as {@code x[3][0]}, counted from 0; or an {@code .npz} member and an array
 * element such as {@code element [3, 0]}, counted from 0) and the problem.
 */
public final class DataCsv {
  private static final List<String> JSON_FIELDS = List.of("x", "y", "description");
  private static final String ROWS = "data rows (D = 0)";
  private static final String FORM = "x1,...,xn,y";
  private static final String NEED =
      "a data set needs at least 2 (the inputs x1,...,xn, then the label y)";

  private DataCsv() {}

  /**
   * Reads a data file: JSON if its name ends in {@code .json}, NumPy if it ends in {@code .npz} or
   * {@code .npy} (any case), CSV otherwise.
   *
   * @throws InputException if the file is missing, unreadable or not a valid data set
   */
  public static Dataset read(Path file) {
    String source = file.toString();
    if (NumPy.isNpz(file)) {
      return npz(file);
    }
    if (NumPy.isNpy(file)) {
      return dataset(RationalCsv.read(file, ROWS, FORM, 2, NEED, false));
    }
    byte[] bytes = InputFiles.bytes(file, source);
    return NumPy.hasExtension(file, ".json") ? json(bytes, source) : csv(bytes, source);
  }

  /**
   * Reads a CSV data set from a stream (left open), naming it {@code source} in messages.
   *
   * @throws InputException if the stream is unreadable or not a valid data set
   */
  public static Dataset readCsv(InputStream in, String source) {
    return csv(InputFiles.bytes(in, source), source);
  }

  /**
   * Reads a JSON data set from a stream (left open), naming it {@code source} in messages.
   *
   * @throws InputException if the stream is unreadable or not a valid data set
   */
  public static Dataset readJson(InputStream in, String source) {
    return json(InputFiles.bytes(in, source), source);
  }

  // ---- CSV ----

  private static Dataset csv(byte[] bytes, String source) {
    return dataset(RationalCsv.read(bytes, source, ROWS, FORM, 2, NEED));
  }

  /** The rows {@code x1,...,xn,y} of a table (CSV, or a D x (n + 1) NumPy array). */
  private static Dataset dataset(RationalCsv.Table t) {
    int n = t.columns - 1;
    Rational[][] x = new Rational[t.size()][];
    Rational[] y = new Rational[t.size()];
    for (int j = 0; j < t.size(); j++) {
      Rational[] row = t.rows.get(j);
      x[j] = new Rational[n];
      System.arraycopy(row, 0, x[j], 0, n);
      y[j] = row[n];
    }
    return new Dataset(x, y);
  }

  // ---- NumPy ----

  /** An {@code .npz} with {@code X} (or {@code x}) and {@code y}. */
  private static Dataset npz(Path file) {
    String source = file.toString();
    Map<String, NumPy.Array> arrays = NumPy.readNpz(file);
    NumPy.@Nullable Array xa = null;
    NumPy.@Nullable Array ya = null;
    for (Map.Entry<String, NumPy.Array> e : arrays.entrySet()) {
      String key = e.getKey();
      if (key.equals("X") || key.equals("x")) {
        if (xa != null) {
          throw new InputException(source + ": has both X.npy and x.npy, expected one of them"
              + " (the inputs)");
        }
        xa = e.getValue();
      } else if (key.equals("y")) {
        ya = e.getValue();
      } else {
        throw new InputException(source + ", member " + key + ".npy: is not part of a data set"
            + " (expected exactly the members X.npy, the D x n inputs, and y.npy, the D labels)");
      }
    }
    if (xa == null || ya == null) {
      throw new InputException(source + ": has no member " + (xa == null
          ? "X.npy (the inputs, a D x n array)" : "y.npy (the labels, a 1-D array of length D)")
          + ", expected X.npy and y.npy");
    }
    NumPy.Array xs = xa;
    NumPy.Array ys = ya;
    if (xs.ndim() != 1 && xs.ndim() != 2) {
      throw new InputException(xs.source + ": has shape " + xs.shapeText() + ", expected a D x n"
          + " array of inputs (or a 1-D array of length D for n = 1)");
    }
    int d = xs.shape[0];
    int n = xs.ndim() == 2 ? xs.shape[1] : 1;
    if (d == 0) {
      throw new InputException(xs.source + ": has shape " + xs.shapeText() + ", no points"
          + " (D = 0), expected at least one");
    }
    if (n == 0) {
      throw new InputException(xs.source + ": has shape " + xs.shapeText() + ", no input"
          + " coordinates (n = 0), expected at least one");
    }
    if (!(ys.ndim() == 1 || (ys.ndim() == 2 && ys.shape[1] == 1)) || ys.shape[0] != d) {
      throw new InputException(ys.source + ": has shape " + ys.shapeText() + ", but X has shape "
          + xs.shapeText() + ", expected the D = " + d + " labels as shape (" + d + ",) or ("
          + d + ", 1)");
    }
    Rational[][] x = new Rational[d][n];
    for (int j = 0; j < d; j++) {
      System.arraycopy(xs.values, j * n, x[j], 0, n);
    }
    return new Dataset(x, ys.values.clone());
  }

  // ---- JSON ----

  private static Dataset json(byte[] bytes, String source) {
    JsonInput in = new JsonInput(source);
    JsonNode root = in.parse(bytes);
    in.object(root, "");
    in.fields(root, "", JSON_FIELDS);
    JsonNode description = root.get("description");
    if (description != null) {
      in.text(description, "description");
    }
    JsonNode xs = in.array(in.required(root, "", "x"), "x");
    Rational[] y = in.vector(in.required(root, "", "y"), "y");
    int d = xs.size();
    if (d == 0) {
      throw in.error("x", "is empty (D = 0), expected at least one point");
    }
    Rational[][] x = new Rational[d][];
    for (int j = 0; j < d; j++) {
      @Nullable JsonNode row = xs.get(j);
      String place = "x[" + j + "]";
      x[j] = in.vector(row, place);
      if (x[j].length == 0) {
        throw in.error(place, "is empty, expected at least one input coordinate (n >= 1)");
      }
      if (x[j].length != x[0].length) {
        throw in.error(
            place, "has " + x[j].length + " entries, but x[0] has " + x[0].length
                + " (every point needs the same number of inputs)");
      }
    }
    if (y.length != d) {
      throw in.error(
          "y", "has " + y.length + " entries, but x has " + d + " (one label per point)");
    }
    return new Dataset(x, y);
  }
}
