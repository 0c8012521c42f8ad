package org.provablenets.erm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.provablenets.exact.Rational;

/**
 * The pieces of {@link BlockBounds} that are plain bookkeeping: the canonical rank ({@link
 * Subproblems.Ranks}) against the order of {@link Subproblems#forEach}, the partition rule, and
 * the keys against the exact block bounds they round down.
 */
class BlockBoundsTest {
  @Test
  void ranksAreTheCanonicalIndices() {
    for (int m = 1; m <= 7; m++) {
      for (int w = 1; w <= 4; w++) {
        Subproblems.Ranks ranks = new Subproblems.Ranks(m, w);
        long[] index = {0};
        int mm = m;
        int ww = w;
        Subproblems.forEach(m, w, (plus, pats) -> assertEquals(index[0]++,
            ranks.rank(plus, pats), "m " + mm + ", w " + ww + ", " + Arrays.toString(pats)));
        assertEquals(Subproblems.count(m, w).longValueExact(), index[0]);
      }
    }
  }

  @Test
  void segmentsAreConsecutiveRunsOfTheCanonicalOrder() {
    for (int m = 1; m <= 6; m++) {
      for (int w = 1; w <= 4; w++) {
        // The canonical order by its definition: p = 0..w, then the multisets of the +1 group,
        // then those of the -1 group, each as non-decreasing sequences in lexicographic order.
        List<String> all = new ArrayList<>();
        for (int p = 0; p <= w; p++) {
          for (int[] a : multisets(m, p)) {
            for (int[] b : multisets(m, w - p)) {
              int[] pats = new int[w];
              System.arraycopy(a, 0, pats, 0, p);
              System.arraycopy(b, 0, pats, p, w - p);
              all.add(p + Arrays.toString(pats));
            }
          }
        }
        List<String> visited = new ArrayList<>();
        Subproblems.forEach(m, w, (plus, pats) -> visited.add(plus + Arrays.toString(pats)));
        assertEquals(all, visited, "forEach is the canonical order, m " + m + ", w " + w);
        List<String> bySegment = new ArrayList<>();
        Subproblems.Ranks ranks = new Subproblems.Ranks(m, w);
        for (int seg = 0; seg < Subproblems.segments(m, w); seg++) {
          int first = bySegment.size();
          int plus = seg / m;
          assertEquals(first, ranks.rank(plus, Subproblems.first(m, w, seg)),
              "m " + m + ", w " + w + ", segment " + seg + " starts at its first's rank");
          Subproblems.forEachIn(m, w, seg, (p, pats) -> bySegment.add(p + Arrays.toString(pats)));
          assertTrue(bySegment.size() > first, "segment " + seg + " is empty");
          assertEquals(plus + Arrays.toString(Subproblems.first(m, w, seg)), bySegment.get(first));
        }
        assertEquals(all, bySegment, "m " + m + ", w " + w);
      }
    }
  }

  /** The non-decreasing sequences of length k over [0, m), in lexicographic order. */
  private static List<int[]> multisets(int m, int k) {
    List<int[]> out = new ArrayList<>();
    extend(new int[k], 0, 0, m, out);
    return out;
  }

  private static void extend(int[] s, int i, int from, int m, List<int[]> out) {
    if (i == s.length) {
      out.add(s.clone());
      return;
    }
    for (int v = from; v < m; v++) {
      s[i] = v;
      extend(s, i + 1, v, m, out);
    }
  }

  /** Six points of a line, labels of both signs. */
  static Dataset line() {
    Rational[][] x = new Rational[6][];
    Rational[] y = new Rational[6];
    int[] labels = {2, -1, 3, 0, -2, 1};
    for (int j = 0; j < 6; j++) {
      x[j] = new Rational[] {Rational.of(j - 2)};
      y[j] = Rational.of(labels[j]);
    }
    return new Dataset(x, y);
  }

  @Test
  void partitionTakesTheFewestConsecutiveBlocksWithinTheShare() {
    Dataset d = line();
    PatternSet ps = Patterns.enumerate(d);
    // 6 points of a line: 12 patterns, 300 subproblems of width 2; blocks of 3 points have 6
    // restrictions each (78 subproblems), above 300 / 16, and so do all other splits.
    assertEquals(0, BlockBounds.partition(ps, d.size(), 2).length);
    // Width 4: 12 patterns give 17,550 subproblems (share 1,096). Two blocks of 3 points have 6
    // restrictions each, 2 * 1,365 block subproblems: too many. Three blocks of 2 points have 4
    // each, 3 * 330 = 990: within the share.
    int[][] parts = BlockBounds.partition(ps, d.size(), 4);
    assertEquals(17_550, Subproblems.count(ps.size(), 4).intValueExact());
    assertEquals(3, parts.length);
    assertArrayEquals(new int[] {0, 1}, parts[0]);
    assertArrayEquals(new int[] {2, 3}, parts[1]);
    assertArrayEquals(new int[] {4, 5}, parts[2]);
  }

  @Test
  void keysRoundTheExactBlockBoundsDown() {
    Dataset d = line();
    PatternSet ps = Patterns.enumerate(d);
    // Width 3 too: the keys sort three restricted patterns into their sign groups.
    for (int w = 2; w <= 3; w++) {
      int width = w;
      for (Loss loss : new Loss[] {Loss.SQUARED, Loss.ABSOLUTE}) {
        int[][] parts = {{0, 1, 2}, {3, 4, 5}};
        BlockBounds.Tables t = BlockBounds.tables(d, ps, width, loss, false, parts);
        Subproblems.Bounds keys = t.bounds();
        Subproblems.forEach(ps.size(), width, (plus, pats) -> {
          Rational exact = Rational.ZERO;
          for (int b = 0; b < 2; b++) {
            BlockBounds.Block block = t.blocks().get(b);
            int[] local = new int[width];
            for (int i = 0; i < width; i++) {
              String s = PatternSet.signs(BlockBounds.restriction(ps.get(pats[i]), parts[b]));
              for (int r = 0; r < block.patterns().size(); r++) {
                if (block.patterns().get(r).signs().equals(s)) {
                  local[i] = r;
                }
              }
            }
            Rational v = loss.solve(BlockBounds.restrict(d, parts[b]), block.patterns(), plus,
                local, false).value();
            exact = exact.add(v.multiply(Rational.of(3, 6)));
          }
          BigInteger key = keys.key(plus, pats);
          Rational value = keys.value(key);
          assertTrue(value.compareTo(exact) <= 0, "the key's value is above the block bound");
          assertTrue(exact.subtract(value).compareTo(Rational.of(1, 1L << 40)) < 0,
              "the key's value is far below the block bound: " + value + " vs " + exact);
          assertTrue(keys.bar(exact).compareTo(key) >= 0, "bar above the key of the bound");
        });
      }
    }
  }
}
