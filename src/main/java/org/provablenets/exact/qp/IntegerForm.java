package org.provablenets.exact.qp;

import java.math.BigInteger;
import org.provablenets.exact.Gcd;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.exact.linalg.QMatrix;

/**
 * A quadratic program scaled to integers, for fraction-free arithmetic on it.
 *
 * <p><b>Definition.</b> With positive integer scales {@code alpha} (the least common multiple of
 * the denominators of Q's integer rows ({@link QMatrix#rowDenominator(int)}) and of c), {@code r_i}
 * (of row i of G with {@code h_i}) and {@code t_i} (of row i of E with {@code f_i}), each the
 * least that makes its row integral given the matrices' integer rows:
 *
 * <pre>
 *   q = alpha Q,  c = alpha c,  g_i = r_i G_i,  h_i = r_i h_i,  e_i = t_i E_i,  f_i = t_i f_i,
 * </pre>
 *
 * <p>all integers. Positive row scales keep {@code G x >= h} and {@code E x = f}; multipliers
 * transform as {@code lambda_i = r_i w_i / alpha} when {@code q x + c = g_S' w + e' v}. The
 * blocks ({@link #blockColumns}) are the connected components of the constraints' columns.
 *
 * <p><b>Cost.</b> O(size of the program) integer operations, after the cached integer rows of
 * its matrices ({@link QMatrix#integerRow(int)}).
 */
final class IntegerForm {
  final BigInteger alpha;
  final BigInteger[][] q;
  final BigInteger[] c;
  final BigInteger[][] g;
  final BigInteger[] gScale;
  final BigInteger[] h;
  final BigInteger[][] e;
  final BigInteger[] eScale;
  final BigInteger[] f;
  /**
   * The blocks of the constraints: the connected components of the columns, two columns joined
   * when a row of G or E has both nonzero. {@code blockColumns[b]} lists block b's columns in
   * increasing order; a column no row touches is a block of its own. The constraints and their
   * multipliers separate by block (G and E are block diagonal up to a permutation).
   */
  final int[][] blockColumns;
  /** The block of each column. */
  final int[] columnBlock;
  /** The block of each row of G (that of its nonzero columns; 0 for a zero row). */
  final int[] gBlock;
  /** The block of each row of E, as {@link #gBlock}. */
  final int[] eBlock;

  private IntegerForm(QuadraticProgram qp) {
    int n = qp.variables();
    QMatrix qm = qp.q();
    BigInteger a = BigInteger.ONE;
    for (int i = 0; i < n; i++) {
      a = Rationals.lcm(a, qm.rowDenominator(i));
    }
    Rational[] c0 = qp.c();
    for (Rational ci : c0) {
      a = Rationals.lcm(a, ci.getDenominator());
    }
    alpha = a;
    q = new BigInteger[n][];
    c = new BigInteger[n];
    for (int i = 0; i < n; i++) {
      q[i] = scaled(qm.integerRow(i), Gcd.quotient(a, qm.rowDenominator(i)));
      c[i] = c0[i].getNumerator().multiply(Gcd.quotient(a, c0[i].getDenominator()));
    }
    int mg = qp.g().rows();
    g = new BigInteger[mg][];
    gScale = new BigInteger[mg];
    h = new BigInteger[mg];
    rows(qp.g(), qp.h(), g, gScale, h);
    int me = qp.e().rows();
    e = new BigInteger[me][];
    eScale = new BigInteger[me];
    f = new BigInteger[me];
    rows(qp.e(), qp.f(), e, eScale, f);
    int[] parent = new int[n];
    for (int j = 0; j < n; j++) {
      parent[j] = j;
    }
    join(parent, g);
    join(parent, e);
    columnBlock = new int[n];
    int blocks = 0;
    int[] id = new int[n];
    java.util.Arrays.fill(id, -1);
    for (int j = 0; j < n; j++) {
      int root = find(parent, j);
      if (id[root] < 0) {
        id[root] = blocks++;
      }
      columnBlock[j] = id[root];
    }
    int[] size = new int[blocks];
    for (int j = 0; j < n; j++) {
      size[columnBlock[j]]++;
    }
    blockColumns = new int[blocks][];
    for (int b = 0; b < blocks; b++) {
      blockColumns[b] = new int[size[b]];
      size[b] = 0;
    }
    for (int j = 0; j < n; j++) {
      int b = columnBlock[j];
      blockColumns[b][size[b]++] = j;
    }
    gBlock = rowBlocks(g, columnBlock);
    eBlock = rowBlocks(e, columnBlock);
  }

  private static void join(int[] parent, BigInteger[][] rows) {
    for (BigInteger[] row : rows) {
      int first = -1;
      for (int j = 0; j < row.length; j++) {
        if (row[j].signum() != 0) {
          if (first < 0) {
            first = find(parent, j);
          } else {
            parent[find(parent, j)] = first;
          }
        }
      }
    }
  }

  private static int find(int[] parent, int j) {
    int r = j;
    while (parent[r] != r) {
      r = parent[r];
    }
    while (parent[j] != r) {
      int next = parent[j];
      parent[j] = r;
      j = next;
    }
    return r;
  }

  private static int[] rowBlocks(BigInteger[][] rows, int[] columnBlock) {
    int[] b = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < rows[i].length; j++) {
        if (rows[i][j].signum() != 0) {
          b[i] = columnBlock[j];
          break;
        }
      }
    }
    return b;
  }

  /** The integer form of {@code qp}. */
  static IntegerForm of(QuadraticProgram qp) {
    return new IntegerForm(qp);
  }

  private static void rows(
      QMatrix m, Rational[] rhs, BigInteger[][] out, BigInteger[] scale, BigInteger[] outRhs) {
    for (int i = 0; i < out.length && i < rhs.length; i++) {
      BigInteger d = m.rowDenominator(i);
      BigInteger r = Rationals.lcm(d, rhs[i].getDenominator());
      out[i] = scaled(m.integerRow(i), Gcd.quotient(r, d));
      scale[i] = r;
      outRhs[i] = rhs[i].getNumerator().multiply(Gcd.quotient(r, rhs[i].getDenominator()));
    }
  }

  private static BigInteger[] scaled(BigInteger[] v, BigInteger k) {
    if (!k.equals(BigInteger.ONE)) {
      for (int j = 0; j < v.length; j++) {
        v[j] = v[j].multiply(k);
      }
    }
    return v;
  }
}
