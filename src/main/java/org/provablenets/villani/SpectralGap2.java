package org.provablenets.villani;

import java.util.function.DoubleBinaryOperator;

/**
 * Low-dimensional numerics for two parameters (m = 2): the spectral gap {@code lambda_s} of the
 * generator of {@code dX = -grad f(X) dt + sqrt(s) dB} and {@code eps(s) = E_{mu_s} f - min f}
 * under {@code mu_s ~ exp(-2 f / s)}, on a square grid. All values are <b>estimates</b> in {@code
 * double}.
 *
 * <p><b>Discretisation [derived; the two-dimensional form of {@link SpectralGap}'s square-root
 * approximation].</b> On an {@code N x N} grid with steps {@code h_x, h_y}, the chain jumps to each
 * of the four neighbours {@code j} of {@code i} at rate {@code k_ij = (s / (2 h^2)) exp(-(f_j -
 * f_i) / s)} ({@code h} the step along that axis); it is reversible for {@code pi ~ exp(-2 f/s)}
 * and approximates {@code (s/2) Laplacian g - grad f . grad g} to second order. Conjugated by
 * {@code pi^(1/2)}, minus the generator is the symmetric matrix {@code S} with {@code S_ii = sum_j
 * k_ij} and {@code S_ij = -s / (2 h^2)}, positive semidefinite with kernel {@code pi^(1/2)}.
 *
 * <p><b>Method.</b> The gap is the smallest eigenvalue of {@code S} on the orthogonal complement of
 * {@code pi^(1/2)}, found by inverse iteration: each step solves {@code S y = x} by conjugate
 * gradients inside that complement (where S is positive definite), and the Rayleigh quotient is
 * evaluated as the Dirichlet form {@code sum over edges of (s/(2h^2)) (x_i r_ij - x_j / r_ij)^2},
 * {@code r_ij = exp(-(f_j - f_i) / (2s))}: a sum of non-negative terms, so a small gap keeps its
 * relative accuracy (the plain {@code x'Sx} would cancel). Inverse iteration converges at the
 * rate {@code lambda_2 / lambda_3} per step; when the two are equal (a symmetric OU potential) the
 * Rayleigh quotient still converges to the common value.
 *
 * <p><b>Cost.</b> O(N^2) per conjugate-gradient step; the number of steps grows with the ratio of
 * the largest eigenvalue (about {@code 4 s / h^2}) to the gap.
 */
public final class SpectralGap2 {
  /** Most inverse-iteration steps. */
  static final int MAX_OUTER = 200;

  private SpectralGap2() {}

  /**
   * The gap, {@code eps(s)}, the grid minimum, the grid, the values of f on it (row-major, x
   * fastest), and the work done (inverse-iteration and conjugate-gradient steps).
   */
  public record Result(double gap, double epsilon, double min, int pointsPerAxis, double stepX,
      double stepY, double[] values, int outerSteps, int cgSteps) {}

  /**
   * The spectral gap and {@code eps(s)} of f on {@code [xlo, xhi] x [ylo, yhi]} with {@code n}
   * points per axis (at least 3); the box should hold all but a negligible part of {@code mu_s}.
   *
   * @throws IllegalArgumentException if s is not positive, a box side is empty or n &lt; 3
   */
  public static Result compute(DoubleBinaryOperator f, double s, double xlo, double xhi,
      double ylo, double yhi, int n) {
    if (!(s > 0) || !(xhi > xlo) || !(yhi > ylo) || n < 3) {
      throw new IllegalArgumentException("need s > 0, non-empty box sides and n >= 3");
    }
    double hx = (xhi - xlo) / (n - 1);
    double hy = (yhi - ylo) / (n - 1);
    int size = n * n;
    double[] fv = new double[size];
    double min = Double.POSITIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        double v = f.applyAsDouble(xlo + i * hx, ylo + j * hy);
        fv[i + n * j] = v;
        min = Math.min(min, v);
      }
    }
    // Ground state u = pi^(1/2) (normalised) and eps(s).
    double[] u = new double[size];
    double z = 0;
    double m1 = 0;
    for (int q = 0; q < size; q++) {
      double e = fv[q] - min;
      double w = Math.exp(-2 * e / s);
      z += w;
      m1 += w * e;
      u[q] = Math.exp(-e / s);
    }
    normalise(u);
    Operator op = new Operator(fv, n, s, hx, hy);
    // Start: u times a generic linear function of the coordinates, projected off u.
    double[] x = new double[size];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        double gx = (i - (n - 1) / 2.0) / n;
        double gy = (j - (n - 1) / 2.0) / n;
        x[i + n * j] = u[i + n * j] * (gx + 0.618 * gy + 0.1 * gx * gy);
      }
    }
    project(x, u);
    normalise(x);
    double lambda = op.dirichlet(x);
    int outer = 0;
    int cg = 0;
    double[] y = new double[size];
    for (; outer < MAX_OUTER; outer++) {
      cg += op.solve(x, u, y);
      project(y, u);
      normalise(y);
      double next = op.dirichlet(y);
      System.arraycopy(y, 0, x, 0, size);
      boolean done = Math.abs(next - lambda) <= 1e-12 * next;
      lambda = next;
      if (done) {
        outer++;
        break;
      }
    }
    return new Result(lambda, m1 / z, min, n, hx, hy, fv, outer, cg);
  }

  private static void project(double[] x, double[] u) {
    double d = dot(x, u);
    for (int q = 0; q < x.length; q++) {
      x[q] -= d * u[q];
    }
  }

  private static void normalise(double[] x) {
    double norm = Math.sqrt(dot(x, x));
    for (int q = 0; q < x.length; q++) {
      x[q] /= norm;
    }
  }

  static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int q = 0; q < a.length; q++) {
      sum += a[q] * b[q];
    }
    return sum;
  }

  /** The symmetric operator S of the class comment, with its edge factors precomputed. */
  private static final class Operator {
    private final int n;
    private final double cx;
    private final double cy;
    private final double[] diag;
    /** r for the edge (q, q + 1), and for (q, q + n). */
    private final double[] rx;
    private final double[] ry;

    Operator(double[] fv, int n, double s, double hx, double hy) {
      this.n = n;
      this.cx = s / (2 * hx * hx);
      this.cy = s / (2 * hy * hy);
      int size = n * n;
      this.diag = new double[size];
      this.rx = new double[size];
      this.ry = new double[size];
      for (int j = 0; j < n; j++) {
        for (int i = 0; i < n; i++) {
          int q = i + n * j;
          if (i + 1 < n) {
            double d = (fv[q + 1] - fv[q]) / (2 * s);
            rx[q] = Math.exp(-d);
            diag[q] += cx * Math.exp(-2 * d);
            diag[q + 1] += cx * Math.exp(2 * d);
          }
          if (j + 1 < n) {
            double d = (fv[q + n] - fv[q]) / (2 * s);
            ry[q] = Math.exp(-d);
            diag[q] += cy * Math.exp(-2 * d);
            diag[q + n] += cy * Math.exp(2 * d);
          }
        }
      }
    }

    void apply(double[] x, double[] out) {
      for (int j = 0; j < n; j++) {
        for (int i = 0; i < n; i++) {
          int q = i + n * j;
          double v = diag[q] * x[q];
          if (i > 0) {
            v -= cx * x[q - 1];
          }
          if (i + 1 < n) {
            v -= cx * x[q + 1];
          }
          if (j > 0) {
            v -= cy * x[q - n];
          }
          if (j + 1 < n) {
            v -= cy * x[q + n];
          }
          out[q] = v;
        }
      }
    }

    /** x'Sx / x'x as a sum of non-negative edge terms. */
    double dirichlet(double[] x) {
      double sum = 0;
      for (int j = 0; j < n; j++) {
        for (int i = 0; i < n; i++) {
          int q = i + n * j;
          if (i + 1 < n) {
            double t = x[q] * rx[q] - x[q + 1] / rx[q];
            sum += cx * t * t;
          }
          if (j + 1 < n) {
            double t = x[q] * ry[q] - x[q + n] / ry[q];
            sum += cy * t * t;
          }
        }
      }
      return sum / dot(x, x);
    }

    /**
     * Solves S y = b for b orthogonal to u by conjugate gradients kept orthogonal to u, to a
     * relative residual of 1e-11 (or 20 N^2 steps); returns the number of steps.
     */
    int solve(double[] b, double[] u, double[] y) {
      int size = b.length;
      java.util.Arrays.fill(y, 0.0);
      double[] r = b.clone();
      project(r, u);
      double[] p = r.clone();
      double[] ap = new double[size];
      double rr = dot(r, r);
      double target = 1e-22 * rr;
      int steps = 0;
      int max = 20 * size;
      while (rr > target && steps < max) {
        apply(p, ap);
        project(ap, u);
        double alpha = rr / dot(p, ap);
        for (int q = 0; q < size; q++) {
          y[q] += alpha * p[q];
          r[q] -= alpha * ap[q];
        }
        double next = dot(r, r);
        double beta = next / rr;
        for (int q = 0; q < size; q++) {
          p[q] = r[q] + beta * p[q];
        }
        rr = next;
        steps++;
      }
      return steps;
    }
  }
}
