package org.provablenets.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.RationalFormatException;
import org.provablenets.exact.Rationals;
import org.provablenets.exact.linalg.QMatrix;
import org.provablenets.exact.lp.LinearProgram;
import org.provablenets.exact.lp.Relation;
import org.provablenets.exact.qp.QuadraticProgram;

/**
 * Reads linear and quadratic programs from JSON files, exactly.
 *
 * <p><b>Numbers.</b> Wherever a number is expected, it may be a JSON number ({@code 2}, {@code
 * -0.25}, {@code 1e-3}) or a JSON string holding an integer, a fraction or a decimal ({@code
 * "3/7"}, {@code "-0.25"}, {@code "1e-3"}). Both are exact: a JSON number is read from its literal
 * text as a {@link BigDecimal}, never through {@code double}, so {@code 0.1} is exactly {@code
 * 1/10}. {@code NaN} and infinities (as strings or as the non-standard JSON tokens) are rejected,
 * and so are decimal exponents beyond {@value Rationals#MAX_EXPONENT} in absolute value.
 *
 * <p><b>Linear program</b> ({@link #readLp}): minimise {@code objective . x} subject to the
 * constraints and the lower bounds.
 *
 * <pre>
 * {
 *   "objective":   [2, 3, 5],
 *   "constraints": [
 *     {"coefficients": [1, 1, 1],      "relation": "=",  "rhs": 3},
 *     {"coefficients": [1, 0, -1],     "relation": "&lt;=", "rhs": 1},
 *     {"coefficients": [0, 1, 2],      "relation": "&gt;=", "rhs": 0.5},
 *     {"coefficients": ["1/2", 1, 0],  "relation": "&lt;=", "rhs": 3}
 *   ],
 *   "lower": [0, 0, null]
 * }
 * </pre>
 *
 * <ul>
 *   <li>{@code objective}: required, n &gt;= 1 numbers (this fixes the number of variables n);
 *   <li>{@code constraints}: optional (default none); each has exactly n {@code coefficients}, a
 *       {@code relation} ({@code "<="}, {@code "="} or {@code ">="}; {@code "=="} is accepted for
 *       {@code "="}) and a {@code rhs};
 *   <li>{@code lower}: optional (default all 0); n entries, each a number (the lower bound of that
 *       variable) or {@code null} (a free variable).
 * </ul>
 *
 * <p><b>Quadratic program</b> ({@link #readQp}): minimise {@code 1/2 x'Qx + c'x + k} subject to
 * {@code Gx >= h} and {@code Ex = f}, with Q symmetric positive semidefinite (checked exactly;
 * singular Q is allowed).
 *
 * <pre>
 * {
 *   "Q": [[5, 5], [5, 5]],
 *   "c": [-7, -7],
 *   "k": 5,
 *   "G": [[-1, -1], [1, 0]],
 *   "h": [-1, 0]
 * }
 * </pre>
 *
 * <ul>
 *   <li>{@code c}: required, n &gt;= 1 numbers; {@code Q}: required, n rows of n numbers;
 *   <li>{@code k}: optional constant, default 0;
 *   <li>{@code G} (rows of n numbers) and {@code h} (one number per row of G): optional, given
 *       together; {@code E} and {@code f} likewise for the equalities.
 * </ul>
 *
 * <p>Both formats also accept an optional {@code "description"} string, which is ignored. Any
 * other field is rejected (it is most likely a misspelling). Every problem is reported as an
 * {@link InputException} whose message is one sentence naming the file, the place (such as {@code
 * constraints[2].coefficients[1]}, indices counted from 0 as in the file) and the problem.
 */
public final class ProgramJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          // NaN and infinities are parsed so that they can be rejected with their place named.
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build();

  private static final List<String> LP_FIELDS =
      List.of("objective", "constraints", "lower", "description");
  private static final List<String> CONSTRAINT_FIELDS = List.of("coefficients", "relation", "rhs");
  private static final List<String> QP_FIELDS =
      List.of("Q", "c", "k", "G", "h", "E", "f", "description");

  private ProgramJson() {}

  /**
   * Reads a linear program from a JSON file in the format described above.
   *
   * @throws InputException if the file is missing, unreadable, not JSON or not a valid program
   */
  public static LinearProgram readLp(Path file) {
    String source = file.toString();
    return new Reader(source).lp(readTree(file, source));
  }

  /**
   * Reads a linear program from a JSON stream (left open), naming it {@code source} in messages.
   *
   * @throws InputException if the stream is unreadable, not JSON or not a valid program
   */
  public static LinearProgram readLp(InputStream in, String source) {
    return new Reader(source).lp(parse(in, source));
  }

  /**
   * Reads a convex quadratic program from a JSON file in the format described above.
   *
   * @throws InputException if the file is missing, unreadable, not JSON or not a valid program
   *     (including a Q that is not symmetric positive semidefinite)
   */
  public static QuadraticProgram readQp(Path file) {
    String source = file.toString();
    return new Reader(source).qp(readTree(file, source));
  }

  /**
   * Reads a convex quadratic program from a JSON stream (left open), naming it {@code source} in
   * messages.
   *
   * @throws InputException if the stream is unreadable, not JSON or not a valid program
   */
  public static QuadraticProgram readQp(InputStream in, String source) {
    return new Reader(source).qp(parse(in, source));
  }

  // ---- reading the JSON tree ----

  private static JsonNode readTree(Path file, String source) {
    if (Files.isDirectory(file)) {
      throw new InputException(source + ": is a directory, not a JSON file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, source);
    } catch (NoSuchFileException e) {
      throw new InputException(source + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new InputException(source + ": permission denied", e);
    } catch (IOException e) {
      throw new InputException(source + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }

  private static JsonNode parse(InputStream in, String source) {
    JsonNode root;
    try {
      root = MAPPER.readTree(in);
    } catch (JsonProcessingException e) {
      throw new InputException(source + ": " + describe(e), e);
    } catch (IOException e) {
      throw new InputException(source + ": cannot be read (" + e.getMessage() + ")", e);
    }
    if (root == null || root.isMissingNode()) {
      throw new InputException(source + ": is empty, expected a JSON object");
    }
    return root;
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

  /** Converts a JSON tree into a program, naming places relative to the file {@code source}. */
  private static final class Reader {
    private final String source;

    Reader(String source) {
      this.source = source;
    }

    LinearProgram lp(JsonNode root) {
      object(root, "");
      if (!root.has("objective") && root.has("Q")) {
        throw new InputException(
            source + ": looks like a quadratic program (it has Q but no objective), not a linear"
                + " program");
      }
      fields(root, "", LP_FIELDS);
      description(root);
      Rational[] c = vector(required(root, "", "objective"), "objective");
      int n = c.length;
      if (n == 0) {
        throw error("objective", "is empty, but a program needs at least one variable");
      }
      JsonNode cons = root.get("constraints");
      if (cons == null) {
        cons = MAPPER.createArrayNode();
      }
      int m = array(cons, "constraints").size();
      Rational[][] a = new Rational[m][];
      Relation[] rel = new Relation[m];
      Rational[] b = new Rational[m];
      for (int i = 0; i < m; i++) {
        String place = "constraints[" + i + "]";
        JsonNode row = cons.get(i);
        object(row, place);
        fields(row, place, CONSTRAINT_FIELDS);
        String coefPlace = place + ".coefficients";
        a[i] = vector(required(row, place, "coefficients"), coefPlace);
        if (a[i].length != n) {
          throw error(
              coefPlace,
              "has " + a[i].length + " entries, expected " + n
                  + " (one per variable, as in objective)");
        }
        rel[i] = relation(required(row, place, "relation"), place + ".relation");
        b[i] = number(required(row, place, "rhs"), place + ".rhs");
      }
      @Nullable Rational[] lower = new @Nullable Rational[n];
      JsonNode low = root.get("lower");
      if (low == null) {
        for (int j = 0; j < n; j++) {
          lower[j] = Rational.ZERO;
        }
      } else {
        array(low, "lower");
        if (low.size() != n) {
          throw error(
              "lower",
              "has " + low.size() + " entries, expected " + n
                  + " (one per variable: a number, or null for a free variable)");
        }
        for (int j = 0; j < n; j++) {
          JsonNode e = low.get(j);
          lower[j] = e == null || e.isNull() ? null : number(e, "lower[" + j + "]");
        }
      }
      try {
        return new LinearProgram(c, QMatrix.of(a, n), rel, b, lower);
      } catch (IllegalArgumentException e) {
        throw new InputException(source + ": " + e.getMessage(), e);
      }
    }

    QuadraticProgram qp(JsonNode root) {
      object(root, "");
      if (!root.has("Q") && root.has("objective")) {
        throw new InputException(
            source + ": looks like a linear program (it has objective but no Q), not a quadratic"
                + " program");
      }
      fields(root, "", QP_FIELDS);
      description(root);
      Rational[] c = vector(required(root, "", "c"), "c");
      int n = c.length;
      if (n == 0) {
        throw error("c", "is empty, but a program needs at least one variable");
      }
      Rational[][] q = matrix(required(root, "", "Q"), "Q", n);
      if (q.length != n) {
        throw error("Q", "has " + q.length + " rows, expected " + n + " (one per variable, as in c)");
      }
      JsonNode kNode = root.get("k");
      Rational k = kNode == null ? Rational.ZERO : number(kNode, "k");
      Rational[][] g = optionalMatrix(root, "G", n);
      Rational[] h = optionalVector(root, "h", "G", g.length);
      Rational[][] e = optionalMatrix(root, "E", n);
      Rational[] f = optionalVector(root, "f", "E", e.length);
      try {
        return new QuadraticProgram(
            QMatrix.of(q, n), c, k, QMatrix.of(g, n), h, QMatrix.of(e, n), f);
      } catch (IllegalArgumentException ex) {
        throw new InputException(source + ": " + ex.getMessage(), ex);
      }
    }

    /** An optional constraint matrix with n columns: absent means no rows. */
    private Rational[][] optionalMatrix(JsonNode root, String name, int n) {
      JsonNode node = root.get(name);
      return node == null ? new Rational[0][] : matrix(node, name, n);
    }

    /** The right-hand side belonging to matrix {@code matrixName}, with one entry per row. */
    private Rational[] optionalVector(JsonNode root, String name, String matrixName, int rows) {
      JsonNode node = root.get(name);
      boolean hasMatrix = root.get(matrixName) != null;
      if (node == null) {
        if (hasMatrix) {
          throw error(name, "is missing, but " + matrixName + " is given (they come together)");
        }
        return new Rational[0];
      }
      if (!hasMatrix) {
        throw error(matrixName, "is missing, but " + name + " is given (they come together)");
      }
      Rational[] v = vector(node, name);
      if (v.length != rows) {
        throw error(
            name,
            "has " + v.length + " entries, expected " + rows + " (one per row of " + matrixName
                + ")");
      }
      return v;
    }

    // ---- shapes ----

    private void object(@Nullable JsonNode node, String place) {
      if (node == null || !node.isObject()) {
        throw error(place, "must be a JSON object, found " + kind(node));
      }
    }

    private JsonNode array(JsonNode node, String place) {
      if (!node.isArray()) {
        throw error(place, "must be a JSON array, found " + kind(node));
      }
      return node;
    }

    private JsonNode required(JsonNode obj, String place, String name) {
      JsonNode v = obj.get(name);
      if (v == null) {
        throw error(join(place, name), "is missing");
      }
      return v;
    }

    private void fields(JsonNode obj, String place, List<String> allowed) {
      for (Map.Entry<String, JsonNode> e : obj.properties()) {
        if (!allowed.contains(e.getKey())) {
          throw error(
              join(place, e.getKey()),
              "is not a known field (expected " + String.join(", ", allowed) + ")");
        }
      }
    }

    private void description(JsonNode root) {
      JsonNode d = root.get("description");
      if (d != null && !d.isTextual()) {
        throw error("description", "must be a string, found " + kind(d));
      }
    }

    private Rational[] vector(JsonNode node, String place) {
      array(node, place);
      Rational[] v = new Rational[node.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = number(node.get(i), place + "[" + i + "]");
      }
      return v;
    }

    /** A matrix whose rows all have {@code cols} entries (zero rows allowed). */
    private Rational[][] matrix(JsonNode node, String place, int cols) {
      array(node, place);
      Rational[][] rows = new Rational[node.size()][];
      for (int i = 0; i < rows.length; i++) {
        String rowPlace = place + "[" + i + "]";
        rows[i] = vector(node.get(i), rowPlace);
        if (i > 0 && rows[i].length != rows[0].length) {
          throw error(
              rowPlace,
              "has " + rows[i].length + " entries but " + place + "[0] has " + rows[0].length
                  + " (a matrix needs rows of equal length)");
        }
        if (rows[i].length != cols) {
          throw error(
              rowPlace,
              "has " + rows[i].length + " entries, expected " + cols + " (one per variable)");
        }
      }
      return rows;
    }

    private Relation relation(JsonNode node, String place) {
      if (!node.isTextual()) {
        throw error(place, "must be one of \"<=\", \"=\", \">=\", found " + kind(node));
      }
      try {
        return Relation.parse(node.textValue());
      } catch (IllegalArgumentException e) {
        throw error(place, "is invalid: " + e.getMessage());
      }
    }

    /** An exact number from a JSON number (read from its literal text) or a string. */
    private Rational number(@Nullable JsonNode node, String place) {
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
          return Rational.of(node.bigIntegerValue());
        }
        if (node.isBigDecimal()) {
          BigDecimal d = node.decimalValue();
          long exponent = (long) d.precision() - d.scale() - 1;
          if (Math.abs(exponent) > Rationals.MAX_EXPONENT) {
            throw error(
                place, "is " + d + ", whose exponent is beyond +-" + Rationals.MAX_EXPONENT);
          }
          return Rationals.fromBigDecimal(d);
        }
        // Floats are read as BigDecimal, so a double node is one of the non-standard tokens
        // NaN, Infinity or -Infinity.
        return Rationals.parse(node.asText());
      } catch (RationalFormatException e) {
        throw error(place, "is invalid: " + e.getMessage());
      }
    }

    // ---- messages ----

    private InputException error(String place, String problem) {
      String where = place.isEmpty() ? "the top-level value" : place;
      return new InputException(source + ": " + where + " " + problem);
    }

    private static String join(String place, String name) {
      return place.isEmpty() ? name : place + "." + name;
    }

    private static String kind(@Nullable JsonNode node) {
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
}
