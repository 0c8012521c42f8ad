package org.provablenets.erm;

import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.lp.LpStatus;
import org.provablenets.exact.qp.QpResult;
import org.provablenets.exact.qp.QpSolver;
import org.provablenets.exact.qp.QuadraticProgram;

/**
 * Exact global empirical risk minimisation for depth-2 ReLU nets: Algorithm 1 of Arora, Basu,
 * Mianjy, Mukherjee (ICLR 2018, Thm 4.1) [paper], with the sign-class and multiset reductions
 * [derived], solving each convex subproblem exactly and keeping a dual point of each as the
 * certificate.
 *
 * <p><b>Proposition</b> [paper]. The least subproblem optimum equals the global minimum of the
 * mean loss over all nets of width w; see {@link Subproblems} for soundness and completeness.
 *
 * <p><b>Cost.</b> Pattern enumeration (see {@link Patterns}) plus {@link
 * Subproblems#count(int, int)} exact QPs, each with {@code w (n + 1)} (+1) variables and {@code w D}
 * constraints: {@code O(|Pi|^w)} QPs, polynomial in D for fixed n and w, exponential in both.
 */
public final class ErmSolver {
  private ErmSolver() {}

  /** The incumbent: the least subproblem optimum so far and its parameters. */
  private static final class Best {
    @Nullable Rational value;
    int plus;
    Rational @Nullable [] t;
  }

  /**
   * Solves the ERM problem exactly and returns its certificate (not yet checked: pass it to {@code
   * org.provablenets.cert.ErmChecker}).
   *
   * @param width w &gt;= 1
   * @throws IllegalArgumentException if the width is below 1
   */
  public static ErmCertificate solve(Dataset data, int width, Loss loss, boolean outputBias) {
    if (width < 1) {
      throw new IllegalArgumentException("the width must be at least 1, not " + width);
    }
    PatternSet ps = Patterns.enumerate(data);
    List<ErmCertificate.Entry> entries = new ArrayList<>();
    Best best = new Best();
    Subproblems.forEach(
        ps.size(),
        width,
        (plus, pats) -> {
          QuadraticProgram qp = Subproblems.squaredLoss(data, ps, plus, pats, outputBias);
          QpResult r = QpSolver.solve(qp);
          Rational[] x = r.x();
          Rational[] lambda = r.lambda();
          Rational value = r.value();
          if (r.status() != LpStatus.OPTIMAL || x == null || lambda == null || value == null) {
            throw new AssertionError(
                "a squared-loss subproblem is feasible (t = 0) and bounded below (loss >= 0)");
          }
          entries.add(new ErmCertificate.Entry(plus, pats, x, lambda));
          Rational b = best.value;
          if (b == null || value.compareTo(b) < 0) {
            best.value = value;
            best.plus = plus;
            best.t = x;
          }
        });
    Rational optimum = best.value;
    Rational[] t = best.t;
    if (optimum == null || t == null) {
      throw new AssertionError("there is at least one subproblem");
    }
    ReluNet net = Subproblems.net(data.dimension(), width, best.plus, t, outputBias);
    return new ErmCertificate(
        data.digest(), width, loss, outputBias, optimum, net, ps, entries);
  }
}
