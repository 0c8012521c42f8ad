package org.provablenets.erm;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.linalg.Elimination;
import org.provablenets.exact.linalg.QMatrix;
import org.provablenets.exact.linalg.QVectors;
import org.provablenets.exact.lp.FilteredLpSolver;
import org.provablenets.exact.lp.LinearProgram;
import org.provablenets.exact.lp.LpResult;
import org.provablenets.exact.lp.LpSolver;
import org.provablenets.exact.lp.LpStatus;
import org.provablenets.exact.lp.Relation;

/**
 * Exact, degeneracy-proof enumeration of the activation patterns of a data set.
 *
 * <p><b>Method</b> [paper: patterns are the cells of the central arrangement with normals (x_j, 1);
 * incremental insertion as in Rada and Cerny 2018]. Points are inserted one at a time. A pattern on
 * points 1..k-1 with witness v extends by point k on at least one side for free: if {@code t = (x_k,
 * 1) . v > 0} then {@code v / min(t, 1)} realises "k active", otherwise v realises "k inactive". The
 * other side costs one exact LP ({@link PatternSet#marginLp}: variables (a, b) free; {@code (x_j,
 * 1) . v >= 1} on active points, {@code <= 0} on inactive ones): OPTIMAL gives a witness, INFEASIBLE a Farkas refutation. Repeated
 * points, collinear or coplanar points, and equal inputs with different labels need no special case.
 *
 * <p><b>Cost.</b> About one LP with at most D rows and n + 1 free variables per (pattern, point):
 * O(|Pi| D) LPs; |Pi| &lt;= 2 sum_{k &lt;= n} binom(D-1, k). The prefixes of one point are
 * extended in parallel on the common fork-join pool; the result does not depend on the schedule.
 */
public final class Patterns {
  private Patterns() {}

  /** Enumerates every realisable pattern of the data, with witnesses and refutations. */
  public static PatternSet enumerate(Dataset data) {
    return enumerate(data, Integer.MAX_VALUE);
  }

  /**
   * Thrown by {@link #enumerate(Dataset, int)} as soon as the data have more patterns than the
   * caller can use: every prefix pattern extends on at least one side, so the number of prefix
   * patterns after k points is a lower bound of the final count.
   */
  public static final class TooManyPatternsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The number of prefix patterns found, a lower bound of the number of patterns. */
    public final int atLeast;

    /** The number of points inserted when the bound was passed. */
    public final int points;

    TooManyPatternsException(int atLeast, int points) {
      super("at least " + atLeast + " patterns (after " + points + " points)");
      this.atLeast = atLeast;
      this.points = points;
    }
  }

  /**
   * As {@link #enumerate(Dataset)}, but stops as soon as more than {@code maxPatterns} patterns
   * are certain, so that a data set far beyond a run's budget is refused after a fraction of the
   * enumeration rather than after all of it.
   *
   * @throws TooManyPatternsException once more than {@code maxPatterns} prefix patterns exist
   */
  public static PatternSet enumerate(Dataset data, int maxPatterns) {
    int d = data.size();
    int n = data.dimension();
    List<boolean[]> prefixes = new ArrayList<>();
    List<Rational[]> witnesses = new ArrayList<>();
    prefixes.add(new boolean[0]);
    witnesses.add(QVectors.zeros(n + 1));
    List<PatternSet.Refutation> refutations = new ArrayList<>();
    for (int k = 0; k < d; k++) {
      Rational[] xk = data.lifted(k);
      int point = k;
      List<boolean[]> from = prefixes;
      List<Rational[]> fromW = witnesses;
      // Each prefix extends independently (one exact LP at most): in parallel, collected in
      // the prefixes' order, so the list is the same whatever the schedule.
      List<Extension> ext =
          IntStream.range(0, from.size())
              .parallel()
              .mapToObj(p -> extend(data, from.get(p), fromW.get(p), xk, point))
              .collect(Collectors.toList());
      List<boolean[]> nextP = new ArrayList<>();
      List<Rational[]> nextW = new ArrayList<>();
      for (Extension e : ext) {
        for (int side = 0; side < 2; side++) {
          Rational[] w = e.witness[side];
          if (w != null) {
            nextP.add(e.prefix[side]);
            nextW.add(w);
          }
        }
        if (e.refutation != null) {
          refutations.add(e.refutation);
        }
      }
      prefixes = nextP;
      witnesses = nextW;
      if (prefixes.size() > maxPatterns) {
        throw new TooManyPatternsException(prefixes.size(), k + 1);
      }
    }
    List<PatternSet.Pattern> patterns = new ArrayList<>();
    for (int p = 0; p < prefixes.size(); p++) {
      patterns.add(new PatternSet.Pattern(prefixes.get(p), witnesses.get(p)));
    }
    return new PatternSet(patterns, refutations);
  }

  /**
   * The two extensions of one prefix by point k: for each side (inactive, active) the extended
   * prefix and its witness, or a null witness and the refutation of that side.
   */
  private static final class Extension {
    final boolean[][] prefix = new boolean[2][];
    final Rational[] @Nullable [] witness = new Rational[2][];
    PatternSet.@Nullable Refutation refutation;
  }

  /**
   * Extends a prefix with witness v by point k (lifted: xk) on both sides. The side v already
   * realises is free ({@code v}, or {@code v / min(t, 1)} for "active" when {@code t = xk . v >
   * 0}); the other costs one exact LP, whose Farkas vector refutes it when it is infeasible (at
   * most one side has one).
   */
  private static Extension extend(
      Dataset data, boolean[] prefix, Rational[] v, Rational[] xk, int k) {
    Extension e = new Extension();
    Rational t = QVectors.dot(xk, v);
    for (int side = 0; side < 2; side++) {
      boolean active = side == 1;
      boolean[] ext = new boolean[k + 1];
      System.arraycopy(prefix, 0, ext, 0, k);
      ext[k] = active;
      e.prefix[side] = ext;
      if (active && t.signum() > 0) {
        e.witness[side] = t.compareTo(Rational.ONE) >= 0 ? v : QVectors.scale(t.reciprocal(), v);
      } else if (!active && t.signum() <= 0) {
        e.witness[side] = v;
      } else {
        LpResult r = margin(data, ext);
        if (r.status() == LpStatus.INFEASIBLE) {
          Rational[] y = r.y();
          if (y == null) {
            throw new AssertionError("an infeasible LP result carries its Farkas vector");
          }
          e.refutation = new PatternSet.Refutation(ext, y);
        } else {
          e.witness[side] = r.x();
        }
      }
    }
    return e;
  }

  /**
   * The margin LP of a prefix whose first k points are realised (its last point k is the new
   * one), decided by a bounded auxiliary LP that the filtered solver handles ({@link
   * FilteredLpSolver}: a {@code double} basis, solved and checked exactly): over the first k
   * rows, push {@code x_k . v} towards the new side, capped at the margin ({@code max x_k . v}
   * with {@code x_k . v <= 1} for an active point, {@code min x_k . v} with {@code x_k . v >= 0}
   * for an inactive one). The first k rows are feasible, so the auxiliary LP has an optimum.
   *
   * <p><b>Proposition.</b> If the optimum reaches the cap, its point realises the prefix with the
   * margin. If not, the new row cannot be met: with the auxiliary dual y (the cap row's entry 0,
   * as the cap is slack), {@code A'y = c} and {@code b'y} = the optimum, so y with the new row's
   * entry set to +1 (active: {@code c = -x_k}) or -1 (inactive: {@code c = x_k}) has {@code A'y =
   * 0} and {@code b'y = 1 - max > 0}, resp. {@code min > 0}: a Farkas vector of the margin LP.
   * Both answers are checked exactly here (feasibility of the point, or the Farkas conditions);
   * if a check fails, the exact simplex decides the margin LP ({@link LpSolver}). The certificate
   * checker verifies every witness and Farkas vector again.
   */
  static LpResult margin(Dataset data, boolean[] ext) {
    int k = ext.length - 1;
    boolean active = ext[k];
    LinearProgram m = PatternSet.marginLp(data, ext);
    Relation[] rel = new Relation[k + 1];
    Rational[] rhs = new Rational[k + 1];
    for (int j = 0; j < k; j++) {
      rel[j] = m.relation(j);
      rhs[j] = m.b(j);
    }
    rel[k] = active ? Relation.LE : Relation.GE;
    rhs[k] = active ? Rational.ONE : Rational.ZERO;
    Rational[] xk = data.lifted(k);
    Rational[] c = active ? QVectors.negate(xk) : xk;
    LinearProgram aux = new LinearProgram(c, m.a(), rel, rhs, new Rational[xk.length]);
    LpResult r = FilteredLpSolver.solve(aux);
    Rational[] x = r.x();
    Rational[] y = r.y();
    if (r.status() == LpStatus.OPTIMAL && x != null && y != null) {
      Rational t = QVectors.dot(xk, x);
      if (active ? t.compareTo(Rational.ONE) >= 0 : t.signum() <= 0) {
        if (feasible(m, x)) {
          return LpResult.optimal(x, new Rational[k + 1], Rational.ZERO);
        }
      } else {
        Rational[] farkas = y.clone();
        farkas[k] = active ? Rational.ONE : Rational.of(-1);
        if (farkas(m, farkas)) {
          return LpResult.infeasible(farkas);
        }
      }
    }
    return LpSolver.solve(m);
  }

  /** Whether x meets every row of the margin LP. */
  private static boolean feasible(LinearProgram m, Rational[] x) {
    Rational[] ax = m.a().times(x);
    for (int j = 0; j < ax.length; j++) {
      int c = ax[j].compareTo(m.b(j));
      if (m.relation(j) == Relation.GE ? c < 0 : c > 0) {
        return false;
      }
    }
    return true;
  }

  /** Farkas' conditions for the margin LP (free variables): signs, {@code A'y = 0}, {@code b'y > 0}. */
  private static boolean farkas(LinearProgram m, Rational[] y) {
    for (int j = 0; j < y.length; j++) {
      if (m.relation(j) == Relation.GE ? y[j].signum() < 0 : y[j].signum() > 0) {
        return false;
      }
    }
    for (Rational q : m.a().transposeTimes(y)) {
      if (q.signum() != 0) {
        return false;
      }
    }
    return QVectors.dot(m.b(), y).signum() > 0;
  }

  /**
   * Cover's count {@code C(D, n+1) = 2 sum_{k=0..n} binom(D-1, k)}: the number of cells of a
   * central arrangement of D hyperplanes in general position in R^{n+1} [paper, Cover 1965].
   */
  public static BigInteger coverCount(int d, int n) {
    BigInteger s = BigInteger.ZERO;
    BigInteger binom = BigInteger.ONE; // binom(D-1, 0)
    for (int k = 0; k <= n && k <= d - 1; k++) {
      s = s.add(binom);
      binom = binom.multiply(BigInteger.valueOf(d - 1 - k)).divide(BigInteger.valueOf(k + 1));
    }
    return s.shiftLeft(1);
  }

  /**
   * Whether the lifted points {@code (x_j, 1)} are in general position: every min(D, n + 1) of them
   * are linearly independent (exact ranks of all such subsets; O(binom(D, n+1)) eliminations).
   */
  public static boolean inGeneralPosition(Dataset data) {
    int d = data.size();
    int k = Math.min(d, data.dimension() + 1);
    int[] idx = new int[k];
    for (int i = 0; i < k; i++) {
      idx[i] = i;
    }
    while (true) {
      Rational[][] rows = new Rational[k][];
      for (int i = 0; i < k; i++) {
        rows[i] = data.lifted(idx[i]);
      }
      if (Elimination.rank(QMatrix.of(rows, data.dimension() + 1)) < k) {
        return false;
      }
      int i = k - 1;
      while (i >= 0 && idx[i] == d - k + i) {
        i--;
      }
      if (i < 0) {
        return true;
      }
      idx[i]++;
      for (int j = i + 1; j < k; j++) {
        idx[j] = idx[j - 1] + 1;
      }
    }
  }
}
