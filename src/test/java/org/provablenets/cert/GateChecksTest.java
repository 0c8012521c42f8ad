package org.provablenets.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provablenets.testutil.Q.q;
import static org.provablenets.testutil.Q.v;

import java.lang.reflect.Constructor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.provablenets.exact.Rational;
import org.provablenets.exact.linalg.EigenBounds;
import org.provablenets.gate.FiniteDistribution;
import org.provablenets.gate.GateHypotheses;
import org.provablenets.gate.GateInstance;

/**
 * The T2 checks, passing and failing, with every number worked out by hand.
 *
 * <p>The running example is the cross {@code {+-(1,0), +-(0,1)}}, each point of mass 1/4: Sigma =
 * E[x x'] = I/2 and E[||x||^2 x x'] = I/2, so the certified bounds are L = U = U4 = 1/2, and c_1 =
 * U4 = 1/2. The asymmetric control is the single point (1, 0): Sigma = [[1, 0], [0, 0]]. Both use
 * w* = (2, 1).
 *
 * <p>Only {@link GateHypotheses#check} makes a {@code GateInstance}, and it certifies the bounds,
 * so the re-verification in {@link GateChecks#hypotheses} and the failing branches of the
 * contraction and theorem checks can only be reached with bounds that were never certified. The
 * tests forge such instances through the package-private constructors (reflection), exactly what
 * the checks exist to catch.
 */
class GateChecksTest {
  private static final Rational[] W_STAR = v("2 1");

  private static FiniteDistribution cross() {
    return FiniteDistribution.symmetrised(new Rational[][] {v("1 0"), v("0 1")});
  }

  private static FiniteDistribution onePoint() {
    return FiniteDistribution.fromRows(new Rational[][] {v("1 0")});
  }

  private static GateInstance checkedCross() {
    return GateHypotheses.check(cross(), q("1/32"));
  }

  /** An instance with the given (uncertified) bounds L, U, U4, made past GateHypotheses.check. */
  private static GateInstance forged(FiniteDistribution d, String l, String u, String u4)
      throws ReflectiveOperationException {
    Constructor<EigenBounds.Bracket> bracket =
        EigenBounds.Bracket.class.getDeclaredConstructor(Rational.class, Rational.class);
    bracket.setAccessible(true);
    Constructor<GateInstance> instance =
        GateInstance.class.getDeclaredConstructor(
            FiniteDistribution.class,
            EigenBounds.Bracket.class,
            EigenBounds.Bracket.class,
            EigenBounds.Bracket.class);
    instance.setAccessible(true);
    return instance.newInstance(
        d,
        bracket.newInstance(q(l), q(l)),
        bracket.newInstance(q(u), q(u)),
        bracket.newInstance(q(u4), q(u4)));
  }

  private static String hypothesesFailure(GateInstance inst) {
    return new GateChecks().hypotheses(inst).verdict().failure();
  }

  // ---------------------------------------------------------------- hypotheses

  @Test
  void certifiedBoundsAreReverified() {
    GateChecks c = new GateChecks();
    assertSame(c, c.hypotheses(checkedCross()));
    assertTrue(c.verdict().accepted(), c.verdict().toString());
    assertEquals(
        List.of(
            "(A1) symmetric; 0 < L = 1/2 <= lambda_min(Sigma), U = 1/2 >= lambda_max(Sigma),"
                + " U4 = 1/2 >= lambda_4 (re-verified by exact elimination)"),
        c.verdict().checked());
  }

  @Test
  void forgedBoundsAreRejected() throws ReflectiveOperationException {
    assertEquals(
        "(A1) fails: the distribution is not symmetric",
        hypothesesFailure(forged(onePoint(), "1/2", "1", "1")));
    // L = 0 is not > 0.
    assertEquals(
        "the certified bounds L = 0, U = 1/2, U4 = 1/2 do not bound the spectra",
        hypothesesFailure(forged(cross(), "0", "1/2", "1/2")));
    // L = 1: Sigma - I = -I/2 is not PSD.
    assertEquals(
        "the certified bounds L = 1, U = 1/2, U4 = 1/2 do not bound the spectra",
        hypothesesFailure(forged(cross(), "1", "1/2", "1/2")));
    // U = 1/4: U I - Sigma = -I/4 is not PSD.
    assertEquals(
        "the certified bounds L = 1/2, U = 1/4, U4 = 1/2 do not bound the spectra",
        hypothesesFailure(forged(cross(), "1/2", "1/4", "1/2")));
    // U4 = 1/4: U4 I - E[||x||^2 x x'] = -I/4 is not PSD.
    assertEquals(
        "the certified bounds L = 1/2, U = 1/2, U4 = 1/4 do not bound the spectra",
        hypothesesFailure(forged(cross(), "1/2", "1/2", "1/4")));
    // The exact values themselves are accepted.
    assertNull(hypothesesFailure(forged(cross(), "1/2", "1/2", "1/2")));
  }

  // ---------------------------------------------------------------- the lemma

  @Test
  void lemmaOnTheCrossAndItsFailureOnOnePoint() {
    // Cross, w = (-1, 1): r(x) x is (2, 0), (1, 0), (0, 0), (0, 0) at (1,0), (-1,0), (0,1), (0,-1)
    // (r = ReLU(w*.x) - ReLU(w.x) = 2 - 0, 0 - 1, 1 - 1, 0 - 0), mean (3/4, 0);
    // (1/2) Sigma (w* - w) = (1/4)(3, 0) = (3/4, 0).
    GateChecks ok = new GateChecks();
    assertSame(ok, ok.lemma(cross(), W_STAR, v("-1 1")));
    assertEquals(
        List.of("symmetry lemma at w = (-1, 1): E[r x] = (1/2) Sigma (w* - w) = (3/4, 0)"),
        ok.verdict().checked());
    // One point (1, 0): r = 2, E[r x] = (2, 0); (1/2) Sigma (3, 0) = (3/2, 0); defect (1/2, 0).
    assertEquals(
        "symmetry lemma fails at w = (-1, 1): E[r x] = (2, 0) but (1/2) Sigma (w* - w) = (3/2, 0)"
            + " (defect (1/2, 0))",
        new GateChecks().lemma(onePoint(), W_STAR, v("-1 1")).verdict().failure());
  }

  @Test
  void lemmaFailsWithoutSymmetryNeedsAnAsymmetricControlWithADefect() {
    GateChecks ok = new GateChecks();
    assertSame(ok, ok.lemmaFailsWithoutSymmetry(onePoint(), W_STAR, v("-1 1")));
    assertEquals(
        List.of("without (A1) the lemma fails: defect (1/2, 0) at w = (-1, 1)"),
        ok.verdict().checked());
    assertEquals(
        "the control distribution is symmetric, so it cannot show the lemma failing",
        new GateChecks().lemmaFailsWithoutSymmetry(cross(), W_STAR, v("-1 1")).verdict().failure());
    // At w = w* every residual is 0, so the defect is 0 even without symmetry.
    assertEquals(
        "the lemma holds on the asymmetric control at w = (2, 1), so it does not show the failure",
        new GateChecks()
            .lemmaFailsWithoutSymmetry(onePoint(), W_STAR, v("2 1"))
            .verdict()
            .failure());
  }

  // ---------------------------------------------------------------- one step

  @Test
  void oneStepIdentity() {
    // Cross, w = (-1, 1), eta = 1/2, b = 1: Delta = w - w* = (-3, 0); the four updates
    // Delta + (1/2) r x are (-2, 0), (-5/2, 0), (-3, 0), (-3, 0), squared norms 4, 25/4, 9, 9,
    // mean 113/16. Identity: ||Delta||^2 - eta Delta'Sigma Delta + eta^2 E[r^2 ||x||^2]
    // = 9 - (1/2)(9/2) + (1/4)(5/4) = 113/16.
    GateChecks ok = new GateChecks();
    assertSame(ok, ok.identity(cross(), W_STAR, v("-1 1"), q("1/2"), 1));
    assertEquals(
        List.of(
            "one-step identity at b = 1: E||w' - w*||^2 = 113/16 directly (4^1 batches) and by"
                + " the identity"),
        ok.verdict().checked());
    // One point (1, 0): directly ||(-3, 0) + (1/2)(2, 0)||^2 = 4; the identity gives
    // 9 - (1/2) 9 + (1/4) 4 = 11/2; difference 4 - 11/2 = -3/2.
    assertEquals(
        "one-step identity fails at b = 1: directly 4, by the identity 11/2 (difference -3/2)",
        new GateChecks()
            .identity(onePoint(), W_STAR, v("-1 1"), q("1/2"), 1)
            .verdict()
            .failure());
  }

  @Test
  void contraction() throws ReflectiveOperationException {
    // Cross, w = (-1, 1), eta = 1/2, b = 1: E||w' - w*||^2 = 113/16 (see oneStepIdentity), and
    // the bound (1 - eta L + eta^2 c_1) ||Delta||^2 = (1 - 1/4 + 1/8) 9 = 63/8.
    GateChecks ok = new GateChecks();
    assertSame(ok, ok.contraction(checkedCross(), W_STAR, v("-1 1"), q("1/2"), 1));
    assertEquals(List.of("contraction at b = 1: 113/16 <= 63/8"), ok.verdict().checked());
    // With a forged L = 49/72 the bound is (1 - 49/144 + 1/8) 9 = (113/144) 9 = 113/16: equality
    // still passes.
    GateChecks tight = new GateChecks();
    tight.contraction(forged(cross(), "49/72", "1/2", "1/2"), W_STAR, v("-1 1"), q("1/2"), 1);
    assertEquals(List.of("contraction at b = 1: 113/16 <= 113/16"), tight.verdict().checked());
    // A forged L = 1 gives (1 - 1/2 + 1/8) 9 = 45/8 = 90/16 < 113/16, short by 23/16.
    assertEquals(
        "contraction fails at b = 1: E||w' - w*||^2 = 113/16 exceeds the bound 45/8 by 23/16",
        new GateChecks()
            .contraction(forged(cross(), "1", "1/2", "1/2"), W_STAR, v("-1 1"), q("1/2"), 1)
            .verdict()
            .failure());
  }

  // ---------------------------------------------------------------- the theorem

  @Test
  void theoremByPathEnumeration() throws ReflectiveOperationException {
    GateChecks ok = new GateChecks();
    assertSame(ok, ok.theorem(checkedCross(), W_STAR, 1, 2));
    assertEquals(
        List.of(
            "theorem by enumerating every sample path, T = 1..2: E||w_{T+1} - w*||^2 <= rho^T"
                + " ||w*||^2"),
        ok.verdict().checked());
    // Forged L = 1 (U = U4 = 1/2, b = 1): c_1 = 1/2, eta = L / (2 c_1) = 1, rho = 1 - 1/2 = 1/2.
    // From w_1 = 0 one step gives w_2 = r(x) x: (2, 0), (0, 0), (0, 1), (0, 0), whose squared
    // distances to w* are 1, 5, 4, 5: mean 15/4 > rho ||w*||^2 = 5/2.
    assertEquals(
        "theorem fails at T = 1: E||w_{T+1} - w*||^2 = 15/4 exceeds rho^T ||w*||^2 = 5/2",
        new GateChecks()
            .theorem(forged(cross(), "1", "1/2", "1/2"), W_STAR, 1, 1)
            .verdict()
            .failure());
  }

  @Test
  void theoremHoldsWithEquality() throws ReflectiveOperationException {
    // From w_1 = 0 on the cross the residuals are r = ReLU(w*.x): updates (2, 0), 0, (0, 1), 0, so
    // with step eta, E||w_2 - w*||^2 = [(2 eta - 2)^2 + 1 + 5 + 4 + (eta - 1)^2 + 5] / 4
    // = [5 (eta - 1)^2 + 15] / 4. Forged L = 3/4, U4 = 3/4 (b = 1, so c_1 = U4): eta =
    // L / (2 c_1) = 1/2, rho = 1 - L^2 / (4 c_1) = 13/16. Then E = (5/4 + 15) / 4 = 65/16 and
    // rho ||w*||^2 = 65/16: equal, which the theorem allows.
    GateChecks c = new GateChecks().theorem(forged(cross(), "3/4", "1/2", "3/4"), W_STAR, 1, 1);
    assertTrue(c.verdict().accepted(), c.verdict().toString());
  }
}
