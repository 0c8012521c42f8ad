package org.provablenets.cli;

import static org.provablenets.cli.TextReport.INDENT;
import static org.provablenets.cli.TextReport.label;
import static org.provablenets.cli.TextReport.plural;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.cert.Checked;
import org.provablenets.erm.ErmCertificate;
import org.provablenets.erm.ErmPlan;
import org.provablenets.erm.Loss;
import org.provablenets.erm.ReluNet;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.io.ResultJson;

/**
 * The parts of the T1 reports ({@code erm}, {@code erm-gap}, {@code merge}, {@code verify}), each
 * written by one method per format: the instance and size of a run ({@link ErmPlan.Facts}), the
 * model, a net, and the checker's verdict, which prints "verified" and {@code certified: true}
 * only for the certificate the checker typed {@code @Certified}.
 */
final class ErmReport {
  /** Significant digits of the decimal approximations printed beside vectors. */
  private static final int VECTOR_DIGITS = 10;

  private ErmReport() {}

  // ---- text ----

  /** The lines describing the data, the model and the size of the run. */
  static void describe(PrintWriter out, ErmPlan.Facts f, String widthNote) {
    int d = f.points();
    int n = f.dimension();
    out.println(label("data") + plural(d, "point") + " (D), " + plural(n, "input") + " (n)");
    out.println(model(f.width(), widthNote, f.loss(), f.outputBias()));
    String cover = "Cover's count C(" + d + ", " + (n + 1) + ") = " + f.coverCount();
    out.println(label("position") + (f.generalPosition()
        ? "general position; " + cover
        : "not in general position; " + cover + " is an upper bound"));
    out.println(label("patterns") + f.patternsPerUnit() + " per unit");
    out.println(label("subproblems") + f.subproblems() + " convex " + f.loss().programKind()
        + "s (" + plural(f.parameters(), "net parameter") + ", "
        + plural(f.patternConstraints(), "pattern constraint") + " each)");
  }

  /** {@code model       width 2, squared loss, no output bias}. */
  static String model(int width, String widthNote, Loss loss, boolean outputBias) {
    return label("model") + "width " + width + widthNote + ", " + loss.id() + " loss, "
        + (outputBias ? "with" : "no") + " output bias";
  }

  /** The units of a net, one line each, with decimal approximations of non-integral weights. */
  static void net(PrintWriter out, ReluNet net) {
    for (int i = 0; i < net.width(); i++) {
      Rational[] a = net.weights(i);
      Rational b = net.bias(i);
      out.println(label("unit " + (i + 1)) + "sign " + (net.sign(i) > 0 ? "+1" : "-1")
          + ", weights " + TextReport.exact(a) + ", bias " + Rationals.format(b));
      boolean integral = b.isInteger();
      StringBuilder s = new StringBuilder("~ weights [");
      for (int k = 0; k < a.length; k++) {
        integral &= a[k].isInteger();
        s.append(k == 0 ? "" : ", ").append(Rationals.decimal(a[k], VECTOR_DIGITS));
      }
      if (!integral) {
        out.println(INDENT + s.append("], bias ").append(Rationals.decimal(b, VECTOR_DIGITS)));
      }
    }
    if (net.outputBias().signum() != 0) {
      out.println(label("output bias") + TextReport.exactAndDecimal(net.outputBias()));
    }
  }

  /**
   * The checked conditions, the verdict line ({@code verified} only for a {@code @Certified}
   * certificate) and {@code certified: true/false}.
   */
  static void verdict(PrintWriter out, Checked<ErmCertificate> c) {
    TextReport.checks(out, c);
    out.println(TextReport.certifiedLine(c));
  }

  // ---- JSON ----

  /** The fields describing the data, the model and the size of the run, in a fixed order. */
  static void describe(ObjectNode o, String source, ErmPlan.Facts f) {
    o.put("data", source);
    o.put("points", f.points());
    o.put("dimension", f.dimension());
    o.put("width", f.width());
    o.put("loss", f.loss().id());
    o.put("outputBias", f.outputBias());
    o.put("generalPosition", f.generalPosition());
    o.put("coverCount", f.coverCount());
    o.put("patternsPerUnit", f.patternsPerUnit());
    o.put("subproblems", f.subproblems());
  }

  /** {@code "name": "exact", "nameDecimal": "decimal"}, or both null. */
  static void exact(ObjectNode o, String name, @Nullable Rational q) {
    if (q == null) {
      o.putNull(name);
      o.putNull(name + "Decimal");
    } else {
      o.put(name, Rationals.format(q));
      o.put(name + "Decimal", Rationals.decimal(q));
    }
  }

  /**
   * The verdict fields {@code certified}, {@code checked}, {@code failure}; {@code certified} is
   * true only for a {@code @Certified} certificate.
   */
  static void verdict(ObjectNode o, Checked<ErmCertificate> c) {
    ResultJson.putVerdict(o, c);
  }
}
