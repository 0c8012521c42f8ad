package org.provablenets.exact;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Exact rational numbers: parsing, printing and decimal approximation.
 *
 * <p><b>Definition.</b> A rational is the project's own {@link Rational} (a pair of {@link
 * BigInteger}s in lowest terms with a positive denominator). Accepted text forms:
 *
 * <ul>
 *   <li>integers: {@code 7}, {@code -12}, {@code +3};
 *   <li>fractions: {@code 3/7}, {@code -10/4} (reduced to {@code -5/2}); the denominator is a
 *       positive integer;
 *   <li>decimals with an optional exponent: {@code -0.25}, {@code .5}, {@code 1e-3}, {@code
 *       2.5E+2}; {@code 0.1} is exactly {@code 1/10}.
 * </ul>
 *
 * <p><b>Accuracy.</b> Parsing is exact: decimal text goes through {@link BigDecimal}'s string
 * constructor (exact unscaled value and scale), never through {@code double}. {@code NaN}, {@code
 * Infinity}, hexadecimal and any other text are rejected with a {@link RationalFormatException}.
 *
 * <p><b>Digit limit.</b> A number whose numerator or denominator, written out in full, would have
 * more than {@link #maxDigits()} decimal digits (default {@value #DEFAULT_MAX_DIGITS}) is rejected
 * before any big integer is built: a decimal exponent counts as the zeros it stands for, so {@code
 * 1e10000} has 10,001 digits and {@code 1e-10000} a denominator of 10,001 digits. This keeps a typo
 * such as {@code 1e999999999}, or a pasted 100,000-digit label, from costing minutes or gigabytes
 * without a word. An application raises the limit once at start-up ({@link #setMaxDigits}; the
 * command line's {@code --max-digits}).
 *
 * <p><b>Cost.</b> Linear in the length of the text for parsing; printing is linear in the number
 * of digits of numerator and denominator.
 */
public final class Rationals {
  /** The default of {@link #maxDigits()}: digits of a numerator or denominator written out. */
  public static final int DEFAULT_MAX_DIGITS = 10_000;

  /** The largest value {@link #setMaxDigits} accepts. */
  public static final int MAX_MAX_DIGITS = 10_000_000;

  private static volatile int maxDigits = DEFAULT_MAX_DIGITS;

  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern FRACTION = Pattern.compile("([+-]?[0-9]+)/([0-9]+)");
  private static final Pattern DECIMAL =
      // Possessive quantifiers: a long run of digits that fails to match is rejected in linear
      // time (with plain ones the two digit runs backtrack over every split: quadratic).
      Pattern.compile("[+-]?([0-9]++\\.?+[0-9]*+|\\.[0-9]++)([eE]([+-]?[0-9]{1,9}))?");

  private Rationals() {}

  /** The rational zero. */
  public static final Rational ZERO = Rational.ZERO;

  /** The rational one. */
  public static final Rational ONE = Rational.ONE;

  /**
   * Parses an exact rational.
   *
   * @param text an integer, a fraction {@code p/q} or a decimal with optional exponent
   * @return the exact value
   * @throws RationalFormatException if the text is not one of the accepted forms
   */
  public static Rational parse(String text) {
    String s = text.trim();
    if (s.isEmpty()) {
      throw new RationalFormatException("empty text is not a number");
    }
    // No accepted form within the limit is longer (a fraction: two integers, a sign and a slash;
    // a decimal: its digits, a sign, a point and an exponent), so longer text is refused unread.
    if (s.length() > 2L * maxDigits + 24) {
      throw new RationalFormatException("\"" + shorten(s) + "\" is " + s.length()
          + " characters long, longer than any number within the limit of " + maxDigits
          + " digits (raise it with --max-digits)");
    }
    if (INTEGER.matcher(s).matches()) {
      checkDigits(s, digits(s), false);
      return Rational.of(new BigInteger(s));
    }
    java.util.regex.Matcher f = FRACTION.matcher(s);
    if (f.matches()) {
      String numText = f.group(1);
      String denText = f.group(2);
      if (numText == null || denText == null) {
        throw new RationalFormatException("\"" + s + "\" is not a fraction p/q");
      }
      checkDigits(s, Math.max(digits(numText), digits(denText)), false);
      BigInteger den = new BigInteger(denText);
      if (den.signum() == 0) {
        throw new RationalFormatException("\"" + s + "\" has a zero denominator");
      }
      return Rational.of(new BigInteger(numText), den);
    }
    java.util.regex.Matcher d = DECIMAL.matcher(s);
    if (d.matches()) {
      String mantissa = d.group(1);
      String exp = d.group(3);
      long e = exp == null ? 0 : Long.parseLong(exp);
      int point = mantissa == null ? -1 : mantissa.indexOf('.');
      long fraction = mantissa == null || point < 0 ? 0 : digits(mantissa.substring(point + 1));
      long all = mantissa == null ? 0 : digits(mantissa);
      // The value is the mantissa's digits as an integer times 10^(e - fraction digits): a
      // numerator of those digits plus the zeros of a positive power, over a denominator
      // 10^(fraction digits - e), which has that many digits plus one.
      checkDigits(s, Math.max(all + Math.max(0, e - fraction), fraction - e + 1), e != 0);
      return fromBigDecimal(new BigDecimal(s));
    }
    String lower = s.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("nan") || lower.contains("inf")) {
      throw new RationalFormatException(
          "\"" + s + "\" is not a finite number (NaN and infinity are not rationals)");
    }
    throw new RationalFormatException(
        "\"" + s + "\" is not a number (expected an integer, p/q, or a decimal such as -0.25 or 1e-3)");
  }

  /**
   * The digit limit in force: the most decimal digits a parsed numerator or denominator may have
   * when written out ({@value #DEFAULT_MAX_DIGITS} unless {@link #setMaxDigits} changed it).
   */
  public static int maxDigits() {
    return maxDigits;
  }

  /**
   * Sets the digit limit of {@link #parse}. Meant to be called once, at start-up, before any input
   * is read (the value is shared by all threads).
   *
   * @param digits from 1 to {@value #MAX_MAX_DIGITS}
   * @throws IllegalArgumentException if {@code digits} is out of that range
   */
  public static void setMaxDigits(int digits) {
    if (digits < 1 || digits > MAX_MAX_DIGITS) {
      throw new IllegalArgumentException(
          "the digit limit must be from 1 to " + MAX_MAX_DIGITS + ", got " + digits);
    }
    maxDigits = digits;
  }

  private static long digits(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        n++;
      }
    }
    return n;
  }

  /** The text, or its first 12 and last 6 characters when it is long. */
  private static String shorten(String s) {
    return s.length() <= 24 ? s : s.substring(0, 12) + "..." + s.substring(s.length() - 6);
  }

  private static void checkDigits(String s, long digits, boolean exponent) {
    int limit = maxDigits;
    if (digits > limit) {
      throw new RationalFormatException("\"" + shorten(s) + "\" has " + digits
          + " digits written out" + (exponent ? " (its exponent counts as that many zeros)" : "")
          + ", more than the limit of " + limit + " (raise it with --max-digits)");
    }
  }

  /**
   * The least common multiple of two positive integers (denominators), with the cheap cases
   * (either is 1, or they are equal) taken without a gcd.
   */
  public static BigInteger lcm(BigInteger a, BigInteger b) {
    if (b.equals(BigInteger.ONE) || b.equals(a)) {
      return a;
    }
    if (a.equals(BigInteger.ONE)) {
      return b;
    }
    return Gcd.quotient(a, Gcd.of(a, b)).multiply(b);
  }

  /**
   * A copy of the inputs of a data set: one row per label, every row of the same nonzero length
   * (the shared check of the theorem packages' data classes). Cost: O(D n) references copied.
   *
   * @throws IllegalArgumentException if there are no rows, the row and label counts differ, the
   *     rows are empty or ragged
   */
  public static Rational[][] dataRows(Rational[][] x, Rational[] y) {
    if (x.length == 0) {
      throw new IllegalArgumentException("the data set is empty (no points)");
    }
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "there are " + x.length + " inputs but " + y.length + " labels");
    }
    int n = x[0].length;
    if (n == 0) {
      throw new IllegalArgumentException("inputs have no coordinates");
    }
    Rational[][] copy = new Rational[x.length][];
    for (int j = 0; j < x.length; j++) {
      if (x[j].length != n) {
        throw new IllegalArgumentException(
            "row " + (j + 1) + " has " + x[j].length + " inputs, row 1 has " + n);
      }
      copy[j] = x[j].clone();
    }
    return copy;
  }

  /**
   * The exact rational value of a finite {@code double} (every double is a dyadic rational): the
   * one conversion from floating point to exact, inverse to {@link Rational#toDouble} on doubles.
   *
   * @throws IllegalArgumentException for NaN or an infinity
   */
  public static Rational ofDouble(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      throw new IllegalArgumentException("not a finite number: " + x);
    }
    return fromBigDecimal(new BigDecimal(x));
  }

  /** The exact rational value of a {@link BigDecimal}. */
  public static Rational fromBigDecimal(BigDecimal x) {
    BigInteger unscaled = x.unscaledValue();
    int scale = x.scale();
    if (scale >= 0) {
      return Rational.of(unscaled, BigInteger.TEN.pow(scale));
    }
    return Rational.of(unscaled.multiply(BigInteger.TEN.pow(-scale)));
  }

  /** The rational with the given integer value. */
  public static Rational of(long value) {
    return Rational.of(value);
  }

  /** The rational {@code num/den}; {@code den} must be non-zero. */
  public static Rational of(long num, long den) {
    return Rational.of(num, den);
  }

  /**
   * Exact text of a rational: {@code "5"}, {@code "-3/7"}. {@link #parse} reads it back to the same
   * value.
   */
  public static String format(Rational q) {
    return q.toString();
  }

  /**
   * A decimal approximation with {@code digits >= 1} significant digits, rounded half-even, in
   * plain notation unless the number is very large or very small; an approximation for reading
   * only, never for computing.
   */
  public static String decimal(Rational q, int digits) {
    if (digits < 1) {
      throw new IllegalArgumentException("a decimal approximation needs at least 1 digit");
    }
    if (q.signum() == 0) {
      return "0";
    }
    BigDecimal v =
        new BigDecimal(q.getNumerator())
            .divide(new BigDecimal(q.getDenominator()), new MathContext(digits, RoundingMode.HALF_EVEN))
            .stripTrailingZeros();
    // Plain notation (100, 0.001) unless the number is very large or very small.
    int magnitude = v.precision() - v.scale();
    return magnitude > -6 && magnitude <= 21 ? v.toPlainString() : v.toString();
  }

  /** {@link #decimal(Rational, int)} with 17 significant digits. */
  public static String decimal(Rational q) {
    return decimal(q, 17);
  }

  /** The least integer {@code >= x}. */
  public static BigInteger ceiling(Rational x) {
    BigInteger[] qr = x.getNumerator().divideAndRemainder(x.getDenominator());
    return x.signum() > 0 && qr[1].signum() != 0 ? qr[0].add(BigInteger.ONE) : qr[0];
  }

  /** The greatest integer {@code <= x}. */
  public static BigInteger floor(Rational x) {
    return ceiling(x.negate()).negate();
  }

  /** The larger of two rationals. */
  public static Rational max(Rational a, Rational b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** The smaller of two rationals. */
  public static Rational min(Rational a, Rational b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Whether {@code q} is zero. */
  public static boolean isZero(Rational q) {
    return q.signum() == 0;
  }
}
