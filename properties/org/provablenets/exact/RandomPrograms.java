package org.provablenets.exact;

import java.util.Random;
import org.provablenets.exact.linalg.QMatrix;
import org.provablenets.exact.linalg.QVectors;
import org.provablenets.exact.lp.LinearProgram;
import org.provablenets.exact.lp.Relation;
import org.provablenets.exact.qp.QuadraticProgram;

/**
 * Generators of small random LPs and QPs from a seed, with degenerate cases on purpose.
 *
 * <p>QuickTheories draws the seed; this class turns it into an instance. A failing property prints
 * the seed, and {@code new RandomPrograms(seed)} rebuilds the instance for an example test.
 * Degeneracies injected with fixed probabilities: repeated rows, parallel (scaled) rows, zero rows,
 * constraints tight at the planted point (degenerate vertices), zero objective coefficients, free
 * variables, singular Q (low-rank Gram matrices).
 */
final class RandomPrograms {
  final Random rnd;

  RandomPrograms(long seed) {
    this.rnd = new Random(seed);
  }

  /** A small rational p/q with |p| <= 6, 1 <= q <= 4 (zero one time in five). */
  Rational small() {
    if (rnd.nextInt(5) == 0) {
      return Rational.ZERO;
    }
    return Rational.of(rnd.nextInt(13) - 6, 1 + rnd.nextInt(4));
  }

  Rational[] vector(int n) {
    Rational[] x = new Rational[n];
    for (int i = 0; i < n; i++) {
      x[i] = small();
    }
    return x;
  }

  /** Rows of a random matrix with repeated, parallel and zero rows injected. */
  Rational[][] rows(int m, int n) {
    Rational[][] a = new Rational[m][];
    for (int i = 0; i < m; i++) {
      int kind = rnd.nextInt(10);
      if (i > 0 && kind == 0) {
        a[i] = a[rnd.nextInt(i)].clone(); // repeated
      } else if (i > 0 && kind == 1) {
        a[i] = QVectors.scale(Rational.of(rnd.nextInt(5) - 2), a[rnd.nextInt(i)]); // parallel
      } else if (kind == 2) {
        a[i] = QVectors.zeros(n); // zero row
      } else {
        a[i] = vector(n);
      }
    }
    return a;
  }

  /** A random relation. */
  Relation relation() {
    int k = rnd.nextInt(5);
    return k < 2 ? Relation.LE : k < 4 ? Relation.GE : Relation.EQ;
  }

  /**
   * A feasible and bounded LP: a planted point x0 satisfies every row (tight with probability
   * 1/2), and a planted dual point makes the dual feasible, so an optimum exists.
   */
  LinearProgram feasibleBoundedLp(int n, int m) {
    Rational[][] a = rows(m, n);
    Relation[] rel = new Relation[m];
    Rational[] b = new Rational[m];
    Rational[] lower = new Rational[n];
    Rational[] x0 = vector(n);
    for (int j = 0; j < n; j++) {
      if (rnd.nextInt(3) > 0) {
        lower[j] = rnd.nextBoolean() ? x0[j] : x0[j].subtract(Rational.of(rnd.nextInt(3)));
      }
    }
    Rational[] y0 = new Rational[m];
    QMatrix am = QMatrix.of(a, n);
    Rational[] ax = am.times(x0);
    for (int i = 0; i < m; i++) {
      rel[i] = relation();
      Rational slack = rnd.nextBoolean() ? Rational.ZERO : Rational.of(1 + rnd.nextInt(3), 2);
      Rational yi = Rational.of(rnd.nextInt(4), 1 + rnd.nextInt(2));
      switch (rel[i]) {
        case LE:
          b[i] = ax[i].add(slack);
          y0[i] = yi.negate();
          break;
        case GE:
          b[i] = ax[i].subtract(slack);
          y0[i] = yi;
          break;
        default:
          b[i] = ax[i];
          y0[i] = rnd.nextBoolean() ? yi : yi.negate();
      }
    }
    Rational[] c = am.transposeTimes(y0);
    for (int j = 0; j < n; j++) {
      if (lower[j] != null && rnd.nextBoolean()) {
        c[j] = c[j].add(Rational.of(rnd.nextInt(3), 1 + rnd.nextInt(2)));
      }
    }
    return new LinearProgram(c, am, rel, b, lower);
  }

  /** An LP over a box {@code -3 <= x_j <= 3} (rows) plus random rows: a polytope, maybe empty. */
  LinearProgram boxedLp(int n, int m) {
    Rational[][] rnd0 = rows(m, n);
    Rational[][] a = new Rational[m + 2 * n][];
    Relation[] rel = new Relation[m + 2 * n];
    Rational[] b = new Rational[m + 2 * n];
    for (int i = 0; i < m; i++) {
      a[i] = rnd0[i];
      rel[i] = relation();
      b[i] = small();
    }
    for (int j = 0; j < n; j++) {
      Rational[] e = QVectors.zeros(n);
      e[j] = Rational.ONE;
      a[m + 2 * j] = e;
      rel[m + 2 * j] = Relation.LE;
      b[m + 2 * j] = Rational.of(3);
      a[m + 2 * j + 1] = e.clone();
      rel[m + 2 * j + 1] = Relation.GE;
      b[m + 2 * j + 1] = Rational.of(-3);
    }
    return new LinearProgram(vector(n), QMatrix.of(a, n), rel, b, new Rational[n]);
  }

  /** A Gram matrix B'B with B of rank at most r: symmetric PSD, singular when r < n. */
  QMatrix psd(int n, int r) {
    Rational[][] bRows = new Rational[r][];
    for (int i = 0; i < r; i++) {
      bRows[i] = vector(n);
    }
    QMatrix b = QMatrix.of(bRows, n);
    return b.transpose().times(b);
  }

  /** A QP whose constraints are satisfied by a planted point; Q may be singular. */
  QuadraticProgram feasibleQp(int n, int mg, int me, boolean allowSingular) {
    int rank = allowSingular ? rnd.nextInt(n + 1) : n + 1 + rnd.nextInt(2);
    QMatrix q = psd(n, rank);
    Rational[] x0 = vector(n);
    Rational[][] g = rows(mg, n);
    Rational[] h = new Rational[mg];
    QMatrix gm = QMatrix.of(g, n);
    Rational[] gx = gm.times(x0);
    for (int i = 0; i < mg; i++) {
      h[i] = rnd.nextBoolean() ? gx[i] : gx[i].subtract(Rational.of(1 + rnd.nextInt(3), 2));
    }
    Rational[][] e = rows(me, n);
    QMatrix em = QMatrix.of(e, n);
    Rational[] f = em.times(x0);
    return new QuadraticProgram(q, vector(n), small(), gm, h, em, f);
  }

  /** A QP with box rows {@code -2 <= x_j <= 2} added, so it is bounded whenever feasible. */
  QuadraticProgram boxedQp(int n, int mg, boolean allowSingular) {
    QuadraticProgram base = feasibleQp(n, mg, 0, allowSingular);
    Rational[][] g = new Rational[mg + 2 * n][];
    Rational[] h = new Rational[mg + 2 * n];
    Rational[] h0 = base.h();
    for (int i = 0; i < mg; i++) {
      g[i] = base.g().row(i);
      h[i] = h0[i];
    }
    for (int j = 0; j < n; j++) {
      Rational[] ej = QVectors.zeros(n);
      ej[j] = Rational.ONE;
      g[mg + 2 * j] = ej;
      h[mg + 2 * j] = Rational.of(-2);
      g[mg + 2 * j + 1] = QVectors.negate(ej);
      h[mg + 2 * j + 1] = Rational.of(-2);
    }
    return new QuadraticProgram(
        base.q(), base.c(), base.k(), QMatrix.of(g, n), h, QMatrix.zero(0, n), new Rational[0]);
  }
}
