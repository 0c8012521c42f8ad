package org.provablenets.cert;

import java.math.BigInteger;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.exact.linalg.QVectors;
import org.provablenets.exact.lp.LinearProgram;
import org.provablenets.exact.lp.LpResult;
import org.provablenets.exact.lp.Relation;
import org.provablenets.exact.qp.QpResult;
import org.provablenets.exact.qp.QuadraticProgram;
import org.provablenets.qual.Certified;
import org.provablenets.qual.Rigorous;

/**
 * The independent checker of LP and QP certificates. It uses only exact rational arithmetic
 * (additions, multiplications and comparisons of {@link Rational}s) and never calls a solver.
 *
 * <p>Each method restates the conditions it checks and tests them one by one; a rejection names
 * the first failed condition, where, and by how much. The theory behind each certificate (weak
 * duality, KKT sufficiency, Farkas' lemma) is in {@code proofs-notes/certificates.md}.
 *
 * <p>Cost: a few matrix-vector products, O(m n) rational operations.
 */
public final class CertificateChecker {
  private CertificateChecker() {}

  /**
   * Checks an LP certificate.
   *
   * <p>OPTIMAL (x, y, v): (1) x has n entries and y has m; (2) primal feasibility: {@code A_i x
   * REL_i b_i} and {@code x_j >= l_j}; (3) dual signs: {@code y_i >= 0} for {@code >=}, {@code y_i
   * <= 0} for {@code <=}; (4) reduced costs {@code r = c - A'y}: {@code r_j = 0} for free, {@code
   * r_j >= 0} for bounded variables; (5) {@code c'x = v}; (6) the dual value {@code b'y + sum l_j
   * r_j} equals v. By weak duality every feasible point costs at least the dual value, so v is the
   * optimum.
   *
   * <p>INFEASIBLE (y): (1) y has m entries; (3) dual signs as above; (4') {@code r = -A'y} is 0 on
   * free and {@code >= 0} on bounded variables; (6') {@code b'y + sum l_j r_j > 0}.
   *
   * <p>UNBOUNDED (x, d): (2) x feasible; (7) {@code A_i d REL_i 0}, {@code d_j >= 0} on bounded
   * variables; (8) {@code c'd < 0}.
   */
  public static Verdict checkLp(LinearProgram lp, LpResult r) {
    Verdict v = new Verdict();
    int n = lp.variables();
    int m = lp.constraints();
    switch (r.status()) {
      case OPTIMAL:
        {
          Rational[] x = r.x();
          Rational[] y = r.y();
          Rational value = r.value();
          if (x == null || y == null || value == null) {
            v.fail("an OPTIMAL certificate needs x, y and the value");
            return v;
          }
          if (!lengths(v, "x", x, n) || !lengths(v, "y", y, m)) {
            return v;
          }
          lpPrimalFeasible(v, lp, x);
          lpDualSigns(v, lp, y, "y");
          Rational[] red = QVectors.subtract(lp.c(), lp.a().transposeTimes(y));
          Rational dualValue =
              QVectors.dot(lp.b(), y).add(lpReducedCosts(v, lp, red, "reduced cost c - A'y"));
          Rational primal = lp.objective(x);
          equal(v, "c'x equals the claimed value", primal, value);
          equal(v, "the dual value b'y + sum l_j r_j equals the claimed value", dualValue, value);
          return v;
        }
      case INFEASIBLE:
        {
          Rational[] y = r.y();
          if (y == null) {
            v.fail("an INFEASIBLE certificate needs a Farkas vector y");
            return v;
          }
          if (!lengths(v, "y", y, m)) {
            return v;
          }
          lpDualSigns(v, lp, y, "Farkas y");
          Rational[] red = QVectors.negate(lp.a().transposeTimes(y));
          Rational dualValue = QVectors.dot(lp.b(), y).add(lpReducedCosts(v, lp, red, "-A'y"));
          if (dualValue.signum() > 0) {
            v.pass("b'y + sum l_j r_j = " + Rationals.format(dualValue) + " > 0");
          } else {
            v.fail("Farkas condition b'y + sum l_j r_j > 0 fails: it is "
                + Rationals.format(dualValue));
          }
          return v;
        }
      case UNBOUNDED:
      default:
        {
          Rational[] x = r.x();
          Rational[] d = r.ray();
          if (!pointAndRay(v, x, d, n, "ray") || x == null || d == null) {
            return v;
          }
          lpPrimalFeasible(v, lp, x);
          Rational[] ad = lp.a().times(d);
          for (int i = 0; i < m; i++) {
            relation(v, "ray: row " + (i + 1) + " of A d", ad[i], lp.relation(i), Rational.ZERO);
          }
          for (int j = 0; j < n; j++) {
            if (lp.lower(j) != null && d[j].signum() < 0) {
              v.fail("ray: d_" + (j + 1) + " = " + Rationals.format(d[j])
                  + " < 0 on a variable bounded below");
            }
          }
          v.pass("ray stays in the recession cone");
          Rational cd = lp.objective(d);
          if (cd.signum() < 0) {
            v.pass("c'd = " + Rationals.format(cd) + " < 0");
          } else {
            v.fail("ray does not improve: c'd = " + Rationals.format(cd) + " >= 0");
          }
          return v;
        }
    }
  }

  /**
   * Checks a QP certificate for {@code min 1/2 x'Qx + c'x + k  s.t.  Gx >= h, Ex = f}.
   *
   * <p>OPTIMAL (x, lambda, mu, v): (1) lengths; (2) primal feasibility {@code Gx >= h}, {@code Ex =
   * f}; (3) {@code lambda >= 0}; (4) stationarity {@code Qx + c = G'lambda + E'mu}; (5)
   * complementary slackness {@code lambda_i (Gx - h)_i = 0}; (6) the objective at x equals v. (1)-(5)
   * are the KKT conditions, sufficient for optimality of a convex program; equivalently the weak
   * dual bound of (x, lambda, mu) equals v.
   *
   * <p>INFEASIBLE (lambda, mu): {@code lambda >= 0}, {@code G'lambda + E'mu = 0}, {@code h'lambda +
   * f'mu > 0}.
   *
   * <p>UNBOUNDED (x, d): x feasible, {@code Qd = 0}, {@code Gd >= 0}, {@code Ed = 0}, {@code c'd <
   * 0}.
   */
  public static Verdict checkQp(QuadraticProgram qp, QpResult r) {
    Verdict v = new Verdict();
    int n = qp.variables();
    int mg = qp.g().rows();
    int me = qp.e().rows();
    switch (r.status()) {
      case OPTIMAL:
        {
          Rational[] x = r.x();
          Rational[] lambda = r.lambda();
          Rational[] mu = r.mu();
          Rational value = r.value();
          if (x == null || lambda == null || mu == null || value == null) {
            v.fail("an OPTIMAL certificate needs x, lambda, mu and the value");
            return v;
          }
          if (!lengths(v, "x", x, n) || !lengths(v, "lambda", lambda, mg)
              || !lengths(v, "mu", mu, me)) {
            return v;
          }
          Rational[] slack = qpPrimalFeasible(v, qp, x);
          nonNegative(v, "lambda", lambda);
          Rational[] grad = QVectors.add(qp.q().times(x), qp.c());
          Rational[] comb =
              QVectors.add(qp.g().transposeTimes(lambda), qp.e().transposeTimes(mu));
          vectorEqual(v, "stationarity Qx + c = G'lambda + E'mu", grad, comb);
          for (int i = 0; i < mg; i++) {
            Rational p = lambda[i].multiply(slack[i]);
            if (p.signum() != 0) {
              v.fail("complementary slackness fails at inequality " + (i + 1) + ": lambda_"
                  + (i + 1) + " * (Gx - h)_" + (i + 1) + " = " + Rationals.format(p));
            }
          }
          v.pass("complementary slackness lambda_i (Gx - h)_i = 0");
          equal(v, "the objective at x equals the claimed value", qp.objective(x), value);
          return v;
        }
      case INFEASIBLE:
        {
          Rational[] lambda = r.lambda();
          Rational[] mu = r.mu();
          if (lambda == null || mu == null) {
            v.fail("an INFEASIBLE certificate needs lambda and mu");
            return v;
          }
          if (!lengths(v, "lambda", lambda, mg) || !lengths(v, "mu", mu, me)) {
            return v;
          }
          nonNegative(v, "Farkas lambda", lambda);
          Rational[] comb =
              QVectors.add(qp.g().transposeTimes(lambda), qp.e().transposeTimes(mu));
          vectorEqual(v, "G'lambda + E'mu = 0", comb, QVectors.zeros(n));
          Rational s = QVectors.dot(qp.h(), lambda).add(QVectors.dot(qp.f(), mu));
          if (s.signum() > 0) {
            v.pass("h'lambda + f'mu = " + Rationals.format(s) + " > 0");
          } else {
            v.fail("Farkas condition h'lambda + f'mu > 0 fails: it is " + Rationals.format(s));
          }
          return v;
        }
      case UNBOUNDED:
      default:
        {
          Rational[] x = r.x();
          Rational[] d = r.direction();
          if (!pointAndRay(v, x, d, n, "direction") || x == null || d == null) {
            return v;
          }
          qpPrimalFeasible(v, qp, x);
          vectorEqual(v, "Qd = 0", qp.q().times(d), QVectors.zeros(n));
          Rational[] gd = qp.g().times(d);
          for (int i = 0; i < mg; i++) {
            if (gd[i].signum() < 0) {
              v.fail("direction leaves the feasible set: (Gd)_" + (i + 1) + " = "
                  + Rationals.format(gd[i]) + " < 0");
            }
          }
          v.pass("Gd >= 0");
          vectorEqual(v, "Ed = 0", qp.e().times(d), QVectors.zeros(me));
          Rational cd = QVectors.dot(qp.c(), d);
          if (cd.signum() < 0) {
            v.pass("c'd = " + Rationals.format(cd) + " < 0");
          } else {
            v.fail("direction does not improve: c'd = " + Rationals.format(cd) + " >= 0");
          }
          return v;
        }
    }
  }

  /**
   * Checks an LP certificate ({@link #checkLp}) and returns the result with its verdict, typed
   * {@code @Certified} if the verdict accepts.
   */
  @SuppressWarnings("cast.unsafe") // the one place that mints @Certified LP results
  public static Checked<LpResult> checked(LinearProgram lp, LpResult r) {
    Verdict v = checkLp(lp, r);
    return new Checked<>(r, v, v.accepted() ? (@Certified LpResult) r : null);
  }

  /**
   * Checks a QP certificate ({@link #checkQp}) and returns the result with its verdict, typed
   * {@code @Certified} if the verdict accepts.
   */
  @SuppressWarnings("cast.unsafe") // the one place that mints @Certified QP results
  public static Checked<QpResult> checked(QuadraticProgram qp, QpResult r) {
    Verdict v = checkQp(qp, r);
    return new Checked<>(r, v, v.accepted() ? (@Certified QpResult) r : null);
  }

  /**
   * Returns the LP result typed {@code @Certified} if its certificate verifies.
   *
   * @throws CertificateRejectedException naming the failed condition otherwise
   */
  public static @Certified LpResult certify(LinearProgram lp, LpResult r) {
    return certified(checked(lp, r), "LP");
  }

  /**
   * Returns the QP result typed {@code @Certified} if its certificate verifies.
   *
   * @throws CertificateRejectedException naming the failed condition otherwise
   */
  public static @Certified QpResult certify(QuadraticProgram qp, QpResult r) {
    return certified(checked(qp, r), "QP");
  }

  /**
   * The certified result of a check, or a {@link CertificateRejectedException} "{@code what}
   * certificate rejected: " and the failed condition.
   */
  static <T> @Certified T certified(Checked<T> c, String what) {
    @Nullable @Certified T ok = c.certified();
    if (ok == null) {
      throw new CertificateRejectedException(
          what + " certificate rejected: " + c.verdict().failure());
    }
    return ok;
  }

  /**
   * Weak duality for a convex QP: a rigorous lower bound on its optimum from any dual-feasible
   * point.
   *
   * <p><b>Proposition.</b> If {@code lambda >= 0} and {@code Q u + c = G' lambda + E' mu} for some
   * u, then every feasible x has objective {@code >= h' lambda + f' mu - 1/2 u' Q u + k}. Proof:
   * {@code 1/2 (x-u)'Q(x-u) >= 0} gives {@code 1/2 x'Qx >= x'Qu - 1/2 u'Qu}, so the objective is
   * at least {@code x'(Qu + c) - 1/2 u'Qu + k = lambda'Gx + mu'Ex - 1/2 u'Qu + k >= lambda'h + mu'f
   * - 1/2 u'Qu + k}. Cost: O(n (n + m)) exact operations; nothing is solved.
   *
   * @throws CertificateRejectedException naming the failed dual-feasibility condition
   */
  @SuppressWarnings("cast.unsafe") // an exactly verified weak-duality bound is rigorous
  public static @Rigorous Rational qpDualBound(
      QuadraticProgram qp, Rational[] u, Rational[] lambda, Rational[] mu) {
    Verdict v = new Verdict();
    BigInteger[][] qu = {new BigInteger[0], new BigInteger[0]}; // Qu, once the lengths are right
    if (lengths(v, "u", u, qp.variables())
        && lengths(v, "lambda", lambda, qp.g().rows())
        && lengths(v, "mu", mu, qp.e().rows())) {
      qu = qp.q().timesUnreduced(u);
      nonNegative(v, "lambda", lambda);
      stationarity(v, qu, qp.c(), qp.g().transposeTimesUnreduced(lambda),
          qp.e().transposeTimesUnreduced(mu));
    }
    String failure = v.failure();
    if (failure != null) {
      throw new CertificateRejectedException("dual point rejected: " + failure);
    }
    // u'Qu over one unreduced denominator, normalised once.
    BigInteger un = BigInteger.ZERO;
    BigInteger ud = BigInteger.ONE;
    for (int i = 0; i < u.length && i < qu[0].length && i < qu[1].length; i++) {
      if (u[i].signum() == 0 || qu[0][i].signum() == 0) {
        continue;
      }
      BigInteger tn = u[i].getNumerator().multiply(qu[0][i]);
      BigInteger td = u[i].getDenominator().multiply(qu[1][i]);
      if (td.equals(ud)) {
        un = un.add(tn);
      } else {
        un = un.multiply(td).add(tn.multiply(ud));
        ud = ud.multiply(td);
      }
    }
    Rational bound =
        QVectors.dot(qp.h(), lambda)
            .add(QVectors.dot(qp.f(), mu))
            .subtract(Rational.of(un, ud.shiftLeft(1)))
            .add(qp.k());
    return (@Rigorous Rational) bound;
  }

  /**
   * Weak duality for an LP: a rigorous lower bound on its optimum from any dual-feasible vector.
   *
   * <p><b>Proposition.</b> If y has the signs its rows require ({@code y_i >= 0} for {@code >=},
   * {@code <= 0} for {@code <=}) and the reduced costs {@code r = c - A'y} are zero on free and
   * {@code >= 0} on bounded variables, then every feasible x has {@code c'x >= b'y + sum_j l_j r_j}.
   * Proof: {@code c'x = y'Ax + r'x >= y'b + sum_j r_j l_j}, row by row and variable by variable.
   * Cost: one product {@code A'y}; nothing is solved.
   *
   * @throws CertificateRejectedException naming the failed dual-feasibility condition
   */
  @SuppressWarnings("cast.unsafe") // an exactly verified weak-duality bound is rigorous
  public static @Rigorous Rational lpDualBound(LinearProgram lp, Rational[] y) {
    Verdict v = new Verdict();
    Rational bound = Rational.ZERO;
    if (lengths(v, "y", y, lp.constraints())) {
      lpDualSigns(v, lp, y, "y");
      Rational[] red = QVectors.subtract(lp.c(), lp.a().transposeTimes(y));
      bound = QVectors.dot(lp.b(), y).add(lpReducedCosts(v, lp, red, "reduced cost c - A'y"));
    }
    String failure = v.failure();
    if (failure != null) {
      throw new CertificateRejectedException("dual vector rejected: " + failure);
    }
    return (@Rigorous Rational) bound;
  }

  // ---- the individual conditions ----

  /**
   * UNBOUNDED (1): a point x and a {@code what} d ("ray" or "direction") were given, each with n
   * entries; records the failure otherwise.
   */
  private static boolean pointAndRay(Verdict v, Rational @Nullable [] x, Rational @Nullable [] d,
      int n, String what) {
    if (x == null || d == null) {
      v.fail("an UNBOUNDED certificate needs a feasible x and a " + what + " d");
      return false;
    }
    return lengths(v, "x", x, n) && lengths(v, what + " d", d, n);
  }

  private static boolean lengths(Verdict v, String name, Rational[] x, int expected) {
    if (x.length != expected) {
      v.fail(name + " has " + x.length + " entries, expected " + expected);
      return false;
    }
    return true;
  }

  private static void lpPrimalFeasible(Verdict v, LinearProgram lp, Rational[] x) {
    Rational[] ax = lp.a().times(x);
    for (int i = 0; i < lp.constraints(); i++) {
      relation(v, "constraint " + (i + 1), ax[i], lp.relation(i), lp.b(i));
    }
    for (int j = 0; j < lp.variables(); j++) {
      Rational l = lp.lower(j);
      if (l != null && x[j].compareTo(l) < 0) {
        v.fail("x_" + (j + 1) + " = " + Rationals.format(x[j]) + " is below its lower bound "
            + Rationals.format(l));
      }
    }
    v.pass("x is feasible");
  }

  private static void relation(
      Verdict v, String what, Rational lhs, Relation rel, Rational rhs) {
    int cmp = lhs.compareTo(rhs);
    boolean ok = rel == Relation.LE ? cmp <= 0 : rel == Relation.GE ? cmp >= 0 : cmp == 0;
    if (!ok) {
      v.fail(what + " is violated: " + Rationals.format(lhs) + " " + rel.symbol() + " "
          + Rationals.format(rhs) + " fails by " + Rationals.format(lhs.subtract(rhs).abs()));
    }
  }

  private static void lpDualSigns(Verdict v, LinearProgram lp, Rational[] y, String name) {
    for (int i = 0; i < lp.constraints(); i++) {
      Relation rel = lp.relation(i);
      int s = y[i].signum();
      if ((rel == Relation.GE && s < 0) || (rel == Relation.LE && s > 0)) {
        v.fail(name + "_" + (i + 1) + " = " + Rationals.format(y[i]) + " has the wrong sign for a "
            + rel.symbol() + " constraint");
      }
    }
    v.pass(name + " has the signs its constraints require");
  }

  /** Checks the sign pattern of r and returns {@code sum_j l_j r_j} over bounded variables. */
  private static Rational lpReducedCosts(
      Verdict v, LinearProgram lp, Rational[] red, String name) {
    Rational bound = Rational.ZERO;
    for (int j = 0; j < lp.variables(); j++) {
      Rational l = lp.lower(j);
      if (l == null) {
        if (red[j].signum() != 0) {
          v.fail(name + " of free variable x_" + (j + 1) + " is " + Rationals.format(red[j])
              + ", not 0");
        }
      } else {
        if (red[j].signum() < 0) {
          v.fail(name + " of x_" + (j + 1) + " is " + Rationals.format(red[j]) + " < 0");
        }
        bound = bound.add(l.multiply(red[j]));
      }
    }
    v.pass(name + " has the signs dual feasibility requires");
    return bound;
  }

  private static Rational[] qpPrimalFeasible(
      Verdict v, QuadraticProgram qp, Rational[] x) {
    Rational[] slack = QVectors.subtract(qp.g().times(x), qp.h());
    for (int i = 0; i < slack.length; i++) {
      if (slack[i].signum() < 0) {
        v.fail("inequality " + (i + 1) + " (Gx >= h) is violated by "
            + Rationals.format(slack[i].negate()));
      }
    }
    Rational[] er = QVectors.subtract(qp.e().times(x), qp.f());
    for (int i = 0; i < er.length; i++) {
      if (er[i].signum() != 0) {
        v.fail("equality " + (i + 1) + " (Ex = f) is violated by " + Rationals.format(er[i]));
      }
    }
    v.pass("x is feasible");
    return slack;
  }

  private static void nonNegative(Verdict v, String name, Rational[] x) {
    for (int i = 0; i < x.length; i++) {
      if (x[i].signum() < 0) {
        v.fail(name + "_" + (i + 1) + " = " + Rationals.format(x[i]) + " < 0");
      }
    }
    v.pass(name + " >= 0");
  }

  private static void equal(Verdict v, String what, Rational a, Rational b) {
    if (a.equals(b)) {
      v.pass(what);
    } else {
      v.fail(what + " fails: " + Rationals.format(a) + " vs " + Rationals.format(b)
          + " (difference " + Rationals.format(a.subtract(b)) + ")");
    }
  }

  /**
   * Checks {@code Qu + c = G'lambda + E'mu} coordinate by coordinate, the products given as
   * unreduced fractions {@code {num, den}} (positive denominators): {@code qn/qd + c = gn/gd +
   * en/ed} iff {@code (qn cd + cn qd) gd ed = (gn ed + en gd) qd cd}, in integers.
   */
  private static void stationarity(
      Verdict v, BigInteger[][] qu, Rational[] c, BigInteger[][] gl, BigInteger[][] em) {
    String what = "dual feasibility Qu + c = G'lambda + E'mu";
    for (int i = 0; i < c.length; i++) {
      BigInteger cn = c[i].getNumerator();
      BigInteger cd = c[i].getDenominator();
      BigInteger ln = qu[0][i].multiply(cd).add(cn.multiply(qu[1][i]));
      BigInteger ld = qu[1][i].multiply(cd);
      BigInteger rn = gl[0][i].multiply(em[1][i]).add(em[0][i].multiply(gl[1][i]));
      BigInteger rd = gl[1][i].multiply(em[1][i]);
      if (!ln.multiply(rd).equals(rn.multiply(ld))) {
        v.fail(what + " fails at coordinate " + (i + 1) + ": "
            + Rationals.format(Rational.of(ln, ld)) + " vs " + Rationals.format(Rational.of(rn, rd)));
        return;
      }
    }
    v.pass(what);
  }

  private static void vectorEqual(Verdict v, String what, Rational[] a, Rational[] b) {
    for (int i = 0; i < a.length; i++) {
      if (!a[i].equals(b[i])) {
        v.fail(what + " fails at coordinate " + (i + 1) + ": " + Rationals.format(a[i]) + " vs "
            + Rationals.format(b[i]));
        return;
      }
    }
    v.pass(what);
  }
}
