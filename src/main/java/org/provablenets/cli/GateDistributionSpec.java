package org.provablenets.cli;

import org.provablenets.exact.Rational;
import org.provablenets.exact.RationalFormatException;
import org.provablenets.exact.Rationals;
import org.provablenets.exact.linalg.QMatrix;
import org.provablenets.gate.SampledDistribution;
import org.provablenets.io.SupportCsv;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The {@code --distribution SPEC} syntax of {@code provnets gate run}: a sampled family with exact
 * rational parameters.
 *
 * <pre>
 *   gaussian:COV           N(0, COV)
 *   cube:D:A               uniform on [-A, A]^D
 *   student:COV:NU         Student-t with NU &gt; 4 (an integer) degrees of freedom, scaled to covariance COV
 *   mixture:COV:MU         (1/2) N(MU, COV) + (1/2) N(-MU, COV)
 *   shifted:COV:MU         N(MU, COV), the asymmetric control (fails (A1))
 * </pre>
 *
 * COV is a whole number d (the identity I_d) or a CSV file of d rows of d exact numbers (a
 * symmetric positive semidefinite matrix; the format of a support file). MU is a comma-separated
 * vector such as {@code 1,0,1/2}. Every bad part is a usage error (exit 2) naming it.
 */
final class GateDistributionSpec {
  private GateDistributionSpec() {}

  /** The largest dimension accepted (the exact eigenvalue brackets cost O(d^3) per step). */
  static final int MAX_DIMENSION = 64;

  /** The syntax, for --help and error messages. */
  static final String SYNTAX =
      "gaussian:COV, cube:D:A, student:COV:NU, mixture:COV:MU or shifted:COV:MU";

  static SampledDistribution parse(CommandLine cl, String spec) {
    String[] parts = spec.split(":", -1);
    String family = GateSetup.lower(parts[0]);
    try {
      switch (family) {
        case "gaussian":
          arity(cl, spec, parts, 2, "gaussian:COV");
          return SampledDistribution.gaussian(covariance(cl, spec, parts[1]));
        case "cube":
          {
            arity(cl, spec, parts, 3, "cube:D:A");
            int d = positiveInt(cl, spec, parts[1], "the dimension D");
            Rational a = number(cl, spec, parts[2], "the half-width A");
            return SampledDistribution.cube(d, a);
          }
        case "student":
          {
            arity(cl, spec, parts, 3, "student:COV:NU");
            QMatrix s = covariance(cl, spec, parts[1]);
            Rational nu = number(cl, spec, parts[2], "the degrees of freedom NU");
            if (nu.compareTo(Rational.of(4)) <= 0) {
              throw bad(cl, spec, "NU is " + Rationals.format(nu) + ", but the Student-t needs"
                  + " NU > 4 degrees of freedom (lambda_4 is infinite for NU <= 4)");
            }
            if (!nu.getDenominator().equals(java.math.BigInteger.ONE)
                || nu.compareTo(Rational.of(10_000)) > 0) {
              throw bad(cl, spec, "NU is " + Rationals.format(nu) + ", expected a whole number"
                  + " from 5 to 10000");
            }
            return SampledDistribution.student(s, nu.getNumerator().intValueExact());
          }
        case "mixture":
        case "shifted":
          {
            arity(cl, spec, parts, 3, family + ":COV:MU");
            QMatrix s = covariance(cl, spec, parts[1]);
            Rational[] mu = GateSetup.vector(cl, "--distribution '" + spec + "' MU", parts[2],
                s.rows(), "covariance " + parts[1].strip());
            return family.equals("mixture")
                ? SampledDistribution.mixture(s, mu)
                : SampledDistribution.shifted(s, mu);
          }
        default:
          throw bad(cl, spec, "unknown family '" + parts[0].strip() + "', expected " + SYNTAX);
      }
    } catch (IllegalArgumentException e) {
      throw bad(cl, spec, String.valueOf(e.getMessage()));
    }
  }

  private static ParameterException bad(CommandLine cl, String spec, String problem) {
    return new ParameterException(cl, "--distribution '" + spec + "': " + problem);
  }

  private static void arity(CommandLine cl, String spec, String[] parts, int n, String form) {
    if (parts.length != n) {
      throw bad(cl, spec, "expected the form " + form + " (" + (n - 1) + " parameters after the"
          + " family, separated by ':'), got " + (parts.length - 1));
    }
  }

  private static Rational number(CommandLine cl, String spec, String text, String what) {
    try {
      return Rationals.parse(text.strip());
    } catch (RationalFormatException e) {
      throw bad(cl, spec, what + " is '" + text + "': " + e.getMessage());
    }
  }

  private static int positiveInt(CommandLine cl, String spec, String text, String what) {
    Rational q = number(cl, spec, text, what);
    if (!q.getDenominator().equals(java.math.BigInteger.ONE) || q.signum() <= 0
        || q.compareTo(Rational.of(MAX_DIMENSION)) > 0) {
      throw bad(cl, spec, what + " is " + Rationals.format(q) + ", expected a whole number from 1"
          + " to " + MAX_DIMENSION);
    }
    return q.getNumerator().intValueExact();
  }

  /** A whole number d (the identity) or a CSV file of a d x d matrix. */
  private static QMatrix covariance(CommandLine cl, String spec, String text) {
    String t = text.strip();
    if (t.matches("[0-9]+")) {
      int d = positiveInt(cl, spec, t, "the dimension of the identity covariance");
      return QMatrix.identity(d);
    }
    if (t.isEmpty()) {
      throw bad(cl, spec, "COV is empty, expected a dimension d (identity) or a CSV file");
    }
    Rational[][] rows = SupportCsv.readRows(CliCommand.path(t));
    int d = rows.length;
    for (int i = 0; i < d; i++) {
      if (rows[i].length != d) {
        throw bad(cl, spec, "the covariance file " + t + " has " + d + " rows but row " + (i + 1)
            + " has " + rows[i].length + " columns, expected a square matrix");
      }
    }
    return QMatrix.of(rows, d);
  }
}
