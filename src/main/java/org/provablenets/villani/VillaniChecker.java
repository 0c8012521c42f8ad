package org.provablenets.villani;

import org.provablenets.exact.enclosure.Roots;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.qual.HypothesesChecked;
import org.provablenets.qual.Rigorous;

/**
 * The Villani-conditions checker of T3: the only producer of a {@code @HypothesesChecked}
 * {@link VillaniInstance}.
 *
 * <p><b>What it proves</b> for {@code L(W) = (1/(2n)) sum_i r_i^2 + (lambda/2)||W||_F^2} (see
 * {@link RegularisedLoss}) and a learning rate {@code s > 0}, all [derived] from exact rational
 * constants ({@link VillaniConstants}):
 *
 * <ol>
 *   <li><b>C^infinity</b>: tanh, the sigmoid and SoftPlus are real-analytic, so L is (structural).
 *   <li><b>Confinement</b>: the data term is a sum of squares, so {@code L(W) >= (lambda/2)||W||^2
 *       -> infinity} when {@code lambda > 0}.
 *   <li><b>Integrability</b>: hence {@code integral exp(-2L/s) <= integral exp(-lambda ||W||^2 / s)
 *       = (pi s / lambda)^(pd/2)}, bounded here with {@code pi <= 355/113}.
 *   <li><b>V_s -&gt; infinity, as a certified radius</b>: for {@code ||W||_F = r >= r_m},
 *       {@code V_s(W) = ||grad L||^2/s - Laplacian L >= phi(r) = g(r)^2/s - K_0 - K_1 r - lambda p d},
 *       where {@code g(r)} is a lower bound of {@code ||grad L||} that is {@code >= 0} and
 *       increasing there, by one of two statements:
 *       <ul>
 *         <li>THRESHOLD: {@code g(r) = (lambda - lambda_c) r - G_0}, valid for {@code lambda >
 *             lambda_c} (from {@code ||grad R|| <= G_0 + lambda_c ||W||}); for bounded sigma
 *             {@code lambda_c = 0}, so every lambda &gt; 0 works;
 *         <li>RADIAL: {@code g(r) = lambda r - C_0 / r}, valid for every lambda &gt; 0 (from
 *             {@code <grad R(W), W> >= -C_0} and Cauchy-Schwarz), any activation; this is the
 *             SoftPlus "radial argument".
 *       </ul>
 *       The certified radius R(M) is a short decimal rational with {@code R >= r_m} and {@code
 *       phi(R) >= M}; since phi is non-decreasing on {@code [r_m, infinity)} (see {@link
 *       #verifyRadius}), {@code V_s(W) >= M} whenever {@code ||W||_F >= R}.
 * </ol>
 *
 * <p>If lambda = 0, or (for the THRESHOLD statement alone) {@code lambda <= lambda_c}, {@link
 * #check} throws a {@link VillaniConditionException} naming the condition and the shortfall.
 *
 * <p><b>Cost.</b> O(n d + p) exact operations for the constants; the radius search is a doubling
 * and a bisection (at most a few hundred exact evaluations of the quadratic-like bound phi).
 */
public final class VillaniChecker {
  private VillaniChecker() {}

  /** Digits of the square-root upper bounds inside the constants. */
  static final int ROOT_DIGITS = 30;

  /** Significant digits of the certified radius. */
  static final int RADIUS_DIGITS = 13;

  /** A rational upper bound of pi: 355/113 = 3.14159292... &gt; pi = 3.14159265... */
  public static final Rational PI_UPPER = Rational.of(355, 113);

  // ------------------------------------------------------------------ constants

  /**
   * The derived constants of T3 for data, outer weights and activation (they do not depend on
   * lambda or s). Each is an exact rational and an upper bound of the quantity it names.
   */
  public static VillaniConstants constants(TrainingData data, Rational[] a, Activation act) {
    Rational bY = data.maxAbsLabel();
    Rational bX2 = data.maxNormSquared();
    Rational bX = Roots.sqrtUpper(bX2, ROOT_DIGITS);
    Rational a1 = Rational.ZERO;
    Rational a2sq = Rational.ZERO;
    for (Rational v : a) {
      a1 = a1.add(v.abs());
      a2sq = a2sq.add(v.multiply(v));
    }
    Rational a2 = Roots.sqrtUpper(a2sq, ROOT_DIGITS);
    Rational ls = act.supAbsFirst();
    Rational ms = act.supAbsSecond();
    Rational bSigma = act.supAbsValue();
    // max_i |r_i| <= B_y + sum_j |a_j| |sigma(z_ij)|, and |sigma(z)| <= B_sigma (bounded) or
    // <= |sigma(0)| + L_s |z| (the extra L_s B_x ||a||_2 ||W|| is carried by lambda_c and K_1).
    Rational rho0 = bY.add((bSigma != null ? bSigma : act.absAtZero()).multiply(a1));
    Rational g0 = ls.multiply(bX).multiply(a2).multiply(rho0);
    Rational lsSq = ls.multiply(ls);
    Rational lambdaC = bSigma != null ? Rational.ZERO : lsSq.multiply(bX2).multiply(a2sq);
    Rational k0 = lsSq.multiply(bX2).multiply(a2sq).add(ms.multiply(bX2).multiply(a1).multiply(rho0));
    Rational k1 =
        bSigma != null
            ? Rational.ZERO
            : ms.multiply(ls).multiply(bX2).multiply(bX).multiply(a1).multiply(a2);
    Rational h = bY.add(act.supAbsValueMinusSlope().multiply(a1));
    Rational c0 = h.multiply(h).divide(4);
    return new VillaniConstants(
        act, data.size(), a.length, data.dimension(),
        upper(bY), upper(bX2), upper(bX), upper(a1), upper(a2sq), upper(a2),
        upper(rho0), upper(g0), upper(lambdaC), upper(k0), upper(k1), upper(c0));
  }

  /**
   * Mints the derived constants: each is computed by exact rational arithmetic from non-negative
   * upper bounds with additions and multiplications only (monotone), so it is a proven upper bound.
   */
  @SuppressWarnings("cast.unsafe") // exact monotone arithmetic on proven upper bounds
  private static @Rigorous Rational upper(Rational q) {
    return (@Rigorous Rational) q;
  }

  // ------------------------------------------------------------------ the derived bound

  /** {@code gamma}: {@code lambda - lambda_c} (THRESHOLD) or {@code lambda} (RADIAL). */
  public static Rational gamma(RadiusStatement st, VillaniConstants c, Rational lambda) {
    return st == RadiusStatement.THRESHOLD ? lambda.subtract(c.lambdaC()) : lambda;
  }

  /**
   * {@code g(r)}, the lower bound of {@code ||grad L(W)||} at {@code ||W||_F = r} (r &gt; 0 for
   * RADIAL).
   */
  public static Rational gradientLowerBound(
      RadiusStatement st, VillaniConstants c, Rational lambda, Rational r) {
    if (st == RadiusStatement.THRESHOLD) {
      return gamma(st, c, lambda).multiply(r).subtract(c.g0());
    }
    return lambda.multiply(r).subtract(c.c0().divide(r));
  }

  /**
   * {@code phi(r) = g(r)^2 / s - K_0 - K_1 r - lambda p d}: for {@code ||W||_F = r >= r_m}, a
   * lower bound of {@code V_s(W)}.
   */
  public static Rational villaniLowerBound(
      RadiusStatement st, VillaniConstants c, Rational lambda, Rational s, Rational r) {
    Rational g = gradientLowerBound(st, c, lambda, r);
    return g.multiply(g).divide(s)
        .subtract(c.k0())
        .subtract(c.k1().multiply(r))
        .subtract(lambda.multiply(c.p() * (long) c.d()));
  }

  /** {@code tau = K_1 s / (2 gamma)}: phi is non-decreasing where {@code g(r) >= tau}. */
  private static Rational tau(RadiusStatement st, VillaniConstants c, Rational lambda, Rational s) {
    return c.k1().multiply(s).divide(gamma(st, c, lambda).multiply(2));
  }

  /**
   * {@code r_m}, a radius from which phi is non-decreasing: THRESHOLD {@code (G_0 + tau) / gamma}
   * (exact); RADIAL a rational upper bound of the positive root of {@code lambda r^2 - tau r - C_0}.
   */
  static Rational monotoneFrom(RadiusStatement st, VillaniConstants c, Rational lambda, Rational s) {
    Rational gamma = gamma(st, c, lambda);
    Rational tau = tau(st, c, lambda, s);
    if (st == RadiusStatement.THRESHOLD) {
      return c.g0().add(tau).divide(gamma);
    }
    Rational disc = tau.multiply(tau).add(lambda.multiply(c.c0()).multiply(4));
    return tau.add(Roots.sqrtUpper(disc, ROOT_DIGITS)).divide(lambda.multiply(2));
  }

  /**
   * A certified radius R(M) for the statement: a short decimal rational {@code R >= r_m} with
   * {@code phi(R) > M}. If {@code phi(r_m) >= M} it is r_m rounded up; otherwise it lies within
   * about 10^-13 (relative) above the root of {@code phi(r) = M} on {@code [r_m, infinity)}, found
   * by doubling and bisection with exact evaluations of phi.
   */
  static Rational radius(
      RadiusStatement st, VillaniConstants c, Rational lambda, Rational s, Rational m, Rational rm) {
    if (rm.signum() > 0 && atLeast(st, c, lambda, s, rm, m)) {
      return strictlyAbove(st, c, lambda, s, m, roundUp(rm));
    }
    Rational lo = rm;
    Rational hi = Rationals.max(rm.multiply(2), Rational.ONE);
    for (int k = 0; !atLeast(st, c, lambda, s, hi, m); k++) {
      if (k > 4000) {
        throw new VillaniConditionException(4, "condition 4: no certified radius R(M) below"
            + " 2^4000 (the bound phi(r) of V_s stays below M = " + Rationals.decimal(m, 6)
            + " there; lambda is too close to the threshold or s too large for this M)");
      }
      lo = hi;
      hi = hi.multiply(2);
    }
    Rational tol = Rational.of(BigInteger.ONE, BigInteger.TEN.pow(RADIUS_DIGITS));
    for (int k = 0; k < 400 && hi.subtract(lo).compareTo(hi.multiply(tol)) > 0; k++) {
      Rational mid = lo.add(hi).divide(2);
      if (mid.signum() > 0 && atLeast(st, c, lambda, s, mid, m)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return strictlyAbove(st, c, lambda, s, m, roundUp(hi));
  }

  private static boolean atLeast(
      RadiusStatement st, VillaniConstants c, Rational lambda, Rational s, Rational r, Rational m) {
    return villaniLowerBound(st, c, lambda, s, r).compareTo(m) >= 0;
  }

  /** r, or r nudged up by 10^-12 relative until phi(r) &gt; M strictly (phi increases there). */
  private static Rational strictlyAbove(
      RadiusStatement st, VillaniConstants c, Rational lambda, Rational s, Rational m, Rational r) {
    Rational x = r;
    for (int k = 0; villaniLowerBound(st, c, lambda, s, x).compareTo(m) <= 0; k++) {
      if (k > 100) {
        throw new IllegalStateException("phi does not increase beyond " + r);
      }
      x = roundUp(x.add(x.abs().add(Rational.ONE).multiply(Rational.of(1, 1_000_000_000_000L))));
    }
    return x;
  }

  /** The smallest decimal with RADIUS_DIGITS significant digits that is {@code >= q} (q &gt;= 0). */
  static Rational roundUp(Rational q) {
    if (q.signum() == 0) {
      return q;
    }
    BigDecimal v =
        new BigDecimal(q.getNumerator())
            .divide(new BigDecimal(q.getDenominator()),
                new MathContext(RADIUS_DIGITS, RoundingMode.CEILING));
    Rational r = Rationals.fromBigDecimal(v);
    if (r.compareTo(q) < 0) {
      throw new IllegalStateException("roundUp went down");
    }
    return r;
  }

  /**
   * Checks a radius certificate with exact arithmetic; returns null if it holds, else the first
   * failed condition.
   *
   * <p>Conditions: (1) {@code gamma > 0}; (2) {@code r_m >= 0} and {@code g(r_m) >= tau = K_1 s /
   * (2 gamma)} (RADIAL, r_m &gt; 0: {@code lambda r_m^2 - C_0 >= tau r_m}; r_m = 0 needs {@code C_0
   * = tau = 0}); (3) {@code R >= r_m}, and R &gt; 0; (4) {@code phi(R) >= M}.
   *
   * <p>Why they suffice: g is increasing (g' = gamma, or {@code lambda + C_0/r^2 >= lambda}), so
   * by (2) {@code g(r) >= tau >= 0} for {@code r >= r_m}; there {@code phi'(r) = 2 g(r) g'(r)/s -
   * K_1 >= 2 gamma tau / s - K_1 = 0}, so phi is non-decreasing on {@code [r_m, infinity)}; with
   * (3) and (4), {@code phi(r) >= phi(R) >= M} for every {@code r >= R}; and {@code V_s(W) >=
   * phi(||W||)} there because {@code g(||W||) >= 0} (the lemma in {@code proofs-notes/T3.md}).
   */
  public static @Nullable String verifyRadius(
      RadiusStatement st, VillaniConstants c, Rational lambda, Rational s, Rational m, Rational rm,
      Rational r) {
    Rational gamma = gamma(st, c, lambda);
    if (gamma.signum() <= 0) {
      return "(1) gamma = " + show(gamma) + " is not > 0";
    }
    if (s.signum() <= 0) {
      return "s = " + show(s) + " is not > 0";
    }
    Rational tau = tau(st, c, lambda, s);
    if (rm.signum() < 0) {
      return "(2) r_m = " + show(rm) + " < 0";
    }
    if (st == RadiusStatement.THRESHOLD) {
      Rational g = gradientLowerBound(st, c, lambda, rm);
      if (g.compareTo(tau) < 0) {
        return "(2) g(r_m) = " + show(g) + " < tau = " + show(tau) + " by " + show(tau.subtract(g));
      }
    } else if (rm.signum() > 0) {
      Rational lhs = lambda.multiply(rm).multiply(rm).subtract(c.c0());
      Rational rhs = tau.multiply(rm);
      if (lhs.compareTo(rhs) < 0) {
        return "(2) lambda r_m^2 - C_0 = " + show(lhs) + " < tau r_m = " + show(rhs) + " by "
            + show(rhs.subtract(lhs));
      }
    } else if (c.c0().signum() != 0 || tau.signum() != 0) {
      return "(2) r_m = 0 needs C_0 = tau = 0";
    }
    if (r.compareTo(rm) < 0 || r.signum() <= 0) {
      return "(3) R = " + show(r) + " is below r_m = " + show(rm) + " or not positive";
    }
    Rational phi = villaniLowerBound(st, c, lambda, s, r);
    if (phi.compareTo(m) < 0) {
      return "(4) phi(R) = " + show(phi) + " < M = " + show(m) + " by " + show(m.subtract(phi));
    }
    return null;
  }

  // ------------------------------------------------------------------ the checker

  /**
   * Checks the four Villani conditions for the loss of (data, a, lambda, activation) at learning
   * rate s, with condition 4 certified at level M by the better (smaller radius) of the two
   * statements that apply.
   *
   * @throws IllegalArgumentException for s &lt;= 0, lambda &lt; 0 or mismatched shapes
   * @throws VillaniConditionException if lambda = 0 (conditions 2-4 cannot be established)
   */
  public static @HypothesesChecked VillaniInstance check(
      TrainingData data, Rational[] a, Rational lambda, Activation act, Rational s, Rational m) {
    return checkWith(data, a, lambda, act, s, m, null);
  }

  /**
   * As {@link #check(TrainingData, Rational[], Rational, Activation, Rational, Rational)}, with
   * condition 4 certified by the given statement only.
   *
   * @throws VillaniConditionException if lambda = 0, or the statement is THRESHOLD and {@code
   *     lambda <= lambda_c}: the message gives lambda_c and the shortfall
   */
  public static @HypothesesChecked VillaniInstance check(
      TrainingData data, Rational[] a, Rational lambda, Activation act, Rational s, Rational m,
      RadiusStatement statement) {
    return checkWith(data, a, lambda, act, s, m, statement);
  }

  private static @HypothesesChecked VillaniInstance checkWith(
      TrainingData data, Rational[] a, Rational lambda, Activation act, Rational s, Rational m,
      @Nullable RadiusStatement only) {
    if (s.signum() <= 0) {
      throw new IllegalArgumentException("the learning rate s must be > 0, not " + show(s));
    }
    RegularisedLoss loss = new RegularisedLoss(data, a, lambda, act); // shapes, lambda >= 0
    VillaniConstants c = constants(data, a, act);
    if (lambda.signum() == 0) {
      throw new VillaniConditionException(2, lambdaZeroMessage(c, act));
    }
    RadiusStatement best = null;
    Rational bestRm = null;
    Rational bestR = null;
    for (RadiusStatement st : RadiusStatement.values()) {
      if (only != null && st != only) {
        continue;
      }
      Rational gamma = gamma(st, c, lambda);
      if (gamma.signum() <= 0) {
        if (only != null) {
          throw new VillaniConditionException(
              4,
              "condition 4 (V_s -> infinity) is not established by the derived threshold: it needs"
                  + " lambda > lambda_c = L_s^2 B_x^2 ||a||_2^2 = " + show(c.lambdaC())
                  + ", and lambda = " + show(lambda) + " falls short by "
                  + show(c.lambdaC().subtract(lambda))
                  + " (the RADIAL statement needs only lambda > 0)");
        }
        continue;
      }
      Rational rm = monotoneFrom(st, c, lambda, s);
      Rational r = radius(st, c, lambda, s, m, rm);
      if (bestR == null || r.compareTo(bestR) < 0) {
        best = st;
        bestRm = rm;
        bestR = r;
      }
    }
    if (best == null || bestRm == null || bestR == null) {
      throw new IllegalStateException("no statement applies"); // RADIAL applies when lambda > 0
    }
    return certify(loss, s, m, best, c, bestRm, bestR);
  }

  private static String lambdaZeroMessage(VillaniConstants c, Activation act) {
    if (act.bounded()) {
      Rational sup = c.rho0().multiply(c.rho0()).divide(2);
      return "condition 2 (confinement) fails for lambda = 0: with the bounded activation "
          + act.label() + ", L(W) <= rho_0^2/2 = " + show(sup) + " for every W, so L does not"
          + " tend to infinity and exp(-2L/s) >= exp(-rho_0^2/s) > 0 is not integrable"
          + " (condition 3); lambda must be > 0 and is short by 0 (any lambda > 0 suffices)";
    }
    return "conditions 2-4 are not established for lambda = 0: confinement, integrability and"
        + " the radius all come from L >= (lambda/2)||W||^2, which needs lambda > 0; lambda is"
        + " short by 0 (any lambda > 0 suffices)";
  }

  /**
   * Re-verifies the radius certificate and mints the instance; the one place that makes a {@code
   * @HypothesesChecked} {@link VillaniInstance}.
   */
  @SuppressWarnings("cast.unsafe") // minted only after verifyRadius accepted the certificate
  private static @HypothesesChecked VillaniInstance certify(
      RegularisedLoss loss, Rational s, Rational m, RadiusStatement st, VillaniConstants c, Rational rm,
      Rational r) {
    Rational lambda = loss.lambda();
    String failure = verifyRadius(st, c, lambda, s, m, rm, r);
    if (failure != null) {
      throw new VillaniConditionException(4, "condition 4: radius certificate rejected: " + failure);
    }
    Rational integral = integrabilityBound(lambda, s, c.p() * c.d());
    List<String> conditions = new ArrayList<>();
    conditions.add("(1) C^infinity: " + loss.activation().label()
        + " is real-analytic, so L is C^infinity [structural]");
    conditions.add("(2) confinement: L(W) >= (lambda/2)||W||_F^2 with lambda = " + show(lambda)
        + " > 0 [derived]");
    conditions.add("(3) integrability: integral exp(-2L/s) dW <= (pi s/lambda)^(pd/2) <= "
        + show(integral) + " (pi <= 355/113, pd = " + (c.p() * c.d()) + ") [derived]");
    conditions.add("(4) V_s -> infinity: ||W||_F >= R = " + show(r) + " implies V_s(W) >= M = "
        + show(m) + " (statement " + st + ", r_m = " + show(rm) + ", lambda_c = "
        + show(c.lambdaC()) + ") [derived]");
    VillaniInstance inst =
        new VillaniInstance(loss, s, m, st, c, upper(rm), upper(r), upper(integral), conditions);
    return (@HypothesesChecked VillaniInstance) inst;
  }

  /**
   * A rational upper bound of {@code (pi s / lambda)^(pd/2)}, which bounds {@code integral
   * exp(-2L/s)} because {@code L >= (lambda/2)||W||^2} and {@code integral exp(-lambda x^2 / s) dx
   * = sqrt(pi s / lambda)} per coordinate.
   */
  public static Rational integrabilityBound(Rational lambda, Rational s, int pd) {
    Rational base = PI_UPPER.multiply(s).divide(lambda);
    Rational perTwo = pd % 2 == 0 ? base : Roots.sqrtUpper(base, ROOT_DIGITS);
    int power = pd % 2 == 0 ? pd / 2 : pd;
    Rational out = Rational.ONE;
    for (int k = 0; k < power; k++) {
      out = out.multiply(perTwo);
    }
    return out;
  }

  /**
   * For a bounded activation and lambda = 0: an upper bound of {@code V_s(W)} valid for every W,
   * {@code G_0^2 / s + K_0} (from {@code ||grad R|| <= G_0} and {@code -Laplacian R <= M_s B_x^2
   * ||a||_1 rho_0 <= K_0}). It shows condition 4 failing without regularisation.
   */
  public static Rational unregularisedVillaniUpperBound(VillaniConstants c, Rational s) {
    if (c.lambdaC().signum() != 0 || c.k1().signum() != 0 || !c.activation().bounded()) {
      throw new IllegalArgumentException("the bound holds for bounded activations only");
    }
    return c.g0().multiply(c.g0()).divide(s).add(c.k0());
  }

  /**
   * The guarantee of condition 4 at a given W, for a checked instance: rigorous enclosures at W
   * (their {@code villani()} lower end is then {@code >= M}).
   *
   * @throws IllegalArgumentException if {@code ||W||_F < R(M)}, where nothing is claimed
   */
  public static RegularisedLoss.LossEnclosure confirmAt(
      @HypothesesChecked VillaniInstance inst, Rational[][] w, long precision) {
    Rational norm2 = RegularisedLoss.frobeniusSquared(w);
    Rational r2 = inst.radius().multiply(inst.radius());
    if (norm2.compareTo(r2) < 0) {
      throw new IllegalArgumentException("||W||_F^2 = " + show(norm2) + " < R^2 = " + show(r2)
          + ": W lies inside the certified radius, where condition 4 claims nothing");
    }
    return inst.loss().enclose(w, inst.s(), precision);
  }

  private static String show(Rational q) {
    return VillaniConstants.show(q);
  }
}
