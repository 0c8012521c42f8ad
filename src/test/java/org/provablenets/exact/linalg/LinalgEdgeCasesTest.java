package org.provablenets.exact.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.provablenets.testutil.Q.m;
import static org.provablenets.testutil.Q.v;

import org.junit.jupiter.api.Test;
import org.provablenets.exact.Rational;

/**
 * Edge cases of the exact linear-algebra core that the worked examples do not reach: solving
 * singular and rectangular systems, and the contracts of {@link QMatrix} (construction from rows,
 * index errors, equality, printing). Every expected value is worked out by hand in a comment.
 */
class LinalgEdgeCasesTest {

  // ---------------------------------------------------------------- solveAny

  @Test
  void longRowsAreTheIntegerRowsWithinSixtyTwoBits() {
    // Rows (1/2, -1/3) and (2^62 - 1, 0): integer rows (3, -2) over 6 and (2^62 - 1, 0) over 1.
    java.math.BigInteger fits = java.math.BigInteger.ONE.shiftLeft(62).subtract(java.math.BigInteger.ONE);
    QMatrix a =
        QMatrix.of(
            new Rational[][] {
              {Rational.of(1, 2), Rational.of(-1, 3)}, {Rational.of(fits), Rational.ZERO}
            },
            2);
    QMatrix.LongRows r = a.longRows();
    assertArrayEquals(new long[] {3, -2}, r.num[0]);
    assertArrayEquals(new long[] {(1L << 62) - 1, 0}, r.num[1]);
    assertArrayEquals(new long[] {6, 1}, r.den);
    r.num[0][0] = 99; // a copy: the matrix is unchanged
    assertArrayEquals(new long[] {3, -2}, a.longRows().num[0]);
    // One more bit does not fit: no long form.
    QMatrix wide =
        QMatrix.of(new Rational[][] {{Rational.of(fits.add(java.math.BigInteger.ONE))}}, 1);
    assertNull(wide.longRows());
    QMatrix wideDen = QMatrix.of(new Rational[][] {{Rational.of(java.math.BigInteger.ONE,
        fits.add(java.math.BigInteger.ONE))}}, 1);
    assertNull(wideDen.longRows());
  }

  @Test
  void solveAnyOnAConsistentSingularSystem() {
    // [[1,2],[2,4]] x = (3, 6): Gauss-Jordan leaves [1 2 | 3] and the zero row [0 0 | 0], so the
    // system is consistent; x2 is free (set to 0), x1 = 3.
    assertArrayEquals(v("3 0"), Elimination.solveAny(m("1 2; 2 4", 2), v("3 6")));
    // The same system with right-hand side (3, 7): the zero row becomes [0 0 | 7 - 2*3 = 1].
    assertNull(Elimination.solveAny(m("1 2; 2 4", 2), v("3 7")));
  }

  @Test
  void solveAnyOnAWideSystemWithAZeroFirstColumn() {
    // [0 2 4] x = 6: column 1 has no pivot, column 2 does: the row becomes [0 1 2 | 3];
    // with the free x1 = x3 = 0, x2 = 3 (check: 2 * 3 = 6).
    assertArrayEquals(v("0 3 0"), Elimination.solveAny(m("0 2 4", 3), v("6")));
  }

  @Test
  void solveAnyOnATallSystemWithARowExchange() {
    // [[0,1],[1,0],[1,1]] x = (2, 3, 5): column 1's pivot is row 2 (exchange), then column 2's;
    // the third row reduces to [0 0 | 5 - 3 - 2 = 0]: x = (3, 2). With b3 = 6 it reduces to 1.
    assertArrayEquals(v("3 2"), Elimination.solveAny(m("0 1; 1 0; 1 1", 2), v("2 3 5")));
    assertNull(Elimination.solveAny(m("0 1; 1 0; 1 1", 2), v("2 3 6")));
    // A consistent system whose first unknown is non-zero: [[2, 0], [0, 0]] x = (4, 0) gives
    // x = (2, 0).
    assertArrayEquals(v("2 0"), Elimination.solveAny(m("2 0; 0 0", 2), v("4 0")));
  }

  @Test
  void solveAnyRefusesAWrongRightHandSideAndLeavesItsInputs() {
    assertThrows(IllegalArgumentException.class, () -> Elimination.solveAny(m("1 2", 2), v("1 2")));
    QMatrix a = m("0 1; 1 0; 1 1", 2);
    Rational[] b = v("2 3 5");
    Elimination.solveAny(a, b);
    assertEquals(m("0 1; 1 0; 1 1", 2), a);
    assertArrayEquals(v("2 3 5"), b);
  }

  @Test
  void solveAnyGivesTheFreeVariablesTheRequestedValues() {
    // [[1,2],[2,4]] x = (3, 6) reduces to x1 + 2 x2 = 3 with x2 free: x2 = 1 gives x1 = 1 (the
    // requested 9 for the basic x1 is ignored).
    assertArrayEquals(v("1 1"), Elimination.solveAny(m("1 2; 2 4", 2), v("3 6"), v("9 1")));
    // [0 2 4] x = 6 reduces to x2 + 2 x3 = 3 with x1, x3 free: x1 = 5, x3 = 1 give x2 = 1
    // (check: 2 * 1 + 4 * 1 = 6).
    assertArrayEquals(v("5 1 1"), Elimination.solveAny(m("0 2 4", 3), v("6"), v("5 7 1")));
    // [[0,2,4],[0,1,2]] x = (6, 3): the second row is half the first, so it reduces to zero
    // (rank 1 < 2 rows) and x1 (a zero column) stays free: x1 = 5, x3 = 1, x2 = 3 - 2 = 1.
    assertArrayEquals(
        v("5 1 1"), Elimination.solveAny(m("0 2 4; 0 1 2", 3), v("6 3"), v("5 7 1")));
    // An inconsistent system stays inconsistent whatever the free values.
    assertNull(Elimination.solveAny(m("1 2; 2 4", 2), v("3 7"), v("0 1")));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Elimination.solveAny(m("0 2 4", 3), v("6"), v("5 7")));
    assertEquals("free values have 2 entries, matrix has 3 columns", e.getMessage());
  }

  // ---------------------------------------------------------------- QMatrix contracts

  @Test
  void ofRowsTakesTheColumnCountFromTheFirstRow() {
    assertEquals(m("1 2; 3 4", 2), QMatrix.of(new Rational[][] {v("1 2"), v("3 4")}));
    IllegalArgumentException empty =
        assertThrows(IllegalArgumentException.class, () -> QMatrix.of(new Rational[0][]));
    assertEquals("a matrix given by rows needs at least one row", empty.getMessage());
    IllegalArgumentException ragged =
        assertThrows(
            IllegalArgumentException.class, () -> QMatrix.of(new Rational[][] {v("1 2"), v("3")}));
    assertEquals("row 2 has 1 entries, expected 2", ragged.getMessage());
  }

  @Test
  void indexErrorsNameTheIndex() {
    QMatrix a = m("1 2; 3 4", 2);
    assertEquals(
        "row 2 of 2",
        assertThrowsExactly(IndexOutOfBoundsException.class, () -> a.get(2, 0)).getMessage());
    assertEquals(
        "row -1 of 2",
        assertThrowsExactly(IndexOutOfBoundsException.class, () -> a.get(-1, 0)).getMessage());
    assertEquals(
        "column 2 of 2",
        assertThrowsExactly(IndexOutOfBoundsException.class, () -> a.get(1, 2)).getMessage());
    assertEquals(
        "column -1 of 2",
        assertThrowsExactly(IndexOutOfBoundsException.class, () -> a.get(1, -1)).getMessage());
    assertEquals(
        "row 2 of 2",
        assertThrowsExactly(IndexOutOfBoundsException.class, () -> a.row(2)).getMessage());
    assertEquals(
        "row -1 of 2",
        assertThrowsExactly(IndexOutOfBoundsException.class, () -> a.row(-1)).getMessage());
    assertArrayEquals(v("3 4"), a.row(1));
  }

  @Test
  void minusIdentityNeedsASquareMatrix() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> m("1 2", 2).minusIdentity(Rational.ONE));
    assertEquals("matrix is 1 x 2, not square", e.getMessage());
    // [[1,2],[3,4]] - 1/2 I = [[1/2, 2], [3, 7/2]].
    assertEquals(m("1/2 2; 3 7/2", 2), m("1 2; 3 4", 2).minusIdentity(Rational.of(1, 2)));
  }

  @Test
  void equalityComparesShapeAndEntries() {
    QMatrix a = m("1 2; 3 4", 2);
    assertEquals(a, m("1 2; 3 4", 2));
    assertEquals(a.hashCode(), m("1 2; 3 4", 2).hashCode());
    assertNotEquals(a, m("1 2; 3 5", 2));
    assertNotEquals(a, m("1 2", 2));
    // Two matrices without rows differ only in their column count.
    assertNotEquals(QMatrix.zero(0, 2), QMatrix.zero(0, 3));
    assertNotEquals((Object) a, "[[1, 2], [3, 4]]");
  }

  @Test
  void printsRowByRow() {
    assertEquals("[[1, -1/2], [0, 3]]", m("1 -1/2; 0 3", 2).toString());
    assertEquals("[[5]]", m("5", 1).toString());
    assertEquals("[]", QMatrix.zero(0, 2).toString());
  }

  // ---------------------------------------------------------------- vectors

  @Test
  void vectorOperationsRefuseDifferentLengths() {
    IllegalArgumentException add =
        assertThrows(IllegalArgumentException.class, () -> QVectors.add(v("1 2"), v("1")));
    assertEquals("vectors of lengths 2 and 1 cannot be combined", add.getMessage());
    assertThrows(IllegalArgumentException.class, () -> QVectors.subtract(v("1 2"), v("1")));
    assertThrows(IllegalArgumentException.class, () -> QVectors.dot(v("1"), v("1 2")));
    // ||(3, 4)||^2 = 9 + 16 = 25.
    assertEquals(Rational.of(25), QVectors.normSquared(v("3 4")));
  }

  // ---------------------------------------------------------------- eigenvalue brackets

  @Test
  void gershgorinBracketNeedsNoBisectionWhenNarrowEnough() {
    // diag(1, 3): the discs are the points 1 and 3, so lo = 1, and hi = min diagonal = 1: the
    // bracket is [1, 1] at once (using the largest diagonal entry, 3, would not be).
    EigenBounds.Bracket d = EigenBounds.lambdaMin(m("1 0; 0 3", 2), Rational.ONE);
    assertEquals(Rational.ONE, d.lower());
    assertEquals(Rational.ONE, d.upper());
    // [[2,1],[1,2]]: lo = 2 - 1 = 1, hi = 2; the width 1 is allowed, so [1, 2] is returned
    // unbisected.
    EigenBounds.Bracket b = EigenBounds.lambdaMin(m("2 1; 1 2", 2), Rational.ONE);
    assertEquals(Rational.ONE, b.lower());
    assertEquals(Rational.of(2), b.upper());
    assertEquals("[1, 2]", b.toString());
  }

  @Test
  void dyadicBetweenTakesTheShortestCandidateWithinAQuarter() {
    // lo = 3/4, hi = 7/4: midpoint 5/4, quarter width 1/4. The first candidate, floor(5/4) = 1,
    // is 1/4 from the midpoint: within the quarter, so it is taken.
    assertEquals(Rational.ONE, EigenBounds.dyadicBetween(Rational.of(3, 4), Rational.of(7, 4)));
    // lo = 0, hi = 4/3: midpoint 2/3, quarter 1/3; 0 is 2/3 away, then 1/2 (scale 2) is 1/6 away.
    assertEquals(Rational.of(1, 2), EigenBounds.dyadicBetween(Rational.ZERO, Rational.of(4, 3)));
  }
}
