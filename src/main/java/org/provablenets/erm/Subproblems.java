package org.provablenets.erm;

import java.math.BigInteger;
import java.util.Arrays;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.exact.linalg.QMatrix;

/**
 * The convex subproblems of Algorithm 1 and their canonical enumeration.
 *
 * <p><b>Subproblem</b> [paper, Alg. 1; symmetry reduction derived]. Fix p (the number of units
 * with output sign +1; units 1..p have sign +1, units p+1..w sign -1) and one pattern per unit.
 * The parameters are {@code t = (a_1, b_1, ..., a_w, b_w[, c])}. With the patterns fixed, {@code
 * f(x_j) = sum over units i active at j of s_i (a_i . x_j + b_i) [+ c]} is linear in t, so the
 * squared loss is the convex quadratic {@code (1/D) ||A t - y||^2 = 1/2 t'Qt + c't + k} with {@code
 * Q = (2/D) A'A}, {@code c = -(2/D) A'y}, {@code k = y'y / D}, under the linear constraints {@code
 * (x_j, 1) . (a_i, b_i) >= 0} if j is active for unit i, {@code <= 0} otherwise. Each loss builds
 * its program from the design matrix and pattern rows made here ({@link Loss.Squared#program},
 * {@link Loss.Linear#program}).
 *
 * <p><b>Soundness and completeness</b> [paper]. Every feasible t is a real net whose loss equals
 * the objective (a point on a unit's hyperplane contributes max(0, 0) = 0 = its linear term); every
 * net is feasible for the subproblem of its own signs and patterns. Units with the same sign are
 * exchangeable, so sorting the patterns inside each sign group loses nothing [derived]: the
 * enumeration visits, for p = 0..w, the multisets of p patterns for the +1 group times the
 * multisets of w - p patterns for the -1 group, in lexicographic order.
 */
public final class Subproblems {
  private Subproblems() {}

  /** Receives one subproblem: p and the pattern index of each unit. */
  public interface Visitor {
    /** @param plus units 0..plus-1 have sign +1; @param patterns one pattern index per unit */
    void visit(int plus, int[] patterns);
  }

  /** Number of parameters: {@code w (n + 1)} plus one for an output bias. */
  public static int parameters(int n, int width, boolean outputBias) {
    return width * (n + 1) + (outputBias ? 1 : 0);
  }

  /** Visits every subproblem in canonical order: the segments ({@link #forEachIn}) in turn. */
  public static void forEach(int patternCount, int width, Visitor visitor) {
    for (int seg = 0; seg < segments(patternCount, width); seg++) {
      forEachIn(patternCount, width, seg, visitor);
    }
  }

  /**
   * The number of segments of the canonical order, {@code (w + 1) m} (see {@link #forEachIn}).
   */
  public static int segments(int patternCount, int width) {
    return Math.multiplyExact(width + 1, patternCount);
  }

  /**
   * Visits, in canonical order, the subproblems of one segment: segment {@code s = p m + f} (m
   * patterns) holds those with p positive units whose unit 0 has pattern f (the first of the +1
   * group if p > 0, else of the -1 group). Each segment is a non-empty run of consecutive
   * subproblems of {@link #forEach}, and the segments follow one another in the order of s: so
   * they can be visited in parallel, each knowing its first index ({@link Ranks#rank} of its
   * first subproblem, {@link #first}). Cost: as {@link #forEach}, per subproblem visited.
   */
  public static void forEachIn(int patternCount, int width, int segment, Visitor visitor) {
    int plus = segment / patternCount;
    int f = segment % patternCount;
    int[] a = new int[plus];
    int[] b = new int[width - plus];
    int[] lead = plus > 0 ? a : b;
    Arrays.fill(lead, f);
    if (plus > 0) {
      do {
        Arrays.fill(b, 0);
        do {
          int[] pats = new int[width];
          System.arraycopy(a, 0, pats, 0, plus);
          System.arraycopy(b, 0, pats, plus, width - plus);
          visitor.visit(plus, pats);
        } while (nextMultiset(b, patternCount));
      } while (nextMultiset(a, patternCount) && a[0] == f);
    } else {
      do {
        visitor.visit(0, b.clone());
      } while (nextMultiset(b, patternCount) && b[0] == f);
    }
  }

  /** The first subproblem of a segment ({@link #forEachIn}): its patterns. */
  public static int[] first(int patternCount, int width, int segment) {
    int plus = segment / patternCount;
    int[] pats = new int[width];
    Arrays.fill(pats, 0, plus > 0 ? plus : width, segment % patternCount);
    return pats;
  }

  /** Advances a non-decreasing sequence over [0, m) lexicographically; false after the last. */
  static boolean nextMultiset(int[] s, int m) {
    int i = s.length - 1;
    while (i >= 0 && s[i] == m - 1) {
      i--;
    }
    if (i < 0) {
      return false;
    }
    s[i]++;
    for (int j = i + 1; j < s.length; j++) {
      s[j] = s[i];
    }
    return true;
  }

  /**
   * The number of subproblems {@code sum_{p=0..w} multichoose(P, p) multichoose(P, w - p)}, where
   * {@code multichoose(P, k) = binom(P + k - 1, k)}.
   */
  public static BigInteger count(int patternCount, int width) {
    return count(BigInteger.valueOf(patternCount), width);
  }

  /** {@link #count(int, int)} for a pattern count of any size (such as Cover's bound). */
  public static BigInteger count(BigInteger patternCount, int width) {
    BigInteger s = BigInteger.ZERO;
    for (int p = 0; p <= width; p++) {
      s = s.add(multichoose(patternCount, p).multiply(multichoose(patternCount, width - p)));
    }
    return s;
  }

  private static BigInteger multichoose(BigInteger m, int k) {
    BigInteger r = BigInteger.ONE;
    for (int i = 0; i < k; i++) {
      r = r.multiply(m.add(BigInteger.valueOf(i))).divide(BigInteger.valueOf(i + 1));
    }
    return r;
  }

  /** The sign of unit i in a subproblem with {@code plus} positive units. */
  public static int sign(int plus, int unit) {
    return unit < plus ? 1 : -1;
  }

  /**
   * The design matrix A (D x parameters): row j has {@code s_i (x_j, 1)} in the block of every
   * unit i active at j, and 1 in the output-bias column. Made from the data's cached integer rows
   * of the lifted inputs and their negations ({@link QMatrix#ofIntegerRows}): no entry is reduced
   * unless asked for.
   */
  public static QMatrix design(
      Dataset data, PatternSet ps, int plus, int[] patterns, boolean outputBias) {
    int n = data.dimension();
    int w = patterns.length;
    int v = parameters(n, w, outputBias);
    int d = data.size();
    Dataset.Cache cache = data.cache();
    BigInteger[][] a = new BigInteger[d][];
    for (int j = 0; j < d; j++) {
      BigInteger[] row = new BigInteger[v];
      Arrays.fill(row, BigInteger.ZERO);
      for (int i = 0; i < w; i++) {
        if (ps.get(patterns[i]).active(j)) {
          BigInteger[] s = sign(plus, i) > 0 ? cache.liftedNum[j] : cache.negLiftedNum[j];
          System.arraycopy(s, 0, row, i * (n + 1), n + 1);
        }
      }
      if (outputBias) {
        row[v - 1] = cache.liftedDen[j];
      }
      a[j] = row;
    }
    return QMatrix.ofIntegerRows(a, cache.liftedDen, v);
  }

  /**
   * The pattern rows G ({@code w D x cols}, cols at least the net's parameters): row {@code i D +
   * j} has {@code (x_j, 1)} in unit i's block if unit i is active at point j and {@code -(x_j, 1)}
   * if not, so {@code G t >= 0} keeps every unit's pattern. Made, like {@link #design}, from the
   * cached integer rows.
   */
  static QMatrix patternRows(Dataset data, PatternSet ps, int[] patterns, int cols) {
    int n = data.dimension();
    int w = patterns.length;
    int d = data.size();
    Dataset.Cache cache = data.cache();
    BigInteger[][] g = new BigInteger[w * d][];
    BigInteger[] den = new BigInteger[w * d];
    for (int i = 0; i < w; i++) {
      PatternSet.Pattern pat = ps.get(patterns[i]);
      for (int j = 0; j < d; j++) {
        BigInteger[] row = new BigInteger[cols];
        Arrays.fill(row, BigInteger.ZERO);
        System.arraycopy(
            pat.active(j) ? cache.liftedNum[j] : cache.negLiftedNum[j], 0, row, i * (n + 1),
            n + 1);
        g[i * d + j] = row;
        den[i * d + j] = cache.liftedDen[j];
      }
    }
    return QMatrix.ofIntegerRows(g, den, cols);
  }

  /**
   * The blocked-points lower bound of a subproblem [derived]: {@code (1/D) sum over blocked j of
   * l(0, y_j)}, where point j is <em>blocked</em> when no unit is active at j, or every unit
   * active at j has the same sign s and {@code s y_j <= 0}; 0 with an output bias.
   *
   * <p><b>Proposition.</b> Every net of the subproblem has mean loss at least this bound. Proof:
   * without an output bias, {@code f(x_j) = sum over units i active at j of s_i (a_i . x_j + b_i)}
   * and each bracket is {@code >= 0} by the subproblem's constraints; so f(x_j) = 0 at a point no
   * unit is active at, and {@code s f(x_j) >= 0} when all active units have sign s. At a blocked
   * point f(x_j) is therefore 0 or of the sign opposite to y_j (or y_j = 0), and every loss
   * satisfies {@code l(f, y) >= l(0, y)} whenever {@code f y <= 0} (the blocked-points contract of
   * {@link Loss}).
   * The other points contribute {@code >= 0}. With an output bias c the output is shifted by a
   * free c, so nothing is blocked.
   *
   * <p><b>Cost.</b> O(D) rational operations and O(P D) bit operations for P patterns: the set-up
   * of {@link BlockedBounds}, which bounds many subproblems of one pattern list cheaply.
   */
  public static Rational blockedBound(
      Dataset data, PatternSet ps, int plus, int[] patterns, boolean outputBias, Loss loss) {
    BlockedBounds b = new BlockedBounds(data, ps, outputBias, loss);
    return b.value(b.key(plus, patterns));
  }

  /**
   * The blocked-points bounds of one data set, loss and pattern list ({@link #blockedBound}, the
   * one implementation): {@code l(0, y_j)} over one common denominator m once, then each
   * subproblem's bound as an integer key {@code D m * bound}, so that millions of subproblems can
   * be ordered by their bounds cheaply.
   *
   * <p><b>Cost.</b> Construction: O(D) rational operations and O(P D) bit operations for P
   * patterns. A key: O(w D / 64) word operations to find the blocked points (each pattern's
   * activity is a bit set, and "blocked" is a formula in the sign groups' unions), then one
   * addition per blocked point, in {@code long} when the sum of all the numerators fits in one
   * (then no partial sum can overflow, the numerators being {@code >= 0}) and in {@link
   * BigInteger} otherwise.
   */
  public static final class BlockedBounds implements Bounds {
    private final boolean outputBias;
    private final BigInteger[] num;
    /** The numerators as {@code long}, or null if their sum does not fit in one. */
    private final long @Nullable [] numLong;
    private final Rational den;
    /** {@code active[p][k]}: bit b is set if pattern p is active at point {@code 64 k + b}. */
    private final long[][] active;
    /** The points with {@code y_j <= 0}, and with {@code y_j >= 0}, as bit sets. */
    private final long[] yNonPositive;
    private final long[] yNonNegative;
    /** The bits of the D points in each word. */
    private final long[] points;

    /** The per-point losses at 0 over their common denominator. Cost: see the class comment. */
    public BlockedBounds(Dataset data, PatternSet ps, boolean outputBias, Loss loss) {
      this.outputBias = outputBias;
      int d = data.size();
      Rational[] l0 = new Rational[d];
      BigInteger m = BigInteger.ONE;
      for (int j = 0; j < d; j++) {
        l0[j] = loss.value(Rational.ZERO, data.y(j));
        m = Rationals.lcm(m, l0[j].getDenominator());
      }
      num = new BigInteger[d];
      BigInteger total = BigInteger.ZERO;
      boolean nonNegative = true;
      for (int j = 0; j < d; j++) {
        num[j] = l0[j].getNumerator().multiply(m.divide(l0[j].getDenominator()));
        total = total.add(num[j]);
        nonNegative &= num[j].signum() >= 0;
      }
      if (nonNegative && total.bitLength() < Long.SIZE) {
        numLong = new long[d];
        for (int j = 0; j < d; j++) {
          numLong[j] = num[j].longValueExact();
        }
      } else {
        numLong = null;
      }
      den = Rational.of(m.multiply(BigInteger.valueOf(d)));
      int words = (d + Long.SIZE - 1) / Long.SIZE;
      points = new long[words];
      yNonPositive = new long[words];
      yNonNegative = new long[words];
      for (int j = 0; j < d; j++) {
        long bit = 1L << (j % Long.SIZE);
        points[j / Long.SIZE] |= bit;
        int sign = data.y(j).signum();
        if (sign <= 0) {
          yNonPositive[j / Long.SIZE] |= bit;
        }
        if (sign >= 0) {
          yNonNegative[j / Long.SIZE] |= bit;
        }
      }
      active = new long[ps.size()][words];
      for (int p = 0; p < ps.size(); p++) {
        PatternSet.Pattern pat = ps.get(p);
        for (int j = 0; j < d; j++) {
          if (pat.active(j)) {
            active[p][j / Long.SIZE] |= 1L << (j % Long.SIZE);
          }
        }
      }
    }

    /**
     * The bound of a subproblem times {@code D m}: {@code sum over blocked j of l(0, y_j) m} (0
     * with an output bias). Point j is blocked when, with {@code pos} and {@code neg} the points
     * where some +1 unit, some -1 unit is active: {@code pos & ~neg & (y <= 0)} or {@code ~pos &
     * (~neg | (y >= 0))} (the cases of {@link Subproblems#blockedBound}). Cost: see the class
     * comment.
     */
    @Override
    public BigInteger key(int plus, int[] patterns) {
      if (outputBias) {
        return BigInteger.ZERO;
      }
      long small = 0;
      BigInteger big = BigInteger.ZERO;
      long[] sums = numLong;
      for (int k = 0; k < points.length; k++) {
        long pos = 0;
        long neg = 0;
        for (int i = 0; i < patterns.length; i++) {
          if (i < plus) {
            pos |= active[patterns[i]][k];
          } else {
            neg |= active[patterns[i]][k];
          }
        }
        long blocked =
            ((pos & ~neg & yNonPositive[k]) | (~pos & (~neg | yNonNegative[k]))) & points[k];
        while (blocked != 0) {
          int j = k * Long.SIZE + Long.numberOfTrailingZeros(blocked);
          blocked &= blocked - 1;
          if (sums != null) {
            small += sums[j];
          } else {
            big = big.add(num[j]);
          }
        }
      }
      return sums != null ? BigInteger.valueOf(small) : big;
    }

    @Override
    public Rational value(BigInteger key) {
      return Rational.of(key).divide(den);
    }

    /** {@code ceil(r D m)}. */
    @Override
    public BigInteger bar(Rational r) {
      return Rationals.ceiling(r.multiply(den));
    }
  }

  /**
   * Lower bounds of many subproblems of one pattern list, each as an integer key: the bound of a
   * subproblem is {@link #value}{@code (key)}, and {@code value} is increasing, so that the solver
   * orders and prunes subproblems by comparing integers. Implemented by {@link BlockedBounds} and
   * {@link BlockBounds.Keys}.
   */
  public interface Bounds {
    /** The key of a subproblem: its bound is {@code value(key)}. */
    BigInteger key(int plus, int[] patterns);

    /** The lower bound whose key is {@code key}. */
    Rational value(BigInteger key);

    /**
     * The least key whose bound is at least {@code r}, so that {@code value(key) >= r} exactly
     * when {@code key >= bar(r)}.
     */
    BigInteger bar(Rational r);
  }

  /**
   * Whether an entry has {@code width} units, {@code plus} is a sign split of them, and its
   * patterns are indices below {@code count}, non-decreasing within each sign group: then it is
   * a subproblem of the canonical order ({@link #forEach}), the one of its rank ({@link Ranks}).
   */
  public static boolean isCanonical(int plus, int[] pats, int width, int count) {
    if (pats.length != width || plus < 0 || plus > width) {
      return false;
    }
    for (int i = 0; i < pats.length; i++) {
      if (pats[i] < 0 || pats[i] >= count || (i > 0 && i != plus && pats[i] < pats[i - 1])) {
        return false;
      }
    }
    return true;
  }

  /**
   * The index of a subproblem in the canonical order of {@link #forEach} over m patterns and
   * width w: the subproblems of fewer positive units first, then by the multiset of the +1 group,
   * then by that of the -1 group, each in lexicographic order.
   *
   * <p>The non-decreasing sequences of length k over [0, m) that come before s are, for each
   * place i, those that agree with s before i and have a smaller value v at i (from {@code s[i -
   * 1]}, or 0, to {@code s[i] - 1}), followed by any non-decreasing sequence of length {@code k -
   * i - 1} over [v, m): {@code multichoose(m - v, k - i - 1)} of them. The sums over v are
   * tabulated once.
   *
   * <p><b>Cost.</b> Construction O(w m) (exact, then as {@code long}: the count of subproblems
   * must fit in one); a rank O(w).
   */
  public static final class Ranks {
    /** {@code before[r][v] = sum over u < v of multichoose(m - u, r)}. */
    private final long[][] before;
    /** The index of the first subproblem with p positive units. */
    private final long[] offset;
    /** The number of multisets of the -1 group with p positive units. */
    private final long[] minus;

    /**
     * @param patternCount m; @param width w
     * @throws ArithmeticException if the subproblems are too many to count in a {@code long}
     */
    public Ranks(int patternCount, int width) {
      BigInteger m = BigInteger.valueOf(patternCount);
      count(m, width).longValueExact();
      before = new long[width][patternCount + 1];
      for (int r = 0; r < width; r++) {
        for (int v = 0; v < patternCount; v++) {
          before[r][v + 1] = before[r][v]
              + multichoose(BigInteger.valueOf(patternCount - v), r).longValueExact();
        }
      }
      offset = new long[width + 1];
      minus = new long[width + 1];
      for (int p = 0; p <= width; p++) {
        minus[p] = multichoose(m, width - p).longValueExact();
        if (p < width) {
          offset[p + 1] = offset[p] + multichoose(m, p).longValueExact() * minus[p];
        }
      }
    }

    /**
     * The index in canonical order of the subproblem with {@code plus} positive units and these
     * patterns, sorted within each sign group.
     */
    public long rank(int plus, int[] patterns) {
      return offset[plus] + sequence(patterns, 0, plus) * minus[plus]
          + sequence(patterns, plus, patterns.length);
    }

    /** The rank of the non-decreasing sequence {@code s[from..to)}. */
    private long sequence(int[] s, int from, int to) {
      long r = 0;
      int lo = 0;
      for (int i = from; i < to; i++) {
        long[] b = before[to - i - 1];
        r += b[s[i]] - b[lo];
        lo = s[i];
      }
      return r;
    }
  }

  /** The net with parameters t in a subproblem with {@code plus} positive units. */
  public static ReluNet net(int n, int width, int plus, Rational[] t, boolean outputBias) {
    Rational[][] a = new Rational[width][];
    Rational[] b = new Rational[width];
    int[] s = new int[width];
    for (int i = 0; i < width; i++) {
      a[i] = new Rational[n];
      System.arraycopy(t, i * (n + 1), a[i], 0, n);
      b[i] = t[i * (n + 1) + n];
      s[i] = sign(plus, i);
    }
    return new ReluNet(a, b, s, outputBias ? t[t.length - 1] : Rational.ZERO);
  }
}
