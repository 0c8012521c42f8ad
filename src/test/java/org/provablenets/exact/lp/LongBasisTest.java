package org.provablenets.exact.lp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The 128-bit comparison of products in {@link LongBasis}. The basis properties rarely reach
 * products past 64 bits, where a signed comparison of the low words would go wrong; here every
 * pair of extreme values, and random values of every magnitude, are compared with {@code
 * BigInteger}.
 */
class LongBasisTest {
  private static int expected(long a, long b, long c, long d) {
    BigInteger ab = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
    BigInteger cd = BigInteger.valueOf(c).multiply(BigInteger.valueOf(d));
    return ab.compareTo(cd);
  }

  @Test
  @DisplayName("compareProducts(a, b, c, d) is the sign of a b - c d, exactly, at the extremes")
  void extremes() {
    long[] v = {0, 1, -1, 2, -2, 3_037_000_499L, 3_037_000_500L, -3_037_000_500L, 1L << 31,
        1L << 32, -(1L << 32), 1L << 62, -(1L << 62), Long.MAX_VALUE, Long.MAX_VALUE - 1,
        Long.MIN_VALUE, Long.MIN_VALUE + 1};
    for (long a : v) {
      for (long b : v) {
        for (long c : v) {
          for (long d : v) {
            assertEquals(expected(a, b, c, d), LongBasis.compareProducts(a, b, c, d),
                a + " * " + b + " vs " + c + " * " + d);
          }
        }
      }
    }
  }

  @Test
  @DisplayName("compareProducts agrees with BigInteger on random values of every magnitude,"
      + " including products that differ only in their low 64 bits")
  void random() {
    Random rnd = new Random(20261208L);
    for (int t = 0; t < 200_000; t++) {
      long a = rnd.nextLong() >> rnd.nextInt(64);
      long b = rnd.nextLong() >> rnd.nextInt(64);
      long c;
      long d;
      if (t % 3 == 0) {
        // The same high word: (a + 1) b against a b, or a b against itself.
        c = a + (rnd.nextBoolean() ? 1 : 0);
        d = b;
      } else {
        c = rnd.nextLong() >> rnd.nextInt(64);
        d = rnd.nextLong() >> rnd.nextInt(64);
      }
      assertEquals(expected(a, b, c, d), LongBasis.compareProducts(a, b, c, d),
          a + " * " + b + " vs " + c + " * " + d);
    }
  }
}
