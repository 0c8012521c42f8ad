package org.provablenets.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;

/**
 * Reads a weight matrix W (p rows of d columns) exactly from CSV, with the rules of {@link
 * DataCsv}: numbers exact ({@code 0.1} is 1/10, {@code 3/7} and {@code 1e-3} accepted), an
 * optional header row of names, {@code #} comment lines and blank lines ignored, every row with
 * the same number of columns.
 *
 * <pre>
 * # W for p = 2 units, d = 1 input
 * 1/2
 * -3
 * </pre>
 *
 * <p><b>NumPy and PyTorch</b> ({@link #readWeights}, by the name's extension, any case): an
 * {@code .npy} of shape (p, d), an {@code .npz} holding exactly one such array, or a {@link
 * StateDict} ({@code .npz} with {@code fc1.weight.npy} and so on, or {@code .json}): {@code
 * fc1.weight} is W and {@code fc2.weight} (shape (1, p)), if present, the outer weights; {@code
 * fc1.bias} and {@code fc2.bias} must be absent or zero, as the T3 model has no biases. NumPy
 * numbers are the exact binary values stored ({@link NumPy}).
 *
 * <p>Every problem is an {@link InputException} naming the file, the place (line and column, or
 * the array element or state_dict key) and the problem.
 */
public final class WeightsCsv {
  private static final String ROWS = "weight rows (p = 0)";
  private static final String FORM = "w1,...,wd";

  private WeightsCsv() {}

  /**
   * Reads the rows of W (from any of the forms above; the outer weights of a state_dict are
   * dropped: use {@link #readWeights} to have them).
   *
   * @throws InputException if the file is missing, unreadable or not a table of numbers
   */
  public static Rational[][] read(Path file) {
    return readWeights(file).w();
  }

  /**
   * Reads W, and the outer weights when the file is a state_dict holding {@code fc2.weight}.
   *
   * @throws InputException if the file is missing, unreadable or not a table of numbers, or a
   *     state_dict with a wrong shape or a non-zero bias
   */
  public static Weights readWeights(Path file) {
    String source = file.toString();
    if (NumPy.isNpz(file)) {
      Map<String, NumPy.Array> arrays = NumPy.readNpz(file);
      if (StateDict.isStateDict(arrays)) {
        return weights(StateDict.of(file, arrays));
      }
      if (arrays.size() != 1) {
        throw new InputException(source + ": holds " + arrays.size() + " arrays ("
            + String.join(", ", arrays.keySet()) + "), expected one array W or a state_dict"
            + " with fc1.weight and fc2.weight");
      }
      return new Weights(rows(RationalCsv.table(arrays.values().iterator().next(), ROWS, FORM,
          1, "", false)), null);
    }
    if (NumPy.hasExtension(file, ".json")) {
      JsonInput in = new JsonInput(source);
      JsonNode root = in.parse(InputFiles.bytes(file, source));
      in.object(root, "");
      if (!StateDict.isStateDict(root)) {
        throw new InputException(source + ": is not a state_dict: a JSON weights file needs the"
            + " key fc1.weight (W, p x d) and optionally fc2.weight (the outer weights, 1 x p)");
      }
      return weights(StateDict.of(in, root));
    }
    return new Weights(rows(RationalCsv.read(file, ROWS, FORM, 1, "", false)), null);
  }

  private static Weights weights(StateDict sd) {
    sd.requireNoBiases("the T3 model f(x) = sum_j a_j sigma(w_j . x)");
    return new Weights(sd.weights(), sd.outputWeights());
  }

  private static Rational[][] rows(RationalCsv.Table t) {
    return t.rows.toArray(new Rational[0][]);
  }

  /** W (p rows of d) and, from a state_dict's {@code fc2.weight}, the outer weights (or null). */
  public static final class Weights {
    private final Rational[][] w;
    private final Rational @Nullable [] outer;

    Weights(Rational[][] w, Rational @Nullable [] outer) {
      this.w = w;
      this.outer = outer;
    }

    /** The rows of W. */
    public Rational[][] w() {
      return w;
    }

    /** The outer weights given by the file (fc2.weight of a state_dict), or null. */
    public Rational @Nullable [] outer() {
      return outer;
    }
  }
}
