package org.provablenets.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provablenets.testutil.Q.q;
import static org.provablenets.testutil.Q.v;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.Test;
import org.provablenets.exact.Rational;
import org.provablenets.exact.linalg.QVectors;

/**
 * The exact replay with its apfloat fallback: exact iterates equal {@link GateIteration#runExact}'s,
 * and after the switch the apfloat values track the exact ones to the working precision.
 */
class GateExactRunTest {
  private static final FiniteDistribution SUPPORT =
      FiniteDistribution.symmetrised(new Rational[][] {v("1 0"), v("0 1"), v("1 1")});
  private static final Rational[] W_STAR = v("2 1");
  private static final Rational ETA = q("1/7");

  private static int[][] indices(int steps, int b, long seed) {
    java.util.Random rnd = new java.util.Random(seed);
    int[][] idx = new int[steps][b];
    for (int t = 0; t < steps; t++) {
      for (int k = 0; k < b; k++) {
        idx[t][k] = rnd.nextInt(SUPPORT.size());
      }
    }
    return idx;
  }

  @Test
  void withoutTheSwitchEveryDistanceIsTheExactOne() {
    int[][] idx = indices(40, 2, 11);
    GateExactRun x = GateExactRun.run(SUPPORT, W_STAR, ETA, 2, idx,
        GateIteration.Rule.NON_GRADIENT, null, 1_000_000, 30);
    Rational[][] ref = GateIteration.runExact(SUPPORT, W_STAR, ETA, 2, idx);
    assertEquals(-1, x.switchedAt());
    assertEquals(41, x.iterates());
    for (int t = 0; t <= 40; t++) {
      assertEquals(QVectors.normSquared(QVectors.subtract(ref[t], W_STAR)),
          x.exactDistanceSquared(t), "iterate " + t);
    }
    Rational[] last = x.lastExact();
    assertNotNull(last);
    assertEquals(ref[40][0], last[0]);
  }

  @Test
  void afterTheSwitchApfloatTracksTheExactRun() {
    int steps = 120;
    int[][] idx = indices(steps, 1, 5);
    Rational[][] ref = GateIteration.runExact(SUPPORT, W_STAR, ETA, 1, idx);
    GateExactRun x = GateExactRun.run(SUPPORT, W_STAR, ETA, 1, idx,
        GateIteration.Rule.NON_GRADIENT, null, 64, 60);
    int k = x.switchedAt();
    assertTrue(k > 0 && k < steps, "the switch happened inside the run: " + k);
    assertNotNull(x.exactDistanceSquared(k));
    assertNull(x.exactDistanceSquared(k + 1));
    assertNull(x.lastExact());
    for (int t = 0; t <= steps; t++) {
      Rational exact = QVectors.normSquared(QVectors.subtract(ref[t], W_STAR));
      Apfloat e = GateExactRun.toApfloat(exact, 80);
      Apfloat err = ApfloatMath.abs(x.distanceSquared(t).subtract(e));
      // 60 digits, about 120 steps of rounding: 1e-50 of ||w*||^2 = 5 is far from reached.
      assertTrue(err.compareTo(new Apfloat("1e-50")) < 0, "iterate " + t + ": error " + err);
    }
  }

  @Test
  void badSettingsAreRefused() {
    int[][] idx = indices(3, 1, 1);
    assertThrows(IllegalArgumentException.class, () -> GateExactRun.run(SUPPORT, W_STAR, ETA, 1,
        idx, GateIteration.Rule.NON_GRADIENT, null, 0, 30));
    assertThrows(IllegalArgumentException.class, () -> GateExactRun.run(SUPPORT, W_STAR, ETA, 2,
        idx, GateIteration.Rule.NON_GRADIENT, null, 100, 30));
    int[][] outside = {{SUPPORT.size()}};
    assertThrows(IllegalArgumentException.class, () -> GateExactRun.run(SUPPORT, W_STAR, ETA, 1,
        outside, GateIteration.Rule.NON_GRADIENT, null, 100, 30));
  }
}
