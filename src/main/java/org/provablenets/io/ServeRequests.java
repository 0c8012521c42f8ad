package org.provablenets.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.RationalFormatException;
import org.provablenets.exact.Rationals;

/**
 * The request and response lines of {@code provnets serve}: one JSON object per line.
 *
 * <p>A request's values become command-line text and input files without losing exactness:
 * a JSON number is written from the exact value it was read as (numbers are read as {@code
 * BigDecimal}/{@code BigInteger}, never through {@code double}, as in every JSON reader of this
 * package), a string is kept as written, and an object {@code {"exact": "3/7", ...}} (the form
 * the responses use) stands for its {@code exact} string. An inline file is an array of rows
 * (written as the CSV form of that file, one row per line, so {@code line k} in a message is row
 * k counted from 1) or an object (written as JSON). Every problem is an {@link InputException}
 * whose message names the request field and the place.
 */
public final class ServeRequests {
  /** Characters that would change a CSV row's shape if a string entry held them. */
  private static final Pattern CSV_SPECIAL = Pattern.compile("[,\"\\r\\n]");

  private ServeRequests() {}

  /**
   * Parses one request line.
   *
   * @param line the text of the line
   * @param number the line number (from 1), for messages
   * @throws InputException if the line is not one JSON object
   */
  public static ObjectNode parse(String line, long number) {
    JsonNode root;
    try {
      root = JsonInput.mapper().readTree(line);
    } catch (JsonProcessingException e) {
      throw new InputException("request line " + number + " is not JSON: "
          + String.valueOf(e.getOriginalMessage()).replaceAll("\\s+", " ").trim());
    } catch (NumberFormatException e) {
      throw new InputException("request line " + number + " has a number out of range ("
          + e.getMessage() + ")");
    }
    if (root == null || !root.isObject()) {
      throw new InputException("request line " + number + " is "
          + JsonInput.kind(root) + ", expected a JSON object such as {\"op\": \"ping\"}");
    }
    return (ObjectNode) root;
  }

  /**
   * The command-line text of an option value: a number or string as {@link #scalar} reads it, or
   * an array of such values joined by commas (a vector option such as {@code --w-star 1,0}).
   *
   * @throws InputException if the value is null, a boolean, an object or a nested array
   */
  public static String optionText(JsonNode value, String field) {
    if (!value.isArray()) {
      return scalar(value, "field \"" + field + "\"");
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < value.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(scalar(element(value, i), "field \"" + field + "\"[" + i + "]"));
    }
    return b.toString();
  }

  /**
   * The CSV text of an inline table: an array of rows, each an array of numbers (or a single
   * number, a one-column row). One row per line, no header.
   *
   * @throws InputException if an entry is not a number or a string free of commas, quotes and
   *     line breaks
   */
  public static String csv(JsonNode rows, String field) {
    StringBuilder b = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      JsonNode row = element(rows, r);
      String place = "field \"" + field + "\"[" + r + "]";
      if (row.isArray()) {
        if (row.size() == 0) {
          throw new InputException(place + " is an empty row, expected at least one number");
        }
        for (int k = 0; k < row.size(); k++) {
          if (k > 0) {
            b.append(',');
          }
          b.append(cell(element(row, k), place + "[" + k + "]"));
        }
      } else {
        b.append(cell(row, place));
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** The JSON text of an inline object, numbers written from their exact values. */
  public static String json(JsonNode object) {
    try {
      return JsonInput.mapper().writeValueAsString(object);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a JSON tree could not be written", e);
    }
  }

  /**
   * Parses the JSON object that a command printed (its {@code --json} output).
   *
   * @throws InputException if the text is not one JSON object
   */
  public static ObjectNode result(String text) {
    return parse(text, 0);
  }

  /**
   * One response line: compact JSON, no line break inside, and only ASCII characters (others are
   * escaped as {@code \\uXXXX}), so the line means the same whatever the output's charset.
   */
  public static String line(JsonNode response) {
    try {
      return JsonInput.mapper().writer()
          .with(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature())
          .writeValueAsString(response);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a JSON tree could not be written", e);
    }
  }

  /** The mapper that reads numbers exactly (for the certificate a response embeds). */
  public static ObjectMapper mapper() {
    return JsonInput.mapper();
  }

  /**
   * One entry of an inline table, parsed here so that the CSV reader sees only numbers: a string
   * such as {@code "#5"} or {@code "x"} would otherwise turn its row into a comment or a header.
   */
  private static String cell(JsonNode v, String place) {
    String s = scalar(v, place);
    if (CSV_SPECIAL.matcher(s).find()) {
      throw new InputException(place + " is \"" + s + "\", expected one number (a string"
          + " entry may not hold a comma, a quote or a line break)");
    }
    try {
      Rationals.parse(s);
    } catch (RationalFormatException e) {
      throw new InputException(place + " is invalid: " + e.getMessage());
    }
    return s;
  }

  /**
   * The text of one number: a JSON number's exact value, a string as written, or the {@code
   * exact} string of an object {@code {"exact": ...}}.
   */
  private static String scalar(JsonNode v, String place) {
    if (v.isObject() && v.has("exact")) {
      @Nullable JsonNode exact = v.get("exact");
      if (exact == null || !exact.isTextual()) {
        throw new InputException(place + ".exact must be a string such as \"3/7\", found "
            + JsonInput.kind(exact));
      }
      return exact.textValue();
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isIntegralNumber()) {
      return v.bigIntegerValue().toString();
    }
    if (v.isBigDecimal()) {
      return v.decimalValue().toString();
    }
    if (v.isNumber()) {
      // NaN and the infinities (the only double nodes): their text, which the number parser
      // rejects with its reason.
      return v.asText();
    }
    throw new InputException(place + " must be a number (a JSON number or a string such as"
        + " \"3/7\"), found " + JsonInput.kind(v));
  }

  private static JsonNode element(JsonNode array, int i) {
    @Nullable JsonNode e = array.get(i);
    if (e == null) {
      throw new IllegalStateException("index " + i + " outside an array of " + array.size());
    }
    return e;
  }
}
