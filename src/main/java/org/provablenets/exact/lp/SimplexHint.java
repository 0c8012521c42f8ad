package org.provablenets.exact.lp;

import java.math.BigInteger;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.linalg.QMatrix;
import org.provablenets.exact.hint.DoubleSimplex;

/**
 * The floating-point basis guess of {@link FilteredLpSolver}: the program in the standard form of
 * {@link LpSolver} ({@link StandardColumns}: lower-bounded variables shifted, free variables split,
 * one slack per inequality), rounded to a {@code double} tableau, handed to {@link DoubleSimplex},
 * and its final basis read back as an {@link LpBasis} of the original program. Nothing here is
 * trusted: the exact solve of the basis and the exact optimality checks decide.
 *
 * <p><b>Cost.</b> O(m N) conversions and flops to build the tableau, then those of {@link
 * DoubleSimplex}.
 */
final class SimplexHint {
  private SimplexHint() {}

  /** The final basis of the floating-point simplex, or {@code null} (see {@link DoubleSimplex}). */
  static @Nullable LpBasis guess(LinearProgram lp) {
    int n = lp.variables();
    int m = lp.constraints();
    StandardColumns layout = new StandardColumns(lp);
    int[] firstCol = layout.firstCol;
    boolean[] free = layout.free;
    int structCols = layout.structCols;
    int[] varOf = new int[structCols];
    for (int j = 0; j < n; j++) {
      varOf[firstCol[j]] = j;
      if (free[j]) {
        varOf[firstCol[j] + 1] = j;
      }
    }
    int slacks = layout.slacks;
    int[] slackOf = new int[m];
    double[] lower = new double[n];
    for (int j = 0; j < n; j++) {
      Rational l = lp.lower(j);
      lower[j] = l == null ? 0 : l.toDouble();
    }
    double[][] base = new double[m][];
    boolean[] needsArt = new boolean[m];
    double rhsScale = standardRows(lp, layout, lower, base, needsArt, slackOf);
    int artStart = structCols + slacks;
    double[] cost = new double[artStart];
    Rational[] c = lp.c();
    for (int j = 0; j < n; j++) {
      double cj = c[j].toDouble();
      cost[firstCol[j]] = cj;
      if (free[j]) {
        cost[firstCol[j] + 1] = -cj;
      }
    }
    int[] basis = DoubleSimplex.solve(base, needsArt, slackOf, cost, rhsScale);
    if (basis == null) {
      return null;
    }
    return basisOf(basis, n, m, structCols, artStart, varOf, slackOf, needsArt);
  }

  /**
   * The rows in standard form (without artificials yet) into base, each negated where that makes
   * the right-hand side non-negative, or, at 0, makes a slack coefficient +1 (then the slack
   * starts basic and the row needs no artificial); which rows need an artificial into needsArt
   * and each row's slack column into slackOf (-1 for an equation). Returns the largest
   * |right-hand side|, at least 1.
   */
  private static double standardRows(LinearProgram lp, StandardColumns layout, double[] lower,
      double[][] base, boolean[] needsArt, int[] slackOf) {
    int n = lp.variables();
    int m = lp.constraints();
    int[] firstCol = layout.firstCol;
    boolean[] free = layout.free;
    int structCols = layout.structCols;
    int slacks = layout.slacks;
    double rhsScale = 1;
    int slack = structCols;
    QMatrix.LongRows longRows = lp.a().longRows();
    double[] ai = new double[n];
    int[] nz = new int[n];
    for (int i = 0; i < m; i++) {
      double[] row = new double[structCols + slacks + 1];
      double rhs = lp.b(i).toDouble();
      int nnz = longRows != null
          ? approx(longRows.num[i], longRows.den[i], ai, nz)
          : approx(lp.a(), i, ai, nz);
      for (int q = 0; q < nnz; q++) {
        int j = nz[q];
        double aij = ai[j]; // a hint: large values may round
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
      base[i] = row;
      rhsScale = Math.max(rhsScale, Math.abs(rhs));
    }
    return rhsScale;
  }

  /** The basis of the original program from the simplex's final basic column of each row. */
  private static LpBasis basisOf(int[] basis, int n, int m, int structCols, int artStart,
      int[] varOf, int[] slackOf, boolean[] needsArt) {
    int[] artRow = new int[m];
    for (int i = 0, a = 0; i < m; i++) {
      if (needsArt[i]) {
        artRow[a++] = i;
      }
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

  /**
   * The non-zero entries of row {@code num / den} in {@code double} (rounded) into r, their
   * columns into nz; returns how many there are.
   */
  private static int approx(long[] num, long den, double[] r, int[] nz) {
    int k = 0;
    for (int j = 0; j < r.length; j++) {
      if (num[j] != 0) {
        r[j] = (double) num[j] / den;
        nz[k++] = j;
      }
    }
    return k;
  }

  /** As above for row i of a, for rows too long for {@link QMatrix#longRows}. */
  private static int approx(QMatrix a, int i, double[] r, int[] nz) {
    BigInteger[] num = a.integerRow(i);
    double den = a.rowDenominator(i).doubleValue();
    int k = 0;
    for (int j = 0; j < r.length; j++) {
      if (num[j].signum() != 0) {
        r[j] = num[j].doubleValue() / den;
        nz[k++] = j;
      }
    }
    return k;
  }
}
