package org.provablenets.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.erm.ReluNet;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;

/**
 * A PyTorch {@code state_dict} of a depth-2 net {@code fc2(relu(fc1(x)))} (two {@code nn.Linear}
 * layers named {@code fc1} and {@code fc2}, one output), saved as an {@code .npz} or as JSON.
 *
 * <p><b>Definition.</b> The keys, and no others:
 *
 * <ul>
 *   <li>{@code fc1.weight}: shape (w, n), row i the input weights of unit i;
 *   <li>{@code fc1.bias}: shape (w,), the bias of each unit;
 *   <li>{@code fc2.weight}: shape (1, w), the output weight of each unit;
 *   <li>{@code fc2.bias}: one entry (shape (1,), or a 0-d array or a plain JSON number), the output
 *       bias; optional.
 * </ul>
 *
 * In an {@code .npz} each key is the member {@code KEY.npy} ({@code np.savez(f, **{"fc1.weight":
 * w1, ...})}, with {@code w1 = model.fc1.weight.detach().numpy()}); numbers are the exact binary
 * values stored ({@link NumPy}). In JSON the keys hold nested arrays of numbers, read exactly as in
 * {@link JsonInput} (JSON numbers from their literal text, or strings such as {@code "3/7"}):
 *
 * <pre>
 * {"fc1.weight": [[1, -0.5], [0.25, 2]], "fc1.bias": [0.5, -1],
 *  "fc2.weight": [[1, "-3/4"]], "fc2.bias": [0]}
 * </pre>
 *
 * <p><b>Rejected</b> with an {@link InputException}, one sentence naming the file, the key and the
 * problem: an unknown or missing key, a ragged JSON array, and a shape that does not fit the
 * others (the sentence gives both shapes).
 */
final class StateDict {
  /** The four keys, in the order of the layers. */
  static final List<String> KEYS = List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias");

  private final String source;
  private final Map<String, NumPy.Array> arrays;

  private StateDict(String source, Map<String, NumPy.Array> arrays) {
    this.source = source;
    this.arrays = arrays;
    for (String key : arrays.keySet()) {
      if (!KEYS.contains(key)) {
        throw new InputException(source + ": " + key + " is not a key of a depth-2 state_dict"
            + " (expected fc1.weight, fc1.bias, fc2.weight and optionally fc2.bias)");
      }
    }
    NumPy.Array w1 = required("fc1.weight");
    if (w1.ndim() != 2 || w1.shape[0] == 0 || w1.shape[1] == 0) {
      throw new InputException(source + ": fc1.weight has shape " + w1.shapeText()
          + ", expected (width, inputs), both at least 1");
    }
    int w = w1.shape[0];
    shape("fc1.bias", new int[] {w}, "one bias per unit");
    shape("fc2.weight", new int[] {1, w}, "one output weight per unit");
    NumPy.@Nullable Array b2 = arrays.get("fc2.bias");
    if (b2 != null && b2.values.length != 1) {
      throw new InputException(source + ": fc2.bias has shape " + b2.shapeText()
          + ", but fc2.weight has shape (1, " + w + "), expected one output bias, shape (1,)");
    }
  }

  /** Whether a JSON object is a state_dict: it has one of the {@link #KEYS}. */
  static boolean isStateDict(JsonNode root) {
    for (String key : KEYS) {
      if (root.has(key)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the members of an {@code .npz} are a state_dict: one of them is a {@link #KEYS}. */
  static boolean isStateDict(Map<String, NumPy.Array> arrays) {
    for (String key : KEYS) {
      if (arrays.containsKey(key)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The state_dict of the members of an {@code .npz}.
   *
   * @throws InputException if a key is unknown or missing or a shape does not fit
   */
  static StateDict of(Path file, Map<String, NumPy.Array> arrays) {
    return new StateDict(file.toString(), arrays);
  }

  /**
   * The state_dict of a JSON object.
   *
   * @throws InputException if a key is unknown or missing, an array is ragged or holds a
   *     non-number, or a shape does not fit
   */
  static StateDict of(JsonInput in, JsonNode root) {
    in.object(root, "");
    Map<String, NumPy.Array> arrays = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      String key = e.getKey();
      if (!KEYS.contains(key)) {
        throw in.error(key, "is not a key of a depth-2 state_dict (expected fc1.weight,"
            + " fc1.bias, fc2.weight and optionally fc2.bias)");
      }
      arrays.put(key, array(in, e.getValue(), key));
    }
    return new StateDict(in.source(), arrays);
  }

  /**
   * A JSON number, or nested JSON arrays of numbers, as an array: the shape from the first
   * element at each depth, every element checked against it.
   */
  private static NumPy.Array array(JsonInput in, JsonNode node, String key) {
    List<Integer> dims = new ArrayList<>();
    @Nullable JsonNode n = node;
    while (n != null && n.isArray()) {
      dims.add(n.size());
      n = n.get(0);
    }
    int[] shape = new int[dims.size()];
    for (int k = 0; k < shape.length; k++) {
      shape[k] = dims.get(k);
    }
    List<Rational> values = new ArrayList<>();
    collect(in, node, key, shape, 0, values);
    return new NumPy.Array(in.source() + ", key " + key, "json", 'f', shape,
        values.toArray(new Rational[0]));
  }

  private static void collect(JsonInput in, JsonNode node, String place, int[] shape, int depth,
      List<Rational> values) {
    if (depth == shape.length) {
      values.add(in.number(node, place));
      return;
    }
    JsonNode a = in.array(node, place);
    if (a.size() != shape[depth]) {
      String first = place.replaceAll("\\[\\d+\\]$", "[0]");
      throw in.error(place, "has " + a.size() + " entries, but " + first + " has "
          + shape[depth] + " (the array is ragged)");
    }
    for (int i = 0; i < a.size(); i++) {
      collect(in, a.get(i), place + "[" + i + "]", shape, depth + 1, values);
    }
  }

  private NumPy.Array required(String key) {
    NumPy.@Nullable Array a = arrays.get(key);
    if (a == null) {
      throw new InputException(source + ": has no " + key + ", expected the keys fc1.weight,"
          + " fc1.bias, fc2.weight and optionally fc2.bias");
    }
    return a;
  }

  /** Checks the shape of a key, if present, against fc1.weight's. */
  private void shape(String key, int[] expected, String why) {
    NumPy.@Nullable Array a = arrays.get(key);
    if (a != null && !java.util.Arrays.equals(a.shape, expected)) {
      throw new InputException(source + ": " + key + " has shape " + a.shapeText()
          + ", but fc1.weight has shape " + required("fc1.weight").shapeText() + ", expected "
          + NumPy.shapeText(expected) + " (" + why + ")");
    }
  }

  /** The rows of fc1.weight: one per unit. */
  Rational[][] weights() {
    NumPy.Array a = required("fc1.weight");
    int w = a.shape[0];
    int n = a.shape[1];
    Rational[][] rows = new Rational[w][n];
    for (int i = 0; i < w; i++) {
      System.arraycopy(a.values, i * n, rows[i], 0, n);
    }
    return rows;
  }

  /** fc2.weight as a vector (one output weight per unit), or null when absent. */
  Rational @Nullable [] outputWeights() {
    NumPy.@Nullable Array a = arrays.get("fc2.weight");
    return a == null ? null : a.values.clone();
  }

  /**
   * The net {@code f(x) = sum_i fc2.weight[0][i] max(0, fc1.weight[i] . x + fc1.bias[i]) +
   * fc2.bias[0]}, normalised exactly as the {@code outputWeight} form of {@link ErmJson} ({@link
   * ReluNet#fromOutputWeights}).
   *
   * @throws InputException if fc1.bias or fc2.weight is missing
   */
  ReluNet net() {
    Rational[] b = required("fc1.bias").values;
    Rational[] out = required("fc2.weight").values;
    NumPy.@Nullable Array c = arrays.get("fc2.bias");
    return ReluNet.fromOutputWeights(
        weights(), b.clone(), out.clone(), c == null ? Rational.ZERO : c.values[0]);
  }

  /**
   * Requires fc1.bias and fc2.bias to be absent or zero, for a model without biases.
   *
   * @param model the model in words, for the message
   * @throws InputException naming the first non-zero bias
   */
  void requireNoBiases(String model) {
    for (String key : List.of("fc1.bias", "fc2.bias")) {
      NumPy.@Nullable Array a = arrays.get(key);
      if (a == null) {
        continue;
      }
      for (int i = 0; i < a.values.length; i++) {
        if (a.values[i].signum() != 0) {
          throw new InputException(source + ": " + key + (a.ndim() == 0 ? "" : "[" + i + "]")
              + " is " + Rationals.format(a.values[i]) + ", but " + model + " has no biases"
              + " (leave " + key + " out or make it zero)");
        }
      }
    }
  }
}
