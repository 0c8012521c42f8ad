package org.provablenets.villani;

import org.provablenets.exact.enclosure.Roots;
import org.provablenets.exact.enclosure.Interval;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.provablenets.exact.PropertySettings;
import org.provablenets.exact.Rational;
import org.provablenets.qual.HypothesesChecked;

/**
 * Properties of T3 (Villani conditions for Frobenius-regularised depth-2 nets). Instances are built
 * from seeds drawn by QuickTheories and kept small (n &lt;= 4, p, d &lt;= 3) for the CI budget.
 * Every property is exact or rigorous (interval enclosures decided exactly) except the two
 * numerical agreements, whose tolerances are stated in their names; all use fixed seeds, so a
 * failure is a real bug and is reproducible from the printed seed.
 */
class VillaniProperties {
  private static final long SEED = 2210_11452L;

  /** Precision of the rigorous enclosures in these properties (significant digits). */
  private static final long ENCLOSURE_DIGITS = 25;

  private static Apfloat abs(Apfloat x) {
    return ApfloatMath.abs(x);
  }

  /** |a - b| <= tol (1 + |b|). */
  private static boolean near(Apfloat a, Apfloat b, String tol) {
    Apfloat bound = new Apfloat(tol).multiply(new Apfloat(1L).add(abs(b)));
    return abs(a.subtract(b)).compareTo(bound) <= 0;
  }

  // ------------------------------------------------------------------ activations

  @Test
  @DisplayName("Activations: enclosures over an interval contain sigma, sigma', sigma'' at every sampled point")
  void activationEnclosuresContainSampledValues() {
    qt().withExamples(PropertySettings.examples(20))
        .withFixedSeed(SEED)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomVillani g = new RandomVillani(seed);
              // Kinds of interval: around a point, wide across 0 and the critical points,
              // far out (saturation), tiny near 0.
              int kind = g.rnd.nextInt(4);
              Rational c = kind == 2 ? g.tenths(300) : g.tenths(3);
              Rational half =
                  kind == 0 ? Rational.of(1, 1000)
                      : kind == 1 ? Rational.of(1 + g.rnd.nextInt(40), 10)
                      : kind == 2 ? Rational.of(1 + g.rnd.nextInt(30))
                      : Rational.of(1, 1_000_000_000_000_000L);
              if (kind == 3) {
                c = Rational.of(g.rnd.nextInt(3) - 1, 1_000_000_000_000_000L);
              }
              Rational lo = c.subtract(half);
              Rational hi = c.add(half);
              Interval x = Interval.of(lo, 20).hull(Interval.of(hi, 20));
              for (Activation act : Activation.values()) {
                Activation.Enclosure e = act.enclose(x);
                for (int k = 0; k <= 4; k++) {
                  Rational pt = lo.add(hi.subtract(lo).multiply(Rational.of(k, 4)));
                  Activation.Values v = act.estimate(RegularisedLoss.toApfloat(pt, 50), 40);
                  String where = "seed " + seed + ", " + act + " at " + pt + " in " + x;
                  assertTrue(e.value().contains(v.value()), where + ": value " + e.value());
                  assertTrue(e.first().contains(v.first()), where + ": first " + e.first());
                  assertTrue(e.second().contains(v.second()), where + ": second " + e.second());
                }
              }
            });
  }

  // ------------------------------------------------------------------ loss, gradient, Laplacian

  @Test
  @DisplayName("Gradient and Laplacian: the analytic formulas agree with 60-digit central differences (h = 1e-15) to 20 digits, all three activations")
  void analyticDerivativesMatchFiniteDifferences() {
    Rational h = Rational.of(java.math.BigInteger.ONE, java.math.BigInteger.TEN.pow(15));
    Rational h2 = h.multiply(h);
    qt().withExamples(PropertySettings.examples(5))
        .withFixedSeed(SEED + 1)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomVillani g = new RandomVillani(seed);
              int n = 1 + g.rnd.nextInt(3);
              int p = 1 + g.rnd.nextInt(2);
              int d = 1 + g.rnd.nextInt(2);
              TrainingData data = g.data(n, d);
              Rational[] a = g.outer(p);
              Rational lambda = g.lambda();
              Rational[][] w = g.weights(p, d, 2);
              for (Activation act : Activation.values()) {
                RegularisedLoss loss = new RegularisedLoss(data, a, lambda, act);
                RegularisedLoss.LossEstimate an = loss.estimate(w, Rational.ONE, 60);
                Apfloat l0 = loss.lossEstimate(w, 60);
                Apfloat lapFd = new Apfloat(0L);
                for (int j = 0; j < p; j++) {
                  for (int k = 0; k < d; k++) {
                    Rational[][] plus = copy(w);
                    Rational[][] minus = copy(w);
                    plus[j][k] = w[j][k].add(h);
                    minus[j][k] = w[j][k].subtract(h);
                    Apfloat lp = loss.lossEstimate(plus, 60);
                    Apfloat lm = loss.lossEstimate(minus, 60);
                    Apfloat gradFd =
                        lp.subtract(lm).multiply(RegularisedLoss.toApfloat(h.multiply(2).reciprocal(), 70));
                    assertTrue(near(gradFd, an.gradient()[j][k], "1e-20"),
                        "seed " + seed + ", " + act + ": dL/dW_" + j + k + " = " + an.gradient()[j][k]
                            + ", central difference " + gradFd);
                    lapFd = lapFd.add(lp.add(lm).subtract(l0.multiply(new Apfloat(2L)))
                        .multiply(RegularisedLoss.toApfloat(h2.reciprocal(), 70)));
                  }
                }
                assertTrue(near(lapFd, an.laplacian(), "1e-20"),
                    "seed " + seed + ", " + act + ": Laplacian " + an.laplacian()
                        + ", second differences " + lapFd);
              }
            });
  }

  private static Rational[][] copy(Rational[][] w) {
    Rational[][] out = new Rational[w.length][];
    for (int j = 0; j < w.length; j++) {
      out[j] = w[j].clone();
    }
    return out;
  }

  @Test
  @DisplayName("Fast path: double loss, gradient, Laplacian and V_s agree with 30-digit apfloat within 1e-9 (1 + |value|)")
  void doublePathAgreesWithApfloat() {
    qt().withExamples(PropertySettings.examples(12))
        .withFixedSeed(SEED + 2)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomVillani g = new RandomVillani(seed);
              int p = 1 + g.rnd.nextInt(3);
              int d = 1 + g.rnd.nextInt(3);
              TrainingData data = g.data(1 + g.rnd.nextInt(4), d);
              Rational[] a = g.outer(p);
              Rational[][] w = g.weights(p, d, 1 + g.rnd.nextInt(30));
              Rational s = g.s();
              for (Activation act : Activation.values()) {
                RegularisedLoss loss = new RegularisedLoss(data, a, g.lambda(), act);
                RegularisedLoss.LossEstimate ap = loss.estimate(w, s, 30);
                DoubleLoss.Values dbl =
                    new DoubleLoss(loss).all(RandomVillani.toDouble(w), s.toDouble());
                String where = "seed " + seed + ", " + act;
                agree(dbl.loss(), ap.loss(), where + " loss");
                agree(dbl.laplacian(), ap.laplacian(), where + " Laplacian");
                agree(dbl.villani(), ap.villani(), where + " V_s");
                for (int j = 0; j < p; j++) {
                  for (int k = 0; k < d; k++) {
                    agree(dbl.gradient()[j][k], ap.gradient()[j][k], where + " gradient " + j + k);
                  }
                }
              }
            });
  }

  private static void agree(double fast, Apfloat exact, String what) {
    double e = exact.doubleValue();
    assertTrue(Math.abs(fast - e) <= 1e-9 * (1 + Math.abs(e)), what + ": double " + fast
        + " vs apfloat " + exact);
  }

  @Test
  @DisplayName("Enclosures: 25-digit enclosures of L, grad L, Laplacian and V_s contain the 50-digit estimates and are tight (relative width <= 1e-15)")
  void enclosuresContainHigherPrecisionEstimates() {
    qt().withExamples(PropertySettings.examples(20))
        .withFixedSeed(SEED + 3)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomVillani g = new RandomVillani(seed);
              int p = 1 + g.rnd.nextInt(3);
              int d = 1 + g.rnd.nextInt(3);
              TrainingData data = g.data(1 + g.rnd.nextInt(4), d);
              Rational[] a = g.outer(p);
              Rational[][] w = g.weights(p, d, 1 + g.rnd.nextInt(20));
              Rational s = g.s();
              Activation act = g.activation();
              RegularisedLoss loss = new RegularisedLoss(data, a, g.lambda(), act);
              RegularisedLoss.LossEnclosure e = loss.enclose(w, s, ENCLOSURE_DIGITS);
              RegularisedLoss.LossEstimate v = loss.estimate(w, s, 50);
              String where = "seed " + seed + ", " + act;
              containsTightly(e.loss(), v.loss(), where + " loss");
              containsTightly(e.laplacian(), v.laplacian(), where + " Laplacian");
              containsTightly(e.villani(), v.villani(), where + " V_s");
              for (int j = 0; j < p; j++) {
                for (int k = 0; k < d; k++) {
                  containsTightly(e.gradient()[j][k], v.gradient()[j][k], where + " gradient");
                }
              }
            });
  }

  private static void containsTightly(Interval e, Apfloat v, String what) {
    assertTrue(e.contains(v), what + ": " + e + " misses " + v);
    Apfloat scale = new Apfloat(1L).add(abs(e.lo())).add(abs(e.hi()));
    assertTrue(e.width().compareTo(scale.multiply(new Apfloat("1e-15"))) <= 0,
        what + ": enclosure too wide " + e);
  }

  // ------------------------------------------------------------------ the derived lemma

  @Test
  @DisplayName("Lemma [derived]: |r_i| <= rho_0 + L_s B_x ||a||_2 ||W|| (unbounded sigma), ||grad R|| <= G_0 + lambda_c ||W||, Laplacian R <= K_0 + K_1 ||W||, <grad R, W> >= -C_0, and V_s >= phi(||W||) beyond r_m")
  void derivedBoundsHoldAtRandomWeights() {
    qt().withExamples(PropertySettings.examples(25))
        .withFixedSeed(SEED + 4)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomVillani g = new RandomVillani(seed);
              int p = 1 + g.rnd.nextInt(3);
              int d = 1 + g.rnd.nextInt(3);
              TrainingData data = g.data(1 + g.rnd.nextInt(4), d);
              Rational[] a = g.outer(p);
              Rational[][] w = g.weights(p, d, g.rnd.nextBoolean() ? 3 : 300);
              Activation act = g.activation();
              Rational lambda = g.lambda();
              Rational s = g.s();
              VillaniConstants c = VillaniChecker.constants(data, a, act);
              RegularisedLoss r = new RegularisedLoss(data, a, Rational.ZERO, act);
              RegularisedLoss.LossEnclosure e = r.enclose(w, s, ENCLOSURE_DIGITS);
              Rational norm2 = RegularisedLoss.frobeniusSquared(w);
              Rational normUp = Roots.sqrtUpper(norm2, 20);
              String where = "seed " + seed + ", " + act;
              Rational growth = act.bounded() ? Rational.ZERO
                  : act.supAbsFirst().multiply(c.bX()).multiply(c.a2()).multiply(normUp);
              for (Interval ri : e.residuals()) {
                assertTrue(ri.certainlyAtMost(c.rho0().add(growth)), where + ": r_i " + ri);
                assertTrue(ri.certainlyAtLeast(c.rho0().add(growth).negate()), where + ": r_i " + ri);
              }
              Rational gb = c.g0().add(c.lambdaC().multiply(normUp));
              assertTrue(e.gradientNormSquared().certainlyAtMost(gb.multiply(gb)),
                  where + ": ||grad R||^2 " + e.gradientNormSquared() + " > " + gb + "^2");
              assertTrue(e.laplacian().certainlyAtMost(c.k0().add(c.k1().multiply(normUp))),
                  where + ": Laplacian R " + e.laplacian());
              Interval radial = Interval.of(0, ENCLOSURE_DIGITS);
              for (int j = 0; j < p; j++) {
                for (int k = 0; k < d; k++) {
                  radial = radial.add(e.gradient()[j][k].multiply(w[j][k]));
                }
              }
              assertTrue(radial.certainlyAtLeast(c.c0().negate()), where + ": <grad R, W> " + radial);
              // V_s(W) >= phi(r) for r <= ||W|| with r >= r_m, for each statement that applies.
              Rational normDown = Roots.sqrtLower(norm2, 20);
              RegularisedLoss.LossEnclosure full =
                  r.withLambda(lambda).enclose(w, s, ENCLOSURE_DIGITS);
              for (RadiusStatement st : RadiusStatement.values()) {
                if (VillaniChecker.gamma(st, c, lambda).signum() <= 0) {
                  continue;
                }
                Rational rm = VillaniChecker.monotoneFrom(st, c, lambda, s);
                if (normDown.compareTo(rm) >= 0 && normDown.signum() > 0) {
                  Rational phi = VillaniChecker.villaniLowerBound(st, c, lambda, s, normDown);
                  assertTrue(full.villani().certainlyAtLeast(phi),
                      where + ", " + st + ": V_s " + full.villani() + " < phi = " + phi);
                }
              }
            });
  }

  @Test
  @DisplayName("Lemma [derived], sharpness: for tanh, one point and one unit, |r| reaches 99% of rho_0 and Laplacian R reaches 95% of K_0 at extremal weights (so neither term of K_0 can be dropped)")
  void lemmaBoundsAreNearlyAttained() {
    // atanh(1/sqrt 3) = 0.65847894846240835...: there |tanh''| = 4/(3 sqrt 3), its maximum.
    Rational zStar = Rational.of(658478948, 1_000_000_000);
    qt().withExamples(PropertySettings.examples(15))
        .withFixedSeed(SEED + 10)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomVillani g = new RandomVillani(seed);
              Rational b = Rational.of(5 + g.rnd.nextInt(16), 10); // x = B_x in [1/2, 2]
              int signA = g.rnd.nextBoolean() ? 1 : -1;
              int signY = g.rnd.nextBoolean() ? 1 : -1;
              Rational a = Rational.of(signA * (5 + g.rnd.nextInt(16)), 10);
              Rational y = Rational.of(signY * (100 + g.rnd.nextInt(100)));
              TrainingData data = new TrainingData(new Rational[][] {{b}}, new Rational[] {y});
              Rational[] av = {a};
              VillaniConstants c = VillaniChecker.constants(data, av, Activation.TANH);
              RegularisedLoss r = new RegularisedLoss(data, av, Rational.ZERO, Activation.TANH);
              String where = "seed " + seed + ", x " + b + ", a " + a + ", y " + y;
              // a tanh(w x) -> -sign(y)|a|: |r| -> |y| + |a| = rho_0.
              Rational[][] saturate = {{Rational.of(-signA * signY * 50).divide(b)}};
              Interval res = r.enclose(saturate, Rational.ONE, ENCLOSURE_DIGITS).residuals()[0];
              Rational rho = c.rho0().multiply(Rational.of(99, 100));
              assertTrue(res.certainlyAtLeast(rho) || res.certainlyAtMost(rho.negate()),
                  where + ": |r| " + res + " below 99% of rho_0 = " + c.rho0());
              // tanh(w x) = sign(y a)/sqrt 3: the sigma'' term of the Laplacian is extremal.
              Rational[][] bend = {{zStar.multiply(signA * signY).divide(b)}};
              Interval lap = r.enclose(bend, Rational.ONE, ENCLOSURE_DIGITS).laplacian();
              assertTrue(lap.certainlyAtLeast(c.k0().multiply(Rational.of(95, 100))),
                  where + ": Laplacian R " + lap + " below 95% of K_0 = " + c.k0());
              assertTrue(lap.certainlyAtMost(c.k0()), where + ": Laplacian R " + lap + " > K_0");
            });
  }

  // ------------------------------------------------------------------ condition 4

  @Test
  @DisplayName("T3 condition 4 (derived threshold): at ||W||_F >= R(M) the enclosure of V_s is >= M; any lambda > 0 for tanh and sigmoid, lambda > lambda_c for SoftPlus")
  void villaniQuantityExceedsMBeyondCertifiedRadius() {
    qt().withExamples(PropertySettings.examples(50))
        .withFixedSeed(SEED + 5)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomVillani g = new RandomVillani(seed);
              int p = 1 + g.rnd.nextInt(3);
              int d = 1 + g.rnd.nextInt(3);
              TrainingData data = g.data(1 + g.rnd.nextInt(4), d);
              Rational[] a = g.outer(p);
              Activation act = g.activation();
              VillaniConstants c = VillaniChecker.constants(data, a, act);
              Rational lambda = act.bounded() ? g.lambda() : c.lambdaC().add(g.lambda());
              Rational s = g.s();
              Rational m = g.level();
              @HypothesesChecked VillaniInstance inst =
                  VillaniChecker.check(data, a, lambda, act, s, m, RadiusStatement.THRESHOLD);
              confirmBeyond(inst, g, p, d, m, "seed " + seed + ", " + act + ", lambda " + lambda);
            });
  }

  @Test
  @DisplayName("T3 condition 4 (radial, sharper): every lambda > 0 is certified, SoftPlus at or below lambda_c included, and V_s >= M beyond the radius")
  void radialStatementCertifiesEveryPositiveLambda() {
    qt().withExamples(PropertySettings.examples(35))
        .withFixedSeed(SEED + 6)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomVillani g = new RandomVillani(seed);
              int p = 1 + g.rnd.nextInt(3);
              int d = 1 + g.rnd.nextInt(3);
              TrainingData data = g.data(1 + g.rnd.nextInt(4), d);
              Rational[] a = g.outer(p);
              Activation act = g.rnd.nextInt(3) == 0 ? g.activation() : Activation.SOFTPLUS;
              VillaniConstants c = VillaniChecker.constants(data, a, act);
              // SoftPlus: lambda in (0, lambda_c] when lambda_c > 0 (the threshold statement fails).
              Rational lambda = act == Activation.SOFTPLUS && c.lambdaC().signum() > 0
                  ? c.lambdaC().multiply(Rational.of(1 + g.rnd.nextInt(100), 100))
                  : g.lambda();
              Rational s = g.s();
              Rational m = g.level();
              @HypothesesChecked VillaniInstance inst =
                  VillaniChecker.check(data, a, lambda, act, s, m, RadiusStatement.RADIAL);
              confirmBeyond(inst, g, p, d, m, "seed " + seed + ", " + act + ", lambda " + lambda);
            });
  }

  private static void confirmBeyond(
      @HypothesesChecked VillaniInstance inst, RandomVillani g, int p, int d, Rational m,
      String where) {
    Rational[][] w = g.scaledBeyond(g.direction(p, d), inst.radius());
    RegularisedLoss.LossEnclosure e = VillaniChecker.confirmAt(inst, w, ENCLOSURE_DIGITS);
    assertTrue(e.villani().certainlyAtLeast(m),
        where + ": R = " + inst.radius() + ", V_s enclosure " + e.villani() + " < M = " + m);
    // Inside the radius nothing is claimed, and confirmAt refuses.
    Rational[][] inside = RandomVillani.scale(w, Rational.of(1, 8)); // ||W|| <= 4R(1 + 1e-9)
    if (inst.radius().signum() > 0) {
      assertThrows(IllegalArgumentException.class,
          () -> VillaniChecker.confirmAt(inst, inside, ENCLOSURE_DIGITS), where);
    }
  }

  @Test
  @DisplayName("Radius certificate: the exact check accepts R(M) and rejects radii where phi < M, a too small r_m, and gamma <= 0")
  void radiusCertificateRejectsWrongRadii() {
    int[] rejected = {0};
    qt().withExamples(PropertySettings.examples(40))
        .withFixedSeed(SEED + 7)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomVillani g = new RandomVillani(seed);
              int d = 1 + g.rnd.nextInt(3);
              TrainingData data = g.data(1 + g.rnd.nextInt(4), d);
              Rational[] a = g.outer(1 + g.rnd.nextInt(3));
              Activation act = g.activation();
              VillaniConstants c = VillaniChecker.constants(data, a, act);
              Rational lambda = c.lambdaC().add(g.lambda());
              Rational s = g.s();
              Rational m = g.level();
              VillaniInstance inst = VillaniChecker.check(data, a, lambda, act, s, m);
              RadiusStatement st = inst.statement();
              Rational rm = inst.monotoneFrom();
              Rational r = inst.radius();
              String where = "seed " + seed;
              assertNull(VillaniChecker.verifyRadius(st, c, lambda, s, m, rm, r), where);
              // A radius between r_m and R where phi < M: rejected by condition (4).
              Rational mid = rm.add(r).divide(2);
              if (mid.signum() > 0
                  && VillaniChecker.villaniLowerBound(st, c, lambda, s, mid).compareTo(m) < 0) {
                String why = VillaniChecker.verifyRadius(st, c, lambda, s, m, rm, mid);
                assertNotNull(why, where);
                assertTrue(why.startsWith("(4)"), where + ": " + why);
                rejected[0]++;
              }
              // r_m moved below the monotone region: rejected by condition (2) unless phi is
              // already increasing there (tau = 0 and g(r) >= 0 still hold).
              Rational lowRm = rm.divide(2);
              Rational tau = c.k1().multiply(s).divide(VillaniChecker.gamma(st, c, lambda).multiply(2));
              boolean stillValid = st == RadiusStatement.THRESHOLD
                  ? VillaniChecker.gradientLowerBound(st, c, lambda, lowRm).compareTo(tau) >= 0
                  : lowRm.signum() > 0 && lambda.multiply(lowRm).multiply(lowRm).subtract(c.c0())
                      .compareTo(tau.multiply(lowRm)) >= 0;
              if (rm.signum() > 0 && !stillValid) {
                String why = VillaniChecker.verifyRadius(st, c, lambda, s, m, lowRm, r);
                assertNotNull(why, where);
                assertTrue(why.startsWith("(2)"), where + ": " + why);
              }
              // gamma <= 0: lambda at the threshold.
              assertNotNull(VillaniChecker.verifyRadius(
                  RadiusStatement.THRESHOLD, c, c.lambdaC(), s, m, rm, r), where);
            });
    assertTrue(rejected[0] > 0, "no radius below the root was ever tried");
  }

  // ------------------------------------------------------------------ low-dimensional numerics

  @Test
  @DisplayName("Calibration (OU, f = mu x^2/2): the discrete gap is mu within (h/sd)^2/4 relative, and eps(s) = s/4 within 1e-12")
  void ouGapEqualsMuWithinDiscretisationError() {
    qt().withExamples(PropertySettings.examples(20))
        .withFixedSeed(SEED + 11)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomVillani g = new RandomVillani(seed);
              double mu = 0.25 + 3.75 * g.rnd.nextDouble();
              double s = 0.05 + 2 * g.rnd.nextDouble();
              int perSd = g.rnd.nextBoolean() ? 20 : 40;
              double sd = Math.sqrt(s / (2 * mu)); // mu_s = N(0, s / (2 mu))
              int points = 24 * perSd + 1; // [-12 sd, 12 sd]
              SpectralGap.Result r =
                  SpectralGap.compute(x -> mu * x * x / 2, s, -12 * sd, 12 * sd, points);
              double rel = Math.abs(r.gap() / mu - 1);
              double allowed = Math.pow(r.step() / sd, 2) / 4; // observed: (h/sd)^2 / 8
              assertTrue(rel <= allowed, "seed " + seed + ": mu " + mu + ", s " + s + ", gap "
                  + r.gap() + ", relative error " + rel + " > " + allowed);
              assertTrue(Math.abs(r.epsilon() / (s / 4) - 1) <= 1e-12,
                  "seed " + seed + ": eps " + r.epsilon() + " vs s/4 " + s / 4);
            });
  }

  @Test
  @DisplayName("Calibration (OU in two dimensions, f = (mu1 x^2 + mu2 y^2)/2): the 2D gap is min(mu1, mu2) within (h/sd)^2/4 relative, eps(s) = s/2 within 1e-9")
  void ouGapInTwoDimensionsIsTheSmallerCurvature() {
    qt().withExamples(PropertySettings.examples(8))
        .withFixedSeed(SEED + 14)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomVillani g = new RandomVillani(seed);
              double mu1 = 0.25 + 3.75 * g.rnd.nextDouble();
              double mu2 = g.rnd.nextInt(4) == 0 ? mu1 : 0.25 + 3.75 * g.rnd.nextDouble();
              double s = 0.05 + 2 * g.rnd.nextDouble();
              // One square box of +-12 sd of the wider direction.
              double sd = Math.sqrt(s / (2 * Math.min(mu1, mu2)));
              double sdNarrow = Math.sqrt(s / (2 * Math.max(mu1, mu2)));
              int n = 2 * (6 + g.rnd.nextInt(5)) * 10 + 1;
              SpectralGap2.Result r = SpectralGap2.compute(
                  (x, y) -> (mu1 * x * x + mu2 * y * y) / 2, s, -12 * sd, 12 * sd, -12 * sd,
                  12 * sd, n);
              double gap = Math.min(mu1, mu2);
              double rel = Math.abs(r.gap() / gap - 1);
              // The error of each direction is (h/sd_k)^2 / 8 (as in one dimension); bound by
              // the narrower direction's, with the 1D property's factor 2 of room.
              double allowed = Math.pow(r.stepX() / sdNarrow, 2) / 4;
              assertTrue(rel <= allowed, "seed " + seed + ": mu " + mu1 + ", " + mu2 + ", s " + s
                  + ", n " + n + ", gap " + r.gap() + ", relative error " + rel + " > " + allowed);
              assertEquals(s / 2, r.epsilon(), 1e-9 * s, "seed " + seed + ": eps(s)");
            });
  }

  @Test
  @DisplayName("Consistency (two dimensions): for the separable f = (x^2 - 1)^2/4 + y^2 the 2D gap equals the 1D double-well gap on the same step to 1e-8 relative (the y-direction gap 2 is larger)")
  void separableDoubleWellGapEqualsTheOneDimensionalGap() {
    for (double s : new double[] {0.25, 0.125}) {
      int n = 201;
      SpectralGap2.Result two = SpectralGap2.compute(
          (x, y) -> (x * x - 1) * (x * x - 1) / 4 + y * y, s, -2.5, 2.5, -2.5, 2.5, n);
      SpectralGap.Result one =
          SpectralGap.compute(x -> (x * x - 1) * (x * x - 1) / 4, s, -2.5, 2.5, n);
      assertEquals(one.gap(), two.gap(), 1e-8 * one.gap(), "s " + s);
    }
  }

  @Test
  @DisplayName("Calibration (double well f = (x^2 - 1)^2/4): gap / Eyring-Kramers rate = 1 + O(s): within 1.2 s of 1 for s = 1/8, 1/16, 1/32, and closer each time")
  void doubleWellGapApproachesEyringKramers() {
    double previous = Double.POSITIVE_INFINITY;
    for (double s : new double[] {1.0 / 8, 1.0 / 16, 1.0 / 32}) {
      double sd = Math.sqrt(s / 4); // in a well f'' = 2: local variance s / (2 f'') = s / 4
      int points = (int) (5.0 / (sd / 40)) + 1;
      SpectralGap.Result r =
          SpectralGap.compute(x -> (x * x - 1) * (x * x - 1) / 4, s, -2.5, 2.5, points);
      double ratio = r.gap() / SpectralGap.eyringKramers(2, -1, 0.25, s);
      double err = Math.abs(ratio - 1);
      assertTrue(err <= 1.2 * s, "s " + s + ": ratio " + ratio);
      assertTrue(err < previous, "s " + s + ": ratio " + ratio + " is not closer to 1");
      previous = err;
    }
  }

  /** The one-parameter loss L(w) (p = d = 1) as a double function, for the grid numerics. */
  private static java.util.function.DoubleUnaryOperator oneParameter(RegularisedLoss loss) {
    DoubleLoss f = new DoubleLoss(loss);
    return w -> f.value(new double[] {w});
  }

  @Test
  @DisplayName("Holley-Stroock (m = 1, bounded sigma): the discrete gap of L is >= lambda exp(-rho_0^2 / s) (less 1e-3 relative for the grid)")
  void gapRespectsHolleyStroockLowerBound() {
    qt().withExamples(PropertySettings.examples(15))
        .withFixedSeed(SEED + 12)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomVillani g = new RandomVillani(seed);
              TrainingData data = g.data(1 + g.rnd.nextInt(4), 1);
              Rational[] a = g.outer(1);
              Activation act = g.rnd.nextBoolean() ? Activation.TANH : Activation.SIGMOID;
              Rational lambdaQ = Rational.of(1 + g.rnd.nextInt(30), 10);
              double lambda = lambdaQ.toDouble();
              double s = new double[] {0.1, 0.5, 1, 2}[g.rnd.nextInt(4)];
              VillaniConstants c = VillaniChecker.constants(data, a, act);
              double rho0 = c.rho0().toDouble();
              double k0 = c.k0().toDouble();
              RegularisedLoss loss = new RegularisedLoss(data, a, lambdaQ, act);
              // L >= lambda w^2/2 and min L <= rho_0^2/2: mu_s is negligible beyond W.
              double w = Math.sqrt((rho0 * rho0 + 40 * s) / lambda);
              double sd = Math.sqrt(s / (2 * (lambda + k0)));
              int points = (int) Math.min(100_000, 2 * w / (sd / 20)) + 1;
              SpectralGap.Result r = SpectralGap.compute(oneParameter(loss), s, -w, w, points);
              double hs = lambda * Math.exp(-rho0 * rho0 / s);
              assertTrue(r.gap() >= hs * (1 - 1e-3),
                  "seed " + seed + ": gap " + r.gap() + " < Holley-Stroock " + hs);
            });
  }

  @Test
  @DisplayName("Holley-Stroock (m = 2, bounded sigma): the 2D discrete gap of L is >= lambda exp(-rho_0^2 / s), less the discretisation error (h/sd)^2/4 relative")
  void twoParameterGapRespectsHolleyStroockLowerBound() {
    qt().withExamples(PropertySettings.examples(6))
        .withFixedSeed(SEED + 15)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomVillani g = new RandomVillani(seed);
              boolean wide = g.rnd.nextBoolean(); // p = 2, d = 1 or p = 1, d = 2
              TrainingData data = g.data(1 + g.rnd.nextInt(4), wide ? 1 : 2);
              Rational[] a = g.outer(wide ? 2 : 1);
              Activation act = g.rnd.nextBoolean() ? Activation.TANH : Activation.SIGMOID;
              Rational lambdaQ = Rational.of(1 + g.rnd.nextInt(30), 10);
              double lambda = lambdaQ.toDouble();
              double s = new double[] {0.25, 0.5, 1, 2}[g.rnd.nextInt(4)];
              VillaniConstants c = VillaniChecker.constants(data, a, act);
              double rho0 = c.rho0().toDouble();
              ConvergenceBound b = ConvergenceBound.gibbs(
                  new DoubleLoss(new RegularisedLoss(data, a, lambdaQ, act)), lambda, s, 121);
              double hs = lambda * Math.exp(-rho0 * rho0 / s);
              // Discretisation: the OU calibration's relative error (h/sd)^2/4, with sd the
              // narrowest local width sqrt(s / (2 (lambda + K_0))) of mu_s.
              double sd = Math.sqrt(s / (2 * (lambda + c.k0().toDouble())));
              double allowed = Math.pow(b.step() / sd, 2) / 4;
              assertTrue(allowed < 0.5, "seed " + seed + ": the grid is too coarse (" + allowed
                  + ") for the check to mean anything");
              assertTrue(b.gap() >= hs * (1 - allowed), "seed " + seed + ": gap " + b.gap()
                  + " < Holley-Stroock " + hs + " less " + allowed + " relative");
            });
  }

  @Test
  @DisplayName("eps(s) = E_mu L - min L approaches (m/4) s = s/4 (m = 1): within 5% at s = 1/1000 when lambda > K_0 makes L strictly convex")
  void epsilonApproachesQuarterS() {
    qt().withExamples(PropertySettings.examples(6))
        .withFixedSeed(SEED + 13)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomVillani g = new RandomVillani(seed);
              TrainingData data = g.data(1 + g.rnd.nextInt(3), 1);
              Rational[] a = g.outer(1);
              Activation act = g.activation();
              VillaniConstants c = VillaniChecker.constants(data, a, act);
              if (!act.bounded()) {
                return; // K_0 bounds -R'' only where |r| <= rho_0, i.e. for bounded sigma
              }
              // L'' = lambda + R'' >= lambda - B_x^2 |a| M_s rho_0 >= lambda - K_0 > 0.
              Rational lambdaQ = c.k0().add(Rational.of(1 + g.rnd.nextInt(30), 10));
              double lambda = lambdaQ.toDouble();
              double s = 1e-3;
              double rho0 = c.rho0().toDouble();
              double k0 = c.k0().toDouble();
              RegularisedLoss loss = new RegularisedLoss(data, a, lambdaQ, act);
              double w = Math.sqrt((rho0 * rho0 + 40 * s) / lambda);
              double sd = Math.sqrt(s / (2 * (lambda + k0)));
              int points = (int) Math.min(200_000, 2 * w / (sd / 20)) + 1;
              SpectralGap.Result r = SpectralGap.compute(oneParameter(loss), s, -w, w, points);
              double ratio = r.epsilon() / (s / 4);
              assertTrue(Math.abs(ratio - 1) <= 0.05,
                  "seed " + seed + ", " + act + ": eps(s) / (s/4) = " + ratio);
            });
  }

  // ------------------------------------------------------------------ falsifiers

  @Test
  @DisplayName("Falsifier (lambda = 0, tanh): along W = t W0 the loss stays <= rho_0^2/2 and V_s <= G_0^2/s + K_0 for t = 10, 100, 1000, while lambda > 0 exceeds that bound; the checker refuses lambda = 0")
  void withoutRegularisationTanhStaysBoundedAndIsRefused() {
    qt().withExamples(PropertySettings.examples(8))
        .withFixedSeed(SEED + 8)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomVillani g = new RandomVillani(seed);
              int p = 1 + g.rnd.nextInt(2);
              int d = 1 + g.rnd.nextInt(2);
              TrainingData data = g.data(1 + g.rnd.nextInt(3), d);
              Rational[] a = g.outer(p);
              Rational s = g.s();
              VillaniConstants c = VillaniChecker.constants(data, a, Activation.TANH);
              Rational vBound = VillaniChecker.unregularisedVillaniUpperBound(c, s);
              Rational lBound = c.rho0().multiply(c.rho0()).divide(2);
              RegularisedLoss zero = new RegularisedLoss(data, a, Rational.ZERO, Activation.TANH);
              Rational[][] w0 = g.direction(p, d);
              String where = "seed " + seed;
              for (int t : new int[] {10, 100, 1000}) {
                Rational[][] w = RandomVillani.scale(w0, Rational.of(t));
                RegularisedLoss.LossEnclosure e = zero.enclose(w, s, ENCLOSURE_DIGITS);
                assertTrue(e.villani().certainlyAtMost(vBound),
                    where + ", t = " + t + ": V_s " + e.villani() + " > " + vBound);
                assertTrue(e.loss().certainlyAtMost(lBound),
                    where + ", t = " + t + ": L " + e.loss() + " > " + lBound);
              }
              // With regularisation the same direction leaves every bound behind.
              Rational lambda = Rational.of(1, 10);
              Rational[][] far = RandomVillani.scale(w0, Rational.of(1000));
              RegularisedLoss.LossEnclosure reg =
                  zero.withLambda(lambda).enclose(far, s, ENCLOSURE_DIGITS);
              assertTrue(reg.villani().certainlyAtLeast(vBound.add(Rational.ONE)),
                  where + ": lambda = 1/10 gives V_s " + reg.villani());
              VillaniConditionException ex = assertThrows(VillaniConditionException.class,
                  () -> VillaniChecker.check(data, a, Rational.ZERO, Activation.TANH, s, Rational.ONE));
              assertEquals(2, ex.condition(), where);
              assertTrue(ex.getMessage().contains("lambda = 0"), ex.getMessage());
            });
  }

  @Test
  @DisplayName("Falsifier (derived threshold): for SoftPlus with 0 < lambda <= lambda_c the THRESHOLD statement is refused with lambda_c and the exact shortfall; lambda = 0 is refused for every activation")
  void checkerRefusesLambdaAtOrBelowTheDerivedThreshold() {
    qt().withExamples(PropertySettings.examples(30))
        .withFixedSeed(SEED + 9)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomVillani g = new RandomVillani(seed);
              int d = 1 + g.rnd.nextInt(3);
              TrainingData data = g.data(1 + g.rnd.nextInt(4), d);
              Rational[] a = g.outer(1 + g.rnd.nextInt(3));
              Rational s = g.s();
              VillaniConstants c = VillaniChecker.constants(data, a, Activation.SOFTPLUS);
              if (c.lambdaC().signum() > 0) {
                Rational lambda = c.lambdaC().multiply(Rational.of(1 + g.rnd.nextInt(100), 100));
                VillaniConditionException ex = assertThrows(VillaniConditionException.class,
                    () -> VillaniChecker.check(data, a, lambda, Activation.SOFTPLUS, s,
                        Rational.ONE, RadiusStatement.THRESHOLD));
                assertEquals(4, ex.condition());
                assertTrue(ex.getMessage().contains("lambda_c")
                    && ex.getMessage().contains(
                        "falls short by " + VillaniConstants.show(c.lambdaC().subtract(lambda))),
                    "seed " + seed + ": " + ex.getMessage());
              }
              Activation act = g.activation();
              VillaniConditionException zero = assertThrows(VillaniConditionException.class,
                  () -> VillaniChecker.check(data, a, Rational.ZERO, act, s, Rational.ONE));
              assertEquals(2, zero.condition());
            });
  }
}
