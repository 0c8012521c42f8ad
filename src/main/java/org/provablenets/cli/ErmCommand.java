package org.provablenets.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.erm.BlockBounds;
import org.provablenets.erm.Dataset;
import org.provablenets.erm.ErmCertificate;
import org.provablenets.erm.Loss;
import org.provablenets.io.DataCsv;
import org.provablenets.io.ErmJson;
import org.provablenets.io.ErmPartial;
import org.provablenets.io.OutputFiles;
import org.provablenets.io.ResultJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code provnets erm --data FILE --width W}: exact global ERM of a depth-2 ReLU net (T1), with a
 * certificate verified by the independent checker.
 */
@Command(
    name = "erm",
    mixinStandardHelpOptions = true,
    version = "provnets 0.1.0",
    sortOptions = false,
    description = {
      "Finds the global minimum of the mean loss (squared by default) over all depth-2 ReLU nets"
          + " f(x) = sum_i s_i max(0, a_i.x + b_i) [+ c] of the given width, exactly (Arora, Basu,"
          + " Mianjy, Mukherjee, ICLR 2018, Thm 4.1), and verifies its certificate of global"
          + " optimality with the independent checker.",
      "The patterns are enumerated first and the number of convex subproblems is compared with"
          + " --max-subproblems before anything is solved."
    },
    footer = {
      "%nData file: CSV, one point per row x1,...,xn,y (inputs first, label last); an optional"
          + " header row of names; '#' comment lines and blank lines are ignored; numbers are"
          + " integers, decimals (0.1 is exactly 1/10), exponents or fractions such as 3/7.",
      "  x,y",
      "  -1,1",
      "  0,0",
      "  1,1",
      "Or JSON when the name ends in .json: {\"x\": [[-1], [0], [1]], \"y\": [1, 0, 1]}.",
      "Or NumPy by the extension: an .npz with X (D x n) and y (D), or an .npy of D rows"
          + " x1,...,xn,y; each float is its exact binary value (float32 0.1 is"
          + " 13421773/134217728, not 1/10).",
      "%nThe certificate (--certificate) is a JSON file checked by 'provnets verify'.",
      "Exit codes: 0 certified, 1 the certificate was rejected, 2 bad input or usage (including a"
          + " run above the budget)."
    })
final class ErmCommand extends CliCommand {
  @Option(names = "--data", required = true, paramLabel = "FILE", description = "the data set")
  private String dataFile = "";

  @Option(names = "--width", required = true, paramLabel = "W",
      description = "the number of hidden units, 1 to " + ErmRun.MAX_WIDTH)
  private int width;

  @Option(names = "--loss", paramLabel = "LOSS", defaultValue = "squared",
      description = "squared (the default), absolute, or hinge (labels -1 or +1)")
  private String loss = "squared";

  @Option(names = "--output-bias", description = "give the net an output bias c")
  private boolean outputBias;

  @Option(names = "--certificate", paramLabel = "OUT.json",
      description = "write the certificate to this file")
  private @Nullable String certificate;

  @Option(names = "--max-subproblems", paramLabel = "N", defaultValue = "20000",
      description = "refuse to run above this many subproblems (default: ${DEFAULT-VALUE})")
  private long maxSubproblems = ErmRun.DEFAULT_BUDGET;

  @Option(names = "--checkpoint", paramLabel = "FILE",
      description = "record each solved subproblem in FILE as it finishes; rerunning the same"
          + " command resumes from it without redoing finished work")
  private @Nullable String checkpoint;

  @Option(names = "--shard", paramLabel = "i/k",
      description = "solve only shard i of k (subproblems whose index mod k is i - 1) and write"
          + " them to --certificate as a partial file; combine the k files with 'provnets merge'")
  private @Nullable String shard;

  @Option(names = "--bounds", paramLabel = "KIND", defaultValue = "blocks",
      description = "the lower bounds that prune subproblems: blocks (the default: block bounds"
          + " where the solver finds blocks, else blocked points) or points (blocked points"
          + " only)")
  private String bounds = "blocks";

  @Option(names = "--write-tables", paramLabel = "FILE",
      description = "only solve the block tables of the run (proof notes, T1 step 8) and write"
          + " them to FILE, for the shards and merge to read with --tables; solves no subproblem")
  private @Nullable String writeTables;

  @Option(names = "--tables", paramLabel = "FILE",
      description = "read the block tables from FILE (written by --write-tables for the same"
          + " data, width, loss and output bias) instead of solving them")
  private @Nullable String tables;

  @Option(names = "--json", description = "print one JSON object instead of the report")
  private boolean json;

  /** Solves, checks, reports, and writes the certificate; 0 if it verifies, else 1. */
  @Override
  public Integer call() {
    int w = ErmRun.width(commandLine(), width);
    Loss l = ErmRun.loss(commandLine(), loss);
    long budget = ErmRun.budget(commandLine(), maxSubproblems);
    String certName = certificate;
    @Nullable Path certPath = certName == null ? null : writable(certName);
    if (!bounds.equals("blocks") && !bounds.equals("points")) {
      throw new ParameterException(
          commandLine(), "--bounds is '" + bounds + "', expected blocks or points");
    }
    boolean blockBounds = bounds.equals("blocks");
    String tablesName = tables;
    String writeName = writeTables;
    if (writeName != null) {
      notWithWriteTables("--certificate", certName);
      notWithWriteTables("--checkpoint", checkpoint);
      notWithWriteTables("--shard", shard);
      notWithWriteTables("--tables", tablesName);
      if (!blockBounds) {
        throw new ParameterException(
            commandLine(), "--write-tables writes block tables; it takes no --bounds points");
      }
      Path out = path(writeName);
      OutputFiles.checkWritable(out);
      Dataset data = DataCsv.read(path(dataFile));
      ErmRun.TablesRun t =
          ErmRun.writeTables(dataFile, data, w, l, outputBias, budget, out,
              commandLine().getErr());
      if (json) {
        out().println(ResultJson.write(tablesJson(dataFile, t, writeName)));
      } else {
        tablesReport(out(), dataFile, t, writeName);
      }
      return Main.OK;
    }
    if (tablesName != null && !blockBounds) {
      throw new ParameterException(
          commandLine(), "--tables holds block tables; it cannot be used with --bounds points");
    }
    ErmRun.Bounds runBounds =
        new ErmRun.Bounds(blockBounds, tablesName == null ? null : path(tablesName));
    Dataset data = DataCsv.read(path(dataFile));
    String shardText = shard;
    if (shardText != null) {
      int[] ik = ErmPartial.parseShard(shardText);
      if (ik.length == 0) {
        throw new ParameterException(
            commandLine(), "--shard is '" + shardText + "', expected i/k with 1 <= i <= k");
      }
      if (certPath == null) {
        throw new ParameterException(
            commandLine(), "--shard needs --certificate OUT to write the shard's partial file");
      }
      if (checkpoint != null) {
        throw new ParameterException(commandLine(), "--checkpoint is for whole runs; a shard"
            + " resumes from the records already in its own partial file (--certificate)");
      }
      ErmRun.ShardCounts counts =
          ErmRun.solveShard(dataFile, data, w, l, outputBias, budget, commandLine().getErr(),
              ik[0], ik[1], certPath, runBounds);
      out().println("shard " + ik[0] + "/" + ik[1] + ": " + counts.owned()
          + " subproblems recorded in " + certName + " (" + counts.solved() + " solved, "
          + counts.pruned() + " pruned by their bounds); combine all " + ik[1]
          + " shard files with 'provnets merge'");
      return Main.OK;
    }
    String cp = checkpoint;
    ErmRun run =
        ErmRun.solve(dataFile, data, w, l, outputBias, budget, commandLine().getErr(),
            cp == null ? null : writable(cp), runBounds);
    if (certPath != null) {
      ErmJson.write(certPath, run.certificate());
    }
    if (json) {
      out().println(ResultJson.write(json(run, certName)));
    } else {
      report(out(), run, certName);
    }
    return exitCode(run.verdict(), "T1 certificate");
  }

  /** Refuses an option that {@code --write-tables} does not take, if it is given. */
  private void notWithWriteTables(String option, @Nullable String value) {
    if (value != null) {
      throw new ParameterException(commandLine(), "--write-tables solves only the tables; it"
          + " takes no " + option + " (run erm again with --tables FILE to solve the run)");
    }
  }

  /**
   * The path of a file to write (a certificate or a checkpoint), if its directory exists
   * (checked before anything is solved or said).
   */
  private static Path writable(String file) {
    Path p = path(file);
    OutputFiles.checkWritable(p);
    return p;
  }

  /** The text report of {@code --write-tables}. */
  private static void tablesReport(
      PrintWriter out, String source, ErmRun.TablesRun t, String file) {
    out.println("TABLES " + source);
    ErmReport.describe(out, t.facts(), "");
    List<BlockBounds.Block> blocks = t.tables().blocks();
    if (blocks.isEmpty()) {
      out.println(TextReport.label("blocks") + "none (no blocks of consecutive points have"
          + " tables within 1/16 of the run's subproblems, or the losses are too large for the"
          + " keys): the run prunes by its blocked points");
    } else {
      StringBuilder b = new StringBuilder();
      for (BlockBounds.Block k : blocks) {
        int[] p = k.points();
        b.append(b.length() == 0 ? "" : ", ").append("points ").append(p[0] + 1).append('-')
            .append(p[p.length - 1] + 1);
      }
      out.println(TextReport.label("blocks") + blocks.size() + " (" + b + ")");
      out.println(TextReport.label("tables") + BlockBounds.entryCount(blocks)
          + String.format(Locale.ROOT, " block subproblems, solved in %.1f s", t.seconds()));
    }
    out.println("tables written to " + file + "; give --tables " + file
        + " to every 'provnets erm --shard i/k' of this run and to 'provnets merge'");
  }

  private static ObjectNode tablesJson(String source, ErmRun.TablesRun t, String file) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("command", "erm");
    ErmReport.describe(o, source, t.facts());
    List<BlockBounds.Block> blocks = t.tables().blocks();
    o.put("blocks", blocks.size());
    o.put("blockSubproblems", BlockBounds.entryCount(blocks));
    o.put("seconds", t.seconds());
    o.put("tablesFile", file);
    return o;
  }

  private static void report(PrintWriter out, ErmRun run, @Nullable String certName) {
    ErmCertificate cert = run.certificate();
    out.println("ERM " + run.source);
    ErmReport.describe(out, run.facts, "");
    out.println(TextReport.label("optimum") + TextReport.exactAndDecimal(cert.optimum()));
    out.println(TextReport.label("pruned") + cert.prunedCount() + " of " + run.facts.subproblems()
        + " subproblems, by their " + (cert.blocks().isEmpty() ? "blocked points"
            : "block bounds (" + cert.blocks().size() + " blocks, " + cert.blockEntryCount()
                + " block subproblems solved)") + " (not solved)");
    ErmReport.net(out, cert.net());
    ErmReport.verdict(out, run.checked);
    if (certName != null) {
      out.println("certificate written to " + certName
          + (run.checked.certified() != null ? "" : " (it was REJECTED by the checker)"));
    }
  }

  private static ObjectNode json(ErmRun run, @Nullable String certName) {
    ErmCertificate cert = run.certificate();
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("command", "erm");
    ErmReport.describe(o, run.source, run.facts);
    ErmReport.exact(o, "optimum", cert.optimum());
    o.put("pruned", cert.prunedCount());
    o.set("net", ErmJson.netReport(cert.net()));
    if (certName == null) {
      o.putNull("certificateFile");
    } else {
      o.put("certificateFile", certName);
    }
    ErmReport.verdict(o, run.checked);
    return o;
  }
}
