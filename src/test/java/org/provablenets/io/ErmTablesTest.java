package org.provablenets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provablenets.erm.BlockBounds;
import org.provablenets.erm.Dataset;
import org.provablenets.erm.ErmCertificate;
import org.provablenets.erm.Loss;
import org.provablenets.erm.PatternSet;
import org.provablenets.erm.Patterns;
import org.provablenets.erm.Subproblems;
import org.provablenets.exact.Rational;

/**
 * The tables file ({@link ErmTables}): what is written is read back with the same blocks, block
 * entries and keys, and a file that does not fit the run is refused with one sentence.
 */
class ErmTablesTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int WIDTH = 4;

  @TempDir Path dir;

  /**
   * Six points of a line, labels of both signs: 12 patterns; at width 4 the solver takes three
   * blocks of two points (990 block subproblems within 17,550 / 16).
   */
  private static Dataset line(int lastLabel) {
    Rational[][] x = new Rational[6][];
    Rational[] y = new Rational[6];
    int[] labels = {2, -1, 3, 0, -2, lastLabel};
    for (int j = 0; j < 6; j++) {
      x[j] = new Rational[] {Rational.of(j - 2)};
      y[j] = Rational.of(labels[j]);
    }
    return new Dataset(x, y);
  }

  private static final Dataset DATA = line(1);
  private static final PatternSet PS = Patterns.enumerate(DATA);

  private Path written() {
    BlockBounds.Tables t = BlockBounds.tables(DATA, PS, WIDTH, Loss.ABSOLUTE, false, true);
    assertEquals(3, t.blocks().size());
    Path f = dir.resolve("t.jsonl");
    ErmTables.write(f, DATA, WIDTH, Loss.ABSOLUTE, false, PS, t);
    return f;
  }

  private static BlockBounds.Tables read(Path f) {
    return ErmTables.read(f, DATA, WIDTH, Loss.ABSOLUTE, false, PS);
  }

  @Test
  void whatIsWrittenIsReadBack() {
    BlockBounds.Tables solved = BlockBounds.tables(DATA, PS, WIDTH, Loss.ABSOLUTE, false, true);
    BlockBounds.Tables back = read(written());
    assertEquals(solved.blocks().size(), back.blocks().size());
    for (int k = 0; k < solved.blocks().size(); k++) {
      BlockBounds.Block a = solved.blocks().get(k);
      BlockBounds.Block b = back.blocks().get(k);
      assertArrayEquals(a.points(), b.points());
      assertEquals(a.patterns().size(), b.patterns().size());
      for (int r = 0; r < a.patterns().size(); r++) {
        assertEquals(a.patterns().get(r).signs(), b.patterns().get(r).signs());
      }
      assertEquals(a.entries().size(), b.entries().size());
      for (int r = 0; r < a.entries().size(); r++) {
        ErmCertificate.Entry ea = a.entries().get(r);
        ErmCertificate.Entry eb = b.entries().get(r);
        assertEquals(ea.plus(), eb.plus());
        assertArrayEquals(ea.patterns(), eb.patterns());
        assertArrayEquals(ea.u(), eb.u());
        assertArrayEquals(ea.lambda(), eb.lambda());
      }
    }
    long[] n = {0};
    Subproblems.forEach(PS.size(), WIDTH, (plus, pats) -> {
      assertEquals(solved.bounds().key(plus, pats), back.bounds().key(plus, pats));
      n[0]++;
    });
    assertEquals(17_550, n[0]);
  }

  @Test
  void readWithoutDualsGivesTheSameKeysAndNoDualPoints() {
    Path f = written();
    BlockBounds.Tables all = read(f);
    BlockBounds.Tables values = ErmTables.read(f, DATA, WIDTH, Loss.ABSOLUTE, false, PS, false);
    Subproblems.forEach(PS.size(), WIDTH, (plus, pats) ->
        assertEquals(all.bounds().key(plus, pats), values.bounds().key(plus, pats)));
    for (BlockBounds.Block b : values.blocks()) {
      for (ErmCertificate.Entry e : b.entries()) {
        assertEquals(0, e.u().length + e.lambda().length, "a dual point was read");
      }
    }
  }

  /** The file with {@code edit} applied to its lines (line 0 the header), and read. */
  private String refused(UnaryOperator<List<String>> edit) throws IOException {
    Path f = written();
    List<String> lines =
        edit.apply(new ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8)));
    Files.write(f, lines, StandardCharsets.UTF_8);
    return assertThrows(InputException.class, () -> read(f)).getMessage();
  }

  /** The file with line k's JSON (0: the header) edited, and read. */
  private String refusedLine(int k, Consumer<ObjectNode> edit) throws IOException {
    return refused(lines -> {
      ObjectNode o = json(lines.get(k));
      edit.accept(o);
      lines.set(k, o.toString());
      return lines;
    });
  }

  private static ObjectNode json(String line) {
    try {
      return (ObjectNode) MAPPER.readTree(line);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void anotherRunsTablesAreRefused() {
    Path f = written();
    String w = assertThrows(InputException.class,
        () -> ErmTables.read(f, DATA, 3, Loss.ABSOLUTE, false, PS)).getMessage();
    assertTrue(w.contains("holds the tables of a run of width 4, absolute loss, without an output"
        + " bias; this run has width 3"), w);
    String l = assertThrows(InputException.class,
        () -> ErmTables.read(f, DATA, WIDTH, Loss.SQUARED, false, PS)).getMessage();
    assertTrue(l.contains("this run has width 4, squared loss"), l);
    Dataset other = line(2);
    String d = assertThrows(InputException.class,
        () -> ErmTables.read(f, other, WIDTH, Loss.ABSOLUTE, false, PS)).getMessage();
    assertTrue(d.contains("was made for other data"), d);
    String missing = assertThrows(InputException.class,
        () -> read(dir.resolve("none.jsonl"))).getMessage();
    assertTrue(missing.contains("no such file (write it first with erm --write-tables)"), missing);
  }

  @Test
  void incompleteOrReorderedTablesAreRefused() throws IOException {
    String cut = refused(lines -> lines.subList(0, lines.size() - 1));
    assertTrue(cut.contains("ends after 329 of the 330 subproblems of block 2"), cut);
    String extra = refused(lines -> {
      lines.add(lines.get(1));
      return lines;
    });
    assertTrue(extra.contains("is past the last block subproblem"), extra);
    String swapped = refused(lines -> {
      String a = lines.get(5);
      lines.set(5, lines.get(6));
      lines.set(6, a);
      return lines;
    });
    assertTrue(swapped.contains("line 6 is not block 0's subproblem 4 in canonical order"),
        swapped);
    String pruned = refusedLine(3, o -> o.remove(List.of("u", "lambda")));
    assertTrue(pruned.contains("line 4 has no dual point"), pruned);
  }

  @Test
  void valuesOutsideTheZeroNetsLossAreRefused() throws IOException {
    // Block 0 holds the points with labels 2 and -1: its mean loss at 0 (absolute) is 3/2.
    String high = refusedLine(2, o -> o.put("value", "2"));
    assertTrue(high.contains("line 3.value is 2, outside [0, 3/2]"), high);
    String negative = refusedLine(2, o -> o.put("value", "-1/3"));
    assertTrue(negative.contains("line 3.value is -1/3, outside [0, 3/2]"), negative);
  }

  @Test
  void blocksOtherThanTheRunsOwnAreRefused() throws IOException {
    List<Consumer<ObjectNode>> edits = List.of(
        // overlapping blocks
        h -> ((ArrayNode) h.get("blocks").get(1).get("points")).set(0, 1),
        // a pattern's restriction missing (another one twice)
        h -> {
          ArrayNode pats = (ArrayNode) h.get("blocks").get(0).get("patterns");
          pats.set(0, pats.get(1));
        },
        // a block left out
        h -> ((ArrayNode) h.get("blocks")).remove(2),
        // no blocks
        h -> h.putArray("blocks"));
    for (Consumer<ObjectNode> edit : edits) {
      String m = refusedLine(0, edit);
      assertTrue(m.contains("its blocks are not the ones this run takes (3 blocks of"
          + " consecutive points, with their restricted patterns: points 1-2, 3-4, 5-6); write"
          + " the tables of this run with erm --write-tables"), m);
    }
  }
}
