package org.provablenets.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.cert.Checked;
import org.provablenets.cert.Verdict;
import org.provablenets.exact.Rational;
import org.provablenets.exact.lp.LinearProgram;
import org.provablenets.exact.lp.LpResult;
import org.provablenets.exact.qp.QpResult;
import org.provablenets.exact.qp.QuadraticProgram;
import org.provablenets.io.DataCsv;
import org.provablenets.io.ProgramJson;
import org.provablenets.io.ResultJson;
import org.provablenets.io.SupportCsv;
import org.provablenets.qual.Certified;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code provnets tour}: the main job. It runs embedded default instances, one section each, and
 * reports for each the program size, the status, the exact optimum and whether its certificate
 * verified. It succeeds (exit 0) only if every certificate verifies.
 *
 * <p>Sections are methods returning a {@link Section}; a new section (T1, T2, T3) is a new method
 * added to the list in {@link #sections()}. The instances are the resources {@code lp.json} and
 * {@code qp.json} of {@code org/provablenets/tour/}, read by the same reader as user files; the T1
 * section's data is {@code t1-data.csv}, read by {@link DataCsv}.
 */
@Command(
    name = "tour",
    mixinStandardHelpOptions = true,
    version = "provnets 0.1.0",
    description = {
      "Runs the embedded default instances (an exact LP, a convex QP with a singular Q, exact"
          + " global ERM of a width-2 ReLU net compared with SGD, and exact checks of the T2"
          + " ReLU-gate iteration, the Villani conditions of a regularised tanh net),",
      "verifies every certificate with the independent checker and prints a compact report.",
      "Exit codes: 0 all certificates verified, 1 a certificate was rejected."
    })
final class TourCommand extends CliCommand {
  private static final String RESOURCES = "/org/provablenets/tour/";

  @Option(names = "--json", description = "print one JSON object instead of the report")
  private boolean json;

  @Option(names = "--plot-dir", paramLabel = "DIR",
      description = "also write the tour's plots (the T3 convergence plot, t3-sgd.png) here")
  private @Nullable String plotDir;

  /** What one section of the tour found. */
  static final class Section {
    final String name;
    final String title;
    final List<String> lines;
    final ObjectNode json;
    final Verdict verdict;

    /**
     * Creates a section.
     *
     * @param name short name, e.g. {@code LP}
     * @param title one line saying what the instance is
     * @param lines the result lines of the text report (status, optimum, point)
     * @param json the JSON form of the result (with its verdict)
     * @param verdict the verdict of the independent checker
     */
    Section(String name, String title, List<String> lines, ObjectNode json, Verdict verdict) {
      this.name = name;
      this.title = title;
      this.lines = List.copyOf(lines);
      this.json = json;
      this.verdict = verdict;
    }
  }

  /** The T3 convergence plot's file (in {@code --plot-dir}), or null. */
  private @Nullable Path t3Plot;

  /** Runs every section, prints the report, and returns 0 if every certificate verified. */
  @Override
  public Integer call() {
    String dir = plotDir;
    t3Plot = dir == null ? null : outputPath(path(dir).resolve(VillaniTour.PLOT).toString());
    PrintWriter out = out();
    if (!json) {
      out.println("provnets tour: exact solvers whose answers are verified by an independent"
          + " certificate checker");
    }
    List<Section> done = new ArrayList<>();
    for (Supplier<Section> step : sections()) {
      Section s = step.get();
      done.add(s);
      if (!json) {
        print(out, s);
      }
    }
    int verified = 0;
    for (Section s : done) {
      verified += ResultJson.certifiedFlag(s.verdict.certified()) ? 1 : 0;
    }
    boolean all = verified == done.size();
    if (json) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("command", "tour");
      ArrayNode list = o.putArray("sections");
      for (Section s : done) {
        ObjectNode e = list.addObject();
        e.put("section", s.name);
        e.put("title", s.title);
        e.setAll(s.json);
      }
      o.put("certified", all);
      out.println(ResultJson.write(o));
    } else {
      out.println();
      out.println("tour: " + verified + " of " + done.size() + " certificates verified"
          + (all ? "" : "; the tour FAILED"));
    }
    return all ? Main.OK : Main.REJECTED;
  }

  /** The sections in order; later sections (T1, T2, T3) are appended here. */
  List<Supplier<Section>> sections() {
    return List.of(this::lpSection, this::qpSection, this::t1Section, this::t2Section,
        this::t3Section);
  }

  /** An exact LP with a free variable and a mix of {@code <=}, {@code =} and {@code >=} rows. */
  Section lpSection() {
    LinearProgram lp = resource("lp.json", ProgramJson::readLp);
    return programSection("LP", "linear program with a free variable and <=, =, >= constraints",
        "lp.json", lp, ProgramKind.LP, TextReport.size(lp), r -> r.status().name(),
        LpResult::value, LpResult::x);
  }

  /** Rank-deficient least squares with inequalities: a convex QP whose Q is singular. */
  Section qpSection() {
    QuadraticProgram qp = resource("qp.json", ProgramJson::readQp);
    return programSection("QP",
        "rank-deficient least squares 1/2 |Ax - b|^2 with inequalities", "qp.json", qp,
        ProgramKind.QP, TextReport.size(qp), r -> r.status().name(), QpResult::value, QpResult::x);
  }

  /** An LP or QP section: solved, checked, its size and its result in one line each. */
  private static <P, R> Section programSection(String name, String title, String file, P program,
      ProgramKind<P, R> kind, String size, Function<R, String> status,
      Function<R, @Nullable Rational> value, Function<R, Rational @Nullable []> x) {
    String source = "tour/" + file;
    R r = kind.solve().apply(program);
    Checked<R> c = kind.check().apply(program, r);
    List<String> lines = new ArrayList<>();
    lines.add(size);
    result(lines, status.apply(r), value.apply(r), x.apply(r));
    return new Section(name, title + " (" + source + ")", lines,
        kind.json().render(source, program, c), c.verdict());
  }

  /**
   * T1: the certified global ERM optimum of a width-2 ReLU net on six points of the line, beside
   * gradient descent (see {@link ErmTour}).
   */
  Section t1Section() {
    return ErmTour.section("tour/t1-data.csv", resource("t1-data.csv", DataCsv::readCsv));
  }

  /**
   * T2: the hypotheses, one exact one-step check, the theorem by path enumeration and the
   * asymmetric counterexample on the embedded symmetric support {@code t2-support.csv} (see {@link
   * GateTour}).
   */
  Section t2Section() {
    String source = "tour/t2-support.csv";
    return GateTour.section(source, resource("t2-support.csv", SupportCsv::readRows));
  }

  /**
   * T3: the Villani conditions of a small regularised tanh net, the certified radius with one
   * rigorous enclosure beyond it, and the lambda = 0 counterexample refused (see {@link
   * VillaniTour}).
   */
  Section t3Section() {
    return VillaniTour.section(t3Plot);
  }

  private static void result(
      List<String> lines, String status, @Nullable Rational value, Rational @Nullable [] x) {
    lines.add("status " + status
        + (value == null ? "" : ", optimum " + TextReport.exactAndDecimal(value)));
    if (x != null) {
      lines.add("x = " + TextReport.exact(x));
    }
  }

  private static void print(PrintWriter out, Section s) {
    out.println();
    out.println("[" + s.name + "] " + s.title);
    for (String line : s.lines) {
      out.println("     " + line);
    }
    @Certified Verdict c = s.verdict.certified();
    out.println("     certificate " + (c != null
        ? "verified (" + c.checked().size() + " conditions)"
        : "REJECTED: " + s.verdict.failure()));
  }

  /** Reads an embedded instance with the given reader. */
  private static <T> T resource(String name, BiFunction<InputStream, String, T> reader) {
    String path = RESOURCES + name;
    try (InputStream in = TourCommand.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("the embedded instance " + path + " is missing");
      }
      return reader.apply(in, "resource " + path);
    } catch (IOException e) {
      throw new UncheckedIOException("the embedded instance " + path + " cannot be read", e);
    }
  }
}
