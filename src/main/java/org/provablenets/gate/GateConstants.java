package org.provablenets.gate;

import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;

/**
 * The constants of the T2 contraction for batch size b, computed exactly from certified bounds
 * [derived; the paper's printed constants are not reproduced, see {@code proofs-notes/T2.md}]:
 *
 * <pre>
 *   c_b   = U4 / b + (1 - 1/b) U^2 / 4
 *   eta   = L / (2 c_b)
 *   rho_b = 1 - L^2 / (4 c_b)
 * </pre>
 *
 * <p><b>Why these are valid.</b> With the true constant {@code c_b* = lambda_4 / b + (1 - 1/b)
 * lambda_max^2 / 4} the one-step bound is {@code E||Delta'||^2 <= (1 - eta lambda_min + eta^2
 * c_b*) ||Delta||^2}. For {@code eta > 0} the factor is increasing in {@code c_b*} and decreasing
 * in {@code lambda_min}, so replacing {@code lambda_min} by {@code L <= lambda_min} and {@code
 * c_b*} by {@code c_b >= c_b*} (since {@code U4 >= lambda_4}, {@code U >= lambda_max >= 0}) keeps
 * it an upper bound; with {@code eta = L / (2 c_b)} the factor is {@code 1 - L^2 / (2 c_b) + L^2 /
 * (4 c_b) = rho_b}. Also {@code 0 <= rho_b < 1}: {@code c_b >= U^2 / 4 >= L^2 / 4}.
 *
 * <p>The fields are plain {@link Rational}s (the type system does not track arithmetic on
 * {@code @Rigorous} values); they are exact functions of the {@code @Rigorous} L, U, U4 of a
 * {@code @HypothesesChecked} instance, obtained through {@link GateHypotheses#constants}.
 */
public final class GateConstants {
  private final int batch;
  private final Rational lower;
  private final Rational cb;
  private final Rational eta;
  private final Rational rho;

  private GateConstants(int batch, Rational lower, Rational cb, Rational eta, Rational rho) {
    this.batch = batch;
    this.lower = lower;
    this.cb = cb;
    this.eta = eta;
    this.rho = rho;
  }

  /**
   * The formulas above for given bounds (no hypothesis is checked here: the public entry is {@link
   * GateHypotheses#constants}; tests use this to show what the formulas say without (A1)).
   *
   * @throws IllegalArgumentException if b &lt; 1 or {@code L <= 0} or {@code U4 <= 0}
   */
  static GateConstants of(Rational lower, Rational upper, Rational upper4, int b) {
    if (b < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + b);
    }
    if (lower.signum() <= 0 || upper4.signum() <= 0) {
      throw new IllegalArgumentException("the constants need L > 0 and U4 > 0");
    }
    Rational invB = Rational.of(1, b);
    Rational cb =
        upper4.multiply(invB)
            .add(Rational.ONE.subtract(invB).multiply(upper).multiply(upper).divide(4));
    Rational eta = lower.divide(cb.multiply(2));
    Rational rho = Rational.ONE.subtract(lower.multiply(lower).divide(cb.multiply(4)));
    return new GateConstants(b, lower, cb, eta, rho);
  }

  /** The batch size b. */
  public int batch() {
    return batch;
  }

  /** {@code c_b = U4 / b + (1 - 1/b) U^2 / 4}. */
  public Rational cb() {
    return cb;
  }

  /** The theorem's step {@code eta = L / (2 c_b)}. */
  public Rational eta() {
    return eta;
  }

  /** The rate {@code rho_b = 1 - L^2 / (4 c_b)}: E||w_{T+1} - w*||^2 &lt;= rho_b^T ||w*||^2. */
  public Rational rho() {
    return rho;
  }

  /**
   * {@code L / c_b}: every step {@code 0 < eta < L / c_b} has certified factor {@code 1 - eta L +
   * eta^2 c_b < 1}, i.e. contracts in expectation.
   */
  public Rational contractingStepLimit() {
    return lower.divide(cb);
  }

  /**
   * The certified one-step factor {@code q(eta) = 1 - eta L + eta^2 c_b} for a step {@code eta >
   * 0}: {@code E[||Delta_{t+1}||^2 | w_t] <= q(eta) ||Delta_t||^2}.
   */
  public Rational factor(Rational eta) {
    return Rational.ONE.subtract(eta.multiply(lower)).add(eta.multiply(eta).multiply(cb));
  }

  @Override
  public String toString() {
    return "c_" + batch + "=" + Rationals.format(cb) + ", eta=" + Rationals.format(eta) + ", rho="
        + Rationals.format(rho);
  }
}
