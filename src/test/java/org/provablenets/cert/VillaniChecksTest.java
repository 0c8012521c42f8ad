package org.provablenets.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.provablenets.exact.Rational;
import org.provablenets.villani.Activation;
import org.provablenets.villani.TrainingData;
import org.provablenets.villani.VillaniChecker;
import org.provablenets.villani.VillaniInstance;

/**
 * The T3 checks on the one-point instance of {@code VillaniCheckerTest}: x = 2, y = 3, a = (1/2),
 * tanh, lambda = 1/10, s = 1, M = 10 (certified by the RADIAL statement, see that test).
 */
class VillaniChecksTest {
  private static final TrainingData ONE_POINT =
      new TrainingData(new Rational[][] {{Rational.of(2)}}, new Rational[] {Rational.of(3)});
  private static final Rational[] A = {Rational.of(1, 2)};
  private static final Rational LAMBDA = Rational.of(1, 10);
  private static final Rational M = Rational.of(10);

  private static VillaniInstance instance() {
    return VillaniChecker.check(ONE_POINT, A, LAMBDA, Activation.TANH, Rational.ONE, M);
  }

  @Test
  void checkedInstanceIsReverified() {
    VillaniInstance inst = instance();
    VillaniChecks c = new VillaniChecks();
    assertSame(c, c.instance(inst));
    assertTrue(c.verdict().accepted(), c.verdict().toString());
    assertEquals(
        List.of(
            "(2), (3) confinement and integrability: lambda = 1/10 > 0",
            "(4) the radius certificate R(M) re-verified exactly (" + inst.statement() + ")"),
        c.verdict().checked());
  }

  @Test
  void enclosureIsCheckedOnlyOutsideTheRadius() {
    VillaniInstance inst = instance();
    // W = 0 has ||W||_F^2 = 0 < R^2.
    assertEquals(
        "||W||_F^2 = 0 < R^2: W is inside the radius",
        new VillaniChecks()
            .enclosureAtLeastLevel(inst, new Rational[][] {{Rational.ZERO}}, 30)
            .verdict()
            .failure());
    // W = (R) lies on the sphere ||W||_F = R, where condition 4 guarantees V_s(W) >= M.
    VillaniChecks c = new VillaniChecks();
    assertSame(c, c.enclosureAtLeastLevel(inst, new Rational[][] {{inst.radius()}}, 30));
    assertTrue(c.verdict().accepted(), c.verdict().toString());
    assertEquals(
        List.of("V_s(W) >= M at a W with ||W||_F >= R (rigorous enclosure)"), c.verdict().checked());
  }

  @Test
  void lambdaZeroIsRefused() {
    // The independent checker refuses lambda = 0 at condition 2 (VillaniChecker refuses it too,
    // see VillaniCheckerTest).
    VillaniChecks c = new VillaniChecks();
    assertSame(c, c.refusesLambdaZero(instance()));
    assertEquals(
        List.of("lambda = 0 refused: condition 2 is not established"), c.verdict().checked());
  }
}
