package org.provablenets.exact.qp;

import java.math.BigInteger;
import org.provablenets.exact.Rational;
import org.provablenets.exact.linalg.QMatrix;

/**
 * A quadratic program scaled to integers, for fraction-free arithmetic on it.
 *
 * <p><b>Definition.</b> With the least positive scales {@code alpha} (of Q and c together),
 * {@code r_i} (of row i of G with {@code h_i}) and {@code t_i} (of row i of E with {@code f_i}):
 *
 * <pre>
 *   q = alpha Q,  c = alpha c,  g_i = r_i G_i,  h_i = r_i h_i,  e_i = t_i E_i,  f_i = t_i f_i,
 * </pre>
 *
 * <p>all integers. Positive row scales keep {@code G x >= h} and {@code E x = f}; multipliers
 * transform as {@code lambda_i = r_i w_i / alpha} when {@code q x + c = g_S' w + e' v}.
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

  private IntegerForm(QuadraticProgram qp) {
    int n = qp.variables();
    QMatrix qm = qp.q();
    BigInteger a = BigInteger.ONE;
    for (int i = 0; i < n; i++) {
      a = lcm(a, qm.rowDenominator(i));
    }
    Rational[] c0 = qp.c();
    for (Rational ci : c0) {
      a = lcm(a, ci.getDenominator());
    }
    alpha = a;
    q = new BigInteger[n][];
    c = new BigInteger[n];
    for (int i = 0; i < n; i++) {
      q[i] = scaled(qm.integerRow(i), a.divide(qm.rowDenominator(i)));
      c[i] = c0[i].getNumerator().multiply(a.divide(c0[i].getDenominator()));
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
  }

  /** The integer form of {@code qp}. */
  static IntegerForm of(QuadraticProgram qp) {
    return new IntegerForm(qp);
  }

  private static void rows(
      QMatrix m, Rational[] rhs, BigInteger[][] out, BigInteger[] scale, BigInteger[] outRhs) {
    for (int i = 0; i < out.length && i < rhs.length; i++) {
      BigInteger d = m.rowDenominator(i);
      BigInteger r = lcm(d, rhs[i].getDenominator());
      out[i] = scaled(m.integerRow(i), r.divide(d));
      scale[i] = r;
      outRhs[i] = rhs[i].getNumerator().multiply(r.divide(rhs[i].getDenominator()));
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

  static BigInteger lcm(BigInteger a, BigInteger b) {
    if (b.equals(BigInteger.ONE) || b.equals(a)) {
      return a;
    }
    if (a.equals(BigInteger.ONE)) {
      return b;
    }
    return a.divide(a.gcd(b)).multiply(b);
  }
}
