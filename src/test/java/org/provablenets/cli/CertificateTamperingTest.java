package org.provablenets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provablenets.erm.Dataset;
import org.provablenets.erm.ErmCertificate;
import org.provablenets.erm.Loss;
import org.provablenets.erm.Subproblems;
import org.provablenets.exact.lp.LinearProgram;
import org.provablenets.exact.lp.Relation;
import org.provablenets.io.ErmJson;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.io.DataCsv;

/**
 * The certificate tampering campaign (issue 13, item 5): three T1 certificates written by {@code
 * provnets erm --certificate}, each tampered in every way listed below, one change at a time; each
 * tampered file goes through {@code provnets verify} in-process, and the outcome must be the one
 * this class predicts, with no stack trace:
 *
 * <ol>
 *   <li>every single-number change: each exact number of the certificate (the writer puts exact
 *       numbers as strings such as {@code "-3/7"}, indices and counts as JSON integers) with 1 added
 *       to its numerator;
 *   <li>every deletion, duplication and swap of adjacent (different) entries of every top-level
 *       semantic array ({@code patterns}, {@code refutations}, {@code subproblems}, {@code
 *       net.units}), and the same for a seeded random sample of the inner arrays (witnesses, Farkas
 *       vectors, pattern-index pairs, dual points, weights);
 *   <li>the units of the optimal net exchanged (weights and biases, not signs) and each unit's sign
 *       flipped;
 *   <li>the untampered certificate against the data with one label or one coordinate increased by
 *       1, and the same with the certificate's {@code dataDigest} rewritten to the new data's digest
 *       (an adversary who recomputes the digest);
 *   <li>the other scalar fields: {@code dataDigest}, {@code kind}, {@code loss} (every other loss),
 *       {@code outputBias} and every {@code pruned} mark flipped.
 * </ol>
 *
 * <p>Predicted outcomes. Everything is a rejection with exit code 1 whose one line on stderr
 * (the report's {@code certificate: REJECTED:} line says the same) names a condition of {@link org.provablenets.cert.ErmChecker}, and for a single-number
 * change the place (the subproblem, pattern, refutation, net or optimum touched), except the
 * changes listed in {@link #NON_SEMANTIC} and {@link #PROOF_PRESERVING} (exit 0: asserted, so the
 * lists are honest) and those in {@link #FORMAT} (exit 2, bad input: the tampered file is not a
 * certificate in the format, or is one for other data).
 *
 * <p>The instances are small so the whole class runs in about half a minute (a tampering costs
 * one in-process {@code verify}, about 5 ms): (a) the tour's T1 instance (its six points of the
 * line, {@code t1-data.csv}, width 2, squared loss, no output bias, as in {@code
 * TourCommand.t1Section}); (b) and (c) the same six points at width 1 with {@code --output-bias},
 * and with {@code --loss absolute}. At width 2 those give 3,000 to 5,000 tamperings each, which
 * would triple the time; what is particular to width 2 (two units, sorted pattern pairs, the
 * exchange of units) is exercised by (a).
 */
class CertificateTamperingTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern EXACT = Pattern.compile("(-?\\d+)(/(\\d+))?");

  /** Seed of the sample of inner-array tamperings. */
  private static final long SEED = 13L;

  /** Inner-array tamperings sampled per certificate (of a few thousand possible). */
  private static final int INNER_SAMPLE = 200;

  /** JSON paths of fields that take no part in the proof: a changed value must be accepted. */
  static final Map<String, String> NON_SEMANTIC =
      Map.of("optimumDecimal", "the optimum as a decimal, for reading only: ErmJson ignores it");

  /**
   * Changes to semantic fields after which the file is still a valid proof of the same claim (same
   * data, model, optimum and net as a function), so accepting them is correct; each is predicted
   * here independently of the checker.
   */
  static final Map<String, String> PROOF_PRESERVING = new LinkedHashMap<>();

  /** Structural changes rejected as bad input (exit 2), and why. */
  static final Map<String, String> FORMAT = new LinkedHashMap<>();

  static {
    PROOF_PRESERVING.put("refutation set",
        "refutations: reordered or repeated entries; the checker collects the refuted prefixes as"
            + " a set, so order and repetition do not change what they prove");
    PROOF_PRESERVING.put("unit order",
        "net.units reordered (or two units of the same sign exchanged): f = sum_i s_i"
            + " relu(a_i.x + b_i) + c does not depend on the order, and the loss is recomputed");
    PROOF_PRESERVING.put("witness still realises",
        "patterns[p].witness changed to another (a, b) that still has (x_j, 1).(a, b) >= 1 on the"
            + " active and <= 0 on the inactive points of pattern p (checked here): any such (a, b)"
            + " proves the pattern realisable");
    PROOF_PRESERVING.put("u of a never-active unit",
        "subproblems[k].u changed only in the coordinates (a_i, b_i) of a unit whose pattern is"
            + " all '-': that unit does not enter the subproblem's objective (zero rows and columns"
            + " of Q, zero c), so Qu and the bound h'lambda - u'Qu/2 + k are unchanged");

    PROOF_PRESERVING.put("identical LP rows",
        "subproblems[k].lambda (absolute loss): the multipliers of the two rows e_j >= +-((A t)_j"
            + " - y_j) of a point j swapped, where y_j = 0 and no unit is active at j (no output"
            + " bias): both rows are e_j >= 0, so the dual vector is the same certificate");

    PROOF_PRESERVING.put("dual still proves",
        "subproblems[k].lambda (absolute or hinge loss) changed, or the patterns renumbered, and"
            + " every LP entry's dual vector is still feasible for the LP of its (renumbered)"
            + " subproblem with b'y >= the optimum, every pruned entry's blocked-points bound still"
            + " >= the optimum (recomputed here): each subproblem's lower bound is still proved."
            + " Which tamperings these are depends on which optimal duals the solver returned");

    FORMAT.put("version", "version: this program reads version 1 only");
    FORMAT.put("kind", "kind: not a T1 certificate");
    FORMAT.put("sign", "net.units[i].sign: a sign is 1 or -1");
    FORMAT.put("plus range", "subproblems[k].plus: the number of positive units is 0..width");
    FORMAT.put("index count", "subproblems[k].patterns: one pattern index per unit (width)");
    FORMAT.put("unit count", "net.units: a net has at least one unit");
    FORMAT.put("weight count", "net.units[i].weights: every unit has one weight per input");
    FORMAT.put("pruned or dual", "subproblems[k].pruned: an entry is pruned or has (u, lambda)");
    FORMAT.put("other data",
        "dataDigest or the data changed: verify reports a certificate for other data as bad input"
            + " (its documented exit code 2)");
  }

  /**
   * The checker's conditions, as the phrases of its messages (and of verify's count check); a
   * rejection must name one of them.
   */
  private static final Map<String, String> CONDITIONS = new LinkedHashMap<>();

  static {
    CONDITIONS.put("count", "subproblem entries, but width");
    CONDITIONS.put("label domain", "is outside the domain of the");
    CONDITIONS.put("pattern length", "has the wrong length");
    CONDITIONS.put("pattern witness", "its witness gives");
    CONDITIONS.put("pattern listed twice", "is listed twice");
    CONDITIONS.put("refutation", "refutation of prefix");
    CONDITIONS.put("refutation length", "a refuted prefix is longer than the data");
    CONDITIONS.put("completeness", "the pattern list is incomplete");
    CONDITIONS.put("entry order", "is not the expected subproblem");
    CONDITIONS.put("entry count", "subproblem entries");
    CONDITIONS.put("pruned bound", "is pruned, but its blocked-points bound");
    CONDITIONS.put("dual bound", "below the claimed optimum");
    CONDITIONS.put("dual feasibility", "dual point rejected");
    CONDITIONS.put("dual feasibility (LP)", "dual vector rejected");
    CONDITIONS.put("net width", "the net has width");
    CONDITIONS.put("net output bias", "the net has an output bias but the model has none");
    CONDITIONS.put("net shape", "the net does not fit the data");
    CONDITIONS.put("net loss", "differs from the claimed optimum");
  }

  /** The top-level semantic arrays: every operation on them is tried. */
  private static final List<String> TOP_ARRAYS =
      List.of("patterns", "refutations", "subproblems", "net.units");

  @TempDir static Path dir;

  @Test
  void tourCertificate() throws IOException {
    // TourCommand.t1Section: width 2, squared loss, no output bias
    new Campaign("tour", tourData(), "--width", "2").run(5_445, 5_133, 228, 84);
  }

  @Test
  void outputBiasCertificate() throws IOException {
    new Campaign("output-bias", tourData(), "--width", "1", "--output-bias")
        .run(793, 701, 45, 47);
  }

  @Test
  void absoluteLossCertificate() throws IOException {
    new Campaign("absolute", tourData(), "--width", "1", "--loss", "absolute")
        .run(1_009, 928, 37, 44);
  }

  /** The tour's embedded T1 data, copied to a file. */
  private static Path tourData() throws IOException {
    Path data = dir.resolve("t1-data.csv");
    try (InputStream in =
        TourCommand.class.getResourceAsStream("/org/provablenets/tour/t1-data.csv")) {
      assertTrue(in != null, "the tour's T1 data");
      Files.write(data, in.readAllBytes());
    }
    return data;
  }

  // ------------------------------------------------------------------------------------------

  enum Outcome { REJECTED, BAD_INPUT, ACCEPTED }

  /**
   * A predicted outcome: {@code rule} is the key of the documented list for an accepted or
   * bad-input outcome; {@code mustName} a text the message must contain (may be null).
   */
  record Expect(Outcome outcome, String rule, String mustName) {
    static Expect reject(String mustName) {
      return new Expect(Outcome.REJECTED, "", mustName);
    }

    static Expect badInput(String rule, String mustName) {
      assertTrue(FORMAT.containsKey(rule), rule);
      return new Expect(Outcome.BAD_INPUT, rule, mustName);
    }

    static Expect accept(String rule) {
      assertTrue(NON_SEMANTIC.containsKey(rule) || PROOF_PRESERVING.containsKey(rule), rule);
      return new Expect(Outcome.ACCEPTED, rule, null);
    }
  }

  /** One certificate and everything done to it. */
  private static final class Campaign {
    final String name;
    final Path data;
    final Dataset dataset;
    final Path cert;
    final Path tamperedFile;
    final ObjectNode root;
    /** An untouched copy of the certificate. */
    final JsonNode original;
    final int width;
    final int n;
    final List<String> failures = new ArrayList<>();
    final Map<String, Integer> tally = new TreeMap<>();
    int tried;
    int rejected;
    int badInput;
    int accepted;

    Campaign(String name, Path data, String... ermOptions) throws IOException {
      this.name = name;
      this.data = data;
      this.cert = dir.resolve(name + ".json");
      this.tamperedFile = dir.resolve(name + "-tampered.json");
      List<String> args = new ArrayList<>(List.of("erm", "--data", data.toString()));
      args.addAll(List.of(ermOptions));
      args.addAll(List.of("--certificate", cert.toString()));
      MainTest.Run e = MainTest.run(args.toArray(new String[0]));
      assertEquals(0, e.code, () -> e.out + e.err);
      this.root = (ObjectNode) MAPPER.readTree(cert.toFile());
      this.original = root.deepCopy();
      this.dataset = DataCsv.read(data);
      this.width = root.get("width").intValue();
      this.n = dataset.dimension();
    }

    /** Runs the campaign and asserts the counts: tried, exit 1, exit 2, accepted. */
    void run(int tried1, int rejected1, int badInput1, int accepted1) throws IOException {
      MainTest.Run ok = verify(text(root), data);
      assertEquals(0, ok.code, () -> "the untampered certificate verifies: " + ok.out + ok.err);
      long t0 = System.nanoTime();
      numbers(root, "");
      scalars();
      topArrays();
      innerArrays();
      netUnits();
      dataChanges();
      double secs = (System.nanoTime() - t0) / 1e9;
      System.out.printf("tampering campaign, %s certificate: %d tampered, %d rejected (exit 1),"
          + " %d bad input (exit 2), %d accepted as documented (%.1f s)%n",
          name, tried, rejected, badInput, accepted, secs);
      tally.forEach((k, v) -> System.out.printf("  %6d  %s%n", v, k));
      assertTrue(failures.isEmpty(), () -> failures.size() + " tamperings had another outcome"
          + " than predicted, e.g.:\n" + String.join("\n", failures.subList(0,
              Math.min(20, failures.size()))));
      assertEquals(tried, rejected + badInput + accepted);
      assertEquals(List.of(tried1, rejected1, badInput1, accepted1),
          List.of(tried, rejected, badInput, accepted),
          "the counts (tried, exit 1, exit 2, accepted) changed: if the certificate changed on"
              + " purpose, update them here and in the README");
    }

    // ---- the tamperings

    /** Every exact number (string) and JSON integer, numerator + 1. */
    void numbers(JsonNode node, String path) {
      if (node.isObject()) {
        ObjectNode o = (ObjectNode) node;
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        for (String k : names) {
          JsonNode c = o.get(k);
          String p = path.isEmpty() ? k : path + "." + k;
          JsonNode b = bump(c);
          if (b != null) {
            tamper("number " + p + ": " + c + " -> " + b,
                () -> o.set(k, b), () -> o.set(k, c), () -> expectNumber(p, b));
          } else {
            numbers(c, p);
          }
        }
      } else if (node.isArray()) {
        ArrayNode a = (ArrayNode) node;
        for (int i = 0; i < a.size(); i++) {
          JsonNode c = a.get(i);
          String p = path + "[" + i + "]";
          JsonNode b = bump(c);
          int at = i;
          if (b != null) {
            tamper("number " + p + ": " + c + " -> " + b,
                () -> a.set(at, b), () -> a.set(at, c), () -> expectNumber(p, b));
          } else {
            numbers(c, p);
          }
        }
      }
    }

    Expect expectNumber(String path, JsonNode bumped) {
      Matcher m;
      if (path.equals("version")) {
        return Expect.badInput("version", "version");
      }
      if (path.equals("width")) {
        return Expect.badInput("index count", "width");
      }
      if (path.equals("optimum")) {
        return Expect.reject("optimum");
      }
      if (path.startsWith("net.")) {
        return path.endsWith(".sign")
            ? Expect.badInput("sign", "sign") : Expect.reject("the net");
      }
      if ((m = match("patterns\\[(\\d+)\\]\\.witness\\[\\d+\\]", path)) != null) {
        return expectWitness(Integer.parseInt(m.group(1)));
      }
      if ((m = match("refutations\\[(\\d+)\\]\\.farkas\\[\\d+\\]", path)) != null) {
        return expectRefutation(Integer.parseInt(m.group(1)));
      }
      if ((m = match("subproblems\\[(\\d+)\\]\\.plus", path)) != null) {
        return bumped.intValue() > width
            ? Expect.badInput("plus range", "plus")
            : Expect.reject("subproblem entry " + (Integer.parseInt(m.group(1)) + 1) + " ");
      }
      if ((m = match("subproblems\\[(\\d+)\\]\\.patterns\\[\\d+\\]", path)) != null) {
        return Expect.reject("subproblem entry " + (Integer.parseInt(m.group(1)) + 1) + " ");
      }
      if ((m = match("subproblems\\[(\\d+)\\]\\.u\\[\\d+\\]", path)) != null) {
        return expectU(Integer.parseInt(m.group(1)));
      }
      if ((m = match("subproblems\\[(\\d+)\\]\\.lambda\\[\\d+\\]", path)) != null) {
        return expectDual(Integer.parseInt(m.group(1)));
      }
      throw new AssertionError("no prediction for a number at " + path);
    }

    /** The fields that are not numbers. */
    void scalars() {
      String decimal = root.get("optimumDecimal").textValue();
      scalar("optimumDecimal", TextNode.valueOf("1" + decimal),
          Expect.accept("optimumDecimal"));
      String digest = root.get("dataDigest").textValue();
      String other = (digest.charAt(0) == '0' ? "1" : "0") + digest.substring(1);
      scalar("dataDigest", TextNode.valueOf(other), Expect.badInput("other data", "other data"));
      scalar("kind", TextNode.valueOf("t1-erm-certificat"), Expect.badInput("kind", "kind"));
      for (String loss : new String[] {"squared", "absolute", "hinge"}) {
        if (!loss.equals(root.get("loss").textValue())) {
          scalar("loss", TextNode.valueOf(loss), Expect.reject(null));
        }
      }
      scalar("outputBias", BooleanNode.valueOf(!root.get("outputBias").booleanValue()),
          Expect.reject(null));
      ArrayNode subs = (ArrayNode) root.get("subproblems");
      for (int k = 0; k < subs.size(); k++) {
        ObjectNode e = (ObjectNode) subs.get(k);
        if (e.has("pruned")) {
          JsonNode old = e.get("pruned");
          String place = "subproblems[" + k + "]";
          tamper("field " + place + ".pruned -> false",
              () -> e.put("pruned", false), () -> e.set("pruned", old),
              () -> Expect.badInput("pruned or dual", place));
        }
      }
    }

    void scalar(String field, JsonNode value, Expect expect) {
      JsonNode old = root.get(field);
      tamper("field " + field + ": " + old + " -> " + value,
          () -> root.set(field, value), () -> root.set(field, old), () -> expect);
    }

    /** Every deletion, duplication and adjacent swap of the top-level semantic arrays. */
    void topArrays() {
      for (String path : TOP_ARRAYS) {
        ArrayNode a = (ArrayNode) at(path);
        for (int i = 0; i < a.size(); i++) {
          int k = i;
          arrayOps(a, path, i, op -> expectTop(path, op, k)).forEach(Runnable::run);
        }
      }
    }

    /** A seeded sample of the same operations on the arrays inside entries. */
    void innerArrays() {
      List<Runnable> all = new ArrayList<>();
      collectInner(root, "", all);
      Collections.shuffle(all, new Random(SEED));
      int k = Math.min(INNER_SAMPLE, all.size());
      System.out.printf("%s: %d of %d inner-array tamperings sampled (seed %d)%n",
          name, k, all.size(), SEED);
      all.subList(0, k).forEach(Runnable::run);
    }

    private void collectInner(JsonNode node, String path, List<Runnable> out) {
      if (node.isArray()) {
        ArrayNode a = (ArrayNode) node;
        for (int i = 0; i < a.size(); i++) {
          if (!TOP_ARRAYS.contains(path)) {
            int k = i;
            out.addAll(arrayOps(a, path, i, op -> expectInner(path, op, k)));
          }
          collectInner(a.get(i), path + "[" + i + "]", out);
        }
      } else if (node.isObject()) {
        node.fieldNames().forEachRemaining(
            f -> collectInner(node.get(f), path.isEmpty() ? f : path + "." + f, out));
      }
    }

    enum Op { DELETE, DUPLICATE, SWAP }

    /** The deletion and duplication of entry i, and its swap with i + 1 if they differ. */
    List<Runnable> arrayOps(
        ArrayNode a, String path, int i, java.util.function.Function<Op, Expect> expect) {
      List<Runnable> ops = new ArrayList<>();
      JsonNode c = a.get(i);
      ops.add(() -> tamper("delete " + path + "[" + i + "]",
          () -> a.remove(i), () -> a.insert(i, c), () -> expect.apply(Op.DELETE)));
      ops.add(() -> tamper("duplicate " + path + "[" + i + "]",
          () -> a.insert(i, c.deepCopy()), () -> a.remove(i), () -> expect.apply(Op.DUPLICATE)));
      if (i + 1 < a.size() && !a.get(i + 1).equals(c)) {
        ops.add(() -> {
          Runnable swap = () -> {
            JsonNode t = a.get(i);
            a.set(i, a.get(i + 1));
            a.set(i + 1, t);
          };
          tamper("swap " + path + "[" + i + "], [" + (i + 1) + "]", swap, swap,
              () -> expect.apply(Op.SWAP));
        });
      }
      return ops;
    }

    Expect expectTop(String path, Op op, int i) {
      switch (path) {
        case "patterns":
          // a deleted or repeated pattern changes the number of subproblems; a swap renumbers them
          if (op == Op.SWAP) {
            return everyLpEntryStillProves() ? Expect.accept("dual still proves") : Expect.reject(null);
          }
          return Expect.reject("subproblem entries");
        case "refutations":
          return op == Op.DELETE
              ? Expect.reject("the pattern list is incomplete")
              : Expect.accept("refutation set");
        case "subproblems":
          return op == Op.SWAP
              ? Expect.reject("subproblem entry " + (i + 1) + " ")
              : Expect.reject("subproblem entries");
        case "net.units":
          if (op == Op.DELETE && width == 1) {
            return Expect.badInput("unit count", "units");
          }
          return op == Op.SWAP ? Expect.accept("unit order") : Expect.reject("the net has width");
        default:
          throw new AssertionError(path);
      }
    }

    Expect expectInner(String path, Op op, int i) {
      Matcher m;
      if (match("net\\.units\\[\\d+\\]\\.weights", path) != null) {
        return Expect.badInput("weight count", "weights");
      }
      if ((m = match("patterns\\[(\\d+)\\]\\.witness", path)) != null) {
        int p = Integer.parseInt(m.group(1));
        return op == Op.SWAP
            ? expectWitness(p) : Expect.reject("pattern " + (p + 1) + " has the wrong length");
      }
      if ((m = match("refutations\\[(\\d+)\\]\\.farkas", path)) != null) {
        return expectRefutation(Integer.parseInt(m.group(1)));
      }
      if ((m = match("subproblems\\[(\\d+)\\]\\.patterns", path)) != null) {
        return op == Op.SWAP
            ? Expect.reject("subproblem entry " + (Integer.parseInt(m.group(1)) + 1) + " ")
            : Expect.badInput("index count", "patterns");
      }
      if ((m = match("subproblems\\[(\\d+)\\]\\.u", path)) != null) {
        int k = Integer.parseInt(m.group(1));
        return op == Op.SWAP ? expectU(k) : expectDual(k);
      }
      if ((m = match("subproblems\\[(\\d+)\\]\\.lambda", path)) != null) {
        int k = Integer.parseInt(m.group(1));
        return op == Op.SWAP && identicalLpRows(k, i)
            ? Expect.accept("identical LP rows") : expectDual(k);
      }
      throw new AssertionError("no prediction for an array at " + path);
    }

    /** Item 3: the units' weights and biases exchanged (signs kept); each sign flipped. */
    void netUnits() {
      ArrayNode units = (ArrayNode) at("net.units");
      for (int i = 0; i + 1 < units.size(); i++) {
        ObjectNode u = (ObjectNode) units.get(i);
        ObjectNode v = (ObjectNode) units.get(i + 1);
        boolean sameSign = u.get("sign").equals(v.get("sign"));
        Runnable exchange = () -> {
          for (String f : new String[] {"weights", "bias"}) {
            JsonNode t = u.get(f);
            u.set(f, v.get(f));
            v.set(f, t);
          }
        };
        tamper("net: exchange the weights and biases of net units " + i + " and " + (i + 1),
            exchange, exchange,
            () -> sameSign ? Expect.accept("unit order") : Expect.reject("the net's loss"));
      }
      for (int i = 0; i < units.size(); i++) {
        ObjectNode u = (ObjectNode) units.get(i);
        JsonNode s = u.get("sign");
        tamper("net: flip the sign of unit " + i,
            () -> u.put("sign", -s.intValue()), () -> u.set("sign", s),
            () -> Expect.reject("the net's loss"));
      }
    }

    /** Item 4: one label or coordinate + 1; with the old digest, and with the new one. */
    void dataChanges() throws IOException {
      String digest = root.get("dataDigest").textValue();
      for (int j = 0; j < dataset.size(); j++) {
        for (int c = 0; c <= n; c++) {
          Rational[][] x = new Rational[dataset.size()][];
          Rational[] y = dataset.labels().clone();
          for (int i = 0; i < x.length; i++) {
            x[i] = dataset.x(i).clone();
          }
          String what;
          if (c < n) {
            x[j][c] = x[j][c].add(Rational.ONE);
            what = "x_" + (j + 1) + (n > 1 ? "[" + c + "]" : "");
          } else {
            y[j] = y[j].add(Rational.ONE);
            what = "y_" + (j + 1);
          }
          Path changed = dir.resolve(name + "-changed.csv");
          Files.writeString(changed, csv(x, y), StandardCharsets.UTF_8);
          String newDigest = DataCsv.read(changed).digest();
          String w = what;
          tried++;
          judge("data " + what + " + 1, certificate untouched",
              Expect.badInput("other data", "other data than"), verify(text(root), changed));
          root.put("dataDigest", newDigest);
          String json = text(root);
          root.put("dataDigest", digest);
          tried++;
          judge("data " + w + " + 1, dataDigest rewritten to match", Expect.reject(null),
              verify(json, changed));
        }
      }
    }

    // ---- the predictions that look at the tampered values

    /** Accepted iff pattern p's (tampered) witness still realises its pattern. */
    Expect expectWitness(int p) {
      JsonNode pat = at("patterns").get(p);
      String signs = pat.get("signs").textValue();
      JsonNode w = pat.get("witness");
      boolean realises = w.size() == n + 1;
      for (int j = 0; realises && j < dataset.size(); j++) {
        Rational t = Rationals.parse(w.get(n).textValue());
        for (int i = 0; i < n; i++) {
          t = t.add(Rationals.parse(w.get(i).textValue()).multiply(dataset.x(j)[i]));
        }
        realises = signs.charAt(j) == '+' ? t.compareTo(Rational.ONE) >= 0 : t.signum() <= 0;
      }
      return realises
          ? Expect.accept("witness still realises") : Expect.reject("pattern " + (p + 1) + " ");
    }

    Expect expectRefutation(int r) {
      return Expect.reject(
          "refutation of prefix " + at("refutations").get(r).get("prefix").textValue() + " ");
    }

    Expect expectDual(int k) {
      ErmCertificate c = tamperedLpCertificate();
      if (c != null && k < c.entries().size() && lpEntryStillProves(c, k)) {
        return Expect.accept("dual still proves");
      }
      return Expect.reject("subproblem " + (k + 1));
    }

    /** The tampered certificate, if its loss gives LPs and it still reads; else null. */
    ErmCertificate tamperedLpCertificate() {
      if (root.get("loss").textValue().equals("squared")) {
        return null;
      }
      try {
        return ErmJson.readCertificate(
            new java.io.ByteArrayInputStream(text(root).getBytes(StandardCharsets.UTF_8)),
            "tampered");
      } catch (RuntimeException ex) {
        return null;
      }
    }

    /** Whether every entry of the tampered (LP) certificate still proves its lower bound. */
    boolean everyLpEntryStillProves() {
      ErmCertificate c = tamperedLpCertificate();
      if (c == null) {
        return false;
      }
      for (int k = 0; k < c.entries().size(); k++) {
        ErmCertificate.Entry e = c.entries().get(k);
        if (e.isPruned()
            ? Subproblems.blockedBound(dataset, c.patterns(), e.plus(), e.patterns(),
                    c.outputBias(), c.loss()).compareTo(c.optimum()) < 0
            : !lpEntryStillProves(c, k)) {
          return false;
        }
      }
      return true;
    }

    /**
     * Whether entry k's dual vector y proves the bound for its LP (all rows {@code >=}, the
     * epigraph variables {@code >= 0}, the weights free), by plain rational arithmetic here: y
     * &gt;= 0, {@code (A'y)_j = c_j} on free and {@code <= c_j} on bounded variables, and {@code
     * b'y + sum_j l_j (c - A'y)_j >= } the optimum.
     */
    boolean lpEntryStillProves(ErmCertificate c, int k) {
      ErmCertificate.Entry e = c.entries().get(k);
      if (e.isPruned()) {
        return false;
      }
      LinearProgram lp =
          ((Loss.Linear) c.loss()).program(dataset, c.patterns(), e.plus(), e.patterns(),
              c.outputBias());
      Rational[] y = e.lambda();
      if (y.length != lp.constraints()) {
        return false;
      }
      Rational bound = Rational.ZERO;
      for (int i = 0; i < y.length; i++) {
        if (lp.relation(i) != Relation.GE || y[i].signum() < 0) {
          return false;
        }
        bound = bound.add(lp.b(i).multiply(y[i]));
      }
      Rational[] cost = lp.c();
      for (int j = 0; j < lp.variables(); j++) {
        Rational r = cost[j];
        for (int i = 0; i < y.length; i++) {
          r = r.subtract(lp.a().get(i, j).multiply(y[i]));
        }
        Rational l = lp.lower(j);
        if (l == null ? r.signum() != 0 : r.signum() < 0) {
          return false;
        }
        if (l != null) {
          bound = bound.add(l.multiply(r));
        }
      }
      return bound.compareTo(c.optimum()) >= 0;
    }

    /**
     * Accepted iff the tampered u of entry k has the original length and differs from the
     * original only in the coordinates of units whose pattern is all '-'.
     */
    Expect expectU(int k) {
      JsonNode e = at("subproblems").get(k);
      JsonNode u = e.get("u");
      JsonNode before = original.get("subproblems").get(k).get("u");
      if (u.size() != before.size()) {
        return expectDual(k);
      }
      for (int i = 0; i < u.size(); i++) {
        if (!Rationals.parse(u.get(i).textValue())
            .equals(Rationals.parse(before.get(i).textValue()))) {
          int unit = i / (n + 1);
          if (unit >= width) {
            return expectDual(k); // the output bias c
          }
          int pattern = e.get("patterns").get(unit).intValue();
          String signs = at("patterns").get(pattern).get("signs").textValue();
          if (signs.contains("+")) {
            return expectDual(k);
          }
        }
      }
      return Expect.accept("u of a never-active unit");
    }

    /**
     * Whether rows i and i + 1 of entry k's LP (absolute loss) are the same row: the two rows
     * {@code e_j -+ (A t)_j >= -+y_j} of point j = i/2 (i even) are both {@code e_j >= 0} when
     * y_j = 0 and (A t)_j is identically 0: no output bias and no unit of the entry active at j.
     */
    boolean identicalLpRows(int k, int i) {
      if (!root.get("loss").textValue().equals("absolute") || i % 2 != 0
          || i / 2 >= dataset.size() || root.get("outputBias").booleanValue()) {
        return false;
      }
      int j = i / 2;
      if (dataset.y(j).signum() != 0) {
        return false;
      }
      for (JsonNode p : at("subproblems").get(k).get("patterns")) {
        if (at("patterns").get(p.intValue()).get("signs").textValue().charAt(j) == '+') {
          return false;
        }
      }
      return true;
    }

    // ---- running and judging

    /** Applies, predicts on the tampered tree, serialises, undoes, verifies and judges. */
    void tamper(String what, Runnable apply, Runnable undo, Supplier<Expect> expect) {
      apply.run();
      Expect e;
      String json;
      try {
        e = expect.get();
        json = text(root);
      } finally {
        undo.run();
      }
      tried++;
      judge(what, e, verify(json, data));
    }

    MainTest.Run verify(String json, Path against) {
      try {
        Files.writeString(tamperedFile, json, StandardCharsets.UTF_8);
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
      return MainTest.run("verify", tamperedFile.toString(), "--data", against.toString());
    }

    void judge(String what, Expect e, MainTest.Run r) {
      String problem = problem(e, r);
      if (problem != null) {
        failures.add(what + ": expected " + e.outcome() + (e.mustName() == null ? ""
            : " naming '" + e.mustName() + "'") + ", but " + problem + " (exit " + r.code
            + "; stderr: " + r.err.strip() + "; verdict: " + verdictLine(r.out) + ")");
        return;
      }
      String kind = what.substring(0, what.indexOf(' ')).replace(":", "");
      switch (r.code) {
        case 0 -> {
          accepted++;
          tally.merge("accepted, " + kind + ": " + e.rule(), 1, Integer::sum);
        }
        case 1 -> {
          rejected++;
          tally.merge("exit 1, " + kind + ": " + condition(message(r)), 1, Integer::sum);
        }
        default -> {
          badInput++;
          tally.merge("exit 2, " + kind + ": " + e.rule(), 1, Integer::sum);
        }
      }
    }

    /** Null if the run matches the prediction, else what went wrong. */
    String problem(Expect e, MainTest.Run r) {
      for (String s : new String[] {r.out, r.err}) {
        if (s.contains("Exception") || s.contains("\tat ") || s.contains("internal error")) {
          return "it printed a stack trace or internal error";
        }
      }
      switch (e.outcome()) {
        case ACCEPTED:
          return r.code == 0 ? null : "it was not accepted";
        case BAD_INPUT:
          if (r.code != 2) {
            return "it was not rejected as bad input";
          }
          if (!r.out.isEmpty() || !oneLine(r.err)) {
            return "bad input should print one line on stderr and nothing on stdout";
          }
          return names(r.err, e.mustName()) ? null : "the message does not name it";
        default:
          if (r.code != 1) {
            return "it was not rejected with exit 1";
          }
          String msg = message(r);
          if (msg == null) {
            return "no one-line message naming the condition";
          }
          if (condition(msg) == null) {
            return "the message names no condition of the checker";
          }
          return names(msg, e.mustName()) ? null : "the message does not name it";
      }
    }

    JsonNode at(String path) {
      JsonNode node = root;
      for (String f : path.split("\\.")) {
        node = node.get(f);
      }
      return node;
    }
  }

  // ---- helpers

  private static Matcher match(String regex, String path) {
    Matcher m = Pattern.compile(regex).matcher(path);
    return m.matches() ? m : null;
  }

  /** The value with 1 added to its numerator, or null if it is not a number. */
  private static JsonNode bump(JsonNode c) {
    if (c.isIntegralNumber()) {
      return IntNode.valueOf(c.intValue() + 1);
    }
    if (c.isTextual()) {
      Matcher m = EXACT.matcher(c.textValue());
      if (m.matches()) {
        String num = new BigInteger(m.group(1)).add(BigInteger.ONE).toString();
        return TextNode.valueOf(m.group(2) == null ? num : num + "/" + m.group(3));
      }
    }
    return null;
  }

  /**
   * The rejection's message: the one line verify printed on stderr, which names the failed
   * condition (the report on stdout has it too, as its {@code certificate: REJECTED:} line); null
   * if stderr is not exactly one such line.
   */
  private static String message(MainTest.Run r) {
    return oneLine(r.err) && r.err.contains("T1 certificate rejected") ? r.err.strip() : null;
  }

  private static String verdictLine(String out) {
    for (String l : out.split("\\R")) {
      if (l.startsWith("certificate: ")) {
        return l;
      }
    }
    return "(none)";
  }

  private static String condition(String message) {
    if (message == null) {
      return null;
    }
    for (Map.Entry<String, String> c : CONDITIONS.entrySet()) {
      if (message.contains(c.getValue())) {
        return c.getKey();
      }
    }
    return null;
  }

  /** Whether the message contains the name (if any) not followed by a digit. */
  private static boolean names(String message, String name) {
    if (name == null) {
      return true;
    }
    for (int i = message.indexOf(name); i >= 0; i = message.indexOf(name, i + 1)) {
      int end = i + name.length();
      if (end == message.length() || !Character.isDigit(message.charAt(end))) {
        return true;
      }
    }
    return false;
  }

  private static boolean oneLine(String err) {
    String s = err.strip();
    return !s.isEmpty() && !s.contains("\n");
  }

  private static String csv(Rational[][] x, Rational[] y) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < x[0].length; i++) {
      s.append("x").append(i + 1).append(',');
    }
    s.append("y\n");
    for (int j = 0; j < y.length; j++) {
      for (Rational v : x[j]) {
        s.append(Rationals.format(v)).append(',');
      }
      s.append(Rationals.format(y[j])).append('\n');
    }
    return s.toString();
  }

  private static String text(JsonNode root) {
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
