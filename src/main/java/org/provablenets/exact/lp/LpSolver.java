package org.provablenets.exact.lp;

import org.provablenets.exact.Rational;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.linalg.QVectors;

/**
 * Exact two-phase primal simplex method with Bland's rule.
 *
 * <p><b>Method.</b> The program is brought to standard form {@code min c^ u, A^ u = b^ >= 0, u >=
 * 0}: a variable with lower bound l becomes {@code x = l + u}, a free variable {@code x = u+ - u-},
 * each inequality gets a slack column, and each row is negated if its right-hand side is negative.
 * Phase 1 minimises the sum of one artificial variable per row from the artificial basis; a positive
 * phase-1 optimum proves infeasibility and its dual vector is a Farkas certificate. Basic
 * artificials left at zero are pivoted out where possible (the rest sit on redundant rows, which
 * never change); phase 2 then minimises the true objective with artificials barred from entering.
 * Because the tableau starts from the artificial identity, its artificial columns always hold the
 * basis inverse, so the dual vector {@code c_B' B^-1} is read off at no cost and mapped back to the
 * original rows (undoing the row negations).
 *
 * <p><b>Termination.</b> Bland's rule (entering: the lowest-index column with a negative reduced
 * cost; leaving: among the minimum-ratio rows, the lowest-index basic variable) cannot cycle, so the
 * method terminates under any degeneracy (R. G. Bland, "New finite pivoting rules for the simplex
 * method", Math. Oper. Res. 2, 1977).
 *
 * <p><b>Accuracy.</b> Exact rational arithmetic throughout; the answer carries a certificate that
 * {@code org.provablenets.cert.CertificateChecker} verifies independently.
 *
 * <p><b>Cost.</b> Each pivot is O(m N) rational operations on an m x N tableau, N = (number of
 * structural columns) + (inequalities) + m. The number of pivots is finite but, as for every simplex
 * rule, exponential in the worst case; Bland's rule is often slow on large programs, which this
 * reference implementation accepts in exchange for guaranteed termination.
 */
public final class LpSolver {
  private LpSolver() {}

  /** Solves the program exactly; the result carries its certificate. */
  public static LpResult solve(LinearProgram lp) {
    return new Tableau(lp).run();
  }

  /** The standard-form tableau and its bookkeeping. */
  private static final class Tableau {
    private final LinearProgram lp;
    private final int n;
    private final int m;
    /** For original variable j: its first standard column; free variables use two. */
    private final int[] firstCol;
    private final boolean[] free;
    private final int structCols;
    private final int slackCols;
    private final int artStart;
    private final int cols; // all columns, without the right-hand side
    private final int[] sigma; // +1 or -1: row sign applied
    private final Rational[][] t; // m rows, cols + 1 entries (last = rhs)
    private final int[] basis;

    Tableau(LinearProgram lp) {
      this.lp = lp;
      this.n = lp.variables();
      this.m = lp.constraints();
      StandardColumns layout = new StandardColumns(lp);
      firstCol = layout.firstCol;
      free = layout.free;
      structCols = layout.structCols;
      slackCols = layout.slacks;
      artStart = structCols + slackCols;
      cols = artStart + m;
      sigma = new int[m];
      t = new Rational[m][];
      basis = new int[m];
      int slack = structCols;
      for (int i = 0; i < m; i++) {
        Rational[] row = QVectors.zeros(cols + 1);
        Rational rhs = lp.b(i);
        for (int j = 0; j < n; j++) {
          Rational aij = lp.a().get(i, j);
          if (aij.signum() == 0) {
            continue;
          }
          row[firstCol[j]] = aij;
          if (free[j]) {
            row[firstCol[j] + 1] = aij.negate();
          } else {
            Rational l = lp.lower(j);
            if (l != null) {
              rhs = rhs.subtract(aij.multiply(l));
            }
          }
        }
        if (lp.relation(i) == Relation.LE) {
          row[slack++] = Rational.ONE;
        } else if (lp.relation(i) == Relation.GE) {
          row[slack++] = Rational.of(-1);
        }
        row[cols] = rhs;
        sigma[i] = rhs.signum() < 0 ? -1 : 1;
        if (sigma[i] < 0) {
          for (int k = 0; k <= cols; k++) {
            row[k] = row[k].negate();
          }
        }
        row[artStart + i] = Rational.ONE;
        t[i] = row;
        basis[i] = artStart + i;
      }
    }

    LpResult run() {
      // Phase 1: minimise the sum of the artificials.
      Rational[] cost1 = QVectors.zeros(cols);
      for (int i = 0; i < m; i++) {
        cost1[artStart + i] = Rational.ONE;
      }
      Rational[] z = reducedCosts(cost1);
      int stuck = simplex(z, cols);
      if (stuck >= 0) {
        throw new AssertionError("phase 1 cannot be unbounded");
      }
      Rational phase1 = Rational.ZERO;
      for (int i = 0; i < m; i++) {
        if (basis[i] >= artStart) {
          phase1 = phase1.add(t[i][cols]);
        }
      }
      if (phase1.signum() > 0) {
        return LpResult.infeasible(duals(cost1));
      }
      // Drive zero-level artificials out of the basis where a real column can replace them.
      for (int i = 0; i < m; i++) {
        if (basis[i] >= artStart) {
          for (int j = 0; j < artStart; j++) {
            if (t[i][j].signum() != 0) {
              pivot(i, j, null);
              break;
            }
          }
        }
      }
      // Phase 2: the true objective; artificials may not enter.
      Rational[] cost2 = QVectors.zeros(cols);
      Rational[] c = lp.c();
      for (int j = 0; j < n; j++) {
        cost2[firstCol[j]] = c[j];
        if (free[j]) {
          cost2[firstCol[j] + 1] = c[j].negate();
        }
      }
      z = reducedCosts(cost2);
      int entering = simplex(z, artStart);
      Rational[] x = primal();
      if (entering >= 0) {
        Rational[] d = QVectors.zeros(cols);
        d[entering] = Rational.ONE;
        for (int i = 0; i < m; i++) {
          d[basis[i]] = t[i][entering].negate();
        }
        return LpResult.unbounded(x, toOriginal(d, false));
      }
      return LpResult.optimal(x, duals(cost2), lp.objective(x));
    }

    /** {@code cost_j - c_B' T_j} for every column. */
    private Rational[] reducedCosts(Rational[] cost) {
      Rational[] z = new Rational[cols + 1];
      for (int j = 0; j <= cols; j++) {
        Rational s = j < cols ? cost[j] : Rational.ZERO;
        for (int i = 0; i < m; i++) {
          Rational cb = cost[basis[i]];
          if (cb.signum() != 0) {
            s = s.subtract(cb.multiply(t[i][j]));
          }
        }
        z[j] = s;
      }
      return z;
    }

    /**
     * Runs Bland-rule simplex pivots with entering columns below {@code limit}. Returns -1 at
     * optimality, or the entering column whose ratio test found no row (unbounded).
     */
    private int simplex(Rational[] z, int limit) {
      while (true) {
        int e = -1;
        for (int j = 0; j < limit; j++) {
          if (z[j].signum() < 0) {
            e = j;
            break;
          }
        }
        if (e < 0) {
          return -1;
        }
        int leave = -1;
        Rational best = Rational.ZERO;
        for (int i = 0; i < m; i++) {
          if (t[i][e].signum() > 0) {
            Rational ratio = t[i][cols].divide(t[i][e]);
            int cmp = leave < 0 ? -1 : ratio.compareTo(best);
            if (cmp < 0 || (cmp == 0 && basis[i] < basis[leave])) {
              leave = i;
              best = ratio;
            }
          }
        }
        if (leave < 0) {
          return e;
        }
        pivot(leave, e, z);
      }
    }

    private void pivot(int r, int e, Rational @Nullable [] z) {
      Rational[] pr = t[r];
      Rational inv = pr[e].reciprocal();
      for (int k = 0; k <= cols; k++) {
        if (pr[k].signum() != 0) {
          pr[k] = pr[k].multiply(inv);
        }
      }
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

    private void eliminate(Rational[] row, Rational[] pr, int e) {
      Rational f = row[e];
      if (f.signum() == 0) {
        return;
      }
      for (int k = 0; k <= cols; k++) {
        if (pr[k].signum() != 0) {
          row[k] = row[k].subtract(f.multiply(pr[k]));
        }
      }
    }

    /** Dual vector for the original rows: {@code y_i = sigma_i (c_B' B^-1)_i}. */
    private Rational[] duals(Rational[] cost) {
      Rational[] y = new Rational[m];
      for (int i = 0; i < m; i++) {
        Rational s = Rational.ZERO;
        for (int r = 0; r < m; r++) {
          Rational cb = cost[basis[r]];
          if (cb.signum() != 0) {
            s = s.add(cb.multiply(t[r][artStart + i]));
          }
        }
        y[i] = sigma[i] < 0 ? s.negate() : s;
      }
      return y;
    }

    /** The current basic solution in original variables. */
    private Rational[] primal() {
      Rational[] u = QVectors.zeros(cols);
      for (int i = 0; i < m; i++) {
        u[basis[i]] = t[i][cols];
      }
      return toOriginal(u, true);
    }

    /** Maps a standard-form vector back: {@code x_j = l_j + u_j} or {@code u+_j - u-_j}. */
    private Rational[] toOriginal(Rational[] u, boolean shift) {
      Rational[] x = new Rational[n];
      for (int j = 0; j < n; j++) {
        int k = firstCol[j];
        if (free[j]) {
          x[j] = u[k].subtract(u[k + 1]);
        } else {
          Rational l = lp.lower(j);
          x[j] = shift && l != null ? l.add(u[k]) : u[k];
        }
      }
      return x;
    }
  }
}
