package org.provablenets.exact.lp;

/**
 * The column layout of a program in standard form, shared by the exact simplex ({@link LpSolver})
 * and its floating-point twin ({@link SimplexHint}), so that a basis read off one names the same
 * columns in the other: variable j takes column {@code firstCol[j]}, or the two columns {@code
 * firstCol[j]} and {@code firstCol[j] + 1} ({@code x_j = x+ - x-}) when it is free; then one slack
 * column per inequality row, in row order.
 */
final class StandardColumns {
  /** The first column of each variable. */
  final int[] firstCol;

  /** Whether each variable is free (no lower bound), hence split in two columns. */
  final boolean[] free;

  /** The number of structural columns (variables, free ones counted twice). */
  final int structCols;

  /** The number of slack columns: one per {@code <=} or {@code >=} row. */
  final int slacks;

  StandardColumns(LinearProgram lp) {
    int n = lp.variables();
    firstCol = new int[n];
    free = new boolean[n];
    int col = 0;
    for (int j = 0; j < n; j++) {
      firstCol[j] = col;
      free[j] = lp.lower(j) == null;
      col += free[j] ? 2 : 1;
    }
    structCols = col;
    int s = 0;
    for (int i = 0; i < lp.constraints(); i++) {
      if (lp.relation(i) != Relation.EQ) {
        s++;
      }
    }
    slacks = s;
  }
}
