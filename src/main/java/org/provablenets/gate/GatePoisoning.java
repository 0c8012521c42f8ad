package org.provablenets.gate;

import org.provablenets.exact.Rational;
import org.provablenets.qual.HypothesesChecked;

/**
 * The poisoning bounds of T2 [derived; the paper proves a bound of this type, its constants are
 * not reproduced], exact rationals from certified L, U and the exact {@code m_2 = E||x||^2}.
 *
 * <p>Labels {@code y = ReLU(w*.x) + A xi}, {@code A ~ Bernoulli(beta*)} independent of x, {@code
 * |xi| <= theta*} (xi may depend on x and the past). With {@code m_t = E[A xi x | past]}:
 *
 * <ul>
 *   <li>{@code ||m_t||^2 <= beta*^2 theta*^2 lambda_max <= beta*^2 theta*^2 U}: for a unit u,
 *       {@code u.m = beta* E[xi (u.x)] <= beta* theta* E|u.x| <= beta* theta* sqrt(u'Sigma u)};
 *   <li>for a step {@code eta <= L/(8 c_b)} and {@code rho' = 1 - eta L/4}: {@code E||w_{T+1} -
 *       w*||^2 <= rho'^T ||w*||^2 + floor}, {@code floor = 8 M / L^2 + (8 eta / L)(beta* theta*^2
 *       m_2 / b + M)}, {@code M = beta*^2 theta*^2 U}. (One step: {@code -eta Delta'Sigma Delta + 2
 *       eta Delta.m <= -(eta L/2)||Delta||^2 + (2 eta/L)||m||^2} by Young, {@code E||g||^2 <= 2
 *       c_b ||Delta||^2 + 2(beta* theta*^2 m_2/b + ||m||^2)}, and {@code 2 eta^2 c_b <= eta L/4};
 *       unroll the recursion, the geometric sum is {@code 1/(1 - rho') = 4/(eta L)}.)
 *   <li>the bias bound: for a stationary attack the mean dynamics converge to {@code w_inf = w* + 2
 *       Sigma^{-1} m} (the symmetry lemma makes them linear), and {@code ||Sigma^{-1/2} m|| <=
 *       beta* theta*}, so {@code ||w_inf - w*||^2 <= 4 beta*^2 theta*^2 / L}.
 * </ul>
 *
 * For a centred Gaussian and the worst-case attack {@code xi = theta* sign(v.x)}, v a unit bottom
 * eigenvector: {@code E[sign(v.x) x] = S v E|v.x| / (v'Sv) = sqrt(2/pi) S v / sqrt(v'Sv)} (x given
 * v.x is Gaussian with mean {@code S v (v.x)/(v'Sv)}), so {@code m = beta* theta* sqrt(2/pi)
 * sqrt(lambda_min) v} and {@code ||w_inf - w*|| = sqrt(2/pi) 2 beta* theta* / sqrt(lambda_min)}:
 * exactly {@code sqrt(2/pi)} of the bias bound [derived].
 *
 * @param etaLimit {@code L / (8 c_b)}: the largest step for which the poisoned bound is proved
 * @param applies whether the step is at most {@code etaLimit}, so that rho' and the floor apply
 * @param rho {@code rho' = 1 - eta L / 4}
 * @param meanNoiseNormSquaredUpper {@code M = beta*^2 theta*^2 U >= ||m_t||^2}
 * @param floor {@code 8 M / L^2 + (8 eta / L)(beta* theta*^2 m_2 / b + M)}
 * @param biasBoundSquared {@code 4 beta*^2 theta*^2 / L >= ||w_inf - w*||^2} (the bias bound,
 *     squared)
 */
public record GatePoisoning(Rational etaLimit, boolean applies, Rational rho,
    Rational meanNoiseNormSquaredUpper, Rational floor, Rational biasBoundSquared) {
  /** {@code sqrt(2/pi)}, the worst-case fraction of the bias bound for Gaussian data. */
  public static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);

  /** The bounds for a checked instance, finite or sampled (L, U, c_b and m_2 from it). */
  public static GatePoisoning of(@HypothesesChecked CertifiedSpectrum<?> inst, Rational eta, int b,
      Rational beta, Rational theta) {
    return compute(inst.lambdaMinLower(), inst.lambdaMaxUpper(),
        GateHypotheses.constants(inst, b).cb(), inst.distribution().m2(), eta, b, beta, theta);
  }

  static GatePoisoning compute(Rational lower, Rational upper, Rational cb, Rational m2,
      Rational eta, int b, Rational beta, Rational theta) {
    if (eta.signum() <= 0 || b < 1 || beta.signum() < 0 || beta.compareTo(Rational.ONE) > 0
        || theta.signum() < 0) {
      throw new IllegalArgumentException("need eta > 0, b >= 1, beta* in [0, 1], theta* >= 0");
    }
    Rational limit = lower.divide(cb.multiply(8));
    Rational bt2 = beta.multiply(beta).multiply(theta).multiply(theta);
    Rational mSq = bt2.multiply(upper);
    Rational variance = beta.multiply(theta).multiply(theta).multiply(m2).divide(b).add(mSq);
    Rational floor = mSq.multiply(8).divide(lower.multiply(lower))
        .add(eta.multiply(8).divide(lower).multiply(variance));
    Rational rho = Rational.ONE.subtract(eta.multiply(lower).divide(4));
    return new GatePoisoning(limit, eta.compareTo(limit) <= 0, rho, mSq, floor,
        bt2.multiply(4).divide(lower));
  }
}
