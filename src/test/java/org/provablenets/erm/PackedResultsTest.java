package org.provablenets.erm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.provablenets.exact.Rational;

/**
 * {@link PackedResults} gives back exactly what it was given: the whole-run certificate is made
 * from what it unpacks, so a packing error would change the certificate (the checker would then
 * reject it, or accept another one). Both sides of the streaming property pack, so the round trip
 * is checked here on its own, on values the solver can produce and beyond: zero, signs, integers
 * and fractions of 1 to 700 bits, vectors and pattern indices past one seven-bit group.
 */
class PackedResultsTest {
  private static Rational rational(Random g) {
    switch (g.nextInt(5)) {
      case 0:
        return Rational.ZERO;
      case 1:
        return Rational.of(g.nextInt(201) - 100);
      default:
        BigInteger num = new BigInteger(1 + g.nextInt(700), g);
        BigInteger den = new BigInteger(1 + g.nextInt(300), g).add(BigInteger.ONE);
        return Rational.of(g.nextBoolean() ? num : num.negate(), den);
    }
  }

  private static Rational[] vector(Random g, int n) {
    Rational[] v = new Rational[n];
    for (int k = 0; k < n; k++) {
      v[k] = rational(g);
    }
    return v;
  }

  @Test
  void solvedResultsComeBackExactly() {
    Random g = new Random(20261207L);
    int count = 300;
    PackedResults packed = new PackedResults(count);
    ErmSolver.Solved[] given = new ErmSolver.Solved[count];
    for (int i = 0; i < count; i++) {
      int w = 1 + g.nextInt(4);
      int[] patterns = new int[w];
      for (int k = 0; k < w; k++) {
        patterns[k] = g.nextInt(100_000);
      }
      int plus = g.nextInt(w + 1);
      ErmCertificate.Entry e = g.nextInt(4) == 0 ? ErmCertificate.Entry.pruned(plus, patterns)
          : new ErmCertificate.Entry(plus, patterns, vector(g, g.nextInt(8)),
              vector(g, g.nextInt(300)));
      given[i] = new ErmSolver.Solved(i, e, rational(g), vector(g, g.nextInt(10)));
      packed.put(given[i]);
    }
    for (int i = 0; i < count; i++) {
      ErmSolver.Solved a = given[i];
      ErmSolver.Solved b = packed.get(i);
      String where = "result " + i;
      assertTrue(packed.has(i), where);
      assertEquals(a.index, b.index, where);
      assertEquals(a.entry.isPruned(), b.entry.isPruned(), where);
      assertEquals(a.entry.plus(), b.entry.plus(), where);
      assertArrayEquals(a.entry.patterns(), b.entry.patterns(), where);
      assertArrayEquals(a.entry.u(), b.entry.u(), where);
      assertArrayEquals(a.entry.lambda(), b.entry.lambda(), where);
      if (a.entry.isPruned()) {
        assertNull(packed.value(i), where + ": a pruned result has no optimum");
      } else {
        assertEquals(a.value, b.value, where);
        assertEquals(a.value, packed.value(i), where);
        assertArrayEquals(a.t, b.t, where);
      }
      assertEquals(a.entry.plus(), packed.entries().get(i).plus(), where);
    }
    assertEquals(count, packed.entries().size());
  }

  /** A pruned entry packed directly has the bytes the stream writes, at every length of a count. */
  @Test
  void prunedEntriesPackAsTheStreamDoes() throws IOException {
    int[] edges = {0, 1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, Integer.MAX_VALUE};
    Random g = new Random(20261208L);
    for (int trial = 0; trial < 2_000; trial++) {
      int w = 1 + g.nextInt(8);
      int[] patterns = new int[w];
      for (int k = 0; k < w; k++) {
        patterns[k] = trial < 200 ? edges[g.nextInt(edges.length)] : g.nextInt(1 << g.nextInt(31));
      }
      int plus = trial % 3 == 0 ? edges[g.nextInt(edges.length)] : g.nextInt(w + 1);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        PackedResults.entry(out, ErmCertificate.Entry.pruned(plus, patterns));
      }
      assertArrayEquals(bytes.toByteArray(), PackedResults.pruned(plus, patterns),
          "plus " + plus + ", patterns " + Arrays.toString(patterns));
    }
  }

  @Test
  void aMissingResultIsNamed() {
    PackedResults packed = new PackedResults(3);
    assertFalse(packed.has(1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> packed.get(1));
    assertEquals("subproblem 2 has not been solved", e.getMessage());
  }
}
