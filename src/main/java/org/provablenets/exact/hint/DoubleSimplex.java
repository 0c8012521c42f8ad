package org.provablenets.exact.lp;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A two-phase primal simplex method in {@code double}, used only to guess an optimal basis for
 * {@link FilteredLpSolver}. Nothing it returns is trusted: the exact solve of the basis and the
 * exact optimality checks decide.
 *
 * <p><b>Method.</b> The standard form of {@link LpSolver} (lower-bounded variables shifted, free
 * variables split, one slack per inequality, rows negated to a non-negative right-hand side) on a
 * dense {@code double} tableau, with an artificial only in the rows whose slack cannot start basic
 * (in T1's programs: one epigraph row per point; the pattern rows start at their slacks).
 * Entering column: the most negative reduced cost (Dantzig's rule) for the first {@code 2 (m + N)}
 * pivots, then Bland's rule (no cycling on the degenerate programs of T1, whose pattern rows all
 * have right-hand side 0). Leaving row: the
 * minimum ratio, ties broken by the larger pivot element (Dantzig) or the lower basic index
 * (Bland). Entries within {@link #TOL} of zero count as zero.
 *
 * <p><b>Answer.</b> The final basis as an {@link LpBasis}: the original variables with a basic
 * column, and the rows whose slack and artificial are both non-basic (the tight rows the basis
 * solves exactly). {@code null} when the floating-point run ends infeasible, unbounded, or exceeds
 * its pivot budget: the exact solver then decides.
 *
 * <p><b>Cost.</b> O(m N) flops per pivot on an m x N tableau, N = (structural columns) +
 * (inequalities) + m.
 */
final class DoubleSimplex {
  private DoubleSimplex() {}

  /** Entries and reduced costs within this of zero count as zero. */
  static final double TOL = 1e-9;

  /** Phase-1 sums above this (relative to the right-hand sides) count as infeasible. */
  static final double FEAS_TOL = 1e-7;

  /** Solves in floating point and returns the final basis, or {@code null} (see the class). */
  static @Nullable LpBasis solve(LinearProgram lp) {
    return new Run(lp).run();
  }

  private static final class Run {
    private final LinearProgram lp;
    private final int n;
    private final int m;
    private final int[] firstCol;
    private final boolean[] free;
    /** Original variable of each structural column. */
    private final int[] varOf;
    private final int structCols;
    private final int artStart;
    private final int cols;
    /** Slack column of each row, -1 for an equation. */
    private final int[] slackOf;
    /** Row of each artificial column (counted from artStart). */
    private final int[] artRow;
    private final double[][] t;
    private final int[] basis;
    private double rhsScale = 1;
    private int pivots;
    private final int budget;

    Run(LinearProgram lp) {
      this.lp = lp;
      this.n = lp.variables();
      this.m = lp.constraints();
      StandardColumns layout = new StandardColumns(lp);
      firstCol = layout.firstCol;
      free = layout.free;
      structCols = layout.structCols;
      varOf = new int[structCols];
      for (int j = 0; j < n; j++) {
        varOf[firstCol[j]] = j;
        if (free[j]) {
          varOf[firstCol[j] + 1] = j;
        }
      }
      int slacks = layout.slacks;
      slackOf = new int[m];
      double[] lower = new double[n];
      for (int j = 0; j < n; j++) {
        org.provablenets.exact.Rational l = lp.lower(j);
        lower[j] = l == null ? 0 : l.toDouble();
      }
      // Rows in standard form (without artificials yet), each negated where that makes the
      // right-hand side non-negative, or, at 0, makes a slack coefficient +1 (then the slack
      // starts basic and the row needs no artificial).
      double[][] base = new double[m][];
      boolean[] needsArt = new boolean[m];
      int arts = 0;
      int slack = structCols;
      for (int i = 0; i < m; i++) {
        double[] row = new double[structCols + slacks + 1];
        double rhs = lp.b(i).toDouble();
        java.math.BigInteger[] num = lp.a().integerRow(i);
        double den = lp.a().rowDenominator(i).doubleValue();
        for (int j = 0; j < n; j++) {
          if (num[j].signum() == 0) {
            continue;
          }
          double aij = num[j].doubleValue() / den; // a hint: large values may round
          row[firstCol[j]] = aij;
          if (free[j]) {
            row[firstCol[j] + 1] = -aij;
          } else {
            rhs -= aij * lower[j];
          }
        }
        double slackCoef = 0;
        if (lp.relation(i) == Relation.EQ) {
          slackOf[i] = -1;
        } else {
          slackOf[i] = slack;
          slackCoef = lp.relation(i) == Relation.LE ? 1 : -1;
          row[slack++] = slackCoef;
        }
        row[structCols + slacks] = rhs;
        if (rhs < 0 || (rhs == 0 && slackCoef < 0)) {
          for (int k = 0; k < row.length; k++) {
            row[k] = -row[k];
          }
          slackCoef = -slackCoef;
        }
        needsArt[i] = slackCoef <= 0;
        arts += needsArt[i] ? 1 : 0;
        base[i] = row;
        rhsScale = Math.max(rhsScale, Math.abs(rhs));
      }
      artStart = structCols + slacks;
      cols = artStart + arts;
      artRow = new int[arts];
      t = new double[m][cols + 1];
      basis = new int[m];
      for (int i = 0, a = 0; i < m; i++) {
        double[] row = t[i];
        System.arraycopy(base[i], 0, row, 0, artStart);
        row[cols] = base[i][artStart];
        if (needsArt[i]) {
          artRow[a] = i;
          row[artStart + a] = 1;
          basis[i] = artStart + a;
          a++;
        } else {
          basis[i] = slackOf[i];
        }
      }
      budget = 50 * (m + cols) + 100;
    }

    @Nullable LpBasis run() {
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
      org.provablenets.exact.Rational[] c = lp.c();
      for (int j = 0; j < n; j++) {
        double cj = c[j].toDouble();
        cost2[firstCol[j]] = cj;
        if (free[j]) {
          cost2[firstCol[j] + 1] = -cj;
        }
      }
      z = reducedCosts(cost2);
      if (simplex(z, artStart) != -1) {
        return null; // unbounded or over budget
      }
      boolean[] basic = new boolean[n];
      boolean[] covered = new boolean[m];
      int[] rowOfSlack = new int[artStart - structCols];
      for (int r = 0; r < m; r++) {
        if (slackOf[r] >= 0) {
          rowOfSlack[slackOf[r] - structCols] = r;
        }
      }
      for (int i = 0; i < m; i++) {
        int b = basis[i];
        if (b < structCols) {
          basic[varOf[b]] = true;
        } else if (b < artStart) {
          covered[rowOfSlack[b - structCols]] = true;
        } else {
          covered[artRow[b - artStart]] = true;
        }
      }
      boolean[] tight = new boolean[m];
      for (int i = 0; i < m; i++) {
        tight[i] = !covered[i];
      }
      return new LpBasis(basic, tight);
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

    private void pivot(int r, int e, double @Nullable [] z) {
      pivots++;
      double[] pr = t[r];
      double inv = 1 / pr[e];
      for (int k = 0; k <= cols; k++) {
        pr[k] *= inv;
      }
      pr[e] = 1;
      for (int i = 0; i < m; i++) {
        if (i != r) {
          eliminate(t[i], pr, e);
        }
      }
      if (z != null) {
        eliminate(z, pr, e);
      }
      basis[r] = e;
    }

    private void eliminate(double[] row, double[] pr, int e) {
      double f = row[e];
      if (f == 0) {
        return;
      }
      for (int k = 0; k <= cols; k++) {
        if (pr[k] != 0) {
          row[k] -= f * pr[k];
        }
      }
      row[e] = 0;
    }
  }
}
