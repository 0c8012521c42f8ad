package org.provablenets.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.provablenets.exact.linalg.Definiteness;
import org.provablenets.exact.linalg.EigenBounds;
import org.provablenets.exact.linalg.Elimination;
import org.provablenets.exact.linalg.QMatrix;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Property suite of the exact linear-algebra core ({@code org.provablenets.exact.linalg}) and of the
 * gcd under every reduction to lowest terms ({@link Gcd}): determinant, rank, solve, exact definiteness with witnesses and certified eigenvalue brackets.
 *
 * <p><b>How to run.</b> Each property runs a per-property default number of examples (CI budget:
 * the whole class in a few seconds). {@code -Dprops.examples=N} runs N examples per property for a
 * long campaign; {@code -Dprops.seed=S} replaces every property's fixed seed by S (a failure prints
 * the falsifying matrices; turn them into an example test in {@code LinalgExamplesTest}).
 *
 * <p><b>Seeds.</b> All properties here are exact: a failure is a real bug, never a statistical
 * accident. Each property has its own fixed seed so that CI runs are reproducible.
 *
 * <p><b>Generators.</b> Small random rational matrices: entries p/q with |p| <= 20, 1 <= q <= 6 (zero
 * one time in five), sizes 1..5. Degenerate cases are generated on purpose, not only by luck:
 * repeated rows, scaled rows, zero rows, rows that are combinations of earlier rows, zero columns,
 * rank-deficient products {@code C D} with a smaller inner dimension, Gram matrices of short
 * factors (singular PSD), zero diagonal entries with non-zero rows, zero rows and columns
 * inside a symmetric matrix, and a random symmetric permutation that moves the degenerate index.
 * Several properties count the cases they met and fail if a branch (for example "singular") was
 * never exercised, so a property cannot pass vacuously.
 *
 * <p><b>Oracles.</b> The checks restate the definitions with their own small loops (matrix-vector
 * products, quadratic forms, the Leibniz formula of the determinant), not with the code under
 * test, wherever that is affordable at these sizes.
 *
 * <p><b>Falsifiability.</b> Each guarantee has a sibling showing that its check fails when a
 * hypothesis is dropped or a result is corrupted.
 */
class LinalgProperties {

  // ====================================================================== configuration

  /** Examples for one property: {@code -Dprops.examples=N} if given and positive, else the default. */
  private static int examples(int byDefault) {
    int n = Integer.getInteger("props.examples", 0);
    return n > 0 ? n : byDefault;
  }

  /** The property's fixed seed, or {@code -Dprops.seed=S} for every property. */
  private static long seed(long byDefault) {
    return Long.getLong("props.seed", byDefault);
  }

  /** Coverage is asserted only when enough examples ran for the fractions to be meaningful. */
  private static void assertCovered(int examples, AtomicInteger hits, int percent, String what) {
    if (examples >= 100) {
      assertTrue(
          hits.get() * 100 >= examples * percent,
          "generator coverage: only " + hits.get() + " of " + examples + " examples had " + what
              + " (expected at least " + percent + "%)");
    }
  }

  // ====================================================================== drawing

  private static int draw(RandomnessSource in, int lo, int hi) {
    return (int) in.next(Constraint.between(lo, hi));
  }

  private static final Rational[] NICE = {
    Rational.ONE, Rational.of(-1), Rational.of(2), Rational.of(1, 2), Rational.of(-1, 3), Rational.of(3)
  };

  /** An entry p/q with |p| <= 20 and 1 <= q <= 6; zero one time in five. Shrinks to 0. */
  private static Rational entry(RandomnessSource in) {
    if (draw(in, 0, 4) == 0) {
      return Rational.ZERO;
    }
    return Rational.of(draw(in, -20, 20), draw(in, 1, 6));
  }

  /** A non-zero small rational (a scale factor). */
  private static Rational nonZero(RandomnessSource in) {
    return NICE[draw(in, 0, NICE.length - 1)];
  }

  private static Rational[] vector(RandomnessSource in, int n) {
    Rational[] x = new Rational[n];
    for (int i = 0; i < n; i++) {
      x[i] = entry(in);
    }
    return x;
  }

  /** A vector with at least one non-zero entry. */
  private static Rational[] nonZeroVector(RandomnessSource in, int n) {
    Rational[] x = vector(in, n);
    if (isZero(x)) {
      x[draw(in, 0, n - 1)] = nonZero(in);
    }
    return x;
  }

  /**
   * Rows of an m x n matrix with degeneracies injected: kind 0-5 a random row, 6 a zero row, 7 a
   * repeated earlier row, 8 a scaled earlier row, 9 a combination of two earlier rows.
   */
  private static Rational[][] rows(RandomnessSource in, int m, int n) {
    Rational[][] a = new Rational[m][];
    for (int i = 0; i < m; i++) {
      int kind = draw(in, 0, 9);
      if (kind == 6) {
        a[i] = zeros(n);
      } else if (kind == 7 && i > 0) {
        a[i] = a[draw(in, 0, i - 1)].clone();
      } else if (kind == 8 && i > 0) {
        a[i] = scale(nonZero(in), a[draw(in, 0, i - 1)]);
      } else if (kind == 9 && i > 1) {
        Rational[] r1 = scale(nonZero(in), a[draw(in, 0, i - 1)]);
        Rational[] r2 = scale(nonZero(in), a[draw(in, 0, i - 1)]);
        a[i] = add(r1, r2);
      } else {
        a[i] = vector(in, n);
      }
    }
    return a;
  }

  /**
   * An m x n matrix: half the time a matrix of random entries; otherwise a degenerate one,
   * equally often rows with injected repeats, scaled copies, combinations and zero rows, a
   * rank-deficient product {@code C D} with inner dimension k < min(m, n) when possible, or a zero
   * column.
   */
  private static QMatrix matrix(RandomnessSource in, int m, int n) {
    int kind = draw(in, 0, 5);
    if (kind == 3) {
      return QMatrix.of(rows(in, m, n), n);
    }
    if (kind == 4) {
      // C D with inner dimension k < min(m, n) when possible: rank <= k.
      int k = draw(in, 1, Math.max(1, Math.min(m, n) - 1));
      return QMatrix.of(rows(in, m, k), k).times(QMatrix.of(rows(in, k, n), n));
    }
    Rational[][] a = new Rational[m][];
    for (int i = 0; i < m; i++) {
      a[i] = vector(in, n);
    }
    if (kind == 5) {
      int j = draw(in, 0, n - 1);
      for (Rational[] r : a) {
        r[j] = Rational.ZERO;
      }
    }
    return QMatrix.of(a, n);
  }

  /** A random permutation of 0..n-1 (Fisher-Yates). Shrinks to the identity. */
  private static int[] permutation(RandomnessSource in, int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = i - draw(in, 0, i);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** {@code P M P'}: the symmetric permutation of M. */
  private static QMatrix permute(QMatrix mat, int[] p) {
    int n = mat.rows();
    Rational[][] c = new Rational[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        c[i][j] = mat.get(p[i], p[j]);
      }
    }
    return QMatrix.of(c, n);
  }

  /**
   * A symmetric n x n matrix from a mixture that covers PD, singular PSD and indefinite matrices:
   * 0 random symmetric; 1 a Gram matrix B'B with B of 0..n+1 rows (singular when short or
   * degenerate); 2 a Gram matrix shifted down, B'B - c I; 3 a zero row and column inserted into a
   * Gram or a random symmetric matrix; 4 a random symmetric matrix with a zero diagonal entry;
   * 5 a diagonal with entries in {-1, 0, 1/3, 1, 2}; 6 u u', -u u' or u u' - w w'. The result is
   * symmetrically permuted so the degenerate index can come first, last or in the middle.
   */
  private static QMatrix symmetric(RandomnessSource in, int n) {
    int kind = draw(in, 0, 6);
    QMatrix s;
    switch (kind) {
      case 1:
        s = gram(in, draw(in, 0, n + 1), n);
        break;
      case 2:
        s = gram(in, draw(in, 1, n + 1), n).minusIdentity(NICE[draw(in, 0, 3)].abs());
        break;
      case 3:
        if (n == 1) {
          s = QMatrix.zero(1, 1);
        } else {
          QMatrix inner = draw(in, 0, 1) == 0 ? gram(in, draw(in, 0, n), n - 1) : randomSymmetric(in, n - 1);
          s = embedAfterZero(inner);
        }
        break;
      case 4:
        {
          Rational[][] c = randomSymmetric(in, n).toArray();
          int i = draw(in, 0, n - 1);
          c[i][i] = Rational.ZERO;
          s = QMatrix.of(c, n);
        }
        break;
      case 5:
        {
          Rational[] diag = {Rational.of(-1), Rational.ZERO, Rational.of(1, 3), Rational.ONE, Rational.of(2)};
          Rational[][] c = zeroMatrix(n, n);
          for (int i = 0; i < n; i++) {
            c[i][i] = diag[draw(in, 0, diag.length - 1)];
          }
          s = QMatrix.of(c, n);
        }
        break;
      case 6:
        {
          Rational[] u = vector(in, n);
          QMatrix uu = outer(u, u);
          int sign = draw(in, 0, 2);
          if (sign == 0) {
            s = uu;
          } else if (sign == 1) {
            s = uu.scale(Rational.of(-1));
          } else {
            Rational[] w = vector(in, n);
            s = QMatrix.of(sub(uu.toArray(), outer(w, w).toArray()), n);
          }
        }
        break;
      default:
        s = randomSymmetric(in, n);
    }
    return permute(s, permutation(in, n));
  }

  private static QMatrix randomSymmetric(RandomnessSource in, int n) {
    Rational[][] c = new Rational[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        c[i][j] = entry(in);
        c[j][i] = c[i][j];
      }
    }
    return QMatrix.of(c, n);
  }

  /** {@code B'B} for a random r x n matrix B with degenerate rows. */
  private static QMatrix gram(RandomnessSource in, int r, int n) {
    QMatrix b = QMatrix.of(rows(in, r, n), n);
    return b.transpose().times(b);
  }

  /** {@code diag(0, S)}: a zero first row and column, then S. */
  private static QMatrix embedAfterZero(QMatrix s) {
    int k = s.rows();
    Rational[][] c = zeroMatrix(k + 1, k + 1);
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        c[i + 1][j + 1] = s.get(i, j);
      }
    }
    return QMatrix.of(c, k + 1);
  }

  private static QMatrix outer(Rational[] u, Rational[] w) {
    Rational[][] c = new Rational[u.length][w.length];
    for (int i = 0; i < u.length; i++) {
      for (int j = 0; j < w.length; j++) {
        c[i][j] = u[i].multiply(w[j]);
      }
    }
    return QMatrix.of(c, w.length);
  }

  // ====================================================================== cases

  /** Two n x n matrices. */
  record Pair(QMatrix a, QMatrix b) {}

  /** A square system: matrix, right-hand side b and a second vector y (for b = A y). */
  record LinearSystem(QMatrix a, Rational[] b, Rational[] y) {
    @Override
    public String toString() {
      return "A = " + a + ", b = " + Arrays.toString(b) + ", y = " + Arrays.toString(y);
    }
  }

  /** A symmetric matrix and probe vectors. */
  record Probed(QMatrix m, Rational[][] probes) {
    @Override
    public String toString() {
      return "M = " + m + ", probes = " + Arrays.deepToString(probes);
    }
  }

  /** A symmetric matrix and a bracket width. */
  record Bracketed(QMatrix m, Rational width) {}

  /** A square matrix, and one entry to perturb by a non-zero delta. */
  record Perturbed(QMatrix a, int i, int j, Rational delta) {}

  private static Gen<QMatrix> squares() {
    return in -> {
      int n = draw(in, 1, 5);
      return matrix(in, n, n);
    };
  }

  private static Gen<Pair> squarePairs() {
    return in -> {
      int n = draw(in, 1, 5);
      return new Pair(matrix(in, n, n), matrix(in, n, n));
    };
  }

  private static Gen<QMatrix> rectangles() {
    return in -> matrix(in, draw(in, 1, 5), draw(in, 1, 5));
  }

  private static Gen<Probed> symmetricProbed(int probes) {
    return in -> {
      int n = draw(in, 1, 5);
      QMatrix mat = symmetric(in, n);
      Rational[][] x = new Rational[probes][];
      for (int k = 0; k < probes; k++) {
        x[k] = vector(in, n);
      }
      return new Probed(mat, x);
    };
  }

  private static final Rational[] WIDTHS = {
    Rational.ONE, Rational.of(1, 2), Rational.of(1, 10), Rational.of(1, 1000), Rational.of(1, 1 << 20)
  };

  private static Gen<Bracketed> bracketed() {
    return in -> new Bracketed(symmetric(in, draw(in, 1, 5)), WIDTHS[draw(in, 0, WIDTHS.length - 1)]);
  }

  // ====================================================================== independent oracles

  private static Rational[][] zeroMatrix(int m, int n) {
    Rational[][] c = new Rational[m][n];
    for (Rational[] r : c) {
      Arrays.fill(r, Rational.ZERO);
    }
    return c;
  }

  private static Rational[] zeros(int n) {
    Rational[] z = new Rational[n];
    Arrays.fill(z, Rational.ZERO);
    return z;
  }

  private static boolean isZero(Rational[] x) {
    for (Rational q : x) {
      if (q.signum() != 0) {
        return false;
      }
    }
    return true;
  }

  private static Rational[] scale(Rational k, Rational[] x) {
    Rational[] z = new Rational[x.length];
    for (int i = 0; i < x.length; i++) {
      z[i] = x[i].multiply(k);
    }
    return z;
  }

  private static Rational[] add(Rational[] x, Rational[] y) {
    Rational[] z = new Rational[x.length];
    for (int i = 0; i < x.length; i++) {
      z[i] = x[i].add(y[i]);
    }
    return z;
  }

  private static Rational[][] sub(Rational[][] a, Rational[][] b) {
    Rational[][] c = new Rational[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = add(a[i], scale(Rational.of(-1), b[i]));
    }
    return c;
  }

  /** {@code A x} by the definition. */
  private static Rational[] mul(QMatrix a, Rational[] x) {
    Rational[] y = new Rational[a.rows()];
    for (int i = 0; i < a.rows(); i++) {
      Rational s = Rational.ZERO;
      for (int j = 0; j < a.cols(); j++) {
        s = s.add(a.get(i, j).multiply(x[j]));
      }
      y[i] = s;
    }
    return y;
  }

  /** {@code sum_ij x_i M_ij x_j} by the definition. */
  private static Rational form(QMatrix mat, Rational[] x) {
    Rational s = Rational.ZERO;
    for (int i = 0; i < mat.rows(); i++) {
      for (int j = 0; j < mat.cols(); j++) {
        s = s.add(x[i].multiply(mat.get(i, j)).multiply(x[j]));
      }
    }
    return s;
  }

  private static Rational normSquared(Rational[] x) {
    Rational s = Rational.ZERO;
    for (Rational q : x) {
      s = s.add(q.multiply(q));
    }
    return s;
  }

  /** The determinant by the Leibniz formula over the rows and columns listed in idx. */
  private static Rational leibniz(QMatrix a, int[] idx) {
    int k = idx.length;
    int[] perm = new int[k];
    for (int i = 0; i < k; i++) {
      perm[i] = i;
    }
    Rational sum = Rational.ZERO;
    while (true) {
      Rational t = Rational.ONE;
      for (int i = 0; i < k && t.signum() != 0; i++) {
        t = t.multiply(a.get(idx[i], idx[perm[i]]));
      }
      if (t.signum() != 0) {
        int inversions = 0;
        for (int i = 0; i < k; i++) {
          for (int j = i + 1; j < k; j++) {
            if (perm[i] > perm[j]) {
              inversions++;
            }
          }
        }
        sum = inversions % 2 == 0 ? sum.add(t) : sum.subtract(t);
      }
      // next permutation in lexicographic order
      int i = k - 2;
      while (i >= 0 && perm[i] >= perm[i + 1]) {
        i--;
      }
      if (i < 0) {
        return sum;
      }
      int j = k - 1;
      while (perm[j] <= perm[i]) {
        j--;
      }
      int t2 = perm[i];
      perm[i] = perm[j];
      perm[j] = t2;
      for (int l = i + 1, r = k - 1; l < r; l++, r--) {
        t2 = perm[l];
        perm[l] = perm[r];
        perm[r] = t2;
      }
    }
  }

  private static int[] range(int k) {
    int[] idx = new int[k];
    for (int i = 0; i < k; i++) {
      idx[i] = i;
    }
    return idx;
  }

  /** Whether every principal minor is >= 0 (the PSD criterion for symmetric matrices). */
  private static boolean principalMinorsNonNegative(QMatrix mat) {
    int n = mat.rows();
    for (int mask = 1; mask < (1 << n); mask++) {
      int[] idx = new int[Integer.bitCount(mask)];
      int p = 0;
      for (int i = 0; i < n; i++) {
        if ((mask & (1 << i)) != 0) {
          idx[p++] = i;
        }
      }
      if (leibniz(mat, idx).signum() < 0) {
        return false;
      }
    }
    return true;
  }

  /** The sign pattern of the leading principal minors: -1 if one is < 0, 0 if one is 0, else 1. */
  private static int leadingMinorsSign(QMatrix mat) {
    int worst = 1;
    for (int k = 1; k <= mat.rows(); k++) {
      worst = Math.min(worst, leibniz(mat, range(k)).signum());
    }
    return worst;
  }

  private static QMatrix swapRows(QMatrix a, int i, int j) {
    Rational[][] c = a.toArray();
    Rational[] t = c[i];
    c[i] = c[j];
    c[j] = t;
    return QMatrix.of(c, a.cols());
  }

  private static QMatrix negate(QMatrix a) {
    return a.scale(Rational.of(-1));
  }

  private static String str(Rational[] x) {
    return Arrays.toString(x);
  }

  // ====================================================================== determinant

  @Test
  @DisplayName("det(A) = the Leibniz sum over permutations of sign(p) prod A[i][p(i)]")
  void determinantIsLeibniz() {
    int n = examples(300);
    AtomicInteger singular = new AtomicInteger();
    qt().withExamples(n).withFixedSeed(seed(101)).forAll(squares()).checkAssert(a -> {
      Rational d = Elimination.determinant(a);
      assertEquals(leibniz(a, range(a.rows())), d);
      if (d.signum() == 0) {
        singular.incrementAndGet();
      }
    });
    assertCovered(n, singular, 15, "det = 0");
  }

  @Test
  @DisplayName("det(AB) = det(A) det(B)")
  void determinantIsMultiplicative() {
    int n = examples(300);
    AtomicInteger nonSingular = new AtomicInteger();
    qt().withExamples(n).withFixedSeed(seed(102)).forAll(squarePairs()).checkAssert(p -> {
      Rational dab = Elimination.determinant(p.a().times(p.b()));
      assertEquals(Elimination.determinant(p.a()).multiply(Elimination.determinant(p.b())), dab);
      if (dab.signum() != 0) {
        nonSingular.incrementAndGet();
      }
    });
    assertCovered(n, nonSingular, 15, "det(AB) != 0");
  }

  @Test
  @DisplayName("falsifiable: a sign error is caught: with two rows of A swapped, det(A^ B) = det(A) det(B) fails whenever det(AB) != 0")
  void determinantCheckCatchesSignError() {
    int n = examples(200);
    AtomicInteger caught = new AtomicInteger();
    Gen<Pair> pairs = in -> {
      int k = draw(in, 2, 5);
      return new Pair(matrix(in, k, k), matrix(in, k, k));
    };
    qt().withExamples(n).withFixedSeed(seed(103)).forAll(pairs).checkAssert(p -> {
      QMatrix swapped = swapRows(p.a(), 0, p.a().rows() - 1);
      Rational claimed = Elimination.determinant(p.a()).multiply(Elimination.determinant(p.b()));
      Rational actual = Elimination.determinant(swapped.times(p.b()));
      assertEquals(claimed.negate(), actual, "a row swap negates the determinant");
      if (claimed.signum() != 0) {
        assertNotEquals(claimed, actual, "the identity check must reject the swapped product");
        caught.incrementAndGet();
      }
    });
    assertCovered(n, caught, 15, "a caught sign error");
  }

  @Test
  @DisplayName("det(A') = det(A), and rank(A) = n iff det(A) != 0 for square A")
  void determinantTransposeAndRank() {
    int n = examples(300);
    qt().withExamples(n).withFixedSeed(seed(104)).forAll(squares()).checkAssert(a -> {
      Rational d = Elimination.determinant(a);
      assertEquals(d, Elimination.determinant(a.transpose()));
      assertEquals(d.signum() != 0, Elimination.rank(a) == a.rows());
    });
  }

  // ====================================================================== rank

  @Test
  @DisplayName("rank(A) = rank(A') <= min(m, n)")
  void rankOfTranspose() {
    int n = examples(300);
    AtomicInteger deficient = new AtomicInteger();
    qt().withExamples(n).withFixedSeed(seed(201)).forAll(rectangles()).checkAssert(a -> {
      int r = Elimination.rank(a);
      assertEquals(r, Elimination.rank(a.transpose()));
      assertTrue(r >= 0 && r <= Math.min(a.rows(), a.cols()), "rank " + r);
      if (r < Math.min(a.rows(), a.cols())) {
        deficient.incrementAndGet();
      }
    });
    assertCovered(n, deficient, 15, "rank < min(m, n)");
  }

  @Test
  @DisplayName("falsifiable: a full-rank check fails on dependent rows: a row that is a combination of the others makes rank(A) < m")
  void rankSeesDependence() {
    Gen<QMatrix> dependent = in -> {
      int m = draw(in, 2, 5);
      int cols = draw(in, 1, 5);
      Rational[][] a = QMatrix.of(rows(in, m, cols), cols).toArray();
      int i = draw(in, 0, m - 1);
      Rational[] combo = zeros(cols);
      for (int k = 0; k < m; k++) {
        if (k != i) {
          combo = add(combo, scale(entry(in), a[k]));
        }
      }
      a[i] = combo;
      return QMatrix.of(a, cols);
    };
    qt().withExamples(examples(200)).withFixedSeed(seed(202)).forAll(dependent).checkAssert(a -> {
      assertTrue(Elimination.rank(a) < a.rows(), "rank " + Elimination.rank(a) + " of " + a);
      if (a.rows() == a.cols()) {
        assertEquals(Rational.ZERO, Elimination.determinant(a));
      }
    });
  }

  @Test
  @DisplayName("rank(C D) <= min(rank C, rank D) (and <= the inner dimension)")
  void rankOfProduct() {
    int n = examples(300);
    AtomicInteger narrow = new AtomicInteger();
    Gen<Pair> products = in -> {
      int m = draw(in, 1, 5);
      int k = draw(in, 1, 5);
      int p = draw(in, 1, 5);
      return new Pair(matrix(in, m, k), matrix(in, k, p));
    };
    qt().withExamples(n).withFixedSeed(seed(203)).forAll(products).checkAssert(p -> {
      int rc = Elimination.rank(p.a());
      int rd = Elimination.rank(p.b());
      int rcd = Elimination.rank(p.a().times(p.b()));
      assertTrue(rcd <= Math.min(rc, rd), "rank CD = " + rcd + ", rank C = " + rc + ", rank D = " + rd);
      assertTrue(rcd <= p.a().cols());
      if (p.a().cols() < Math.min(p.a().rows(), p.b().cols())) {
        narrow.incrementAndGet();
      }
    });
    assertCovered(n, narrow, 10, "an inner dimension below both outer ones");
  }

  @Test
  @DisplayName("falsifiable: rank(C D) = min(rank C, rank D) fails without general position: C = c e1', D with a zero first row gives C D = 0")
  void rankOfProductCanDrop() {
    Gen<Pair> aligned = in -> {
      int m = draw(in, 1, 5);
      int k = draw(in, 2, 5);
      int p = draw(in, 1, 5);
      Rational[][] c = zeroMatrix(m, k);
      Rational[] col = nonZeroVector(in, m);
      for (int i = 0; i < m; i++) {
        c[i][0] = col[i];
      }
      Rational[][] d = rows(in, k, p);
      d[0] = zeros(p);
      d[draw(in, 1, k - 1)] = nonZeroVector(in, p);
      return new Pair(QMatrix.of(c, k), QMatrix.of(d, p));
    };
    qt().withExamples(examples(100)).withFixedSeed(seed(204)).forAll(aligned).checkAssert(p -> {
      int rc = Elimination.rank(p.a());
      int rd = Elimination.rank(p.b());
      assertEquals(1, rc);
      assertTrue(rd >= 1);
      assertEquals(0, Elimination.rank(p.a().times(p.b())));
      assertTrue(Elimination.rank(p.a().times(p.b())) < Math.min(rc, rd));
    });
  }

  // ====================================================================== solve

  private static Gen<LinearSystem> systems() {
    return in -> {
      int n = draw(in, 1, 5);
      return new LinearSystem(matrix(in, n, n), vector(in, n), vector(in, n));
    };
  }

  /** A system and a perturbation delta of the solution's entry i. */
  record PerturbedSolve(LinearSystem s, int i, Rational delta) {}

  @Test
  @DisplayName("solve: A x = b exactly whenever det(A) != 0, and solve returns null iff det(A) = 0 (even for a consistent b = A y)")
  void solveIsExact() {
    int n = examples(300);
    AtomicInteger singular = new AtomicInteger();
    AtomicInteger regular = new AtomicInteger();
    qt().withExamples(n).withFixedSeed(seed(301)).forAll(systems()).checkAssert(s -> {
      Rational d = Elimination.determinant(s.a());
      Rational[] x = Elimination.solve(s.a(), s.b());
      if (d.signum() != 0) {
        regular.incrementAndGet();
        assertNotNull(x, "det(A) = " + d + " but solve returned null");
        assertEquals(Arrays.asList(s.b()), Arrays.asList(mul(s.a(), x)), "A x = b for x = " + str(x));
        // Uniqueness: the solution of A x = A y is y.
        assertEquals(Arrays.asList(s.y()), Arrays.asList(Elimination.solve(s.a(), mul(s.a(), s.y()))));
      } else {
        singular.incrementAndGet();
        assertNull(x, "det(A) = 0 but solve returned " + (x == null ? "" : str(x)));
        assertNull(Elimination.solve(s.a(), mul(s.a(), s.y())), "singular and consistent");
      }
    });
    assertCovered(n, singular, 15, "a singular A");
    assertCovered(n, regular, 15, "a non-singular A");
  }

  @Test
  @DisplayName("falsifiable: perturbing one entry of a correct solve result breaks A x = b")
  void perturbedSolutionIsCaught() {
    int n = examples(200);
    AtomicInteger checked = new AtomicInteger();
    Gen<PerturbedSolve> gen = in -> {
      LinearSystem s = systems().generate(in);
      return new PerturbedSolve(s, draw(in, 0, s.a().rows() - 1), nonZero(in));
    };
    qt().withExamples(n).withFixedSeed(seed(302)).forAll(gen).checkAssert(p -> {
      QMatrix a = p.s().a();
      Rational[] b = p.s().b();
      if (Elimination.determinant(a).signum() == 0) {
        return; // the hypothesis of the guarantee; counted below so the property is not vacuous
      }
      checked.incrementAndGet();
      Rational[] x = Elimination.solve(a, b);
      assertNotNull(x);
      assertEquals(Arrays.asList(b), Arrays.asList(mul(a, x)));
      Rational[] bad = x.clone();
      bad[p.i()] = bad[p.i()].add(p.delta());
      // A (x + delta e_i) - b = delta A e_i, non-zero because a non-singular A has no zero column.
      assertNotEquals(Arrays.asList(b), Arrays.asList(mul(a, bad)), "perturbed x = " + str(bad));
    });
    assertCovered(n, checked, 15, "a non-singular A");
  }

  // ====================================================================== definiteness

  @Test
  @DisplayName("M'M (Gram) is always PSD")
  void gramIsPsd() {
    int n = examples(300);
    AtomicInteger singular = new AtomicInteger();
    qt().withExamples(n).withFixedSeed(seed(401)).forAll(rectangles()).checkAssert(b -> {
      QMatrix g = b.transpose().times(b);
      assertTrue(g.isSymmetric());
      Rational[] w = Definiteness.negativeDirection(g);
      assertNull(w, () -> "witness " + str(w) + " for the Gram matrix " + g);
      assertTrue(Definiteness.isPositiveSemidefinite(g));
      if (Elimination.determinant(g).signum() == 0) {
        singular.incrementAndGet();
        assertFalse(Definiteness.isPositiveDefinite(g), "a singular Gram matrix is not PD");
      }
    });
    assertCovered(n, singular, 15, "a singular Gram matrix");
  }

  @Test
  @DisplayName("falsifiable: M'M - I is not PSD when M has fewer rows than columns; the witness has v'(M'M - I)v < 0")
  void shiftedShortGramIsCaught() {
    Gen<QMatrix> shortMatrices = in -> {
      int cols = draw(in, 2, 5);
      return matrix(in, draw(in, 1, cols - 1), cols);
    };
    qt().withExamples(examples(200)).withFixedSeed(seed(402)).forAll(shortMatrices).checkAssert(b -> {
      // M'M has a non-trivial kernel; a kernel vector z gives z'(M'M - I)z = -|z|^2 < 0.
      QMatrix shifted = b.transpose().times(b).minusIdentity(Rational.ONE);
      assertFalse(Definiteness.isPositiveSemidefinite(shifted));
      Rational[] w = Definiteness.negativeDirection(shifted);
      assertNotNull(w);
      assertTrue(form(shifted, w).signum() < 0, "v'Mv = " + form(shifted, w) + " for v = " + str(w));
    });
  }

  @Test
  @DisplayName("the PSD test agrees with its witness: not PSD => v'Mv < 0 exactly; PSD => x'Mx >= 0 for 20 random x")
  void psdWitness() {
    int n = examples(300);
    AtomicInteger psd = new AtomicInteger();
    AtomicInteger notPsd = new AtomicInteger();
    qt().withExamples(n).withFixedSeed(seed(403)).forAll(symmetricProbed(20)).checkAssert(c -> {
      QMatrix mat = c.m();
      Rational[] w = Definiteness.negativeDirection(mat);
      assertEquals(w == null, Definiteness.isPositiveSemidefinite(mat));
      if (w != null) {
        notPsd.incrementAndGet();
        assertEquals(mat.rows(), w.length);
        assertTrue(form(mat, w).signum() < 0, "v'Mv = " + form(mat, w) + " for v = " + str(w));
      } else {
        psd.incrementAndGet();
        for (Rational[] x : c.probes()) {
          assertTrue(form(mat, x).signum() >= 0, "x'Mx = " + form(mat, x) + " for x = " + str(x));
        }
      }
    });
    assertCovered(n, psd, 20, "a PSD matrix");
    assertCovered(n, notPsd, 20, "an indefinite matrix");
  }

  @Test
  @DisplayName("M is PSD iff every principal minor of M is >= 0 (symmetric M)")
  void psdIffPrincipalMinors() {
    qt().withExamples(examples(300)).withFixedSeed(seed(404)).forAll(symmetricProbed(0)).checkAssert(c -> {
      assertEquals(principalMinorsNonNegative(c.m()), Definiteness.isPositiveSemidefinite(c.m()));
    });
  }

  @Test
  @DisplayName("falsifiable: leading minors >= 0 do not imply PSD: diag(0, S) with S_11 < 0 passes the leading-minor test and is refused by the exact test")
  void leadingMinorsAreNotEnoughForPsd() {
    Gen<QMatrix> gen = in -> {
      int k = draw(in, 1, 4);
      QMatrix s = symmetric(in, k);
      // Make S_11 = -1 so S is not PSD, then put a zero row and column in front.
      return embedAfterZero(s.minusIdentity(s.get(0, 0).add(Rational.ONE)));
    };
    qt().withExamples(examples(200)).withFixedSeed(seed(405)).forAll(gen).checkAssert(mat -> {
      assertEquals(0, leadingMinorsSign(mat), "every leading minor contains the zero row");
      assertFalse(Definiteness.isPositiveSemidefinite(mat));
      Rational[] w = Definiteness.negativeDirection(mat);
      assertNotNull(w);
      assertTrue(form(mat, w).signum() < 0);
    });
  }

  @Test
  @DisplayName("falsifiable: a non-symmetric matrix is refused by the PSD test, the PD test and the eigenvalue brackets")
  void nonSymmetricRefused() {
    Gen<Perturbed> gen = in -> {
      int k = draw(in, 2, 5);
      int i = draw(in, 0, k - 1);
      int j = (i + draw(in, 1, k - 1)) % k;
      return new Perturbed(symmetric(in, k), i, j, nonZero(in));
    };
    qt().withExamples(examples(200)).withFixedSeed(seed(406)).forAll(gen).checkAssert(p -> {
      Rational[][] c = p.a().toArray();
      c[p.i()][p.j()] = c[p.i()][p.j()].add(p.delta());
      QMatrix mat = QMatrix.of(c, c.length);
      assertFalse(mat.isSymmetric());
      assertThrows(IllegalArgumentException.class, () -> Definiteness.negativeDirection(mat));
      assertThrows(IllegalArgumentException.class, () -> Definiteness.nonPositiveDirection(mat));
      assertThrows(IllegalArgumentException.class, () -> Definiteness.isPositiveSemidefinite(mat));
      assertThrows(IllegalArgumentException.class, () -> Definiteness.isPositiveDefinite(mat));
      assertThrows(IllegalArgumentException.class, () -> EigenBounds.lambdaMin(mat, Rational.ONE));
      assertThrows(IllegalArgumentException.class, () -> EigenBounds.lambdaMax(mat, Rational.ONE));
    });
  }

  @Test
  @DisplayName("PD iff PSD and det != 0 (symmetric M); PD iff every leading minor is > 0 (Sylvester); not PD => v != 0 with v'Mv <= 0")
  void pdIffPsdAndRegular() {
    int n = examples(300);
    AtomicInteger pd = new AtomicInteger();
    AtomicInteger singularPsd = new AtomicInteger();
    qt().withExamples(n).withFixedSeed(seed(407)).forAll(symmetricProbed(0)).checkAssert(c -> {
      QMatrix mat = c.m();
      boolean isPd = Definiteness.isPositiveDefinite(mat);
      boolean isPsd = Definiteness.isPositiveSemidefinite(mat);
      Rational d = Elimination.determinant(mat);
      assertEquals(isPsd && d.signum() != 0, isPd);
      assertEquals(leadingMinorsSign(mat) > 0, isPd);
      Rational[] w = Definiteness.nonPositiveDirection(mat);
      assertEquals(w == null, isPd);
      if (w != null) {
        assertEquals(mat.rows(), w.length);
        assertFalse(isZero(w), "the witness of 'not PD' must be non-zero");
        assertTrue(form(mat, w).signum() <= 0, "v'Mv = " + form(mat, w) + " for v = " + str(w));
      }
      if (isPd) {
        pd.incrementAndGet();
      } else if (isPsd) {
        singularPsd.incrementAndGet();
      }
    });
    assertCovered(n, pd, 10, "a PD matrix");
    assertCovered(n, singularPsd, 10, "a singular PSD matrix");
  }

  @Test
  @DisplayName("falsifiable: 'PD iff PSD and det != 0' needs symmetry: M = S + K (S PSD with S e_n = 0, K skew) has x'Mx >= 0 and often det(M) != 0, yet e_n'M e_n = 0")
  void pdCriterionNeedsSymmetry() {
    int n = examples(200);
    AtomicInteger counterexamples = new AtomicInteger();
    Gen<Probed> gen = in -> {
      int k = draw(in, 2, 5);
      // S = B'B with the last column of B zero, so S e_k = 0.
      Rational[][] b = rows(in, draw(in, 1, k + 1), k);
      for (Rational[] r : b) {
        r[k - 1] = Rational.ZERO;
      }
      QMatrix bm = QMatrix.of(b, k);
      Rational[][] m = bm.transpose().times(bm).toArray();
      boolean anySkew = false;
      for (int i = 0; i < k; i++) {
        for (int j = i + 1; j < k; j++) {
          Rational s = entry(in);
          anySkew |= s.signum() != 0;
          m[i][j] = m[i][j].add(s);
          m[j][i] = m[j][i].subtract(s);
        }
      }
      if (!anySkew) {
        m[0][k - 1] = m[0][k - 1].add(Rational.ONE);
        m[k - 1][0] = m[k - 1][0].subtract(Rational.ONE);
      }
      Rational[][] probes = new Rational[20][];
      for (int t = 0; t < probes.length; t++) {
        probes[t] = vector(in, k);
      }
      return new Probed(QMatrix.of(m, k), probes);
    };
    qt().withExamples(n).withFixedSeed(seed(408)).forAll(gen).checkAssert(c -> {
      QMatrix mat = c.m();
      int k = mat.rows();
      Rational[] e = zeros(k);
      e[k - 1] = Rational.ONE;
      assertEquals(Rational.ZERO, form(mat, e), "e_n'Me_n = S_nn = 0");
      for (Rational[] x : c.probes()) {
        assertTrue(form(mat, x).signum() >= 0, "x'Mx = x'Sx >= 0");
      }
      assertFalse(mat.isSymmetric());
      assertThrows(IllegalArgumentException.class, () -> Definiteness.isPositiveDefinite(mat));
      if (Elimination.determinant(mat).signum() != 0) {
        counterexamples.incrementAndGet(); // "PSD" form and det != 0, but not PD
      }
    });
    assertCovered(n, counterexamples, 20, "det(M) != 0 (a counterexample to the criterion)");
  }

  // ====================================================================== eigenvalue brackets

  @Test
  @DisplayName("lambda_min bracket: lo <= hi, hi - lo <= width, M - lo I is PSD (all principal minors >= 0) and M - hi I is not PD (a witness v != 0 with v'(M - hi I)v <= 0)")
  void lambdaMinBracketIsCertified() {
    qt().withExamples(examples(200)).withFixedSeed(seed(501)).forAll(bracketed()).checkAssert(c -> {
      QMatrix mat = c.m();
      EigenBounds.Bracket b = EigenBounds.lambdaMin(mat, c.width());
      Rational lo = b.lower();
      Rational hi = b.upper();
      assertTrue(lo.compareTo(hi) <= 0, b.toString());
      assertTrue(hi.subtract(lo).compareTo(c.width()) <= 0, b + " wider than " + c.width());
      QMatrix below = mat.minusIdentity(lo);
      assertTrue(Definiteness.isPositiveSemidefinite(below), "M - lo I must be PSD");
      assertTrue(principalMinorsNonNegative(below), "M - lo I must have principal minors >= 0");
      QMatrix above = mat.minusIdentity(hi);
      Rational[] v = Definiteness.nonPositiveDirection(above);
      assertNotNull(v, "M - hi I must not be PD");
      assertFalse(isZero(v));
      assertTrue(form(above, v).signum() <= 0, "v'(M - hi I)v = " + form(above, v));
    });
  }

  @Test
  @DisplayName("lambda_max bracket: lo <= hi, hi - lo <= width, hi I - M is PSD and lo I - M is not PD (a witness v != 0 with v'(lo I - M)v <= 0)")
  void lambdaMaxBracketIsCertified() {
    qt().withExamples(examples(200)).withFixedSeed(seed(502)).forAll(bracketed()).checkAssert(c -> {
      QMatrix mat = c.m();
      EigenBounds.Bracket b = EigenBounds.lambdaMax(mat, c.width());
      Rational lo = b.lower();
      Rational hi = b.upper();
      assertTrue(lo.compareTo(hi) <= 0, b.toString());
      assertTrue(hi.subtract(lo).compareTo(c.width()) <= 0, b + " wider than " + c.width());
      QMatrix above = negate(mat.minusIdentity(hi)); // hi I - M
      assertTrue(Definiteness.isPositiveSemidefinite(above), "hi I - M must be PSD");
      assertTrue(principalMinorsNonNegative(above), "hi I - M must have principal minors >= 0");
      QMatrix below = negate(mat.minusIdentity(lo)); // lo I - M
      Rational[] v = Definiteness.nonPositiveDirection(below);
      assertNotNull(v, "lo I - M must not be PD");
      assertFalse(isZero(v));
      assertTrue(form(below, v).signum() <= 0, "v'(lo I - M)v = " + form(below, v));
    });
  }

  @Test
  @DisplayName("Rayleigh quotients lie between the brackets: lo_min |x|^2 <= x'Mx <= hi_max |x|^2, and n lo_min <= trace M <= n hi_max")
  void rayleighQuotientsInsideBrackets() {
    Gen<Probed> gen = symmetricProbed(10);
    qt().withExamples(examples(150)).withFixedSeed(seed(503)).forAll(gen).checkAssert(c -> {
      QMatrix mat = c.m();
      Rational w = Rational.of(1, 100);
      Rational loMin = EigenBounds.lambdaMin(mat, w).lower();
      Rational hiMax = EigenBounds.lambdaMax(mat, w).upper();
      assertTrue(loMin.compareTo(hiMax) <= 0);
      for (Rational[] x : c.probes()) {
        Rational q = form(mat, x);
        Rational nx = normSquared(x);
        assertTrue(loMin.multiply(nx).compareTo(q) <= 0, "x'Mx below lo_min |x|^2 for x = " + str(x));
        assertTrue(q.compareTo(hiMax.multiply(nx)) <= 0, "x'Mx above hi_max |x|^2 for x = " + str(x));
      }
      Rational trace = Rational.ZERO;
      for (int i = 0; i < mat.rows(); i++) {
        trace = trace.add(mat.get(i, i));
      }
      assertTrue(loMin.multiply(mat.rows()).compareTo(trace) <= 0);
      assertTrue(trace.compareTo(hiMax.multiply(mat.rows())) <= 0);
    });
  }

  @Test
  @DisplayName("falsifiable: a bracket shifted above lambda_min is caught: M - (hi + 1) I is not PSD, with a witness v'(M - (hi + 1) I)v < 0")
  void shiftedLambdaMinBracketIsCaught() {
    qt().withExamples(examples(200)).withFixedSeed(seed(504)).forAll(bracketed()).checkAssert(c -> {
      QMatrix mat = c.m();
      EigenBounds.Bracket b = EigenBounds.lambdaMin(mat, c.width());
      QMatrix shifted = mat.minusIdentity(b.upper().add(Rational.ONE));
      assertFalse(Definiteness.isPositiveSemidefinite(shifted));
      assertFalse(principalMinorsNonNegative(shifted));
      Rational[] v = Definiteness.negativeDirection(shifted);
      assertNotNull(v);
      assertTrue(form(shifted, v).signum() < 0);
    });
  }

  @Test
  @DisplayName("falsifiable: a bracket shifted below lambda_max is caught: (lo - 1) I - M is not PSD, with a witness v'((lo - 1) I - M)v < 0")
  void shiftedLambdaMaxBracketIsCaught() {
    qt().withExamples(examples(200)).withFixedSeed(seed(505)).forAll(bracketed()).checkAssert(c -> {
      QMatrix mat = c.m();
      EigenBounds.Bracket b = EigenBounds.lambdaMax(mat, c.width());
      QMatrix shifted = negate(mat.minusIdentity(b.lower().subtract(Rational.ONE)));
      assertFalse(Definiteness.isPositiveSemidefinite(shifted));
      assertFalse(principalMinorsNonNegative(shifted));
      Rational[] v = Definiteness.negativeDirection(shifted);
      assertNotNull(v);
      assertTrue(form(shifted, v).signum() < 0);
    });
  }

  // ====================================================================== gcd

  /** Two integers whose gcd is asked for. */
  record GcdPair(BigInteger a, BigInteger b) {}

  /** A non-negative integer of at most {@code bits} random bits. */
  private static BigInteger bigInteger(RandomnessSource in, int bits) {
    BigInteger x = BigInteger.ZERO;
    for (int left = bits; left > 0; left -= 30) {
      int k = Math.min(30, left);
      x = x.shiftLeft(k).add(BigInteger.valueOf(draw(in, 0, (1 << k) - 1)));
    }
    return x;
  }

  /**
   * Pairs shaped to reach every path of {@link Gcd}: a planted common factor g (1 to 120 bits)
   * times, by shape, two random cofactors of up to 300 bits (the Lehmer steps); consecutive
   * Fibonacci numbers, Euclid's worst case with all quotients 1 (long runs of Lehmer steps); equal
   * numbers and neighbours g u, g (u + 1) (equal leading digits); powers of two (only the binary
   * algorithm's shifts); a 200-300-bit number against one of at most 40 bits (the plain division
   * step); and cofactors of at most 20 bits (the {@code long} path). Signs are random; a zero
   * operand one time in twenty.
   */
  private static Gen<GcdPair> gcdPairs() {
    return in -> {
      BigInteger g = bigInteger(in, draw(in, 1, 120)).add(BigInteger.ONE);
      BigInteger u;
      BigInteger v;
      switch (draw(in, 0, 6)) {
        case 0 -> {
          BigInteger f0 = BigInteger.ZERO;
          BigInteger f1 = BigInteger.ONE;
          for (int k = draw(in, 40, 400); k > 0; k--) {
            BigInteger t = f0.add(f1);
            f0 = f1;
            f1 = t;
          }
          u = f1;
          v = f0;
        }
        case 1 -> {
          u = bigInteger(in, draw(in, 0, 300));
          v = u;
        }
        case 2 -> {
          u = bigInteger(in, draw(in, 0, 300));
          v = u.add(BigInteger.ONE);
        }
        case 3 -> {
          g = BigInteger.ONE.shiftLeft(draw(in, 0, 40));
          u = BigInteger.ONE.shiftLeft(draw(in, 0, 300));
          v = BigInteger.ONE.shiftLeft(draw(in, 0, 300));
        }
        case 4 -> {
          u = bigInteger(in, draw(in, 200, 300));
          v = bigInteger(in, draw(in, 0, 40));
        }
        case 5 -> {
          u = bigInteger(in, draw(in, 0, 20));
          v = bigInteger(in, draw(in, 0, 20));
        }
        default -> {
          u = bigInteger(in, draw(in, 0, 300));
          v = bigInteger(in, draw(in, 0, 300));
        }
      }
      BigInteger a = draw(in, 0, 19) == 0 ? BigInteger.ZERO : g.multiply(u);
      BigInteger b = g.multiply(v);
      return new GcdPair(draw(in, 0, 1) == 0 ? a : a.negate(), draw(in, 0, 1) == 0 ? b : b.negate());
    };
  }

  /**
   * The definition of gcd(a, b) restated: {@code d >= 0}; {@code d = 0} only for {@code a = b =
   * 0}; d divides a and b; and a / d, b / d have no common divisor greater than 1 (asked of the
   * JDK's own gcd, an independent implementation). The first failed condition, or null.
   */
  private static String gcdViolation(BigInteger a, BigInteger b, BigInteger d) {
    if (d.signum() < 0) {
      return "gcd " + d + " is negative";
    }
    if (d.signum() == 0) {
      return a.signum() == 0 && b.signum() == 0 ? null : "gcd 0 of a non-zero pair";
    }
    if (a.mod(d).signum() != 0 || b.mod(d).signum() != 0) {
      return d + " does not divide both " + a + " and " + b;
    }
    BigInteger rest = a.divide(d).gcd(b.divide(d));
    return rest.equals(BigInteger.ONE) ? null : "a / d and b / d still share the factor " + rest;
  }

  @Test
  @DisplayName("Gcd.of(a, b) is the greatest common divisor, on every path (long, Lehmer steps, division steps), and Gcd.quotient divides by it exactly")
  void gcdIsTheGreatestCommonDivisor() {
    int n = examples(2000);
    AtomicInteger lehmer = new AtomicInteger();
    AtomicInteger small = new AtomicInteger();
    qt().withExamples(n).withFixedSeed(seed(331)).forAll(gcdPairs()).checkAssert(p -> {
      BigInteger d = Gcd.of(p.a(), p.b());
      String bad = gcdViolation(p.a(), p.b(), d);
      assertNull(bad, "Gcd.of(" + p.a() + ", " + p.b() + ") = " + d + ": " + bad);
      assertEquals(d, Gcd.of(p.b(), p.a()), "the gcd is symmetric");
      if (d.signum() != 0) {
        // The exact quotients that follow every gcd in a reduction to lowest terms.
        assertEquals(p.a(), Gcd.quotient(p.a(), d).multiply(d), "quotient of a by the gcd");
        assertEquals(p.b(), Gcd.quotient(p.b(), d).multiply(d), "quotient of b by the gcd");
      }
      if (p.a().bitLength() > 62 && p.b().bitLength() > 62) {
        lehmer.incrementAndGet();
      } else if (p.a().bitLength() <= 62 && p.b().bitLength() <= 62) {
        small.incrementAndGet();
      }
    });
    assertCovered(n, lehmer, 30, "both operands above 62 bits (the Lehmer steps)");
    // The edge of Gcd.quotient's long path: -2^62 / -1 = 2^62 still fits in a long; -2^63 / -1
    // would not, so it must take the BigInteger path.
    BigInteger m62 = BigInteger.ONE.shiftLeft(62).negate();
    BigInteger m63 = BigInteger.ONE.shiftLeft(63).negate();
    BigInteger minusOne = BigInteger.ONE.negate();
    assertEquals(m62.negate(), Gcd.quotient(m62, minusOne));
    assertEquals(m63.negate(), Gcd.quotient(m63, minusOne));
    assertCovered(n, small, 5, "both operands within 62 bits (the long path)");
  }

  @Test
  @DisplayName("falsifiable: the gcd check rejects the gcd times a prime and the gcd divided by one of its primes")
  void gcdCheckCatchesAWrongDivisor() {
    int n = examples(500);
    AtomicInteger divided = new AtomicInteger();
    BigInteger[] primes = {BigInteger.TWO, BigInteger.valueOf(3), BigInteger.valueOf(5)};
    qt().withExamples(n).withFixedSeed(seed(332)).forAll(gcdPairs()).checkAssert(p -> {
      BigInteger d = Gcd.of(p.a(), p.b());
      if (d.signum() == 0) {
        return;
      }
      for (BigInteger q : primes) {
        // d q divides neither cofactor pair: a / d and b / d are coprime, so q misses one.
        assertNotNull(gcdViolation(p.a(), p.b(), d.multiply(q)), "d * " + q + " accepted");
        if (d.mod(q).signum() == 0) {
          divided.incrementAndGet();
          assertNotNull(gcdViolation(p.a(), p.b(), d.divide(q)), "d / " + q + " accepted");
        }
      }
    });
    assertCovered(n, divided, 30, "a gcd divisible by 2, 3 or 5");
  }
}
