package org.provablenets.exact.hint;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A two-phase primal simplex method in {@code double}, used only to guess an optimal basis for
 * the filtered exact LP solver ({@code exact.lp.FilteredLpSolver}, whose {@code SimplexHint} builds
 * the tableau from the program). Nothing it returns is trusted: the exact solve of the basis and
 * the exact optimality checks decide.
 *
 * <p><b>Method.</b> A dense {@code double} tableau in standard form (structural and slack columns,
 * each row negated to a non-negative right-hand side), with an artificial only in the rows whose
 * slack cannot start basic (in T1's programs: one epigraph row per point; the pattern rows start at
 * their slacks). Entering column: the most negative reduced cost (Dantzig's rule) for the first
 * {@code 2 (m + N)} pivots, then Bland's rule (no cycling on the degenerate programs of T1, whose
 * pattern rows all have right-hand side 0). Leaving row: the minimum ratio, ties broken by the
 * larger pivot element (Dantzig) or the lower basic index (Bland). Entries within {@link #TOL} of
 * zero count as zero.
 *
 * <p><b>Answer.</b> The final basis: the basic column of each row (artificials numbered after the
 * structural and slack columns, in row order). {@code null} when the floating-point run ends
 * infeasible, unbounded, or exceeds its pivot budget: the exact solver then decides.
 *
 * <p><b>Cost.</b> O(m N) flops per pivot on an m x N tableau, N = (structural columns) +
 * (inequalities) + m.
 */
public final class DoubleSimplex {
  private DoubleSimplex() {}

  /** Entries and reduced costs within this of zero count as zero. */
  public static final double TOL = 1e-9;

  /** Phase-1 sums above this (relative to the right-hand sides) count as infeasible. */
  public static final double FEAS_TOL = 1e-7;

  /**
   * Solves in floating point and returns the basic column of each row, or {@code null} (see the
   * class comment).
   *
   * @param base the m rows in standard form, each {@code N + 1} long with the right-hand side
   *     last, already negated to a non-negative right-hand side
   * @param needsArt which rows start with an artificial (the others start at their slack)
   * @param slackOf the slack column of each row (-1 for an equation)
   * @param cost the phase-2 costs of the N structural and slack columns
   * @param rhsScale the largest |right-hand side|, at least 1 (phase 1's feasibility scale)
   */
  public static int @Nullable [] solve(
      double[][] base, boolean[] needsArt, int[] slackOf, double[] cost, double rhsScale) {
    return new Run(base, needsArt, slackOf, cost, rhsScale).run();
  }

  private static final class Run {
    private final int m;
    private final int artStart;
    private final int cols;
    private final double[] phase2;
    private final double[][] t;
    private final int[] basis;
    private final double rhsScale;
    private int pivots;
    private final int budget;
    /** The non-zero columns of the current pivot row (scratch for {@link #pivot}). */
    private final int[] nz;

    Run(double[][] base, boolean[] needsArt, int[] slackOf, double[] cost, double rhsScale) {
      this.m = base.length;
      this.artStart = cost.length;
      this.phase2 = cost;
      this.rhsScale = rhsScale;
      int arts = 0;
      for (boolean a : needsArt) {
        arts += a ? 1 : 0;
      }
      cols = artStart + arts;
      t = new double[m][cols + 1];
      basis = new int[m];
      for (int i = 0, a = 0; i < m; i++) {
        double[] row = t[i];
        System.arraycopy(base[i], 0, row, 0, artStart);
        row[cols] = base[i][artStart];
        if (needsArt[i]) {
          row[artStart + a] = 1;
          basis[i] = artStart + a;
          a++;
        } else {
          basis[i] = slackOf[i];
        }
      }
      budget = 50 * (m + cols) + 100;
      nz = new int[cols + 1];
    }

    int @Nullable [] run() {
      double[] cost1 = new double[cols];
      for (int a = artStart; a < cols; a++) {
        cost1[a] = 1;
      }
      double[] z = reducedCosts(cost1);
      if (simplex(z, cols) != -1) {
        return null; // phase 1 is bounded: only the budget ends here
      }
      double phase1 = 0;
      for (int i = 0; i < m; i++) {
        if (basis[i] >= artStart) {
          phase1 += Math.abs(t[i][cols]);
        }
      }
      if (phase1 > FEAS_TOL * rhsScale) {
        return null; // (nearly) infeasible: the exact solver gives the Farkas vector
      }
      // Drive zero-level artificials out where a real column has a clear non-zero entry.
      for (int i = 0; i < m; i++) {
        if (basis[i] >= artStart) {
          int best = -1;
          for (int j = 0; j < artStart; j++) {
            if (Math.abs(t[i][j]) > 1e-7 && (best < 0 || Math.abs(t[i][j]) > Math.abs(t[i][best]))) {
              best = j;
            }
          }
          if (best >= 0) {
            pivot(i, best, null);
          }
        }
      }
      double[] cost2 = new double[cols];
      System.arraycopy(phase2, 0, cost2, 0, artStart);
      z = reducedCosts(cost2);
      if (simplex(z, artStart) != -1) {
        return null; // unbounded or over budget
      }
      return basis.clone();
    }

    private double[] reducedCosts(double[] cost) {
      double[] z = new double[cols + 1];
      for (int j = 0; j <= cols; j++) {
        double s = j < cols ? cost[j] : 0;
        for (int i = 0; i < m; i++) {
          double cb = cost[basis[i]];
          if (cb != 0) {
            s -= cb * t[i][j];
          }
        }
        z[j] = s;
      }
      return z;
    }

    /** Pivots until optimal (-1), unbounded (the entering column), or over budget (-2). */
    private int simplex(double[] z, int limit) {
      while (true) {
        if (pivots > budget) {
          return -2;
        }
        boolean bland = pivots > 2 * (m + cols);
        int e = -1;
        for (int j = 0; j < limit; j++) {
          if (z[j] < -TOL && (e < 0 || (!bland && z[j] < z[e]))) {
            e = j;
            if (bland) {
              break;
            }
          }
        }
        if (e < 0) {
          return -1;
        }
        int leave = -1;
        double best = 0;
        for (int i = 0; i < m; i++) {
          double a = t[i][e];
          if (a > TOL) {
            double ratio = Math.max(t[i][cols], 0) / a;
            if (leave < 0 || ratio < best - 1e-12 * (1 + best)) {
              leave = i;
              best = ratio;
            } else if (ratio <= best + 1e-12 * (1 + best)
                && (bland ? basis[i] < basis[leave] : a > t[leave][e])) {
              leave = i;
              best = Math.min(best, ratio);
            }
          }
        }
        if (leave < 0) {
          return e;
        }
        pivot(leave, e, z);
      }
    }

    /**
     * Pivots on (r, e). The pivot row's non-zero columns are listed once, and each row with an
     * entry in column e is updated on those columns only: the same operations, in the same order
     * per entry, as a dense sweep that skips the pivot row's zeros (so the same bits), in time
     * proportional to the pivot row's non-zeros.
     */
    private void pivot(int r, int e, double @Nullable [] z) {
      pivots++;
      double[] pr = t[r];
      double inv = 1 / pr[e];
      int nnz = 0;
      for (int k = 0; k <= cols; k++) {
        pr[k] *= inv;
        if (pr[k] != 0) {
          nz[nnz++] = k;
        }
      }
      pr[e] = 1;
      for (int i = 0; i < m; i++) {
        if (i != r) {
          eliminate(t[i], pr, e, nnz);
        }
      }
      if (z != null) {
        eliminate(z, pr, e, nnz);
      }
      basis[r] = e;
    }

    private void eliminate(double[] row, double[] pr, int e, int nnz) {
      double f = row[e];
      if (f == 0) {
        return;
      }
      for (int q = 0; q < nnz; q++) {
        int k = nz[q];
        row[k] -= f * pr[k];
      }
      row[e] = 0;
    }
  }
}
