package org.provablenets.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.erm.Dataset;
import org.provablenets.erm.ErmCertificate;
import org.provablenets.erm.ErmPlan;
import org.provablenets.erm.PackedResults;
import org.provablenets.erm.PatternSet;
import org.provablenets.erm.Patterns;
import org.provablenets.erm.Subproblems;
import org.provablenets.io.DataCsv;
import org.provablenets.io.ErmJson;
import org.provablenets.io.ErmPartial;
import org.provablenets.io.InputException;
import org.provablenets.io.ResultJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code provnets merge --data FILE --certificate OUT SHARD...}: combines the partial files of
 * {@code erm --shard i/k} runs into one T1 certificate and verifies it.
 */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    version = "provnets 0.1.0",
    sortOptions = false,
    description = {
      "Combines the partial files written by 'provnets erm --shard i/k --certificate FILE' (one"
          + " per shard, all of the same run) into one certificate, checks it with the independent"
          + " checker and writes it.",
      "Every subproblem must be present in some file; the files must name the same data, width,"
          + " loss, output bias and pattern list."
    })
final class MergeCommand extends CliCommand {
  @Option(names = "--data", required = true, paramLabel = "FILE", description = "the data set")
  private String dataFile = "";

  @Option(names = "--certificate", required = true, paramLabel = "OUT.json",
      description = "write the merged certificate to this file")
  private String certificate = "";

  @Option(names = "--tables", paramLabel = "FILE",
      description = "read the block tables from FILE (the one the shards read) instead of"
          + " solving them")
  private @Nullable String tables;

  @Option(names = "--json", description = "print one JSON object instead of the report")
  private boolean json;

  @Parameters(arity = "1..*", paramLabel = "SHARD", description = "the shards' partial files")
  private List<String> shards = new ArrayList<>();

  /** Merges, checks and writes; 0 if the certificate verifies, else 1. */
  @Override
  public Integer call() {
    Dataset data = DataCsv.read(path(dataFile));
    ErmPartial.@Nullable Header first = null;
    String firstName = "";
    // The headers first: every file of one run, made for this data's patterns and count, before
    // anything is allocated for the results.
    for (String name : shards) {
      ErmPartial.Header h = ErmPartial.readHeader(path(name));
      if (first == null) {
        first = h;
        firstName = name;
        if (!first.dataDigest.equals(data.digest())) {
          throw new InputException(name + ": was made for other data than " + dataFile);
        }
      } else if (!first.sameRun(h)) {
        throw new InputException(
            name + ": belongs to another run than " + firstName
                + " (data, width, loss, output bias, patterns, bounds or number of shards differ)");
      }
    }
    if (first == null) {
      throw new InputException("merge needs at least one shard file");
    }
    String tablesName = tables;
    if (tablesName != null && !first.blockBounds) {
      throw new InputException(firstName + ": its run prunes by the blocked points only"
          + " (--bounds points), so it takes no --tables");
    }
    PatternSet ps = Patterns.enumerate(data);
    if (!ps.digest().equals(first.patternDigest)
        || !Subproblems.count(ps.size(), first.width).equals(BigInteger.valueOf(first.subproblems))) {
      throw new InputException(
          firstName + ": its pattern list differs from this data's enumeration");
    }
    ErmPlan plan;
    try {
      plan = ErmPlan.forMerge(data, first.width, first.loss, first.outputBias, ps,
          first.blockBounds);
    } catch (ErmPlan.RefusedException e) {
      throw new InputException(dataFile + ": " + e.getMessage(), e);
    }
    // One record at a time: each result is packed as it is read, so the merge holds one line
    // of a shard file at most besides the packed results.
    PackedResults solved = new PackedResults(first.subproblems);
    for (String name : shards) {
      ErmPartial.scan(path(name), r -> solved.put(ErmRun.solved(r)));
    }
    for (int i = 0; i < solved.size(); i++) {
      if (!solved.has(i)) {
        throw new InputException(
            "subproblem " + (i + 1) + " of " + solved.size() + " is in none of the shard files"
                + " (shard " + (i % first.shards + 1) + "/" + first.shards
                + " is missing or unfinished)");
      }
    }
    ErmRun run = ErmRun.merged(dataFile, data, plan,
        new ErmRun.Bounds(first.blockBounds, tablesName == null ? null : path(tablesName)),
        solved, commandLine().getErr());
    Path out = path(certificate);
    ErmCertificate cert = run.certificate();
    ErmJson.write(out, cert);
    if (json) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("command", "merge");
      ErmReport.describe(o, run.source, run.facts);
      o.put("shardFiles", shards.size());
      ErmReport.exact(o, "optimum", cert.optimum());
      o.set("net", ErmJson.netReport(cert.net()));
      o.put("certificateFile", certificate);
      ErmReport.verdict(o, run.checked);
      out().println(ResultJson.write(o));
    } else {
      out().println("MERGE " + shards.size() + " shard files for " + dataFile);
      ErmReport.describe(out(), run.facts, "");
      out().println(TextReport.label("optimum") + TextReport.exactAndDecimal(cert.optimum()));
      ErmReport.net(out(), cert.net());
      ErmReport.verdict(out(), run.checked);
      out().println("certificate written to " + certificate
          + (run.checked.certified() != null ? "" : " (it was REJECTED by the checker)"));
    }
    return exitCode(run.verdict(), "T1 certificate");
  }
}
