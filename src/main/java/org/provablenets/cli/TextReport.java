package org.provablenets.cli;

import java.io.PrintWriter;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.cert.Checked;
import org.provablenets.cert.Verdict;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.exact.linalg.Elimination;
import org.provablenets.exact.lp.LinearProgram;
import org.provablenets.exact.lp.LpResult;
import org.provablenets.exact.lp.Relation;
import org.provablenets.exact.qp.QpResult;
import org.provablenets.exact.qp.QuadraticProgram;
import org.provablenets.qual.Certified;

/**
 * The human-readable reports of the commands: exact values first, decimal approximations beside
 * them (marked {@code ~}, for reading only).
 */
final class TextReport {
  /** Significant digits of the decimal approximations printed beside vectors. */
  private static final int VECTOR_DIGITS = 10;

  /** Width of the label column. */
  static final String INDENT = "            ";

  private TextReport() {}

  /** Prints the full report of an LP: size, status, value, certificate parts and checks. */
  static void lp(PrintWriter out, String source, LinearProgram lp, Checked<LpResult> c) {
    LpResult r = c.result();
    out.println("LP " + source + ": " + size(lp));
    out.println(label("status") + r.status());
    value(out, r.value());
    vector(out, "x", r.x());
    vector(out, "y", r.y());
    vector(out, "ray", r.ray());
    checks(out, c);
  }

  /** Prints the full report of a QP: size, status, value, certificate parts and checks. */
  static void qp(PrintWriter out, String source, QuadraticProgram qp, Checked<QpResult> c) {
    QpResult r = c.result();
    out.println("QP " + source + ": " + size(qp));
    out.println(label("status") + r.status());
    value(out, r.value());
    vector(out, "x", r.x());
    vector(out, "lambda", r.lambda());
    vector(out, "mu", r.mu());
    vector(out, "direction", r.direction());
    checks(out, c);
  }

  /** The size of an LP, e.g. {@code 3 variables (1 free), 4 constraints (2 <=, 1 =, 1 >=)}. */
  static String size(LinearProgram lp) {
    int free = 0;
    for (int j = 0; j < lp.variables(); j++) {
      if (lp.lower(j) == null) {
        free++;
      }
    }
    int[] count = new int[Relation.values().length];
    for (int i = 0; i < lp.constraints(); i++) {
      count[lp.relation(i).ordinal()]++;
    }
    StringBuilder rel = new StringBuilder();
    for (Relation r : Relation.values()) {
      if (count[r.ordinal()] > 0) {
        rel.append(rel.length() == 0 ? " (" : ", ").append(count[r.ordinal()]).append(' ')
            .append(r.symbol());
      }
    }
    if (rel.length() > 0) {
      rel.append(')');
    }
    return plural(lp.variables(), "variable") + (free > 0 ? " (" + free + " free)" : "") + ", "
        + plural(lp.constraints(), "constraint") + rel;
  }

  /** The size of a QP, e.g. {@code 2 variables, Q of rank 1 (singular), 2 inequalities}. */
  static String size(QuadraticProgram qp) {
    int n = qp.variables();
    int rank = Elimination.rank(qp.q());
    return plural(n, "variable") + ", Q of rank " + rank + (rank < n ? " (singular)" : "")
        + ", " + plural(qp.g().rows(), "inequality", "inequalities") + ", "
        + plural(qp.e().rows(), "equality", "equalities");
  }

  /** An exact rational with its decimal approximation, e.g. {@code 23/3 (~ 7.6666666666666667)}. */
  static String exactAndDecimal(Rational q) {
    String exact = Rationals.format(q);
    String dec = Rationals.decimal(q);
    return exact.equals(dec) ? exact : exact + " (~ " + dec + ")";
  }

  /** A vector of exact rationals, e.g. {@code [2/3, 8/3, -1/3]}. */
  static String exact(Rational[] v) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      s.append(i == 0 ? "" : ", ").append(Rationals.format(v[i]));
    }
    return s.append(']').toString();
  }

  private static void value(PrintWriter out, @Nullable Rational value) {
    if (value != null) {
      out.println(label("value") + exactAndDecimal(value));
    }
  }

  private static void vector(PrintWriter out, String name, Rational @Nullable [] v) {
    if (v == null) {
      return;
    }
    out.println(label(name) + exact(v));
    boolean integral = true;
    StringBuilder s = new StringBuilder("~ [");
    for (int i = 0; i < v.length; i++) {
      integral &= v[i].isInteger();
      s.append(i == 0 ? "" : ", ").append(Rationals.decimal(v[i], VECTOR_DIGITS));
    }
    if (!integral) {
      out.println(INDENT + s.append(']'));
    }
  }

  /** The conditions checked, one a line, then {@code certificate: } and {@link #verdictLine}. */
  static <T> void checks(PrintWriter out, Checked<T> c) {
    List<String> checked = c.verdict().checked();
    for (int i = 0; i < checked.size(); i++) {
      out.println((i == 0 ? label("checked") : INDENT) + checked.get(i));
    }
    out.println("certificate: " + verdictLine(c));
  }

  /**
   * {@code verified (k conditions)} for a result the checker certified, {@code REJECTED: reason}
   * otherwise.
   */
  static <T> String verdictLine(Checked<T> c) {
    @Nullable @Certified T r = c.certified();
    return r != null ? verifiedLine(r, c.verdict()) : "REJECTED: " + c.verdict().failure();
  }

  /** {@code verified (k conditions)}: only for a result the checker certified. */
  static <T> String verifiedLine(@Certified T result, Verdict v) {
    return "verified (" + plural(v.checked().size(), "condition") + ")";
  }

  /** {@code certified: true} for a result the checker certified, {@code certified: false} else. */
  static <T> String certifiedLine(Checked<T> c) {
    return "certified: " + certifiedResult(c.certified());
  }

  /** True exactly for a {@code @Certified} result: the only source of a printed "true". */
  static <T> boolean certifiedResult(@Nullable @Certified T r) {
    return r != null;
  }

  /** {@code verified (k conditions)} or {@code REJECTED: reason}. */
  static String verdictLine(Verdict v) {
    @Certified Verdict c = v.certified();
    return c != null ? verifiedLine(c) : "REJECTED: " + v.failure();
  }

  /** {@code verified (k conditions)}: only for a verdict the checker accepted. */
  static String verifiedLine(@Certified Verdict v) {
    return "verified (" + plural(v.checked().size(), "condition") + ")";
  }

  /** {@code certified: true} for an accepted verdict, {@code certified: false} otherwise. */
  static String certifiedLine(Verdict v) {
    return "certified: " + certifiedFlag(v.certified());
  }

  /** True exactly for a {@code @Certified} verdict: the only source of a printed "true". */
  static boolean certifiedFlag(@Nullable @Certified Verdict c) {
    return c != null;
  }

  /** A label padded to the label column. */
  static String label(String name) {
    return name.length() >= INDENT.length() ? name + " " : name + INDENT.substring(name.length());
  }

  /** {@code k} and the noun, singular when k is 1: {@code plural(3, "point")} is "3 points". */
  static String plural(long k, String one) {
    return plural(k, one, one + "s");
  }

  /** {@code k} and the noun, {@code one} when k is 1 and {@code many} otherwise. */
  static String plural(long k, String one, String many) {
    return k + " " + (k == 1 ? one : many);
  }
}
