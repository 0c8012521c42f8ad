package org.provablenets.erm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provablenets.testutil.Q.q;
import static org.provablenets.testutil.Q.v;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.provablenets.cert.ErmChecker;
import org.provablenets.cert.Verdict;
import org.provablenets.exact.Rational;

/** Worked T1 examples with answers derived by hand. */
class ErmExamplesTest {
  static Dataset data1d(String xs, String ys) {
    Rational[] x = v(xs);
    Rational[][] rows = new Rational[x.length][];
    for (int j = 0; j < x.length; j++) {
      rows[j] = new Rational[] {x[j]};
    }
    return new Dataset(rows, v(ys));
  }

  @Test
  void realisableDataHasOptimumZero() {
    // y = max(0, x - 1) on x = 0..3: one unit interpolates.
    Dataset d = data1d("0 1 2 3", "0 0 1 2");
    ErmCertificate c = ErmSolver.solve(d, 1, Loss.SQUARED, false);
    Verdict v = ErmChecker.check(d, c);
    assertTrue(v.accepted(), v.toString());
    assertEquals(Rational.ZERO, c.optimum());
  }

  @Test
  void constantLabelsNeedTheOutputBiasOrAUnit() {
    // y = -1 everywhere: without an output bias a single unit with sign -1 and a = 0, b = 1
    // fits exactly; with width 1 and sign +1 only f >= 0, but the -1 sign class is enumerated.
    Dataset d = data1d("0 1 2", "-1 -1 -1");
    ErmCertificate c = ErmSolver.solve(d, 1, Loss.SQUARED, false);
    assertTrue(ErmChecker.check(d, c).accepted());
    assertEquals(Rational.ZERO, c.optimum());
  }

  @Test
  void aVShapeIsBeyondOneUnitButNotTwo() {
    // y = |x| on x = -1, 0, 1. One unit: active on all three points the best linear fit is the
    // constant 2/3 (mean loss (1/9 + 4/9 + 1/9) / 3 = 2/9); active on {-1, 0} or {0, 1} it fits
    // two points and misses one by 1 (loss 1/3); so the optimum is 2/9. Two units
    // (max(0, x) + max(0, -x)) interpolate.
    Dataset d = data1d("-1 0 1", "1 0 1");
    ErmCertificate one = ErmSolver.solve(d, 1, Loss.SQUARED, false);
    assertTrue(ErmChecker.check(d, one).accepted());
    assertEquals(q("2/9"), one.optimum());
    ErmCertificate two = ErmSolver.solve(d, 2, Loss.SQUARED, false);
    assertTrue(ErmChecker.check(d, two).accepted());
    assertEquals(Rational.ZERO, two.optimum());
  }

  @Test
  void patternCountIsCoversCountInGeneralPosition() {
    Dataset d = data1d("0 1 2 3 5", "0 0 0 0 0");
    assertTrue(Patterns.inGeneralPosition(d));
    assertEquals(BigInteger.valueOf(10), Patterns.coverCount(5, 1));
    assertEquals(10, Patterns.enumerate(d).size());
  }

  @Test
  void repeatedPointsGiveFewerPatterns() {
    Dataset d = data1d("0 1 1 2", "0 1 2 3");
    assertFalse(Patterns.inGeneralPosition(d));
    // Distinct inputs 0, 1, 2 split in 2 * 3 = 6 ways; the repeated point never splits.
    assertEquals(6, Patterns.enumerate(d).size());
  }

  @Test
  void tamperedOptimumIsRejected() {
    Dataset d = data1d("-1 0 1", "1 0 1");
    ErmCertificate c = ErmSolver.solve(d, 1, Loss.SQUARED, false);
    ErmCertificate bad =
        new ErmCertificate(
            c.digest(), c.width(), c.loss(), c.outputBias(), c.optimum().subtract(q("1/100")),
            c.net(), c.patterns(), c.entries());
    Verdict v = ErmChecker.check(d, bad);
    assertFalse(v.accepted());
  }

  @Test
  void absoluteLossOfAVShape() {
    // |x| on -1, 0, 1 with one unit: L1 regression of (1, 0, 1) is symmetric in the slope, so the
    // best line is constant 1 (total error 1); fitting two points exactly also misses the third
    // by 1; negative units only make f <= 0. Optimum 1/3; two units interpolate.
    Dataset d = data1d("-1 0 1", "1 0 1");
    ErmCertificate one = ErmSolver.solve(d, 1, Loss.ABSOLUTE, false);
    assertTrue(ErmChecker.check(d, one).accepted(), ErmChecker.check(d, one).toString());
    assertEquals(q("1/3"), one.optimum());
    ErmCertificate two = ErmSolver.solve(d, 2, Loss.ABSOLUTE, false);
    assertTrue(ErmChecker.check(d, two).accepted());
    assertEquals(Rational.ZERO, two.optimum());
  }

  @Test
  void hingeLossOfAnAlternatingLabelling() {
    // Labels +1, -1, +1 at -1, 0, 1. With sign +1 the point 0 costs 1 + f(0) >= 1 and a single
    // ReLU is monotone or constant on the active side, so at most one of -1, 1 can reach f >= 1
    // unless f is a constant b (cost 2 - 2b + 1 + b at b <= 1): the best is 2/3. With sign -1,
    // f <= 0 costs >= 1 at each of -1 and 1. Optimum 2/3.
    Dataset d = data1d("-1 0 1", "1 -1 1");
    ErmCertificate c = ErmSolver.solve(d, 1, Loss.HINGE, false);
    assertTrue(ErmChecker.check(d, c).accepted(), ErmChecker.check(d, c).toString());
    assertEquals(q("2/3"), c.optimum());
  }

  @Test
  void hingeLabelsOutsideTheDomainAreRefused() {
    Dataset d = data1d("0 1", "1 2");
    assertThrows(IllegalArgumentException.class, () -> ErmSolver.solve(d, 1, Loss.HINGE, false));
  }
}
