package org.provablenets.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provablenets.testutil.Q.q;
import static org.provablenets.testutil.Q.v;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.provablenets.erm.Dataset;
import org.provablenets.erm.ErmCertificate;
import org.provablenets.erm.ErmSolver;
import org.provablenets.erm.Loss;
import org.provablenets.erm.PatternSet;
import org.provablenets.erm.ReluNet;
import org.provablenets.exact.Rational;

/**
 * The T1 checker condition by condition: a certificate that breaks exactly one condition, and the
 * exact rejection message. Hand-made pattern lists use the two points x = 0, 1; tampered solver
 * certificates use the three points x = 0, 1, 2 with labels (0, 0, 1) = max(0, x - 1), width 1.
 *
 * <p>Facts used, derived by hand: on x = 0, 1, 2 the realisable patterns are the 6 threshold
 * patterns (Cover's count 2 (binom(2,0) + binom(2,1)) = 6); the two non-monotone ones, +-+ and -+-,
 * are refuted as full prefixes (every 2-point prefix is realisable). Width 1 has 6 + 6 = 12
 * subproblems (sign -1 or +1 times a pattern). The first pattern enumerated is --- (inactive side
 * first, with the zero witness), so subproblem 1 is one unit of sign -1 that is never active: f = 0,
 * and both its QP (squared loss: Q = 0, c = 0, h = 0, k = mean y^2 = 1/3) and its LP (absolute
 * loss: mean |y_j| = 1/3) have optimum 1/3, which is also the weak-duality bound of any dual point
 * (for the QP: h'lambda - 1/2 u'Qu + k = 0 - 0 + 1/3).
 */
class ErmCheckerTest {
  private static Dataset three;
  private static ErmCertificate squared;
  private static ErmCertificate absolute;

  static Dataset data1d(String xs, String ys) {
    Rational[] x = v(xs);
    Rational[][] rows = new Rational[x.length][];
    for (int j = 0; j < x.length; j++) {
      rows[j] = new Rational[] {x[j]};
    }
    return new Dataset(rows, v(ys));
  }

  @BeforeAll
  static void solve() {
    three = data1d("0 1 2", "0 0 1");
    squared = ErmSolver.solve(three, 1, Loss.SQUARED, false);
    absolute = ErmSolver.solve(three, 1, Loss.ABSOLUTE, false);
  }

  private static ErmCertificate with(
      ErmCertificate c, Rational optimum, ReluNet net, PatternSet ps, List<ErmCertificate.Entry> e) {
    return new ErmCertificate(c.digest(), c.width(), c.loss(), c.outputBias(), optimum, net, ps, e);
  }

  private static String failure(Dataset d, ErmCertificate c) {
    Verdict v = ErmChecker.check(d, c);
    assertFalse(v.accepted(), "expected a rejection");
    return v.failure();
  }

  /** The net 1 * max(0, a x + b) (sign +1, no output bias). */
  private static ReluNet unit(String a, String b) {
    return new ReluNet(new Rational[][] {{q(a)}}, new Rational[] {q(b)}, new int[] {1}, q("0"));
  }

  // ------------------------------------------------------------------ the solver's certificate

  @Test
  void solverCertificateIsAcceptedWithTheCountsDerivedByHand() {
    Verdict v = ErmChecker.check(three, squared);
    assertTrue(v.accepted(), v.toString());
    assertEquals(Rational.ZERO, squared.optimum());
    assertEquals(
        List.of(
            "data digest matches",
            "6 pattern witnesses verified",
            "2 refutations verified (Farkas certificates)",
            "the pattern list is complete",
            "12 subproblem lower bounds >= the optimum (12 by weak duality, 0 pruned by their"
                + " blocked points)",
            "the net's loss, recomputed from the net alone, equals the optimum 0"),
        v.checked());
    assertTrue(ErmChecker.check(three, absolute).accepted());
    assertSame(squared, ErmChecker.certify(three, squared));
  }

  @Test
  void otherDataIsRefused() {
    Dataset other = data1d("0 1 2", "0 0 2");
    assertEquals(
        "the certificate was made for other data (digest " + squared.digest()
            + ", the data's is " + other.digest() + ")",
        failure(other, squared));
  }

  @Test
  void hingeLabelsOutsideTheDomainAreRefused() {
    // Labels (1, 2): point 2's label 2 is not +-1. The digest is the data's own, so the label
    // check is the first to fail.
    Dataset d = data1d("0 1", "1 2");
    ErmCertificate c =
        new ErmCertificate(
            d.digest(), 1, Loss.HINGE, false, q("0"), unit("0", "0"),
            new PatternSet(List.of(), List.of()), List.of());
    assertEquals("label 2 of point 2 is outside the domain of the hinge loss", failure(d, c));
  }

  // ------------------------------------------------------------------ hand-made pattern lists

  /** Points x = 0, 1 (lifted (0, 1), (1, 1)). */
  private static final Dataset TWO = data1d("0 1", "0 1");

  private static PatternSet.Pattern pat(boolean a, boolean b, String witness) {
    return new PatternSet.Pattern(new boolean[] {a, b}, v(witness));
  }

  /**
   * The four patterns of two points with witnesses (a, b) on the margin boundaries: -- (0, 0) gives
   * 0, 0; +- (-1, 1) gives 1, 0; -+ (1, 0) gives 0, 1; ++ (0, 1) gives 1, 1.
   */
  private static List<PatternSet.Pattern> fourPatterns() {
    return List.of(
        pat(false, false, "0 0"), pat(true, false, "-1 1"), pat(false, true, "1 0"),
        pat(true, true, "0 1"));
  }

  private static ErmCertificate twoPointCert(PatternSet ps) {
    return new ErmCertificate(TWO.digest(), 1, Loss.SQUARED, false, q("0"), unit("1", "0"), ps, List.of());
  }

  @Test
  void handMadePatternListPassesThePatternStages() {
    // Witnesses exactly on the margins (1 on active, 0 on inactive points) are accepted; with no
    // subproblem entries the check stops at the entries: width 1 over 4 patterns needs 8.
    Verdict v = ErmChecker.check(TWO, twoPointCert(new PatternSet(fourPatterns(), List.of())));
    assertEquals("the certificate has only 0 subproblem entries", v.failure());
    assertEquals(
        List.of(
            "data digest matches",
            "4 pattern witnesses verified",
            "0 refutations verified (Farkas certificates)",
            "the pattern list is complete"),
        v.checked());
  }

  @Test
  void patternOfTheWrongLength() {
    List<PatternSet.Pattern> shortActivity = new ArrayList<>(fourPatterns());
    shortActivity.set(0, new PatternSet.Pattern(new boolean[] {false}, v("0 0")));
    assertEquals(
        "pattern 1 has the wrong length",
        failure(TWO, twoPointCert(new PatternSet(shortActivity, List.of()))));
    List<PatternSet.Pattern> longWitness = new ArrayList<>(fourPatterns());
    longWitness.set(2, new PatternSet.Pattern(new boolean[] {false, true}, v("1 0 0")));
    assertEquals(
        "pattern 3 has the wrong length",
        failure(TWO, twoPointCert(new PatternSet(longWitness, List.of()))));
  }

  @Test
  void witnessesMissingTheirMargins() {
    // +- with (-1/2, 1/2): point 1 gives 1/2 < 1.
    List<PatternSet.Pattern> ps = new ArrayList<>(fourPatterns());
    ps.set(1, pat(true, false, "-1/2 1/2"));
    assertEquals(
        "pattern 2 (+-): its witness gives 1/2 at point 1, which should be >= 1",
        failure(TWO, twoPointCert(new PatternSet(ps, List.of()))));
    // -+ with (1, 1/2): point 1 gives 1/2 > 0.
    ps = new ArrayList<>(fourPatterns());
    ps.set(2, pat(false, true, "1 1/2"));
    assertEquals(
        "pattern 3 (-+): its witness gives 1/2 at point 1, which should be <= 0",
        failure(TWO, twoPointCert(new PatternSet(ps, List.of()))));
    // ++ with (-1, 1): point 2 gives 0 < 1.
    ps = new ArrayList<>(fourPatterns());
    ps.set(3, pat(true, true, "-1 1"));
    assertEquals(
        "pattern 4 (++): its witness gives 0 at point 2, which should be >= 1",
        failure(TWO, twoPointCert(new PatternSet(ps, List.of()))));
  }

  @Test
  void duplicatePatternIsRefused() {
    List<PatternSet.Pattern> ps = new ArrayList<>(fourPatterns());
    ps.add(pat(true, true, "0 2"));
    assertEquals(
        "pattern ++ is listed twice", failure(TWO, twoPointCert(new PatternSet(ps, List.of()))));
  }

  @Test
  void missingPatternMakesTheListIncomplete() {
    List<PatternSet.Pattern> ps = new ArrayList<>(fourPatterns());
    ps.remove(2); // -+
    assertEquals(
        "the pattern list is incomplete: prefix -+ is neither a prefix of a listed pattern nor"
            + " refuted",
        failure(TWO, twoPointCert(new PatternSet(ps, List.of()))));
  }

  @Test
  void refutations() {
    // On x = 0, 1, 2 the prefix +-+ has margin LP rows b >= 1, a + b <= 0, 2a + b >= 1 (v = (a, b)
    // free). Farkas y = (1, -2, 1): signs fit (>=, <=, >=), A'y = (0 - 2 + 2, 1 - 2 + 1) = 0,
    // b'y = 1 + 0 + 1 = 2 > 0.
    List<PatternSet.Refutation> refs = new ArrayList<>();
    for (PatternSet.Refutation r : squared.patterns().refutations()) {
      if (!PatternSet.signs(r.prefix()).equals("+-+")) {
        refs.add(r);
      }
    }
    assertEquals(1, refs.size());
    List<PatternSet.Pattern> pats = squared.patterns().patterns();
    boolean[] pmp = {true, false, true};
    // Dropping the refutation of +-+ leaves the list incomplete.
    assertEquals(
        "the pattern list is incomplete: prefix +-+ is neither a prefix of a listed pattern nor"
            + " refuted",
        failure(three, with(squared, squared.optimum(), squared.net(), new PatternSet(pats, refs), squared.entries())));
    // The hand-made Farkas vector replaces it: accepted.
    List<PatternSet.Refutation> hand = new ArrayList<>(refs);
    hand.add(new PatternSet.Refutation(pmp, v("1 -2 1")));
    assertTrue(
        ErmChecker.check(
                three,
                with(squared, squared.optimum(), squared.net(), new PatternSet(pats, hand), squared.entries()))
            .accepted());
    // y = (1, -2, 0): -A'y = -(-2, -1) = (2, 1) is not 0 on the free a.
    List<PatternSet.Refutation> bad = new ArrayList<>(refs);
    bad.add(new PatternSet.Refutation(pmp, v("1 -2 0")));
    assertEquals(
        "refutation of prefix +-+ rejected: -A'y of free variable x_1 is 2, not 0",
        failure(three, with(squared, squared.optimum(), squared.net(), new PatternSet(pats, bad), squared.entries())));
    // A prefix of 4 signs on 3 points.
    List<PatternSet.Refutation> tooLong = new ArrayList<>(squared.patterns().refutations());
    tooLong.add(new PatternSet.Refutation(new boolean[] {true, false, true, false}, v("1 -2 1 0")));
    assertEquals(
        "a refuted prefix is longer than the data",
        failure(three, with(squared, squared.optimum(), squared.net(), new PatternSet(pats, tooLong), squared.entries())));
  }

  // ------------------------------------------------------------------ subproblem entries

  private static String entriesFailure(ErmCertificate c, List<ErmCertificate.Entry> entries) {
    return failure(three, with(c, c.optimum(), c.net(), c.patterns(), entries));
  }

  @Test
  void entriesMustBeTheSubproblemsInOrder() {
    assertEquals("---", squared.patterns().get(0).signs());
    List<ErmCertificate.Entry> e = squared.entries();
    assertEquals(12, e.size());
    assertEquals(
        "the certificate has only 11 subproblem entries",
        entriesFailure(squared, e.subList(0, 11)));
    List<ErmCertificate.Entry> more = new ArrayList<>(e);
    more.add(e.get(11));
    assertEquals(
        "the certificate has 13 subproblem entries, expected 12", entriesFailure(squared, more));
    // Entries 1 and 2 swapped: entry 1 then has pattern 1 instead of 0.
    List<ErmCertificate.Entry> swapped = new ArrayList<>(e);
    swapped.set(0, e.get(1));
    swapped.set(1, e.get(0));
    assertEquals(
        "subproblem entry 1 is not the expected subproblem", entriesFailure(squared, swapped));
    // Entry 1 with the right pattern but one +1 unit instead of none.
    List<ErmCertificate.Entry> plus = new ArrayList<>(e);
    plus.set(0, new ErmCertificate.Entry(1, e.get(0).patterns(), e.get(0).u(), e.get(0).lambda()));
    assertEquals(
        "subproblem entry 1 is not the expected subproblem", entriesFailure(squared, plus));
  }

  @Test
  void entriesWithoutADualPointAreRejected() {
    // Squared loss: u must have w (n + 1) = 2 entries.
    List<ErmCertificate.Entry> e = new ArrayList<>(squared.entries());
    e.set(0, new ErmCertificate.Entry(0, new int[] {0}, new Rational[0], new Rational[0]));
    assertEquals(
        "subproblem 1: dual point rejected: u has 0 entries, expected 2", entriesFailure(squared, e));
    // Absolute loss: the LP has 2 D = 6 epigraph rows and w D = 3 pattern rows, so y needs 9.
    List<ErmCertificate.Entry> a = new ArrayList<>(absolute.entries());
    a.set(0, new ErmCertificate.Entry(0, new int[] {0}, new Rational[0], new Rational[0]));
    assertEquals(
        "subproblem 1: dual vector rejected: y has 0 entries, expected 9",
        entriesFailure(absolute, a));
  }

  @Test
  void claimedOptimumAboveADualBoundIsRejected() {
    // Subproblem 1's bound is 1/3 (see the class comment), below the claimed 1/2.
    assertEquals(
        "subproblem 1 has dual bound 1/3 below the claimed optimum 1/2",
        failure(three, with(squared, q("1/2"), squared.net(), squared.patterns(), squared.entries())));
    assertEquals(
        "subproblem 1 has dual bound 1/3 below the claimed optimum 1/2",
        failure(three, with(absolute, q("1/2"), absolute.net(), absolute.patterns(), absolute.entries())));
  }

  @Test
  void prunedEntriesAreBoundedByTheirBlockedPoints() {
    // Subproblem 1 (one unit of sign -1, pattern ---) blocks every point: bound = mean y^2 = 1/3.
    List<ErmCertificate.Entry> e = new ArrayList<>(squared.entries());
    e.set(0, ErmCertificate.Entry.pruned(0, new int[] {0}));
    Verdict v = ErmChecker.check(three, with(squared, squared.optimum(), squared.net(),
        squared.patterns(), e));
    assertTrue(v.accepted(), v.toString());
    assertTrue(v.checked().contains(
        "12 subproblem lower bounds >= the optimum (11 by weak duality, 1 pruned by their blocked"
            + " points)"), v.toString());
    // The same entry against a claimed optimum of 1/2: 1/3 < 1/2.
    assertEquals(
        "subproblem 1 is pruned, but its blocked-points bound 1/3 is below the claimed optimum 1/2",
        failure(three, with(squared, q("1/2"), squared.net(), squared.patterns(), e)));
  }

  @Test
  void aPrunedEntryDoesNotBoundAnOutputBiasModel() {
    // With an output bias nothing is blocked (the bias shifts every output): bound 0 < 1/3.
    Dataset d = data1d("0 1 2", "1 1 1");
    ErmCertificate b = ErmSolver.solve(d, 1, Loss.SQUARED, true);
    assertEquals(Rational.ZERO, b.optimum());
    List<ErmCertificate.Entry> e = new ArrayList<>(b.entries());
    e.set(0, ErmCertificate.Entry.pruned(0, new int[] {0}));
    assertEquals(
        "subproblem 1 is pruned, but its blocked-points bound 0 is below the claimed optimum 1/3",
        failure(d, with(b, q("1/3"), b.net(), b.patterns(), e)));
  }

  // ------------------------------------------------------------------ the net

  @Test
  void theNetIsRecheckedAgainstTheCertificate() {
    ReluNet two =
        new ReluNet(
            new Rational[][] {{q("1")}, {q("0")}}, v("-1 0"), new int[] {1, 1}, q("0"));
    assertEquals(
        "the net has width 2, the certificate says 1",
        failure(three, with(squared, squared.optimum(), two, squared.patterns(), squared.entries())));
    ReluNet biased =
        new ReluNet(new Rational[][] {{q("1")}}, v("-1"), new int[] {1}, q("1"));
    assertEquals(
        "the net has an output bias but the model has none",
        failure(three, with(squared, squared.optimum(), biased, squared.patterns(), squared.entries())));
    ReluNet wide =
        new ReluNet(new Rational[][] {{q("1"), q("0")}}, v("-1"), new int[] {1}, q("0"));
    assertEquals(
        "the net does not fit the data: the net has 2 inputs per unit but the data has 1",
        failure(three, with(squared, squared.optimum(), wide, squared.patterns(), squared.entries())));
    // The dead net f = 0 has mean loss (0 + 0 + 1) / 3 = 1/3, not the claimed 0.
    ErmCertificate dead =
        with(squared, squared.optimum(), unit("0", "0"), squared.patterns(), squared.entries());
    assertEquals("the net's loss 1/3 differs from the claimed optimum 0", failure(three, dead));
    assertEquals(
        "T1 certificate rejected: the net's loss 1/3 differs from the claimed optimum 0",
        assertThrows(CertificateRejectedException.class, () -> ErmChecker.certify(three, dead))
            .getMessage());
    // max(0, x - 1) itself, given by hand, attains 0.
    Verdict ok =
        ErmChecker.check(
            three, with(squared, squared.optimum(), unit("1", "-1"), squared.patterns(), squared.entries()));
    assertTrue(ok.accepted(), ok.toString());
    assertNull(ok.failure());
  }

  @Test
  void anOutputBiasIsAllowedWhenTheModelHasOne() {
    // Constant labels 1: with an output bias the constant net f = 1 (dead unit, c = 1) fits
    // exactly, so the optimum is 0 and that net, given by hand, is accepted.
    Dataset ones = data1d("0 1 2", "1 1 1");
    ErmCertificate c = ErmSolver.solve(ones, 1, Loss.SQUARED, true);
    assertEquals(Rational.ZERO, c.optimum());
    ReluNet constant = new ReluNet(new Rational[][] {{q("0")}}, v("0"), new int[] {1}, q("1"));
    Verdict v = ErmChecker.check(ones, with(c, c.optimum(), constant, c.patterns(), c.entries()));
    assertTrue(v.accepted(), v.toString());
  }
}
