package org.provablenets.erm;

import java.math.BigInteger;
import org.provablenets.exact.Rational;
import org.provablenets.exact.linalg.QMatrix;
import org.provablenets.exact.linalg.QVectors;
import org.provablenets.exact.lp.FilteredLpSolver;
import org.provablenets.exact.lp.LinearProgram;
import org.provablenets.exact.lp.LpResult;
import org.provablenets.exact.lp.LpStatus;
import org.provablenets.exact.lp.Relation;
import org.provablenets.exact.qp.FilteredQpSolver;
import org.provablenets.exact.qp.QpResult;
import org.provablenets.exact.qp.QuadraticProgram;

/**
 * A loss {@code l(y', y)}, convex in the prediction {@code y'}: squared and hinge [paper], absolute
 * [derived: convex, and its subproblems are LPs]. A loss is the strategy of Algorithm 1 for one
 * subproblem: it builds the subproblem's convex program ({@link Squared#program}, {@link
 * Linear#program}) and solves it ({@link #solve}); adding a loss means adding one class here.
 *
 * <p><b>Blocked-points contract</b> (T1 step 7, {@link Subproblems#blockedBound}): every loss
 * satisfies {@code l(f, y) >= l(0, y)} whenever {@code f y <= 0}. The pruning of {@link ErmSolver}
 * and the checker's acceptance of pruned entries need it: at a blocked point the net's output is 0
 * or of the sign opposite to the label, so the point costs at least {@code l(0, y)}. Squared:
 * {@code (f - y)^2 = f^2 - 2fy + y^2 >= y^2}; absolute: {@code |f - y| >= |y|}; hinge: {@code
 * max(0, 1 - yf) >= 1}.
 *
 * <p><b>Dual bounds.</b> The checker ({@code org.provablenets.cert.ErmChecker}) rebuilds each
 * subproblem with {@link Squared#program} or {@link Linear#program} (building, not solving) and
 * computes its weak-duality bound itself; it never calls {@link #solve}. The interface is sealed,
 * so a test of {@code instanceof Squared}, else {@link Linear}, covers every loss.
 */
public sealed interface Loss permits Loss.Squared, Loss.Linear {
  /** {@code (y' - y)^2}; each subproblem is a convex QP. */
  Squared SQUARED = new Squared();

  /** {@code |y' - y|}; each subproblem is an LP with one epigraph variable per point. */
  Absolute ABSOLUTE = new Absolute();

  /** {@code max(0, 1 - y y')} for labels y in {-1, +1}; each subproblem is an LP. */
  Hinge HINGE = new Hinge();

  /** Every loss, in the order of the command line's help: squared, absolute, hinge. */
  static Loss[] values() {
    return new Loss[] {SQUARED, ABSOLUTE, HINGE};
  }

  /**
   * The loss with the given id.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  static Loss fromId(String id) {
    for (Loss l : values()) {
      if (l.id().equals(id)) {
        return l;
      }
    }
    throw new IllegalArgumentException(
        "\"" + id + "\" is not a loss (expected squared, absolute or hinge)");
  }

  /** {@code l(prediction, label)}, exactly. */
  Rational value(Rational prediction, Rational label);

  /** Whether a label is in the loss's domain (any rational; hinge: -1 or +1). */
  default boolean acceptsLabel(Rational label) {
    return true;
  }

  /** The name used on the command line and in files. */
  String id();

  /** The kind of convex program of each subproblem, {@code "QP"} or {@code "LP"}. */
  String programKind();

  /**
   * Builds and solves one subproblem of Algorithm 1 exactly ({@link Subproblems}): the sign split
   * {@code plus} and one pattern per unit. Cost: one exact QP or LP ({@link ErmSolver}).
   */
  Solution solve(Dataset data, PatternSet ps, int plus, int[] patterns, boolean outputBias);

  /**
   * One solved subproblem: its optimum, the optimal net parameters t, and the dual point of its
   * certificate entry ({@link ErmCertificate.Entry}: u empty for an LP).
   */
  record Solution(Rational value, Rational[] t, Rational[] u, Rational[] lambda) {}

  /** The squared loss: its subproblems are convex QPs. */
  final class Squared implements Loss {
    private Squared() {}

    @Override
    public Rational value(Rational prediction, Rational label) {
      Rational d = prediction.subtract(label);
      return d.multiply(d);
    }

    @Override
    public String id() {
      return "squared";
    }

    @Override
    public String programKind() {
      return "QP";
    }

    /**
     * The subproblem as a convex QP {@code 1/2 t'Qt + c't + k}, {@code Q = (2/D) A'A}, {@code c =
     * -(2/D) A'y}, {@code k = y'y / D}, under the pattern rows {@code G t >= 0} (see {@link
     * Subproblems}). Its design matrix A and pattern rows G are made from the data's cached
     * integer rows of the lifted inputs and their negations, so no entry of A, G or Q is reduced
     * to lowest terms per subproblem (only the v entries of c = A'(-(2/D) y) are).
     */
    public QuadraticProgram program(
        Dataset data, PatternSet ps, int plus, int[] patterns, boolean outputBias) {
      int n = data.dimension();
      int w = patterns.length;
      int v = Subproblems.parameters(n, w, outputBias);
      int d = data.size();
      Dataset.Cache cache = data.cache();
      QMatrix a = Subproblems.design(data, ps, plus, patterns, outputBias);
      Rational[] c = a.transposeTimes(cache.gradientLabels);
      return QuadraticProgram.gram(
          a, Rational.of(2, d), c, cache.meanSquare,
          Subproblems.patternRows(data, ps, patterns, v), QVectors.zeros(w * d),
          QMatrix.zero(0, v), new Rational[0]);
    }

    /** Solves {@link #program} with the filtered exact QP solver; u and lambda are its KKT point. */
    @Override
    public Solution solve(
        Dataset data, PatternSet ps, int plus, int[] patterns, boolean outputBias) {
      QpResult r = FilteredQpSolver.solve(program(data, ps, plus, patterns, outputBias));
      Rational[] x = r.x();
      Rational[] lambda = r.lambda();
      Rational value = r.value();
      if (r.status() != LpStatus.OPTIMAL || x == null || lambda == null || value == null) {
        throw new AssertionError(
            "a squared-loss subproblem is feasible (t = 0) and bounded below (loss >= 0)");
      }
      return new Solution(value, x, x, lambda);
    }
  }

  /**
   * A loss whose subproblems are LPs over {@code (t, e)}, e one epigraph variable per point with
   * {@code e_j >= 0}: minimise {@code (1/D) sum_j e_j} subject to the pattern rows and the loss's
   * epigraph rows ({@link #epigraphRows}). For fixed t the least e gives exactly the mean loss of
   * the net t [derived], so soundness and completeness carry over from the squared case.
   */
  abstract sealed class Linear implements Loss permits Absolute, Hinge {
    private Linear() {}

    @Override
    public String programKind() {
      return "LP";
    }

    /** The number of epigraph rows per point. */
    abstract int rowsPerPoint();

    /**
     * Writes point j's epigraph rows (all {@code >=}) at row r on, as integer rows over their
     * denominators: coefficients on t from the design row {@code aj / den} with {@code e_j}
     * coefficient 1 ({@link #epigraphRow}), and the right-hand sides.
     */
    abstract void epigraphRows(
        BigInteger[] aj, BigInteger den, Rational yj, int d, int j, BigInteger[][] rows,
        BigInteger[] dens, Rational[] rhs, int r);

    /**
     * The subproblem as an LP over {@code (t, e)} (see the class comment). Its matrix is made
     * from the data's cached integer rows (the design rows and the pattern rows of {@link
     * Subproblems}, each over its denominator), as the squared loss's program is: no rational
     * entry is made or reduced unless asked for.
     */
    public LinearProgram program(
        Dataset data, PatternSet ps, int plus, int[] patterns, boolean outputBias) {
      int n = data.dimension();
      int w = patterns.length;
      int v = Subproblems.parameters(n, w, outputBias);
      int d = data.size();
      QMatrix a = Subproblems.design(data, ps, plus, patterns, outputBias);
      int lossRows = rowsPerPoint() * d;
      BigInteger[][] rows = new BigInteger[lossRows + w * d][];
      BigInteger[] dens = new BigInteger[rows.length];
      Relation[] rel = new Relation[rows.length];
      Rational[] rhs = new Rational[rows.length];
      for (int j = 0; j < d; j++) {
        epigraphRows(a.integerRow(j), a.rowDenominator(j), data.y(j), d, j, rows, dens, rhs,
            rowsPerPoint() * j);
      }
      QMatrix g = Subproblems.patternRows(data, ps, patterns, v + d);
      for (int k = 0; k < w * d; k++) {
        rows[lossRows + k] = g.integerRow(k);
        dens[lossRows + k] = g.rowDenominator(k);
        rhs[lossRows + k] = Rational.ZERO;
      }
      java.util.Arrays.fill(rel, Relation.GE);
      Rational[] c = QVectors.zeros(v + d);
      Rational[] lower = new Rational[v + d];
      for (int j = 0; j < d; j++) {
        c[v + j] = Rational.of(1, d);
        lower[v + j] = Rational.ZERO;
      }
      return new LinearProgram(c, QMatrix.ofIntegerRows(rows, dens, v + d), rel, rhs, lower);
    }

    /** Solves {@link #program} with the filtered exact LP solver; lambda is its dual vector. */
    @Override
    public Solution solve(
        Dataset data, PatternSet ps, int plus, int[] patterns, boolean outputBias) {
      LpResult r = FilteredLpSolver.solve(program(data, ps, plus, patterns, outputBias));
      Rational[] x = r.x();
      Rational[] y = r.y();
      Rational value = r.value();
      if (r.status() != LpStatus.OPTIMAL || x == null || y == null || value == null) {
        throw new AssertionError("an absolute- or hinge-loss subproblem is feasible (t = 0) and"
            + " bounded below (loss >= 0)");
      }
      int v = Subproblems.parameters(data.dimension(), patterns.length, outputBias);
      Rational[] t = new Rational[v];
      System.arraycopy(x, 0, t, 0, v);
      return new Solution(value, t, new Rational[0], y);
    }

    /**
     * {@code (coefficients on t, then e_j = 1)} over the denominator den: the integers {@code
     * (onT, 0, ..., den at e_j, ..., 0)}.
     */
    static BigInteger[] epigraphRow(BigInteger[] onT, BigInteger den, int d, int j) {
      BigInteger[] row = new BigInteger[onT.length + d];
      java.util.Arrays.fill(row, BigInteger.ZERO);
      System.arraycopy(onT, 0, row, 0, onT.length);
      row[onT.length + j] = den;
      return row;
    }
  }

  /** The absolute loss: {@code e_j >= (A t)_j - y_j} and {@code e_j >= y_j - (A t)_j}. */
  final class Absolute extends Linear {
    private Absolute() {}

    @Override
    public Rational value(Rational prediction, Rational label) {
      return prediction.subtract(label).abs();
    }

    @Override
    public String id() {
      return "absolute";
    }

    @Override
    int rowsPerPoint() {
      return 2;
    }

    @Override
    void epigraphRows(
        BigInteger[] aj, BigInteger den, Rational yj, int d, int j, BigInteger[][] rows,
        BigInteger[] dens, Rational[] rhs, int r) {
      BigInteger[] neg = new BigInteger[aj.length];
      for (int k = 0; k < aj.length; k++) {
        neg[k] = aj[k].negate();
      }
      rows[r] = epigraphRow(neg, den, d, j);
      dens[r] = den;
      rhs[r] = yj.negate();
      rows[r + 1] = epigraphRow(aj, den, d, j);
      dens[r + 1] = den;
      rhs[r + 1] = yj;
    }
  }

  /** The hinge loss, for labels -1 and +1: {@code e_j >= 1 - y_j (A t)_j}. */
  final class Hinge extends Linear {
    private Hinge() {}

    @Override
    public Rational value(Rational prediction, Rational label) {
      Rational m = Rational.ONE.subtract(label.multiply(prediction));
      return m.signum() > 0 ? m : Rational.ZERO;
    }

    @Override
    public boolean acceptsLabel(Rational label) {
      return label.abs().equals(Rational.ONE);
    }

    @Override
    public String id() {
      return "hinge";
    }

    @Override
    int rowsPerPoint() {
      return 1;
    }

    @Override
    void epigraphRows(
        BigInteger[] aj, BigInteger den, Rational yj, int d, int j, BigInteger[][] rows,
        BigInteger[] dens, Rational[] rhs, int r) {
      // y_j (aj / den) = (y num aj) / (y den den); e_j's coefficient 1 over the same denominator.
      BigInteger[] scaled = new BigInteger[aj.length];
      for (int k = 0; k < aj.length; k++) {
        scaled[k] = aj[k].multiply(yj.getNumerator());
      }
      BigInteger rowDen = den.multiply(yj.getDenominator());
      rows[r] = epigraphRow(scaled, rowDen, d, j);
      dens[r] = rowDen;
      rhs[r] = Rational.ONE;
    }
  }
}
