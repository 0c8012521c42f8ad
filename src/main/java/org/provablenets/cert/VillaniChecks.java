package org.provablenets.cert;

import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.exact.enclosure.Interval;
import org.provablenets.qual.HypothesesChecked;
import org.provablenets.villani.Activation;
import org.provablenets.villani.RadiusStatement;
import org.provablenets.villani.TrainingData;
import org.provablenets.villani.VillaniConstants;
import org.provablenets.villani.VillaniInstance;

/**
 * The independent checker of a T3 certificate (used by the T3 section of the tour), collected into
 * a {@link Verdict}. It reads the instance (data, outer weights, lambda, sigma, s, M) and its
 * certificate (the derived constants, the statement, r_m and R) and recomputes every condition with
 * plain exact rational arithmetic and {@link Interval} enclosures; it never calls the code it
 * checks ({@code villani.VillaniChecker}, the loss's own enclosures). These are checks of
 * [derived] statements ({@code proofs-notes/T3.md}).
 *
 * <p>Trusted: the activation's bound constants ({@code Activation.supAbsFirst} and the like,
 * [recalled]/[derived] literals) and {@code Interval}'s rounding.
 *
 * <p><b>Cost.</b> O(n + p) exact operations for the certificate; one enclosure of V_s is O(n p d)
 * interval operations and n p exponentials at the given precision.
 */
public final class VillaniChecks {
  private final Verdict verdict = new Verdict();

  /** An empty list of checks. */
  public VillaniChecks() {}

  /** The verdict so far. */
  public Verdict verdict() {
    return verdict;
  }

  /**
   * Conditions 2-4 of a checked instance: {@code lambda > 0} (confinement and integrability), and
   * the radius certificate {@code (statement, r_m, R)} with its constants re-verified with exact
   * arithmetic ({@link #radiusFailure}).
   */
  public VillaniChecks instance(@HypothesesChecked VillaniInstance inst) {
    Rational lambda = inst.loss().lambda();
    String confinement = confinementFailure(lambda);
    if (confinement != null) {
      verdict.fail(confinement);
      return this;
    }
    verdict.pass("(2), (3) confinement and integrability: lambda = " + Rationals.format(lambda)
        + " > 0");
    String failure = radiusFailure(inst, lambda);
    if (failure != null) {
      verdict.fail("(4) the radius certificate is rejected: " + failure);
      return this;
    }
    verdict.pass("(4) the radius certificate R(M) re-verified exactly (" + inst.statement() + ")");
    return this;
  }

  /**
   * The first failed condition of the radius certificate at the given lambda, or null.
   *
   * <p>Conditions (with {@code gamma = lambda - lambda_c} for THRESHOLD and {@code lambda} for
   * RADIAL, {@code g(r) = gamma r - G_0} resp. {@code lambda r - C_0 / r}, {@code tau = K_1 s /
   * (2 gamma)}, {@code phi(r) = g(r)^2 / s - K_0 - K_1 r - lambda p d}): (0) each constant is at
   * least the expression it bounds; (1) {@code gamma > 0}; (2) {@code g} is at least tau from r_m
   * on: THRESHOLD {@code g(r_m) >= tau}, RADIAL {@code lambda r_m^2 - C_0 >= tau r_m} (r_m &gt; 0;
   * r_m = 0 needs {@code C_0 = tau = 0}); (3) {@code 0 < r_m <= R} or r_m = 0 &lt; R; (4) {@code
   * phi(R) >= M}. Then phi is non-decreasing on {@code [r_m, infinity)} and {@code V_s >= phi(||W||)
   * >= M} for {@code ||W||_F >= R} (the lemma in {@code proofs-notes/T3.md}).
   */
  private static @Nullable String radiusFailure(VillaniInstance inst, Rational lambda) {
    VillaniConstants c = inst.constants();
    String constants = constantsFailure(inst);
    if (constants != null) {
      return "(0) " + constants;
    }
    boolean threshold = inst.statement() == RadiusStatement.THRESHOLD;
    Rational gamma = threshold ? lambda.subtract(c.lambdaC()) : lambda;
    Rational s = inst.s();
    if (gamma.signum() <= 0 || s.signum() <= 0) {
      return "(1) gamma = " + Rationals.format(gamma) + " and s must be > 0";
    }
    Rational tau = c.k1().multiply(s).divide(gamma.multiply(2));
    Rational rm = inst.monotoneFrom();
    Rational big = inst.radius();
    boolean rising;
    if (rm.signum() < 0) {
      rising = false;
    } else if (threshold) {
      rising = gamma.multiply(rm).subtract(c.g0()).compareTo(tau) >= 0;
    } else if (rm.signum() > 0) {
      rising = lambda.multiply(rm).multiply(rm).subtract(c.c0()).compareTo(tau.multiply(rm)) >= 0;
    } else {
      rising = c.c0().signum() == 0 && tau.signum() == 0;
    }
    if (!rising) {
      return "(2) g(r) >= tau = " + Rationals.format(tau) + " fails at r_m = "
          + Rationals.format(rm);
    }
    if (big.signum() <= 0 || big.compareTo(rm) < 0) {
      return "(3) R = " + Rationals.format(big) + " is not positive and >= r_m";
    }
    Rational g = threshold
        ? gamma.multiply(big).subtract(c.g0())
        : lambda.multiply(big).subtract(c.c0().divide(big));
    Rational phi = g.multiply(g).divide(s).subtract(c.k0()).subtract(c.k1().multiply(big))
        .subtract(lambda.multiply(inst.loss().parameters()));
    if (phi.compareTo(inst.level()) < 0) {
      return "(4) phi(R) = " + Rationals.format(phi) + " < M = " + Rationals.format(inst.level());
    }
    return null;
  }

  /**
   * Whether each derived constant bounds its expression (T3.md, "The derived constants"): the data
   * and weight norms from the data, the square roots by squaring, the rest from those and sigma's
   * bound constants.
   */
  private static @Nullable String constantsFailure(VillaniInstance inst) {
    VillaniConstants c = inst.constants();
    TrainingData data = inst.loss().data();
    Rational[] a = inst.loss().outerWeights();
    Activation act = inst.loss().activation();
    Rational maxY = Rational.ZERO;
    Rational maxX2 = Rational.ZERO;
    for (int i = 0; i < data.size(); i++) {
      maxY = Rationals.max(maxY, data.y(i).abs());
      maxX2 = Rationals.max(maxX2, data.normSquared(i));
    }
    Rational l1 = Rational.ZERO;
    Rational l2sq = Rational.ZERO;
    for (Rational v : a) {
      l1 = l1.add(v.abs());
      l2sq = l2sq.add(v.multiply(v));
    }
    Rational ls = act.supAbsFirst();
    Rational ms = act.supAbsSecond();
    Rational bSigma = act.supAbsValue();
    boolean bounded = bSigma != null;
    Rational x2a2 = c.bXSquared().multiply(c.a2Squared());
    Rational h = c.bY().add(act.supAbsValueMinusSlope().multiply(c.a1()));
    Object[][] claims = {
      {"B_y", c.bY(), maxY},
      {"B_x^2", c.bXSquared(), maxX2},
      {"B_x^2 (as B_x squared)", c.bX().multiply(c.bX()), c.bXSquared()},
      {"||a||_1", c.a1(), l1},
      {"||a||_2^2", c.a2Squared(), l2sq},
      {"||a||_2^2 (as ||a||_2 squared)", c.a2().multiply(c.a2()), c.a2Squared()},
      {"rho_0", c.rho0(), c.bY().add((bSigma != null ? bSigma : act.absAtZero()).multiply(c.a1()))},
      {"G_0", c.g0(), ls.multiply(c.bX()).multiply(c.a2()).multiply(c.rho0())},
      {"lambda_c", c.lambdaC(), bounded ? Rational.ZERO : ls.multiply(ls).multiply(x2a2)},
      {"K_0", c.k0(), ls.multiply(ls).multiply(x2a2)
          .add(ms.multiply(c.bXSquared()).multiply(c.a1()).multiply(c.rho0()))},
      {"K_1", c.k1(), bounded ? Rational.ZERO
          : ms.multiply(ls).multiply(c.bXSquared()).multiply(c.bX()).multiply(c.a1())
              .multiply(c.a2())},
      {"C_0", c.c0(), h.multiply(h).divide(4)}
    };
    if (c.bX().signum() < 0 || c.a2().signum() < 0) {
      return "the square-root bounds B_x and ||a||_2 must be >= 0";
    }
    for (Object[] claim : claims) {
      Rational have = (Rational) claim[1];
      Rational need = (Rational) claim[2];
      if (have.compareTo(need) < 0) {
        return "the constant " + claim[0] + " = " + Rationals.format(have)
            + " is below what it must bound, " + Rationals.format(need);
      }
    }
    return null;
  }

  /**
   * The guarantee of condition 4 at one W with {@code ||W||_F >= R}: the lower end of an
   * enclosure of {@code V_s(W)}, computed here from the formulas ({@link #villaniEnclosure}), is
   * {@code >= M}.
   */
  public VillaniChecks enclosureAtLeastLevel(
      @HypothesesChecked VillaniInstance inst, Rational[][] w, long precision) {
    Rational norm2 = Rational.ZERO;
    for (Rational[] row : w) {
      for (Rational v : row) {
        norm2 = norm2.add(v.multiply(v));
      }
    }
    Rational r2 = inst.radius().multiply(inst.radius());
    if (norm2.compareTo(r2) < 0) {
      verdict.fail("||W||_F^2 = " + Rationals.format(norm2) + " < R^2: W is inside the radius");
      return this;
    }
    Interval v = villaniEnclosure(inst, w, precision);
    if (!v.certainlyAtLeast(inst.level())) {
      verdict.fail("the enclosure " + v + " of V_s(W) at ||W|| >= R is not >= M = "
          + Rationals.format(inst.level()));
      return this;
    }
    verdict.pass("V_s(W) >= M at a W with ||W||_F >= R (rigorous enclosure)");
    return this;
  }

  /**
   * An enclosure of {@code V_s(W) = ||grad L||^2 / s - Laplacian L}, from {@code r_i = y_i -
   * sum_j a_j sigma(z_ij)}, {@code dL/dW_jk = -(1/n) sum_i r_i a_j sigma'(z_ij) x_ik + lambda
   * W_jk} and {@code Laplacian = (1/n) sum_i ||x_i||^2 sum_j (a_j^2 sigma'(z_ij)^2 - r_i a_j
   * sigma''(z_ij)) + lambda p d}, with sigma' and sigma'' written through sigma itself (tanh' = 1 -
   * t^2, tanh'' = -2 t tanh'; sigmoid' = g (1 - g), sigmoid'' = sigmoid' (1 - 2 g); softplus' =
   * the sigmoid g, softplus'' = g (1 - g)).
   */
  private static Interval villaniEnclosure(VillaniInstance inst, Rational[][] w, long prec) {
    TrainingData data = inst.loss().data();
    Rational[] a = inst.loss().outerWeights();
    Activation act = inst.loss().activation();
    Rational lambda = inst.loss().lambda();
    int n = data.size();
    int p = a.length;
    Interval[] r = new Interval[n];
    Interval[][] first = new Interval[n][p];
    Interval[][] second = new Interval[n][p];
    for (int i = 0; i < n; i++) {
      r[i] = Interval.of(data.y(i), prec);
      for (int j = 0; j < p; j++) {
        Interval[] sd = derivatives(act, Interval.of(data.preActivation(i, w[j]), prec));
        r[i] = r[i].subtract(sd[0].multiply(a[j]));
        first[i][j] = sd[1];
        second[i][j] = sd[2];
      }
    }
    Rational invN = Rational.of(1, n);
    Interval norm2 = Interval.of(0, prec);
    for (int j = 0; j < p; j++) {
      for (int k = 0; k < w[j].length; k++) {
        Interval sum = Interval.of(0, prec);
        for (int i = 0; i < n; i++) {
          sum = sum.add(r[i].multiply(first[i][j]).multiply(a[j].multiply(data.x(i, k))));
        }
        norm2 = norm2.add(sum.multiply(invN.negate()).add(lambda.multiply(w[j][k])).square());
      }
    }
    Interval lap = Interval.of(0, prec);
    for (int i = 0; i < n; i++) {
      Interval unit = Interval.of(0, prec);
      for (int j = 0; j < p; j++) {
        unit = unit.add(first[i][j].multiply(a[j]).square())
            .subtract(r[i].multiply(second[i][j]).multiply(a[j]));
      }
      lap = lap.add(unit.multiply(data.normSquared(i)));
    }
    lap = lap.multiply(invN).add(lambda.multiply(inst.loss().parameters()));
    return norm2.multiply(inst.s().reciprocal()).subtract(lap);
  }

  /** {@code {sigma(z), sigma'(z), sigma''(z)}} enclosed, from sigma and the sigmoid. */
  private static Interval[] derivatives(Activation act, Interval z) {
    Interval one = Interval.of(1, z.precision());
    switch (act) {
      case TANH: {
        Interval t = z.tanh();
        Interval d1 = one.subtract(t.square());
        return new Interval[] {t, d1, t.multiply(d1).multiply(Rational.of(-2))};
      }
      case SIGMOID: {
        Interval g = z.sigmoid();
        Interval d1 = g.multiply(one.subtract(g));
        return new Interval[] {g, d1, d1.multiply(one.subtract(g.multiply(Rational.of(2))))};
      }
      default: {
        Interval g = z.sigmoid();
        return new Interval[] {z.softplus(), g, g.multiply(one.subtract(g))};
      }
    }
  }

  /**
   * The unregularised loss is refused: this checker's conditions for the same certificate at
   * lambda = 0 fail at (2), confinement {@code L >= (lambda/2)||W||^2}, which needs lambda &gt; 0
   * (and the radius certificate fails too: gamma = -lambda_c or 0 is not &gt; 0).
   */
  public VillaniChecks refusesLambdaZero(@HypothesesChecked VillaniInstance inst) {
    if (confinementFailure(Rational.ZERO) != null && radiusFailure(inst, Rational.ZERO) != null) {
      verdict.pass("lambda = 0 refused: condition 2 is not established");
    } else {
      verdict.fail("the checker accepted lambda = 0");
    }
    return this;
  }

  /** Condition (2), confinement, and with it (3): lambda &gt; 0; the failure or null. */
  private static @Nullable String confinementFailure(Rational lambda) {
    return lambda.signum() > 0 ? null : "(2) lambda = " + Rationals.format(lambda) + " is not > 0";
  }
}
