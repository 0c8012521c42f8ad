package org.provablenets.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
  /** The data rows of a table with the line number of each. */
  static final class Table {
    final List<Rational[]> rows;
    final List<Integer> lines;
    final int columns;

    Table(List<Rational[]> rows, List<Integer> lines, int columns) {
      this.rows = List.copyOf(rows);
      this.lines = List.copyOf(lines);
      this.columns = columns;
    }

    int size() {
      return rows.size();
    }
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
    return new Table(rows, lineNumbers, columns);
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
