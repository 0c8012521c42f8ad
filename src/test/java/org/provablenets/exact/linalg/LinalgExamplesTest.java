package org.provablenets.exact.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provablenets.testutil.Q.m;
import static org.provablenets.testutil.Q.q;
import static org.provablenets.testutil.Q.v;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.provablenets.exact.Rational;

/**
 * Worked examples for the exact linear-algebra core: determinants, ranks, solves, definiteness
 * with witnesses and eigenvalue brackets, each with an answer computed by hand in a comment.
 */
class LinalgExamplesTest {

  // ---------------------------------------------------------------- determinant

  @Test
  @DisplayName("det [[1,2],[3,4]] = 1*4 - 2*3 = -2")
  void det2x2() {
    assertEquals(q("-2"), Elimination.determinant(m("1 2; 3 4", 2)));
  }

  @Test
  @DisplayName("det [[1/2,1/3],[1/4,1/5]] = 1/10 - 1/12 = 1/60")
  void detFractions() {
    assertEquals(q("1/60"), Elimination.determinant(m("1/2 1/3; 1/4 1/5", 2)));
  }

  @Test
  @DisplayName("det of the Vandermonde matrix on 1, 2, 3 is (2-1)(3-1)(3-2) = 2")
  void detVandermonde() {
    assertEquals(q("2"), Elimination.determinant(m("1 1 1; 1 2 4; 1 3 9", 3)));
  }

  @Test
  @DisplayName("det of a triangular matrix is the product of its diagonal: (-1/2)(2/3)(-6) = 2")
  void detTriangular() {
    assertEquals(q("2"), Elimination.determinant(m("-1/2 3/4 5; 0 2/3 -7; 0 0 -6", 3)));
    assertEquals(q("2"), Elimination.determinant(m("-1/2 0 0; 3/4 2/3 0; 5 -7 -6", 3)));
  }

  @Test
  @DisplayName("det of the 3x3 system matrix [[2,1,-1],[-3,-1,2],[-2,1,2]] is -1")
  void det3x3() {
    // Cofactor expansion along row 1: 2(-2-2) - 1(-6+4) + (-1)(-3-2) = -8 + 2 + 5 = -1.
    assertEquals(q("-1"), Elimination.determinant(m("2 1 -1; -3 -1 2; -2 1 2", 3)));
  }

  @Test
  @DisplayName("singular matrices have det 0: a multiple row, a zero row, a zero column, row3 = row1 + row2")
  void detSingular() {
    assertEquals(Rational.ZERO, Elimination.determinant(m("1 2; 2 4", 2)));
    assertEquals(Rational.ZERO, Elimination.determinant(m("1 2 3; 0 0 0; 4 5 6", 3)));
    assertEquals(Rational.ZERO, Elimination.determinant(m("0 2 3; 0 1 5; 0 5 6", 3)));
    assertEquals(Rational.ZERO, Elimination.determinant(m("1 2 3; 4 5 6; 7 8 9", 3)));
    assertEquals(Rational.ZERO, Elimination.determinant(m("1/2 1/3 1; 1/4 1/5 2; 3/4 8/15 3", 3)));
    assertEquals(Rational.ZERO, Elimination.determinant(QMatrix.zero(4, 4)));
    assertEquals(Rational.ZERO, Elimination.determinant(m("0", 1)));
  }

  @Test
  @DisplayName("det of the 0x0 matrix is 1 (the empty product)")
  void detEmpty() {
    assertEquals(Rational.ONE, Elimination.determinant(QMatrix.zero(0, 0)));
    assertEquals(Rational.ONE, Elimination.determinant(QMatrix.identity(0)));
  }

  @Test
  @DisplayName("det of a permutation matrix is the sign of the permutation")
  void detPermutationSign() {
    assertEquals(q("-1"), Elimination.determinant(m("0 1; 1 0", 2))); // a transposition
    assertEquals(q("1"), Elimination.determinant(m("0 1 0; 0 0 1; 1 0 0", 3))); // a 3-cycle
    assertEquals(q("-1"), Elimination.determinant(m("0 0 1; 0 1 0; 1 0 0", 3))); // swap 1,3
    assertEquals(q("1"), Elimination.determinant(m("0 1 0 0; 1 0 0 0; 0 0 0 1; 0 0 1 0", 4)));
    assertEquals(q("-1"), Elimination.determinant(m("0 1 0 0; 0 0 1 0; 0 0 0 1; 1 0 0 0", 4)));
    // Scaled anti-diagonal: the permutation 3 2 1 is odd, so det = -(1*2*3) = -6.
    assertEquals(q("-6"), Elimination.determinant(m("0 0 1; 0 2 0; 3 0 0", 3)));
    assertEquals(Rational.ONE, Elimination.determinant(QMatrix.identity(5)));
  }

  @Test
  @DisplayName("det refuses a non-square matrix")
  void detNonSquare() {
    assertThrows(IllegalArgumentException.class, () -> Elimination.determinant(m("1 2 3; 4 5 6", 3)));
  }

  // ---------------------------------------------------------------- rank

  @Test
  @DisplayName("rank of rectangular and degenerate matrices")
  void rank() {
    assertEquals(0, Elimination.rank(QMatrix.zero(2, 3)));
    assertEquals(0, Elimination.rank(QMatrix.zero(0, 3)));
    assertEquals(0, Elimination.rank(QMatrix.zero(3, 0)));
    assertEquals(0, Elimination.rank(QMatrix.zero(0, 0)));
    assertEquals(1, Elimination.rank(m("1 2 3; 2 4 6", 3))); // parallel rows
    assertEquals(1, Elimination.rank(m("1/2 1/3; 3 2", 2))); // row 2 = 6 row 1
    assertEquals(2, Elimination.rank(m("1 2; 3 4; 5 6", 2))); // tall, full column rank
    assertEquals(2, Elimination.rank(m("1 2 3; 4 5 6; 7 8 9", 3))); // row1 + row3 = 2 row2
    assertEquals(3, Elimination.rank(m("2 1 -1; -3 -1 2; -2 1 2", 3)));
    assertEquals(2, Elimination.rank(m("0 1 2; 0 2 4; 0 0 1", 3))); // a zero first column
    // row 3 = row 1 + row 2; elimination meets a column with no pivot and must skip it.
    assertEquals(2, Elimination.rank(m("1 1 1 1; 1 1 2 2; 2 2 3 3", 4)));
    assertEquals(2, Elimination.rank(m("1 0 0 0; 0 0 1 0", 4))); // wide
    assertEquals(1, Elimination.rank(m("0 0 0 5", 4)));
    assertEquals(1, Elimination.rank(m("0; 0; 7", 1)));
    assertEquals(5, Elimination.rank(QMatrix.identity(5)));
  }

  // ---------------------------------------------------------------- solve

  @Test
  @DisplayName("solve the 3x3 system 2x+y-z=8, -3x-y+2z=-11, -2x+y+2z=-3: x=2, y=3, z=-1")
  void solve3x3() {
    QMatrix a = m("2 1 -1; -3 -1 2; -2 1 2", 3);
    Rational[] x = Elimination.solve(a, v("8 -11 -3"));
    assertNotNull(x);
    assertArrayEquals(v("2 3 -1"), x);
    assertArrayEquals(v("8 -11 -3"), a.times(x));
  }

  @Test
  @DisplayName("solve with fractions: [[1/2,1/3],[1/4,1/5]] x = (1,1) gives x = (-8, 15)")
  void solveFractions() {
    // Cramer: det = 1/60; x1 = (1/5 - 1/3) / (1/60) = -8; x2 = (1/2 - 1/4) / (1/60) = 15.
    Rational[] x = Elimination.solve(m("1/2 1/3; 1/4 1/5", 2), v("1 1"));
    assertArrayEquals(v("-8 15"), x);
  }

  @Test
  @DisplayName("solve needs a row exchange when the first pivot is zero: [[0,1],[1,0]] x = (3,4) gives (4,3)")
  void solveRowExchange() {
    assertArrayEquals(v("4 3"), Elimination.solve(m("0 1; 1 0", 2), v("3 4")));
    assertArrayEquals(v("1/3 1/2 1"), Elimination.solve(m("0 0 1; 0 2 0; 3 0 0", 3), v("1 1 1")));
  }

  @Test
  @DisplayName("solve of a singular system returns null, consistent or not")
  void solveSingular() {
    assertNull(Elimination.solve(m("1 2; 2 4", 2), v("1 2"))); // consistent: x = (1, 0) works
    assertNull(Elimination.solve(m("1 2; 2 4", 2), v("1 3"))); // inconsistent
    assertNull(Elimination.solve(m("1 2 3; 4 5 6; 7 8 9", 3), v("0 0 0")));
    assertNull(Elimination.solve(m("0", 1), v("0")));
    assertNull(Elimination.solve(m("1 2 3; 0 0 0; 4 5 6", 3), v("1 0 1")));
  }

  @Test
  @DisplayName("solve of the 0x0 system is the empty vector; bad shapes are refused")
  void solveShapes() {
    Rational[] x = Elimination.solve(QMatrix.zero(0, 0), new Rational[0]);
    assertNotNull(x);
    assertEquals(0, x.length);
    assertThrows(IllegalArgumentException.class, () -> Elimination.solve(m("1 2", 2), v("1")));
    assertThrows(IllegalArgumentException.class, () -> Elimination.solve(m("1 0; 0 1", 2), v("1")));
  }

  @Test
  @DisplayName("solve does not modify its inputs")
  void solveLeavesInputs() {
    QMatrix a = m("0 1; 1 0", 2);
    Rational[] b = v("3 4");
    Elimination.solve(a, b);
    assertEquals(m("0 1; 1 0", 2), a);
    assertArrayEquals(v("3 4"), b);
  }

  // ---------------------------------------------------------------- definiteness

  /** Asserts that w is a witness of "not PSD": v'Mv < 0, checked exactly. */
  private static void assertNegativeWitness(QMatrix mat, Rational[] w) {
    assertNotNull(w, "expected a witness of indefiniteness");
    assertEquals(mat.rows(), w.length);
    Rational f = Definiteness.quadraticForm(mat, w);
    assertTrue(f.signum() < 0, "v'Mv = " + f + " for v = " + java.util.Arrays.toString(w));
  }

  /** Asserts that w is a witness of "not PD": v != 0 and v'Mv <= 0, checked exactly. */
  private static void assertNonPositiveWitness(QMatrix mat, Rational[] w) {
    assertNotNull(w, "expected a witness of non-definiteness");
    assertEquals(mat.rows(), w.length);
    assertFalse(QVectors.isZero(w), "the witness must be non-zero");
    Rational f = Definiteness.quadraticForm(mat, w);
    assertTrue(f.signum() <= 0, "v'Mv = " + f + " for v = " + java.util.Arrays.toString(w));
  }

  @Test
  @DisplayName("the identity is PD (hence PSD)")
  void identity() {
    for (int n = 0; n <= 4; n++) {
      QMatrix id = QMatrix.identity(n);
      assertTrue(Definiteness.isPositiveSemidefinite(id));
      assertTrue(Definiteness.isPositiveDefinite(id));
      assertNull(Definiteness.negativeDirection(id));
      assertNull(Definiteness.nonPositiveDirection(id));
    }
  }

  @Test
  @DisplayName("[[1,1],[1,1]] is PSD but not PD: (1,-1) is in its kernel")
  void onesMatrix() {
    QMatrix a = m("1 1; 1 1", 2);
    assertTrue(Definiteness.isPositiveSemidefinite(a));
    assertFalse(Definiteness.isPositiveDefinite(a));
    Rational[] w = Definiteness.nonPositiveDirection(a);
    assertNonPositiveWitness(a, w);
    // v'Mv = (v1 + v2)^2 >= 0, so a witness has v'Mv = 0 exactly: v1 = -v2.
    assertEquals(Rational.ZERO, Definiteness.quadraticForm(a, w));
  }

  @Test
  @DisplayName("[[1,2],[2,1]] is not PSD (eigenvalue -1), with a witness v'Mv < 0")
  void indefinite2x2() {
    QMatrix a = m("1 2; 2 1", 2);
    assertFalse(Definiteness.isPositiveSemidefinite(a));
    assertFalse(Definiteness.isPositiveDefinite(a));
    assertNegativeWitness(a, Definiteness.negativeDirection(a));
    assertNonPositiveWitness(a, Definiteness.nonPositiveDirection(a));
    // A hand witness: v = (1,-1) gives 1 - 4 + 1 = -2.
    assertEquals(q("-2"), Definiteness.quadraticForm(a, v("1 -1")));
  }

  @Test
  @DisplayName("the zero matrix is PSD, not PD")
  void zeroMatrix() {
    QMatrix z = QMatrix.zero(3, 3);
    assertTrue(Definiteness.isPositiveSemidefinite(z));
    assertFalse(Definiteness.isPositiveDefinite(z));
    assertNonPositiveWitness(z, Definiteness.nonPositiveDirection(z));
  }

  @Test
  @DisplayName("[[0,1],[1,0]] is not PSD: a zero pivot with a non-zero row (v = (1,-1) gives -2)")
  void zeroPivotNonZeroRow() {
    QMatrix a = m("0 1; 1 0", 2);
    assertFalse(Definiteness.isPositiveSemidefinite(a));
    assertNegativeWitness(a, Definiteness.negativeDirection(a));
    assertEquals(q("-2"), Definiteness.quadraticForm(a, v("1 -1")));
  }

  @Test
  @DisplayName("[[1,1,0],[1,1,1],[0,1,1]] is not PSD (eigenvalue 1 - sqrt 2): the witness is lifted through a pivot")
  void liftedWitness() {
    // After the first pivot the Schur complement is [[0,1],[1,1]]: a zero pivot, non-zero row.
    QMatrix a = m("1 1 0; 1 1 1; 0 1 1", 3);
    assertNegativeWitness(a, Definiteness.negativeDirection(a));
    // Negative pivot after elimination: [[1,2],[2,3]] has Schur complement 3 - 4 = -1.
    QMatrix b = m("1 2; 2 3", 2);
    assertNegativeWitness(b, Definiteness.negativeDirection(b));
    // Negative first diagonal entry.
    QMatrix c = m("-1/3 0; 0 5", 2);
    assertNegativeWitness(c, Definiteness.negativeDirection(c));
  }

  @Test
  @DisplayName("known definite and semidefinite matrices: the path Laplacian and the 1D Poisson matrix")
  void knownMatrices() {
    // Path Laplacian: PSD, kernel spanned by (1,1,1).
    QMatrix lap = m("1 -1 0; -1 2 -1; 0 -1 1", 3);
    assertTrue(Definiteness.isPositiveSemidefinite(lap));
    assertFalse(Definiteness.isPositiveDefinite(lap));
    assertNonPositiveWitness(lap, Definiteness.nonPositiveDirection(lap));
    assertEquals(Rational.ZERO, Definiteness.quadraticForm(lap, v("1 1 1")));
    // Poisson matrix tridiag(-1, 2, -1): eigenvalues 2 - sqrt 2, 2, 2 + sqrt 2, all > 0.
    QMatrix poisson = m("2 -1 0; -1 2 -1; 0 -1 2", 3);
    assertTrue(Definiteness.isPositiveDefinite(poisson));
    // A PSD matrix with a zero row in the middle: diag(1, 0, 2).
    QMatrix d = m("1 0 0; 0 0 0; 0 0 2", 3);
    assertTrue(Definiteness.isPositiveSemidefinite(d));
    assertFalse(Definiteness.isPositiveDefinite(d));
    assertNonPositiveWitness(d, Definiteness.nonPositiveDirection(d));
    // Hilbert matrix H3 (PD, all fractions).
    assertTrue(Definiteness.isPositiveDefinite(m("1 1/2 1/3; 1/2 1/3 1/4; 1/3 1/4 1/5", 3)));
  }

  @Test
  @DisplayName("a non-symmetric matrix is refused by the definiteness tests")
  void nonSymmetricRefused() {
    QMatrix a = m("1 2; 0 1", 2); // x'Ax = (x1 + x2)^2 >= 0, but A is not symmetric
    assertThrows(IllegalArgumentException.class, () -> Definiteness.isPositiveSemidefinite(a));
    assertThrows(IllegalArgumentException.class, () -> Definiteness.isPositiveDefinite(a));
    assertThrows(IllegalArgumentException.class, () -> Definiteness.negativeDirection(a));
    assertThrows(IllegalArgumentException.class, () -> Definiteness.nonPositiveDirection(a));
    assertThrows(IllegalArgumentException.class, () -> Definiteness.isPositiveSemidefinite(m("1 2", 2)));
  }

  // ---------------------------------------------------------------- eigenvalue brackets

  private static void assertContains(EigenBounds.Bracket b, Rational value, Rational width) {
    assertTrue(b.lower().compareTo(value) <= 0, b + " must contain " + value);
    assertTrue(value.compareTo(b.upper()) <= 0, b + " must contain " + value);
    assertTrue(b.width().compareTo(width) <= 0, b + " must be no wider than " + width);
    assertEquals(b.upper().subtract(b.lower()), b.width());
  }

  @Test
  @DisplayName("diag(1,2,3): lambda_min in a bracket around 1, lambda_max around 3")
  void eigenDiagonal() {
    QMatrix d = m("1 0 0; 0 2 0; 0 0 3", 3);
    for (String w : new String[] {"1", "1/2", "1/100", "1/1000000"}) {
      assertContains(EigenBounds.lambdaMin(d, q(w)), q("1"), q(w));
      assertContains(EigenBounds.lambdaMax(d, q(w)), q("3"), q(w));
    }
  }

  @Test
  @DisplayName("[[2,1],[1,2]] has eigenvalues 1 and 3: the brackets contain them")
  void eigen2x2() {
    QMatrix a = m("2 1; 1 2", 2);
    for (String w : new String[] {"1", "1/3", "1/1000"}) {
      EigenBounds.Bracket lo = EigenBounds.lambdaMin(a, q(w));
      EigenBounds.Bracket hi = EigenBounds.lambdaMax(a, q(w));
      assertContains(lo, q("1"), q(w));
      assertContains(hi, q("3"), q(w));
      // The exact certificates: M - lo I is PSD, and M - hi I is not PD.
      assertTrue(Definiteness.isPositiveSemidefinite(a.minusIdentity(lo.lower())));
      assertFalse(Definiteness.isPositiveDefinite(a.minusIdentity(lo.upper())));
      assertTrue(Definiteness.isPositiveSemidefinite(a.minusIdentity(hi.upper()).scale(q("-1"))));
      assertFalse(Definiteness.isPositiveDefinite(a.minusIdentity(hi.lower()).scale(q("-1"))));
    }
  }

  @Test
  @DisplayName("[[1,1],[1,0]] has irrational eigenvalues (1 +- sqrt 5)/2: the characteristic polynomial changes sign on each bracket")
  void eigenIrrational() {
    QMatrix a = m("1 1; 1 0", 2);
    Rational w = q("1/1000");
    EigenBounds.Bracket mx = EigenBounds.lambdaMax(a, w);
    EigenBounds.Bracket mn = EigenBounds.lambdaMin(a, w);
    assertTrue(mx.width().compareTo(w) <= 0);
    assertTrue(mn.width().compareTo(w) <= 0);
    // p(t) = t^2 - t - 1 is negative strictly between the roots and positive outside, so
    // p(lower) <= 0 <= p(upper) brackets the larger root, and p(lower) >= 0 >= p(upper) the smaller.
    assertTrue(charPoly(mx.lower()).signum() <= 0, mx.toString());
    assertTrue(charPoly(mx.upper()).signum() >= 0, mx.toString());
    assertTrue(mx.lower().compareTo(q("1/2")) > 0, mx.toString());
    assertTrue(charPoly(mn.lower()).signum() >= 0, mn.toString());
    assertTrue(charPoly(mn.upper()).signum() <= 0, mn.toString());
    assertTrue(mn.upper().compareTo(q("1/2")) < 0, mn.toString());
  }

  private static Rational charPoly(Rational t) {
    return t.multiply(t).subtract(t).subtract(Rational.ONE);
  }

  @Test
  @DisplayName("[[1,1],[1,1]] has eigenvalues 0 and 2; a 1x1 matrix is its own eigenvalue")
  void eigenSingularAndScalar() {
    QMatrix a = m("1 1; 1 1", 2);
    assertContains(EigenBounds.lambdaMin(a, q("1/64")), q("0"), q("1/64"));
    assertContains(EigenBounds.lambdaMax(a, q("1/64")), q("2"), q("1/64"));
    EigenBounds.Bracket s = EigenBounds.lambdaMin(m("-7/3", 1), q("1/10"));
    assertEquals(q("-7/3"), s.lower());
    assertEquals(q("-7/3"), s.upper());
    assertContains(EigenBounds.lambdaMax(m("-7/3", 1), q("1/10")), q("-7/3"), q("1/10"));
  }

  @Test
  @DisplayName("eigenvalue brackets refuse a non-symmetric or empty matrix and a width <= 0")
  void eigenRefusals() {
    assertThrows(IllegalArgumentException.class, () -> EigenBounds.lambdaMin(m("1 2; 0 1", 2), q("1")));
    assertThrows(IllegalArgumentException.class, () -> EigenBounds.lambdaMax(m("1 2; 0 1", 2), q("1")));
    assertThrows(IllegalArgumentException.class, () -> EigenBounds.lambdaMin(QMatrix.zero(0, 0), q("1")));
    assertThrows(IllegalArgumentException.class, () -> EigenBounds.lambdaMin(m("1", 1), q("0")));
    assertThrows(IllegalArgumentException.class, () -> EigenBounds.lambdaMin(m("1", 1), q("-1")));
    assertThrows(IllegalArgumentException.class, () -> EigenBounds.lambdaMin(m("1 2 3", 3), q("1")));
  }

  // ---------------------------------------------------------------- Gram matrices

  @Test
  @DisplayName("s A'A with small entries (long sums) and with 2^40-sized ones (BigInteger sums)")
  void gramInLongAndInBigIntegers() {
    // A = [[1, 2], [3, 1/2]], s = 2/3: A'A = [[10, 7/2], [7/2, 17/4]], times 2/3 =
    // [[20/3, 7/3], [7/3, 17/6]].
    QMatrix a = m("1 2; 3 1/2", 2);
    assertEquals(m("20/3 7/3; 7/3 17/6", 2), a.gram(q("2/3")));
    // Entries of 2^40 (and 2^40 + 1) make the column products about 2^80: past long, so the
    // BigInteger path. A = [[2^40, 1], [1, 2^40 + 1]]: A'A = [[2^80 + 1, 2^40 + 2^40 + 1], [.., 1 +
    // (2^40 + 1)^2]], checked against the product of A' and A.
    String big = "1099511627776";
    String big1 = "1099511627777";
    QMatrix b = m(big + " 1; 1 " + big1, 2);
    QMatrix expected = b.transpose().times(b).scale(q("1/7"));
    assertEquals(expected, b.gram(q("1/7")));
    // The integer rows the result carries agree with its entries.
    QMatrix g = b.gram(q("1/7"));
    for (int i = 0; i < 2; i++) {
      Rational[] row = g.row(i);
      java.math.BigInteger[] num = g.integerRow(i);
      for (int j = 0; j < 2; j++) {
        assertEquals(row[j], Rational.of(num[j], g.rowDenominator(i)));
      }
    }
  }

  @Test
  @DisplayName("Unreduced products equal the reduced ones entry by entry")
  void unreducedProducts() {
    QMatrix a = m("1/2 0 3; 0 -2/3 1/4", 3);
    Rational[] x = v("2/5 -1 7");
    Rational[] y = v("-3/4 5/6");
    java.math.BigInteger[][] ax = a.timesUnreduced(x);
    Rational[] axr = a.times(x);
    java.math.BigInteger[][] aty = a.transposeTimesUnreduced(y);
    Rational[] atyr = a.transposeTimes(y);
    for (int i = 0; i < 2; i++) {
      assertTrue(ax[1][i].signum() > 0);
      assertEquals(axr[i], Rational.of(ax[0][i], ax[1][i]));
    }
    for (int j = 0; j < 3; j++) {
      assertTrue(aty[1][j].signum() > 0);
      assertEquals(atyr[j], Rational.of(aty[0][j], aty[1][j]));
    }
    // By hand: A x = (1/5 + 21, 2/3 + 7/4) = (106/5, 29/12).
    assertArrayEquals(v("106/5 29/12"), axr);
    assertThrows(IllegalArgumentException.class, () -> a.timesUnreduced(v("1 2")));
    assertThrows(IllegalArgumentException.class, () -> a.transposeTimesUnreduced(v("1 2 3")));
    assertThrows(IndexOutOfBoundsException.class, () -> a.integerRow(2));
    assertThrows(IndexOutOfBoundsException.class, () -> a.rowDenominator(-1));
  }

  @Test
  @DisplayName("A matrix made from integer rows has the entries num/den in lowest terms, and refuses bad rows")
  void matrixFromIntegerRows() {
    java.math.BigInteger[][] num = {
      {java.math.BigInteger.valueOf(2), java.math.BigInteger.ZERO, java.math.BigInteger.valueOf(-3)},
      {java.math.BigInteger.valueOf(5), java.math.BigInteger.valueOf(10), java.math.BigInteger.ONE}
    };
    java.math.BigInteger[] den = {java.math.BigInteger.valueOf(6), java.math.BigInteger.valueOf(5)};
    QMatrix a = QMatrix.ofIntegerRows(num, den, 3);
    // Row 0: 2/6, 0, -3/6 = 1/3, 0, -1/2. Row 1: 5/5, 10/5, 1/5 = 1, 2, 1/5.
    assertEquals(m("1/3 0 -1/2; 1 2 1/5", 3), a);
    // The integer rows are kept as given (not reduced to the least denominator).
    assertEquals(java.math.BigInteger.valueOf(6), a.rowDenominator(0));
    assertArrayEquals(num[0], a.integerRow(0));
    // The arrays were copied: changing the caller's arrays changes nothing.
    num[0][0] = java.math.BigInteger.TEN;
    den[1] = java.math.BigInteger.ONE;
    assertEquals(q("1/3"), a.get(0, 0));
    assertEquals(q("1/5"), a.get(1, 2));
    // Products and A'A agree with the same matrix made from its rational rows.
    QMatrix b = m("1/3 0 -1/2; 1 2 1/5", 3);
    assertArrayEquals(b.times(v("1 2 3")), a.times(v("1 2 3")));
    assertArrayEquals(b.transposeTimes(v("3 -5")), a.transposeTimes(v("3 -5")));
    assertEquals(b.transpose().times(b).scale(q("2/7")), a.gram(q("2/7")));
    java.math.BigInteger one = java.math.BigInteger.ONE;
    assertThrows(IllegalArgumentException.class,
        () -> QMatrix.ofIntegerRows(new java.math.BigInteger[][] {{one, one}}, new java.math.BigInteger[] {one}, 3));
    assertThrows(IllegalArgumentException.class,
        () -> QMatrix.ofIntegerRows(new java.math.BigInteger[][] {{one}}, new java.math.BigInteger[] {java.math.BigInteger.ZERO}, 1));
    assertThrows(IllegalArgumentException.class,
        () -> QMatrix.ofIntegerRows(new java.math.BigInteger[][] {{one}}, new java.math.BigInteger[0], 1));
  }
}
