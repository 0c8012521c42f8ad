package org.provablenets.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The quantiles the benchmark reports for its per-round ratios (median and quartiles), on values
 * whose order statistics are worked out by hand.
 */
class BenchmarkQuantileTest {
  @Test
  void quantilesInterpolateBetweenOrderStatistics() {
    // Sorted: 1, 2, 4, 8, 16. p = 0.5: position 2 -> 4. p = 0.25: position 1 -> 2.
    // p = 0.75: position 3 -> 8. Unsorted input must not matter.
    double[] t = {16, 1, 8, 2, 4};
    assertEquals(4.0, Benchmark.quantile(t, 0.5));
    assertEquals(2.0, Benchmark.quantile(t, 0.25));
    assertEquals(8.0, Benchmark.quantile(t, 0.75));
    // Four values 1, 3, 5, 7: the median sits at position 1.5, halfway between 3 and 5; the lower
    // quartile at position 0.75, three quarters of the way from 1 to 3.
    double[] u = {7, 5, 3, 1};
    assertEquals(4.0, Benchmark.quantile(u, 0.5));
    assertEquals(2.5, Benchmark.quantile(u, 0.25));
    assertEquals(7.0, Benchmark.quantile(u, 1.0));
    assertEquals(1.0, Benchmark.quantile(u, 0.0));
    // The input is not reordered.
    assertEquals(7.0, u[0]);
  }
}
