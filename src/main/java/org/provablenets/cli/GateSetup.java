package org.provablenets.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.RationalFormatException;
import org.provablenets.exact.Rationals;
import org.provablenets.gate.FiniteDistribution;
import org.provablenets.gate.GateAssessment;
import org.provablenets.gate.HypothesisFailedException;
import org.provablenets.io.ResultJson;
import org.provablenets.io.SupportCsv;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * What every {@code gate} subcommand starts from: the support file read into a finite
 * distribution (symmetrised unless {@code --asymmetric}) and what the hypothesis checker says
 * about it ({@link GateAssessment}: the certified spectral bounds, and the {@code
 * @HypothesesChecked} instance or the failure), with the report lines and JSON fields that
 * describe them. Also the option parsers shared by the subcommands (vectors, rationals, batch
 * size), each failing with one sentence naming the option (exit code 2).
 */
final class GateSetup {
  /** Default of {@code --width}: the largest width of each certified eigenvalue bracket. */
  static final String DEFAULT_WIDTH = "1/1000";

  final String source;
  final int rows;
  final boolean asymmetric;
  final FiniteDistribution dist;
  final GateAssessment<FiniteDistribution> checked;

  private GateSetup(String source, int rows, boolean asymmetric,
      GateAssessment<FiniteDistribution> checked) {
    this.source = source;
    this.rows = rows;
    this.asymmetric = asymmetric;
    this.dist = checked.distribution();
    this.checked = checked;
  }

  /**
   * Reads the support and checks the hypotheses.
   *
   * @throws org.provablenets.io.InputException if the support file is bad
   */
  static GateSetup load(String file, boolean asymmetric, Rational width) {
    Rational[][] rows = SupportCsv.readRows(CliCommand.path(file));
    FiniteDistribution dist = SupportCsv.distribution(rows, asymmetric);
    return of(file, rows.length, asymmetric, dist, width);
  }

  /** Checks the hypotheses of a distribution (the tour uses this on its embedded support). */
  static GateSetup of(
      String source, int rows, boolean asymmetric, FiniteDistribution dist, Rational width) {
    return new GateSetup(source, rows, asymmetric, GateAssessment.of(dist, width));
  }

  /** The failure sentence, or {@code null} if the hypotheses hold. */
  @Nullable String failureMessage() {
    return checked.failureMessage();
  }

  /** How the rows became support points, in words. */
  String describeSupport() {
    return asymmetric
        ? TextReport.plural(rows, "row") + " kept as given (--asymmetric): " + dist.size()
            + " points, row r is index r"
        : TextReport.plural(rows, "row") + " symmetrised: " + dist.size()
            + " points, row r gives index 2r (x) and 2r+1 (-x)";
  }

  /** The report lines describing the support. */
  void describe(PrintWriter out) {
    out.println(TextReport.label("support") + describeSupport());
    out.println(TextReport.label("dimension") + dist.dimension());
  }

  /** The JSON fields describing the support, in a fixed order. */
  void describe(ObjectNode o) {
    o.put("support", source);
    o.put("rows", rows);
    o.put("points", dist.size());
    o.put("dimension", dist.dimension());
    o.put("symmetrised", !asymmetric);
  }

  /** The hypothesis status fields: {@code hypothesesHold}, {@code failures} (with witnesses). */
  void hypotheses(ObjectNode o) {
    hypotheses(o, checked, true);
  }

  /**
   * {@code hypothesesHold} and {@code failures} of any distribution: each failure's hypothesis and
   * message, and its witness if {@code witnesses}.
   */
  static void hypotheses(ObjectNode o, GateAssessment<?> a, boolean witnesses) {
    o.put("hypothesesHold", a.instance() != null);
    ArrayNode fs = o.putArray("failures");
    HypothesisFailedException f = a.failure();
    if (f != null) {
      for (HypothesisFailedException.Failure x : f.failures()) {
        ObjectNode e = fs.addObject();
        e.put("hypothesis", x.hypothesis());
        e.put("message", x.message());
        Rational[] w = x.witness();
        if (witnesses && w == null) {
          e.putNull("witness");
        } else if (witnesses && w != null) {
          e.set("witness", ResultJson.vector(w));
        }
      }
    }
  }

  // ---- option parsers (usage errors, exit 2) ----

  /** A comma-separated vector of d exact rationals, e.g. {@code 1,-2,1/2}. */
  static Rational[] vector(CommandLine cl, String option, String text, int d, String source) {
    String[] parts = text.split(",", -1);
    Rational[] v = new Rational[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].strip();
      if (p.isEmpty()) {
        throw new ParameterException(
            cl, option + " is '" + text + "': coordinate " + (i + 1) + " is empty, expected"
                + " comma-separated numbers such as 1,-2,1/2");
      }
      try {
        v[i] = Rationals.parse(p);
      } catch (RationalFormatException e) {
        throw new ParameterException(
            cl, option + " is '" + text + "': coordinate " + (i + 1) + " " + e.getMessage());
      }
    }
    if (v.length != d) {
      throw new ParameterException(
          cl, option + " has " + TextReport.plural(v.length, "coordinate") + ", but the support"
              + " points in " + source + " have dimension " + d);
    }
    return v;
  }

  /** An exact rational option. */
  static Rational rational(CommandLine cl, String option, String text) {
    try {
      return Rationals.parse(text);
    } catch (RationalFormatException e) {
      throw new ParameterException(cl, option + " is '" + text + "': " + e.getMessage());
    }
  }

  /** A positive exact rational option (a step size, a bracket width). */
  static Rational positive(CommandLine cl, String option, String text, String what) {
    Rational q = rational(cl, option, text);
    if (q.signum() <= 0) {
      throw new ParameterException(
          cl, option + " is " + Rationals.format(q) + ", expected a positive " + what);
    }
    return q;
  }

  /** A non-negative exact rational option. */
  static Rational nonNegative(CommandLine cl, String option, String text, String what) {
    Rational q = rational(cl, option, text);
    if (q.signum() < 0) {
      throw new ParameterException(
          cl, option + " is " + Rationals.format(q) + ", expected a non-negative " + what);
    }
    return q;
  }

  /** The batch size, at least 1. */
  static int batch(CommandLine cl, int b) {
    if (b < 1) {
      throw new ParameterException(cl, "--batch is " + b + ", expected a batch size of at least 1");
    }
    return b;
  }

  /** The lower end of the range of {@link #inRange}: 10^-100. */
  static final Rational TINY =
      Rational.of(java.math.BigInteger.ONE, java.math.BigInteger.TEN.pow(100));

  /** The upper end of the range of {@link #inRange}: 10^100. */
  static final Rational HUGE = Rational.of(java.math.BigInteger.TEN.pow(100));

  /**
   * A positive exact rational option from 10^-100 to 10^100 (or 0 where {@code zero} allows it):
   * the range the bracket bisections, the {@code double} numerics and the certified radius need.
   */
  static Rational inRange(CommandLine cl, String option, String text, String what, boolean zero) {
    Rational q = zero ? nonNegative(cl, option, text, what) : positive(cl, option, text, what);
    if (q.signum() != 0 && (q.compareTo(TINY) < 0 || q.compareTo(HUGE) > 0)) {
      throw new ParameterException(cl, option + " is " + Rationals.decimal(q, 6) + ", expected "
          + (zero ? "0 or " : "") + "a " + what + " from 1e-100 to 1e100");
    }
    return q;
  }

  /**
   * The bracket width option, from 10^-100 to 10^100: the bisection of each bracket takes about
   * log2(range / width) exact steps, so a width such as 1e-10000 would run for hours.
   */
  static Rational width(CommandLine cl, String text) {
    return inRange(cl, "--width", text, "bracket width (such as 1/1000)", false);
  }

  /** Lower case, for option values such as attack names. */
  static String lower(String s) {
    return s.strip().toLowerCase(Locale.ROOT);
  }
}
