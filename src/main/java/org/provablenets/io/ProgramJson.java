package org.provablenets.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
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
 * and so are numbers beyond the digit limit of {@link Rationals#parse}.
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
    return read(file, ProgramJson::lp);
  }

  /**
   * Reads a linear program from a JSON stream (left open), naming it {@code source} in messages.
   *
   * @throws InputException if the stream is unreadable, not JSON or not a valid program
   */
  public static LinearProgram readLp(InputStream in, String source) {
    return read(InputFiles.bytes(in, source), source, ProgramJson::lp);
  }

  /**
   * Reads a convex quadratic program from a JSON file in the format described above.
   *
   * @throws InputException if the file is missing, unreadable, not JSON or not a valid program
   *     (including a Q that is not symmetric positive semidefinite)
   */
  public static QuadraticProgram readQp(Path file) {
    return read(file, ProgramJson::qp);
  }

  /**
   * Reads a convex quadratic program from a JSON stream (left open), naming it {@code source} in
   * messages.
   *
   * @throws InputException if the stream is unreadable, not JSON or not a valid program
   */
  public static QuadraticProgram readQp(InputStream in, String source) {
    return read(InputFiles.bytes(in, source), source, ProgramJson::qp);
  }

  // ---- reading the JSON tree ----

  /** Reads a program file; a directory is named as not a JSON file. */
  private static <T> T read(Path file, BiFunction<JsonInput, JsonNode, T> program) {
    String source = file.toString();
    if (Files.isDirectory(file)) {
      throw new InputException(source + ": is a directory, not a JSON file");
    }
    return read(InputFiles.bytes(file, source), source, program);
  }

  /**
   * Parses the bytes of a program. Numbers are JSON numbers or strings; the {@code {"exact": ...}}
   * objects of {@link ResultJson} are not accepted here.
   */
  private static <T> T read(
      byte[] bytes, String source, BiFunction<JsonInput, JsonNode, T> program) {
    JsonInput in = new JsonInput(source, false);
    return program.apply(in, in.parse(bytes));
  }

  // ---- converting the tree into a program ----

  /**
   * The checks every program file starts with (an object, not the other kind of program, known
   * fields only) and its cost vector {@code field}, which must be nonempty.
   *
   * @param otherKind whether the file is the other kind of program, said by {@code message}
   */
  private static Rational[] costs(JsonInput in, JsonNode root, List<String> fields, String field,
      boolean otherKind, String message) {
    in.object(root, "");
    if (otherKind) {
      throw new InputException(in.source() + ": " + message);
    }
    in.fields(root, "", fields);
    description(in, root);
    Rational[] c = in.vector(in.required(root, "", field), field);
    if (c.length == 0) {
      throw in.error(field, "is empty, but a program needs at least one variable");
    }
    return c;
  }

  private static LinearProgram lp(JsonInput in, JsonNode root) {
    Rational[] c = costs(in, root, LP_FIELDS, "objective",
        !root.has("objective") && root.has("Q"),
        "looks like a quadratic program (it has Q but no objective), not a linear program");
    int n = c.length;
    JsonNode cons = root.get("constraints");
    if (cons == null) {
      cons = JsonInput.mapper().createArrayNode();
    }
    int m = in.array(cons, "constraints").size();
    Rational[][] a = new Rational[m][];
    Relation[] rel = new Relation[m];
    Rational[] b = new Rational[m];
    for (int i = 0; i < m; i++) {
      String place = "constraints[" + i + "]";
      JsonNode row = cons.get(i);
      in.object(row, place);
      in.fields(row, place, CONSTRAINT_FIELDS);
      String coefPlace = place + ".coefficients";
      a[i] = in.vector(in.required(row, place, "coefficients"), coefPlace);
      if (a[i].length != n) {
        throw in.error(
            coefPlace,
            "has " + a[i].length + " entries, expected " + n
                + " (one per variable, as in objective)");
      }
      rel[i] = relation(in, in.required(row, place, "relation"), place + ".relation");
      b[i] = in.number(in.required(row, place, "rhs"), place + ".rhs");
    }
    @Nullable Rational[] lower = new @Nullable Rational[n];
    JsonNode low = root.get("lower");
    if (low == null) {
      for (int j = 0; j < n; j++) {
        lower[j] = Rational.ZERO;
      }
    } else {
      in.array(low, "lower");
      if (low.size() != n) {
        throw in.error(
            "lower",
            "has " + low.size() + " entries, expected " + n
                + " (one per variable: a number, or null for a free variable)");
      }
      for (int j = 0; j < n; j++) {
        JsonNode e = low.get(j);
        lower[j] = e == null || e.isNull() ? null : in.number(e, "lower[" + j + "]");
      }
    }
    try {
      return new LinearProgram(c, QMatrix.of(a, n), rel, b, lower);
    } catch (IllegalArgumentException e) {
      throw new InputException(in.source() + ": " + e.getMessage(), e);
    }
  }

  private static QuadraticProgram qp(JsonInput in, JsonNode root) {
    Rational[] c = costs(in, root, QP_FIELDS, "c", !root.has("Q") && root.has("objective"),
        "looks like a linear program (it has objective but no Q), not a quadratic program");
    int n = c.length;
    Rational[][] q = matrix(in, in.required(root, "", "Q"), "Q", n);
    if (q.length != n) {
      throw in.error(
          "Q", "has " + q.length + " rows, expected " + n + " (one per variable, as in c)");
    }
    JsonNode kNode = root.get("k");
    Rational k = kNode == null ? Rational.ZERO : in.number(kNode, "k");
    Rational[][] g = optionalMatrix(in, root, "G", n);
    Rational[] h = optionalVector(in, root, "h", "G", g.length);
    Rational[][] e = optionalMatrix(in, root, "E", n);
    Rational[] f = optionalVector(in, root, "f", "E", e.length);
    try {
      return new QuadraticProgram(
          QMatrix.of(q, n), c, k, QMatrix.of(g, n), h, QMatrix.of(e, n), f);
    } catch (IllegalArgumentException ex) {
      throw new InputException(in.source() + ": " + ex.getMessage(), ex);
    }
  }

  /** The optional {@code description}: a string, otherwise ignored. */
  private static void description(JsonInput in, JsonNode root) {
    JsonNode d = root.get("description");
    if (d != null) {
      in.text(d, "description");
    }
  }

  /** An optional constraint matrix with n columns: absent means no rows. */
  private static Rational[][] optionalMatrix(JsonInput in, JsonNode root, String name, int n) {
    JsonNode node = root.get(name);
    return node == null ? new Rational[0][] : matrix(in, node, name, n);
  }

  /** The right-hand side belonging to matrix {@code matrixName}, with one entry per row. */
  private static Rational[] optionalVector(
      JsonInput in, JsonNode root, String name, String matrixName, int rows) {
    JsonNode node = root.get(name);
    boolean hasMatrix = root.get(matrixName) != null;
    if (node == null) {
      if (hasMatrix) {
        throw in.error(name, "is missing, but " + matrixName + " is given (they come together)");
      }
      return new Rational[0];
    }
    if (!hasMatrix) {
      throw in.error(matrixName, "is missing, but " + name + " is given (they come together)");
    }
    Rational[] v = in.vector(node, name);
    if (v.length != rows) {
      throw in.error(
          name,
          "has " + v.length + " entries, expected " + rows + " (one per row of " + matrixName
              + ")");
    }
    return v;
  }

  /** A matrix whose rows all have {@code cols} entries (zero rows allowed). */
  private static Rational[][] matrix(JsonInput in, JsonNode node, String place, int cols) {
    in.array(node, place);
    Rational[][] rows = new Rational[node.size()][];
    for (int i = 0; i < rows.length; i++) {
      String rowPlace = place + "[" + i + "]";
      rows[i] = in.vector(node.get(i), rowPlace);
      if (i > 0 && rows[i].length != rows[0].length) {
        throw in.error(
            rowPlace,
            "has " + rows[i].length + " entries but " + place + "[0] has " + rows[0].length
                + " (a matrix needs rows of equal length)");
      }
      if (rows[i].length != cols) {
        throw in.error(
            rowPlace,
            "has " + rows[i].length + " entries, expected " + cols + " (one per variable)");
      }
    }
    return rows;
  }

  private static Relation relation(JsonInput in, JsonNode node, String place) {
    if (!node.isTextual()) {
      throw in.error(
          place, "must be one of \"<=\", \"=\", \">=\", found " + JsonInput.kind(node));
    }
    try {
      return Relation.parse(node.textValue());
    } catch (IllegalArgumentException e) {
      throw in.error(place, "is invalid: " + e.getMessage());
    }
  }
}
