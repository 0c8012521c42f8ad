package org.provablenets.villani;

import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.qual.Rigorous;

/**
 * The derived constants of T3 for one instance: exact rationals, each a proven upper bound
 * ([derived]; the formulas are in {@code proofs-notes/T3.md} and in {@link VillaniChecker}).
 *
 * <p>Data and weight constants: {@code B_y = max|y_i|}, {@code B_x >= max ||x_i||}, {@code
 * ||a||_1}, {@code ||a||_2 >= sqrt(sum a_j^2)}. Activation constants: {@code L_s = sup|sigma'|},
 * {@code M_s >= sup|sigma''|}, {@code B_sigma = sup|sigma|} (bounded sigma), {@code s0 >=
 * |sigma(0)|}, {@code H >= sup|sigma(z) - z sigma'(z)|}. Derived:
 *
 * <pre>
 *   rho_0    = B_y + B_sigma ||a||_1 (bounded sigma)   or   B_y + s0 ||a||_1 (SoftPlus)
 *   G_0      = L_s B_x ||a||_2 rho_0
 *   lambda_c = 0 (bounded sigma)   or   L_s^2 B_x^2 ||a||_2^2 (SoftPlus)
 *   K_0      = L_s^2 B_x^2 ||a||_2^2 + M_s B_x^2 ||a||_1 rho_0
 *   K_1      = 0 (bounded sigma)   or   M_s L_s B_x^3 ||a||_1 ||a||_2 (SoftPlus)
 *   C_0      = (B_y + H ||a||_1)^2 / 4            (radial statement)
 * </pre>
 *
 * <p>The canonical constructor is public, as a record's must be; its bounds are typed
 * {@code @Rigorous}, so the Checker Framework still makes every caller supply proven bounds (as
 * {@link VillaniChecker#constants} does).
 *
 * @param activation the activation
 * @param n the number of points n
 * @param p the number of units p (the length of the outer weights a)
 * @param d the input dimension d
 * @param bY {@code B_y = max_i |y_i|}, exact
 * @param bXSquared {@code B_x^2 = max_i ||x_i||^2}, exact
 * @param bX an upper bound of {@code B_x = max_i ||x_i||}
 * @param a1 {@code ||a||_1}, exact
 * @param a2Squared {@code ||a||_2^2}, exact
 * @param a2 an upper bound of {@code ||a||_2}
 * @param rho0 an upper bound {@code rho_0} of {@code max_i |r_i|} at W = 0 (of all |r_i| for
 *     bounded sigma)
 * @param g0 {@code G_0}: {@code ||grad R(W)|| <= G_0 + lambda_c ||W||}
 * @param lambdaC the derived threshold {@code lambda_c} (0 for bounded sigma)
 * @param k0 {@code K_0}: {@code Laplacian R(W) <= K_0 + K_1 ||W||}
 * @param k1 {@code K_1} (0 for bounded sigma)
 * @param c0 {@code C_0}: {@code <grad R(W), W> >= -C_0} (the radial bound)
 */
public record VillaniConstants(
    Activation activation, int n, int p, int d,
    @Rigorous Rational bY, @Rigorous Rational bXSquared, @Rigorous Rational bX,
    @Rigorous Rational a1, @Rigorous Rational a2Squared, @Rigorous Rational a2,
    @Rigorous Rational rho0, @Rigorous Rational g0, @Rigorous Rational lambdaC,
    @Rigorous Rational k0, @Rigorous Rational k1, @Rigorous Rational c0) {
  /** The number of trained parameters {@code p d}. */
  public int parameters() {
    return p * d;
  }

  /** {@code B_sigma}, or null for an unbounded sigma. */
  public @Nullable Rational bSigma() {
    return activation.supAbsValue();
  }

  /** One line per constant: name = exact value (decimal). */
  public List<String> describe() {
    List<String> out = new ArrayList<>();
    out.add("B_y = " + show(bY));
    out.add("B_x^2 = " + show(bXSquared) + ", B_x <= " + show(bX));
    out.add("||a||_1 = " + show(a1) + ", ||a||_2 <= " + show(a2));
    out.add(activation.provenance());
    out.add("rho_0 = " + show(rho0));
    out.add("G_0 = " + show(g0));
    out.add("lambda_c = " + show(lambdaC));
    out.add("K_0 = " + show(k0));
    out.add("K_1 = " + show(k1));
    out.add("C_0 = " + show(c0));
    return out;
  }

  /**
   * The exact value, with a decimal: {@code "7/2 (3.5)"}; a terminating decimal of up to 30
   * characters is shown exactly ({@code "41.34853600999"}); a long rational as {@code "about
   * 5.60499145437 (an exact rational of 71 characters)"}.
   */
  static String show(Rational q) {
    String exact = Rationals.format(q);
    String dec = Rationals.decimal(q, 12);
    if (exact.length() > 24) {
      try {
        String plain = new java.math.BigDecimal(q.getNumerator())
            .divide(new java.math.BigDecimal(q.getDenominator())).stripTrailingZeros()
            .toPlainString();
        if (plain.length() <= 30) {
          return plain;
        }
      } catch (ArithmeticException nonTerminating) {
        // not a short decimal: fall through
      }
    }
    return exact.length() <= 24 ? exact + " (" + dec + ")" : "about " + dec + " (an exact rational of "
        + exact.length() + " characters)";
  }

  @Override
  public String toString() {
    return String.join("; ", describe());
  }
}
