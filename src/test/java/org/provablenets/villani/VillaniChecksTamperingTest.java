package org.provablenets.villani;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.provablenets.cert.VillaniChecks;
import org.provablenets.exact.Rational;

/**
 * The falsifier of the independent T3 checker: {@code cert.VillaniChecks} accepts the radius
 * certificate that {@link VillaniChecker} issues (see {@code VillaniChecksTest}) and rejects it,
 * naming the condition, once one of its numbers is changed. The tampered instances are built here,
 * in the package, because only {@link VillaniChecker} makes instances in main code.
 */
class VillaniChecksTamperingTest {
  /** The one-point instance of VillaniChecksTest: x = 2, y = 3, a = (1/2), tanh, lambda = 1/10. */
  private static VillaniInstance genuine() {
    return VillaniChecker.check(
        new TrainingData(new Rational[][] {{Rational.of(2)}}, new Rational[] {Rational.of(3)}),
        new Rational[] {Rational.of(1, 2)}, Rational.of(1, 10), Activation.TANH, Rational.ONE,
        Rational.of(10));
  }

  private static VillaniInstance withRadii(VillaniInstance g, Rational monotoneFrom,
      Rational radius) {
    return new VillaniInstance(g.loss(), g.s(), g.level(), g.statement(), g.constants(),
        monotoneFrom, radius, g.integrabilityBound(), g.conditions());
  }

  private static String failure(VillaniInstance inst) {
    String f = new VillaniChecks().instance(inst).verdict().failure();
    return f == null ? "(accepted)" : f;
  }

  @Test
  void theGenuineCertificateIsAccepted() {
    VillaniInstance g = genuine();
    assertEquals("(accepted)", failure(g));
  }

  @Test
  void aRadiusBelowTheCertifiedOneIsRejected() {
    VillaniInstance g = genuine();
    // at R/2 the Villani quantity's lower bound phi is below the level M = 10
    String f = failure(withRadii(g, g.monotoneFrom(), g.radius().divide(Rational.of(2))));
    assertTrue(f.startsWith("(4) the radius certificate is rejected: (4) phi(R) = ")
        && f.endsWith(" < M = 10"), f);
  }

  @Test
  void aNegativeMonotonicityPointIsRejected() {
    VillaniInstance g = genuine();
    String f = failure(withRadii(g, Rational.of(-1), g.radius()));
    assertEquals("(4) the radius certificate is rejected: (2) g(r) >= tau = 0 fails at r_m = -1",
        f);
  }
}
