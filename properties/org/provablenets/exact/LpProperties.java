package org.provablenets.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.provablenets.cert.CertificateChecker;
import org.provablenets.cert.Verdict;
import org.provablenets.exact.linalg.Elimination;
import org.provablenets.exact.linalg.QMatrix;
import org.provablenets.exact.linalg.QVectors;
import org.provablenets.exact.lp.FilterAccess;
import org.provablenets.exact.lp.FilteredLpSolver;
import org.provablenets.exact.lp.LinearProgram;
import org.provablenets.exact.lp.LpResult;
import org.provablenets.exact.lp.LpSolver;
import org.provablenets.exact.lp.LpStatus;
import org.provablenets.exact.lp.Relation;

/**
 * Properties of the exact LP solver and its certificates. Each instance is built from a seed
 * drawn by QuickTheories (see {@link RandomPrograms}); a failure prints the seed.
 */
class LpProperties {
  private static final long SEED = 20261127L;

  private static Verdict check(LinearProgram lp, LpResult r) {
    return CertificateChecker.checkLp(lp, r);
  }

  @Test
  @DisplayName("LP strong duality: a feasible bounded program is OPTIMAL and primal = dual value")
  void lpStrongDuality() {
    qt().withExamples(PropertySettings.examples(300))
        .withFixedSeed(SEED)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomPrograms g = new RandomPrograms(seed);
              LinearProgram lp = g.feasibleBoundedLp(1 + g.rnd.nextInt(4), g.rnd.nextInt(7));
              LpResult r = LpSolver.solve(lp);
              assertEquals(LpStatus.OPTIMAL, r.status(), "seed " + seed);
              Verdict v = check(lp, r);
              assertTrue(v.accepted(), "seed " + seed + ": " + v);
            });
  }

  @Test
  @DisplayName("LP optimum equals brute-force vertex enumeration (<= 3 variables, <= 7 rows)")
  void lpAgreesWithVertexEnumeration() {
    qt().withExamples(PropertySettings.examples(300))
        .withFixedSeed(SEED + 1)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomPrograms g = new RandomPrograms(seed);
              int n = 1 + g.rnd.nextInt(3);
              LinearProgram lp = g.boxedLp(n, g.rnd.nextInt(8 - 2 * n));
              LpResult r = LpSolver.solve(lp);
              Verdict v = check(lp, r);
              assertTrue(v.accepted(), "seed " + seed + ": " + v);
              Rational best = bestVertex(lp);
              if (best == null) {
                assertEquals(LpStatus.INFEASIBLE, r.status(), "seed " + seed);
              } else {
                assertEquals(LpStatus.OPTIMAL, r.status(), "seed " + seed);
                assertEquals(best, r.value(), "seed " + seed);
              }
            });
  }

  /**
   * The least objective over all vertices (basic feasible points) of a program whose variables
   * are all free and whose rows bound a polytope, or {@code null} if there is none.
   */
  static Rational bestVertex(LinearProgram lp) {
    int n = lp.variables();
    int m = lp.constraints();
    QMatrix a = lp.a();
    Rational best = null;
    List<int[]> subsets = new ArrayList<>();
    subsets(m, n, 0, new int[n], 0, subsets);
    for (int[] s : subsets) {
      Rational[][] rows = new Rational[n][];
      Rational[] rhs = new Rational[n];
      for (int k = 0; k < n; k++) {
        rows[k] = a.row(s[k]);
        rhs[k] = lp.b(s[k]);
      }
      Rational[] x = Elimination.solve(QMatrix.of(rows, n), rhs);
      if (x == null || !feasible(lp, x)) {
        continue;
      }
      Rational val = lp.objective(x);
      if (best == null || val.compareTo(best) < 0) {
        best = val;
      }
    }
    return best;
  }

  private static void subsets(int m, int k, int from, int[] cur, int depth, List<int[]> out) {
    if (depth == k) {
      out.add(cur.clone());
      return;
    }
    for (int i = from; i < m; i++) {
      cur[depth] = i;
      subsets(m, k, i + 1, cur, depth + 1, out);
    }
  }

  static boolean feasible(LinearProgram lp, Rational[] x) {
    Rational[] ax = lp.a().times(x);
    for (int i = 0; i < lp.constraints(); i++) {
      int c = ax[i].compareTo(lp.b(i));
      Relation rel = lp.relation(i);
      if ((rel == Relation.LE && c > 0) || (rel == Relation.GE && c < 0)
          || (rel == Relation.EQ && c != 0)) {
        return false;
      }
    }
    for (int j = 0; j < lp.variables(); j++) {
      Rational l = lp.lower(j);
      if (l != null && x[j].compareTo(l) < 0) {
        return false;
      }
    }
    return true;
  }

  @Test
  @DisplayName("LP infeasible programs (a contradictory pair of rows added) get a valid Farkas ray")
  void lpInfeasibleProgramsAreCertified() {
    qt().withExamples(PropertySettings.examples(200))
        .withFixedSeed(SEED + 2)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomPrograms g = new RandomPrograms(seed);
              int n = 1 + g.rnd.nextInt(4);
              LinearProgram base = g.feasibleBoundedLp(n, g.rnd.nextInt(5));
              // a'x >= t + gap and a'x <= t cannot both hold (for a = 0 too).
              Rational[] a = g.vector(n);
              Rational t = g.small();
              Rational gap = Rational.of(1 + g.rnd.nextInt(3), 1 + g.rnd.nextInt(3));
              LinearProgram lp =
                  addRows(
                      base,
                      new Rational[][] {a, a},
                      new Relation[] {Relation.GE, Relation.LE},
                      new Rational[] {t.add(gap), t});
              LpResult r = LpSolver.solve(lp);
              assertEquals(LpStatus.INFEASIBLE, r.status(), "seed " + seed);
              Verdict v = check(lp, r);
              assertTrue(v.accepted(), "seed " + seed + ": " + v);
            });
  }

  @Test
  @DisplayName("LP unbounded programs (a planted improving ray) get a valid feasible point and ray")
  void lpUnboundedProgramsAreCertified() {
    qt().withExamples(PropertySettings.examples(200))
        .withFixedSeed(SEED + 3)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomPrograms g = new RandomPrograms(seed);
              int n = 1 + g.rnd.nextInt(4);
              int m = g.rnd.nextInt(6);
              Rational[] d = g.vector(n);
              if (QVectors.isZero(d)) {
                d[g.rnd.nextInt(n)] = Rational.ONE;
              }
              Rational[] lower = new Rational[n];
              Rational[] x0 = g.vector(n);
              for (int j = 0; j < n; j++) {
                if (d[j].signum() >= 0 && g.rnd.nextBoolean()) {
                  lower[j] = x0[j].subtract(Rational.of(g.rnd.nextInt(2)));
                }
              }
              Rational[][] rows = g.rows(m, n);
              Relation[] rel = new Relation[m];
              Rational[] b = new Rational[m];
              for (int i = 0; i < m; i++) {
                int s = QVectors.dot(rows[i], d).signum();
                rel[i] = s > 0 ? Relation.GE : s < 0 ? Relation.LE : g.relation();
                Rational ax = QVectors.dot(rows[i], x0);
                b[i] = rel[i] == Relation.EQ ? ax : rel[i] == Relation.GE ? ax.subtract(g.small().abs()) : ax.add(g.small().abs());
              }
              // c with c'd = -1.
              Rational[] c = g.vector(n);
              Rational shift = QVectors.dot(c, d).add(Rational.ONE).divide(QVectors.dot(d, d));
              c = QVectors.subtract(c, QVectors.scale(shift, d));
              LinearProgram lp = new LinearProgram(c, QMatrix.of(rows, n), rel, b, lower);
              LpResult r = LpSolver.solve(lp);
              assertEquals(LpStatus.UNBOUNDED, r.status(), "seed " + seed);
              Verdict v = check(lp, r);
              assertTrue(v.accepted(), "seed " + seed + ": " + v);
            });
  }

  @Test
  @DisplayName("LP checker rejects every certificate corrupted into a false claim")
  void lpCorruptedCertificateIsRejected() {
    qt().withExamples(PropertySettings.examples(300))
        .withFixedSeed(SEED + 4)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomPrograms g = new RandomPrograms(seed);
              int n = 1 + g.rnd.nextInt(4);
              LinearProgram lp = g.feasibleBoundedLp(n, g.rnd.nextInt(7));
              LpResult r = LpSolver.solve(lp);
              Rational[] x = r.x();
              Rational[] y = r.y();
              Rational value = r.value();
              assertNotNull(x);
              assertNotNull(y);
              assertNotNull(value);
              Rational delta = Rational.of(1 + g.rnd.nextInt(5), 1 + g.rnd.nextInt(7));
              if (g.rnd.nextBoolean()) {
                delta = delta.negate();
              }
              Rational[] c = lp.c();
              LpResult bad;
              int kind = g.rnd.nextInt(3);
              int j = g.rnd.nextInt(n);
              if (kind == 1 && c[j].signum() != 0) {
                // x moved along a coordinate the objective sees: "c'x = value" becomes false.
                Rational[] x2 = x.clone();
                x2[j] = x2[j].add(delta);
                bad = LpResult.optimal(x2, y, value);
              } else if (kind == 2 && firstDualChanging(lp) >= 0) {
                int i = firstDualChanging(lp);
                Rational[] y2 = y.clone();
                y2[i] = y2[i].add(delta);
                bad = LpResult.optimal(x, y2, value);
              } else {
                // The claimed optimum is moved: the optimum of an LP is unique.
                bad = LpResult.optimal(x, y, value.add(delta));
              }
              Verdict v = check(lp, bad);
              assertFalse(v.accepted(), "seed " + seed + ": corrupted certificate accepted");
            });
  }

  /**
   * A row i such that moving y_i changes the dual objective {@code b'y + sum l_j r_j} (coefficient
   * {@code b_i - sum_j l_j A_ij} non-zero) or a free variable's reduced cost, so that a moved y_i
   * either breaks dual feasibility or makes the dual value differ from the optimum; -1 if none.
   */
  private static int firstDualChanging(LinearProgram lp) {
    for (int i = 0; i < lp.constraints(); i++) {
      Rational coef = lp.b(i);
      boolean touchesFree = false;
      for (int j = 0; j < lp.variables(); j++) {
        Rational l = lp.lower(j);
        Rational aij = lp.a().get(i, j);
        if (l == null) {
          touchesFree |= aij.signum() != 0;
        } else {
          coef = coef.subtract(l.multiply(aij));
        }
      }
      if (touchesFree || coef.signum() != 0) {
        return i;
      }
    }
    return -1;
  }

  /**
   * A random program for the filter: feasible and bounded (repeated, parallel and zero rows,
   * rows tight at the planted point half the time: degenerate vertices on purpose), with one in
   * four getting copies of its rows appended (more tight rows than dimensions), or a boxed program
   * (possibly infeasible).
   */
  private static LinearProgram filterProgram(RandomPrograms g) {
    int kind = g.rnd.nextInt(4);
    if (kind == 0) {
      int n = 1 + g.rnd.nextInt(3);
      return g.boxedLp(n, g.rnd.nextInt(6));
    }
    LinearProgram lp = g.feasibleBoundedLp(1 + g.rnd.nextInt(5), g.rnd.nextInt(9));
    if (kind == 1 && lp.constraints() > 0) {
      int copies = 1 + g.rnd.nextInt(3);
      Rational[][] rows = new Rational[copies][];
      Relation[] rel = new Relation[copies];
      Rational[] rhs = new Rational[copies];
      for (int k = 0; k < copies; k++) {
        int i = g.rnd.nextInt(lp.constraints());
        Rational f = Rational.of(1 + g.rnd.nextInt(3));
        rows[k] = QVectors.scale(f, lp.a().row(i));
        rel[k] = lp.relation(i);
        rhs[k] = lp.b(i).multiply(f);
      }
      lp = addRows(lp, rows, rel, rhs);
    }
    return lp;
  }

  @Test
  @DisplayName("filtered LP optimum equals the exact simplex optimum on random LPs, including "
      + "degenerate ones, and its certificate verifies")
  void filteredLpAgreesWithExactSimplex() {
    int[] byFilter = {0};
    int[] optimal = {0};
    qt().withExamples(PropertySettings.examples(400))
        .withFixedSeed(SEED + 5)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomPrograms g = new RandomPrograms(seed);
              LinearProgram lp = filterProgram(g);
              LpResult exact = LpSolver.solve(lp);
              LpResult r = FilteredLpSolver.solve(lp);
              assertEquals(exact.status(), r.status(), "seed " + seed);
              if (r.status() == LpStatus.OPTIMAL) {
                assertEquals(exact.value(), r.value(), "seed " + seed);
                optimal[0]++;
                boolean[][] guess = FilterAccess.guess(lp);
                if (guess != null && FilterAccess.fromBasis(lp, guess[0], guess[1]) != null) {
                  byFilter[0]++;
                }
              }
              Verdict v = check(lp, r);
              assertTrue(v.accepted(), "seed " + seed + ": " + v);
            });
    // The filter must actually do the work (else the property only tests the fallback).
    assertTrue(byFilter[0] * 10 >= optimal[0] * 9,
        "the floating-point basis passed the exact checks on only " + byFilter[0] + " of "
            + optimal[0] + " optimal programs");
  }

  @Test
  @DisplayName("filtered LP falsifier: a corrupted basis or a perturbed hint never produces an "
      + "accepted wrong answer")
  void corruptedBasisNeverGivesAWrongAnswer() {
    int[] rejected = {0};
    int[] accepted = {0};
    qt().withExamples(PropertySettings.examples(400))
        .withFixedSeed(SEED + 6)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomPrograms g = new RandomPrograms(seed);
              LinearProgram lp = g.feasibleBoundedLp(1 + g.rnd.nextInt(5), g.rnd.nextInt(9));
              LpResult exact = LpSolver.solve(lp);
              boolean[][] guess = corruptedGuess(g, lp);
              boolean[] basic = guess[0];
              boolean[] tight = guess[1];
              LpResult direct = FilterAccess.fromBasis(lp, basic, tight);
              if (direct == null) {
                rejected[0]++;
              } else {
                accepted[0]++;
                assertEquals(exact.value(), direct.value(), "seed " + seed + ": accepted a wrong basis");
                Verdict v = check(lp, direct);
                assertTrue(v.accepted(), "seed " + seed + ": " + v);
              }
              LpResult r = FilterAccess.solve(lp, basic, tight);
              assertEquals(LpStatus.OPTIMAL, r.status(), "seed " + seed);
              assertEquals(exact.value(), r.value(), "seed " + seed);
              Verdict v = check(lp, r);
              assertTrue(v.accepted(), "seed " + seed + ": " + v);
            });
    // Both outcomes occur: the exact checks reject wrong guesses (so dropping them would be
    // caught by the value comparison above) and accept right ones.
    assertTrue(rejected[0] > 0 && accepted[0] > 0,
        "rejected " + rejected[0] + ", accepted " + accepted[0]);
  }

  @Test
  @DisplayName("the basis check in long equals the one in BigInteger on random LPs and right or"
      + " wrong guesses: both reject, or both give the same x, y and value, and so does"
      + " fromBasis; no program of small numbers makes the long path throw")
  void longBasisCheckAgreesWithBigInteger() {
    int[] compared = {0};
    int[] accepted = {0};
    qt().withExamples(PropertySettings.examples(400))
        .withFixedSeed(SEED + 9)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomPrograms g = new RandomPrograms(seed);
              LinearProgram lp = filterProgram(g);
              boolean[][] guess = corruptedGuess(g, lp);
              LpResult big = FilterAccess.fromBasisInBigIntegers(lp, guess[0], guess[1]);
              assertSameResult(big, FilterAccess.fromBasis(lp, guess[0], guess[1]),
                  "seed " + seed + ", fromBasis");
              LpResult inLongs;
              try {
                inLongs = FilterAccess.fromBasisInLongs(lp, guess[0], guess[1]);
              } catch (ArithmeticException overflow) {
                throw new AssertionError("seed " + seed + ": the long path threw on a program of"
                    + " small numbers: " + overflow.getMessage(), overflow);
              }
              assertSameResult(big, inLongs, "seed " + seed + ", the long path");
              compared[0]++;
              accepted[0] += big != null ? 1 : 0;
            });
    // Both outcomes of the checks are compared.
    assertTrue(accepted[0] * 4 >= compared[0] && accepted[0] < compared[0],
        accepted[0] + " of " + compared[0] + " compared guesses were accepted");
  }

  @Test
  @DisplayName("long basis check falsifier: with the hypothesis that the numbers fit in a long"
      + " dropped (rows times 2^36 to 2^60, the same programs) the long path throws on some,"
      + " never answers differently, and fromBasis falls back to the BigInteger answer")
  void longBasisCheckThrowsPastALong() {
    long overflowsBefore = FilterAccess.basisOverflows();
    int[] tried = {0};
    int[] threw = {0};
    qt().withExamples(PropertySettings.examples(200))
        .withFixedSeed(SEED + 10)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              RandomPrograms g = new RandomPrograms(seed);
              LinearProgram lp = scaledRows(filterProgram(g), g.rnd);
              boolean[][] guess = corruptedGuess(g, lp);
              LpResult big = FilterAccess.fromBasisInBigIntegers(lp, guess[0], guess[1]);
              assertSameResult(big, FilterAccess.fromBasis(lp, guess[0], guess[1]),
                  "seed " + seed + ", fromBasis");
              tried[0]++;
              LpResult inLongs;
              try {
                inLongs = FilterAccess.fromBasisInLongs(lp, guess[0], guess[1]);
              } catch (ArithmeticException overflow) {
                threw[0]++;
                return;
              }
              assertSameResult(big, inLongs, "seed " + seed + ", the long path");
            });
    // The overflow branch is exercised (many scaled programs still fit: the scale cancels in x,
    // and the checks compare products in 128 bits).
    assertTrue(threw[0] * 10 >= tried[0] && FilterAccess.basisOverflows() > overflowsBefore,
        "the long path threw on " + threw[0] + " of " + tried[0] + " scaled programs, and"
            + " fromBasis fell back " + (FilterAccess.basisOverflows() - overflowsBefore)
            + " times");
  }

  /** The same program with each row and its right-hand side times a power of two, 2^36 to 2^60. */
  private static LinearProgram scaledRows(LinearProgram lp, java.util.Random rnd) {
    int m = lp.constraints();
    int n = lp.variables();
    Rational[][] a = new Rational[m][];
    Rational[] b = new Rational[m];
    for (int i = 0; i < m; i++) {
      Rational f = Rational.of(BigInteger.ONE.shiftLeft(36 + rnd.nextInt(25)));
      a[i] = QVectors.scale(f, lp.a().row(i));
      b[i] = lp.b(i).multiply(f);
    }
    return new LinearProgram(lp.c(), QMatrix.of(a, n), relations(lp), b, lowerBounds(lp));
  }

  /** The program's relations, a copy. */
  private static Relation[] relations(LinearProgram lp) {
    Relation[] rel = new Relation[lp.constraints()];
    for (int i = 0; i < rel.length; i++) {
      rel[i] = lp.relation(i);
    }
    return rel;
  }

  /** The program's lower bounds (null for a free variable), a copy. */
  private static Rational[] lowerBounds(LinearProgram lp) {
    Rational[] lower = new Rational[lp.variables()];
    for (int j = 0; j < lower.length; j++) {
      lower[j] = lp.lower(j);
    }
    return lower;
  }

  /** Both null, or the same status, value, primal and dual. */
  private static void assertSameResult(LpResult expected, LpResult actual, String where) {
    if (expected == null || actual == null) {
      assertTrue(expected == null && actual == null, where + ": one path rejected, one accepted");
      return;
    }
    assertEquals(expected.status(), actual.status(), where);
    assertEquals(expected.value(), actual.value(), where);
    assertEquals(java.util.Arrays.asList(expected.x()), java.util.Arrays.asList(actual.x()), where);
    assertEquals(java.util.Arrays.asList(expected.y()), java.util.Arrays.asList(actual.y()), where);
  }

  /**
   * A basis guess for lp, right or wrong: the floating-point guess with a few entries flipped, a
   * random square guess, the guess with a tight row swapped for another, or the optimal basis of
   * the program with another objective (kinds 0-3, one in four each).
   */
  private static boolean[][] corruptedGuess(RandomPrograms g, LinearProgram lp) {
    int n = lp.variables();
    int m = lp.constraints();
    boolean[] basic;
    boolean[] tight;
    int kind = g.rnd.nextInt(4);
    boolean[][] hint = null;
    if (kind == 3) {
      // A perturbed hint: the optimal basis of the program with another objective.
      Rational[] c2 = lp.c();
      c2[g.rnd.nextInt(n)] = g.small();
      hint = FilterAccess.guess(
          new LinearProgram(c2, lp.a(), relations(lp), lp.b(), lowerBounds(lp)));
    } else {
      hint = FilterAccess.guess(lp);
    }
    if (hint == null) {
      basic = new boolean[n];
      tight = new boolean[m];
    } else {
      basic = hint[0];
      tight = hint[1];
    }
    if (kind == 0) {
      // Flip a few entries: usually not square, or another basis.
      for (int f = 1 + g.rnd.nextInt(2); f > 0; f--) {
        if (g.rnd.nextBoolean() || m == 0) {
          int j = g.rnd.nextInt(n);
          basic[j] = !basic[j];
        } else {
          int i = g.rnd.nextInt(m);
          tight[i] = !tight[i];
        }
      }
    } else if (kind == 1) {
      // A random square guess: k basic variables and k tight rows.
      int k = g.rnd.nextInt(1 + Math.min(n, m));
      java.util.Arrays.fill(basic, false);
      java.util.Arrays.fill(tight, false);
      for (int c = 0; c < k; c++) {
        basic[g.rnd.nextInt(n)] = true;
        tight[g.rnd.nextInt(m)] = true;
      }
    } else if (kind == 2 && m > 0) {
      // Swap one tight row for a non-tight one (same size, another basis).
      int i = g.rnd.nextInt(m);
      int i2 = g.rnd.nextInt(m);
      if (tight[i] != tight[i2]) {
        tight[i] = !tight[i];
        tight[i2] = !tight[i2];
      }
    }
    return new boolean[][] {basic, tight};
  }

  static LinearProgram addRows(
      LinearProgram lp, Rational[][] rows, Relation[] rel, Rational[] rhs) {
    int m = lp.constraints();
    int n = lp.variables();
    Rational[][] a = new Rational[m + rows.length][];
    Relation[] r = new Relation[m + rows.length];
    Rational[] b = new Rational[m + rows.length];
    for (int i = 0; i < m; i++) {
      a[i] = lp.a().row(i);
      r[i] = lp.relation(i);
      b[i] = lp.b(i);
    }
    for (int k = 0; k < rows.length; k++) {
      a[m + k] = rows[k];
      r[m + k] = rel[k];
      b[m + k] = rhs[k];
    }
    return new LinearProgram(lp.c(), QMatrix.of(a, n), r, b, lowerBounds(lp));
  }

  @Test
  @DisplayName("the filtered LP's basis solve equals exact elimination on random non-singular"
      + " square systems: dense, epigraph-shaped and their transposes, and ones past 62 bits")
  void basisSolveAgreesWithElimination() {
    long overflowsBefore = FilterAccess.squareOverflows();
    int[] tried = {0};
    int[] solved = {0};
    int[] wide = {0};
    qt().withExamples(PropertySettings.examples(600))
        .withFixedSeed(SEED + 7)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              java.util.Random rnd = new java.util.Random(seed);
              boolean isWide = rnd.nextInt(3) == 0;
              BigInteger[][] t = squareSystem(rnd, rnd.nextBoolean(), false, isWide);
              tried[0]++;
              Rational[] expected = eliminate(t);
              Rational[] x = solveSquareUnchanged(t, seed);
              if (expected == null) { // a random dense system can be singular by chance
                assertTrue(x == null, "seed " + seed + ": a singular system was solved");
                return;
              }
              assertNotNull(x, "seed " + seed + ": a non-singular system was called singular");
              for (int j = 0; j < t.length; j++) {
                assertEquals(expected[j], x[j], "seed " + seed + ", x_" + (j + 1));
              }
              solved[0]++;
              wide[0] += isWide ? 1 : 0;
            });
    // Most systems must be non-singular, else the property mostly tests the singular branch.
    assertTrue(solved[0] * 2 >= tried[0],
        "only " + solved[0] + " of " + tried[0] + " systems were non-singular");
    // The rational fallback must have run for the wide systems, else only the long path is tested.
    assertTrue(FilterAccess.squareOverflows() - overflowsBefore >= wide[0] / 2,
        "the rational fallback ran " + (FilterAccess.squareOverflows() - overflowsBefore)
            + " times for " + wide[0] + " wide systems");
  }

  @Test
  @DisplayName("basis solve falsifier: with the non-singularity hypothesis dropped (a row a"
      + " multiple of another, or a zero column) the solve reports the system singular, never"
      + " an answer, on both the long path and the rational fallback")
  void basisSolveRefusesSingularSystems() {
    qt().withExamples(PropertySettings.examples(300))
        .withFixedSeed(SEED + 8)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              java.util.Random rnd = new java.util.Random(seed);
              BigInteger[][] t =
                  squareSystem(rnd, rnd.nextBoolean(), true, rnd.nextInt(3) == 0);
              assertTrue(eliminate(t) == null,
                  "seed " + seed + ": the generator made a non-singular system");
              assertTrue(solveSquareUnchanged(t, seed) == null,
                  "seed " + seed + ": a singular system was solved");
            });
  }

  /** {@link Elimination#solve} on {@code [A | b]}, the reference of the basis-solve properties. */
  private static Rational[] eliminate(BigInteger[][] t) {
    int k = t.length;
    Rational[][] rows = new Rational[k][k];
    Rational[] rhs = new Rational[k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        rows[i][j] = Rational.of(t[i][j]);
      }
      rhs[i] = Rational.of(t[i][k]);
    }
    return Elimination.solve(QMatrix.of(rows, k), rhs);
  }

  /** The basis solve of {@code [A | b]}, asserting that it leaves the system as it was. */
  private static Rational[] solveSquareUnchanged(BigInteger[][] t, long seed) {
    BigInteger[][] copy = new BigInteger[t.length][];
    for (int i = 0; i < t.length; i++) {
      copy[i] = t[i].clone();
    }
    Rational[] x = FilterAccess.solveSquare(t);
    for (int i = 0; i < t.length; i++) {
      assertTrue(java.util.Arrays.equals(copy[i], t[i]),
          "seed " + seed + ": the system was changed");
    }
    return x;
  }

  /**
   * A random square integer system {@code [A | b]} with k = 1..10: dense with small entries, or
   * an epigraph basis (a dense t block, then one column per point with a single entry) or, at
   * random, its transpose. If {@code singular}, A is made singular (a row a multiple of another,
   * possibly zero, or a zero column). If {@code wide}, one row is multiplied by a number of 61 to
   * 90 bits, so that {@code long} overflows.
   */
  private static BigInteger[][] squareSystem(
      java.util.Random rnd, boolean epigraph, boolean singular, boolean wide) {
    int k = 1 + rnd.nextInt(10);
    long[][] a = new long[k][k + 1];
    if (epigraph) {
      int q = 1 + rnd.nextInt(Math.min(k, 4)); // the t block
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < q; j++) {
          a[i][j] = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(41) - 20;
        }
        if (i >= q) {
          a[i][i] = 1 + rnd.nextInt(12); // e_(i - q), in its own row only
        }
        a[i][k] = rnd.nextInt(41) - 20;
      }
      if (rnd.nextBoolean()) {
        long[][] tr = new long[k][k + 1];
        for (int i = 0; i < k; i++) {
          for (int j = 0; j < k; j++) {
            tr[i][j] = a[j][i];
          }
          tr[i][k] = a[i][k];
        }
        a = tr;
      }
    } else {
      for (int i = 0; i < k; i++) {
        for (int j = 0; j <= k; j++) {
          a[i][j] = rnd.nextInt(2) == 0 ? 0 : rnd.nextInt(11) - 5;
        }
      }
    }
    if (singular) {
      int i1 = rnd.nextInt(k);
      if (k >= 2 && rnd.nextBoolean()) {
        int i2 = (i1 + 1 + rnd.nextInt(k - 1)) % k;
        long f = rnd.nextInt(7) - 3;
        for (int j = 0; j < k; j++) {
          a[i2][j] = f * a[i1][j];
        }
      } else {
        for (int i = 0; i < k; i++) {
          a[i][i1] = 0;
        }
      }
    }
    BigInteger[][] t = new BigInteger[k][k + 1];
    BigInteger big = wide ? new BigInteger(61 + rnd.nextInt(30), rnd).setBit(60) : BigInteger.ONE;
    int bigRow = rnd.nextInt(k);
    for (int i = 0; i < k; i++) {
      for (int j = 0; j <= k; j++) {
        BigInteger v = BigInteger.valueOf(a[i][j]);
        t[i][j] = i == bigRow ? v.multiply(big) : v;
      }
    }
    return t;
  }
}
