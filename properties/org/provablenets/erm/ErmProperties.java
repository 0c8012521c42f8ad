package org.provablenets.erm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.provablenets.cert.ErmChecker;
import org.provablenets.cert.Verdict;
import org.provablenets.exact.PropertySettings;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.exact.linalg.QVectors;
import org.provablenets.exact.lp.LpSolver;
import org.provablenets.exact.lp.LpStatus;
import org.provablenets.exact.qp.FilteredQpSolver;
import org.provablenets.exact.qp.QpSolver;

/**
 * Properties of T1 (exact global ERM for depth-2 ReLU nets, squared loss). Instances are built from
 * seeds drawn by QuickTheories and kept tiny (D &lt;= 7, n &lt;= 2, w &lt;= 2) for the CI budget.
 */
class ErmProperties {
  private static final long SEED = 1611_01491L;

  private static ErmCertificate solve(Dataset d, int w, boolean bias) {
    return ErmSolver.solve(d, w, Loss.SQUARED, bias);
  }

  private static ErmCertificate solve(Dataset d, int w, boolean bias, Loss loss) {
    return ErmSolver.solve(d, w, loss, bias);
  }

  private static void assertCertified(Dataset d, ErmCertificate c, long seed) {
    Verdict v = ErmChecker.check(d, c);
    assertTrue(v.accepted(), "seed " + seed + ": " + v);
  }

  @Test
  @DisplayName("Patterns: Cover's count in general position, no more for degenerate data")
  void patternCountMatchesCover() {
    qt().withExamples(PropertySettings.examples(60))
        .withFixedSeed(SEED)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomData g = new RandomData(seed);
              int n = 1 + g.rnd.nextInt(2);
              Dataset d = g.data(2 + g.rnd.nextInt(6), n);
              int count = Patterns.enumerate(d).size();
              int cover = Patterns.coverCount(d.size(), n).intValueExact();
              if (Patterns.inGeneralPosition(d)) {
                assertEquals(cover, count, "seed " + seed);
              } else {
                assertTrue(count < cover, "seed " + seed + ": degenerate data, " + count);
              }
            });
  }

  @Test
  @DisplayName("Patterns: the list equals the subsets that an LP finds realisable (all 2^D, D <= 7)")
  void patternListIsCompleteAgainstAllSubsets() {
    qt().withExamples(PropertySettings.examples(30))
        .withFixedSeed(SEED + 1)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomData g = new RandomData(seed);
              Dataset d = g.data(1 + g.rnd.nextInt(7), 1 + g.rnd.nextInt(2));
              PatternSet ps = Patterns.enumerate(d);
              Set<String> listed = new HashSet<>();
              for (PatternSet.Pattern p : ps.patterns()) {
                listed.add(p.signs());
              }
              int dd = d.size();
              for (int mask = 0; mask < (1 << dd); mask++) {
                boolean[] s = new boolean[dd];
                for (int j = 0; j < dd; j++) {
                  s[j] = (mask & (1 << j)) != 0;
                }
                boolean realisable =
                    LpSolver.solve(PatternSet.marginLp(d, s)).status() != LpStatus.INFEASIBLE;
                assertEquals(
                    realisable, listed.contains(PatternSet.signs(s)),
                    "seed " + seed + ": subset " + PatternSet.signs(s));
              }
            });
  }

  @Test
  @DisplayName("T1 guarantee: the certified optimum is <= the loss of random nets and of nets near it (all three losses)")
  void optimumIsBelowOtherNets() {
    qt().withExamples(PropertySettings.examples(25))
        .withFixedSeed(SEED + 2)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomData g = new RandomData(seed);
              int n = 1 + g.rnd.nextInt(2);
              int w = n == 1 ? 1 + g.rnd.nextInt(2) : 1;
              boolean bias = g.rnd.nextBoolean();
              Loss loss = g.loss();
              Dataset d = g.data(2 + g.rnd.nextInt(4), n, loss);
              ErmCertificate c = solve(d, w, bias, loss);
              assertCertified(d, c, seed);
              for (int k = 0; k < 20; k++) {
                ReluNet other = g.net(w, n, bias);
                assertTrue(
                    other.loss(d, loss).compareTo(c.optimum()) >= 0,
                    "seed " + seed + ": a random net beats the optimum");
                ReluNet near = perturb(c.net(), g);
                assertTrue(
                    near.loss(d, loss).compareTo(c.optimum()) >= 0,
                    "seed " + seed + ": a perturbed optimal net beats the optimum");
              }
            });
  }

  private static ReluNet perturb(ReluNet net, RandomData g) {
    int w = net.width();
    Rational[][] a = new Rational[w][];
    Rational[] b = new Rational[w];
    int[] s = new int[w];
    for (int i = 0; i < w; i++) {
      a[i] = net.weights(i);
      for (int k = 0; k < a[i].length; k++) {
        a[i][k] = a[i][k].add(Rational.of(g.rnd.nextInt(5) - 2, 50));
      }
      b[i] = net.bias(i).add(Rational.of(g.rnd.nextInt(5) - 2, 50));
      s[i] = net.sign(i);
    }
    return new ReluNet(a, b, s, net.outputBias());
  }

  @Test
  @DisplayName("T1 guarantee: the optimum equals brute force over all 2^D partitions per unit (all three losses)")
  void optimumEqualsPartitionBruteForce() {
    qt().withExamples(PropertySettings.examples(15))
        .withFixedSeed(SEED + 3)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomData g = new RandomData(seed);
              int w = 1 + g.rnd.nextInt(2);
              Loss loss = g.loss();
              Dataset d = g.data(2 + g.rnd.nextInt(w == 1 ? 3 : 2), 1 + g.rnd.nextInt(2), loss);
              boolean bias = g.rnd.nextBoolean();
              ErmCertificate c = solve(d, w, bias, loss);
              assertEquals(bruteForce(d, w, bias, loss), c.optimum(), "seed " + seed);
            });
  }

  /**
   * Minimum over every sign split and every tuple of arbitrary subsets (realisable or not) of the
   * subproblem QP: sound because every feasible point of any partition's QP is a real net whose
   * loss equals the objective; complete because every net's activity sets are partitions.
   */
  static Rational bruteForce(Dataset d, int w, boolean bias, Loss loss) {
    int dd = d.size();
    List<PatternSet.Pattern> all = new ArrayList<>();
    for (int mask = 0; mask < (1 << dd); mask++) {
      boolean[] s = new boolean[dd];
      for (int j = 0; j < dd; j++) {
        s[j] = (mask & (1 << j)) != 0;
      }
      all.add(new PatternSet.Pattern(s, QVectors.zeros(d.dimension() + 1)));
    }
    PatternSet ps = new PatternSet(all, new ArrayList<>());
    Rational[] best = {null};
    Subproblems.forEach(
        ps.size(),
        w,
        (plus, pats) -> {
          Rational v =
              loss instanceof Loss.Squared sq
                  ? QpSolver.solve(sq.program(d, ps, plus, pats, bias)).value()
                  : LpSolver.solve(((Loss.Linear) loss).program(d, ps, plus, pats, bias)).value();
          if (v != null && (best[0] == null || v.compareTo(best[0]) < 0)) {
            best[0] = v;
          }
        });
    return best[0];
  }

  @Test
  @DisplayName("T1 realisable data: labels from a planted net give optimum 0 and an exact fit")
  void realisableDataHasOptimumZero() {
    qt().withExamples(PropertySettings.examples(20))
        .withFixedSeed(SEED + 4)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomData g = new RandomData(seed);
              int n = 1 + g.rnd.nextInt(2);
              int w = n == 1 ? 1 + g.rnd.nextInt(2) : 1;
              boolean bias = g.rnd.nextBoolean();
              Dataset d = RandomData.relabel(g.data(2 + g.rnd.nextInt(4), n), g.net(w, n, bias));
              ErmCertificate c = solve(d, w, bias);
              assertCertified(d, c, seed);
              assertEquals(Rational.ZERO, c.optimum(), "seed " + seed);
              for (int j = 0; j < d.size(); j++) {
                assertEquals(d.y(j), c.net().evaluate(d.x(j)), "seed " + seed + ", point " + j);
              }
            });
  }

  @Test
  @DisplayName("T1 soundness: the returned net's loss, recomputed from the net alone, is the optimum")
  void returnedNetAttainsTheOptimum() {
    qt().withExamples(PropertySettings.examples(25))
        .withFixedSeed(SEED + 5)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomData g = new RandomData(seed);
              int n = 1 + g.rnd.nextInt(2);
              Dataset d = g.data(2 + g.rnd.nextInt(4), n);
              ErmCertificate c = solve(d, 1, g.rnd.nextBoolean());
              assertEquals(c.optimum(), c.net().loss(d, Loss.SQUARED), "seed " + seed);
            });
  }

  @Test
  @DisplayName("T1 structure: wider nets and an output bias never hurt")
  void widthAndBiasNeverHurt() {
    qt().withExamples(PropertySettings.examples(15))
        .withFixedSeed(SEED + 6)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomData g = new RandomData(seed);
              Dataset d = g.data(2 + g.rnd.nextInt(4), 1);
              Rational w1 = solve(d, 1, false).optimum();
              Rational w2 = solve(d, 2, false).optimum();
              Rational w1b = solve(d, 1, true).optimum();
              assertTrue(w2.compareTo(w1) <= 0, "seed " + seed + ": width 2 worse than width 1");
              assertTrue(w1b.compareTo(w1) <= 0, "seed " + seed + ": the output bias hurt");
            });
  }

  @Test
  @DisplayName("T1 invariances: permuting points or scaling x by k > 0 keeps the optimum; y -> ky scales it by k^2 (squared) and k (absolute)")
  void invariances() {
    qt().withExamples(PropertySettings.examples(20))
        .withFixedSeed(SEED + 7)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomData g = new RandomData(seed);
              int n = 1 + g.rnd.nextInt(2);
              Dataset d = g.data(2 + g.rnd.nextInt(4), n);
              boolean bias = g.rnd.nextBoolean();
              Rational opt = solve(d, 1, bias).optimum();
              int dd = d.size();
              Rational k = Rational.of(1 + g.rnd.nextInt(5), 1 + g.rnd.nextInt(3));
              Rational[][] perm = new Rational[dd][];
              Rational[] permY = new Rational[dd];
              Rational[][] scaledX = new Rational[dd][];
              Rational[] scaledY = new Rational[dd];
              Rational[][] sameX = new Rational[dd][];
              for (int j = 0; j < dd; j++) {
                int src = (j + 1) % dd;
                perm[j] = d.x(src);
                permY[j] = d.y(src);
                scaledX[j] = QVectors.scale(k, d.x(j));
                sameX[j] = d.x(j);
                scaledY[j] = d.y(j).multiply(k);
              }
              assertEquals(opt, solve(new Dataset(perm, permY), 1, bias).optimum(), "seed " + seed);
              assertEquals(
                  opt, solve(new Dataset(scaledX, d.labels()), 1, bias).optimum(), "seed " + seed);
              assertEquals(
                  opt.multiply(k).multiply(k),
                  solve(new Dataset(sameX, scaledY), 1, bias).optimum(),
                  "seed " + seed);
              assertEquals(
                  solve(d, 1, bias, Loss.ABSOLUTE).optimum().multiply(k),
                  solve(new Dataset(sameX, scaledY), 1, bias, Loss.ABSOLUTE).optimum(),
                  "seed " + seed + ": absolute loss scales by k");
            });
  }

  @Test
  @DisplayName("T1 checker: genuine certificates verify; every corruption into a false claim is rejected")
  void checkerRejectsCorruptedCertificates() {
    qt().withExamples(PropertySettings.examples(25))
        .withFixedSeed(SEED + 8)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomData g = new RandomData(seed);
              int n = 1 + g.rnd.nextInt(2);
              Dataset d = g.data(2 + g.rnd.nextInt(4), n);
              boolean bias = g.rnd.nextBoolean();
              Loss loss = g.loss();
              Dataset dl = g.data(d.size(), n, loss);
              ErmCertificate c = solve(dl, 1, bias, loss);
              assertCertified(dl, c, seed);
              for (ErmCertificate bad : corruptions(c, dl, g)) {
                assertFalse(ErmChecker.check(dl, bad).accepted(), "seed " + seed);
              }
            });
  }

  /** Corruptions of a genuine certificate, each of which makes one of its claims false. */
  private static List<ErmCertificate> corruptions(ErmCertificate c, Dataset d, RandomData g) {
    List<ErmCertificate> out = new ArrayList<>();
    Rational delta = Rational.of(1 + g.rnd.nextInt(4), 1 + g.rnd.nextInt(9));
    // (1) the claimed optimum moved: the net's loss no longer equals it.
    out.add(with(c, c.optimum().add(delta), c.net(), c.patterns(), c.entries()));
    out.add(with(c, c.optimum().subtract(delta), c.net(), c.patterns(), c.entries()));
    // (2) the net moved so that its loss changes.
    ReluNet moved = perturb(c.net(), g);
    if (!moved.loss(d, c.loss()).equals(c.optimum())) {
      out.add(with(c, c.optimum(), moved, c.patterns(), c.entries()));
    }
    // (3) a multiplier made negative: that dual point is not dual feasible.
    List<ErmCertificate.Entry> entries = new ArrayList<>(c.entries());
    int e = g.rnd.nextInt(entries.size());
    while (entries.get(e).isPruned()) {
      e = (e + 1) % entries.size(); // the net's own subproblem is never pruned
    }
    ErmCertificate.Entry old = entries.get(e);
    Rational[] lambda = old.lambda();
    lambda[g.rnd.nextInt(lambda.length)] = delta.negate();
    entries.set(e, new ErmCertificate.Entry(old.plus(), old.patterns(), old.u(), lambda));
    out.add(with(c, c.optimum(), c.net(), c.patterns(), entries));
    // (4) a subproblem entry dropped: the enumeration is incomplete.
    List<ErmCertificate.Entry> fewer = new ArrayList<>(c.entries());
    fewer.remove(g.rnd.nextInt(fewer.size()));
    out.add(with(c, c.optimum(), c.net(), c.patterns(), fewer));
    // (5) a pattern dropped (the last, so entries still index valid patterns): incomplete list.
    List<PatternSet.Pattern> pats = new ArrayList<>(c.patterns().patterns());
    pats.remove(pats.size() - 1);
    out.add(with(c, c.optimum(), c.net(), new PatternSet(pats, c.patterns().refutations()), c.entries()));
    // (6) a witness replaced by zero for a pattern with an active point: the margin fails.
    List<PatternSet.Pattern> zeroed = new ArrayList<>(c.patterns().patterns());
    for (int p = 0; p < zeroed.size(); p++) {
      if (zeroed.get(p).signs().contains("+")) {
        zeroed.set(p, new PatternSet.Pattern(zeroed.get(p).activity(), QVectors.zeros(d.dimension() + 1)));
        out.add(with(c, c.optimum(), c.net(), new PatternSet(zeroed, c.patterns().refutations()), c.entries()));
        break;
      }
    }
    // (7) a refutation's Farkas vector negated: b'y > 0 becomes < 0.
    List<PatternSet.Refutation> refs = new ArrayList<>(c.patterns().refutations());
    if (!refs.isEmpty()) {
      int r = g.rnd.nextInt(refs.size());
      refs.set(r, new PatternSet.Refutation(refs.get(r).prefix(), QVectors.negate(refs.get(r).farkas())));
      out.add(with(c, c.optimum(), c.net(), new PatternSet(c.patterns().patterns(), refs), c.entries()));
    }
    // (8) a subproblem whose blocked-points bound is below the optimum marked pruned.
    for (int k = 0; k < c.entries().size(); k++) {
      ErmCertificate.Entry en = c.entries().get(k);
      if (!en.isPruned()
          && Subproblems.blockedBound(d, c.patterns(), en.plus(), en.patterns(), c.outputBias(),
                  c.loss())
              .compareTo(c.optimum()) < 0) {
        List<ErmCertificate.Entry> pr = new ArrayList<>(c.entries());
        pr.set(k, ErmCertificate.Entry.pruned(en.plus(), en.patterns()));
        out.add(with(c, c.optimum(), c.net(), c.patterns(), pr));
        break;
      }
    }
    return out;
  }

  private static ErmCertificate with(
      ErmCertificate c, Rational opt, ReluNet net, PatternSet ps, List<ErmCertificate.Entry> e) {
    return new ErmCertificate(
        c.digest(), c.width(), c.loss(), c.outputBias(), opt, net, ps, e, c.blocks());
  }

  /** The exact optimum of one subproblem, solved (never pruned). */
  /** The least exact optimum over every subproblem of width w (no pruning). */
  static Rational leastOptimum(Dataset d, PatternSet ps, int w, boolean bias, Loss loss) {
    Rational[] min = {null};
    Subproblems.forEach(ps.size(), w, (plus, pats) -> {
      Rational v = subproblemOptimum(d, ps, plus, pats, bias, loss);
      if (min[0] == null || v.compareTo(min[0]) < 0) {
        min[0] = v;
      }
    });
    if (min[0] == null) {
      throw new AssertionError("there is at least one subproblem");
    }
    return min[0];
  }

  static Rational subproblemOptimum(
      Dataset d, PatternSet ps, int plus, int[] pats, boolean bias, Loss loss) {
    Rational v =
        loss instanceof Loss.Squared sq
            ? FilteredQpSolver.solve(sq.program(d, ps, plus, pats, bias)).value()
            : LpSolver.solve(((Loss.Linear) loss).program(d, ps, plus, pats, bias)).value();
    if (v == null) {
      throw new AssertionError("a subproblem (t = 0 feasible, loss >= 0) has an optimum");
    }
    return v;
  }

  @Test
  @DisplayName("T1 pruning: the blocked-points bound is at most every subproblem's optimum (no output bias)")
  void blockedBoundIsALowerBound() {
    qt().withExamples(PropertySettings.examples(12))
        .withFixedSeed(SEED + 10)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomData g = new RandomData(seed);
              Loss loss = g.loss();
              int w = 1 + g.rnd.nextInt(2);
              Dataset d = g.data(3 + g.rnd.nextInt(3), 1 + g.rnd.nextInt(2), loss);
              PatternSet ps = Patterns.enumerate(d);
              Subproblems.forEach(ps.size(), w, (plus, pats) -> {
                Rational bound = Subproblems.blockedBound(d, ps, plus, pats, false, loss);
                Rational opt = subproblemOptimum(d, ps, plus, pats, false, loss);
                assertTrue(bound.compareTo(opt) <= 0,
                    "seed " + seed + ": bound " + bound + " > optimum " + opt);
              });
            });
  }

  @Test
  @DisplayName("Falsifier: with an output bias the blocked points bound nothing (the no-bias bound fails)")
  void blockedBoundFailsWithAnOutputBias() {
    // The dropped hypothesis is "no output bias": the bias shifts every output, so a point no unit
    // is active at can be fitted. The no-bias bound must exceed some subproblem optimum of the
    // model with a bias.
    int refuted = 0;
    for (long seed = 0; seed < 10 && refuted == 0; seed++) {
      RandomData g = new RandomData(seed);
      Dataset d = g.data(4, 1);
      PatternSet ps = Patterns.enumerate(d);
      int[] found = {0};
      Subproblems.forEach(ps.size(), 1, (plus, pats) -> {
        Rational bound = Subproblems.blockedBound(d, ps, plus, pats, false, Loss.SQUARED);
        if (bound.compareTo(subproblemOptimum(d, ps, plus, pats, true, Loss.SQUARED)) > 0) {
          found[0]++;
        }
      });
      refuted += found[0];
    }
    assertTrue(refuted > 0, "the no-bias bound held for the output-bias model on every instance");
  }

  @Test
  @DisplayName("T1 pruning changes no optimum: pruned certificates verify and equal the unpruned minimum")
  void pruningChangesNoOptimum() {
    long[] pruned = {0};
    qt().withExamples(PropertySettings.examples(6))
        .withFixedSeed(SEED + 11)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomData g = new RandomData(seed);
              Loss loss = g.loss();
              // Width 2 on 5-6 points of a line: 10-12 patterns, 165-300 subproblems, more than
              // one round of ErmSolver.ROUND, so the solver prunes once it has an incumbent.
              Dataset d = g.data(5 + g.rnd.nextInt(2), 1, loss);
              ErmCertificate c = solve(d, 2, false, loss);
              assertCertified(d, c, seed);
              pruned[0] += c.prunedCount();
              assertEquals(leastOptimum(d, c.patterns(), 2, false, loss), c.optimum(),
                  "seed " + seed);
            });
    assertTrue(pruned[0] > 0, "no subproblem was pruned on any instance");
  }

  @Test
  @DisplayName("Falsifier: 'plain gradient descent reaches the global optimum' fails on generated data")
  void gradientDescentMissesTheOptimumSomewhere() {
    // Local search is the dropped hypothesis: the claim "SGD's loss equals the optimum" must be
    // refuted on some generated instance, with the SGD net's loss recomputed exactly.
    int refuted = 0;
    for (long seed = 0; seed < 20 && refuted == 0; seed++) {
      RandomData g = new RandomData(seed);
      Dataset d = g.data(5, 1);
      Rational opt = solve(d, 2, false).optimum();
      double[][] x = new double[d.size()][1];
      double[] y = new double[d.size()];
      for (int j = 0; j < d.size(); j++) {
        x[j][0] = Double.parseDouble(Rationals.decimal(d.x(j)[0]));
        y[j] = Double.parseDouble(Rationals.decimal(d.y(j)));
      }
      SgdBaseline.Params p = SgdBaseline.train(x, y, 2, false, 3000, 0.01, seed);
      ReluNet sgd = p.exactNet();
      Rational gap = sgd.loss(d, Loss.SQUARED).subtract(opt);
      assertTrue(gap.signum() >= 0, "seed " + seed + ": SGD beat the certified optimum");
      if (gap.compareTo(Rational.of(1, 100)) > 0) {
        refuted++;
      }
    }
    assertTrue(refuted > 0, "gradient descent reached the optimum on every instance tried");
  }
}
