package org.provablenets.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.function.Function;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.erm.BlockBounds;
import org.provablenets.erm.ErmCertificate;
import org.provablenets.erm.Loss;
import org.provablenets.erm.PackedEntries;
import org.provablenets.erm.PatternSet;
import org.provablenets.erm.ReluNet;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;

/**
 * T1 files: the ERM certificate (written and read back exactly) and depth-2 ReLU nets.
 *
 * <p><b>Certificate</b> ({@link #write(ErmCertificate)}, {@link #readCertificate(Path)}). Fields in
 * this fixed order, one per line, each list element on its own line (so identical certificates are
 * byte-identical files and a diff shows what changed):
 *
 * <pre>
 * {
 *   "kind": "t1-erm-certificate",
 *   "version": 1,
 *   "dataDigest": "3f2a...",          SHA-256 of the data's canonical text (Dataset.digest)
 *   "width": 2,
 *   "loss": "squared",                Loss.id()
 *   "outputBias": false,
 *   "optimum": "1/5",                 the claimed global optimum, exact
 *   "optimumDecimal": "0.2",          for reading only; ignored when read back
 *   "net": {"units":[{"weights":["1"],"bias":"-1","sign":1}, ...],"outputBias":"0"},
 *   "patterns": [
 *     {"signs":"++-","witness":["-1","1"]},        '+' = point active; witness (a, b)
 *     ...],
 *   "refutations": [
 *     {"prefix":"+-+","farkas":["1","2","1"]},     a refuted sign prefix and its Farkas vector
 *     ...],
 *   "blocks": [                                    only if the pruned entries use block bounds
 *     {"points":[0,1,2],"patterns":["+-+","---"]},   0-based points; their patterns' restrictions
 *     ...],
 *   "blockBounds": [                               each block's subproblems, in canonical order
 *     {"block":0,"plus":0,"patterns":[0,1],"u":[...],"lambda":[...]},  patterns: the block's
 *     ...],
 *   "subproblems": [
 *     {"plus":1,"patterns":[0,3],"u":[...],"lambda":[...]},   in canonical order
 *     {"plus":2,"patterns":[1,1],"pruned":true},                 (bounded by its blocks, or by
 *     ...]                                                        its blocked points)
 * }
 * </pre>
 *
 * The block fields are absent from a certificate without blocks (pruned entries bounded by their
 * blocked points), so such certificates read and write as before the blocks were added.
 *
 * Every number in a certificate is a plain exact string ({@link Rationals#format}: {@code "3"},
 * {@code "-3/7"}); it is meant to be machine-checked, so only the optimum has a decimal beside it.
 * On reading, numbers may also be JSON numbers (read from their literal text, never through
 * {@code double}).
 *
 * <p><b>Net</b> ({@link #readNet(Path)}): {@code f(x) = sum_i s_i max(0, a_i . x + b_i) + c}
 *
 * <pre>
 * {"units": [{"weights": [1, "-1/2"], "bias": 0.5, "sign": 1},
 *            {"weights": [0.25, 2],   "bias": -1,  "outputWeight": -0.75}],
 *  "outputBias": 0}
 * </pre>
 *
 * Each unit has {@code weights} (n numbers, the same n for all units), {@code bias}, and either
 * {@code sign} (1 or -1) or a general {@code outputWeight} a'_i (normalised exactly by {@link
 * ReluNet#fromOutputWeights}: sign(a'_i), first layer scaled by |a'_i|). {@code outputBias}
 * (default 0) and {@code description} are optional. Numbers are JSON numbers (read from their
 * literal text), strings such as {@code "3/7"}, or {@code {"exact": "3/7", ...}} objects. A file
 * whose top-level object has a {@code "net"} field instead (a certificate, or the output of {@code
 * provnets erm --json}) is read from that field.
 *
 * <p><b>PyTorch state_dict.</b> A net may also be a {@link StateDict}: a JSON object whose keys are
 * {@code fc1.weight} (w x n), {@code fc1.bias} (w), {@code fc2.weight} (1 x w) and optionally
 * {@code fc2.bias} (one entry), told apart from the form above by those keys; or an {@code .npz}
 * file (name ending in {@code .npz}, any case) with the members {@code fc1.weight.npy} and so on,
 * its numbers the exact binary values stored ({@link NumPy}). Unit i has the weights {@code
 * fc1.weight[i]}, the bias {@code fc1.bias[i]} and the output weight {@code fc2.weight[0][i]},
 * normalised as an {@code outputWeight} above; the output bias is {@code fc2.bias[0]} (default 0).
 *
 * <p>Bad input is an {@link InputException}: one sentence naming the file, the place (such as
 * {@code subproblems[3].lambda[0]}, indices from 0) and the problem.
 */
public final class ErmJson {
  /** The value of the certificate's {@code kind} field. */
  public static final String KIND = "t1-erm-certificate";

  /** The certificate format version written and read. */
  public static final int VERSION = 1;

  /** Largest width a certificate may state. */
  public static final int MAX_WIDTH = 64;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper COMPACT = JsonMapper.builder().build();

  private static final List<String> CERT_FIELDS =
      List.of(
          "kind", "version", "dataDigest", "width", "loss", "outputBias", "optimum",
          "optimumDecimal", "net", "patterns", "refutations", "blocks", "blockBounds",
          "subproblems");
  private static final List<String> BLOCK_FIELDS = List.of("points", "patterns");
  private static final List<String> NET_FIELDS = List.of("units", "outputBias", "description");
  private static final List<String> UNIT_FIELDS =
      List.of("weights", "bias", "sign", "outputWeight");
  private static final List<String> PATTERN_FIELDS = List.of("signs", "witness");
  private static final List<String> REFUTATION_FIELDS = List.of("prefix", "farkas");
  private static final List<String> ENTRY_FIELDS =
      List.of("plus", "patterns", "u", "lambda", "pruned");
  private static final List<String> BLOCK_ENTRY_FIELDS =
      List.of("block", "plus", "patterns", "u", "lambda");

  private ErmJson() {}

  /**
   * A subproblem entry: {@code "pruned": true} and no dual point, or {@code "u"} and {@code
   * "lambda"}.
   */
  static ErmCertificate.Entry entry(
      JsonInput in, JsonNode o, String place, int plus, int[] patterns) {
    @Nullable JsonNode pruned = o.get("pruned");
    if (pruned != null && in.bool(pruned, place + ".pruned")) {
      if (o.has("u") || o.has("lambda")) {
        throw in.error(place, "is pruned, so it has no dual point (u, lambda)");
      }
      return ErmCertificate.Entry.pruned(plus, patterns);
    }
    Rational[] u = in.vector(in.required(o, place, "u"), place + ".u");
    Rational[] lambda = in.vector(in.required(o, place, "lambda"), place + ".lambda");
    return new ErmCertificate.Entry(plus, patterns, u, lambda);
  }

  // ---- writing ----

  /** The certificate as JSON text in the format above, ending with a newline. */
  public static String write(ErmCertificate c) {
    StringWriter out = new StringWriter();
    try {
      write(out, c);
    } catch (IOException e) {
      throw new UncheckedIOException("a string writer failed", e);
    }
    return out.toString();
  }

  /**
   * Writes the certificate as {@link #write(ErmCertificate)} does, one line at a time, so that
   * only one entry's JSON is in memory at once.
   *
   * @throws IOException if {@code out} fails
   */
  public static void write(Writer out, ErmCertificate c) throws IOException {
    out.write("{\n");
    field(out, "kind", NODES.textNode(KIND));
    field(out, "version", NODES.numberNode(VERSION));
    field(out, "dataDigest", NODES.textNode(c.digest()));
    field(out, "width", NODES.numberNode(c.width()));
    field(out, "loss", NODES.textNode(c.loss().id()));
    field(out, "outputBias", NODES.booleanNode(c.outputBias()));
    field(out, "optimum", NODES.textNode(Rationals.format(c.optimum())));
    field(out, "optimumDecimal", NODES.textNode(Rationals.decimal(c.optimum())));
    field(out, "net", netExact(c.net()));
    list(out, "patterns", c.patterns().patterns(), p -> {
      ObjectNode o = NODES.objectNode();
      o.put("signs", p.signs());
      o.set("witness", strings(p.witness()));
      return o;
    }, false);
    list(out, "refutations", c.patterns().refutations(), r -> {
      ObjectNode o = NODES.objectNode();
      o.put("prefix", PatternSet.signs(r.prefix()));
      o.set("farkas", strings(r.farkas()));
      return o;
    }, false);
    if (!c.blocks().isEmpty()) {
      list(out, "blocks", c.blocks(), ErmJson::block, false);
      list(out, "blockBounds", () -> new Iterator<JsonNode>() {
        private int b = 0;
        private Iterator<ErmCertificate.Entry> it = c.blocks().get(0).entries().iterator();

        @Override
        public boolean hasNext() {
          while (!it.hasNext() && b + 1 < c.blocks().size()) {
            it = c.blocks().get(++b).entries().iterator();
          }
          return it.hasNext();
        }

        @Override
        public JsonNode next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          ObjectNode o = NODES.objectNode();
          o.put("block", b);
          entryFields(o, it.next());
          return o;
        }
      }, node -> node, false);
    }
    list(out, "subproblems", c.entries(), e -> {
      ObjectNode o = NODES.objectNode();
      entryFields(o, e);
      return o;
    }, true);
    out.write("}\n");
  }

  /** A block's points and restricted patterns (certificates and tables files write them alike). */
  static ObjectNode block(BlockBounds.Block b) {
    ObjectNode o = NODES.objectNode();
    ArrayNode points = o.putArray("points");
    for (int j : b.points()) {
      points.add(j);
    }
    ArrayNode pats = o.putArray("patterns");
    for (PatternSet.Pattern p : b.patterns().patterns()) {
      pats.add(p.signs());
    }
    return o;
  }

  /**
   * An entry's fields: plus, patterns, and pruned or the dual point (certificates, partial files
   * and tables files write entries alike).
   */
  static void entryFields(ObjectNode o, ErmCertificate.Entry e) {
    o.put("plus", e.plus());
    ArrayNode p = o.putArray("patterns");
    for (int i : e.patterns()) {
      p.add(i);
    }
    if (e.isPruned()) {
      o.put("pruned", true);
    } else {
      o.set("u", strings(e.u()));
      o.set("lambda", strings(e.lambda()));
    }
  }

  /**
   * Writes the certificate to a file atomically (a temporary file in the same directory, then
   * renamed), so an interrupted or failed write leaves no partial certificate; streamed, so its
   * size is bounded by the disk, not the heap.
   *
   * @throws InputException if the file cannot be written
   */
  public static void write(Path file, ErmCertificate c) {
    OutputFiles.write(file, out -> {
      Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      write(w, c);
      w.flush();
    });
  }

  /** A net with plain exact strings: {@code {"units":[{"weights","bias","sign"}],"outputBias"}}. */
  public static ObjectNode netExact(ReluNet net) {
    ObjectNode o = NODES.objectNode();
    ArrayNode units = o.putArray("units");
    for (int i = 0; i < net.width(); i++) {
      ObjectNode u = units.addObject();
      u.set("weights", strings(net.weights(i)));
      u.put("bias", Rationals.format(net.bias(i)));
      u.put("sign", net.sign(i));
    }
    o.put("outputBias", Rationals.format(net.outputBias()));
    return o;
  }

  /**
   * A net for reports, numbers as {@link ResultJson#rational} objects: {@code {"units":
   * [{"weights": [...], "bias": {...}, "sign": 1}], "outputBias": {...}}}. {@link #readNet} reads
   * it back.
   */
  public static ObjectNode netReport(ReluNet net) {
    ObjectNode o = NODES.objectNode();
    ArrayNode units = o.putArray("units");
    for (int i = 0; i < net.width(); i++) {
      ObjectNode u = units.addObject();
      u.set("weights", ResultJson.vector(net.weights(i)));
      u.set("bias", ResultJson.rational(net.bias(i)));
      u.put("sign", net.sign(i));
    }
    o.set("outputBias", ResultJson.rational(net.outputBias()));
    return o;
  }

  /** Exact numbers as strings. */
  static ArrayNode strings(Rational[] v) {
    ArrayNode a = NODES.arrayNode();
    for (Rational q : v) {
      a.add(Rationals.format(q));
    }
    return a;
  }

  private static void field(Writer out, String name, JsonNode value) throws IOException {
    out.write("  " + compact(NODES.textNode(name)) + ": " + compact(value) + ",\n");
  }

  /** A list of items, one compact JSON line each, made and written one at a time. */
  private static <T> void list(Writer out, String name, Iterable<T> items,
      Function<T, JsonNode> node, boolean last) throws IOException {
    out.write("  " + compact(NODES.textNode(name)) + ": [");
    boolean first = true;
    for (T item : items) {
      out.write(first ? "\n    " : ",\n    ");
      out.write(compact(node.apply(item)));
      first = false;
    }
    out.write(first ? "]" : "\n  ]");
    out.write(last ? "\n" : ",\n");
  }

  private static String compact(JsonNode node) {
    try {
      return COMPACT.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a JSON tree could not be written", e);
    }
  }

  // ---- reading ----

  /**
   * Reads a certificate written by {@link #write(ErmCertificate)}, exactly.
   *
   * @throws InputException if the file is missing, unreadable, not JSON or not a T1 certificate
   */
  public static ErmCertificate readCertificate(Path file) {
    String source = file.toString();
    try (InputStream in = InputFiles.open(file, source)) {
      return certificate(new JsonInput(source), in);
    } catch (IOException e) {
      throw new InputException(source + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Reads a certificate from a stream (left open), naming it {@code source} in messages.
   *
   * @throws InputException if the stream is unreadable, not JSON or not a T1 certificate
   */
  public static ErmCertificate readCertificate(InputStream in, String source) {
    return certificate(new JsonInput(source), in);
  }

  /**
   * Reads a net in the format above (or the {@code "net"} field of a certificate or of {@code
   * erm --json} output), exactly.
   *
   * @throws InputException if the file is missing, unreadable, not JSON or not a valid net
   */
  public static ReluNet readNet(Path file) {
    String source = file.toString();
    if (NumPy.isNpz(file)) {
      Map<String, NumPy.Array> arrays = NumPy.readNpz(file);
      if (!StateDict.isStateDict(arrays)) {
        throw new InputException(source + ": holds the arrays " + String.join(", ",
            arrays.keySet()) + ", but a net in an .npz is a state_dict with fc1.weight,"
            + " fc1.bias, fc2.weight and optionally fc2.bias");
      }
      return StateDict.of(file, arrays).net();
    }
    if (NumPy.isNpy(file)) {
      throw new InputException(source + ": is one NumPy array, but a net has four (give a"
          + " state_dict: an .npz with fc1.weight, fc1.bias, fc2.weight and optionally fc2.bias,"
          + " or JSON)");
    }
    return netFile(new JsonInput(source), InputFiles.bytes(file, source));
  }

  /**
   * Reads a net from a stream (left open), naming it {@code source} in messages.
   *
   * @throws InputException if the stream is unreadable, not JSON or not a valid net
   */
  public static ReluNet readNet(InputStream in, String source) {
    return netFile(new JsonInput(source), InputFiles.bytes(in, source));
  }

  private static ReluNet netFile(JsonInput in, byte[] bytes) {
    JsonNode root = in.parse(bytes);
    in.object(root, "");
    if (StateDict.isStateDict(root)) {
      return StateDict.of(in, root).net();
    }
    if (!root.has("units") && root.has("net")) {
      return net(in, in.required(root, "", "net"), "net", false);
    }
    return net(in, root, "", true);
  }

  /**
   * Reads a certificate from a stream, its entries one at a time into {@link PackedEntries}, so
   * that a certificate of a million subproblems is never held as a tree (its {@code width} must
   * come before its {@code subproblems}, as {@link #write} puts it).
   */
  private static ErmCertificate certificate(JsonInput in, InputStream stream) {
    PackedEntries.Builder entries = new PackedEntries.Builder();
    Map<Integer, PackedEntries.Builder> tables = new TreeMap<>();
    ObjectNode root = in.parseObject(stream, (name, sofar, p) -> {
      boolean main = name.equals("subproblems");
      if (!(main || name.equals("blockBounds")) || p.currentToken() != JsonToken.START_ARRAY) {
        return false;
      }
      if (sofar.has("kind")) {
        kind(in, sofar);
      }
      JsonNode width = sofar.get("width");
      if (width == null) {
        throw in.error(name, "comes before width, but a certificate gives its width first");
      }
      int w = in.integer(width, "width", 1, MAX_WIDTH);
      for (int k = 0; p.nextToken() != JsonToken.END_ARRAY; k++) {
        String place = name + "[" + k + "]";
        JsonNode o = in.value(p);
        if (main) {
          entries.add(entry(in, o, place, w, ENTRY_FIELDS));
        } else {
          in.object(o, place);
          int b = in.integer(in.required(o, place, "block"), place + ".block", 0,
              Integer.MAX_VALUE);
          tables.computeIfAbsent(b, x -> new PackedEntries.Builder())
              .add(entry(in, o, place, w, BLOCK_ENTRY_FIELDS));
        }
      }
      sofar.set(name, NODES.arrayNode()); // read above
      return true;
    });
    kind(in, root);
    in.fields(root, "", CERT_FIELDS);
    JsonNode version = in.required(root, "", "version");
    if (!version.isIntegralNumber()
        || !version.bigIntegerValue().equals(BigInteger.valueOf(VERSION))) {
      throw in.error(
          "version", "is " + JsonInput.kind(version) + ", but this program reads version "
              + VERSION);
    }
    String digest = in.text(in.required(root, "", "dataDigest"), "dataDigest");
    int width = in.integer(in.required(root, "", "width"), "width", 1, MAX_WIDTH);
    Loss loss = loss(in, in.required(root, "", "loss"), "loss");
    boolean outputBias = in.bool(in.required(root, "", "outputBias"), "outputBias");
    Rational optimum = in.number(in.required(root, "", "optimum"), "optimum");
    JsonNode decimal = root.get("optimumDecimal");
    if (decimal != null) {
      in.text(decimal, "optimumDecimal");
    }
    ReluNet net = net(in, in.required(root, "", "net"), "net", true);

    JsonNode pats = in.array(in.required(root, "", "patterns"), "patterns");
    List<PatternSet.Pattern> patterns = new ArrayList<>();
    for (int p = 0; p < pats.size(); p++) {
      String place = "patterns[" + p + "]";
      JsonNode o = pats.get(p);
      in.object(o, place);
      in.fields(o, place, PATTERN_FIELDS);
      boolean[] signs = signs(in, in.required(o, place, "signs"), place + ".signs");
      Rational[] witness = in.vector(in.required(o, place, "witness"), place + ".witness");
      patterns.add(new PatternSet.Pattern(signs, witness));
    }
    JsonNode refs = in.array(in.required(root, "", "refutations"), "refutations");
    List<PatternSet.Refutation> refutations = new ArrayList<>();
    for (int r = 0; r < refs.size(); r++) {
      String place = "refutations[" + r + "]";
      JsonNode o = refs.get(r);
      in.object(o, place);
      in.fields(o, place, REFUTATION_FIELDS);
      boolean[] prefix = signs(in, in.required(o, place, "prefix"), place + ".prefix");
      Rational[] farkas = in.vector(in.required(o, place, "farkas"), place + ".farkas");
      refutations.add(new PatternSet.Refutation(prefix, farkas));
    }
    in.array(in.required(root, "", "subproblems"), "subproblems");
    JsonNode blockBounds = root.get("blockBounds");
    if (blockBounds != null) {
      in.array(blockBounds, "blockBounds");
    }
    List<BlockBounds.Block> blocks = blocks(in, root.get("blocks"), tables);
    return new ErmCertificate(
        digest, width, loss, outputBias, optimum, net, new PatternSet(patterns, refutations),
        entries.build(), blocks);
  }

  /**
   * The blocks (none if the field is absent), each with the entries of {@code blockBounds} that
   * name it.
   */
  private static List<BlockBounds.Block> blocks(
      JsonInput in, @Nullable JsonNode node, Map<Integer, PackedEntries.Builder> tables) {
    List<BlockBounds.Block> blocks = new ArrayList<>();
    if (node != null) {
      in.array(node, "blocks");
      for (int b = 0; b < node.size(); b++) {
        BlockHead head = blockHead(in, node.get(b), "blocks[" + b + "]");
        PackedEntries.Builder table = tables.remove(b);
        blocks.add(new BlockBounds.Block(head.points(), head.patterns(),
            table == null ? List.of() : table.build()));
      }
    }
    if (!tables.isEmpty()) {
      throw in.error("blockBounds", "names block " + tables.keySet().iterator().next()
          + ", but the certificate has " + blocks.size() + " blocks (numbered from 0)");
    }
    return blocks;
  }

  /**
   * A block's points and restricted patterns, as {@link #block} writes them.
   *
   * @param points the point indices, as written
   * @param patterns the restricted patterns, as written
   */
  record BlockHead(int[] points, PatternSet patterns) {}

  /** Reads a block's points and patterns (certificates and tables files read them alike). */
  static BlockHead blockHead(JsonInput in, JsonNode o, String place) {
    in.object(o, place);
    in.fields(o, place, BLOCK_FIELDS);
    JsonNode pts = in.array(in.required(o, place, "points"), place + ".points");
    int[] points = new int[pts.size()];
    for (int i = 0; i < points.length; i++) {
      points[i] = in.integer(pts.get(i), place + ".points[" + i + "]", 0, Integer.MAX_VALUE);
    }
    JsonNode pats = in.array(in.required(o, place, "patterns"), place + ".patterns");
    List<PatternSet.Pattern> patterns = new ArrayList<>();
    for (int r = 0; r < pats.size(); r++) {
      patterns.add(new PatternSet.Pattern(
          signs(in, pats.get(r), place + ".patterns[" + r + "]"), new Rational[0]));
    }
    return new BlockHead(points, new PatternSet(patterns, List.of()));
  }


  /** Requires the kind of a T1 certificate. */
  private static void kind(JsonInput in, JsonNode root) {
    JsonNode kind = root.get("kind");
    if (kind == null || !kind.isTextual() || !KIND.equals(kind.textValue())) {
      throw in.error(
          "kind", (kind == null ? "is missing" : "is " + JsonInput.kind(kind))
              + ", expected \"" + KIND + "\" (this is not a T1 certificate)");
    }
  }

  /** One subproblem entry of a certificate of width {@code width}. */
  private static ErmCertificate.Entry entry(
      JsonInput in, JsonNode o, String place, int width, List<String> fields) {
    in.object(o, place);
    in.fields(o, place, fields);
    int plus = in.integer(in.required(o, place, "plus"), place + ".plus", 0, width);
    String pp = place + ".patterns";
    JsonNode idx = in.array(in.required(o, place, "patterns"), pp);
    if (idx.size() != width) {
      throw in.error(
          pp, "has " + idx.size() + " entries, expected " + width + " (one per unit: width)");
    }
    int[] ints = new int[width];
    for (int i = 0; i < width; i++) {
      @Nullable JsonNode e = idx.get(i);
      if (e == null) {
        throw in.error(pp + "[" + i + "]", "is missing");
      }
      ints[i] = in.integer(e, pp + "[" + i + "]", 0, Integer.MAX_VALUE);
    }
    return entry(in, o, place, plus, ints);
  }

  private static Loss loss(JsonInput in, JsonNode node, String place) {
    String id = in.text(node, place);
    for (Loss l : Loss.values()) {
      if (l.id().equals(id)) {
        return l;
      }
    }
    StringBuilder known = new StringBuilder();
    for (Loss l : Loss.values()) {
      known.append(known.length() == 0 ? "" : ", ").append('"').append(l.id()).append('"');
    }
    throw in.error(place, "is \"" + id + "\", but this program knows only " + known);
  }

  /** A string of '+' (active) and '-' (inactive). */
  static boolean[] signs(JsonInput in, JsonNode node, String place) {
    String s = in.text(node, place);
    boolean[] b = new boolean[s.length()];
    for (int i = 0; i < b.length; i++) {
      char c = s.charAt(i);
      if (c != '+' && c != '-') {
        throw in.error(
            place, "has '" + c + "' at position " + (i + 1) + ", expected only '+' and '-'");
      }
      b[i] = c == '+';
    }
    return b;
  }

  /** A net object; {@code strict}: reject unknown top-level fields. */
  private static ReluNet net(JsonInput in, JsonNode node, String place, boolean strict) {
    in.object(node, place);
    if (strict) {
      in.fields(node, place, NET_FIELDS);
    }
    JsonNode description = node.get("description");
    if (description != null) {
      in.text(description, JsonInput.join(place, "description"));
    }
    String up = JsonInput.join(place, "units");
    JsonNode units = in.array(in.required(node, place, "units"), up);
    int w = units.size();
    if (w == 0) {
      throw in.error(up, "is empty, but a net needs at least one unit");
    }
    Rational[][] a = new Rational[w][];
    Rational[] b = new Rational[w];
    Rational[] out = new Rational[w];
    for (int i = 0; i < w; i++) {
      String p = up + "[" + i + "]";
      JsonNode u = units.get(i);
      in.object(u, p);
      in.fields(u, p, UNIT_FIELDS);
      a[i] = in.vector(in.required(u, p, "weights"), p + ".weights");
      if (a[i].length == 0) {
        throw in.error(p + ".weights", "is empty, expected at least one weight (n >= 1)");
      }
      if (a[i].length != a[0].length) {
        throw in.error(
            p + ".weights", "has " + a[i].length + " entries, but " + up + "[0].weights has "
                + a[0].length + " (every unit needs one weight per input)");
      }
      b[i] = in.number(in.required(u, p, "bias"), p + ".bias");
      JsonNode sign = u.get("sign");
      JsonNode weight = u.get("outputWeight");
      if (sign != null && weight != null) {
        throw in.error(p, "has both sign and outputWeight, expected one of them");
      }
      if (sign != null) {
        int s = in.integer(sign, p + ".sign", -1, 1);
        if (s == 0) {
          throw in.error(p + ".sign", "is 0, expected 1 or -1");
        }
        out[i] = Rational.of(s);
      } else if (weight != null) {
        out[i] = in.number(weight, p + ".outputWeight");
      } else {
        throw in.error(p, "has neither sign (1 or -1) nor outputWeight, expected one of them");
      }
    }
    JsonNode c = node.get("outputBias");
    Rational bias =
        c == null ? Rational.ZERO : in.number(c, JsonInput.join(place, "outputBias"));
    return ReluNet.fromOutputWeights(a, b, out, bias);
  }
}
