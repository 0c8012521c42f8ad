package org.provablenets.cert;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.erm.Dataset;
import org.provablenets.erm.ErmCertificate;
import org.provablenets.erm.Loss;
import org.provablenets.erm.PatternSet;
import org.provablenets.erm.ReluNet;
import org.provablenets.erm.Subproblems;
import org.provablenets.exact.Rational;
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
 *       blocked-points bound ({@link Subproblems#blockedBound}, recomputed from the data) is
 *       {@code >=} the claimed optimum;
 *   <li>the net's mean loss, recomputed from the net alone, equals the claimed optimum.
 * </ol>
 *
 * <p>Then every net of width w lies in some subproblem (its own signs and patterns, units sorted),
 * where its loss is at least that subproblem's bound, hence at least the optimum, which the net
 * attains. The trust base: this class, {@link CertificateChecker}, and the constructions {@link
 * Loss.Squared#program}, {@link Loss.Linear#program}, {@link Subproblems#blockedBound} and {@link
 * PatternSet#marginLp} (building, not solving).
 *
 * <p>Cost: one exact QP construction and one matrix-vector product per solved subproblem, O(D w)
 * per pruned one, plus one LP certificate check per refutation.
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
    for (PatternSet.Refutation r : ps.refutations()) {
      boolean[] prefix = r.prefix();
      if (prefix.length > data.size()) {
        v.fail("a refuted prefix is longer than the data");
        return false;
      }
      Verdict lp = CertificateChecker.checkLp(
          PatternSet.marginLp(data, prefix), LpResult.infeasible(r.farkas()));
      if (!lp.accepted()) {
        v.fail("refutation of prefix " + PatternSet.signs(prefix) + " rejected: " + lp.failure());
        return false;
      }
      refuted.add(PatternSet.signs(prefix));
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
   * and each one's lower bound (weak duality, or the blocked points if pruned) is at least the
   * claimed optimum.
   */
  private static boolean entries(Verdict v, Dataset data, ErmCertificate cert) {
    List<ErmCertificate.Entry> entries = cert.entries();
    PatternSet ps = cert.patterns();
    int[] index = {0};
    int[] pruned = {0};
    @Nullable String[] failure = {null};
    Rational optimum = cert.optimum();
    Subproblems.BlockedBounds blocked =
        new Subproblems.BlockedBounds(data, ps, cert.outputBias(), cert.loss());
    Subproblems.forEach(
        ps.size(),
        cert.width(),
        (plus, pats) -> {
          int i = index[0]++;
          if (failure[0] != null) {
            return;
          }
          if (i >= entries.size()) {
            failure[0] = "the certificate has only " + entries.size() + " subproblem entries";
            return;
          }
          ErmCertificate.Entry e = entries.get(i);
          if (e.plus() != plus || !java.util.Arrays.equals(e.patterns(), pats)) {
            failure[0] = "subproblem entry " + (i + 1) + " is not the expected subproblem";
            return;
          }
          if (e.isPruned()) {
            Rational bound = blocked.value(blocked.key(plus, pats));
            pruned[0]++;
            if (bound.compareTo(optimum) < 0) {
              failure[0] = "subproblem " + (i + 1) + " is pruned, but its blocked-points bound "
                  + bound + " is below the claimed optimum " + optimum;
            }
            return;
          }
          try {
            Rational bound = dualBound(data, cert, e, plus, pats);
            if (bound.compareTo(optimum) < 0) {
              failure[0] = "subproblem " + (i + 1) + " has dual bound " + bound
                  + " below the claimed optimum " + optimum;
            }
          } catch (CertificateRejectedException ex) {
            failure[0] = "subproblem " + (i + 1) + ": " + ex.getMessage();
          }
        });
    String failed = failure[0];
    if (failed != null) {
      v.fail(failed);
      return false;
    }
    if (index[0] != entries.size()) {
      v.fail("the certificate has " + entries.size() + " subproblem entries, expected "
          + index[0]);
      return false;
    }
    v.pass(entries.size() + " subproblem lower bounds >= the optimum ("
        + (entries.size() - pruned[0]) + " by weak duality, " + pruned[0]
        + " pruned by their blocked points)");
    return true;
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
  private static Rational dualBound(
      Dataset data, ErmCertificate cert, ErmCertificate.Entry e, int plus, int[] pats) {
    PatternSet ps = cert.patterns();
    Loss loss = cert.loss();
    if (loss instanceof Loss.Squared squared) {
      QuadraticProgram qp = squared.program(data, ps, plus, pats, cert.outputBias());
      return CertificateChecker.qpDualBound(qp, e.u(), e.lambda(), new Rational[0]);
    }
    LinearProgram lp = ((Loss.Linear) loss).program(data, ps, plus, pats, cert.outputBias());
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
