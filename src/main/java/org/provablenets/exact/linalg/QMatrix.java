package org.provablenets.exact.linalg;

import java.math.BigInteger;
import java.util.Arrays;
import org.provablenets.exact.Gcd;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.checkerframework.checker.index.qual.NonNegative;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An immutable dense matrix over the rationals.
 *
 * <p><b>Definition.</b> {@code rows x cols} entries, each an exact {@link Rational}; every row has
 * exactly {@code cols} entries (checked at construction). A matrix may have zero rows or zero
 * columns.
 *
 * <p><b>Cost.</b> Entry access O(1) (for a matrix made from integer rows, after one reduction per
 * entry on first access); products O(rows * cols) integer operations per vector. The
 * matrix-vector products run in integers: the matrix's rows are kept, after the first product,
 * as integer rows over one denominator each (the least, except for a matrix made by {@link
 * #gram} or {@link #ofIntegerRows}), and the vector is brought to its least common denominator
 * once ({@code A'y} sums the rows that y uses over their common denominator), so each entry of the
 * result costs integer products and sums and a single reduction to lowest terms; the {@code
 * Unreduced} products skip that reduction.
 */
public final class QMatrix {
  // A matrix is made from its entries or from its integer rows (gram, ofIntegerRows): exactly one
  // of the two final fields is set, so a thread that sees the matrix sees its values (final-field
  // semantics), however the matrix reached it. The other form is a cache, made on first use.
  private final @Nullable Entries givenEntries;
  private final @Nullable IntegerLines givenRows;
  // The caches. Entries, IntegerLines and LongLines have only final fields, so a thread that
  // sees a reference sees the arrays complete; a race at most builds the same value twice.
  private @Nullable Entries entries;
  private @Nullable IntegerLines rowForm;
  private @Nullable LongLines longForm;
  private final @NonNegative int rows;
  private final @NonNegative int cols;

  /** The entries; only final fields, so a thread that sees the reference sees them complete. */
  private static final class Entries {
    final Rational[][] a;

    Entries(Rational[][] a) {
      this.a = a;
    }
  }

  private QMatrix(Rational[][] a, @NonNegative int cols) {
    this.givenEntries = new Entries(a);
    this.givenRows = null;
    this.rows = a.length;
    this.cols = cols;
  }

  /** A matrix known by its integer rows; its entries are made when first asked for. */
  private QMatrix(IntegerLines rows, @NonNegative int cols) {
    this.givenEntries = null;
    this.givenRows = rows;
    this.rows = rows.num.length;
    this.cols = cols;
  }

  /**
   * The entries; for a matrix made from integer rows, reduced from them (one reduction per entry)
   * on first use.
   */
  private Rational[][] entries() {
    Entries e = givenEntries != null ? givenEntries : entries;
    if (e == null) {
      IntegerLines f = givenRows;
      if (f == null) {
        throw new IllegalStateException("a matrix has its entries or its integer rows");
      }
      Rational[][] a = new Rational[f.num.length][];
      for (int i = 0; i < a.length && i < f.den.length; i++) {
        BigInteger[] r = f.num[i];
        Rational[] row = new Rational[r.length];
        for (int j = 0; j < row.length; j++) {
          row[j] = r[j].signum() == 0 ? Rational.ZERO : Rational.of(r[j], f.den[i]);
        }
        a[i] = row;
      }
      e = new Entries(a);
      entries = e;
    }
    return e.a;
  }

  /**
   * A matrix from its rows (copied).
   *
   * @param rows the rows; all of the same length
   * @param cols the number of columns (needed when there are no rows)
   * @throws IllegalArgumentException if a row has another length
   */
  public static QMatrix of(Rational[][] rows, @NonNegative int cols) {
    Rational[][] c = new Rational[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      Rational[] r = rows[i];
      if (r.length != cols) {
        throw new IllegalArgumentException(
            "row " + (i + 1) + " has " + r.length + " entries, expected " + cols);
      }
      c[i] = r.clone();
    }
    return new QMatrix(c, cols);
  }

  /**
   * The matrix with entries {@code num[i][j] / den[i]} (arrays copied), kept as these integer
   * rows ({@link #integerRow(int)}, {@link #rowDenominator(int)}) for the integer products; its
   * rational entries are reduced only when asked for. For callers that already hold their rows
   * over common denominators.
   *
   * @throws IllegalArgumentException if a row has another length than {@code cols}, or a
   *     denominator is not positive
   */
  public static QMatrix ofIntegerRows(BigInteger[][] num, BigInteger[] den, @NonNegative int cols) {
    if (num.length != den.length) {
      throw new IllegalArgumentException(
          num.length + " integer rows but " + den.length + " denominators");
    }
    BigInteger[][] c = new BigInteger[num.length][];
    for (int i = 0; i < num.length; i++) {
      if (num[i].length != cols) {
        throw new IllegalArgumentException(
            "row " + (i + 1) + " has " + num[i].length + " entries, expected " + cols);
      }
      if (den[i].signum() <= 0) {
        throw new IllegalArgumentException(
            "row " + (i + 1) + " has the denominator " + den[i] + ", expected a positive one");
      }
      c[i] = num[i].clone();
    }
    return new QMatrix(new IntegerLines(c, den.clone()), cols);
  }

  /** A matrix from its rows (copied); it must have at least one row. */
  public static QMatrix of(Rational[][] rows) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("a matrix given by rows needs at least one row");
    }
    return of(rows, rows[0].length);
  }

  /** The {@code n x n} identity. */
  public static QMatrix identity(@NonNegative int n) {
    Rational[][] c = new Rational[n][];
    for (int i = 0; i < n; i++) {
      Rational[] r = new Rational[n];
      Arrays.fill(r, Rational.ZERO);
      if (i < r.length) {
        r[i] = Rational.ONE;
      }
      c[i] = r;
    }
    return new QMatrix(c, n);
  }

  /** The {@code rows x cols} zero matrix. */
  public static QMatrix zero(@NonNegative int rows, @NonNegative int cols) {
    Rational[][] c = new Rational[rows][];
    for (int i = 0; i < rows; i++) {
      Rational[] r = new Rational[cols];
      Arrays.fill(r, Rational.ZERO);
      c[i] = r;
    }
    return new QMatrix(c, cols);
  }

  /** Number of rows. */
  public @NonNegative int rows() {
    return rows;
  }

  /** Number of columns. */
  public @NonNegative int cols() {
    return cols;
  }

  /**
   * Entry {@code (i, j)}, zero-based.
   *
   * @throws IndexOutOfBoundsException if out of range
   */
  public Rational get(int i, int j) {
    Rational[][] a = entries();
    if (i < 0 || i >= a.length) {
      throw new IndexOutOfBoundsException("row " + i + " of " + rows);
    }
    Rational[] r = a[i];
    if (j < 0 || j >= r.length) {
      throw new IndexOutOfBoundsException("column " + j + " of " + cols);
    }
    return r[j];
  }

  /** A copy of row {@code i}. */
  public Rational[] row(int i) {
    Rational[][] a = entries();
    if (i < 0 || i >= a.length) {
      throw new IndexOutOfBoundsException("row " + i + " of " + rows);
    }
    return a[i].clone();
  }

  /** A copy of all entries, row by row. */
  public Rational[][] toArray() {
    Rational[][] a = entries();
    Rational[][] c = new Rational[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  /** The transpose. */
  public QMatrix transpose() {
    Rational[][] a = entries();
    Rational[][] t = new Rational[cols][];
    for (int j = 0; j < t.length; j++) {
      Rational[] r = new Rational[rows];
      for (int i = 0; i < r.length && i < a.length; i++) {
        Rational[] src = a[i];
        r[i] = j < src.length ? src[j] : Rational.ZERO;
      }
      t[j] = r;
    }
    return new QMatrix(t, rows);
  }

  /**
   * Row {@code i} times a common denominator of its entries: integers {@code r} with {@code
   * row(i) = r / rowDenominator(i)} (the least denominator, except for a matrix made by {@link
   * #gram} or {@link #ofIntegerRows}: then the denominator it was made with). Cost: O(cols) (a copy of a form built once and cached).
   *
   * @throws IndexOutOfBoundsException if i is not a row index
   */
  public BigInteger[] integerRow(int i) {
    IntegerLines f = integerForm();
    if (i < 0 || i >= f.num.length) {
      throw new IndexOutOfBoundsException("row " + i + " of " + rows);
    }
    return f.num[i].clone();
  }

  /**
   * The common denominator of row {@code i}'s entries used by {@link #integerRow(int)}
   * (positive).
   *
   * @throws IndexOutOfBoundsException if i is not a row index
   */
  public BigInteger rowDenominator(int i) {
    IntegerLines f = integerForm();
    if (i < 0 || i >= f.den.length) {
      throw new IndexOutOfBoundsException("row " + i + " of " + rows);
    }
    return f.den[i];
  }

  /**
   * The product {@code A x} as unreduced fractions: {@code {num, den}} with {@code (A x)_i =
   * num[i] / den[i]} and {@code den[i] > 0}. No gcd is taken, so exact comparisons by
   * cross-multiplication stay in integer arithmetic.
   *
   * @throws IllegalArgumentException if {@code x.length != cols}
   */
  public BigInteger[][] timesUnreduced(Rational[] x) {
    if (x.length != cols) {
      throw new IllegalArgumentException(
          "vector has " + x.length + " entries, matrix has " + cols + " columns");
    }
    Products u = applyUnreduced(integerForm(), x);
    return new BigInteger[][] {u.num, u.den};
  }

  /**
   * The product {@code A' y} as unreduced fractions, as {@link #timesUnreduced(Rational[])}.
   *
   * @throws IllegalArgumentException if {@code y.length != rows}
   */
  public BigInteger[][] transposeTimesUnreduced(Rational[] y) {
    if (y.length != rows) {
      throw new IllegalArgumentException(
          "vector has " + y.length + " entries, matrix has " + rows + " rows");
    }
    Products u = transposeApplyUnreduced(y);
    return new BigInteger[][] {u.num, u.den};
  }

  /** {@code A' y} from the integer rows, as unreduced fractions over one denominator. */
  private Products transposeApplyUnreduced(Rational[] y) {
    IntegerLines f = integerForm();
    BigInteger l = commonDenominator(y);
    // The rows that y uses, over one denominator dd: A' y = sum_i (y_i l)(num_i (dd / den_i)) /
    // (dd l). Zero entries of y (most multipliers) cost nothing.
    BigInteger dd = BigInteger.ONE;
    for (int i = 0; i < y.length && i < f.den.length; i++) {
      BigInteger d = f.den[i];
      if (y[i].signum() != 0) {
        dd = Rationals.lcm(dd, d);
      }
    }
    BigInteger[] num = new BigInteger[cols];
    Arrays.fill(num, BigInteger.ZERO);
    for (int i = 0; i < y.length && i < f.den.length && i < f.num.length; i++) {
      if (y[i].signum() == 0) {
        continue;
      }
      BigInteger d = f.den[i];
      BigInteger yi = scaledNumerator(y[i], l);
      if (!d.equals(dd)) {
        yi = yi.multiply(Gcd.quotient(dd, d));
      }
      BigInteger[] r = f.num[i];
      for (int j = 0; j < num.length && j < r.length; j++) {
        if (r[j].signum() != 0) {
          num[j] = num[j].add(yi.multiply(r[j]));
        }
      }
    }
    BigInteger[] den = new BigInteger[cols];
    Arrays.fill(den, dd.multiply(l));
    return new Products(num, den);
  }

  /**
   * The product {@code A x}.
   *
   * @throws IllegalArgumentException if {@code x.length != cols}
   */
  public Rational[] times(Rational[] x) {
    if (x.length != cols) {
      throw new IllegalArgumentException(
          "vector has " + x.length + " entries, matrix has " + cols + " columns");
    }
    return apply(integerForm(), x);
  }

  /**
   * The product {@code A' y}.
   *
   * @throws IllegalArgumentException if {@code y.length != rows}
   */
  public Rational[] transposeTimes(Rational[] y) {
    if (y.length != rows) {
      throw new IllegalArgumentException(
          "vector has " + y.length + " entries, matrix has " + rows + " rows");
    }
    return reduced(transposeApplyUnreduced(y));
  }

  /**
   * The matrix {@code s A'A} ({@code cols x cols}, symmetric), computed in integers from A's
   * integer rows {@code A_k = r_k / l_k}: with delta the lcm of the l_k and {@code R_k = r_k (delta
   * / l_k)}, the integer rows of the result ({@link #integerRow(int)}) are {@code s_num R'R} over
   * the denominator {@code s_den delta^2}. The rational entries are reduced from them only when
   * asked for ({@link #get}, {@link #row}; the integer products and the exact solvers' hints do not
   * ask). Cost: O(rows cols^2) integer products, in {@code long} when no sum can overflow.
   */
  public QMatrix gram(Rational s) {
    IntegerLines f = integerForm();
    int n = cols;
    BigInteger delta = BigInteger.ONE;
    for (BigInteger d : f.den) {
      delta = Rationals.lcm(delta, d);
    }
    // The columns of R.
    BigInteger[][] rc = new BigInteger[n][];
    for (int i = 0; i < n; i++) {
      rc[i] = new BigInteger[f.num.length];
    }
    int bits = 0;
    for (int k = 0; k < f.num.length && k < f.den.length; k++) {
      BigInteger up = Gcd.quotient(delta, f.den[k]);
      BigInteger[] r = f.num[k];
      for (int i = 0; i < n && i < r.length; i++) {
        BigInteger v = r[i];
        BigInteger z = v.signum() == 0 || up.equals(BigInteger.ONE) ? v : v.multiply(up);
        BigInteger[] ci = rc[i];
        if (k < ci.length) {
          ci[k] = z;
        }
        bits = Math.max(bits, z.bitLength());
      }
    }
    BigInteger rowDen = s.getDenominator().multiply(delta).multiply(delta);
    BigInteger[][] qn = new BigInteger[n][];
    for (int i = 0; i < n; i++) {
      qn[i] = new BigInteger[n];
    }
    // The column dot products in long arithmetic when no sum can overflow: |entries| < 2^b and
    // len * 2^(2b) < 2^63.
    int len = f.num.length;
    long[][] small = null;
    if (2 * bits + 64 - Long.numberOfLeadingZeros(len) <= 62) {
      small = new long[rc.length][];
      for (int i = 0; i < small.length && i < rc.length; i++) {
        BigInteger[] col = rc[i];
        long[] sc = new long[col.length];
        for (int k = 0; k < sc.length; k++) {
          sc[k] = col[k].longValue();
        }
        small[i] = sc;
      }
    }
    for (int i = 0; i < n; i++) {
      BigInteger[] ci = rc[i];
      BigInteger[] qni = qn[i];
      for (int j = 0; j <= i; j++) {
        BigInteger[] cj = rc[j];
        BigInteger sum;
        if (small != null && i < small.length && j < small.length) {
          long[] si = small[i];
          long[] sj = small[j];
          long t = 0;
          for (int k = 0; k < si.length && k < sj.length; k++) {
            t += si[k] * sj[k];
          }
          sum = BigInteger.valueOf(t);
        } else {
          sum = BigInteger.ZERO;
          for (int k = 0; k < ci.length && k < cj.length; k++) {
            if (ci[k].signum() != 0 && cj[k].signum() != 0) {
              sum = sum.add(ci[k].multiply(cj[k]));
            }
          }
        }
        BigInteger num = sum.signum() == 0 ? sum : sum.multiply(s.getNumerator());
        BigInteger[] qnj = qn[j];
        if (j < qni.length && i < qnj.length) {
          qni[j] = num;
          qnj[i] = num;
        }
      }
    }
    BigInteger[] dens = new BigInteger[n];
    Arrays.fill(dens, rowDen);
    return new QMatrix(new IntegerLines(qn, dens), n);
  }

  /**
   * The rows of the matrix as integer vectors over one positive denominator each: entry j of row i
   * is {@code num[i][j] / den[i]}. Immutable once built.
   */
  private static final class IntegerLines {
    final BigInteger[][] num;
    final BigInteger[] den;

    IntegerLines(BigInteger[][] num, BigInteger[] den) {
      this.num = num;
      this.den = den;
    }
  }

  /**
   * The integer rows (see {@link IntegerLines}): given, or built from the entries on first use
   * (each row over its least common denominator).
   */
  private IntegerLines integerForm() {
    IntegerLines f = givenRows != null ? givenRows : rowForm;
    if (f == null) {
      Rational[][] lines = entries();
      BigInteger[][] num = new BigInteger[lines.length][];
      BigInteger[] den = new BigInteger[lines.length];
      for (int i = 0; i < lines.length; i++) {
        Rational[] r = lines[i];
        BigInteger l = commonDenominator(r);
        BigInteger[] z = new BigInteger[r.length];
        for (int j = 0; j < z.length && j < r.length; j++) {
          z[j] = scaledNumerator(r[j], l);
        }
        num[i] = z;
        den[i] = l;
      }
      f = new IntegerLines(num, den);
      rowForm = f;
    }
    return f;
  }

  /**
   * The integer rows in {@code long} (see {@link #longRows}); {@code fits} false, and the arrays
   * empty, when an entry or a denominator needs more than {@value #LONG_BITS} bits. Immutable.
   */
  private static final class LongLines {
    final boolean fits;
    final long[][] num;
    final long[] den;

    LongLines(boolean fits, long[][] num, long[] den) {
      this.fits = fits;
      this.num = num;
      this.den = den;
    }
  }

  /** The most bits an entry of {@link #longRows} may have. */
  public static final int LONG_BITS = 62;

  /**
   * The integer rows of {@link #integerRow} and their denominators {@link #rowDenominator} in
   * {@code long}: {@code num[i][j] / den[i]} is entry (i, j). For exact solvers that work in
   * overflow-checked {@code long} arithmetic and fall back to {@code BigInteger}.
   *
   * <p><b>Cost.</b> A fresh copy, O(rows cols), of a form built once from the integer rows and
   * cached.
   *
   * @return the rows, or {@code null} if an entry or a denominator has more than {@value
   *     #LONG_BITS} bits
   */
  public @Nullable LongRows longRows() {
    LongLines f = longForm;
    if (f == null) {
      IntegerLines g = integerForm();
      long[][] num = new long[g.num.length][];
      long[] den = new long[g.den.length];
      boolean fits = true;
      for (int i = 0; i < num.length && i < den.length && fits; i++) {
        fits = g.den[i].bitLength() <= LONG_BITS;
        den[i] = g.den[i].longValue();
        BigInteger[] r = g.num[i];
        long[] row = new long[r.length];
        for (int j = 0; j < row.length && fits; j++) {
          BigInteger v = r[j];
          if (v.signum() != 0) { // most entries of T1's rows are 0, and the row starts at 0
            fits = v.bitLength() <= LONG_BITS;
            row[j] = v.longValue();
          }
        }
        num[i] = row;
      }
      f = fits ? new LongLines(true, num, den) : new LongLines(false, new long[0][], new long[0]);
      longForm = f;
    }
    if (!f.fits) {
      return null;
    }
    long[][] num = new long[f.num.length][];
    for (int i = 0; i < num.length; i++) {
      num[i] = f.num[i].clone();
    }
    return new LongRows(num, f.den.clone());
  }

  /** Integer rows in {@code long}: entry (i, j) is {@code num[i][j] / den[i]}, {@code den[i] > 0}. */
  public static final class LongRows {
    /** The integer rows. */
    public final long[][] num;
    /** Each row's denominator, positive. */
    public final long[] den;

    LongRows(long[][] num, long[] den) {
      this.num = num;
      this.den = den;
    }
  }

  /** The least common multiple of the denominators (1 for an empty vector). */
  private static BigInteger commonDenominator(Rational[] v) {
    BigInteger l = BigInteger.ONE;
    for (Rational q : v) {
      l = Rationals.lcm(l, q.getDenominator());
    }
    return l;
  }

  /** {@code q l} for a multiple l of q's denominator: an integer. */
  private static BigInteger scaledNumerator(Rational q, BigInteger l) {
    BigInteger d = q.getDenominator();
    if (q.signum() == 0) {
      return BigInteger.ZERO;
    }
    return d.equals(l) ? q.getNumerator() : q.getNumerator().multiply(Gcd.quotient(l, d));
  }

  /** Products as unreduced fractions {@code num[i] / den[i]}, {@code den[i] > 0}. */
  private static final class Products {
    final BigInteger[] num;
    final BigInteger[] den;

    Products(BigInteger[] num, BigInteger[] den) {
      this.num = num;
      this.den = den;
    }
  }

  /**
   * {@code A x} (A given by the integer lines f) as unreduced fractions: entry i is {@code (num[i]
   * . X) / (den[i] L)}, with {@code x = X / L} over the least common denominator L of x.
   */
  private static Products applyUnreduced(IntegerLines f, Rational[] x) {
    BigInteger l = commonDenominator(x);
    BigInteger[] xn = new BigInteger[x.length];
    for (int j = 0; j < xn.length; j++) {
      xn[j] = scaledNumerator(x[j], l);
    }
    BigInteger[] num = new BigInteger[f.num.length];
    BigInteger[] den = new BigInteger[f.num.length];
    for (int i = 0; i < num.length && i < den.length && i < f.den.length; i++) {
      BigInteger[] r = f.num[i];
      BigInteger s = BigInteger.ZERO;
      for (int j = 0; j < r.length && j < xn.length; j++) {
        if (r[j].signum() != 0 && xn[j].signum() != 0) {
          s = s.add(r[j].multiply(xn[j]));
        }
      }
      num[i] = s;
      den[i] = f.den[i].multiply(l);
    }
    return new Products(num, den);
  }

  private static Rational[] apply(IntegerLines f, Rational[] x) {
    return reduced(applyUnreduced(f, x));
  }

  /** The products in lowest terms. */
  private static Rational[] reduced(Products u) {
    BigInteger[] num = u.num;
    Rational[] y = new Rational[num.length];
    for (int i = 0; i < y.length && i < u.den.length; i++) {
      y[i] = Rational.of(num[i], u.den[i]);
    }
    return y;
  }

  /** The product {@code A B}. */
  public QMatrix times(QMatrix b) {
    if (b.rows != cols) {
      throw new IllegalArgumentException(
          "inner dimensions differ: " + cols + " columns times " + b.rows + " rows");
    }
    Rational[][] a = entries();
    Rational[][] bt = b.transpose().entries();
    Rational[][] c = new Rational[rows][];
    for (int i = 0; i < c.length && i < a.length; i++) {
      Rational[] r = new Rational[b.cols];
      for (int j = 0; j < r.length && j < bt.length; j++) {
        r[j] = QVectors.dot(a[i], bt[j]);
      }
      c[i] = r;
    }
    return new QMatrix(c, b.cols);
  }

  /** {@code A - mu I} for a square matrix. */
  public QMatrix minusIdentity(Rational mu) {
    requireSquare();
    Rational[][] c = toArray();
    for (int i = 0; i < c.length; i++) {
      Rational[] r = c[i];
      if (i < r.length) {
        r[i] = r[i].subtract(mu);
      }
    }
    return new QMatrix(c, cols);
  }

  /** {@code k A}. */
  public QMatrix scale(Rational k) {
    Rational[][] c = toArray();
    for (Rational[] r : c) {
      for (int j = 0; j < r.length; j++) {
        r[j] = r[j].multiply(k);
      }
    }
    return new QMatrix(c, cols);
  }

  /** Whether the matrix is square and equal to its transpose. */
  public boolean isSymmetric() {
    if (rows != cols) {
      return false;
    }
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < i; j++) {
        if (!get(i, j).equals(get(j, i))) {
          return false;
        }
      }
    }
    return true;
  }

  /** @throws IllegalArgumentException if not square */
  void requireSquare() {
    if (rows != cols) {
      throw new IllegalArgumentException("matrix is " + rows + " x " + cols + ", not square");
    }
  }

  /**
   * The rows as integer rows (copies of the cached form of {@link #integerRow(int)}): row i times
   * {@link #rowDenominator(int)}.
   */
  BigInteger[][] integerRows() {
    IntegerLines f = integerForm();
    BigInteger[][] z = new BigInteger[f.num.length][];
    for (int i = 0; i < z.length; i++) {
      z[i] = f.num[i].clone();
    }
    return z;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof QMatrix)) {
      return false;
    }
    QMatrix m = (QMatrix) o;
    return m.cols == cols && Arrays.deepEquals(entries(), m.entries());
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(entries()) * 31 + cols;
  }

  @Override
  public String toString() {
    Rational[][] a = entries();
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < a.length; i++) {
      sb.append(i == 0 ? "[" : ", [");
      Rational[] r = a[i];
      for (int j = 0; j < r.length; j++) {
        sb.append(j == 0 ? "" : ", ").append(org.provablenets.exact.Rationals.format(r[j]));
      }
      sb.append(']');
    }
    return sb.append(']').toString();
  }
}
