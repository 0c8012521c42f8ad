package org.provablenets.gate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.provablenets.exact.PropertySettings;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.exact.linalg.QMatrix;
import org.provablenets.exact.linalg.QVectors;

/**
 * Properties of T2 (the non-gradient iteration for a single ReLU gate) on random finite
 * distributions, checked exactly over the rationals.
 *
 * <p><b>Instances.</b> Built from seeds drawn by QuickTheories (see {@link RandomGate}): symmetric
 * distributions of five kinds, three of them degenerate on purpose (repeated points, the point 0,
 * a single pair +-x, points on a hyperplane through 0). Properties that need the hypotheses use
 * the kinds for which (A2) holds and say so. Every property is exact (a failure is a bug, never a
 * statistical accident) except {@link #exactAndDoubleTrajectoriesAgree}, whose tolerance is an
 * estimate, stated there. Each property has its own fixed seed; {@code -Dprops.examples=N} runs N
 * examples per property.
 *
 * <p><b>Falsifiers.</b> Each guarantee has a sibling that drops one hypothesis (symmetry, the step
 * size) and shows the check fail on generated instances.
 *
 * <p>The constants are [derived] (proofs-notes/T2.md), not the paper's.
 */
class GateProperties {
  private static final long SEED = 2005_04211L;

  /** Bracket width for the certified eigenvalue bounds. */
  private static final Rational WIDTH = Rational.of(1, 32);

  // ====================================================================== helpers

  private static Rational[] randomW(RandomGate g, int d) {
    return g.vector(d);
  }

  /** A step in (0, 2]: k/8 for k = 1..16. */
  private static Rational randomStep(RandomGate g) {
    return Rational.of(1 + g.rnd.nextInt(16), 8);
  }

  /** {@code (1/n) sum_i f(x_i)} with {@code f(x) = (|a . x| - |c . x|) x / 2}, own loop. */
  private static Rational[] halfAbsDifference(FiniteDistribution d, Rational[] a, Rational[] c) {
    Rational[] s = QVectors.zeros(d.dimension());
    for (Rational[] x : d.points()) {
      Rational k = QVectors.dot(a, x).abs().subtract(QVectors.dot(c, x).abs());
      s = QVectors.add(s, QVectors.scale(k, x));
    }
    return QVectors.scale(Rational.of(1, 2 * d.size()), s);
  }

  private static void assertAllKindsMet(Map<RandomGate.Kind, AtomicInteger> seen) {
    for (RandomGate.Kind k : RandomGate.Kind.values()) {
      assertTrue(
          seen.containsKey(k) && seen.get(k).get() > 0, "kind " + k + " was never generated");
    }
  }

  private static Map<RandomGate.Kind, AtomicInteger> counter() {
    Map<RandomGate.Kind, AtomicInteger> m = new EnumMap<>(RandomGate.Kind.class);
    for (RandomGate.Kind k : RandomGate.Kind.values()) {
      m.put(k, new AtomicInteger());
    }
    return m;
  }

  /** Determinant by the Leibniz formula (an oracle independent of the elimination code). */
  private static Rational det(Rational[][] a) {
    int n = a.length;
    if (n == 0) {
      return Rational.ONE;
    }
    Rational sum = Rational.ZERO;
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    do {
      Rational p = Rational.ONE;
      for (int i = 0; i < n; i++) {
        p = p.multiply(a[i][perm[i]]);
      }
      sum = parity(perm) == 0 ? sum.add(p) : sum.subtract(p);
    } while (nextPermutation(perm));
    return sum;
  }

  private static int parity(int[] p) {
    int inv = 0;
    for (int i = 0; i < p.length; i++) {
      for (int j = i + 1; j < p.length; j++) {
        if (p[i] > p[j]) {
          inv++;
        }
      }
    }
    return inv % 2;
  }

  private static boolean nextPermutation(int[] p) {
    int i = p.length - 2;
    while (i >= 0 && p[i] >= p[i + 1]) {
      i--;
    }
    if (i < 0) {
      return false;
    }
    int j = p.length - 1;
    while (p[j] <= p[i]) {
      j--;
    }
    int t = p[i];
    p[i] = p[j];
    p[j] = t;
    for (int a = i + 1, b = p.length - 1; a < b; a++, b--) {
      t = p[a];
      p[a] = p[b];
      p[b] = t;
    }
    return true;
  }

  /**
   * Positive semidefiniteness by the principal-minor criterion (every principal minor >= 0), an
   * oracle independent of {@code Definiteness}; exponential in d, fine for d &lt;= 3.
   */
  static boolean psdByMinors(QMatrix m) {
    int n = m.rows();
    for (int mask = 1; mask < (1 << n); mask++) {
      int k = Integer.bitCount(mask);
      Rational[][] sub = new Rational[k][k];
      int r = 0;
      for (int i = 0; i < n; i++) {
        if ((mask & (1 << i)) == 0) {
          continue;
        }
        int c = 0;
        for (int j = 0; j < n; j++) {
          if ((mask & (1 << j)) != 0) {
            sub[r][c++] = m.get(i, j);
          }
        }
        r++;
      }
      if (det(sub).signum() < 0) {
        return false;
      }
    }
    return true;
  }

  private static QMatrix shiftDiagonal(QMatrix m, Rational mu) {
    return m.minusIdentity(mu);
  }

  // ====================================================================== hypotheses

  @Test
  @DisplayName("(A1) decided exactly: symmetrised supports are symmetric in any order; removing one"
      + " non-zero point breaks it, and the checker names a point whose mass differs from its"
      + " negation's")
  void symmetryIsDecidedExactly() {
    Map<RandomGate.Kind, AtomicInteger> seen = counter();
    qt().withExamples(PropertySettings.examples(200))
        .withFixedSeed(SEED)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomGate g = new RandomGate(seed);
              RandomGate.Case c = g.symmetric(4, 3);
              seen.get(c.kind).incrementAndGet();
              FiniteDistribution d = c.dist;
              assertTrue(d.isSymmetric(), "seed " + seed + ": " + c);
              // Falsifier: drop one non-zero point; x now has less mass than -x.
              Rational[][] pts = d.points();
              int drop = -1;
              for (int i = 0; i < pts.length && drop < 0; i++) {
                if (!QVectors.isZero(pts[i])) {
                  drop = i;
                }
              }
              if (drop < 0 || pts.length < 2) {
                return; // all points are 0: removing one keeps the support symmetric
              }
              Rational[][] fewer = new Rational[pts.length - 1][];
              for (int i = 0, j = 0; i < pts.length; i++) {
                if (i != drop) {
                  fewer[j++] = pts[i];
                }
              }
              FiniteDistribution asym = FiniteDistribution.fromRows(fewer);
              assertFalse(asym.isSymmetric(), "seed " + seed + ": " + asym);
              HypothesisFailedException e =
                  assertThrows(HypothesisFailedException.class,
                      () -> GateHypotheses.check(asym, WIDTH), "seed " + seed);
              HypothesisFailedException.Failure f = e.failure("A1");
              assertNotNull(f, "seed " + seed + ": " + e.getMessage());
              Rational[] x = f.witness();
              assertNotNull(x);
              // Recount by hand: the witness's mass differs from its negation's.
              int plus = 0;
              int minus = 0;
              for (Rational[] p : fewer) {
                plus += java.util.Arrays.equals(p, x) ? 1 : 0;
                minus += java.util.Arrays.equals(p, QVectors.negate(x)) ? 1 : 0;
              }
              assertNotEquals(plus, minus, "seed " + seed);
              assertTrue(
                  e.getMessage().contains("has mass " + Rationals.format(Rational.of(plus,
                      fewer.length)) + " but its negation"),
                  "seed " + seed + ": " + e.getMessage());
            });
    assertAllKindsMet(seen);
  }

  @Test
  @DisplayName("(A2) checker: on symmetric supports it either certifies 0 < L <= lambda_min <= "
      + "lambda_max <= U and lambda_4 <= U4 (checked by principal minors), or names a null "
      + "direction v of Sigma; hyperplane supports and single pairs in d >= 2 always fail (A2)")
  void checkerCertifiesBoundsOrNamesTheNullDirection() {
    Map<RandomGate.Kind, AtomicInteger> seen = counter();
    AtomicInteger certified = new AtomicInteger();
    AtomicInteger rejected = new AtomicInteger();
    qt().withExamples(PropertySettings.examples(150))
        .withFixedSeed(SEED + 1)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomGate g = new RandomGate(seed);
              RandomGate.Case c = g.symmetric(4, 3);
              seen.get(c.kind).incrementAndGet();
              FiniteDistribution d = c.dist;
              boolean mustFail =
                  c.kind == RandomGate.Kind.HYPERPLANE
                      || (c.kind == RandomGate.Kind.SINGLE && d.dimension() >= 2);
              GateInstance inst;
              try {
                inst = GateHypotheses.check(d, WIDTH);
              } catch (HypothesisFailedException e) {
                rejected.incrementAndGet();
                assertFalse(e.failed("A1"), "seed " + seed + ": symmetric input failed A1");
                HypothesisFailedException.Failure f = e.failure("A2");
                assertNotNull(f, "seed " + seed);
                assertTrue(e.getMessage().contains("Sigma is singular"), e.getMessage());
                Rational[] v = f.witness();
                assertNotNull(v);
                assertFalse(QVectors.isZero(v), "seed " + seed + ": zero witness");
                for (Rational[] x : d.points()) {
                  assertEquals(Rational.ZERO, QVectors.dot(v, x), "seed " + seed + ": v.x != 0");
                }
                // And indeed Sigma is not definite: det(Sigma) = 0 (independent oracle).
                assertEquals(Rational.ZERO, det(d.sigma().toArray()), "seed " + seed);
                return;
              }
              certified.incrementAndGet();
              assertFalse(mustFail, "seed " + seed + ": singular Sigma accepted: " + c);
              Rational lo = inst.lambdaMinLower();
              Rational up = inst.lambdaMaxUpper();
              Rational up4 = inst.lambda4Upper();
              assertTrue(lo.signum() > 0, "seed " + seed);
              assertTrue(psdByMinors(shiftDiagonal(d.sigma(), lo)), "seed " + seed + ": L");
              assertTrue(
                  psdByMinors(shiftDiagonal(d.sigma(), up).scale(Rational.of(-1))),
                  "seed " + seed + ": U");
              assertTrue(
                  psdByMinors(shiftDiagonal(d.lambda4Matrix(), up4).scale(Rational.of(-1))),
                  "seed " + seed + ": U4");
              assertTrue(inst.lambdaMaxBracket().width().compareTo(WIDTH) <= 0, "seed " + seed);
              assertTrue(inst.lambda4Bracket().width().compareTo(WIDTH) <= 0, "seed " + seed);
              assertTrue(inst.lambdaMinBracket().width().compareTo(WIDTH) <= 0, "seed " + seed);
              // The brackets are not vacuous: just above L, Sigma - mu I is no longer PSD.
              Rational hiMin = inst.lambdaMinBracket().upper();
              assertFalse(
                  psdByMinors(shiftDiagonal(d.sigma(), hiMin.add(Rational.of(1, 1_000_000)))),
                  "seed " + seed + ": lambda_min bracket misses lambda_min");
            });
    assertAllKindsMet(seen);
    assertTrue(certified.get() > 0 && rejected.get() > 0,
        "certified " + certified + ", rejected " + rejected);
  }

  // ====================================================================== symmetry lemma

  @Test
  @DisplayName("T2 symmetry lemma: E[(ReLU(w*.x) - ReLU(w.x)) x] = (1/2) Sigma (w* - w) exactly,"
      + " on symmetric supports of every kind, at random w and at w in {0, w*, -w*, 2w*}")
  void symmetryLemmaHoldsExactly() {
    Map<RandomGate.Kind, AtomicInteger> seen = counter();
    qt().withExamples(PropertySettings.examples(200))
        .withFixedSeed(SEED + 2)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomGate g = new RandomGate(seed);
              RandomGate.Case c = g.symmetric(4, 3);
              seen.get(c.kind).incrementAndGet();
              FiniteDistribution d = c.dist;
              int dim = d.dimension();
              Rational[] ws = randomW(g, dim);
              Rational[][] ws2 = {
                randomW(g, dim), randomW(g, dim), QVectors.zeros(dim), ws, QVectors.negate(ws),
                QVectors.scale(Rational.of(2), ws)
              };
              for (Rational[] w : ws2) {
                assertArrayEquals(
                    GateMath.halfSigmaDelta(d, ws, w), GateMath.meanUpdate(d, ws, w),
                    "seed " + seed + ": " + c + ", w* = " + FiniteDistribution.format(ws)
                        + ", w = " + FiniteDistribution.format(w));
              }
            });
    assertAllKindsMet(seen);
  }

  @Test
  @DisplayName("Falsifier (A1 dropped): on shifted supports x + s (s != 0) the checker reports (A1)"
      + " and the lemma fails at w = 0 for every w* with w*.s > 0: w*.(mean update - half Sigma"
      + " Delta) = (1/2) E[|w*.x| w*.x] > 0")
  void lemmaFailsWithoutSymmetry() {
    qt().withExamples(PropertySettings.examples(200))
        .withFixedSeed(SEED + 3)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomGate g = new RandomGate(seed);
              RandomGate.Case c = g.symmetric(4, 3);
              int dim = c.dist.dimension();
              Rational[] s = g.nonZeroVector(dim);
              FiniteDistribution d = RandomGate.shifted(c.dist, s);
              assertFalse(d.isSymmetric(), "seed " + seed);
              HypothesisFailedException e =
                  assertThrows(HypothesisFailedException.class,
                      () -> GateHypotheses.check(d, WIDTH));
              assertTrue(e.failed("A1"), "seed " + seed + ": " + e.getMessage());
              Rational[] ws = g.vector(dim);
              int sign = QVectors.dot(ws, s).signum();
              ws = sign > 0 ? ws : sign < 0 ? QVectors.negate(ws) : QVectors.add(ws, s);
              if (QVectors.dot(ws, s).signum() <= 0) {
                ws = s;
              }
              Rational[] zero = QVectors.zeros(dim);
              Rational[] diff =
                  QVectors.subtract(
                      GateMath.meanUpdate(d, ws, zero), GateMath.halfSigmaDelta(d, ws, zero));
              assertTrue(
                  QVectors.dot(ws, diff).signum() > 0,
                  "seed " + seed + ": lemma holds at w = 0 on an asymmetric support " + d);
              // The exact defect at any w, for any distribution: (1/2) E[(|w*.x| - |w.x|) x]
              // (ReLU(z) = (z + |z|) / 2), computed by an independent loop.
              Rational[] w = g.vector(dim);
              assertArrayEquals(
                  halfAbsDifference(d, ws, w),
                  QVectors.subtract(GateMath.meanUpdate(d, ws, w), GateMath.halfSigmaDelta(d, ws, w)),
                  "seed " + seed);
            });
  }

  // ====================================================================== one-step identity

  @Test
  @DisplayName("T2 one-step identity: E||w_{t+1} - w*||^2 by enumerating all n^b batches equals the"
      + " identity ||D||^2 - eta D'Sigma D + eta^2 [E[r^2||x||^2]/b + (1-1/b)||Sigma D||^2/4]"
      + " exactly, b = 1, 2, 3")
  void oneStepIdentityDirectEqualsFormula() {
    Map<RandomGate.Kind, AtomicInteger> seen = counter();
    int[] batches = new int[4];
    qt().withExamples(PropertySettings.examples(150))
        .withFixedSeed(SEED + 4)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomGate g = new RandomGate(seed);
              RandomGate.Case c = g.symmetric(3, 3);
              seen.get(c.kind).incrementAndGet();
              FiniteDistribution d = c.dist;
              int b = 1 + g.rnd.nextInt(3);
              batches[b]++;
              Rational eta = randomStep(g);
              Rational[] ws = randomW(g, d.dimension());
              Rational[] w = g.rnd.nextInt(4) == 0 ? QVectors.zeros(d.dimension())
                  : randomW(g, d.dimension());
              assertEquals(
                  GateMath.expectedSquaredDistanceIdentity(d, ws, w, eta, b),
                  GateMath.expectedSquaredDistanceDirect(d, ws, w, eta, b),
                  "seed " + seed + ": " + c + ", b = " + b);
            });
    assertAllKindsMet(seen);
    assertTrue(batches[1] > 0 && batches[2] > 0 && batches[3] > 0, "some batch size unused");
  }

  @Test
  @DisplayName("Falsifier (A1 dropped): on shifted supports the direct expectation differs from the"
      + " identity at w = 0 (for eta or eta/2: the difference is a polynomial in eta with non-zero"
      + " linear term)")
  void oneStepIdentityFailsWithoutSymmetry() {
    qt().withExamples(PropertySettings.examples(100))
        .withFixedSeed(SEED + 5)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomGate g = new RandomGate(seed);
              RandomGate.Case c = g.symmetric(3, 2);
              int dim = c.dist.dimension();
              Rational[] s = g.nonZeroVector(dim);
              FiniteDistribution d = RandomGate.shifted(c.dist, s);
              Rational[] ws = QVectors.scale(g.positive(), s);
              Rational[] zero = QVectors.zeros(dim);
              int b = 1 + g.rnd.nextInt(3);
              Rational eta = randomStep(g);
              boolean differs = false;
              for (Rational e : new Rational[] {eta, eta.divide(2)}) {
                differs |=
                    !GateMath.expectedSquaredDistanceDirect(d, ws, zero, e, b)
                        .equals(GateMath.expectedSquaredDistanceIdentity(d, ws, zero, e, b));
              }
              assertTrue(differs, "seed " + seed + ": identity holds on asymmetric " + d);
            });
  }

  // ====================================================================== contraction

  @Test
  @DisplayName("T2 contraction: E||w_{t+1} - w*||^2 <= (1 - eta L + eta^2 c_b) ||w_t - w*||^2 with"
      + " the certified constants for every eta in (0, 2 L/c_b]; below ||w_t - w*||^2 when"
      + " eta < L/c_b; the theorem's step gives the factor rho_b")
  void contractionInequalityWithCertifiedConstants() {
    AtomicInteger strict = new AtomicInteger();
    qt().withExamples(PropertySettings.examples(120))
        .withFixedSeed(SEED + 6)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomGate g = new RandomGate(seed);
              RandomGate.Case c = g.positiveDefinite(3, 3);
              FiniteDistribution d = c.dist;
              GateInstance inst = GateHypotheses.check(d, WIDTH);
              int b = 1 + g.rnd.nextInt(3);
              GateConstants k = GateHypotheses.constants(inst, b);
              assertEquals(k.rho(), k.factor(k.eta()), "seed " + seed);
              Rational limit = k.contractingStepLimit();
              Rational eta = limit.multiply(Rational.of(1 + g.rnd.nextInt(16), 8));
              if (g.rnd.nextInt(4) == 0) {
                eta = k.eta();
              }
              Rational[] ws = randomW(g, d.dimension());
              Rational[] w = randomW(g, d.dimension());
              Rational direct = GateMath.expectedSquaredDistanceDirect(d, ws, w, eta, b);
              Rational bound = GateMath.contractionBound(inst, ws, w, eta, b);
              assertTrue(
                  direct.compareTo(bound) <= 0,
                  "seed " + seed + ": " + c + " direct " + direct + " > bound " + bound);
              // The intermediate step, before any eigenvalue: with the pairing bound
              // E[r^2 ||x||^2] <= (1/2) Delta' E[||x||^2 x x'] Delta (under (A1)),
              // direct <= ||D||^2 - eta D'Sigma D + eta^2 [D'L4 D / (2b) + (1 - 1/b) ||Sigma D||^2 / 4].
              Rational[] delta = QVectors.subtract(w, ws);
              Rational[] sd = d.sigma().times(delta);
              Rational invB = Rational.of(1, b);
              Rational quad4 = QVectors.dot(delta, d.lambda4Matrix().times(delta));
              Rational middle =
                  QVectors.normSquared(delta)
                      .subtract(eta.multiply(QVectors.dot(delta, sd)))
                      .add(eta.multiply(eta).multiply(
                          invB.multiply(quad4).divide(2)
                              .add(Rational.ONE.subtract(invB).multiply(QVectors.normSquared(sd))
                                  .divide(4))));
              assertTrue(direct.compareTo(middle) <= 0, "seed " + seed + ": pairing step");
              assertTrue(middle.compareTo(bound) <= 0, "seed " + seed + ": eigenvalue step");
              Rational dist2 = QVectors.normSquared(QVectors.subtract(w, ws));
              if (eta.compareTo(limit) < 0 && dist2.signum() > 0) {
                strict.incrementAndGet();
                assertTrue(bound.compareTo(dist2) < 0, "seed " + seed);
                assertTrue(direct.compareTo(dist2) < 0, "seed " + seed);
              }
            });
    assertTrue(strict.get() > 0, "no contracting step was tried");
  }

  @Test
  @DisplayName("Falsifier (step size dropped): with eta = 4/L (> L/c_b) and w = 0, E||w_2 - w*||^2 >"
      + " ||w*||^2 for every generated instance, every w* != 0 and b = 1, 2, 3 (while the"
      + " certified inequality itself still holds)")
  void contractionFailsForLargeStep() {
    qt().withExamples(PropertySettings.examples(100))
        .withFixedSeed(SEED + 7)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomGate g = new RandomGate(seed);
              RandomGate.Case c = g.positiveDefinite(3, 3);
              FiniteDistribution d = c.dist;
              GateInstance inst = GateHypotheses.check(d, WIDTH);
              int b = 1 + g.rnd.nextInt(3);
              Rational eta = Rational.of(4).divide(inst.lambdaMinLower());
              GateConstants k = GateHypotheses.constants(inst, b);
              assertTrue(eta.compareTo(k.contractingStepLimit()) > 0, "seed " + seed);
              Rational[] ws = g.nonZeroVector(d.dimension());
              Rational[] zero = QVectors.zeros(d.dimension());
              Rational direct = GateMath.expectedSquaredDistanceDirect(d, ws, zero, eta, b);
              assertTrue(
                  direct.compareTo(QVectors.normSquared(ws)) > 0,
                  "seed " + seed + ": eta = 4/L still contracts on " + c);
              assertTrue(
                  direct.compareTo(GateMath.contractionBound(inst, ws, zero, eta, b)) <= 0,
                  "seed " + seed);
            });
  }

  // ====================================================================== theorem

  @Test
  @DisplayName("T2 theorem by path enumeration: from w_1 = 0 with eta = L/(2 c_b), E||w_{T+1} -"
      + " w*||^2 (all n^(bT) paths, exact) <= rho_b^T ||w*||^2 and <= rho_b E||w_T - w*||^2,"
      + " for T = 1..4 (b = 1) and T = 1..2 (b = 2), on 1-3 symmetric pairs in d <= 2")
  void theoremHoldsByPathEnumeration() {
    qt().withExamples(PropertySettings.examples(25))
        .withFixedSeed(SEED + 8)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomGate g = new RandomGate(seed);
              RandomGate.Case c = g.positiveDefinite(3, 2);
              FiniteDistribution d = c.dist;
              GateInstance inst = GateHypotheses.check(d, WIDTH);
              Rational[] ws = randomW(g, d.dimension());
              for (int b = 1; b <= 2; b++) {
                GateConstants k = GateHypotheses.constants(inst, b);
                Rational prev = GateMath.pathExpectation(d, ws, k.eta(), b, 0);
                assertEquals(QVectors.normSquared(ws), prev, "seed " + seed);
                int horizon = b == 1 ? 4 : 2;
                for (int t = 1; t <= horizon; t++) {
                  Rational e = GateMath.pathExpectation(d, ws, k.eta(), b, t);
                  Rational bound = GateMath.theoremBound(inst, ws, b, t);
                  assertTrue(
                      e.compareTo(bound) <= 0,
                      "seed " + seed + ": " + c + " b=" + b + " T=" + t + ": " + e + " > " + bound);
                  assertTrue(e.compareTo(k.rho().multiply(prev)) <= 0, "seed " + seed);
                  prev = e;
                }
              }
            });
  }

  @Test
  @DisplayName("Falsifier (A1 dropped): on generated supports in a half-space {x_1 > 0} with Sigma"
      + " definite and w* = -c e_1, every label is 0 and the iteration never leaves 0: the exact"
      + " E||w_{T+1} - w*||^2 = ||w*||^2 > rho^T ||w*||^2 for T = 1..3")
  void theoremFailsWithoutSymmetry() {
    AtomicInteger used = new AtomicInteger();
    qt().withExamples(PropertySettings.examples(30))
        .withFixedSeed(SEED + 9)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomGate g = new RandomGate(seed);
              int dim = 1 + g.rnd.nextInt(2);
              int k = dim + g.rnd.nextInt(3);
              Rational[][] rows = new Rational[k][];
              Rational m = Rational.ONE;
              for (int i = 0; i < k; i++) {
                rows[i] = g.vector(dim);
                m = Rationals.max(m, rows[i][0].abs().add(Rational.ONE));
              }
              Rational[] s = QVectors.zeros(dim);
              s[0] = m;
              FiniteDistribution d = RandomGate.shifted(FiniteDistribution.fromRows(rows), s);
              GateHypotheses.SpectralBounds sb = GateHypotheses.spectralBounds(d, WIDTH);
              if (!sb.sigmaPositiveDefinite()) {
                return; // rows on a line through the shift: (A2) fails too; not this falsifier
              }
              used.incrementAndGet();
              HypothesisFailedException e =
                  assertThrows(HypothesisFailedException.class,
                      () -> GateHypotheses.check(d, WIDTH));
              assertTrue(e.failed("A1") && !e.failed("A2"), "seed " + seed + ": " + e);
              Rational[] ws = QVectors.zeros(dim);
              ws[0] = g.positive().negate();
              for (Rational[] x : d.points()) {
                assertTrue(QVectors.dot(ws, x).signum() < 0, "seed " + seed);
              }
              GateConstants kc =
                  GateConstants.of(
                      sb.lambdaMin().lower(), sb.lambdaMax().upper(), sb.lambda4().upper(), 1);
              Rational rhoT = Rational.ONE;
              for (int t = 1; t <= 3; t++) {
                rhoT = rhoT.multiply(kc.rho());
                Rational ex = GateMath.pathExpectation(d, ws, kc.eta(), 1, t);
                assertEquals(QVectors.normSquared(ws), ex, "seed " + seed);
                assertTrue(
                    ex.compareTo(rhoT.multiply(QVectors.normSquared(ws))) > 0, "seed " + seed);
              }
            });
    assertTrue(used.get() > 0, "no generated half-space support had a definite Sigma");
  }

  // ====================================================================== trajectories

  /**
   * Largest accepted deviation between the double trajectory and its exact replay, relative to
   * {@code 1 + max_t ||w_t||_inf}. An <b>estimate</b>, not a proven bound. Justification: when
   * {@code eta max ||x||^2 <= 2} (asserted below) one step {@code w -> w + eta (1/b) sum_k (y_k -
   * ReLU(w . x_k)) x_k} is non-expansive ({@code ReLU(w.x) - ReLU(w~.x) = a (w - w~).x} with a in
   * [0, 1], so the difference is multiplied by {@code I - (eta/b) sum_k a_k x_k x_k'}, whose
   * eigenvalues lie in [1 - eta max||x||^2, 1]); rounding errors therefore add up rather than
   * multiply: about {@code (d b + 3)} roundings of relative size 2^-53 per step, i.e. of order
   * 1e-13 after 50 steps for d, b &lt;= 3. The observed worst case in CI is about 2e-16; 1e-9 leaves
   * a wide margin while still telling apart a replay on other samples (checked below).
   */
  static final double REPLAY_TOLERANCE = 1e-9;

  @Test
  @DisplayName("Estimate: the double trajectory (50 steps, b <= 3, half of them poisoned) and its"
      + " exact replay on the same indices and label noise agree to 1e-9 (1 + max ||w_t||_inf) at"
      + " every step; a replay on other indices is told apart")
  void exactAndDoubleTrajectoriesAgree() {
    AtomicInteger poisoned = new AtomicInteger();
    double[] worst = {0};
    qt().withExamples(PropertySettings.examples(30))
        .withFixedSeed(SEED + 10)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomGate g = new RandomGate(seed);
              RandomGate.Case c = g.positiveDefinite(4, 3);
              FiniteDistribution d = c.dist;
              GateInstance inst = GateHypotheses.check(d, WIDTH);
              int b = 1 + g.rnd.nextInt(3);
              Rational eta = GateHypotheses.constants(inst, b).eta();
              Rational[] ws = g.nonZeroVector(d.dimension());
              GateIteration.Poisoning p = null;
              if (g.rnd.nextBoolean()) {
                GateIteration.Attack a =
                    GateIteration.Attack.values()[g.rnd.nextInt(GateIteration.Attack.values().length)];
                p = new GateIteration.Poisoning(0.25 * (1 + g.rnd.nextInt(4)), 0.5, a);
                poisoned.incrementAndGet();
              }
              // The justification of the tolerance needs eta max||x||^2 <= 2 (each step is then
              // non-expansive, so rounding errors add up instead of multiplying).
              Rational maxSq = Rational.ZERO;
              for (Rational[] x : d.points()) {
                maxSq = Rationals.max(maxSq, QVectors.normSquared(x));
              }
              assertTrue(eta.multiply(maxSq).compareTo(Rational.of(2)) <= 0, "seed " + seed);
              int steps = 50;
              GateIteration.DoubleRun run =
                  GateIteration.runDouble(
                      d, ws, eta.toDouble(), b, steps, seed,
                      GateIteration.Rule.NON_GRADIENT, new double[d.dimension()], p);
              Rational[][] exact =
                  GateIteration.runExact(
                      d, ws, eta, b, run.indices(), GateIteration.Rule.NON_GRADIENT,
                      QVectors.zeros(d.dimension()), p == null ? null : GateIteration.exactNoise(run));
              double[][] it = run.iterates();
              double scale = 1;
              for (double[] w : it) {
                for (double v : w) {
                  scale = Math.max(scale, 1 + Math.abs(v));
                }
              }
              double[] dev = GateIteration.deviations(exact, it);
              for (int t = 0; t < dev.length; t++) {
                worst[0] = Math.max(worst[0], dev[t] / scale);
                assertTrue(
                    dev[t] <= REPLAY_TOLERANCE * scale,
                    "seed " + seed + ": step " + (t + 1) + " deviates by " + dev[t]);
              }
              // Falsifier: change the first sample to a point with another update at w_1 = 0.
              int[][] other = run.indices();
              Rational[] u0 =
                  GateMath.residualTimesX(ws, QVectors.zeros(d.dimension()), d.point(other[0][0]));
              for (int i = 0; i < d.size(); i++) {
                if (!java.util.Arrays.equals(
                    u0, GateMath.residualTimesX(ws, QVectors.zeros(d.dimension()), d.point(i)))) {
                  other[0][0] = i;
                  Rational[][] wrong =
                      GateIteration.runExact(
                          d, ws, eta, b, other, GateIteration.Rule.NON_GRADIENT,
                          QVectors.zeros(d.dimension()),
                          p == null ? null : GateIteration.exactNoise(run));
                  assertTrue(
                      GateIteration.deviations(wrong, it)[1] > REPLAY_TOLERANCE * scale,
                      "seed " + seed + ": a replay on other samples was not told apart");
                  break;
                }
              }
            });
    assertTrue(poisoned.get() > 0, "no poisoned run");
    System.out.println("GateProperties: worst relative replay deviation " + worst[0]);
  }

  @Test
  @DisplayName("SGD vs the non-gradient rule: from w = 0, SGD (factor 1{w.x > 0}) never moves, exactly"
      + " and in double; the non-gradient rule leaves 0 at the first batch with some w*.x > 0"
      + " (w*.w_2 > 0); w* is a fixed point of both rules on every sample")
  void sgdFromZeroNeverMoves() {
    qt().withExamples(PropertySettings.examples(100))
        .withFixedSeed(SEED + 11)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomGate g = new RandomGate(seed);
              RandomGate.Case c = g.positiveDefinite(4, 3);
              FiniteDistribution d = c.dist;
              int dim = d.dimension();
              int b = 1 + g.rnd.nextInt(3);
              Rational eta = randomStep(g);
              Rational[] ws = g.nonZeroVector(dim);
              int steps = 8;
              GateIteration.DoubleRun sgdD =
                  GateIteration.runDouble(
                      d, ws, eta.toDouble(), b, steps, seed, GateIteration.Rule.SGD,
                      new double[dim], null);
              for (double[] w : sgdD.iterates()) {
                assertArrayEquals(new double[dim], w, "seed " + seed);
              }
              int[][] idx = sgdD.indices();
              // Make the first sample one with w*.x > 0 (exists: Sigma definite, support symmetric).
              for (int i = 0; i < d.size(); i++) {
                if (QVectors.dot(ws, d.point(i)).signum() > 0) {
                  idx[0][0] = i;
                  break;
                }
              }
              assertTrue(QVectors.dot(ws, d.point(idx[0][0])).signum() > 0, "seed " + seed);
              Rational[] zero = QVectors.zeros(dim);
              Rational[][] sgd =
                  GateIteration.runExact(d, ws, eta, b, idx, GateIteration.Rule.SGD, zero, null);
              for (Rational[] w : sgd) {
                assertTrue(QVectors.isZero(w), "seed " + seed + ": SGD moved from 0");
              }
              Rational[][] ng = GateIteration.runExact(d, ws, eta, b, idx);
              assertTrue(QVectors.dot(ws, ng[1]).signum() > 0, "seed " + seed);
              // Interpolation: at w = w* every residual is 0, for both rules.
              for (GateIteration.Rule rule : GateIteration.Rule.values()) {
                for (Rational[] w : GateIteration.runExact(d, ws, eta, b, idx, rule, ws, null)) {
                  assertArrayEquals(ws, w, "seed " + seed + ": " + rule + " left w*");
                }
              }
            });
  }

  @Test
  @DisplayName("Sampling streams: for one seed, clean, poisoned (any attack) and SGD runs draw the"
      + " same sample indices, and poisoning with beta* = 0 reproduces the clean run bit for bit")
  void poisonedRunsSeeTheSameSamples() {
    qt().withExamples(PropertySettings.examples(40))
        .withFixedSeed(SEED + 12)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomGate g = new RandomGate(seed);
              FiniteDistribution d = g.positiveDefinite(4, 3).dist;
              int dim = d.dimension();
              int b = 1 + g.rnd.nextInt(3);
              Rational[] ws = g.nonZeroVector(dim);
              double eta = 0.05;
              GateIteration.DoubleRun clean = GateIteration.runDouble(d, ws, eta, b, 30, seed);
              for (GateIteration.Attack a : GateIteration.Attack.values()) {
                GateIteration.DoubleRun zero =
                    GateIteration.runDouble(
                        d, ws, eta, b, 30, seed, GateIteration.Rule.NON_GRADIENT, new double[dim],
                        new GateIteration.Poisoning(0, 1, a));
                assertArrayEquals(clean.iterates(), zero.iterates(), "seed " + seed);
                GateIteration.DoubleRun hit =
                    GateIteration.runDouble(
                        d, ws, eta, b, 30, seed, GateIteration.Rule.NON_GRADIENT, new double[dim],
                        new GateIteration.Poisoning(1, 1, a));
                assertArrayEquals(clean.indices(), hit.indices(), "seed " + seed);
                for (double[] row : hit.noise()) {
                  for (double v : row) {
                    assertTrue(Math.abs(v) <= 1, "seed " + seed);
                  }
                }
              }
              GateIteration.DoubleRun sgd =
                  GateIteration.runDouble(
                      d, ws, eta, b, 30, seed, GateIteration.Rule.SGD, new double[dim], null);
              assertArrayEquals(clean.indices(), sgd.indices(), "seed " + seed);
            });
  }
}
