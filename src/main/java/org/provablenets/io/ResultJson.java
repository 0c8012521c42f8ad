package org.provablenets.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.cert.Checked;
import org.provablenets.cert.Verdict;
import org.provablenets.exact.Rational;
import org.provablenets.exact.RationalFormatException;
import org.provablenets.exact.Rationals;
import org.provablenets.exact.lp.LinearProgram;
import org.provablenets.exact.lp.LpResult;
import org.provablenets.exact.qp.QpResult;
import org.provablenets.exact.qp.QuadraticProgram;
import org.provablenets.qual.Certified;

/**
 * Writes exact results as JSON.
 *
 * <p><b>Convention.</b> Every exact number is written as an object holding its exact text and a
 * decimal approximation for reading: {@code {"exact": "3/7", "decimal": "0.42857142857142857"}}.
 * The {@code exact} field is authoritative ({@link Rationals#format}; read it back with {@link
 * #readRational} or {@link Rationals#parse}); {@code decimal} has 17 significant digits, rounded
 * half-even ({@link Rationals#decimal(Rational)}), and is never to be computed with. A vector
 * is an array of such objects. A part that a status does not carry is {@code null}.
 *
 * <p><b>LP result</b> ({@link #lp}):
 *
 * <pre>
 * {"problem": "lp", "source": "lp.json", "variables": 3, "constraints": 4,
 *  "status": "OPTIMAL" | "INFEASIBLE" | "UNBOUNDED",
 *  "value": rational | null,     claimed optimum c'x (OPTIMAL)
 *  "x":     vector | null,       primal point (OPTIMAL, UNBOUNDED)
 *  "y":     vector | null,       duals (OPTIMAL) or Farkas vector (INFEASIBLE)
 *  "ray":   vector | null,       improving ray (UNBOUNDED)
 *  "certified": true | false, "checked": ["condition", ...], "failure": "sentence" | null}
 * </pre>
 *
 * <p><b>QP result</b> ({@link #qp}): {@code "problem": "qp"}, {@code "variables"}, {@code
 * "inequalities"} (rows of G), {@code "equalities"} (rows of E), {@code "status"}, {@code
 * "value"}, {@code "x"}, {@code "lambda"} (multipliers of Gx &gt;= h), {@code "mu"} (multipliers
 * of Ex = f), {@code "direction"} (recession direction, UNBOUNDED), then the same three verdict
 * fields.
 *
 * <p>Fields appear in this fixed order, so identical results give byte-identical output.
 */
public final class ResultJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper WRITER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private ResultJson() {}

  /** The JSON form {@code {"exact": ..., "decimal": ...}} of an exact rational. */
  public static ObjectNode rational(Rational q) {
    ObjectNode o = NODES.objectNode();
    o.put("exact", Rationals.format(q));
    o.put("decimal", Rationals.decimal(q));
    return o;
  }

  /** The JSON form of a vector: an array of {@link #rational} objects. */
  public static ArrayNode vector(Rational[] v) {
    ArrayNode a = NODES.arrayNode();
    for (Rational q : v) {
      a.add(rational(q));
    }
    return a;
  }

  /**
   * Reads back the exact value of a {@link #rational} object from its {@code exact} field.
   *
   * @throws IllegalArgumentException if the node is not such an object
   */
  public static Rational readRational(JsonNode node) {
    JsonNode exact = node.get("exact");
    if (exact == null || !exact.isTextual()) {
      throw new IllegalArgumentException("expected an object with a string field \"exact\"");
    }
    try {
      return Rationals.parse(exact.textValue());
    } catch (RationalFormatException e) {
      throw new IllegalArgumentException("the field \"exact\" " + e.getMessage(), e);
    }
  }

  /**
   * Reads back the exact values of a {@link #vector} array.
   *
   * @throws IllegalArgumentException if the node is not such an array
   */
  public static Rational[] readVector(JsonNode node) {
    if (!node.isArray()) {
      throw new IllegalArgumentException("expected an array of {\"exact\": ...} objects");
    }
    Rational[] v = new Rational[node.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = readRational(node.get(i));
    }
    return v;
  }

  /** The JSON report of an LP result and its verdict (fields as in the class comment). */
  public static ObjectNode lp(String source, LinearProgram lp, Checked<LpResult> c) {
    LpResult r = c.result();
    ObjectNode o = NODES.objectNode();
    o.put("problem", "lp");
    o.put("source", source);
    o.put("variables", lp.variables());
    o.put("constraints", lp.constraints());
    o.put("status", r.status().name());
    o.set("value", rationalOrNull(r.value()));
    o.set("x", vectorOrNull(r.x()));
    o.set("y", vectorOrNull(r.y()));
    o.set("ray", vectorOrNull(r.ray()));
    putVerdict(o, c);
    return o;
  }

  /** The JSON report of a QP result and its verdict (fields as in the class comment). */
  public static ObjectNode qp(String source, QuadraticProgram qp, Checked<QpResult> c) {
    QpResult r = c.result();
    ObjectNode o = NODES.objectNode();
    o.put("problem", "qp");
    o.put("source", source);
    o.put("variables", qp.variables());
    o.put("inequalities", qp.g().rows());
    o.put("equalities", qp.e().rows());
    o.put("status", r.status().name());
    o.set("value", rationalOrNull(r.value()));
    o.set("x", vectorOrNull(r.x()));
    o.set("lambda", vectorOrNull(r.lambda()));
    o.set("mu", vectorOrNull(r.mu()));
    o.set("direction", vectorOrNull(r.direction()));
    putVerdict(o, c);
    return o;
  }

  /** True exactly for a {@code @Certified} verdict: the only source of {@code "certified": true}. */
  public static boolean certifiedFlag(@Nullable @Certified Verdict c) {
    return c != null;
  }

  /** Puts {@code value.toString()} under {@code name}, or JSON null when the value is null. */
  public static void putText(ObjectNode o, String name, @Nullable Object value) {
    if (value == null) {
      o.putNull(name);
    } else {
      o.put(name, value.toString());
    }
  }

  /**
   * Adds the fields {@code certified}, {@code checked} and {@code failure} of a verdict; {@code
   * certified} is true only through {@link #certifiedFlag}, i.e. for a {@code @Certified} verdict.
   */
  public static void putVerdict(ObjectNode o, Verdict verdict) {
    o.put("certified", certifiedFlag(verdict.certified()));
    putChecks(o, verdict);
  }

  /** The fields {@code checked} and {@code failure} of a verdict. */
  private static void putChecks(ObjectNode o, Verdict verdict) {
    ArrayNode checked = o.putArray("checked");
    for (String c : verdict.checked()) {
      checked.add(c);
    }
    String failure = verdict.failure();
    if (failure == null) {
      o.putNull("failure");
    } else {
      o.put("failure", failure);
    }
  }

  /**
   * Adds the fields {@code certified}, {@code checked} and {@code failure} of a checked result;
   * {@code certified} is true only through {@link #certifiedResult}, i.e. for a result the checker
   * typed {@code @Certified}.
   */
  public static <T> void putVerdict(ObjectNode o, Checked<T> c) {
    o.put("certified", certifiedResult(c.certified()));
    putChecks(o, c.verdict());
  }

  /** True exactly for a {@code @Certified} result: the only source of {@code "certified": true}. */
  public static <T> boolean certifiedResult(@Nullable @Certified T r) {
    return r != null;
  }

  /** Writes a JSON value as indented text (no trailing newline). */
  public static String write(JsonNode node) {
    try {
      return WRITER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a JSON tree could not be written", e);
    }
  }

  private static JsonNode rationalOrNull(@Nullable Rational q) {
    return q == null ? NODES.nullNode() : rational(q);
  }

  private static JsonNode vectorOrNull(Rational @Nullable [] v) {
    return v == null ? NODES.nullNode() : vector(v);
  }
}
