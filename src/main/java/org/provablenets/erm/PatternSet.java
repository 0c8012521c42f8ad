package org.provablenets.erm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.provablenets.exact.Rational;
import org.provablenets.exact.linalg.QMatrix;
import org.provablenets.exact.linalg.QVectors;
import org.provablenets.exact.lp.LinearProgram;
import org.provablenets.exact.lp.Relation;

/**
 * The activation patterns of a data set with their witnesses, and the refutations that make the
 * list provably complete.
 *
 * <p>A pattern is a subset P+ of the points; it is realisable if some (a, b) has {@code a . x_j + b
 * > 0} exactly on P+. A witness is an exact {@code v = (a, b)} with {@code (x_j, 1) . v >= 1} on P+
 * and {@code <= 0} elsewhere (by scaling, realisable iff such v exists). A refutation is a sign
 * prefix on points 1..k (k &lt;= D) with a Farkas vector proving that no v realises it with margin;
 * the prefix tree of the listed patterns plus the refutations decides every prefix, which is what
 * makes the list complete (see {@code ErmChecker}).
 */
public final class PatternSet {
  /** A pattern: activity of each point, and a witness (a, b). */
  public static final class Pattern {
    private final boolean[] active;
    private final Rational[] witness;

    /** @param active which points are active; @param witness (a, b) with the margin */
    public Pattern(boolean[] active, Rational[] witness) {
      this.active = active.clone();
      this.witness = witness.clone();
    }

    /** Whether point j is active (a . x_j + b > 0). */
    public boolean active(int j) {
      return active[j];
    }

    /** A copy of the activity vector. */
    public boolean[] activity() {
      return active.clone();
    }

    /** A copy of the witness (a, b). */
    public Rational[] witness() {
      return witness.clone();
    }

    /** The pattern as a string of '+' (active) and '-' (inactive), point 1 first. */
    public String signs() {
      return PatternSet.signs(active);
    }
  }

  /** A sign prefix that no (a, b) realises, with a Farkas vector for its margin LP. */
  public static final class Refutation {
    private final boolean[] prefix;
    private final Rational[] farkas;

    /** @param prefix the activity of points 1..k; @param farkas one entry per point of the prefix */
    public Refutation(boolean[] prefix, Rational[] farkas) {
      this.prefix = prefix.clone();
      this.farkas = farkas.clone();
    }

    /** A copy of the prefix. */
    public boolean[] prefix() {
      return prefix.clone();
    }

    /** A copy of the Farkas vector. */
    public Rational[] farkas() {
      return farkas.clone();
    }
  }

  private final List<Pattern> patterns;
  private final List<Refutation> refutations;

  /** @param patterns the realisable patterns; @param refutations the refuted prefixes */
  public PatternSet(List<Pattern> patterns, List<Refutation> refutations) {
    this.patterns = Collections.unmodifiableList(new ArrayList<>(patterns));
    this.refutations = Collections.unmodifiableList(new ArrayList<>(refutations));
  }

  /** The patterns, in enumeration order. */
  public List<Pattern> patterns() {
    return patterns;
  }

  /** The refutations, in enumeration order. */
  public List<Refutation> refutations() {
    return refutations;
  }

  /** Number of patterns. */
  public int size() {
    return patterns.size();
  }

  /** A pattern at index i. */
  public Pattern get(int i) {
    return patterns.get(i);
  }

  /**
   * The margin LP of a sign prefix on points 1..k: find {@code v = (a, b)} free with {@code (x_j,
   * 1) . v >= 1} for active and {@code <= 0} for inactive j (objective zero). A building, not a
   * solve: the enumeration ({@link Patterns#enumerate}) solves it, and the checker rebuilds it to
   * verify a refutation's Farkas vector. Cost: O(k n) copies.
   */
  public static LinearProgram marginLp(Dataset data, boolean[] prefix) {
    int n = data.dimension();
    int k = prefix.length;
    Rational[][] rows = new Rational[k][];
    Relation[] rel = new Relation[k];
    Rational[] rhs = new Rational[k];
    for (int j = 0; j < k; j++) {
      rows[j] = data.lifted(j);
      rel[j] = prefix[j] ? Relation.GE : Relation.LE;
      rhs[j] = prefix[j] ? Rational.ONE : Rational.ZERO;
    }
    return new LinearProgram(
        QVectors.zeros(n + 1), QMatrix.of(rows, n + 1), rel, rhs, new Rational[n + 1]);
  }

  /** '+' for active, '-' for inactive. */
  public static String signs(boolean[] active) {
    StringBuilder sb = new StringBuilder(active.length);
    for (boolean b : active) {
      sb.append(b ? '+' : '-');
    }
    return sb.toString();
  }

  /**
   * SHA-256 (hex) of the patterns' sign strings, one per line in list order: identifies the
   * pattern list that shards of one run must share.
   */
  public String digest() {
    StringBuilder sb = new StringBuilder();
    for (Pattern p : patterns) {
      sb.append(p.signs()).append('\n');
    }
    try {
      byte[] h =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (byte b : h) {
        hex.append(String.format("%02x", b));
      }
      return hex.toString();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
