package org.provablenets.exact.enclosure;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import org.apfloat.Apfloat;
import org.apfloat.ApfloatMath;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.qual.Rigorous;

/**
 * A rigorous enclosure {@code [lo, hi]} of a real number, with apfloat endpoints and outward
 * rounding to a fixed number of significant digits.
 *
 * <p><b>Definition.</b> An interval holds two exact decimal numbers {@code lo <= hi} (apfloat
 * values of infinite precision with at most {@link #precision()} significant digits) and stands
 * for an unknown real number that it encloses. Every operation returns an interval that contains
 * the result of the operation applied to every pair of enclosed numbers (for the transcendental
 * functions: to every enclosed number).
 *
 * <p><b>How rigour is obtained.</b>
 *
 * <ul>
 *   <li><i>Add, subtract, multiply</i>: the endpoint operation is done exactly (apfloat numbers of
 *       infinite precision add and multiply exactly), then rounded outward with {@code
 *       ApfloatMath.roundToPrecision(x, p, FLOOR / CEILING)}; the direction is then <i>verified</i>
 *       by an exact comparison with the exact value (and corrected by one unit in the last place if
 *       it were wrong), so the lower end is provably {@code <=} and the upper end {@code >=} the
 *       exact value. No widening is needed: the verification proves the direction.
 *   <li><i>Divide</i> (endpoints exact, divisor of one sign): the quotient is estimated with
 *       apfloat at {@code p + GUARD} digits, rounded to p digits in the wanted direction, and
 *       verified exactly by multiplying back ({@code q b <= a} for the lower end when b &gt; 0),
 *       stepping one unit in the last place until it holds.
 *   <li><i>exp and log</i> at an exact point: apfloat's value {@code v} at {@code p + GUARD} digits
 *       (more when the argument is large or the result small) is not correctly rounded in a known
 *       direction; apfloat's results are accurate to about their last digit. The enclosure is
 *       {@code v -+ 2 ulp(v)} ({@code ulp} at the precision apfloat reports for {@code v}, which
 *       it lowers itself after cancellation), rounded outward to p digits and <i>widened by one
 *       more unit in the last place at p digits</i>. So the trusted claim is only that apfloat's
 *       {@code exp} and {@code log} err by less than {@code 10^GUARD} units in the last of the
 *       digits they report.
 *   <li><i>tanh, sigmoid, softplus</i> are built from {@code exp} (and {@code log1p}) with the
 *       operations above; on an interval they use monotonicity (all three are increasing).
 * </ul>
 *
 * <p>Values produced here are {@link Rigorous}: each factory and operation returns a {@code
 * @Rigorous Interval}, minted in one place ({@link #enclosure}); the exact ends are available as
 * {@code @Rigorous} rationals through {@link #lowerBound()} and {@link #upperBound()}.
 *
 * <p><b>Cost.</b> An arithmetic operation is a few exact apfloat operations on numbers of about
 * 2p digits (tens of microseconds at p = 30); {@code exp} and {@code log} cost one apfloat call
 * each (about 1-4 ms at 40-60 digits, measured on the development machine).
 */
public final class Interval {
  /** Guard digits for apfloat estimates (division and transcendental functions). */
  public static final long GUARD = 10;

  /** Smallest accepted precision, in significant digits. */
  public static final long MIN_PRECISION = 5;

  private static final Apfloat ZERO = new Apfloat(0L);
  private static final Apfloat ONE = new Apfloat(1L);
  private static final Apfloat TWO = new Apfloat(2L);

  private final Apfloat lo;
  private final Apfloat hi;
  private final long precision;

  private Interval(Apfloat lo, Apfloat hi, long precision) {
    this.lo = lo;
    this.hi = hi;
    this.precision = precision;
  }

  /** The one place that mints {@code @Rigorous} intervals: every caller passes proven ends. */
  @SuppressWarnings("cast.unsafe") // the ends were rounded outward and verified by the caller
  private static @Rigorous Interval enclosure(Apfloat lo, Apfloat hi, long precision) {
    if (lo.compareTo(hi) > 0) {
      throw new IllegalStateException("empty enclosure [" + lo + ", " + hi + "]");
    }
    // Ends are kept exact (infinite precision): a finite-precision operand would make apfloat
    // round the next exact operation.
    return (@Rigorous Interval) new Interval(exact(lo), exact(hi), precision);
  }

  /** Mints a {@code @Rigorous} rational: only for the exact ends of an enclosure. */
  @SuppressWarnings("cast.unsafe") // the exact value of a proven enclosure end
  private static @Rigorous Rational proven(Rational q) {
    return (@Rigorous Rational) q;
  }

  // ---------------------------------------------------------------- factories

  /** The enclosure of an exact rational, rounded outward to {@code precision} digits. */
  public static @Rigorous Interval of(Rational q, long precision) {
    checkPrecision(precision);
    Apfloat num = integer(q.getNumerator());
    if (q.isInteger()) {
      return enclosure(down(num, precision), up(num, precision), precision);
    }
    Apfloat den = integer(q.getDenominator());
    return enclosure(divDown(num, den, precision), divUp(num, den, precision), precision);
  }

  /** The enclosure of an integer. */
  public static @Rigorous Interval of(long k, long precision) {
    return of(Rational.of(k), precision);
  }

  /** The point interval at the (exact) lower end of this interval. */
  public @Rigorous Interval lowerPoint() {
    return enclosure(lo, lo, precision);
  }

  /** The point interval at the (exact) upper end of this interval. */
  public @Rigorous Interval upperPoint() {
    return enclosure(hi, hi, precision);
  }

  // ---------------------------------------------------------------- accessors

  /** The lower end, an exact apfloat value (infinite precision). */
  public Apfloat lo() {
    return lo;
  }

  /** The upper end, an exact apfloat value (infinite precision). */
  public Apfloat hi() {
    return hi;
  }

  /** The number of significant digits to which results are rounded. */
  public long precision() {
    return precision;
  }

  /** The lower end as an exact rational: a proven lower bound of the enclosed number. */
  public @Rigorous Rational lowerBound() {
    return proven(toRational(lo));
  }

  /** The upper end as an exact rational: a proven upper bound of the enclosed number. */
  public @Rigorous Rational upperBound() {
    return proven(toRational(hi));
  }

  /** {@code hi - lo}, exactly. */
  public Apfloat width() {
    return hi.subtract(lo);
  }

  /** Whether the exact rational q lies in this interval. */
  public boolean contains(Rational q) {
    return compare(lo, q) <= 0 && compare(hi, q) >= 0;
  }

  /** Whether the apfloat value x (read as the exact number its digits denote) lies in here. */
  public boolean contains(Apfloat x) {
    Apfloat e = exact(x);
    return lo.compareTo(e) <= 0 && e.compareTo(hi) <= 0;
  }

  /** Whether every enclosed number is {@code >= q} (decided exactly). */
  public boolean certainlyAtLeast(Rational q) {
    return compare(lo, q) >= 0;
  }

  /** Whether every enclosed number is {@code <= q} (decided exactly). */
  public boolean certainlyAtMost(Rational q) {
    return compare(hi, q) <= 0;
  }

  /**
   * Whether this interval may meet the exact interval {@code [a, b]} (a &lt;= b): false only if it
   * provably lies entirely below a or above b.
   */
  public boolean mayMeet(Rational a, Rational b) {
    return compare(lo, b) <= 0 && compare(hi, a) >= 0;
  }

  /**
   * The sign of {@code x - q} for an exact x, decided exactly: first against a 30-digit enclosure
   * of q (cheap, and enough unless x is within 10^-30 relative of q), else by converting x to a
   * rational.
   */
  private static int compare(Apfloat x, Rational q) {
    @Rigorous Interval qi = of(q, 30);
    if (x.compareTo(qi.hi) > 0) {
      return 1;
    }
    if (x.compareTo(qi.lo) < 0) {
      return -1;
    }
    return toRational(x).compareTo(q);
  }

  // ---------------------------------------------------------------- arithmetic

  /** {@code this + b}. */
  public @Rigorous Interval add(Interval b) {
    long p = Math.min(precision, b.precision);
    return enclosure(addDown(lo, b.lo, p), addUp(hi, b.hi, p), p);
  }

  /** {@code this - b}. */
  public @Rigorous Interval subtract(Interval b) {
    long p = Math.min(precision, b.precision);
    return enclosure(addDown(lo, b.hi.negate(), p), addUp(hi, b.lo.negate(), p), p);
  }

  /** {@code -this} (exact). */
  public @Rigorous Interval negate() {
    return enclosure(hi.negate(), lo.negate(), precision);
  }

  /** {@code this * b}: the hull of the four end products. */
  public @Rigorous Interval multiply(Interval b) {
    long p = Math.min(precision, b.precision);
    Apfloat p1 = lo.multiply(b.lo);
    Apfloat p2 = lo.multiply(b.hi);
    Apfloat p3 = hi.multiply(b.lo);
    Apfloat p4 = hi.multiply(b.hi);
    Apfloat mn = ApfloatMath.min(ApfloatMath.min(p1, p2), ApfloatMath.min(p3, p4));
    Apfloat mx = ApfloatMath.max(ApfloatMath.max(p1, p2), ApfloatMath.max(p3, p4));
    return enclosure(down(mn, p), up(mx, p), p);
  }

  /** {@code this * q} for an exact rational q. */
  public @Rigorous Interval multiply(Rational q) {
    return multiply(of(q, precision));
  }

  /** {@code this + q} for an exact rational q. */
  public @Rigorous Interval add(Rational q) {
    return add(of(q, precision));
  }

  /** {@code this^2}: unlike {@code multiply(this)}, never negative (one occurrence of x). */
  public @Rigorous Interval square() {
    Apfloat a = lo.multiply(lo);
    Apfloat b = hi.multiply(hi);
    if (lo.signum() >= 0) {
      return enclosure(down(a, precision), up(b, precision), precision);
    }
    if (hi.signum() <= 0) {
      return enclosure(down(b, precision), up(a, precision), precision);
    }
    return enclosure(ZERO, up(ApfloatMath.max(a, b), precision), precision);
  }

  /** {@code this / b}; b must not contain 0. */
  public @Rigorous Interval divide(Interval b) {
    if (b.lo.signum() <= 0 && b.hi.signum() >= 0) {
      throw new ArithmeticException("interval division by an interval containing 0: " + b);
    }
    long p = Math.min(precision, b.precision);
    Apfloat[] ends = {lo, hi};
    Apfloat[] dens = {b.lo, b.hi};
    Apfloat mn = null;
    Apfloat mx = null;
    for (Apfloat a : ends) {
      for (Apfloat d : dens) {
        Apfloat l = divDown(a, d, p);
        Apfloat h = divUp(a, d, p);
        mn = mn == null ? l : ApfloatMath.min(mn, l);
        mx = mx == null ? h : ApfloatMath.max(mx, h);
      }
    }
    return enclosure(nonNull(mn), nonNull(mx), p);
  }

  /** {@code 1 / this}; this must not contain 0. */
  public @Rigorous Interval reciprocal() {
    return of(1, precision).divide(this);
  }

  /** The smallest interval containing both. */
  public @Rigorous Interval hull(Interval b) {
    long p = Math.min(precision, b.precision);
    return enclosure(ApfloatMath.min(lo, b.lo), ApfloatMath.max(hi, b.hi), p);
  }

  /**
   * The intersection with an enclosure {@code b} of the same number (for example a global range
   * such as {@code [-1, 1]} for tanh). Both contain the number, so the intersection does too.
   *
   * @throws IllegalStateException if they are disjoint, which would contradict that premise
   */
  public @Rigorous Interval intersect(Interval b) {
    long p = Math.min(precision, b.precision);
    return enclosure(ApfloatMath.max(lo, b.lo), ApfloatMath.min(hi, b.hi), p);
  }

  /** The same enclosure rounded outward to fewer digits. */
  public @Rigorous Interval roundTo(long p) {
    checkPrecision(p);
    return enclosure(down(lo, p), up(hi, p), p);
  }

  // ---------------------------------------------------------------- elementary functions

  /** {@code exp} over this interval (increasing). */
  public @Rigorous Interval exp() {
    Apfloat[] a = expAt(lo, precision);
    Apfloat[] b = lo.compareTo(hi) == 0 ? a : expAt(hi, precision);
    return enclosure(a[0], b[1], precision);
  }

  /**
   * {@code log(1 + u)} over this interval, which must lie in {@code [0, 1]} (increasing in u). For
   * tiny {@code u} it uses {@code u - u^2/2 <= log(1 + u) <= u}; otherwise apfloat's {@code log}
   * as described in the class comment.
   */
  public @Rigorous Interval log1p() {
    if (lo.signum() < 0 || hi.compareTo(ONE) > 0) {
      throw new IllegalArgumentException("log1p is implemented on [0, 1] only, not on " + this);
    }
    Apfloat[] a = log1pAt(lo, precision);
    Apfloat[] b = lo.compareTo(hi) == 0 ? a : log1pAt(hi, precision);
    return enclosure(a[0], b[1], precision);
  }

  /** {@code tanh} over this interval (increasing). */
  public @Rigorous Interval tanh() {
    Apfloat[] a = tanhAt(lo, precision);
    Apfloat[] b = lo.compareTo(hi) == 0 ? a : tanhAt(hi, precision);
    return enclosure(a[0], b[1], precision);
  }

  /** The logistic sigmoid {@code 1 / (1 + exp(-x))} over this interval (increasing). */
  public @Rigorous Interval sigmoid() {
    Apfloat[] a = sigmoidAt(lo, precision);
    Apfloat[] b = lo.compareTo(hi) == 0 ? a : sigmoidAt(hi, precision);
    return enclosure(a[0], b[1], precision);
  }

  /** SoftPlus {@code log(1 + exp(x))} over this interval (increasing). */
  public @Rigorous Interval softplus() {
    Apfloat[] a = softplusAt(lo, precision);
    Apfloat[] b = lo.compareTo(hi) == 0 ? a : softplusAt(hi, precision);
    return enclosure(a[0], b[1], precision);
  }

  // ---------------------------------------------------------------- point enclosures

  /** {lower, upper} bounds of exp(x) at the exact point x, to p digits. */
  private static Apfloat[] expAt(Apfloat x, long p) {
    if (x.signum() == 0) {
      return new Apfloat[] {ONE, ONE};
    }
    // Enough digits that x itself is represented exactly, plus the digits that exp's
    // amplification of the argument's relative error costs (about scale(x)).
    long wp = Math.max(p + GUARD, x.size() + GUARD) + Math.max(0, x.scale());
    Apfloat v = ApfloatMath.exp(x.precision(wp));
    Apfloat[] e = fromEstimate(v, wp, p);
    if (e[0].signum() <= 0) {
      e[0] = ZERO; // exp > 0: 0 is a valid lower bound
    }
    return e;
  }

  /** {lower, upper} bounds of log(1 + u) at the exact point u in [0, 1], to p digits. */
  private static Apfloat[] log1pAt(Apfloat u, long p) {
    if (u.signum() == 0) {
      return new Apfloat[] {ZERO, ZERO};
    }
    if (u.scale() < -(p + 2)) {
      // u < 10^-(p+3): u (1 - 10^-(p+3)) <= u - u^2/2 <= log(1 + u) <= u. (The exact u - u^2/2
      // would have -2 scale(u) digits: millions for large |x|.)
      Apfloat shrink = ONE.subtract(ApfloatMath.scale(ONE, -(p + 3)));
      return new Apfloat[] {down(u.multiply(shrink), p), up(u, p)};
    }
    Apfloat y = ONE.add(u); // exact
    // apfloat's log near 1 loses about -scale(u) digits of relative precision: add them.
    long wp = Math.max(p + GUARD, y.size() + GUARD) + Math.max(0, -u.scale());
    Apfloat v = ApfloatMath.log(y.precision(wp));
    if (v.signum() <= 0) {
      // y > 1 so log y > 0; a zero or negative estimate is useless: fall back to 0 <= log y <= u.
      return new Apfloat[] {ZERO, up(u, p)};
    }
    Apfloat[] e = fromEstimate(v, wp, p);
    if (e[0].signum() < 0) {
      e[0] = ZERO;
    }
    Apfloat uUp = up(u, p);
    if (e[1].compareTo(uUp) > 0) {
      e[1] = uUp; // log(1 + u) <= u
    }
    return e;
  }

  /** {lower, upper} bounds of tanh(x) at the exact point x, to p digits. */
  private static Apfloat[] tanhAt(Apfloat x, long p) {
    if (x.signum() == 0) {
      return new Apfloat[] {ZERO, ZERO};
    }
    Apfloat ax = ApfloatMath.abs(x);
    // tanh|x| = 2 / (1 + E) - 1 with E = exp(-2|x|): decreasing in E. For small |x| the
    // subtraction cancels about -scale(x) digits, so work with that many more.
    long wp = p + Math.max(0, -ax.scale()) + 2;
    Apfloat[] e = expAt(ax.multiply(TWO).negate(), wp);
    Apfloat[] y = onePlus(e, wp);
    Apfloat t0 = down(divDown(TWO, y[1], wp).subtract(ONE), wp);
    Apfloat t1 = up(divUp(TWO, y[0], wp).subtract(ONE), wp);
    // 0 < tanh|x| < min(1, |x|).
    Apfloat lower = ApfloatMath.max(down(t0, p), ZERO);
    Apfloat upper = ApfloatMath.min(ApfloatMath.min(up(t1, p), ONE), up(ax, p));
    if (x.signum() > 0) {
      return new Apfloat[] {lower, upper};
    }
    return new Apfloat[] {upper.negate(), lower.negate()};
  }

  /** {lower, upper} bounds of 1 / (1 + exp(-x)) at the exact point x, to p digits. */
  private static Apfloat[] sigmoidAt(Apfloat x, long p) {
    if (x.signum() == 0) {
      Apfloat half = exact(new Apfloat("0.5"));
      return new Apfloat[] {half, half};
    }
    Apfloat[] e = expAt(x.negate(), p + 2);
    Apfloat[] y = onePlus(e, p + 2);
    Apfloat lower = ApfloatMath.max(down(divDown(ONE, y[1], p + 2), p), ZERO);
    Apfloat upper = ApfloatMath.min(up(divUp(ONE, y[0], p + 2), p), ONE);
    return new Apfloat[] {lower, upper};
  }

  /** {lower, upper} bounds of log(1 + exp(x)) = max(x, 0) + log1p(exp(-|x|)) at the point x. */
  private static Apfloat[] softplusAt(Apfloat x, long p) {
    Apfloat ax = ApfloatMath.abs(x);
    Apfloat[] u = expAt(ax.negate(), p + 2);
    Apfloat uHi = ApfloatMath.min(u[1], ONE); // exp(-|x|) <= 1
    Apfloat l = log1pAt(u[0], p + 2)[0];
    Apfloat h = log1pAt(uHi, p + 2)[1];
    if (x.signum() > 0) {
      return new Apfloat[] {addDown(l, x, p), addUp(h, x, p)};
    }
    return new Apfloat[] {down(l, p), up(h, p)};
  }

  /**
   * Bounds {lower, upper} of {@code 1 + E} for E in [e[0], e[1]] (e[0] &gt;= 0) with at most about
   * wp digits: exact when E is comparable to 1; when E &gt; 10^(wp+1) (or &lt; 10^-(wp+2)) the
   * exact sum would have millions of digits for large arguments, so it is bounded by {@code [E_lo,
   * E_hi + 10^(scale(E_hi) - wp)]} (the added unit exceeds 1) or {@code [1, 1 + 10^(1-wp)]} (which
   * exceeds E).
   */
  private static Apfloat[] onePlus(Apfloat[] e, long wp) {
    Apfloat l = e[0];
    Apfloat h = e[1];
    Apfloat lower;
    if (l.signum() > 0 && l.scale() > wp + 2) {
      lower = l; // 1 + E > E_lo
    } else if (l.signum() == 0 || l.scale() < -(wp + 2)) {
      lower = ONE; // 1 + E >= 1
    } else {
      lower = ONE.add(l);
    }
    Apfloat upper;
    if (h.signum() > 0 && h.scale() > wp + 2) {
      upper = h.add(ulpAt(h, wp)); // the unit 10^(scale - wp) >= 1000 > 1
    } else if (h.signum() == 0 || h.scale() < -(wp + 2)) {
      upper = ONE.add(ulpAt(ONE, wp)); // E < 10^-(wp+3) < 10^(1-wp)
    } else {
      upper = ONE.add(h);
    }
    return new Apfloat[] {lower, upper};
  }

  /**
   * An enclosure of the true value from an apfloat estimate {@code v} made at working precision
   * {@code wp}: {@code v -+ 2 ulp}, ulp at the coarser of v's reported precision and wp, rounded
   * outward to p digits and widened by one more unit in the last place at p digits.
   */
  private static Apfloat[] fromEstimate(Apfloat v, long wp, long p) {
    Apfloat ve = exact(v);
    Apfloat err = ulpAt(ve, Math.min(wp, v.precision()));
    err = err.add(err);
    Apfloat l = down(ve.subtract(err), p);
    Apfloat h = up(ve.add(err), p);
    l = l.signum() == 0 ? l : l.subtract(ulpAt(l, p));
    h = h.signum() == 0 ? h : h.add(ulpAt(h, p));
    return new Apfloat[] {l, h};
  }

  // ---------------------------------------------------------------- directed rounding

  /**
   * The exact apfloat value of an integer. (apfloat's {@code BigInteger} constructor costs about a
   * millisecond; a {@code long} or decimal text is a hundred times faster.)
   */
  public static Apfloat integer(BigInteger n) {
    if (n.bitLength() < 63) {
      return new Apfloat(n.longValue());
    }
    return new Apfloat(n.toString(), Apfloat.INFINITE);
  }

  /** x with infinite precision: the exact number its digits denote. */
  static Apfloat exact(Apfloat x) {
    return x.precision() == Apfloat.INFINITE ? x : x.precision(Apfloat.INFINITE);
  }

  /** One unit in the p-th significant digit of x (x non-zero), exactly. */
  private static Apfloat ulpAt(Apfloat x, long p) {
    return ApfloatMath.scale(ONE, x.scale() - p);
  }

  /** The largest p-digit number {@code <= x} (x exact), verified exactly. */
  static Apfloat down(Apfloat x, long p) {
    if (x.signum() == 0) {
      return ZERO;
    }
    Apfloat r = exact(ApfloatMath.roundToPrecision(x, p, RoundingMode.FLOOR));
    for (int guard = 0; r.compareTo(x) > 0; guard++) {
      r = exact(r.subtract(ulpAt(r.signum() == 0 ? x : r, p)));
      if (guard > 100) {
        throw new IllegalStateException("directed rounding did not converge for " + x);
      }
    }
    return r;
  }

  /** The smallest p-digit number {@code >= x} (x exact), verified exactly. */
  static Apfloat up(Apfloat x, long p) {
    if (x.signum() == 0) {
      return ZERO;
    }
    Apfloat r = exact(ApfloatMath.roundToPrecision(x, p, RoundingMode.CEILING));
    for (int guard = 0; r.compareTo(x) < 0; guard++) {
      r = exact(r.add(ulpAt(r.signum() == 0 ? x : r, p)));
      if (guard > 100) {
        throw new IllegalStateException("directed rounding did not converge for " + x);
      }
    }
    return r;
  }

  /**
   * A p-digit lower bound of {@code a + b} (a, b exact). When the scales differ by more than p + 3
   * digits the smaller term is below {@code delta = 10^(scale(big) - p - 3)} in absolute value and
   * only moves the result within {@code [big - delta, big + delta]}: the long exact sum (millions
   * of digits for {@code 1 + exp(-10^7)}) is never formed.
   */
  static Apfloat addDown(Apfloat a, Apfloat b, long p) {
    if (a.signum() == 0) {
      return down(b, p);
    }
    if (b.signum() == 0) {
      return down(a, p);
    }
    Apfloat big = a.scale() >= b.scale() ? a : b;
    Apfloat small = big == a ? b : a;
    if (big.scale() - small.scale() > p + 3) {
      // |small| < 10^scale(small) <= 10^(scale(big) - p - 4) < delta
      return small.signum() > 0 ? down(big, p) : down(big.subtract(delta(big, p)), p);
    }
    return down(a.add(b), p);
  }

  /** A p-digit upper bound of {@code a + b} (a, b exact); see {@link #addDown}. */
  static Apfloat addUp(Apfloat a, Apfloat b, long p) {
    if (a.signum() == 0) {
      return up(b, p);
    }
    if (b.signum() == 0) {
      return up(a, p);
    }
    Apfloat big = a.scale() >= b.scale() ? a : b;
    Apfloat small = big == a ? b : a;
    if (big.scale() - small.scale() > p + 3) {
      return small.signum() < 0 ? up(big, p) : up(big.add(delta(big, p)), p);
    }
    return up(a.add(b), p);
  }

  private static Apfloat delta(Apfloat big, long p) {
    return ApfloatMath.scale(ONE, big.scale() - p - 3);
  }

  /** A p-digit lower bound of a / b for exact a and b != 0, verified by multiplying back. */
  static Apfloat divDown(Apfloat a, Apfloat b, long p) {
    if (b.signum() < 0) {
      return divDown(a.negate(), b.negate(), p);
    }
    if (a.signum() == 0) {
      return ZERO;
    }
    long wp = p + GUARD;
    Apfloat q = exact(ApfloatMath.roundToPrecision(
        a.precision(wp).divide(b.precision(wp)),
        p, RoundingMode.FLOOR));
    for (int guard = 0; q.multiply(b).compareTo(a) > 0; guard++) { // need q b <= a
      q = exact(q.subtract(ulpAt(q, p)));
      if (guard > 100) {
        throw new IllegalStateException("directed division did not converge");
      }
    }
    return q;
  }

  /** A p-digit upper bound of a / b for exact a and b != 0, verified by multiplying back. */
  static Apfloat divUp(Apfloat a, Apfloat b, long p) {
    if (b.signum() < 0) {
      return divUp(a.negate(), b.negate(), p);
    }
    if (a.signum() == 0) {
      return ZERO;
    }
    long wp = p + GUARD;
    Apfloat q = exact(ApfloatMath.roundToPrecision(
        a.precision(wp).divide(b.precision(wp)),
        p, RoundingMode.CEILING));
    for (int guard = 0; q.multiply(b).compareTo(a) < 0; guard++) { // need q b >= a
      q = exact(q.add(ulpAt(q, p)));
      if (guard > 100) {
        throw new IllegalStateException("directed division did not converge");
      }
    }
    return q;
  }

  /** The exact rational value of an exact (finite-digit) apfloat number. */
  static Rational toRational(Apfloat x) {
    if (x.signum() == 0) {
      return Rational.ZERO;
    }
    return Rationals.fromBigDecimal(new BigDecimal(exact(x).toString(false)));
  }

  private static void checkPrecision(long p) {
    if (p < MIN_PRECISION || p > 100_000) {
      throw new IllegalArgumentException(
          "precision must be between " + MIN_PRECISION + " and 100000 digits, not " + p);
    }
  }

  private static Apfloat nonNull(@Nullable Apfloat x) {
    if (x == null) {
      throw new IllegalStateException("no value");
    }
    return x;
  }

  /** {@code [lo, hi]} in apfloat's exponent notation, with the precision. */
  @Override
  public String toString() {
    return "[" + lo.toString(false) + ", " + hi.toString(false) + "] (" + precision + " digits)";
  }
}
