package org.provablenets.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.erm.ErmCertificate;
import org.provablenets.erm.Loss;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;

/**
 * Partial T1 results: the file format of checkpoints and shards (JSON Lines).
 *
 * <p>Line 1 is a header naming the run: {@code {"kind": "t1-erm-partial", "version": 1,
 * "dataDigest", "width", "loss", "outputBias", "patternDigest", "patternCount", "subproblems",
 * "shard": "i/k", "bounds": "blocks" | "points"}} (a file without {@code bounds}, written before
 * the block bounds, is read as {@code "points"}). Every further line is one solved subproblem: {@code {"index": i, "plus": p,
 * "patterns": [..], "u": [..], "lambda": [..], "value": "..", "t": [..]}}, exact strings (a pruned
 * subproblem has {@code "pruned": true} instead of u and lambda, its lower bound (the value of
 * its block-bound or blocked-points key) as value and an empty t). A new file is created with its header atomically (written in full, or
 * not at all); records are appended as subproblems finish, a solved one flushed at once (pruned
 * ones, which cost nothing to redo, with the next flush), so a run killed at any moment keeps
 * every solve finished before the last flush and leaves a file whose complete lines are all
 * valid. A truncated last line (no newline after
 * it, and not JSON) is what such a kill can leave: it is ignored when the file is read, and cut off
 * before new records are appended; a bad line anywhere else is an error. Records are claims: the
 * merged certificate is verified by the checker as a whole.
 */
public final class ErmPartial {
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();
  private static final List<String> HEADER_FIELDS =
      List.of("kind", "version", "dataDigest", "width", "loss", "outputBias", "patternDigest",
          "patternCount", "subproblems", "shard", "bounds");
  private static final List<String> RECORD_FIELDS =
      List.of("index", "plus", "patterns", "u", "lambda", "pruned", "value", "t");

  /** What a partial file is about; two partial files can be merged iff their headers agree. */
  public static final class Header {
    /** The data digest. */
    public final String dataDigest;
    /** Width. */
    public final int width;
    /** Loss. */
    public final Loss loss;
    /** Output bias. */
    public final boolean outputBias;
    /** Digest of the pattern list. */
    public final String patternDigest;
    /** Number of patterns. */
    public final int patternCount;
    /** Number of subproblems of the whole run. */
    public final int subproblems;
    /** This file's shard i (1-based). */
    public final int shard;
    /** Number of shards k. */
    public final int shards;
    /**
     * Whether the run may prune by block bounds ({@code "bounds": "blocks"}) or only by blocked
     * points ({@code "points"}; files written before the blocks have no such field, and are read
     * as this).
     */
    public final boolean blockBounds;

    /** Bundles a header. */
    public Header(
        String dataDigest, int width, Loss loss, boolean outputBias, String patternDigest,
        int patternCount, int subproblems, int shard, int shards, boolean blockBounds) {
      this.dataDigest = dataDigest;
      this.width = width;
      this.loss = loss;
      this.outputBias = outputBias;
      this.patternDigest = patternDigest;
      this.patternCount = patternCount;
      this.subproblems = subproblems;
      this.shard = shard;
      this.shards = shards;
      this.blockBounds = blockBounds;
    }

    /** Whether subproblem {@code index} belongs to this shard: {@code index mod k = i - 1}. */
    public boolean owns(int index) {
      return index % shards == shard - 1;
    }

    /** Whether the other header describes the same run (any shard). */
    public boolean sameRun(Header o) {
      return dataDigest.equals(o.dataDigest) && width == o.width && loss == o.loss
          && outputBias == o.outputBias && patternDigest.equals(o.patternDigest)
          && patternCount == o.patternCount && subproblems == o.subproblems && shards == o.shards
          && blockBounds == o.blockBounds;
    }

    ObjectNode json() {
      ObjectNode o = MAPPER.createObjectNode();
      o.put("kind", "t1-erm-partial");
      o.put("version", 1);
      o.put("dataDigest", dataDigest);
      o.put("width", width);
      o.put("loss", loss.id());
      o.put("outputBias", outputBias);
      o.put("patternDigest", patternDigest);
      o.put("patternCount", patternCount);
      o.put("subproblems", subproblems);
      o.put("shard", shard + "/" + shards);
      o.put("bounds", blockBounds ? "blocks" : "points");
      return o;
    }
  }

  /**
   * One line of a partial file: a solved subproblem (index in canonical order, certificate entry,
   * optimum, optimal parameters t) or a pruned one (its lower bound as value, t empty).
   * A claim: only the merged certificate is checked.
   *
   * @param index the subproblem's index in canonical order
   * @param entry its certificate entry
   * @param value its optimum, or its lower bound if pruned
   * @param t its optimal parameters (empty if pruned)
   */
  public record Record(int index, ErmCertificate.Entry entry, Rational value, Rational[] t) {}

  /** A partial file's header and its solved subproblems by index. */
  public static final class Contents {
    /** The header. */
    public final Header header;
    /** The records, by index. */
    public final Map<Integer, Record> solved;

    Contents(Header header, Map<Integer, Record> solved) {
      this.header = header;
      this.solved = solved;
    }
  }

  private ErmPartial() {}

  /** Appends records to a partial file, one line each; safe to call from many threads. */
  public static final class Writer implements AutoCloseable {
    private final BufferedWriter out;
    private final String name;

    private Writer(BufferedWriter out, String name) {
      this.out = out;
      this.name = name;
    }

    /**
     * Appends one subproblem; a solved one is flushed to the file at once (its work is not lost if
     * the run is killed), a pruned one with the next flush or at {@link #close} (a resumed run
     * prunes it again at no cost).
     */
    public void append(Record s) {
      String line;
      try {
        line = MAPPER.writeValueAsString(record(s));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a record could not be written as JSON", e);
      }
      synchronized (this) {
        try {
          out.write(line);
          out.write('\n');
          if (!s.entry().isPruned()) {
            out.flush();
          }
        } catch (IOException e) {
          throw new InputException(name + ": cannot be written (" + e.getMessage() + ")", e);
        }
      }
    }

    @Override
    public synchronized void close() {
      try {
        out.close();
      } catch (IOException e) {
        throw new InputException(name + ": cannot be written (" + e.getMessage() + ")", e);
      }
    }
  }

  /** Whether the file exists and is not empty (an empty file is treated as a new one). */
  public static boolean hasContents(Path file) {
    try {
      return Files.exists(file) && Files.size(file) > 0;
    } catch (IOException e) {
      throw new InputException(file + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Opens a partial file for appending: a new (or empty) file gets the header, written atomically;
   * an existing file must have the same header (then its records are kept and new ones are
   * appended, after cutting off a truncated last line).
   *
   * @throws InputException if the file exists for another run, or cannot be written
   */
  public static Writer open(Path file, Header header) {
    String name = file.toString();
    try {
      if (hasContents(file)) {
        Header old = readHeader(file);
        if (!old.sameRun(header) || old.shard != header.shard) {
          throw new InputException(
              name + ": holds results of another run (different data, width, loss, patterns or"
                  + " shard); remove it or name another file");
        }
        ensureNewline(file);
      } else {
        OutputFiles.writeText(file, MAPPER.writeValueAsString(header.json()) + "\n");
      }
      BufferedWriter w =
          Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      return new Writer(w, name);
    } catch (IOException e) {
      throw new InputException(name + ": cannot be written (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Makes the file end with a newline so that appended records start cleanly: a last line without
   * one is kept (given its newline) if {@link #scan} took it as a record, and otherwise, a
   * truncated line from a killed run, cut off in place (one truncation, so a kill during this
   * step loses nothing else).
   */
  private static void ensureNewline(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      long size = ch.size();
      // The start of the last line: after the last newline, found reading backwards in blocks.
      long end = size;
      ByteBuffer block = ByteBuffer.allocate(1 << 16);
      search:
      while (end > 0) {
        long from = Math.max(0, end - block.capacity());
        block.clear().limit((int) (end - from));
        ch.read(block, from);
        for (int i = (int) (end - from) - 1; i >= 0; i--) {
          if (block.get(i) == '\n') {
            end = from + i + 1;
            break search;
          }
        }
        end = from;
      }
      if (end == size) {
        return;
      }
      ByteBuffer last = ByteBuffer.allocate((int) (size - end));
      ch.read(last, end);
      if (isJson(new String(last.array(), StandardCharsets.UTF_8))) {
        ch.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
      } else {
        ch.truncate(end);
      }
    }
  }

  private static boolean isJson(String line) {
    try {
      MAPPER.readTree(line);
      return true;
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static ObjectNode record(Record s) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("index", s.index());
    ErmJson.entryFields(o, s.entry());
    o.put("value", Rationals.format(s.value()));
    o.set("t", ErmJson.strings(s.t()));
    return o;
  }

  /**
   * Reads a partial file; a truncated last line (a run killed while writing) is ignored.
   *
   * @throws InputException on a malformed header or record
   */
  public static Contents read(Path file) {
    Map<Integer, Record> solved = new TreeMap<>();
    Header h = scan(file, r -> solved.put(r.index(), r));
    return new Contents(h, solved);
  }

  /**
   * Reads a partial file one line at a time, handing each record to {@code each} in file order,
   * and returns its header; a truncated last line (a run killed while writing) is ignored. For
   * files too large to hold: only one line is in memory at a time.
   *
   * @throws InputException on a malformed header or record
   */
  public static Header scan(Path file, Consumer<Record> each) {
    try (JsonLines lines = JsonLines.open(file)) {
      String name = lines.name();
      JsonInput in = new JsonInput(name);
      boolean endsWithNewline = endsWithNewline(file, name);
      Header h = header(in, lines.header("a T1 partial-results header"));
      int k = 1;
      for (String line = lines.next(); line != null; ) {
        String next = lines.next();
        k++;
        if (!line.isBlank()) {
          boolean last = next == null && !endsWithNewline; // possibly truncated
          JsonNode node;
          try {
            node = MAPPER.readTree(line);
          } catch (JsonProcessingException e) {
            if (last) {
              break;
            }
            throw new InputException(name + ": line " + k + " is not a JSON record");
          }
          each.accept(record(in, node, "line " + k, h));
        }
        line = next;
      }
      return h;
    }
  }

  /**
   * A partial file's header alone (its first line), without reading the records.
   *
   * @throws InputException on a missing file or a malformed header
   */
  public static Header readHeader(Path file) {
    try (JsonLines lines = JsonLines.open(file)) {
      return header(new JsonInput(lines.name()), lines.header("a T1 partial-results header"));
    }
  }

  /** Whether the file's last byte is a newline (false for an empty file). */
  private static boolean endsWithNewline(Path file, String name) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size == 0) {
        return false;
      }
      ByteBuffer b = ByteBuffer.allocate(1);
      ch.read(b, size - 1);
      return b.get(0) == '\n';
    } catch (NoSuchFileException e) {
      throw new InputException(name + ": no such file", e);
    } catch (IOException e) {
      throw new InputException(name + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }

  private static Header header(JsonInput in, JsonNode node) {
    String place = "header";
    in.object(node, place);
    in.fields(node, place, HEADER_FIELDS);
    String kind = in.text(in.required(node, place, "kind"), place + ".kind");
    if (!kind.equals("t1-erm-partial")) {
      throw in.error(place + ".kind", "is \"" + kind + "\", expected \"t1-erm-partial\"");
    }
    in.integer(in.required(node, place, "version"), place + ".version", 1, 1);
    String shard = in.text(in.required(node, place, "shard"), place + ".shard");
    int[] ik = parseShard(shard);
    if (ik.length == 0) {
      throw in.error(place + ".shard", "is \"" + shard + "\", expected i/k with 1 <= i <= k");
    }
    Loss loss;
    try {
      loss = Loss.fromId(in.text(in.required(node, place, "loss"), place + ".loss"));
    } catch (IllegalArgumentException e) {
      throw in.error(place + ".loss", String.valueOf(e.getMessage()));
    }
    return new Header(
        in.text(in.required(node, place, "dataDigest"), place + ".dataDigest"),
        in.integer(in.required(node, place, "width"), place + ".width", 1, 64),
        loss,
        in.bool(in.required(node, place, "outputBias"), place + ".outputBias"),
        in.text(in.required(node, place, "patternDigest"), place + ".patternDigest"),
        in.integer(in.required(node, place, "patternCount"), place + ".patternCount", 1,
            Integer.MAX_VALUE),
        in.integer(in.required(node, place, "subproblems"), place + ".subproblems", 1,
            Integer.MAX_VALUE),
        ik[0],
        ik[1],
        bounds(in, node.get("bounds"), place + ".bounds"));
  }

  /** {@code "blocks"} (true) or {@code "points"} (false, also when absent). */
  private static boolean bounds(JsonInput in, @Nullable JsonNode node, String place) {
    if (node == null) {
      return false;
    }
    String b = in.text(node, place);
    if (!b.equals("blocks") && !b.equals("points")) {
      throw in.error(place, "is \"" + b + "\", expected \"blocks\" or \"points\"");
    }
    return b.equals("blocks");
  }

  /** {@code {i, k}} from "i/k" with 1 <= i <= k, or an empty array if malformed. */
  public static int[] parseShard(String s) {
    String[] p = s.trim().split("/");
    if (p.length != 2) {
      return new int[0];
    }
    try {
      int i = Integer.parseInt(p[0].trim());
      int k = Integer.parseInt(p[1].trim());
      return i >= 1 && i <= k ? new int[] {i, k} : new int[0];
    } catch (NumberFormatException e) {
      return new int[0];
    }
  }

  private static Record record(JsonInput in, JsonNode node, String place, Header h) {
    in.object(node, place);
    in.fields(node, place, RECORD_FIELDS);
    int index = in.integer(in.required(node, place, "index"), place + ".index", 0, h.subproblems - 1);
    int plus = in.integer(in.required(node, place, "plus"), place + ".plus", 0, h.width);
    JsonNode pats = in.array(in.required(node, place, "patterns"), place + ".patterns");
    if (pats.size() != h.width) {
      throw in.error(place + ".patterns", "has " + pats.size() + " entries, expected " + h.width);
    }
    int[] patterns = new int[h.width];
    for (int i = 0; i < h.width; i++) {
      JsonNode pi = pats.get(i);
      if (pi == null) {
        throw in.error(place + ".patterns", "is too short");
      }
      patterns[i] = in.integer(pi, place + ".patterns[" + i + "]", 0, h.patternCount - 1);
    }
    ErmCertificate.Entry entry = ErmJson.entry(in, node, place, plus, patterns);
    Rational value = in.number(node.get("value"), place + ".value");
    Rational[] t = in.vector(node.get("t"), place + ".t");
    return new Record(index, entry, value, t);
  }
}
