package org.provablenets.erm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.provablenets.cert.ErmChecker;
import org.provablenets.cert.Verdict;
import org.provablenets.exact.Rational;

/**
 * The readable sequential Algorithm 1 ({@link SequentialErm}) and the parallel, pruned driver
 * ({@link ErmSolver}) agree: on small seeded instances, for every loss, with and without an output
 * bias, both certificates verify and the optima are equal; the sequential one prunes nothing.
 */
class SequentialErmTest {
  /** D points in R^n with small integer coordinates and labels (signs for the hinge loss). */
  private static Dataset data(Random rnd, int d, int n, boolean signs) {
    Rational[][] x = new Rational[d][n];
    Rational[] y = new Rational[d];
    for (int j = 0; j < d; j++) {
      for (int k = 0; k < n; k++) {
        x[j][k] = Rational.of(rnd.nextInt(7) - 3);
      }
      y[j] = signs ? Rational.of(rnd.nextBoolean() ? 1 : -1) : Rational.of(rnd.nextInt(9) - 4, 2);
    }
    return new Dataset(x, y);
  }

  @Test
  void sequentialAndParallelPrunedSolversAgreeOnSmallInstances() {
    Random rnd = new Random(12);
    int compared = 0;
    for (Loss loss : Loss.values()) {
      for (boolean bias : new boolean[] {false, true}) {
        for (int[] size : new int[][] {{4, 1, 1}, {5, 1, 2}, {5, 2, 1}, {4, 2, 2}}) {
          Dataset d = data(rnd, size[0], size[1], loss == Loss.HINGE);
          ErmCertificate seq = SequentialErm.solve(d, size[2], loss, bias);
          ErmCertificate par = ErmSolver.solve(d, size[2], loss, bias);
          String what = loss.id() + (bias ? " with bias" : "") + " on " + size[0] + " points";
          Verdict vs = ErmChecker.check(d, seq);
          Verdict vp = ErmChecker.check(d, par);
          assertTrue(vs.accepted(), what + ": sequential " + vs);
          assertTrue(vp.accepted(), what + ": parallel " + vp);
          assertEquals(seq.optimum(), par.optimum(), what);
          assertEquals(par.entries().size(), seq.entries().size(), what);
          assertEquals(0, seq.prunedCount(), what);
          compared++;
        }
      }
    }
    assertEquals(24, compared);
  }
}
