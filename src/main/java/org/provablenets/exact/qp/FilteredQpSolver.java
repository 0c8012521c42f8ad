package org.provablenets.exact.qp;

import java.math.BigInteger;
import java.util.function.IntFunction;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Gcd;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.exact.hint.DoubleLemke;
import org.provablenets.exact.linalg.Elimination;
import org.provablenets.exact.linalg.QVectors;

/**
 * Filtered exact convex QP: solve in {@code double}, repair exactly, verify exactly, and fall back
 * to the exact solver only when the repair fails (the filtered approach of exact geometric
 * computation and exact LP solvers).
 *
 * <p><b>Method.</b> {@link DoubleLemke} solves the KKT complementarity problem in floating point;
 * the rows its point meets or whose multipliers are above a tolerance name a guessed active set S
 * (then, if that fails, the rows with multipliers above the tolerance alone). The exact repair
 * solves the linear KKT system of that active set over the rationals,
 *
 * <pre>
 *   Q x - G_S' lambda_S - E' mu = -c,    G_S x = h_S,    E x = f,
 * </pre>
 *
 * (Q may be singular): x on the affine set {@code G_S x = h_S, E x = f} where the reduced
 * gradient vanishes, nearest the floating-point guess on the free coordinates, then multipliers
 * with {@code G_S' lambda_S + E' mu = Q x + c} ({@link Elimination#solveAny}; the largest
 * floating-point multipliers are the pivots, so degenerate zero multipliers stay zero). It sets
 * the other multipliers to zero and accepts the result only if {@code lambda_S >= 0} and {@code
 * G x >= h} hold exactly. Then stationarity, complementary slackness and both feasibilities hold
 * by construction, so x is an exact optimum with an exact KKT certificate (the same certificate
 * {@link QpSolver} returns). If no guess survives, a second floating-point run on the LCP with q
 * perturbed by a tiny increasing vector gives new guesses (rounding can send the first run of a
 * degenerate program astray). If that fails too, the exact {@link QpSolver} decides. Either way
 * the answer is exact; the double solve only saves time.
 *
 * <p><b>Cost.</b> One floating-point Lemke run (O(N^2) flops per pivot) and fraction-free integer
 * eliminations of sizes at most {@code (|S| + |E|) x n}, {@code k x k} (k = n - rank) and {@code n
 * x (|S| + |E|)} (the first and last block by block), instead of an exact Lemke run (O(N^2)
 * rational operations per pivot, N = 2n + |G| + 2|E|).
 */
public final class FilteredQpSolver {
  private FilteredQpSolver() {}

  /** Multipliers at most this (relative to the largest) are taken as zero when guessing S. */
  static final double ACTIVE_TOLERANCE = 1e-9;

  /** Solves exactly; the double solve is only a hint. */
  public static QpResult solve(QuadraticProgram qp) {
    QpResult r = repaired(qp);
    return r != null ? r : QpSolver.solve(qp);
  }

  /**
   * The exactly repaired optimum from a floating-point active-set guess, or {@code null} if the
   * guess does not survive the exact checks (or the floating-point solve failed).
   */
  public static @Nullable QpResult repaired(QuadraticProgram qp) {
    int n = qp.variables();
    int mg = qp.g().rows();
    int me = qp.e().rows();
    // The LCP of QpSolver.lcpMatrix / lcpVector in double, from the integer form (q / alpha =
    // Q, g_i / r_i = G_i, ...): the same numbers, rounded, without making Q's rational entries.
    IntegerForm form = qp.integerForm();
    double[][] gd = new double[mg][n];
    for (int i = 0; i < mg; i++) {
      for (int j = 0; j < n; j++) {
        gd[i][j] = hint(form.g[i][j], form.gScale[i]);
      }
    }
    int size = 2 * n + mg + 2 * me;
    double[][] md = new double[size][size];
    double[] qd = new double[size];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) { // Q is symmetric
        double qij = hint(form.q[i][j], form.alpha);
        md[i][j] = qij;
        md[i][n + j] = -qij;
        md[n + i][j] = -qij;
        md[n + i][n + j] = qij;
        md[j][i] = qij;
        md[j][n + i] = -qij;
        md[n + j][i] = -qij;
        md[n + j][n + i] = qij;
      }
      for (int k = 0; k < mg + 2 * me; k++) {
        double gki =
            k < mg ? gd[k][i]
                : k < mg + me ? hint(form.e[k - mg][i], form.eScale[k - mg])
                : -hint(form.e[k - mg - me][i], form.eScale[k - mg - me]);
        md[i][2 * n + k] = -gki;
        md[n + i][2 * n + k] = gki;
        md[2 * n + k][i] = gki;
        md[2 * n + k][n + i] = -gki;
      }
      double ci = hint(form.c[i], form.alpha);
      qd[i] = ci;
      qd[n + i] = -ci;
    }
    for (int i = 0; i < mg; i++) {
      qd[2 * n + i] = -hint(form.h[i], form.gScale[i]);
    }
    for (int i = 0; i < me; i++) {
      double fi = hint(form.f[i], form.eScale[i]);
      qd[2 * n + mg + i] = -fi;
      qd[2 * n + mg + me + i] = fi;
    }
    QpResult r = fromHint(qp, gd, qd, DoubleLemke.solve(md, qd));
    if (r == null) {
      // A second floating-point run on the LCP with q perturbed by a tiny increasing vector (the
      // floating-point analogue of the lexicographic perturbation): on a degenerate program where
      // rounding sent the first run astray it usually ends on a basis of the same optimum.
      double qmax = 1;
      for (double v : qd) {
        qmax = Math.max(qmax, Math.abs(v));
      }
      double[] qp2 = qd.clone();
      for (int i = 0; i < size; i++) {
        qp2[i] += PERTURBATION * qmax * (i + 1) / size;
      }
      r = fromHint(qp, gd, qd, DoubleLemke.solve(md, qp2));
    }
    return r;
  }

  /**
   * {@code num / den} ({@code den > 0}) in floating point, for the LCP hint: two conversions and
   * one division while both are far below 2^1024 (each rounding at most half an ulp), else through
   * {@link Rational#toDouble} so that large scales do not turn into infinity over infinity.
   */
  static double hint(BigInteger num, BigInteger den) {
    if (num.signum() == 0) {
      return 0;
    }
    if (num.bitLength() < 1000 && den.bitLength() < 1000) {
      return num.doubleValue() / den.doubleValue();
    }
    return Rational.of(num, den).toDouble();
  }

  /** Relative size of the perturbation of q in the second floating-point run. */
  static final double PERTURBATION = 1e-7;

  /**
   * The exact repair of the active set that a floating-point LCP solution z names (see the class
   * comment), or {@code null} if z is null or no guess survives the exact checks.
   */
  private static @Nullable QpResult fromHint(
      QuadraticProgram qp, double[][] gd, double[] qd, double @Nullable [] z) {
    if (z == null) {
      return null;
    }
    int n = qp.variables();
    int mg = qp.g().rows();
    double scale = 1e-300;
    for (int i = 0; i < mg; i++) {
      scale = Math.max(scale, Math.abs(z[2 * n + i]));
    }
    // First guess: the tight rows, those with a positive multiplier or that the floating-point
    // point meets (nearly). Second guess: only the rows with positive multipliers. The tight
    // rows come first because degenerate optima, whose active rows carry zero multipliers, are
    // common here: the positive rows alone leave the point free to leave such a row, and the
    // repair then fails the exact feasibility check. Measured on 3,000 random subproblems of each
    // benchmark instance: the positive rows failed and the tight rows repaired 5-32% of them
    // ((8,3,2): 963), and there was none that the positive rows repaired and the tight rows did
    // not.
    boolean[] positive = new boolean[mg];
    boolean[] tight = new boolean[mg];
    double xnorm = 1;
    for (int i = 0; i < n; i++) {
      xnorm = Math.max(xnorm, Math.abs(z[i] - z[n + i]));
    }
    for (int i = 0; i < mg; i++) {
      double sl = qd[2 * n + i];
      double rowNorm = 1;
      for (int j = 0; j < n; j++) {
        double gij = gd[i][j];
        sl += gij * (z[j] - z[n + j]);
        rowNorm = Math.max(rowNorm, Math.abs(gij));
      }
      positive[i] = z[2 * n + i] > ACTIVE_TOLERANCE * scale;
      tight[i] = positive[i] || Math.abs(sl) <= ACTIVE_TOLERANCE * rowNorm * xnorm;
    }
    // Hints: coordinates and multipliers that the floating-point solve leaves within the
    // tolerance of zero are taken as exactly zero (a dead unit's weights, an inactive row's
    // multiplier), and multipliers are never negative.
    double[] hz = z.clone();
    for (int i = 0; i < n; i++) {
      if (Math.abs(z[i] - z[n + i]) <= ACTIVE_TOLERANCE * xnorm) {
        hz[i] = 0;
        hz[n + i] = 0;
      }
    }
    for (int i = 0; i < mg; i++) {
      if (z[2 * n + i] <= ACTIVE_TOLERANCE * scale) {
        hz[2 * n + i] = 0;
      }
    }
    QpResult r = repair(qp, hz, tight);
    if (r == null && !java.util.Arrays.equals(tight, positive)) {
      r = repair(qp, hz, positive);
    }
    return r;
  }

  /**
   * The exact KKT point of the active set {@code inS}, if it passes the exact checks. Small
   * fraction-free eliminations on the program's {@link IntegerForm} instead of one on the whole
   * KKT system, each constraint block ({@link IntegerForm#blockColumns}) on its own: the affine set
   * {@code x = (x0 + Z u) / d} of {@code G_S x = h_S, E x = f} (reduced row echelon form per block;
   * u = the free coordinates, scaled), the reduced stationarity {@code Z'QZ u = -Z'(Q x0 + d c)}
   * (one system: Q couples the blocks), and the multipliers from {@code G_S' lambda_S + E' mu = Q x
   * + c} per block. Every intermediate is an integer or an integer vector over one denominator, so
   * no gcd is taken before the answer is written as rationals.
   */
  private static @Nullable QpResult repair(QuadraticProgram qp, double[] z, boolean[] inS) {
    IntegerForm form = qp.integerForm();
    int n = qp.variables();
    int mg = qp.g().rows();
    int me = qp.e().rows();
    int[] active = new int[mg];
    int s = 0;
    for (int i = 0; i < mg; i++) {
      if (inS[i]) {
        active[s++] = i;
      }
    }
    // Largest floating-point multipliers first: the elimination takes its pivots in column order,
    // so when the multipliers of a degenerate active set are not unique, those the floating-point
    // solution puts at zero are the free ones and stay exactly zero.
    sortByMultiplier(active, s, z, 2 * n);
    // The active rows of each block, E rows first (mu has no sign to keep): r >= 0 is row r of
    // G, r < 0 is row -r-1 of E.
    int blocks = form.blockColumns.length;
    int[][] blockRows = new int[blocks][];
    int[] count = new int[blocks];
    for (int kk = 0; kk < me; kk++) {
      count[form.eBlock[kk]]++;
    }
    for (int kk = 0; kk < s; kk++) {
      count[form.gBlock[active[kk]]]++;
    }
    for (int b = 0; b < blocks; b++) {
      blockRows[b] = new int[count[b]];
      count[b] = 0;
    }
    for (int kk = 0; kk < me; kk++) {
      int b = form.eBlock[kk];
      blockRows[b][count[b]++] = -kk - 1;
    }
    for (int kk = 0; kk < s; kk++) {
      int b = form.gBlock[active[kk]];
      blockRows[b][count[b]++] = active[kk];
    }
    Affine af = affine(form, blockRows, n);
    if (af == null) {
      return null; // G_S x = h_S, E x = f is inconsistent
    }
    Solution pt = stationaryPoint(form, af, z, n);
    if (pt == null) {
      return null; // the restricted problem has no stationary point
    }
    if (!feasible(form, pt)) {
      return null;
    }
    return withMultipliers(qp, form, blockRows, pt, z);
  }

  /** The affine set {@code x = (x0 + Z u) / d} of the active rows (step 1 of {@link #repair}). */
  private static final class Affine {
    final BigInteger d;
    final BigInteger[] x0;
    final BigInteger[][] zc;
    final int[] freeOf;
    final BigInteger[] zFree;

    Affine(BigInteger d, BigInteger[] x0, BigInteger[][] zc, int[] freeOf, BigInteger[] zFree) {
      this.d = d;
      this.x0 = x0;
      this.zc = zc;
      this.freeOf = freeOf;
      this.zFree = zFree;
    }
  }

  /**
   * Step 1 of {@link #repair}: per block, the active rows in reduced row echelon form, and from
   * them the affine set; {@code null} if the rows are inconsistent.
   */
  private static @Nullable Affine affine(IntegerForm form, int[][] blockRows, int n) {
    int blocks = form.blockColumns.length;
    // 1. Per block, [g_S; e | h_S; f] on the block's columns in reduced row echelon form,
    // fraction-free: pivot entries p_b, so x_pivot = (rhs - sum_free t x_free) / p_b.
    BigInteger[][][] ts = new BigInteger[blocks][][];
    Echelon[] echs = new Echelon[blocks];
    BigInteger d = BigInteger.ONE;
    int k = 0;
    for (int b = 0; b < blocks; b++) {
      int[] cols = form.blockColumns[b];
      int[] rows = blockRows[b];
      BigInteger[][] t = new BigInteger[rows.length][];
      for (int i = 0; i < rows.length; i++) {
        int r = rows[i];
        BigInteger[] src = r >= 0 ? form.g[r] : form.e[-r - 1];
        BigInteger[] row = new BigInteger[cols.length + 1];
        for (int j = 0; j < cols.length; j++) {
          row[j] = src[cols[j]];
        }
        row[cols.length] = r >= 0 ? form.h[r] : form.f[-r - 1];
        t[i] = row;
      }
      Echelon ech = gaussJordan(t, cols.length);
      if (ech == null) {
        return null;
      }
      ts[b] = t;
      echs[b] = ech;
      d = Rationals.lcm(d, ech.pivot);
      k += cols.length - ech.rank;
    }
    // x = (x0 + Z u) / d over d = lcm of the pivots p_b: x0 is zero on the free coordinates;
    // column a of Z (free coordinate j of block b) is p_b e_j - t_.j, t_.j the block's echelon
    // entries in column j on its basic coordinates, divided by the gcd of its entries (any
    // integer multiple spans the same line; the smallest keeps the numbers below small). Then
    // x_j = z_a u_a / d with z_a = Z_(j, a).
    BigInteger[] x0 = zeros(n);
    BigInteger[][] zc = new BigInteger[k][];
    int[] freeOf = new int[k];
    BigInteger[] zFree = new BigInteger[k];
    int a = 0;
    for (int b = 0; b < blocks; b++) {
      int[] cols = form.blockColumns[b];
      Echelon ech = echs[b];
      BigInteger[][] t = ts[b];
      BigInteger up = Gcd.quotient(d, ech.pivot);
      for (int i = 0; i < ech.rank; i++) {
        x0[cols[ech.pivotCol[i]]] = t[i][cols.length].multiply(up);
      }
      for (int j : ech.freeColumns(cols.length)) {
        BigInteger[] col = zeros(n);
        BigInteger content = ech.pivot;
        col[cols[j]] = ech.pivot;
        for (int i = 0; i < ech.rank; i++) {
          if (t[i][j].signum() != 0) {
            col[cols[ech.pivotCol[i]]] = t[i][j].negate();
            if (!content.equals(BigInteger.ONE)) {
              content = Gcd.of(content, t[i][j]);
            }
          }
        }
        if (!content.equals(BigInteger.ONE)) {
          for (int i : cols) {
            if (col[i].signum() != 0) {
              col[i] = Gcd.quotient(col[i], content);
            }
          }
        }
        zc[a] = col;
        zFree[a] = col[cols[j]];
        freeOf[a++] = cols[j];
      }
    }
    return new Affine(d, x0, zc, freeOf, zFree);
  }

  /**
   * Step 2 of {@link #repair}: the point of the affine set where the reduced gradient vanishes,
   * nearest the floating-point free coordinates; {@code null} if there is none.
   */
  private static @Nullable Solution stationaryPoint(
      IntegerForm form, Affine af, double[] z, int n) {
    BigInteger d = af.d;
    BigInteger[] x0 = af.x0;
    BigInteger[][] zc = af.zc;
    int[] freeOf = af.freeOf;
    BigInteger[] zFree = af.zFree;
    int k = zc.length;
    // 2. Reduced stationarity (Z'qZ) u = -Z'(q x0 + d c), nearest the floating-point free
    // coordinates (u_a = x_j d / z_a).
    BigInteger[][] qz = new BigInteger[k][];
    for (int i = 0; i < k; i++) {
      qz[i] = timesSupported(form.q, zc[i], form.blockColumns[form.columnBlock[freeOf[i]]]);
    }
    BigInteger[] g0 = times(form.q, x0);
    for (int i = 0; i < n; i++) {
      g0[i] = g0[i].add(d.multiply(form.c[i]));
    }
    BigInteger[][] hm = new BigInteger[k][];
    BigInteger[] rhs = new BigInteger[k];
    for (int i = 0; i < k; i++) {
      hm[i] = new BigInteger[k];
      for (int j = 0; j < k; j++) {
        hm[i][j] = j < i ? hm[j][i] : QVectors.dot(zc[i], qz[j]);
      }
      rhs[i] = QVectors.dot(zc[i], g0).negate();
    }
    BigInteger dd = d;
    Solution y =
        solveNear(hm, k, rhs, j -> {
          Rational h = shortRational(z[freeOf[j]] - z[n + freeOf[j]]);
          return h.signum() == 0 ? h : h.multiply(Rational.of(dd, zFree[j]));
        });
    if (y == null) {
      return null;
    }
    // x = X / L with X = y.den x0 + Z y.num and L = d y.den > 0.
    BigInteger[] xn = new BigInteger[n];
    for (int i = 0; i < n; i++) {
      BigInteger v = x0[i].signum() == 0 ? BigInteger.ZERO : x0[i].multiply(y.den);
      for (int j = 0; j < k; j++) {
        if (zc[j][i].signum() != 0 && y.num[j].signum() != 0) {
          v = v.add(zc[j][i].multiply(y.num[j]));
        }
      }
      xn[i] = v;
    }
    return Solution.reduced(xn, d.multiply(y.den));
  }

  /** Whether {@code G x >= h} holds exactly at the point. */
  private static boolean feasible(IntegerForm form, Solution pt) {
    for (int i = 0; i < form.g.length && i < form.h.length; i++) {
      BigInteger hi = form.h[i];
      if (QVectors.dot(form.g[i], pt.num).compareTo(hi.signum() == 0 ? BigInteger.ZERO : hi.multiply(pt.den))
          < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Step 3 of {@link #repair}: the multipliers per block, and the result if they have the right
   * signs.
   */
  private static @Nullable QpResult withMultipliers(
      QuadraticProgram qp, IntegerForm form, int[][] blockRows, Solution pt, double[] z) {
    int n = qp.variables();
    int mg = qp.g().rows();
    int me = qp.e().rows();
    int blocks = form.blockColumns.length;
    BigInteger[] xn = pt.num;
    BigInteger l = pt.den;
    // 3. Multipliers per block: [e' g_S'] w = q X + L c on the block's columns; then
    // lambda_i = r_i w_i / (alpha L) and mu_i = t_i w_i / (alpha L).
    BigInteger[] grad = times(form.q, xn);
    for (int i = 0; i < n; i++) {
      grad[i] = grad[i].add(l.multiply(form.c[i]));
    }
    BigInteger alphaL = form.alpha.multiply(l);
    Rational[] lambda = new Rational[mg];
    java.util.Arrays.fill(lambda, Rational.ZERO);
    Rational[] mu = new Rational[me];
    java.util.Arrays.fill(mu, Rational.ZERO);
    for (int b = 0; b < blocks; b++) {
      int[] cols = form.blockColumns[b];
      int[] rows = blockRows[b];
      BigInteger[][] mt = new BigInteger[cols.length][];
      BigInteger[] gb = new BigInteger[cols.length];
      for (int i = 0; i < cols.length; i++) {
        mt[i] = new BigInteger[rows.length];
        for (int j = 0; j < rows.length; j++) {
          int r = rows[j];
          mt[i][j] = (r >= 0 ? form.g[r] : form.e[-r - 1])[cols[i]];
        }
        gb[i] = grad[cols[i]];
      }
      Solution w =
          solveNear(mt, rows.length, gb, j -> {
            int r = rows[j];
            Rational sh =
                shortRational(r >= 0 ? z[2 * n + r] : z[2 * n + mg - r - 1] - z[2 * n + mg + me - r - 1]);
            return sh.signum() == 0 ? sh
                : sh.multiply(Rational.of(alphaL, r >= 0 ? form.gScale[r] : form.eScale[-r - 1]));
          });
      if (w == null) {
        return null;
      }
      BigInteger[] num = new BigInteger[rows.length];
      for (int j = 0; j < rows.length; j++) {
        int r = rows[j];
        if (r >= 0 && w.num[j].signum() < 0) {
          return null;
        }
        num[j] = w.num[j].multiply(r >= 0 ? form.gScale[r] : form.eScale[-r - 1]);
      }
      Rational[] lm = Solution.reduced(num, alphaL.multiply(w.den)).rationals();
      for (int j = 0; j < rows.length; j++) {
        int r = rows[j];
        if (r >= 0) {
          lambda[r] = lm[j];
        } else {
          mu[-r - 1] = lm[j];
        }
      }
    }
    Rational[] x = pt.rationals();
    // The objective 1/2 x'Qx + c'x + k = (X'qX + 2 L c'X) / (2 alpha L^2) + k, and X'grad =
    // X'qX + L c'X.
    BigInteger cx = QVectors.dot(form.c, xn);
    Rational value =
        Rational.of(
                QVectors.dot(xn, grad).add(l.multiply(cx)),
                alphaL.multiply(l).shiftLeft(1))
            .add(qp.k());
    return QpResult.optimal(x, lambda, mu, value);
  }

  /** {@code gcd(den, num[0], num[1], ...)} for {@code den > 0}: one gcd chain, stopped at 1. */
  private static BigInteger content(BigInteger den, BigInteger[] num) {
    BigInteger g = den;
    for (BigInteger v : num) {
      if (g.equals(BigInteger.ONE)) {
        break;
      }
      if (v.signum() != 0) {
        g = Gcd.of(g, v);
      }
    }
    return g;
  }

  /** The reduced row echelon form of a fraction-free Gauss-Jordan elimination. */
  private static final class Echelon {
    final int rank;
    final int[] pivotCol;
    /** The common value of every pivot entry (positive). */
    final BigInteger pivot;

    Echelon(int rank, int[] pivotCol, BigInteger pivot) {
      this.rank = rank;
      this.pivotCol = pivotCol;
      this.pivot = pivot;
    }

    /** The columns without a pivot, in increasing order. */
    int[] freeColumns(int cols) {
      int[] free = new int[cols - rank];
      for (int j = 0, a = 0, p = 0; j < cols && a < free.length; j++) {
        if (p < rank && p < pivotCol.length && pivotCol[p] == j) {
          p++;
        } else {
          free[a++] = j;
        }
      }
      return free;
    }
  }

  /**
   * Fraction-free Gauss-Jordan elimination of {@code [A | b]} ({@code t}, m rows of {@code cols +
   * 1} integers) in place, pivots in column order: afterwards rows {@code 0..rank} hold the
   * reduced row echelon form times the last pivot p (every pivot entry equals p, made positive),
   * and the other rows are zero. Each step replaces {@code t_ij} by {@code (p_k t_ij - t_ic
   * t_kj) / p_(k-1)}, an exact division (every entry is a minor of {@code [A | b]}: Bareiss,
   * 1968; Edmonds, 1967). Returns {@code null} if the system is inconsistent. Cost: O(m^2 cols)
   * integer operations on integers of size O(rank) times that of the entries. Not {@code
   * linalg.Elimination}: its Bareiss pass is forward only (rank, determinant) and its Gauss-Jordan
   * works on reduced rationals, while the repair needs the integer echelon form over one common
   * pivot (the affine parametrisation over one denominator).
   */
  private static @Nullable Echelon gaussJordan(BigInteger[][] t, int cols) {
    int m = t.length;
    int[] pivotCol = new int[Math.min(m, cols)];
    BigInteger prev = BigInteger.ONE;
    int r = 0;
    for (int c = 0; c < cols && r < m && r < pivotCol.length; c++) {
      int p = -1;
      for (int i = r; i < m; i++) {
        if (t[i][c].signum() != 0) {
          p = i;
          break;
        }
      }
      if (p < 0) {
        continue;
      }
      BigInteger[] pr = t[p];
      t[p] = t[r];
      t[r] = pr;
      BigInteger piv = pr[c];
      boolean exact = prev.equals(BigInteger.ONE);
      for (int i = 0; i < m; i++) {
        if (i == r) {
          continue;
        }
        BigInteger[] ti = t[i];
        BigInteger f = ti[c];
        for (int j = 0; j <= cols; j++) {
          if (j == c) {
            continue;
          }
          BigInteger v = ti[j];
          BigInteger num = v.signum() == 0 ? v : piv.multiply(v);
          if (f.signum() != 0 && pr[j].signum() != 0) {
            num = num.subtract(f.multiply(pr[j]));
          }
          ti[j] = exact || num.signum() == 0 ? num : Gcd.quotient(num, prev);
        }
        ti[c] = BigInteger.ZERO;
      }
      prev = piv;
      pivotCol[r++] = c;
    }
    for (int i = r; i < m; i++) {
      if (t[i][cols].signum() != 0) {
        return null;
      }
    }
    if (prev.signum() < 0) {
      for (int i = 0; i < r; i++) {
        BigInteger[] ti = t[i];
        for (int j = 0; j <= cols; j++) {
          ti[j] = ti[j].negate();
        }
      }
      prev = prev.negate();
    }
    return new Echelon(r, pivotCol, prev);
  }

  /**
   * A rational vector over one positive denominator, {@code num[j] / den}: a solution of {@link
   * #solveNear}, or the repaired point x.
   */
  private static final class Solution {
    final BigInteger[] num;
    final BigInteger den;

    Solution(BigInteger[] num, BigInteger den) {
      this.num = num;
      this.den = den;
    }

    /**
     * The vector {@code num / den} with the common factor of den and all of num divided out: for
     * the repaired point and its multipliers, the eliminations' denominators share a large factor
     * with every numerator (measured on the (8,3,2) benchmark: 35 to 130 of 70 to 140 bits), and every later
     * step (the feasibility check, the gradient, the multipliers, the objective) works on the
     * smaller numbers.
     */
    static Solution reduced(BigInteger[] num, BigInteger den) {
      BigInteger g = content(den, num);
      if (g.equals(BigInteger.ONE)) {
        return new Solution(num, den);
      }
      BigInteger[] q = new BigInteger[num.length];
      for (int i = 0; i < q.length; i++) {
        q[i] = num[i].signum() == 0 ? num[i] : Gcd.quotient(num[i], g);
      }
      return new Solution(q, Gcd.quotient(den, g));
    }

    /**
     * The entries {@code num[j] / den} in lowest terms. After {@link #reduced} each entry's own
     * reduction works on numbers without the common factor.
     */
    Rational[] rationals() {
      Rational[] q = new Rational[num.length];
      for (int i = 0; i < q.length; i++) {
        q[i] = num[i].signum() == 0 ? Rational.ZERO : Rational.of(num[i], den);
      }
      return q;
    }
  }

  /**
   * The solution of {@code A x = b} ({@code cols} unknowns, integer entries) whose free
   * coordinates (the columns without a pivot, pivots taken in column order) equal {@code
   * freeValue.apply(j)} (exact rationals, asked only for the free columns), or {@code null} if the
   * system is inconsistent: the answer of {@link Elimination#solveAny} with those free values,
   * by {@link #gaussJordan} and one pass over its rows. Cost: that of the elimination plus
   * O(rank (cols - rank)) integer operations.
   */
  private static @Nullable Solution solveNear(
      BigInteger[][] a, int cols, BigInteger[] b, IntFunction<Rational> freeValue) {
    int m = a.length;
    BigInteger[][] t = new BigInteger[m][];
    for (int i = 0; i < m; i++) {
      BigInteger[] row = new BigInteger[cols + 1];
      System.arraycopy(a[i], 0, row, 0, cols);
      row[cols] = b[i];
      t[i] = row;
    }
    Echelon ech = gaussJordan(t, cols);
    if (ech == null) {
      return null;
    }
    int[] free = ech.freeColumns(cols);
    // Free values over one denominator df: x_j = fv[j] / df.
    Rational[] values = new Rational[cols];
    BigInteger df = BigInteger.ONE;
    for (int j : free) {
      values[j] = freeValue.apply(j);
      df = Rationals.lcm(df, values[j].getDenominator());
    }
    BigInteger[] fv = zeros(cols);
    for (int j : free) {
      Rational v = values[j];
      if (v.signum() != 0) {
        fv[j] = v.getNumerator().multiply(Gcd.quotient(df, v.getDenominator()));
      }
    }
    // Row i reads p x_(pivot i) + sum_free t_ij x_j = t_i,cols, so over the denominator p df:
    // x_(pivot i) = df t_i,cols - sum_free t_ij fv_j and x_free = p fv_free.
    BigInteger p = ech.pivot;
    BigInteger[] x = new BigInteger[cols];
    for (int j : free) {
      x[j] = fv[j].signum() == 0 ? BigInteger.ZERO : fv[j].multiply(p);
    }
    for (int i = 0; i < ech.rank; i++) {
      BigInteger[] ti = t[i];
      BigInteger v = ti[cols].multiply(df);
      for (int j : free) {
        if (ti[j].signum() != 0 && fv[j].signum() != 0) {
          v = v.subtract(ti[j].multiply(fv[j]));
        }
      }
      x[ech.pivotCol[i]] = v;
    }
    return new Solution(x, p.multiply(df));
  }

  private static BigInteger[] zeros(int n) {
    BigInteger[] v = new BigInteger[n];
    java.util.Arrays.fill(v, BigInteger.ZERO);
    return v;
  }

  /** {@code A x} for an integer matrix given by rows. */
  private static BigInteger[] times(BigInteger[][] a, BigInteger[] x) {
    BigInteger[] y = new BigInteger[a.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = QVectors.dot(a[i], x);
    }
    return y;
  }

  /** {@code A x} for an integer matrix given by rows and x zero outside the columns {@code cols}. */
  private static BigInteger[] timesSupported(BigInteger[][] a, BigInteger[] x, int[] cols) {
    BigInteger[] y = new BigInteger[a.length];
    for (int i = 0; i < y.length; i++) {
      BigInteger[] ai = a[i];
      BigInteger s = BigInteger.ZERO;
      for (int j : cols) {
        if (ai[j].signum() != 0 && x[j].signum() != 0) {
          s = s.add(ai[j].multiply(x[j]));
        }
      }
      y[i] = s;
    }
    return y;
  }


  /** Sorts {@code rows[0..s)} by decreasing {@code z[offset + row]}, ties by row (insertion sort). */
  private static void sortByMultiplier(int[] rows, int s, double[] z, int offset) {
    for (int i = 1; i < s && i < rows.length; i++) {
      int r = rows[i];
      double key = z[offset + r];
      int j = i - 1;
      while (j >= 0 && z[offset + rows[j]] < key) {
        rows[j + 1] = rows[j];
        j--;
      }
      rows[j + 1] = r;
    }
  }

  /**
   * {@code v} rounded to about 12 significant decimal digits, as an exact rational {@code m /
   * 10^p} (0 for non-finite values and for |v| below 1e-290): short, and a floating-point hint
   * near a short decimal such as 0.6 becomes that decimal, so the free coordinates of an optimal
   * net read as the numbers a person would pick. The scaling {@code v 10^p} is done in double (one
   * rounding: it is only a hint).
   */
  private static Rational shortRational(double v) {
    double a = Math.abs(v);
    if (!Double.isFinite(v) || !(a >= 1e-290)) {
      return Rational.ZERO;
    }
    int p = 11 - (int) Math.floor(Math.log10(a));
    if (p >= 0) {
      long m = (long) Math.rint(v * Math.pow(10, p));
      return Rational.of(BigInteger.valueOf(m), BigInteger.TEN.pow(p));
    }
    long m = (long) Math.rint(v / Math.pow(10, -p));
    return Rational.of(BigInteger.valueOf(m).multiply(BigInteger.TEN.pow(-p)));
  }



}
