package org.provablenets.cert;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.erm.BlockBounds;
import org.provablenets.erm.Dataset;
import org.provablenets.erm.ErmCertificate;
import org.provablenets.erm.Loss;
import org.provablenets.erm.PatternSet;
import org.provablenets.erm.ReluNet;
import org.provablenets.erm.Subproblems;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.exact.linalg.QVectors;
import org.provablenets.exact.lp.LinearProgram;
import org.provablenets.exact.lp.LpResult;
import org.provablenets.exact.qp.QuadraticProgram;
import org.provablenets.qual.Certified;

/**
 * The independent checker of T1 certificates: it proves that a net attains the global minimum of
 * the mean loss (squared, absolute or hinge) over all depth-2 ReLU nets of the given width, using exact arithmetic only
 * and solving nothing.
 *
 * <p>Conditions, in the order checked:
 *
 * <ol>
 *   <li>the certificate was made for this data (SHA-256 digest of its canonical text);
 *   <li>every listed pattern has a witness (a, b) with {@code (x_j, 1).(a, b) >= 1} on its active
 *       points and {@code <= 0} on the others, and no pattern is listed twice;
 *   <li>the list is complete: walking the prefix tree point by point, every one-point extension of
 *       a realised prefix is either a prefix of a listed pattern or refuted by a verified Farkas
 *       certificate of its margin LP (so every realisable pattern is listed);
 *   <li>the entries are exactly the subproblems of {@link Subproblems#forEach}, in order;
 *   <li>each entry is dual feasible for its subproblem, and its weak-duality bound is {@code >=}
 *       the claimed optimum: {@code (u, lambda)} for the QP of the squared loss ({@link
 *       CertificateChecker#qpDualBound}), an LP dual vector for the absolute and hinge losses
 *       ({@link CertificateChecker#lpDualBound}); or the entry is pruned and the subproblem's
 *       block bound is {@code >=} the claimed optimum: if the certificate has blocks, the blocks
 *       are disjoint sets of points, each pattern's restriction to each block is among the
 *       block's patterns, every subproblem of each block has a dual-feasible entry (as above, for
 *       the block's data alone), and the bound is the sum over the blocks of the weak-duality
 *       bound of the subproblem's restriction times {@code |block| / D} ({@link
 *       org.provablenets.erm.BlockBounds}); without blocks it is the blocked-points bound ({@link
 *       Subproblems#blockedBound}, computed from the data);
 *   <li>the net's mean loss, recomputed from the net alone, equals the claimed optimum.
 * </ol>
 *
 * <p>Then every net of width w lies in some subproblem (its own signs and patterns, units sorted),
 * where its loss is at least that subproblem's bound, hence at least the optimum, which the net
 * attains. The trust base: this class, {@link CertificateChecker}, and the constructions {@link
 * Loss.Squared#program}, {@link Loss.Linear#program}, {@link Subproblems#blockedBound}, {@link
 * org.provablenets.erm.BlockBounds#restrict(Dataset, int[])}, {@link Subproblems.Ranks} and {@link
 * PatternSet#marginLp} (building, not solving).
 *
 * <p>Cost: one exact QP construction and one matrix-vector product per solved subproblem and per
 * block subproblem, O(D w) word operations per pruned one (plus, with K blocks, K exact additions
 * and K ranks), plus one LP certificate check per refutation.
 */
public final class ErmChecker {
  private ErmChecker() {}

  /**
   * Checks a T1 certificate against the data: each condition of the class comment in turn, in
   * its own method; the first that fails ends the check and names itself in the verdict.
   */
  public static Verdict check(Dataset data, ErmCertificate cert) {
    Verdict v = new Verdict();
    Set<String> prefixes = new HashSet<>();
    Set<String> refuted = new HashSet<>();
    if (digest(v, data, cert)
        && labels(v, data, cert)
        && witnesses(v, data, cert.patterns(), prefixes)
        && refutations(v, data, cert.patterns(), refuted)
        && completeness(v, data.size(), prefixes, refuted)
        && entries(v, data, cert)) {
      netLoss(v, data, cert);
    }
    return v;
  }

  /** Condition 1: the certificate was made for this data (its digest is the data's). */
  private static boolean digest(Verdict v, Dataset data, ErmCertificate cert) {
    if (!cert.digest().equals(data.digest())) {
      v.fail("the certificate was made for other data (digest " + cert.digest()
          + ", the data's is " + data.digest() + ")");
      return false;
    }
    v.pass("data digest matches");
    return true;
  }

  /** Every label is in the domain of the certificate's loss (hinge: -1 or +1). */
  private static boolean labels(Verdict v, Dataset data, ErmCertificate cert) {
    for (int j = 0; j < data.size(); j++) {
      if (!cert.loss().acceptsLabel(data.y(j))) {
        v.fail("label " + data.y(j) + " of point " + (j + 1) + " is outside the domain of the "
            + cert.loss().id() + " loss");
        return false;
      }
    }
    return true;
  }

  /**
   * Condition 2: every listed pattern's witness has the margin ({@code >= 1} on active points,
   * {@code <= 0} on the others) and no pattern is listed twice; collects every prefix of a listed
   * pattern into {@code prefixes}.
   */
  private static boolean witnesses(
      Verdict v, Dataset data, PatternSet ps, Set<String> prefixes) {
    int d = data.size();
    int n = data.dimension();
    Set<String> listed = new HashSet<>();
    for (int p = 0; p < ps.size(); p++) {
      PatternSet.Pattern pat = ps.get(p);
      boolean[] act = pat.activity();
      Rational[] w = pat.witness();
      if (act.length != d || w.length != n + 1) {
        v.fail("pattern " + (p + 1) + " has the wrong length");
        return false;
      }
      for (int j = 0; j < d; j++) {
        Rational t = QVectors.dot(data.lifted(j), w);
        if (act[j] ? t.compareTo(Rational.ONE) < 0 : t.signum() > 0) {
          v.fail("pattern " + (p + 1) + " (" + pat.signs() + "): its witness gives "
              + t + " at point " + (j + 1) + ", which should be " + (act[j] ? ">= 1" : "<= 0"));
          return false;
        }
      }
      String s = pat.signs();
      if (!listed.add(s)) {
        v.fail("pattern " + s + " is listed twice");
        return false;
      }
      for (int k = 0; k <= d; k++) {
        prefixes.add(s.substring(0, k));
      }
    }
    v.pass(ps.size() + " pattern witnesses verified");
    return true;
  }

  /**
   * Condition 3, first half: every refutation's Farkas vector proves its margin LP ({@link
   * PatternSet#marginLp}, rebuilt here) infeasible; collects the refuted prefixes.
   */
  private static boolean refutations(
      Verdict v, Dataset data, PatternSet ps, Set<String> refuted) {
    List<PatternSet.Refutation> refs = ps.refutations();
    Map<Integer, String> failures = new ConcurrentHashMap<>();
    // Independent certificates, checked in parallel; the first failure in list order is reported.
    IntStream.range(0, refs.size()).parallel().forEach(i -> {
      boolean[] prefix = refs.get(i).prefix();
      if (prefix.length > data.size()) {
        failures.put(i, "a refuted prefix is longer than the data");
        return;
      }
      Verdict lp = CertificateChecker.checkLp(
          PatternSet.marginLp(data, prefix), LpResult.infeasible(refs.get(i).farkas()));
      if (!lp.accepted()) {
        failures.put(i, "refutation of prefix " + PatternSet.signs(prefix) + " rejected: "
            + lp.failure());
      }
    });
    if (!failures.isEmpty()) {
      v.fail(failures.get(Collections.min(failures.keySet())));
      return false;
    }
    for (PatternSet.Refutation r : refs) {
      refuted.add(PatternSet.signs(r.prefix()));
    }
    v.pass(refuted.size() + " refutations verified (Farkas certificates)");
    return true;
  }

  /**
   * Condition 3, second half: walking the prefix tree point by point, every one-point extension
   * of a realised prefix is a prefix of a listed pattern or refuted.
   */
  private static boolean completeness(
      Verdict v, int d, Set<String> prefixes, Set<String> refuted) {
    Set<String> level = new HashSet<>();
    level.add("");
    for (int k = 0; k < d; k++) {
      Set<String> next = new HashSet<>();
      for (String s : level) {
        for (String c : new String[] {"+", "-"}) {
          String e = s + c;
          if (prefixes.contains(e)) {
            next.add(e);
          } else if (!refuted.contains(e)) {
            v.fail("the pattern list is incomplete: prefix " + e
                + " is neither a prefix of a listed pattern nor refuted");
            return false;
          }
        }
      }
      level = next;
    }
    v.pass("the pattern list is complete");
    return true;
  }

  /**
   * Conditions 4 and 5: the entries are the subproblems of {@link Subproblems#forEach} in order,
   * and each one's lower bound (weak duality, or if pruned its block bound or blocked points) is
   * at least the claimed optimum. The entries are independent and checked in parallel.
   */
  private static boolean entries(Verdict v, Dataset data, ErmCertificate cert) {
    List<ErmCertificate.Entry> entries = cert.entries();
    PatternSet ps = cert.patterns();
    int width = cert.width();
    Rational optimum = cert.optimum();
    BigInteger expected = Subproblems.count(ps.size(), width);
    int n = entries.size();
    if (expected.compareTo(BigInteger.valueOf(n)) > 0) {
      v.fail("the certificate has only " + n + " subproblem entries");
      return false;
    }
    if (expected.compareTo(BigInteger.valueOf(n)) < 0) {
      v.fail("the certificate has " + n + " subproblem entries, expected " + expected);
      return false;
    }
    Subproblems.Ranks ranks = new Subproblems.Ranks(ps.size(), width); // n entries: it fits
    @Nullable BlockTerms blocks = null;
    if (!cert.blocks().isEmpty()) {
      try {
        blocks = BlockTerms.of(data, cert);
      } catch (CertificateRejectedException ex) {
        v.fail(String.valueOf(ex.getMessage()));
        return false;
      }
    }
    @Nullable BlockTerms terms = blocks;
    Subproblems.@Nullable BlockedBounds blocked = terms != null ? null
        : new Subproblems.BlockedBounds(data, ps, cert.outputBias(), cert.loss());
    LongAdder pruned = new LongAdder();
    Map<Integer, String> failures = new ConcurrentHashMap<>();
    // Independent entries, checked in parallel; the first failure in canonical order is reported.
    IntStream.range(0, n).parallel().forEach(i -> {
      ErmCertificate.Entry e = entries.get(i);
      int plus = e.plus();
      int[] pats = e.patterns();
      if (!Subproblems.isCanonical(plus, pats, width, ps.size()) || ranks.rank(plus, pats) != i) {
        failures.put(i, "subproblem entry " + (i + 1) + " is not the expected subproblem");
        return;
      }
      if (e.isPruned()) {
        pruned.increment();
        int[] rows = terms != null ? terms.rows(plus, pats) : new int[0];
        if (terms != null && terms.surelyReaches(rows)) {
          return;
        }
        Rational bound = terms != null ? terms.bound(rows)
            : blocked != null ? blocked.value(blocked.key(plus, pats)) : Rational.ZERO;
        if (bound.compareTo(optimum) < 0) {
          failures.put(i, "subproblem " + (i + 1) + " is pruned, but its "
              + (terms != null ? "block" : "blocked-points") + " bound " + bound
              + " is below the claimed optimum " + optimum);
        }
        return;
      }
      try {
        Rational bound = dualBound(data, ps, cert.loss(), cert.outputBias(), e, plus, pats);
        if (bound.compareTo(optimum) < 0) {
          failures.put(i, "subproblem " + (i + 1) + " has dual bound " + bound
              + " below the claimed optimum " + optimum);
        }
      } catch (CertificateRejectedException ex) {
        failures.put(i, "subproblem " + (i + 1) + ": " + ex.getMessage());
      }
    });
    if (!failures.isEmpty()) {
      v.fail(failures.get(Collections.min(failures.keySet())));
      return false;
    }
    long p = pruned.sum();
    v.pass(n + " subproblem lower bounds >= the optimum (" + (n - p) + " by weak duality, " + p
        + " pruned by their "
        + (terms != null ? "block bounds, from " + cert.blocks().size() + " blocks of "
            + cert.blockEntryCount() + " dual-feasible block subproblems)"
            : "blocked points)"));
    return true;
  }

  /**
   * The verified block bounds of a certificate's blocks: for each block, each pattern's
   * restriction (as an index among the block's patterns) and each block subproblem's weak-duality
   * bound times {@code |block| / D}; and, to decide most pruned entries without rational
   * arithmetic, those terms rounded down to multiples of {@code 2^-s} as {@code long}s, with the
   * claimed optimum rounded up, {@code bar = ceil(2^s optimum)}: a rounded sum at least the bar
   * proves the exact sum at least the optimum (each rounded term is at most its exact term).
   */
  private record BlockTerms(int[][] local, Rational[][] term, Subproblems.Ranks[] ranks,
      long @Nullable [][] floors, long bar) {
    /**
     * Checks the blocks: disjoint sets of points, the restrictions of the patterns among each
     * block's patterns, and a dual-feasible entry for each block subproblem, in canonical order.
     *
     * @throws CertificateRejectedException naming the first failure
     */
    static BlockTerms of(Dataset data, ErmCertificate cert) {
      int d = data.size();
      int w = cert.width();
      PatternSet ps = cert.patterns();
      List<BlockBounds.Block> blocks = cert.blocks();
      int k = blocks.size();
      int[][] local = new int[k][];
      Rational[][] term = new Rational[k][];
      Subproblems.Ranks[] ranks = new Subproblems.Ranks[k];
      boolean[] used = new boolean[d];
      for (int b = 0; b < k; b++) {
        BlockBounds.Block block = blocks.get(b);
        String name = "block " + (b + 1);
        int[] points = block.points();
        if (points.length == 0) {
          throw new CertificateRejectedException(name + " has no points");
        }
        for (int i = 0; i < points.length; i++) {
          int j = points[i];
          if (j < 0 || j >= d || (i > 0 && j <= points[i - 1])) {
            throw new CertificateRejectedException(name + "'s points are not increasing indices"
                + " of the " + d + " points (point " + j + " at place " + (i + 1) + ")");
          }
          if (used[j]) {
            throw new CertificateRejectedException(
                name + " shares point " + j + " with an earlier block (blocks are disjoint)");
          }
          used[j] = true;
        }
        PatternSet rs = block.patterns();
        Map<String, Integer> index = new HashMap<>();
        for (int r = 0; r < rs.size(); r++) {
          if (rs.get(r).activity().length != points.length) {
            throw new CertificateRejectedException(name + "'s pattern " + (r + 1) + " has "
                + rs.get(r).activity().length + " signs for " + points.length + " points");
          }
          index.putIfAbsent(rs.get(r).signs(), r);
        }
        local[b] = new int[ps.size()];
        for (int p = 0; p < ps.size(); p++) {
          Integer r = index.get(PatternSet.signs(BlockBounds.restriction(ps.get(p), points)));
          if (r == null) {
            throw new CertificateRejectedException("pattern " + (p + 1) + "'s restriction to "
                + name + " is not among the block's patterns");
          }
          local[b][p] = r;
        }
        try {
          ranks[b] = new Subproblems.Ranks(rs.size(), w);
        } catch (ArithmeticException ex) {
          throw new CertificateRejectedException(name + " has " + rs.size()
              + " patterns, too many subproblems of width " + w + " to number");
        }
        term[b] = blockBounds(data, cert, block, rs, ranks[b], name);
      }
      // The scale: the largest terms of all blocks together, times 2^s, stay below 2^61, so no
      // rounded sum overflows. For losses too large for that (or an optimum too large for the
      // bar to fit), there is no fast path: every pruned entry is summed exactly.
      Rational most = Rational.ZERO;
      for (Rational[] t : term) {
        Rational m = Rational.ZERO;
        for (Rational q : t) {
          m = Rationals.max(q, m);
        }
        most = most.add(m);
      }
      int scale = 61 - Rationals.ceiling(most).bitLength();
      Rational unit = Rational.of(BigInteger.ONE.shiftLeft(Math.max(0, scale)));
      BigInteger bar = Rationals.ceiling(cert.optimum().multiply(unit));
      if (scale < 1 || bar.bitLength() > 62) {
        return new BlockTerms(local, term, ranks, null, 0);
      }
      long[][] floors = new long[k][];
      for (int b = 0; b < k; b++) {
        floors[b] = new long[term[b].length];
        for (int r = 0; r < term[b].length; r++) {
          floors[b][r] = Rationals.floor(term[b][r].multiply(unit)).longValueExact();
        }
      }
      return new BlockTerms(local, term, ranks, floors, bar.longValueExact());
    }

    /**
     * The row of each block's table that holds a subproblem's restriction: its patterns'
     * restrictions, sorted within each sign group, ranked among the block's subproblems.
     */
    int[] rows(int plus, int[] pats) {
      int w = pats.length;
      int[] loc = new int[w];
      int[] rows = new int[local.length];
      for (int b = 0; b < local.length; b++) {
        for (int i = 0; i < w; i++) {
          loc[i] = local[b][pats[i]];
        }
        Arrays.sort(loc, 0, plus);
        Arrays.sort(loc, plus, w);
        rows[b] = (int) ranks[b].rank(plus, loc);
      }
      return rows;
    }

    /**
     * Whether the rounded terms of the given {@link #rows} already prove the block bound at
     * least the claimed optimum (if not, {@link #bound} decides exactly).
     */
    boolean surelyReaches(int[] rows) {
      long[][] f = floors;
      if (f == null) {
        return false;
      }
      long sum = 0;
      for (int b = 0; b < rows.length; b++) {
        sum += f[b][rows[b]];
      }
      return sum >= bar;
    }

    /** The verified bounds of one block's subproblems, each times {@code |block| / D}. */
    private static Rational[] blockBounds(Dataset data, ErmCertificate cert,
        BlockBounds.Block block, PatternSet rs, Subproblems.Ranks ranks, String name) {
      int[] points = block.points();
      Dataset sub = BlockBounds.restrict(data, points);
      Rational weight = Rational.of(points.length, data.size());
      List<ErmCertificate.Entry> entries = block.entries();
      long expected = Subproblems.count(rs.size(), cert.width()).longValueExact();
      if (entries.size() != expected) {
        throw new CertificateRejectedException(
            name + " has " + entries.size() + " subproblem entries, expected " + expected);
      }
      Rational[] term = new Rational[entries.size()];
      Map<Integer, String> failures = new ConcurrentHashMap<>();
      // Independent entries, checked in parallel: entry i is the i-th subproblem of the block's
      // canonical order exactly when its patterns are indices of the block's patterns, sorted
      // within each sign group, and its rank is i.
      IntStream.range(0, entries.size()).parallel().forEach(i -> {
        String place = name + "'s subproblem " + (i + 1);
        ErmCertificate.Entry e = entries.get(i);
        int plus = e.plus();
        int[] pats = e.patterns();
        if (!Subproblems.isCanonical(plus, pats, cert.width(), rs.size())
            || ranks.rank(plus, pats) != i) {
          failures.put(i, place + " is not the expected subproblem");
        } else if (e.isPruned()) {
          failures.put(i, place + " is pruned, but a block's subproblems need dual points");
        } else {
          try {
            // The losses are >= 0, so 0 bounds every block subproblem too.
            Rational bound = dualBound(sub, rs, cert.loss(), cert.outputBias(), e, plus, pats);
            term[i] = bound.signum() > 0 ? bound.multiply(weight) : Rational.ZERO;
          } catch (CertificateRejectedException ex) {
            failures.put(i, place + ": " + ex.getMessage());
          }
        }
      });
      if (!failures.isEmpty()) {
        throw new CertificateRejectedException(
            failures.get(Collections.min(failures.keySet())));
      }
      return term;
    }

    /** The block bound of a subproblem: the sum of its restrictions' terms (its {@link #rows}). */
    Rational bound(int[] rows) {
      Rational sum = Rational.ZERO;
      for (int b = 0; b < rows.length; b++) {
        sum = sum.add(term[b][rows[b]]);
      }
      return sum;
    }
  }

  /**
   * The weak-duality bound of one entry, computed here from the subproblem the loss builds (never
   * solved): a QP dual point {@code (u, lambda)} for the squared loss, an LP dual vector for the
   * others. The bound check stays in the checker rather than in the {@link Loss} strategy, so that
   * the checker does not run the code it checks; Java 17 has no switch over a sealed type, and
   * {@link Loss} permits exactly {@link Loss.Squared} and {@link Loss.Linear}, so the test below
   * covers every loss.
   *
   * @throws CertificateRejectedException if the dual point is not feasible
   */
  private static Rational dualBound(Dataset data, PatternSet ps, Loss loss, boolean outputBias,
      ErmCertificate.Entry e, int plus, int[] pats) {
    if (loss instanceof Loss.Squared squared) {
      QuadraticProgram qp = squared.program(data, ps, plus, pats, outputBias);
      return CertificateChecker.qpDualBound(qp, e.u(), e.lambda(), new Rational[0]);
    }
    LinearProgram lp = ((Loss.Linear) loss).program(data, ps, plus, pats, outputBias);
    return CertificateChecker.lpDualBound(lp, e.lambda());
  }

  /**
   * Condition 6: the net fits the model (width, no output bias unless allowed) and its mean loss,
   * recomputed from the net alone, equals the claimed optimum.
   */
  private static boolean netLoss(Verdict v, Dataset data, ErmCertificate cert) {
    Rational optimum = cert.optimum();
    ReluNet net = cert.net();
    if (net.width() != cert.width()) {
      v.fail("the net has width " + net.width() + ", the certificate says " + cert.width());
      return false;
    }
    if (!cert.outputBias() && net.outputBias().signum() != 0) {
      v.fail("the net has an output bias but the model has none");
      return false;
    }
    Rational loss;
    try {
      loss = net.loss(data, cert.loss());
    } catch (IllegalArgumentException ex) {
      v.fail("the net does not fit the data: " + ex.getMessage());
      return false;
    }
    if (!loss.equals(optimum)) {
      v.fail("the net's loss " + loss + " differs from the claimed optimum " + optimum);
      return false;
    }
    v.pass("the net's loss, recomputed from the net alone, equals the optimum " + optimum);
    return true;
  }

  /**
   * Checks a T1 certificate ({@link #check}) and returns it with its verdict, typed {@code
   * @Certified} if the verdict accepts: what prints the optimum as certified takes that.
   */
  @SuppressWarnings("cast.unsafe") // the one place that mints @Certified T1 certificates
  public static Checked<ErmCertificate> checked(Dataset data, ErmCertificate cert) {
    Verdict v = check(data, cert);
    return new Checked<>(cert, v, v.accepted() ? (@Certified ErmCertificate) cert : null);
  }

  /**
   * Returns the certificate typed {@code @Certified} if it verifies.
   *
   * @throws CertificateRejectedException naming the failed condition otherwise
   */
  public static @Certified ErmCertificate certify(Dataset data, ErmCertificate cert) {
    return CertificateChecker.certified(checked(data, cert), "T1");
  }
}
