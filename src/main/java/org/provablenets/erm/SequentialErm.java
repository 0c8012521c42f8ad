package org.provablenets.erm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;

/**
 * Algorithm 1 as the paper states it [paper, Arora, Basu, Mianjy, Mukherjee, ICLR 2018, Alg. 1],
 * one subproblem after the other, with no pruning and no parallelism: the readable reference for
 * {@link ErmSolver}, which solves the same subproblems in parallel rounds and prunes by the
 * blocked-points bound. A test compares the two on small instances (equal optima, both
 * certificates verify).
 *
 * <p><b>Proposition</b> [paper]. For every sign split and pattern tuple of {@link
 * Subproblems#forEach}, solve the convex subproblem of the loss ({@link Loss#solve}); the least
 * optimum is the global minimum of the mean loss over all nets of width w, attained by the net of
 * its parameters ({@link Subproblems#net}).
 *
 * <p><b>Cost.</b> One pattern enumeration ({@link Patterns#enumerate}) and {@link
 * Subproblems#count(int, int)} exact QPs or LPs, one at a time.
 */
public final class SequentialErm {
  private SequentialErm() {}

  /**
   * Solves the ERM problem exactly and returns its certificate, every entry a dual point (not yet
   * checked: pass it to {@code org.provablenets.cert.ErmChecker}).
   *
   * @throws IllegalArgumentException if the width is below 1 or a label is outside the loss's
   *     domain
   */
  public static ErmCertificate solve(Dataset data, int width, Loss loss, boolean outputBias) {
    if (width < 1) {
      throw new IllegalArgumentException("the width must be at least 1, not " + width);
    }
    for (int j = 0; j < data.size(); j++) {
      if (!loss.acceptsLabel(data.y(j))) {
        throw new IllegalArgumentException(
            "label " + data.y(j) + " of point " + (j + 1) + " is outside the domain of the "
                + loss.id() + " loss");
      }
    }
    PatternSet ps = Patterns.enumerate(data);
    List<ErmCertificate.Entry> entries = new ArrayList<>();
    Loss.@Nullable Solution b = null;
    int bestPlus = 0;
    for (int[] spec : ErmSolver.subproblems(ps.size(), width)) {
      int plus = spec[0];
      int[] pats = Arrays.copyOfRange(spec, 1, spec.length);
      Loss.Solution s = loss.solve(data, ps, plus, pats, outputBias);
      entries.add(new ErmCertificate.Entry(plus, pats, s.u(), s.lambda()));
      if (b == null || s.value().compareTo(b.value()) < 0) {
        b = s;
        bestPlus = plus;
      }
    }
    if (b == null) {
      throw new AssertionError("there is at least one subproblem (t = 0 is feasible)");
    }
    Rational optimum = b.value();
    ReluNet net = Subproblems.net(data.dimension(), width, bestPlus, b.t(), outputBias);
    return new ErmCertificate(data.digest(), width, loss, outputBias, optimum, net, ps, entries);
  }
}
