package org.provablenets.cli;

import static org.provablenets.cli.TextReport.INDENT;
import static org.provablenets.cli.TextReport.label;
import static org.provablenets.cli.TextReport.plural;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.cert.ErmChecker;
import org.provablenets.cert.Verdict;
import org.provablenets.erm.Dataset;
import org.provablenets.erm.ErmCertificate;
import org.provablenets.erm.ErmSolver;
import org.provablenets.erm.Loss;
import org.provablenets.erm.PatternSet;
import org.provablenets.erm.Patterns;
import org.provablenets.erm.ReluNet;
import org.provablenets.erm.Subproblems;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.io.ErmPartial;
import org.provablenets.io.InputException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * One certified T1 run shared by {@code erm} and {@code erm-gap}: the pattern enumeration, the
 * size estimate against the budget (before any subproblem is solved), the exact solve and the
 * independent check; plus the report lines and JSON fields common to both commands.
 */
final class ErmRun {
  /** Largest width the commands solve. */
  static final int MAX_WIDTH = 8;

  /** Default of {@code --max-subproblems}. */
  static final long DEFAULT_BUDGET = 20_000;

  /** Width of the label column (as in {@link TextReport}). */

  /** Significant digits of the decimal approximations printed beside vectors. */
  private static final int VECTOR_DIGITS = 10;

  final String source;
  final Dataset data;
  final int width;
  final Loss loss;
  final boolean outputBias;
  final int patternsPerUnit;
  final BigInteger subproblems;
  final boolean generalPosition;
  final BigInteger coverCount;
  final ErmCertificate certificate;
  final Verdict verdict;

  private ErmRun(
      String source, Dataset data, int width, Loss loss, boolean outputBias, PatternSet ps,
      BigInteger subproblems, ErmCertificate certificate, Verdict verdict) {
    this.source = source;
    this.data = data;
    this.width = width;
    this.loss = loss;
    this.outputBias = outputBias;
    this.patternsPerUnit = ps.size();
    this.subproblems = subproblems;
    this.generalPosition = Patterns.inGeneralPosition(data);
    this.coverCount = Patterns.coverCount(data.size(), data.dimension());
    this.certificate = certificate;
    this.verdict = verdict;
  }

  // ---- option checks (usage errors, exit 2) ----

  /** The width, if it is from 1 to {@value #MAX_WIDTH}. */
  static int width(CommandLine cl, int width) {
    if (width < 1 || width > MAX_WIDTH) {
      throw new ParameterException(
          cl, "--width is " + width + ", expected a width from 1 to " + MAX_WIDTH);
    }
    return width;
  }

  /** The loss named on the command line (one of {@link Loss#values()}, by {@link Loss#id()}). */
  static Loss loss(CommandLine cl, String name) {
    for (Loss l : Loss.values()) {
      if (l.id().equals(name.toLowerCase(Locale.ROOT))) {
        return l;
      }
    }
    throw new ParameterException(
        cl, "--loss is '" + name + "', but only " + lossNames() + " implemented so far");
  }

  /** {@code squared is}, or {@code squared, absolute and hinge are}. */
  static String lossNames() {
    Loss[] all = Loss.values();
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < all.length; i++) {
      s.append(i == 0 ? "" : i == all.length - 1 ? " and " : ", ").append(all[i].id());
    }
    return s.append(all.length == 1 ? " loss is" : " losses are").toString();
  }

  /** The subproblem budget, if it is at least 1. */
  static long budget(CommandLine cl, long budget) {
    if (budget < 1) {
      throw new ParameterException(
          cl, "--max-subproblems is " + budget + ", expected a positive number");
    }
    return budget;
  }

  // ---- the run ----

  /**
   * Enumerates the patterns, refuses if the subproblems exceed the budget, then solves exactly and
   * checks the certificate. A long solve reports its progress with an estimate of the time left
   * on {@code progress} (standard error).
   *
   * @throws InputException naming the count if it exceeds the budget
   */
  static ErmRun solve(
      String source, Dataset data, int width, Loss loss, boolean outputBias, long budget,
      PrintWriter progress) {
    return solve(source, data, width, loss, outputBias, budget, progress, null);
  }

  /**
   * As above; with a checkpoint file, subproblems already recorded there are not solved again and
   * every newly solved one is appended as soon as it is done, so an interrupted run resumes
   * without losing finished work, and ends with the certificate an uninterrupted run writes.
   */
  static ErmRun solve(
      String source, Dataset data, int width, Loss loss, boolean outputBias, long budget,
      PrintWriter progress, @Nullable Path checkpoint) {
    PatternSet ps = patterns(source, data, width, loss, budget);
    List<int[]> specs = ErmSolver.subproblems(ps.size(), width);
    ErmSolver.Solved[] solved = new ErmSolver.Solved[specs.size()];
    ErmPartial.Header h = header(data, width, loss, outputBias, ps, specs.size(), 1, 1);
    if (checkpoint == null) {
      ErmSolver.solveEach(data, loss, outputBias, ps, specs, i -> true, null,
          new ProgressMeter(progress, "erm"), r -> solved[r.index] = r);
    } else {
      resume(checkpoint, h, solved);
      try (ErmPartial.Writer w = ErmPartial.open(checkpoint, h)) {
        ErmSolver.solveEach(data, loss, outputBias, ps, specs, i -> true, solved,
            new ProgressMeter(progress, "erm"),
            r -> {
              solved[r.index] = r;
              w.append(r);
            });
      }
    }
    ErmCertificate cert = ErmSolver.assemble(data, width, loss, outputBias, ps, solved);
    Verdict v = ErmChecker.check(data, cert);
    return new ErmRun(source, data, width, loss, outputBias, ps,
        BigInteger.valueOf(specs.size()), cert, v);
  }

  /**
   * Solves shard i of k (the subproblems whose index mod k is i - 1) and appends them to {@code
   * out}; a shard file that already holds some of them is resumed. Returns the number of
   * subproblems the shard owns.
   */
  static int solveShard(
      String source, Dataset data, int width, Loss loss, boolean outputBias, long budget,
      PrintWriter progress, int shard, int shards, Path out) {
    PatternSet ps = patterns(source, data, width, loss, budget);
    List<int[]> specs = ErmSolver.subproblems(ps.size(), width);
    ErmSolver.Solved[] solved = new ErmSolver.Solved[specs.size()];
    ErmPartial.Header h = header(data, width, loss, outputBias, ps, specs.size(), shard, shards);
    resume(out, h, solved);
    try (ErmPartial.Writer w = ErmPartial.open(out, h)) {
      ErmSolver.solveEach(data, loss, outputBias, ps, specs, h::owns, solved,
          new ProgressMeter(progress, "erm shard " + shard + "/" + shards), w::append);
    }
    int owned = 0;
    for (int i = 0; i < specs.size(); i++) {
      owned += h.owns(i) ? 1 : 0;
    }
    return owned;
  }

  static ErmPartial.Header header(
      Dataset data, int width, Loss loss, boolean outputBias, PatternSet ps, int count,
      int shard, int shards) {
    return new ErmPartial.Header(data.digest(), width, loss, outputBias, ps.digest(), ps.size(),
        count, shard, shards);
  }

  /** Fills {@code solved} from an existing partial file of the same run, if there is one. */
  private static void resume(Path file, ErmPartial.Header h, ErmSolver.Solved[] solved) {
    if (!ErmPartial.hasContents(file)) {
      return;
    }
    ErmPartial.Contents c = ErmPartial.read(file);
    if (!c.header.sameRun(h) || c.header.shard != h.shard) {
      throw new InputException(
          file + ": holds results of another run (different data, width, loss, patterns or"
              + " shard); remove it or name another file");
    }
    for (ErmSolver.Solved r : c.solved.values()) {
      solved[r.index] = r;
    }
  }

  /**
   * Checks the labels, enumerates the patterns and refuses a run above the budget: before the
   * enumeration if its worst-case work ({@link #enumerationWork}) is above {@link
   * #WORK_PER_SUBPROBLEM} per subproblem of the budget, during it as soon as the patterns found
   * already need more subproblems than the budget.
   */
  static PatternSet patterns(String source, Dataset data, int width, Loss loss, long budget) {
    for (int j = 0; j < data.size(); j++) {
      if (!loss.acceptsLabel(data.y(j))) {
        throw new InputException(
            source + ": point " + (j + 1) + " has the label " + Rationals.format(data.y(j))
                + ", but the " + loss.id() + " loss needs labels -1 or +1");
      }
    }
    int maxPatterns = maxPatterns(width, budget);
    BigInteger work = enumerationWork(data.size(), data.dimension(), maxPatterns);
    BigInteger limit = BigInteger.valueOf(budget).multiply(BigInteger.valueOf(WORK_PER_SUBPROBLEM));
    if (work.compareTo(limit) > 0) {
      throw new InputException(
          source + ": enumerating the patterns of " + data.size() + " points in dimension "
              + data.dimension() + " may take up to " + work + " LP row operations (Cover's"
              + " bound), more than " + WORK_PER_SUBPROBLEM + " per subproblem of the budget of "
              + budget + "; --max-subproblems " + passingBudget(data, width, budget)
              + " runs it anyway");
    }
    try {
      return Patterns.enumerate(data, maxPatterns);
    } catch (Patterns.TooManyPatternsException e) {
      BigInteger count = Subproblems.count(e.atLeast, width);
      if (e.points == data.size()) {
        throw new InputException(
            source + ": width " + width + " needs " + count + " subproblems (" + e.atLeast
                + " patterns per unit), more than the budget of " + budget
                + "; raise --max-subproblems to at least " + count + " to solve it anyway");
      }
      throw new InputException(
          source + ": width " + width + " needs at least " + count + " subproblems (at least "
              + e.atLeast + " patterns per unit among the first " + e.points + " of "
              + data.size() + " points), more than the budget of " + budget
              + "; to solve it anyway, raise --max-subproblems (it needs at most "
              + Subproblems.count(Patterns.coverCount(data.size(), data.dimension()), width) + ", by Cover's bound)");
    }
  }

  /**
   * A budget at which the enumeration-work check passes: the budget doubled until it does (the
   * work bound grows with the budget, but saturates at Cover's count, so this ends).
   */
  static long passingBudget(Dataset data, int width, long budget) {
    long b = budget;
    while (b < Long.MAX_VALUE / 4) {
      b *= 2;
      BigInteger work = enumerationWork(data.size(), data.dimension(), maxPatterns(width, b));
      if (work.compareTo(BigInteger.valueOf(b).multiply(BigInteger.valueOf(WORK_PER_SUBPROBLEM)))
          <= 0) {
        return b;
      }
    }
    return b;
  }

  /** The enumeration work (LP row operations) allowed per subproblem of the budget. */
  static final long WORK_PER_SUBPROBLEM = 1000;

  /**
   * An upper bound of the work of {@link Patterns#enumerate(Dataset, int)}: inserting point k
   * solves at most one LP of k rows and n + 1 variables per prefix pattern, the prefix patterns
   * number at most Cover's count for k points, and at most {@code maxPatterns + 1} before the
   * enumeration stops; so the work is at most {@code sum_k min(C(k, n), maxPatterns + 1) k (n+1)}.
   */
  static BigInteger enumerationWork(int d, int n, int maxPatterns) {
    BigInteger cap = BigInteger.valueOf(maxPatterns).add(BigInteger.ONE);
    BigInteger w = BigInteger.ZERO;
    for (int k = 1; k <= d; k++) {
      BigInteger prefixes = Patterns.coverCount(k - 1, n).max(BigInteger.ONE);
      if (prefixes.compareTo(cap) >= 0) {
        // Cover's count grows with k: every later point has the cap too, sum_{j=k..d} j (n + 1).
        long sum = ((long) d * (d + 1) - (long) (k - 1) * k) / 2;
        return w.add(cap.multiply(BigInteger.valueOf(sum)).multiply(BigInteger.valueOf(n + 1L)));
      }
      w = w.add(prefixes.multiply(BigInteger.valueOf((long) k * (n + 1))));
    }
    return w;
  }

  /**
   * The most patterns per unit whose subproblem count stays within the budget (the count grows
   * with the number of patterns), found by bisection.
   */
  static int maxPatterns(int width, long budget) {
    BigInteger b = BigInteger.valueOf(budget);
    int lo = 1;
    int hi = Integer.MAX_VALUE;
    while (lo < hi) {
      int mid = (int) (((long) lo + hi + 1) / 2);
      if (Subproblems.count(mid, width).compareTo(b) <= 0) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** A run assembled from merged partial results (see {@code MergeCommand}). */
  static ErmRun merged(
      String source, Dataset data, int width, Loss loss, boolean outputBias, PatternSet ps,
      ErmSolver.Solved[] solved) {
    ErmCertificate cert = ErmSolver.assemble(data, width, loss, outputBias, ps, solved);
    Verdict v = ErmChecker.check(data, cert);
    return new ErmRun(source, data, width, loss, outputBias, ps,
        BigInteger.valueOf(solved.length), cert, v);
  }

  // ---- text ----

  /** The lines describing the data, the model and the size of the run. */
  void describe(PrintWriter out, String widthNote) {
    int d = data.size();
    int n = data.dimension();
    out.println(label("data") + plural(d, "point") + " (D), " + plural(n, "input") + " (n)");
    out.println(label("model") + "width " + width + widthNote + ", " + loss.id() + " loss, "
        + (outputBias ? "with" : "no") + " output bias");
    out.println(label("position") + (generalPosition
        ? "general position; Cover's count C(" + d + ", " + (n + 1) + ") = " + coverCount
        : "not in general position; Cover's count C(" + d + ", " + (n + 1) + ") = " + coverCount
            + " is an upper bound"));
    out.println(label("patterns") + patternsPerUnit + " per unit");
    int vars = Subproblems.parameters(n, width, outputBias);
    out.println(label("subproblems") + subproblems + " convex "
        + loss.programKind() + "s (" + plural(vars, "net parameter") + ", "
        + plural(width * d, "pattern constraint") + " each)");
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

  /** The checked conditions and the verdict line. */
  static void checks(PrintWriter out, Verdict v) {
    List<String> checked = v.checked();
    for (int i = 0; i < checked.size(); i++) {
      out.println((i == 0 ? label("checked") : INDENT) + checked.get(i));
    }
    out.println("certificate: " + TextReport.verdictLine(v));
  }

  // ---- JSON ----

  /** The fields describing the data, the model and the size of the run, in a fixed order. */
  void describe(ObjectNode o) {
    o.put("data", source);
    o.put("points", data.size());
    o.put("dimension", data.dimension());
    o.put("width", width);
    o.put("loss", loss.id());
    o.put("outputBias", outputBias);
    o.put("generalPosition", generalPosition);
    o.put("coverCount", coverCount);
    o.put("patternsPerUnit", patternsPerUnit);
    o.put("subproblems", subproblems);
  }

  /** {@code "name": "exact", "nameDecimal": "decimal"}. */
  static void exact(ObjectNode o, String name, @Nullable Rational q) {
    if (q == null) {
      o.putNull(name);
      o.putNull(name + "Decimal");
    } else {
      o.put(name, Rationals.format(q));
      o.put(name + "Decimal", Rationals.decimal(q));
    }
  }
}
