package org.provablenets.villani;

import java.util.function.DoubleUnaryOperator;

/**
 * Low-dimensional numerics (one parameter, m = 1) for SSJ's diffusion {@code dX = -f'(X) dt +
 * sqrt(s) dW}: the spectral gap {@code lambda_s} of its generator and {@code eps(s) = E_{mu_s} f
 * - min f} under the Gibbs measure {@code mu_s ~ exp(-2 f / s)}. All values are <b>estimates</b>
 * in {@code double}.
 *
 * <p><b>Discretisation [derived, after the square-root approximation of Lie, Fackeldey and
 * Weber].</b> On a uniform grid {@code x_0 < ... < x_{N-1}} with step h, the chain jumps from
 * {@code x_i} to a neighbour {@code x_j} at rate {@code k_ij = (s / (2 h^2)) exp(-(f_j - f_i) /
 * s)}. It is reversible for {@code pi_i ~ exp(-2 f_i / s)} ({@code pi_i k_ij = pi_j k_ji}), its
 * drift is {@code h (k_{i,i+1} - k_{i,i-1}) = -f'(x_i) + O(h^2)} and its diffusion {@code h^2
 * (k_{i,i+1} + k_{i,i-1}) = s + O(h^2)}, so it approximates the generator {@code (s/2) g'' - f'
 * g'} to second order. Conjugated by {@code pi^(1/2)}, minus the generator is the symmetric
 * tridiagonal (a discrete Schroedinger operator)
 *
 * <pre>
 *   S_ii = k_{i,i-1} + k_{i,i+1},   S_{i,i+1} = -sqrt(k_{i,i+1} k_{i+1,i}) = -s / (2 h^2),
 * </pre>
 *
 * with reflecting ends (a missing neighbour contributes nothing). Its smallest eigenvalue is 0
 * (eigenvector {@code pi^(1/2)}) and the next one is the gap. Eigenvalues are located by
 * bisection on Sturm counts (the number of negative pivots of {@code S - x I}), which is
 * backward stable: the gap is accurate to about {@code 10^-15 ||S||} in absolute terms.
 *
 * <p><b>Cost.</b> O(N) per Sturm count, about 200 counts.
 */
public final class SpectralGap {
  private SpectralGap() {}

  /** The gap, {@code eps(s)}, the grid minimum of f, and the grid used. */
  public record Result(double gap, double epsilon, double min, int points, double step) {}

  /**
   * The spectral gap and {@code eps(s)} for the potential f on {@code [lo, hi]} with {@code
   * points} grid points (at least 3); the interval should hold all but a negligible part of
   * {@code mu_s}.
   */
  public static Result compute(DoubleUnaryOperator f, double s, double lo, double hi, int points) {
    if (!(s > 0) || !(hi > lo) || points < 3) {
      throw new IllegalArgumentException("need s > 0, lo < hi and at least 3 points");
    }
    int n = points;
    double h = (hi - lo) / (n - 1);
    double[] fx = new double[n];
    double min = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      fx[i] = f.applyAsDouble(lo + i * h);
      min = Math.min(min, fx[i]);
    }
    // eps(s) = E_pi f - min f on the grid (uniform weights: trapezoid with negligible ends).
    double z = 0;
    double m1 = 0;
    for (int i = 0; i < n; i++) {
      double w = Math.exp(-2 * (fx[i] - min) / s);
      z += w;
      m1 += w * (fx[i] - min);
    }
    double c = s / (2 * h * h);
    double[] diag = new double[n];
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        diag[i] += c * Math.exp(-(fx[i - 1] - fx[i]) / s);
      }
      if (i < n - 1) {
        diag[i] += c * Math.exp(-(fx[i + 1] - fx[i]) / s);
      }
    }
    double upper = 0;
    for (double d : diag) {
      upper = Math.max(upper, d + 2 * c);
    }
    double gap = kthEigenvalue(diag, c, 1, upper);
    return new Result(gap, m1 / z, min, n, h);
  }

  /**
   * The k-th smallest eigenvalue (k = 0, 1, ...) of the symmetric tridiagonal matrix with the
   * given diagonal and constant off-diagonal {@code -c}, by bisection on Sturm counts in {@code [0,
   * upper]} (the matrix is positive semidefinite).
   */
  static double kthEigenvalue(double[] diag, double c, int k, double upper) {
    double lo = 0;
    double hi = upper;
    for (int it = 0; it < 300 && hi - lo > 1e-16 * hi; it++) {
      double mid = 0.5 * (lo + hi);
      if (countBelow(diag, c, mid) > k) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  /** The number of eigenvalues below x: the negative pivots of the LDL' factorisation of S - x I. */
  static int countBelow(double[] diag, double c, double x) {
    int count = 0;
    double q = diag[0] - x;
    for (int i = 0; ; i++) {
      if (q < 0) {
        count++;
      }
      if (i == diag.length - 1) {
        return count;
      }
      if (Math.abs(q) < 1e-300) {
        q = q < 0 ? -1e-300 : 1e-300; // a (near-)zero pivot: perturb, as Sturm bisection does
      }
      q = diag[i + 1] - x - c * c / q;
    }
  }

  /**
   * The Eyring-Kramers prediction for a symmetric double well in one dimension [recalled]: with
   * noise {@code eps = s/2}, each well is left at rate {@code sqrt(f''(min) |f''(barrier)|) / (2
   * pi) exp(-dH / eps)}, and the gap of two symmetric wells is twice that.
   */
  public static double eyringKramers(double curvatureMin, double curvatureBarrier, double barrier,
      double s) {
    return Math.sqrt(curvatureMin * Math.abs(curvatureBarrier)) / Math.PI
        * Math.exp(-2 * barrier / s);
  }
}
