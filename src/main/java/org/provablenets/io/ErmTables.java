package org.provablenets.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.provablenets.erm.BlockBounds;
import org.provablenets.erm.Dataset;
import org.provablenets.erm.ErmCertificate;
import org.provablenets.erm.ErmSolver;
import org.provablenets.erm.Loss;
import org.provablenets.erm.PackedResults;
import org.provablenets.erm.PatternSet;
import org.provablenets.erm.Subproblems;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;

/**
 * Block tables in a file (T1 step 8 of the proof notes): solved once by {@code erm
 * --write-tables}, then read by every shard and by {@code merge} ({@code --tables}) instead of
 * being solved again in each process (JSON Lines).
 *
 * <p>Line 1 is a header naming the run and the blocks: {@code {"kind": "t1-erm-tables",
 * "version": 1, "dataDigest", "width", "loss", "outputBias", "patternDigest", "patternCount",
 * "blocks": [{"points": [..], "patterns": ["+-..", ..]}, ..]}} (points 0-based and increasing;
 * each block's patterns are restrictions of the run's patterns to its points; no blocks: the run
 * prunes by the blocked points). Then, block by block and within a block in canonical order
 * (rank 0, 1, ..), one line per block subproblem: {@code {"block": k, "plus": p, "patterns":
 * [..], "u": [..], "lambda": [..], "value": ".."}}, exact strings: its dual point and its optimum.
 *
 * <p><b>Trust.</b> The tables are claims, like every solver output: the run orders and prunes by
 * their values, and the certificate lists their dual points, each of which the checker verifies
 * before it relies on it. A wrong table can make a run's certificate be rejected; it cannot make
 * a wrong optimum be certified. The reader checks what the solver needs to run at all: the same
 * data, width, loss, output bias and patterns; disjoint blocks of increasing points; every
 * pattern's restriction among its block's patterns; every block subproblem once, in canonical
 * order, with a dual point; each value between 0 and its block's mean loss at 0 (the zero net is
 * feasible in every subproblem, so every optimum lies there).
 */
public final class ErmTables {
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();
  private static final String KIND = "t1-erm-tables";
  private static final List<String> HEADER_FIELDS =
      List.of("kind", "version", "dataDigest", "width", "loss", "outputBias", "patternDigest",
          "patternCount", "blocks");
  private static final List<String> RECORD_FIELDS =
      List.of("block", "plus", "patterns", "u", "lambda", "value");

  private ErmTables() {}

  /**
   * Writes a run's tables atomically (written in full or not at all), streamed one block
   * subproblem at a time.
   *
   * @throws InputException if the file cannot be written
   */
  public static void write(Path file, Dataset data, int width, Loss loss, boolean outputBias,
      PatternSet ps, BlockBounds.Tables tables) {
    ObjectNode h = MAPPER.createObjectNode();
    h.put("kind", KIND);
    h.put("version", 1);
    h.put("dataDigest", data.digest());
    h.put("width", width);
    h.put("loss", loss.id());
    h.put("outputBias", outputBias);
    h.put("patternDigest", ps.digest());
    h.put("patternCount", ps.size());
    ArrayNode blocks = h.putArray("blocks");
    for (BlockBounds.Block b : tables.blocks()) {
      blocks.add(ErmJson.block(b));
    }
    OutputFiles.write(file, out -> {
      line(out, h);
      for (int k = 0; k < tables.blocks().size(); k++) {
        PackedResults results = tables.results().get(k);
        for (int r = 0; r < results.size(); r++) {
          line(out, record(k, results.get(r)));
        }
      }
    });
  }

  private static void line(OutputStream out, JsonNode node) throws IOException {
    out.write(MAPPER.writeValueAsBytes(node));
    out.write('\n');
  }

  private static ObjectNode record(int block, ErmSolver.Solved s) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("block", block);
    ErmJson.entryFields(o, s.entry);
    o.put("value", Rationals.format(s.value));
    return o;
  }

  /**
   * Reads the tables of this run (data, width, loss, output bias and patterns) from a file.
   *
   * <p><b>Cost.</b> One pass over the file; holds the tables packed, as the run solving them
   * would.
   *
   * @throws InputException with one sentence if the file is missing, malformed, or made for
   *     another run, or if its tables do not fit this run's patterns
   */
  public static BlockBounds.Tables read(Path file, Dataset data, int width, Loss loss,
      boolean outputBias, PatternSet ps) {
    return read(file, data, width, loss, outputBias, ps, true);
  }

  /**
   * As {@link #read(Path, Dataset, int, Loss, boolean, PatternSet)}; without {@code duals}, the
   * dual points are checked to be arrays but not read: the entries get empty ones, which no
   * checker accepts. For a shard, which orders and prunes by the values alone and writes no
   * certificate (its merge reads the duals); several times faster on large tables.
   */
  public static BlockBounds.Tables read(Path file, Dataset data, int width, Loss loss,
      boolean outputBias, PatternSet ps, boolean duals) {
    if (!Files.exists(file)) {
      throw new InputException(file + ": no such file (write it first with erm --write-tables)");
    }
    try (JsonLines r = JsonLines.open(file)) {
      String name = r.name();
      JsonInput in = new JsonInput(name);
      List<int[]> points = new ArrayList<>();
      List<PatternSet> patterns = new ArrayList<>();
      header(in, r.header("a T1 block-tables header"), data, width, loss, outputBias, ps, points,
          patterns);
      List<PackedResults> results = new ArrayList<>();
      int lineNo = 1;
      for (int k = 0; k < points.size(); k++) {
        int m = patterns.get(k).size();
        // the run's own blocks (checked above): their tables are within 1/16 of the run's count
        int count = Subproblems.count(m, width).intValueExact();
        Subproblems.Ranks ranks = new Subproblems.Ranks(m, width);
        Rational cap = BlockBounds.Keys.meanLossAtZero(BlockBounds.restrict(data, points.get(k)), loss);
        PackedResults table = new PackedResults(count);
        // Lines are read in batches and parsed in parallel; the first bad line in file order
        // is reported.
        for (int from = 0; from < count; from += BATCH) {
          int n = Math.min(BATCH, count - from);
          String[] lines = new String[n];
          int read = 0;
          while (read < n) {
            String line = r.next();
            if (line == null) {
              break;
            }
            lines[read++] = line;
          }
          int rank0 = from;
          int firstLine = lineNo + 1;
          int block = k;
          InputException[] bad = new InputException[n];
          IntStream.range(0, read).parallel().forEach(j -> {
            try {
              table.put(record(in, r, lines[j], firstLine + j, block, rank0 + j, count, width, m,
                  ranks, cap, duals));
            } catch (InputException e) {
              bad[j] = e;
            }
          });
          for (InputException e : bad) {
            if (e != null) {
              throw e;
            }
          }
          if (read < n) {
            throw new InputException(name + ": ends after " + (from + read) + " of the " + count
                + " subproblems of block " + k + " (line " + (lineNo + read + 1)
                + " is missing)");
          }
          lineNo += n;
        }
        results.add(table);
      }
      for (String line = r.next(); line != null; line = r.next()) {
        lineNo++;
        if (!line.isBlank()) {
          throw new InputException(name + ": line " + lineNo
              + " is past the last block subproblem (the header's blocks have no more)");
        }
      }
      return points.isEmpty() ? BlockBounds.blockedPoints(data, ps, loss, outputBias)
          : BlockBounds.of(data, ps, width, loss, points, patterns, results);
    }
  }

  /** Lines parsed in parallel at a time. */
  private static final int BATCH = 8192;

  /**
   * One line: block k's subproblem i of {@code count}, with a dual point and a value in [0, cap].
   */
  private static ErmSolver.Solved record(JsonInput in, JsonLines file, String line, int lineNo,
      int k, int i, int count, int width, int m, Subproblems.Ranks ranks, Rational cap,
      boolean duals) {
    String place = "line " + lineNo;
    JsonNode o = file.parse(line, lineNo);
    in.object(o, place);
    in.fields(o, place, RECORD_FIELDS);
    int block = in.integer(in.required(o, place, "block"), place + ".block", 0,
        Integer.MAX_VALUE);
    if (block != k) {
      throw in.error(place + ".block", "is " + block + ", expected " + k + " (block "
          + k + " has " + count + " subproblems, in canonical order)");
    }
    int plus = in.integer(in.required(o, place, "plus"), place + ".plus", 0, width);
    JsonNode idx = in.array(in.required(o, place, "patterns"), place + ".patterns");
    int[] pats = new int[idx.size()];
    for (int u = 0; u < pats.length; u++) {
      pats[u] = in.integer(idx.get(u), place + ".patterns[" + u + "]", 0, m - 1);
    }
    if (!Subproblems.isCanonical(plus, pats, width, m) || ranks.rank(plus, pats) != i) {
      throw in.error(place, "is not block " + k + "'s subproblem " + i + " in canonical"
          + " order (" + width + " pattern indices below " + m + ", non-decreasing within"
          + " each sign group)");
    }
    if (o.get("u") == null || o.get("lambda") == null) {
      throw in.error(place, "has no dual point (u and lambda are required)");
    }
    ErmCertificate.Entry e;
    if (duals) {
      e = ErmJson.entry(in, o, place, plus, pats);
    } else {
      in.array(o.get("u"), place + ".u");
      in.array(o.get("lambda"), place + ".lambda");
      e = new ErmCertificate.Entry(plus, pats, new Rational[0], new Rational[0]);
    }
    Rational value = in.number(in.required(o, place, "value"), place + ".value");
    if (value.signum() < 0 || value.compareTo(cap) > 0) {
      throw in.error(place + ".value", "is " + Rationals.format(value) + ", outside [0, "
          + Rationals.format(cap) + "] (the block's mean loss at 0 bounds every optimum)");
    }
    return new ErmSolver.Solved(i, e, value, new Rational[0]);
  }

  /** Checks the header against the run and reads the blocks into {@code points} and {@code patterns}. */
  private static void header(JsonInput in, JsonNode h, Dataset data, int width, Loss loss,
      boolean outputBias, PatternSet ps, List<int[]> points, List<PatternSet> patterns) {
    String place = "header";
    in.object(h, place);
    in.fields(h, place, HEADER_FIELDS);
    String kind = in.text(in.required(h, place, "kind"), place + ".kind");
    if (!kind.equals(KIND)) {
      throw in.error(place + ".kind", "is \"" + kind + "\", expected \"" + KIND + "\"");
    }
    in.integer(in.required(h, place, "version"), place + ".version", 1, 1);
    if (!in.text(in.required(h, place, "dataDigest"), place + ".dataDigest")
        .equals(data.digest())) {
      throw new InputException(in.source() + ": was made for other data (its dataDigest differs"
          + " from the data's " + data.digest() + ")");
    }
    int w = in.integer(in.required(h, place, "width"), place + ".width", 1, 64);
    String l = in.text(in.required(h, place, "loss"), place + ".loss");
    boolean b = in.bool(in.required(h, place, "outputBias"), place + ".outputBias");
    if (w != width || !l.equals(loss.id()) || b != outputBias) {
      throw new InputException(in.source() + ": holds the tables of a run of width " + w + ", "
          + l + " loss, " + (b ? "with" : "without") + " an output bias; this run has width "
          + width + ", " + loss.id() + " loss, " + (outputBias ? "with" : "without")
          + " an output bias");
    }
    if (!in.text(in.required(h, place, "patternDigest"), place + ".patternDigest")
        .equals(ps.digest())
        || in.integer(in.required(h, place, "patternCount"), place + ".patternCount", 1,
            Integer.MAX_VALUE) != ps.size()) {
      throw new InputException(in.source() + ": was made for another pattern list than this"
          + " data's enumeration");
    }
    // The blocks must be the run's own (what --write-tables writes for it): other disjoint blocks
    // would be sound, but the run's memory pre-flight counted these tables, not others.
    JsonNode blocks = in.array(in.required(h, place, "blocks"), place + ".blocks");
    int[][] own = BlockBounds.blocksOf(data, ps, width, loss);
    boolean same = own.length == blocks.size();
    for (int k = 0; k < blocks.size(); k++) {
      ErmJson.BlockHead head = ErmJson.blockHead(in, blocks.get(k), place + ".blocks[" + k + "]");
      if (same) {
        PatternSet rs = BlockBounds.restrict(ps, own[k]);
        same = Arrays.equals(own[k], head.points()) && signs(rs).equals(signs(head.patterns()));
        points.add(own[k]);
        patterns.add(rs);
      }
    }
    if (!same) {
      throw new InputException(in.source() + ": its blocks are not the ones this run takes ("
          + describe(own) + "); write the tables of this run with erm --write-tables");
    }
  }

  private static List<String> signs(PatternSet ps) {
    List<String> s = new ArrayList<>();
    for (int r = 0; r < ps.size(); r++) {
      s.add(ps.get(r).signs());
    }
    return s;
  }

  /** "3 blocks: points 1-4, 5-8, 9-12" or "no blocks" (1-based, as the reports print them). */
  private static String describe(int[][] parts) {
    if (parts.length == 0) {
      return "no blocks";
    }
    StringBuilder b = new StringBuilder(parts.length + " blocks of consecutive points, with their"
        + " restricted patterns: points ");
    for (int k = 0; k < parts.length; k++) {
      int[] p = parts[k];
      b.append(k == 0 ? "" : ", ").append(p[0] + 1).append('-').append(p[p.length - 1] + 1);
    }
    return b.toString();
  }
}
