package org.provablenets.erm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.provablenets.exact.Rational;

/**
 * The bit-set keys of {@link Subproblems.BlockedBounds} against the definition of the
 * blocked-points bound read point by point (T1 step 7), across word boundaries (D = 63, 64, 65,
 * 128, 130), for every loss, with and without an output bias, on random patterns; and {@link
 * Subproblems.BlockedBounds#bar}, the least key whose bound reaches a value.
 */
class BlockedBoundsTest {
  /** The definition: (1/D) sum of l(0, y_j) over the points no unit of the other sign reaches. */
  private static Rational naive(Dataset d, PatternSet ps, int plus, int[] pats, boolean bias,
      Loss loss) {
    if (bias) {
      return Rational.ZERO;
    }
    Rational sum = Rational.ZERO;
    for (int j = 0; j < d.size(); j++) {
      boolean pos = false;
      boolean neg = false;
      for (int i = 0; i < pats.length; i++) {
        if (ps.get(pats[i]).active(j)) {
          pos |= i < plus;
          neg |= i >= plus;
        }
      }
      int y = d.y(j).signum();
      boolean blocked = (!pos && !neg) || (pos && !neg && y <= 0) || (neg && !pos && y >= 0);
      if (blocked) {
        sum = sum.add(loss.value(Rational.ZERO, d.y(j)));
      }
    }
    return sum.divide(d.size());
  }

  private static Dataset line(int points, Loss loss, Random g) {
    StringBuilder x = new StringBuilder();
    StringBuilder y = new StringBuilder();
    for (int j = 0; j < points; j++) {
      x.append(j == 0 ? "" : " ").append(j);
      String label = loss == Loss.HINGE ? (g.nextBoolean() ? "1" : "-1")
          : (g.nextInt(7) - 3) + "/" + (1 + g.nextInt(3));
      y.append(j == 0 ? "" : " ").append(label);
    }
    return ErmExamplesTest.data1d(x.toString(), y.toString());
  }

  /**
   * Forty random activity patterns (the keys read only which points each pattern has active; the
   * witnesses, unused here, are zero), so that every mix of signs occurs in every word.
   */
  private static PatternSet randomPatterns(int points, Random g) {
    List<PatternSet.Pattern> list = new ArrayList<>();
    for (int p = 0; p < 40; p++) {
      boolean[] active = new boolean[points];
      for (int j = 0; j < points; j++) {
        active[j] = g.nextBoolean();
      }
      list.add(new PatternSet.Pattern(active, new Rational[] {Rational.ZERO, Rational.ZERO}));
    }
    return new PatternSet(list, List.of());
  }

  @Test
  void keysMatchTheDefinitionAcrossWords() {
    Random g = new Random(20261207L);
    for (int points : new int[] {63, 64, 65, 128, 130}) {
      for (Loss loss : Loss.values()) {
        Dataset d = line(points, loss, g);
        PatternSet ps = randomPatterns(points, g);
        for (boolean bias : new boolean[] {false, true}) {
          Subproblems.BlockedBounds b = new Subproblems.BlockedBounds(d, ps, bias, loss);
          for (int k = 0; k < 60; k++) {
            int w = 1 + g.nextInt(3);
            int[] pats = new int[w];
            for (int i = 0; i < w; i++) {
              pats[i] = g.nextInt(ps.size());
            }
            int plus = g.nextInt(w + 1);
            assertEquals(naive(d, ps, plus, pats, bias, loss), b.value(b.key(plus, pats)),
                "D = " + points + ", " + loss.id() + (bias ? ", output bias" : "")
                    + ", sample " + k);
          }
        }
      }
    }
  }

  @Test
  void barIsTheLeastKeyReachingTheValue() {
    Random g = new Random(7L);
    Dataset d = line(5, Loss.SQUARED, g);
    Subproblems.BlockedBounds b =
        new Subproblems.BlockedBounds(d, randomPatterns(5, g), false, Loss.SQUARED);
    for (int k = 0; k < 500; k++) {
      Rational r = Rational.of(g.nextInt(2001) - 1000, 1 + g.nextInt(60));
      BigInteger bar = b.bar(r);
      assertTrue(b.value(bar).compareTo(r) >= 0, "bound of bar(" + r + ") below it");
      assertTrue(b.value(bar.subtract(BigInteger.ONE)).compareTo(r) < 0,
          "bar(" + r + ") is not the least such key");
    }
  }
}
