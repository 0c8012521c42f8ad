package org.provablenets.erm;

import java.util.Random;
import org.provablenets.exact.Rational;

/**
 * Seeded generators of small data sets and nets for the T1 properties. Degenerate data is made on
 * purpose: repeated inputs (with equal or different labels) and, in two dimensions, collinear
 * points.
 */
final class RandomData {
  final Random rnd;

  RandomData(long seed) {
    this.rnd = new Random(seed);
  }

  Rational small() {
    return Rational.of(rnd.nextInt(13) - 6, 1 + rnd.nextInt(2));
  }

  /** D points in n dimensions with labels; degenerate with probability about 1/3. */
  Dataset data(int d, int n) {
    Rational[][] x = new Rational[d][];
    Rational[] y = new Rational[d];
    boolean degenerate = rnd.nextInt(3) == 0;
    for (int j = 0; j < d; j++) {
      if (degenerate && j > 0 && rnd.nextInt(3) == 0) {
        x[j] = x[rnd.nextInt(j)].clone(); // a repeated input, maybe with another label
      } else if (degenerate && n == 2 && j >= 2 && rnd.nextBoolean()) {
        // on the line through points 0 and 1
        Rational t = small();
        x[j] = new Rational[] {
          x[0][0].add(t.multiply(x[1][0].subtract(x[0][0]))),
          x[0][1].add(t.multiply(x[1][1].subtract(x[0][1])))
        };
      } else {
        x[j] = new Rational[n];
        for (int k = 0; k < n; k++) {
          x[j][k] = small();
        }
      }
      y[j] = small();
    }
    return new Dataset(x, y);
  }

  /** A random net of width w on n inputs with small rational parameters. */
  ReluNet net(int w, int n, boolean outputBias) {
    Rational[][] a = new Rational[w][];
    Rational[] b = new Rational[w];
    int[] s = new int[w];
    for (int i = 0; i < w; i++) {
      a[i] = new Rational[n];
      for (int k = 0; k < n; k++) {
        a[i][k] = small();
      }
      b[i] = small();
      s[i] = rnd.nextBoolean() ? 1 : -1;
    }
    return new ReluNet(a, b, s, outputBias ? small() : Rational.ZERO);
  }

  /** The data set with labels replaced by a net's outputs (realisable data). */
  static Dataset relabel(Dataset d, ReluNet net) {
    Rational[][] x = new Rational[d.size()][];
    Rational[] y = new Rational[d.size()];
    for (int j = 0; j < d.size(); j++) {
      x[j] = d.x(j);
      y[j] = net.evaluate(x[j]);
    }
    return new Dataset(x, y);
  }

  /** A random loss. */
  Loss loss() {
    return Loss.values()[rnd.nextInt(Loss.values().length)];
  }

  /** Data whose labels suit the loss: -1 or +1 for the hinge loss. */
  Dataset data(int d, int n, Loss loss) {
    Dataset base = data(d, n);
    if (loss != Loss.HINGE) {
      return base;
    }
    Rational[][] x = new Rational[d][];
    Rational[] y = new Rational[d];
    for (int j = 0; j < d; j++) {
      x[j] = base.x(j);
      y[j] = rnd.nextBoolean() ? Rational.ONE : Rational.of(-1);
    }
    return new Dataset(x, y);
  }
}
