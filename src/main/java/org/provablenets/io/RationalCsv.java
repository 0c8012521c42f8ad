package org.provablenets.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.RationalFormatException;
import org.provablenets.exact.Rationals;

/**
 * A CSV table of exact rationals, shared by the CSV readers ({@link DataCsv}, {@link SupportCsv},
 * {@link GateCsv}).
 *
 * <p>The rules (documented for users in {@link DataCsv}): numbers parsed exactly by {@link
 * Rationals#parse}
 * (integers, decimals with an optional exponent, fractions {@code p/q}); NaN and infinities
 * rejected; an optional header row (the first row is a header when one of its fields is not a
 * number, and then every field of it must be a non-empty name); blank lines and lines whose first
 * non-blank character is {@code #} ignored; fields trimmed; a leading byte order mark ignored;
 * every row with the same number of fields. Places are {@code line L, column C}, both counted from
 * 1, a column being a comma-separated field.
 */
final class RationalCsv {
  /**
   * The data rows of a table, from a CSV file (with the line number of each) or from a NumPy
   * array (a 2-D array, or a 1-D array read as one column), and how to name a place in it.
   */
  static final class Table {
    final String source;
    final List<Rational[]> rows;
    final List<Integer> lines;
    final int columns;
    /** The NumPy array the rows come from, or null for CSV. */
    final NumPy.@Nullable Array array;

    Table(String source, List<Rational[]> rows, List<Integer> lines, int columns,
        NumPy.@Nullable Array array) {
      this.source = source;
      this.rows = List.copyOf(rows);
      this.lines = List.copyOf(lines);
      this.columns = columns;
      this.array = array;
    }

    int size() {
      return rows.size();
    }

    /**
     * Row r, column c (both from 0) in the file's terms: {@code line 4, column 2} (CSV, from 1),
     * {@code element [3, 1]} or {@code element [3]} (NumPy, from 0).
     */
    String cell(int r, int c) {
      NumPy.Array a = array;
      if (a == null) {
        return "line " + lines.get(r) + ", column " + (c + 1);
      }
      return NumPy.place(a.ndim() == 1 ? new int[] {r} : new int[] {r, c});
    }

    /**
     * The number of columns in the file's terms: {@code line 3 has 2 columns} (the first data
     * row), or {@code has shape (5, 2), so 2 columns}.
     */
    String width() {
      NumPy.Array a = array;
      String n = columns + " column" + (columns == 1 ? "" : "s");
      return a == null ? "line " + lines.get(0) + " has " + n
          : "has shape " + a.shapeText() + ", so " + n;
    }
  }

  /**
   * Reads a table from a file: a NumPy array if the name ends in {@code .npy} or {@code .npz} (a
   * 2-D array, one row per row; a 1-D array as one column when {@code oneD}; an {@code .npz}
   * with exactly one array), CSV otherwise.
   *
   * @param what the rows in words, for the message of an empty file ({@code "support points"})
   * @param form the form of one row ({@code "x1,...,xd"})
   * @param minColumns the fewest columns a row may have
   * @param need why, ending the message for too few columns; empty for the generic one
   * @param oneD whether a 1-D NumPy array is read as one column
   * @throws InputException naming the file, the place and the problem
   */
  static Table read(Path file, String what, String form, int minColumns, String need,
      boolean oneD) {
    String source = file.toString();
    if (NumPy.isNpy(file) || NumPy.isNpz(file)) {
      return table(NumPy.readOne(file), what, form, minColumns, need, oneD);
    }
    return read(InputFiles.bytes(file, source), source, what, form, minColumns, need);
  }

  /**
   * The rows of a NumPy array: a 2-D array row by row, a 1-D array as one column when {@code
   * oneD}; at least one row and {@code minColumns} columns (parameters as for {@link
   * #read(Path, String, String, int, String, boolean)}).
   *
   * @throws InputException naming the file (and member), the shape and the problem
   */
  static Table table(NumPy.Array a, String what, String form, int minColumns, String need,
      boolean oneD) {
    String src = a.source;
    if (!(a.ndim() == 2 || (oneD && a.ndim() == 1))) {
      throw new InputException(src + ": has shape " + a.shapeText() + ", expected a 2-D array"
          + " with one row " + form + (oneD ? ", or a 1-D array for a single column" : ""));
    }
    int n = a.shape[0];
    int columns = a.ndim() == 2 ? a.shape[1] : 1;
    if (n == 0) {
      throw new InputException(src + ": has no " + what + " (shape " + a.shapeText()
          + "), expected at least one row " + form);
    }
    if (columns < Math.max(1, minColumns)) {
      throw new InputException(src + ": has shape " + a.shapeText() + ", so " + columns
          + " column" + (columns == 1 ? "" : "s") + ", but "
          + (need.isEmpty() ? "a row needs at least one (" + form + ")" : need));
    }
    List<Rational[]> rows = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      Rational[] row = new Rational[columns];
      System.arraycopy(a.values, r * columns, row, 0, columns);
      rows.add(row);
    }
    return new Table(src, rows, List.of(), columns, a);
  }

  private RationalCsv() {}

  /**
   * Parses the table; any number of columns (at least 1) is accepted.
   *
   * @param what the rows in words, for the message of an empty file ({@code "support points"})
   * @param form the form of one row ({@code "x1,...,xd"})
   * @throws InputException naming the file, the line and column, and the problem
   */
  static Table read(byte[] bytes, String source, String what, String form) {
    return read(bytes, source, what, form, 1, "");
  }

  /**
   * Parses the table, whose first row (header or data) must have at least {@code minColumns}
   * fields.
   *
   * @param what the rows in words, for the message of an empty file ({@code "data rows (D =
   *     0)"})
   * @param form the form of one row ({@code "x1,...,xn,y"})
   * @param minColumns the fewest fields the first row may have
   * @param need why, ending the message for a first row with fewer fields ({@code "a data set needs
   *     at least 2 (...)"})
   * @throws InputException naming the file, the line and column, and the problem
   */
  static Table read(
      byte[] bytes, String source, String what, String form, int minColumns, String need) {
    String text = InputFiles.utf8(bytes, source);
    String[] lines = text.split("\\R", -1);
    List<Rational[]> rows = new ArrayList<>();
    List<Integer> lineNumbers = new ArrayList<>();
    int columns = -1;
    int firstLine = 0;
    boolean first = true;
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split(",", -1);
      for (int c = 0; c < fields.length; c++) {
        fields[c] = fields[c].strip();
      }
      if (first) {
        first = false;
        if (fields.length < minColumns) {
          throw new InputException(
              source + ": line " + lineNo + " has " + fields.length + " column"
                  + (fields.length == 1 ? "" : "s") + ", but " + need);
        }
        columns = fields.length;
        firstLine = lineNo;
        if (isHeader(fields, source, lineNo)) {
          continue;
        }
      } else if (fields.length != columns) {
        throw new InputException(
            source + ": line " + lineNo + " has " + fields.length + " column"
                + (fields.length == 1 ? "" : "s") + ", but line " + firstLine + " has " + columns
                + " (every row needs the same number)");
      }
      Rational[] row = new Rational[columns];
      for (int c = 0; c < columns; c++) {
        row[c] = number(fields[c], source, lineNo, c + 1);
      }
      rows.add(row);
      lineNumbers.add(lineNo);
    }
    if (rows.isEmpty()) {
      throw new InputException(
          source + ": has no " + what + ", expected at least one row " + form);
    }
    return new Table(source, rows, lineNumbers, columns, null);
  }

  /** Whether the first row is a header: some field is a name; then all must be names. */
  private static boolean isHeader(String[] fields, String source, int lineNo) {
    int name = -1;
    for (int c = 0; c < fields.length; c++) {
      if (isName(fields[c])) {
        name = c;
        break;
      }
    }
    if (name < 0) {
      return false;
    }
    for (int c = 0; c < fields.length; c++) {
      if (fields[c].isEmpty()) {
        throw new InputException(
            source + ": line " + lineNo + ", column " + (c + 1) + " is empty, but the line is a"
                + " header (column " + (name + 1) + " is the name \"" + shorten(fields[name])
                + "\") and every column of a header needs a name");
      }
      if (nonFinite(fields[c])) {
        throw new InputException(
            source + ": line " + lineNo + ", column " + (c + 1) + " is \"" + fields[c]
                + "\", which is not a finite number (NaN and infinity are not rationals)");
      }
      if (!isName(fields[c])) {
        throw new InputException(
            source + ": line " + lineNo + ", column " + (c + 1) + " is the number \""
                + shorten(fields[c]) + "\", but column " + (name + 1) + " is the name \""
                + shorten(fields[name]) + "\" (a header row must hold only names, a data row"
                + " only numbers)");
      }
    }
    return true;
  }

  private static boolean isName(String field) {
    if (field.isEmpty() || nonFinite(field)) {
      return false;
    }
    try {
      Rationals.parse(field);
      return false;
    } catch (RationalFormatException e) {
      return true;
    }
  }

  private static boolean nonFinite(String field) {
    String s = field.toLowerCase(Locale.ROOT);
    if (s.startsWith("+") || s.startsWith("-")) {
      s = s.substring(1);
    }
    return s.equals("nan") || s.equals("inf") || s.equals("infinity");
  }

  private static Rational number(String field, String source, int lineNo, int column) {
    String place = source + ": line " + lineNo + ", column " + column;
    if (field.isEmpty()) {
      throw new InputException(place + " is empty, expected a number");
    }
    try {
      return Rationals.parse(field);
    } catch (RationalFormatException e) {
      throw new InputException(place + " is invalid: " + e.getMessage());
    }
  }

  static String shorten(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }
}
