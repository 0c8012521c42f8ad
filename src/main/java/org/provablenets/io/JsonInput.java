package org.provablenets.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.RationalFormatException;
import org.provablenets.exact.Rationals;

/**
 * Reading JSON input exactly, with one-sentence errors naming the file and the place (such as
 * {@code units[1].weights[0]}, indices counted from 0 as in the file); shared by the JSON readers
 * ({@link ProgramJson}, {@link DataCsv}, {@link ErmJson}, {@link ErmPartial}).
 *
 * <p>The number rules: a number is a JSON number read from its literal text (never through {@code
 * double}, so {@code 0.1} is exactly 1/10), a string such as {@code "3/7"} or {@code "-0.25"}, or
 * (unless the reader was made with {@code exactObjects = false}, as for {@link ProgramJson}) an
 * object {@code {"exact": "3/7", ...}} as written by {@link ResultJson}. NaN and infinities (as
 * strings or as the non-standard JSON tokens) are rejected with their place, and so is a number
 * beyond the digit limit of {@link Rationals#parse} (a JSON number goes through the same parser as
 * a string, so both obey one limit; Jackson's own number-length limit is set above it).
 */
final class JsonInput {
  /** The mapper for the digit limit in force, and that limit; rebuilt when the limit changes. */
  private static @Nullable ObjectMapper mapper;

  private static int mapperDigits;

  /**
   * The reader: exact numbers, no trailing tokens, duplicate keys rejected, nesting at most
   * Jackson's default depth (1000), and JSON numbers up to the digit limit of {@link
   * Rationals#parse} long (Jackson's own default of 1000 would cut below it).
   */
  static synchronized ObjectMapper mapper() {
    int digits = Rationals.maxDigits();
    ObjectMapper m = mapper;
    if (m == null || mapperDigits != digits) {
      JsonFactory factory = JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxNumberLength(Math.max(StreamReadConstraints.DEFAULT_MAX_NUM_LEN, digits + 1))
              .build())
          .build();
      m = JsonMapper.builder(factory)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          // NaN and infinities are parsed so that they can be rejected with their place named.
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build();
      mapper = m;
      mapperDigits = digits;
    }
    return m;
  }

  private final String source;
  private final boolean exactObjects;

  /**
   * A reader that also accepts numbers written as {@code {"exact": ...}} objects.
   *
   * @param source the file name used in messages
   */
  JsonInput(String source) {
    this(source, true);
  }

  /**
   * @param source the file name used in messages
   * @param exactObjects whether a number may also be an object {@code {"exact": "3/7", ...}}
   *     (otherwise such an object is rejected as not a number)
   */
  JsonInput(String source, boolean exactObjects) {
    this.source = source;
    this.exactObjects = exactObjects;
  }

  /** The file name used in messages. */
  String source() {
    return source;
  }

  /**
   * Parses JSON bytes into a tree.
   *
   * @throws InputException if the bytes are empty or not JSON
   */
  JsonNode parse(byte[] bytes) {
    JsonNode root = reading(() -> mapper().readTree(bytes));
    if (root == null || root.isMissingNode()) {
      throw new InputException(source + ": is empty, expected a JSON object");
    }
    return root;
  }

  /** Takes over the value of one top-level field while {@link #parseObject} streams an object. */
  interface FieldReader {
    /**
     * Reads the value of field {@code name}, the parser at its first token, to its last token;
     * or returns false, without moving the parser, to leave it to the tree.
     *
     * @param sofar the fields read into the tree so far
     * @throws IOException if the parser fails
     */
    boolean read(String name, ObjectNode sofar, JsonParser p) throws IOException;
  }

  /**
   * Parses a JSON object from a stream, one top-level field at a time: the fields {@code
   * streamed} takes are read by it (so that a long array need not be held as a tree), the others
   * into the tree returned. The same rules as {@link #parse}: duplicate keys and trailing content
   * are rejected.
   *
   * @throws InputException if the stream is empty, unreadable, not JSON or not an object
   */
  ObjectNode parseObject(InputStream stream, FieldReader streamed) {
    return reading(() -> {
      try (JsonParser p = mapper().createParser(stream)) {
        return object(p, streamed);
      }
    });
  }

  /** A step of reading JSON that may fail on its input. */
  private interface Reading<T> {
    T run() throws IOException;
  }

  /**
   * Runs a step of reading JSON, with its failures as one sentence naming the source: malformed
   * JSON with its place, a number out of range, or an unreadable input.
   */
  private <T> T reading(Reading<T> step) {
    try {
      return step.run();
    } catch (JsonProcessingException e) {
      throw new InputException(source + ": " + describe(e), e);
    } catch (NumberFormatException e) {
      // Jackson's BigDecimal of a literal such as 1e99999999999 (an exponent beyond int).
      throw new InputException(source + ": has a number out of range (" + e.getMessage()
          + ")", e);
    } catch (IOException e) {
      throw new InputException(source + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }

  /** The object at the parser, its fields read as {@link #parseObject} says. */
  private ObjectNode object(JsonParser p, FieldReader streamed) throws IOException {
    p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE); // the caller closes its stream
    JsonToken first = p.nextToken();
    if (first == null) {
      throw new InputException(source + ": is empty, expected a JSON object");
    }
    if (first != JsonToken.START_OBJECT) {
      throw error("", "must be a JSON object, found " + kind(value(p)));
    }
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      if (!streamed.read(name, root, p)) {
        root.set(name, value(p));
      }
    }
    if (p.nextToken() != null) {
      JsonLocation loc = p.currentLocation();
      throw new InputException(source + ": malformed JSON at line " + loc.getLineNr()
          + ", column " + loc.getColumnNr()
          + ": unexpected content after the end of the JSON value");
    }
    return root;
  }

  /**
   * The value at the parser's current token, as a tree (numbers exact, as in {@link #parse}).
   *
   * @throws IOException if the parser fails
   */
  JsonNode value(JsonParser p) throws IOException {
    JsonNode v = mapper().reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .readTree(p);
    if (v == null) {
      throw new InputException(source + ": ends in the middle of a JSON value");
    }
    return v;
  }

  /** One clause describing a JSON syntax error: where it is and what it is. */
  private static String describe(JsonProcessingException e) {
    String what;
    if (e instanceof MismatchedInputException
        && String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
      what = "unexpected content after the end of the JSON value";
    } else {
      what = String.valueOf(e.getOriginalMessage());
      // Drop Jackson's source descriptions ("(start marker at [Source: ...])") and line breaks.
      what = what.replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)", "");
      what = what.replaceAll("\\s+", " ").trim();
    }
    JsonLocation loc = e.getLocation();
    String where =
        loc == null || loc.getLineNr() < 0
            ? ""
            : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    return "malformed JSON" + where + ": " + what;
  }

  // ---- shapes ----

  /** Requires a JSON object. */
  void object(@Nullable JsonNode node, String place) {
    if (node == null || !node.isObject()) {
      throw error(place, "must be a JSON object, found " + kind(node));
    }
  }

  /** Requires a JSON array. */
  JsonNode array(@Nullable JsonNode node, String place) {
    if (node == null || !node.isArray()) {
      throw error(place, "must be a JSON array, found " + kind(node));
    }
    return node;
  }

  /** A required field of an object. */
  JsonNode required(JsonNode obj, String place, String name) {
    JsonNode v = obj.get(name);
    if (v == null) {
      throw error(join(place, name), "is missing");
    }
    return v;
  }

  /** Rejects fields not in {@code allowed} (most likely misspellings). */
  void fields(JsonNode obj, String place, List<String> allowed) {
    for (Map.Entry<String, JsonNode> e : obj.properties()) {
      if (!allowed.contains(e.getKey())) {
        throw error(
            join(place, e.getKey()),
            "is not a known field (expected " + String.join(", ", allowed) + ")");
      }
    }
  }

  /** A JSON string. */
  String text(JsonNode node, String place) {
    if (!node.isTextual()) {
      throw error(place, "must be a string, found " + kind(node));
    }
    return node.textValue();
  }

  /** A JSON boolean. */
  boolean bool(JsonNode node, String place) {
    if (!node.isBoolean()) {
      throw error(place, "must be true or false, found " + kind(node));
    }
    return node.booleanValue();
  }

  /** An integer in [min, max], given as a JSON integer. */
  int integer(JsonNode node, String place, int min, int max) {
    if (!node.isIntegralNumber()) {
      throw error(place, "must be an integer, found " + kind(node));
    }
    BigInteger v = node.bigIntegerValue();
    if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
      throw error(place, "is " + v + ", expected an integer from " + min + " to " + max);
    }
    return v.intValueExact();
  }

  /** An array of exact numbers. */
  Rational[] vector(@Nullable JsonNode node, String place) {
    JsonNode a = array(node, place);
    Rational[] v = new Rational[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = number(a.get(i), place + "[" + i + "]");
    }
    return v;
  }

  /**
   * An exact number: a JSON number (read from its literal text), a string such as {@code "3/7"},
   * or (if this reader accepts them) an object whose {@code exact} field is such a string.
   */
  Rational number(@Nullable JsonNode node, String place) {
    if (exactObjects && node != null && node.isObject() && node.has("exact")) {
      JsonNode exact = node.get("exact");
      if (exact == null || !exact.isTextual()) {
        throw error(place + ".exact", "must be a string such as \"3/7\", found " + kind(exact));
      }
      return number(exact, place + ".exact");
    }
    if (node == null || !(node.isNumber() || node.isTextual())) {
      throw error(
          place, "must be a number (a JSON number or a string such as \"3/7\"), found "
              + kind(node));
    }
    try {
      if (node.isTextual()) {
        return Rationals.parse(node.textValue());
      }
      if (node.isIntegralNumber()) {
        return Rationals.parse(node.bigIntegerValue().toString());
      }
      if (node.isBigDecimal()) {
        return Rationals.parse(node.decimalValue().toString());
      }
      // Floats are read as BigDecimal, so a double node is one of the non-standard tokens NaN,
      // Infinity or -Infinity, which the parser rejects with its reason.
      return Rationals.parse(node.asText());
    } catch (RationalFormatException e) {
      throw error(place, "is invalid: " + e.getMessage());
    }
  }

  // ---- messages ----

  /** One sentence: the file, the place and the problem. */
  InputException error(String place, String problem) {
    String where = place.isEmpty() ? "the top-level value" : place;
    return new InputException(source + ": " + where + " " + problem);
  }

  /** {@code place.name}, or {@code name} at the top level. */
  static String join(String place, String name) {
    return place.isEmpty() ? name : place + "." + name;
  }

  /** A short description of what a node is, for messages. */
  static String kind(@Nullable JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    if (node.isNull()) {
      return "null";
    }
    if (node.isBoolean()) {
      return String.valueOf(node.booleanValue());
    }
    if (node.isNumber()) {
      return "the number " + node.asText();
    }
    if (node.isTextual()) {
      String t = node.textValue();
      return "the string \"" + (t.length() > 40 ? t.substring(0, 40) + "..." : t) + "\"";
    }
    if (node.isArray()) {
      return "an array";
    }
    return "an object";
  }
}
