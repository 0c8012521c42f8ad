package org.provablenets.exact.lp;

import java.math.BigInteger;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;

/**
 * Test access to the package-private entry points of {@link FilteredLpSolver}, so that the
 * properties in {@code org.provablenets.exact} can feed it wrong basis guesses.
 */
public final class FilterAccess {
  private FilterAccess() {}

  /** The floating-point basis guess as {basic variables, tight rows}, or {@code null}. */
  public static boolean @Nullable [][] guess(LinearProgram lp) {
    LpBasis b = FilteredLpSolver.guess(lp);
    return b == null ? null : new boolean[][] {b.basic.clone(), b.tight.clone()};
  }

  /** The exactly solved and checked basis, or {@code null} if it fails a check (no fallback). */
  public static @Nullable LpResult fromBasis(LinearProgram lp, boolean[] basic, boolean[] tight) {
    return FilteredLpSolver.fromBasis(lp, new LpBasis(basic, tight));
  }

  /**
   * As {@link #fromBasis}, on the overflow-checked {@code long} path only ({@link LongBasis}).
   *
   * @throws ArithmeticException if the program's numbers do not fit in a {@code long} or an
   *     operation overflows
   */
  public static @Nullable LpResult fromBasisInLongs(
      LinearProgram lp, boolean[] basic, boolean[] tight) {
    return FilteredLpSolver.fromBasisInLongs(lp, new LpBasis(basic, tight));
  }

  /** As {@link #fromBasis}, on the {@code BigInteger} path only. */
  public static @Nullable LpResult fromBasisInBigIntegers(
      LinearProgram lp, boolean[] basic, boolean[] tight) {
    return FilteredLpSolver.fromBasisInBigIntegers(lp, new LpBasis(basic, tight));
  }

  /** How many basis checks overflowed {@code long} and were done again in {@code BigInteger}. */
  public static long basisOverflows() {
    return FilteredLpSolver.longOverflows();
  }

  /**
   * The basis solve of {@link SquareSystem} on {@code [A | b]} (k rows of k + 1 integers, not
   * changed), as rationals, or {@code null} if it reports A singular.
   */
  public static Rational @Nullable [] solveSquare(BigInteger[][] t) {
    SquareSystem.Square s = SquareSystem.solve(t, t.length);
    if (s == null) {
      return null;
    }
    Rational[] x = new Rational[t.length];
    for (int j = 0; j < x.length; j++) {
      x[j] = Rational.of(s.num[j], s.den);
    }
    return x;
  }

  /** How many square systems overflowed {@code long} and were solved in rationals. */
  public static long squareOverflows() {
    return SquareSystem.overflows();
  }

  /** The filtered answer from a given guess, with the exact fallback. */
  public static LpResult solve(LinearProgram lp, boolean[] basic, boolean[] tight) {
    return FilteredLpSolver.solve(lp, basic, tight);
  }
}
