package org.provablenets.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
 * <p>Every problem is an {@link InputException} whose message is one sentence naming the file, the
 * place ({@code line 4, column 2}, counted from 1, a column being a comma-separated field; or a
 * JSON place such as {@code x[3][0]}, counted from 0) and the problem.
 */
public final class DataCsv {
  private static final List<String> JSON_FIELDS = List.of("x", "y", "description");

  private DataCsv() {}

  /**
   * Reads a data file: JSON if its name ends in {@code .json} (any case), CSV otherwise.
   *
   * @throws InputException if the file is missing, unreadable or not a valid data set
   */
  public static Dataset read(Path file) {
    String source = file.toString();
    byte[] bytes = InputFiles.bytes(file, source);
    Path name = file.getFileName();
    boolean json = name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".json");
    return json ? json(bytes, source) : csv(bytes, source);
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
    RationalCsv.Table t =
        RationalCsv.read(
            bytes, source, "data rows (D = 0)", "x1,...,xn,y", 2,
            "a data set needs at least 2 (the inputs x1,...,xn, then the label y)");
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
