package org.provablenets.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.cert.Checked;
import org.provablenets.cert.ErmChecker;
import org.provablenets.cert.Verdict;
import org.provablenets.erm.BlockBounds;
import org.provablenets.erm.Dataset;
import org.provablenets.erm.ErmCertificate;
import org.provablenets.erm.ErmPlan;
import org.provablenets.erm.ErmSolver;
import org.provablenets.erm.Loss;
import org.provablenets.erm.PackedResults;
import org.provablenets.erm.PatternSet;
import org.provablenets.io.DataCsv;
import org.provablenets.io.ErmJson;
import org.provablenets.io.ErmPartial;
import org.provablenets.io.ErmTables;
import org.provablenets.io.InputException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * One certified T1 run, the model that {@code erm}, {@code erm-gap} and {@code merge} report
 * ({@link ErmReport} renders it): the plan within the budget ({@link ErmPlan}, before any
 * subproblem is solved), the exact solve (whole, resumed from a checkpoint, or one shard written
 * to a partial file) and the independent check ({@link ErmChecker#checked}). Also the option
 * checks the T1 commands share.
 */
final class ErmRun {
  /** Largest width the commands solve. */
  static final int MAX_WIDTH = 8;

  /** Default of {@code --max-subproblems}. */
  static final long DEFAULT_BUDGET = 20_000;

  /** The data file's name, as given. */
  final String source;

  /** The instance and the size of the run. */
  final ErmPlan.Facts facts;

  /** The certificate with the checker's verdict (typed {@code @Certified} if accepted). */
  final Checked<ErmCertificate> checked;

  private ErmRun(String source, Dataset data, ErmPlan plan, ErmCertificate certificate) {
    this.source = source;
    this.facts = plan.facts();
    this.checked = ErmChecker.checked(data, certificate);
  }

  /** The run of this certificate, checked, saying on {@code progress} how long the check took. */
  private static ErmRun checked(String source, Dataset data, ErmPlan plan,
      ErmCertificate certificate, PrintWriter progress, String name) {
    long t0 = System.nanoTime();
    ErmRun run = new ErmRun(source, data, plan, certificate);
    say(progress, "%s: the certificate checked in %.1f s%n", name, seconds(t0));
    return run;
  }

  /** The seconds since {@code t0} (a {@link System#nanoTime} reading). */
  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  /** One line of the run's account on {@code progress} (standard error). */
  private static void say(PrintWriter progress, String format, Object... args) {
    progress.printf(Locale.ROOT, format, args);
    progress.flush();
  }

  /** The certificate, checked or not. */
  ErmCertificate certificate() {
    return checked.result();
  }

  /** The checker's verdict. */
  Verdict verdict() {
    return checked.verdict();
  }

  // ---- option checks (usage errors, exit 2) ----

  /** A certificate and the data it was made for, as {@code verify} and {@code export-coq} read them. */
  record CertifiedData(ErmCertificate cert, Dataset data) {}

  /**
   * Reads a certificate, then its data: the data digests must agree (bad input otherwise,
   * before any checking).
   */
  static CertifiedData certificateAndData(String certFile, String dataFile) {
    ErmCertificate cert = ErmJson.readCertificate(CliCommand.path(certFile));
    Dataset data = DataCsv.read(CliCommand.path(dataFile));
    if (!cert.digest().equals(data.digest())) {
      throw new InputException(
          certFile + ": was made for other data than " + dataFile + " (its dataDigest is "
              + cert.digest() + ", the data's digest is " + data.digest() + ")");
    }
    return new CertifiedData(cert, data);
  }

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
   * How a run bounds its subproblems: {@code blocks}, whether it may prune by block bounds (see
   * {@link ErmPlan}); {@code tables}, a tables file to read them from ({@code erm
   * --write-tables}) instead of solving them, or null.
   */
  record Bounds(boolean blocks, @Nullable Path tables) {
    /** A tables file is only read by a run that prunes by block bounds. */
    Bounds {
      if (!blocks && tables != null) {
        throw new IllegalArgumentException("a tables file with the blocked-points bounds only");
      }
    }

    /** Block bounds where the solver finds blocks, solved in this process. */
    static final Bounds DEFAULT = new Bounds(true, null);
  }

  /**
   * Plans the run within the budget, then solves exactly and checks the certificate. On {@code
   * progress} (standard error) it says what each phase took, one line each (the plan, the block
   * tables if any, the solves, the assembly, the check), and a long solve reports its progress
   * between them with an estimate of the time left.
   *
   * @throws InputException naming the label or the count if the plan is refused
   */
  static ErmRun solve(
      String source, Dataset data, int width, Loss loss, boolean outputBias, long budget,
      PrintWriter progress) {
    return solve(source, data, width, loss, outputBias, budget, progress, null, Bounds.DEFAULT);
  }

  /**
   * As above; with a checkpoint file, subproblems already recorded there are not solved again and
   * every newly solved one is appended as soon as it is done, so an interrupted run resumes
   * without losing finished work, and ends with the certificate an uninterrupted run writes.
   */
  static ErmRun solve(
      String source, Dataset data, int width, Loss loss, boolean outputBias, long budget,
      PrintWriter progress, @Nullable Path checkpoint, Bounds bounds) {
    long t = System.nanoTime();
    ErmPlan planned = plan(source, data, width, loss, outputBias, budget, 0, bounds);
    double planSeconds = seconds(t);
    // a checkpoint of another run is bad input: read before anything is said or solved
    ErmPartial.Header h = header(data, width, loss, outputBias, planned, 1, 1);
    Map<Integer, ErmSolver.Solved> known =
        checkpoint == null ? Map.of() : resume(checkpoint, h);
    ErmPlan plan = bounded(planned, planSeconds, bounds, progress, "erm", true);
    PackedResults solved = new PackedResults(plan.subproblems());
    known.values().forEach(solved::put);
    AtomicLong count = new AtomicLong();
    Consumer<ErmSolver.Solved> keep = r -> {
      solved.put(r);
      count.addAndGet(r.entry.isPruned() ? 0 : 1);
    };
    long t0 = System.nanoTime();
    if (checkpoint == null) {
      plan.solveEach(i -> true, i -> null, new ProgressMeter(progress, "erm"), keep);
    } else {
      try (ErmPartial.Writer w = ErmPartial.open(checkpoint, h)) {
        plan.solveEach(i -> true, known::get, new ProgressMeter(progress, "erm"),
            keep.andThen(r -> w.append(record(r))));
      }
    }
    say(progress, "%s: %d subproblems solved here, the others recorded or pruned, in %.1f s%n",
        "erm", count.get(), seconds(t0));
    long t1 = System.nanoTime();
    ErmCertificate cert = plan.assemble(solved);
    say(progress, "%s: the certificate assembled in %.1f s%n", "erm", seconds(t1));
    return checked(source, data, plan, cert, progress, "erm");
  }

  /** What a shard's file holds: the subproblems it owns, and how many of them were solved. */
  record ShardCounts(long owned, long solved) {
    /** The owned subproblems recorded as pruned by their bounds. */
    long pruned() {
      return owned - solved;
    }
  }

  /**
   * Solves shard i of k (the subproblems whose index mod k is i - 1) and appends them to {@code
   * out}; a shard file that already holds some of them is resumed. Returns the number of
   * subproblems the shard owns and how many of them are solved (in this run or the resumed one).
   */
  static ShardCounts solveShard(
      String source, Dataset data, int width, Loss loss, boolean outputBias, long budget,
      PrintWriter progress, int shard, int shards, Path out, Bounds bounds) {
    String name = "erm shard " + shard + "/" + shards;
    long t = System.nanoTime();
    ErmPlan planned = plan(source, data, width, loss, outputBias, budget, shards, bounds);
    double planSeconds = seconds(t);
    // a file of another run is bad input: read before anything is said or solved
    ErmPartial.Header h = header(data, width, loss, outputBias, planned, shard, shards);
    Map<Integer, ErmSolver.Solved> known = resume(out, h);
    ErmPlan plan = bounded(planned, planSeconds, bounds, progress, name, false);
    AtomicLong solved = new AtomicLong();
    for (ErmSolver.Solved r : known.values()) {
      solved.addAndGet(r.entry.isPruned() ? 0 : 1);
    }
    try (ErmPartial.Writer w = ErmPartial.open(out, h)) {
      plan.solveEach(h::owns, known::get, new ProgressMeter(progress, name),
          r -> {
            w.append(record(r));
            if (!r.entry.isPruned()) {
              solved.incrementAndGet();
            }
          });
    }
    long owned = 0;
    for (int i = 0; i < plan.subproblems(); i++) {
      owned += h.owns(i) ? 1 : 0;
    }
    return new ShardCounts(owned, solved.get());
  }

  /**
   * What {@code erm --write-tables} did: the run's facts, its tables, and the seconds they took.
   *
   * @param facts the instance and the size of the run
   * @param tables the blocks and their tables (none if the solver finds no blocks)
   * @param seconds the time to solve them
   */
  record TablesRun(ErmPlan.Facts facts, BlockBounds.Tables tables, double seconds) {}

  /**
   * Plans the run within the budget (it holds the tables, not the subproblems' results), solves
   * its block tables and writes them to {@code out} for the shards and {@code merge} to read.
   */
  static TablesRun writeTables(String source, Dataset data, int width, Loss loss,
      boolean outputBias, long budget, Path out, PrintWriter progress) {
    long t0 = System.nanoTime();
    ErmPlan plan = plan(source, data, width, loss, outputBias, budget, 1, Bounds.DEFAULT);
    planned(progress, "erm", plan, seconds(t0));
    long t1 = System.nanoTime();
    BlockBounds.Tables t = plan.tables();
    double seconds = seconds(t1);
    ErmTables.write(out, data, width, loss, outputBias, plan.patterns(), t);
    return new TablesRun(plan.facts(), t, seconds);
  }

  /**
   * A run assembled from merged partial results (see {@code MergeCommand}), for a plan made by
   * {@link ErmPlan#forMerge}; results that make no certificate (none solved, parameters of the
   * wrong length) are bad input. Says on {@code progress} what the block tables, the assembly and
   * the check took.
   */
  static ErmRun merged(String source, Dataset data, ErmPlan plan, Bounds bounds,
      PackedResults solved, PrintWriter progress) {
    ErmPlan p = bounded(plan, -1, bounds, progress, "merge", true);
    long t0 = System.nanoTime();
    ErmCertificate cert;
    try {
      cert = p.assemble(solved);
    } catch (IllegalArgumentException e) {
      throw new InputException("the shard files cannot make a certificate: " + e.getMessage(), e);
    }
    say(progress, "%s: the certificate assembled in %.1f s%n", "merge", seconds(t0));
    return checked(source, data, p, cert, progress, "merge");
  }

  /**
   * The plan with its bounds: the tables read from the tables file if one is named, else solved
   * here (if the plan finds blocks), before the subproblems, so that the progress meter's clock
   * starts after them; says on {@code progress} what the plan holds and took ({@code
   * planSeconds}; not said if negative), once a tables file is read (so that a bad one gets one
   * line), and what the tables cost. {@code duals}: whether the run writes a certificate, which
   * needs the tables' dual points (a shard reads only the values).
   */
  private static ErmPlan bounded(ErmPlan plan, double planSeconds, Bounds bounds,
      PrintWriter progress, String name, boolean duals) {
    long t0 = System.nanoTime();
    Path file = bounds.tables();
    ErmPlan p = file == null ? plan
        : plan.withTables(ErmTables.read(file, plan.data(), plan.width(), plan.loss(),
            plan.outputBias(), plan.patterns(), duals));
    if (planSeconds >= 0) {
      planned(progress, name, p, planSeconds);
    }
    BlockBounds.Tables t = p.tables();
    if (!t.blocks().isEmpty()) {
      progress.printf(Locale.ROOT, "%s: block bounds from %d blocks: %d block subproblems %s"
          + " in %.1f s%n", name, t.blocks().size(), BlockBounds.entryCount(t.blocks()),
          file == null ? "solved" : "read from " + file, (System.nanoTime() - t0) / 1e9);
      progress.flush();
    }
    return p;
  }

  /**
   * The plan within the budget and the heap, or the refusal as bad input naming the data file.
   *
   * @param shards 0 for a whole run, k for one shard of k
   */
  private static ErmPlan plan(String source, Dataset data, int width, Loss loss,
      boolean outputBias, long budget, int shards, Bounds bounds) {
    try {
      return ErmPlan.within(data, width, loss, outputBias, budget, shards, bounds.blocks());
    } catch (ErmPlan.RefusedException e) {
      throw new InputException(source + ": " + e.getMessage(), e);
    }
  }

  /** Says on {@code progress} what the plan holds and how long it took. */
  private static void planned(PrintWriter progress, String name, ErmPlan plan, double seconds) {
    say(progress, "%s: %d patterns per unit, %s subproblems, planned in %.1f s%n", name,
        plan.facts().patternsPerUnit(), plan.facts().subproblems(), seconds);
  }

  private static ErmPartial.Header header(
      Dataset data, int width, Loss loss, boolean outputBias, ErmPlan plan, int shard,
      int shards) {
    PatternSet ps = plan.patterns();
    return new ErmPartial.Header(data.digest(), width, loss, outputBias, ps.digest(), ps.size(),
        plan.subproblems(), shard, shards, plan.blockBounds());
  }

  /** The results an existing partial file of the same run holds, by index (none if no file). */
  private static Map<Integer, ErmSolver.Solved> resume(Path file, ErmPartial.Header h) {
    Map<Integer, ErmSolver.Solved> known = new HashMap<>();
    if (!ErmPartial.hasContents(file)) {
      return known;
    }
    ErmPartial.Contents c = ErmPartial.read(file);
    if (!c.header.sameRun(h) || c.header.shard != h.shard) {
      throw new InputException(
          file + ": holds results of another run (different data, width, loss, patterns,"
              + " bounds or shard); remove it or name another file (a file written before"
              + " block bounds is resumed with --bounds points)");
    }
    for (ErmPartial.Record r : c.solved.values()) {
      known.put(r.index(), solved(r));
    }
    return known;
  }

  /** A solver result as a partial file's record. */
  private static ErmPartial.Record record(ErmSolver.Solved s) {
    return new ErmPartial.Record(s.index, s.entry, s.value, s.t);
  }

  /** A partial file's record as a solver result (a claim, checked with the whole certificate). */
  static ErmSolver.Solved solved(ErmPartial.Record r) {
    return new ErmSolver.Solved(r.index(), r.entry(), r.value(), r.t());
  }
}
