package org.provablenets.erm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.lp.LpResult;
import org.provablenets.exact.lp.LpSolver;
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
    return solve(data, width, loss, outputBias, Patterns.enumerate(data));
  }

  /**
   * As {@link #solve(Dataset, int, Loss, boolean)}, with the patterns already enumerated by
   * {@link Patterns#enumerate} for this data (so that a caller can count the subproblems first
   * without enumerating twice). A pattern list that is not complete gives a certificate that the
   * checker rejects.
   *
   * @param ps the patterns of {@code data}, from {@link Patterns#enumerate}
   * @throws IllegalArgumentException if the width is below 1
   */
  public static ErmCertificate solve(
      Dataset data, int width, Loss loss, boolean outputBias, PatternSet ps) {
    return solve(data, width, loss, outputBias, ps, (done, total) -> {});
  }

  /** Receives progress: {@code done} of {@code total} subproblems solved (from any thread). */
  public interface Progress {
    /** Called after each solved subproblem. */
    void update(long done, long total);
  }

  /**
   * As {@link #solve(Dataset, int, Loss, boolean, PatternSet)}, reporting progress. The
   * subproblems are solved in parallel on the common fork-join pool; the result does not depend
   * on the schedule (entries are kept in canonical order and ties go to the first subproblem).
   */
  public static ErmCertificate solve(
      Dataset data, int width, Loss loss, boolean outputBias, PatternSet ps, Progress progress) {
    if (width < 1) {
      throw new IllegalArgumentException("the width must be at least 1, not " + width);
    }
    for (int j = 0; j < data.size(); j++) {
      if (!loss.acceptsLabel(data.y(j))) {
        throw new IllegalArgumentException(
            "label " + data.y(j) + " of point " + (j + 1) + " is outside the domain of the "
                + loss.id() + " loss (hinge labels are -1 or +1)");
      }
    }
    List<int[]> specs = new ArrayList<>();
    Subproblems.forEach(
        ps.size(),
        width,
        (plus, pats) -> {
          int[] spec = new int[pats.length + 1];
          spec[0] = plus;
          System.arraycopy(pats, 0, spec, 1, pats.length);
          specs.add(spec);
        });
    int count = specs.size();
    Solved[] solved = new Solved[count];
    AtomicLong done = new AtomicLong();
    IntStream.range(0, count)
        .parallel()
        .forEach(
            i -> {
              int[] spec = specs.get(i);
              solved[i] =
                  solveOne(data, ps, spec[0], Arrays.copyOfRange(spec, 1, spec.length),
                      outputBias, loss);
              progress.update(done.incrementAndGet(), count);
            });
    List<ErmCertificate.Entry> entries = new ArrayList<>(count);
    Best best = new Best();
    for (int i = 0; i < count; i++) {
      Solved r = solved[i];
      int[] spec = specs.get(i);
      entries.add(
          new ErmCertificate.Entry(
              spec[0], Arrays.copyOfRange(spec, 1, spec.length), r.u, r.dual));
      Rational b = best.value;
      if (b == null || r.value.compareTo(b) < 0) {
        best.value = r.value;
        best.plus = spec[0];
        best.t = r.t;
      }
    }
    Rational optimum = best.value;
    Rational[] t = best.t;
    if (optimum == null || t == null) {
      throw new AssertionError("there is at least one subproblem");
    }
    ReluNet net = Subproblems.net(data.dimension(), width, best.plus, t, outputBias);
    return new ErmCertificate(
        data.digest(), width, loss, outputBias, optimum, net, ps, entries);
  }

  /** One solved subproblem: its optimum, its parameters t, and its dual point. */
  private static final class Solved {
    final Rational value;
    final Rational[] t;
    final Rational[] u;
    final Rational[] dual;

    Solved(Rational value, Rational[] t, Rational[] u, Rational[] dual) {
      this.value = value;
      this.t = t;
      this.u = u;
      this.dual = dual;
    }
  }

  private static Solved solveOne(
      Dataset data, PatternSet ps, int plus, int[] pats, boolean outputBias, Loss loss) {
    int v = Subproblems.parameters(data.dimension(), pats.length, outputBias);
    if (loss == Loss.SQUARED) {
      QpResult r = QpSolver.solve(Subproblems.squaredLoss(data, ps, plus, pats, outputBias));
      Rational[] x = r.x();
      Rational[] lambda = r.lambda();
      Rational value = r.value();
      if (r.status() != LpStatus.OPTIMAL || x == null || lambda == null || value == null) {
        throw new AssertionError(
            "a squared-loss subproblem is feasible (t = 0) and bounded below (loss >= 0)");
      }
      return new Solved(value, x, x, lambda);
    }
    LpResult r = LpSolver.solve(Subproblems.linearLoss(data, ps, plus, pats, outputBias, loss));
    Rational[] x = r.x();
    Rational[] y = r.y();
    Rational value = r.value();
    if (r.status() != LpStatus.OPTIMAL || x == null || y == null || value == null) {
      throw new AssertionError(
          "an absolute- or hinge-loss subproblem is feasible (t = 0) and bounded below (loss >= 0)");
    }
    Rational[] t = new Rational[v];
    System.arraycopy(x, 0, t, 0, v);
    return new Solved(value, t, new Rational[0], y);
  }
}
