package org.provablenets.exact.qp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.provablenets.bench.Benchmark;
import org.provablenets.cert.CertificateChecker;
import org.provablenets.erm.Dataset;
import org.provablenets.erm.Loss;
import org.provablenets.erm.PatternSet;
import org.provablenets.erm.Patterns;
import org.provablenets.exact.Rational;

/** The filtered solver on programs where its floating-point guess needs its second chance. */
class FilteredQpSolverTest {
  /**
   * A degenerate T1 subproblem (benchmark data D = 20, n = 1, seed 1; signs +1, +1; patterns 7
   * and 8). The first floating-point Lemke run ends on a point with negative components and
   * weights of about 1e-12, so both of its active-set guesses fail the exact checks (as measured
   * when this test was written); the run on the perturbed q ends on a basis of the true optimum,
   * whose exact repair is accepted. Without the second run the exact Lemke fallback would decide.
   */
  @Test
  void perturbedSecondRunRepairsADegenerateSubproblem() {
    Dataset data = Benchmark.data(20, 1, 1);
    PatternSet ps = Patterns.enumerate(data);
    QuadraticProgram qp = Loss.SQUARED.program(data, ps, 2, new int[] {7, 8}, false);
    QpResult repaired = FilteredQpSolver.repaired(qp);
    assertNotNull(repaired, "neither floating-point run gave a guess that repairs");
    QpResult exact = QpSolver.solve(qp);
    assertEquals(exact.value(), repaired.value());
    assertEquals(Rational.of(14396701, 1090656), repaired.value());
    assertArrayEquals(exact.x(), repaired.x());
    assertEquals(
        repaired.value(),
        CertificateChecker.qpDualBound(qp, repaired.x(), repaired.lambda(), new Rational[0]));
  }

  /**
   * The integer form of a T1 subproblem (six points of the line, width 2): the constraints
   * separate into one block per unit, columns {0, 1} and {2, 3}; every scale makes its row
   * integral and positive.
   */
  @Test
  void integerFormHasOneConstraintBlockPerUnit() {
    Dataset data = Benchmark.data(6, 1, 1);
    PatternSet ps = Patterns.enumerate(data);
    QuadraticProgram qp = Loss.SQUARED.program(data, ps, 1, new int[] {0, 3}, false);
    IntegerForm f = qp.integerForm();
    assertEquals(2, f.blockColumns.length);
    assertArrayEquals(new int[] {0, 1}, f.blockColumns[0]);
    assertArrayEquals(new int[] {2, 3}, f.blockColumns[1]);
    assertArrayEquals(new int[] {0, 0, 1, 1}, f.columnBlock);
    for (int i = 0; i < qp.g().rows(); i++) {
      assertEquals(i < 6 ? 0 : 1, f.gBlock[i], "row " + i);
      assertTrue(f.gScale[i].signum() > 0);
      for (int j = 0; j < 4; j++) {
        assertEquals(qp.g().get(i, j), Rational.of(f.g[i][j], f.gScale[i]));
      }
    }
    for (int i = 0; i < 4; i++) {
      assertEquals(qp.c()[i], Rational.of(f.c[i], f.alpha));
      for (int j = 0; j < 4; j++) {
        assertEquals(qp.q().get(i, j), Rational.of(f.q[i][j], f.alpha));
      }
    }
  }

  /**
   * Scales beyond the range of double: 2^1100 converts to infinity, so a naive {@code
   * num.doubleValue() / den.doubleValue()} gives NaN for {@code (2^1100 + 1) / 2^1100}; the hint
   * conversion gives 1. Then, end to end, {@code min 1/2 q x^2 + x, x >= 0} with that q (integer
   * form alpha = 2^1100) is repaired to its exact optimum x = 0, multiplier 1, value 0.
   */
  @Test
  void hugeScalesStillGiveFiniteHints() {
    java.math.BigInteger two1100 = java.math.BigInteger.ONE.shiftLeft(1100);
    java.math.BigInteger num = two1100.add(java.math.BigInteger.ONE);
    assertTrue(Double.isNaN(num.doubleValue() / two1100.doubleValue()));
    assertEquals(1.0, FilteredQpSolver.hint(num, two1100));
    assertEquals(0.75, FilteredQpSolver.hint(java.math.BigInteger.valueOf(3), java.math.BigInteger.valueOf(4)));
    assertEquals(0.0, FilteredQpSolver.hint(java.math.BigInteger.ZERO, two1100));
    Rational q = Rational.of(num, two1100);
    QuadraticProgram qp =
        new QuadraticProgram(
            org.provablenets.exact.linalg.QMatrix.of(new Rational[][] {{q}}),
            new Rational[] {Rational.ONE}, Rational.ZERO,
            org.provablenets.exact.linalg.QMatrix.of(new Rational[][] {{Rational.ONE}}),
            new Rational[] {Rational.ZERO},
            org.provablenets.exact.linalg.QMatrix.zero(0, 1), new Rational[0]);
    assertEquals(two1100, qp.integerForm().alpha);
    QpResult r = FilteredQpSolver.repaired(qp);
    assertNotNull(r, "the floating-point guess failed, so the exact fallback would decide");
    assertArrayEquals(new Rational[] {Rational.ZERO}, r.x());
    assertArrayEquals(new Rational[] {Rational.ONE}, r.lambda());
    assertEquals(Rational.ZERO, r.value());
  }
}
