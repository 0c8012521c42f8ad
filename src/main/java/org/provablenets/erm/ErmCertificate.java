package org.provablenets.erm;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.provablenets.exact.Rational;

/**
 * A certificate of global optimality for exact ERM of a depth-2 ReLU net.
 *
 * <p>It holds: the digest of the data; the width, loss and output-bias flag; the claimed optimum
 * and a net attaining it; the pattern list with witnesses and the refutations that make it
 * complete; and one entry per subproblem, in canonical order, with a dual-feasible point {@code (u,
 * lambda)} of that subproblem's QP (or LP), or marked pruned: bounded below by its block bound
 * ({@link BlockBounds}) if the certificate has blocks, else by the points its signs and patterns
 * block ({@link Subproblems#blockedBound}); and the blocks, each with a dual point for each of its
 * subproblems. {@code org.provablenets.cert.ErmChecker} verifies all of it with exact arithmetic
 * and solves nothing.
 *
 * @param digest SHA-256 of the data's canonical text
 * @param width width w
 * @param loss the loss
 * @param outputBias whether the model has an output bias
 * @param optimum the claimed global optimum
 * @param net a net claimed to attain the optimum
 * @param patterns the patterns with witnesses and refutations
 * @param entries one entry per subproblem, in canonical order
 * @param blocks the blocks whose bounds the pruned entries use (empty: the blocked points)
 */
public record ErmCertificate(
    String digest, int width, Loss loss, boolean outputBias, Rational optimum, ReluNet net,
    PatternSet patterns, List<Entry> entries, List<BlockBounds.Block> blocks) {
  /**
   * One subproblem: its sign split, its patterns, and a dual-feasible point: for the squared loss
   * {@code (u, lambda)} of the QP's dual ({@code Qu + c = G' lambda}, {@code lambda >= 0}); for the
   * absolute and hinge losses u is empty and lambda is a dual vector of the LP.
   */
  public static final class Entry {
    private final int plus;
    private final int[] patterns;
    private final Rational[] u;
    private final Rational[] lambda;
    private final boolean pruned;

    /**
     * @param plus units 0..plus-1 have sign +1
     * @param patterns one pattern index per unit
     * @param u the point of the QP dual (its Qu + c = G' lambda); empty for an LP subproblem
     * @param lambda the QP multipliers ({@code >= 0}) or the LP dual vector
     */
    public Entry(int plus, int[] patterns, Rational[] u, Rational[] lambda) {
      this(plus, patterns, u, lambda, false);
    }

    private Entry(int plus, int[] patterns, Rational[] u, Rational[] lambda, boolean pruned) {
      this.plus = plus;
      this.patterns = patterns.clone();
      this.u = u.clone();
      this.lambda = lambda.clone();
      this.pruned = pruned;
    }

    /**
     * A pruned subproblem: no dual point; its lower bound is its block bound (from the
     * certificate's blocks, verified) or its blocked-points bound {@link
     * Subproblems#blockedBound}, which the checker computes.
     */
    public static Entry pruned(int plus, int[] patterns) {
      return new Entry(plus, patterns, new Rational[0], new Rational[0], true);
    }

    /** Whether the entry is pruned (bounded by its blocks or blocked points, not a dual point). */
    public boolean isPruned() {
      return pruned;
    }

    /** Number of +1 units. */
    public int plus() {
      return plus;
    }

    /** A copy of the pattern indices. */
    public int[] patterns() {
      return patterns.clone();
    }

    /** A copy of u. */
    public Rational[] u() {
      return u.clone();
    }

    /** A copy of lambda. */
    public Rational[] lambda() {
      return lambda.clone();
    }
  }

  /**
   * Assembles a certificate (nothing is checked here). The entries are copied to an unmodifiable
   * list, so a later change to the caller's list does not reach the certificate; packed entries
   * ({@link PackedEntries}), an immutable list, are kept as they are.
   */
  public ErmCertificate {
    entries = entries instanceof PackedEntries ? entries
        : Collections.unmodifiableList(new ArrayList<>(entries));
    blocks = List.copyOf(blocks);
  }

  /** A certificate without blocks: its pruned entries are bounded by their blocked points. */
  public ErmCertificate(
      String digest, int width, Loss loss, boolean outputBias, Rational optimum, ReluNet net,
      PatternSet patterns, List<Entry> entries) {
    this(digest, width, loss, outputBias, optimum, net, patterns, entries, List.of());
  }

  /**
   * The number of subproblems of its width and pattern list ({@link Subproblems#count(int, int)}):
   * how many entries a complete certificate has.
   */
  public BigInteger subproblemCount() {
    return Subproblems.count(patterns.size(), width);
  }

  /** The number of pruned entries. */
  public long prunedCount() {
    return entries instanceof PackedEntries packed ? packed.prunedCount()
        : entries.stream().filter(Entry::isPruned).count();
  }

  /** The number of the blocks' entries (block subproblems, each solved). */
  public long blockEntryCount() {
    return BlockBounds.entryCount(blocks);
  }
}
