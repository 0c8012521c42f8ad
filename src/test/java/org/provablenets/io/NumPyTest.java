package org.provablenets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provablenets.testutil.Npy.dict;
import static org.provablenets.testutil.Npy.shape;
import static org.provablenets.testutil.Q.q;
import static org.provablenets.testutil.Q.v;

import java.net.URISyntaxException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;
import org.provablenets.erm.Dataset;
import org.provablenets.erm.ReluNet;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.testutil.Npy;

/**
 * NumPy {@code .npy} and {@code .npz} input: exact binary values of every dtype, versions, byte
 * orders, Fortran order, files written by NumPy itself ({@code numpy/make.py}), the readers that
 * accept them, and every rejection's sentence.
 */
class NumPyTest {
  @TempDir Path dir;

  private static final String F32_TENTH = "13421773/134217728";
  private static final String F64_TENTH = "3602879701896397/36028797018963968";

  private static NumPy.Array npy(byte[] bytes) {
    return NumPy.readNpy(bytes, "a.npy");
  }

  private static Rational[] values(NumPy.Array a) {
    return a.values;
  }

  /** Asserts a one-sentence InputException starting with {@code start} naming each part. */
  private static void bad(Executable reading, String start, String... parts) {
    InputException e = assertThrows(InputException.class, reading);
    String m = e.getMessage();
    assertTrue(m.startsWith(start), () -> "starts with '" + start + "': " + m);
    assertFalse(m.contains("\n"), m);
    for (String part : parts) {
      assertTrue(m.contains(part), () -> "'" + part + "' in: " + m);
    }
  }

  private static void badNpy(byte[] bytes, String... parts) {
    bad(() -> npy(bytes), "a.npy: ", parts);
  }

  private static Path resource(String name) {
    try {
      return Path.of(NumPyTest.class.getResource("/org/provablenets/io/numpy/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private Path write(String name, byte[] bytes) {
    return Npy.write(dir, name, bytes);
  }

  private static Map<String, byte[]> members(Object... nameAndBytes) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    for (int i = 0; i < nameAndBytes.length; i += 2) {
      m.put((String) nameAndBytes[i], (byte[]) nameAndBytes[i + 1]);
    }
    return m;
  }

  // ---- exact values ----

  @Test
  void float32TenthIsItsExactBinaryValue() {
    NumPy.Array a = npy(Npy.f4(shape(3), 0.1f, -0.0f, Float.MIN_VALUE));
    assertEquals(q(F32_TENTH), a.values[0]);
    assertEquals(Rational.ZERO, a.values[1]);
    assertEquals(Rational.of(java.math.BigInteger.ONE, BigIntegerPow.twoTo(149)), a.values[2]);
    assertEquals("(3,)", a.shapeText());
  }

  @Test
  void float64TenthSubnormalsAndExtremes() {
    NumPy.Array a = npy(Npy.f8(shape(2, 2), 0.1, Double.MIN_VALUE, -Double.MAX_VALUE, -0.0));
    assertEquals(q(F64_TENTH), a.values[0]);
    assertEquals(Rational.of(java.math.BigInteger.ONE, BigIntegerPow.twoTo(1074)), a.values[1]);
    assertEquals(
        Rational.of(BigIntegerPow.twoTo(53).subtract(java.math.BigInteger.ONE)
            .multiply(BigIntegerPow.twoTo(971)).negate()), a.values[2]);
    assertEquals(Rational.ZERO, a.values[3]);
    // the largest subnormal and the smallest normal
    NumPy.Array b = npy(Npy.f8(shape(2), Double.MIN_NORMAL,
        Double.longBitsToDouble(0x000fffffffffffffL)));
    assertEquals(Rational.of(java.math.BigInteger.ONE, BigIntegerPow.twoTo(1022)), b.values[0]);
    assertEquals(Rational.of(BigIntegerPow.twoTo(52).subtract(java.math.BigInteger.ONE),
        BigIntegerPow.twoTo(1074)), b.values[1]);
  }

  @Test
  void everyBitPatternOfAFloat64IsReadAsTheDoubleItIs() {
    // Cross-check against BigDecimal(double), which is exact, over a spread of bit patterns.
    long bits = 0x0123456789abcdefL;
    for (int i = 0; i < 2000; i++) {
      bits = bits * 6364136223846793005L + 1442695040888963407L;
      double x = Double.longBitsToDouble(bits);
      if (Double.isNaN(x) || Double.isInfinite(x)) {
        continue;
      }
      Rational expected = Rationals.fromBigDecimal(new java.math.BigDecimal(x));
      assertEquals(expected, npy(Npy.f8(shape(1), x)).values[0], () -> "bits of " + x);
    }
  }

  @Test
  void bigEndianFortranOrderIsTransposedToRows() {
    // [[0.1, 1, 2], [3, 4, 5]] stored column by column: 0.1, 3, 1, 4, 2, 5
    byte[] data = Npy.doubles(ByteOrder.BIG_ENDIAN, 0.1, 3, 1, 4, 2, 5);
    NumPy.Array a = npy(Npy.file(1, dict(">f8", true, 2, 3), data));
    assertArrayEquals(new int[] {2, 3}, a.shape);
    assertArrayEquals(v(F64_TENTH + " 1 2 3 4 5"), a.values);
  }

  @Test
  void fortranOrderOfThreeDimensions() {
    // shape (2, 2, 2), element [i][j][k] = 4i + 2j + k, stored with i fastest
    long[] stored = new long[8];
    int p = 0;
    for (int k = 0; k < 2; k++) {
      for (int j = 0; j < 2; j++) {
        for (int i = 0; i < 2; i++) {
          stored[p++] = 4 * i + 2 * j + k;
        }
      }
    }
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    for (long s : stored) {
      b.putLong(s);
    }
    NumPy.Array a = npy(Npy.file(1, dict("<i8", true, 2, 2, 2), b.array()));
    assertArrayEquals(v("0 1 2 3 4 5 6 7"), a.values);
  }

  @Test
  void integerDtypesInBothByteOrders() {
    assertArrayEquals(v("-128 127 -1"),
        values(npy(Npy.file(1, dict("|i1", false, 3), new byte[] {-128, 127, -1}))));
    assertArrayEquals(v("255 0"),
        values(npy(Npy.file(1, dict("|u1", false, 2), new byte[] {-1, 0}))));
    assertArrayEquals(v("-2 258"),
        values(npy(Npy.file(1, dict(">i2", false, 2), new byte[] {-1, -2, 1, 2}))));
    assertArrayEquals(v("65534"),
        values(npy(Npy.file(1, dict("<u2", false, 1), new byte[] {-2, -1}))));
    assertArrayEquals(v("-2147483648"),
        values(npy(Npy.file(1, dict("<i4", false, 1), new byte[] {0, 0, 0, -128}))));
    assertArrayEquals(v("4294967295"),
        values(npy(Npy.file(1, dict(">u4", false, 1), new byte[] {-1, -1, -1, -1}))));
    assertArrayEquals(v("-9223372036854775808 18446744073709551615"),
        new Rational[] {
          npy(Npy.i8(shape(1), Long.MIN_VALUE)).values[0],
          npy(Npy.file(1, dict("<u8", false, 1), new byte[] {-1, -1, -1, -1, -1, -1, -1, -1}))
              .values[0]
        });
    assertArrayEquals(v("1 0 1"),
        values(npy(Npy.file(1, dict("|b1", false, 3), new byte[] {1, 0, 1}))));
    badNpy(Npy.file(1, dict("|b1", false, 1), new byte[] {2}), "element [0] is the byte 2",
        "a bool is 0 or 1");
  }

  @Test
  void halfPrecisionIsExactToo() {
    // 0.1 in float16 is 0x2e66 = 1638 / 2^14 = 819/8192; 0x0001 is 2^-24; 0x7bff is 65504
    NumPy.Array a = npy(Npy.file(1, dict("<f2", false, 3),
        new byte[] {0x66, 0x2e, 0x01, (byte) 0x80, (byte) 0xff, 0x7b}));
    assertArrayEquals(v("819/8192 -1/16777216 65504"), a.values);
  }

  @Test
  void versionsTwoAndThreeAndAZeroDimensionalArray() {
    byte[] data = Npy.doubles(ByteOrder.LITTLE_ENDIAN, 0.5);
    assertArrayEquals(v("1/2"), values(npy(Npy.file(2, dict("<f8", false, 1), data))));
    assertArrayEquals(v("1/2"), values(npy(Npy.file(3, dict("<f8", false, 1), data))));
    NumPy.Array scalar = npy(Npy.file(1, "{'descr': '<f8', 'fortran_order': False, 'shape': ()}",
        data));
    assertEquals(0, scalar.ndim());
    assertEquals("()", scalar.shapeText());
    // keys in any order, double quotes, no trailing comma, Python 2's 3L
    NumPy.Array odd = npy(Npy.file(1,
        "{\"shape\": (1L,), \"fortran_order\": False, \"descr\": \"<f8\"}", data));
    assertArrayEquals(v("1/2"), odd.values);
  }

  @Test
  void filesWrittenByNumPyItself() {
    assertArrayEquals(v(F32_TENTH + " -5/2 1/713623846352979940529142984724747568191373312 0"),
        NumPy.readOne(resource("f4.npy")).values);
    NumPy.Array f = NumPy.readOne(resource("f8-big-fortran.npy"));
    assertEquals(">f8", f.dtype);
    assertArrayEquals(new int[] {2, 3}, f.shape);
    assertArrayEquals(v(F64_TENTH + " 1 2 3 4 5"), f.values);
    assertArrayEquals(v("819/8192 65504 -1/16777216"), NumPy.readOne(resource("f2.npy")).values);
    assertArrayEquals(v("1 -2 3 4"), NumPy.readOne(resource("v2.npy")).values);
    assertArrayEquals(v("1 -2 3 4"), NumPy.readOne(resource("v3.npy")).values);
    assertArrayEquals(v("0 5 3 3"), NumPy.readOne(resource("indices.npy")).values);
    assertArrayEquals(v("0 255 7"), NumPy.readOne(resource("u1.npy")).values);
    assertArrayEquals(v("1 0 1"), NumPy.readOne(resource("b1.npy")).values);
    for (String name : new String[] {"data.npz", "data-compressed.npz"}) {
      Dataset d = DataCsv.read(resource(name));
      assertEquals(4, d.size());
      assertEquals(q(F64_TENTH), d.x(0)[0]);
      assertEquals(q("5404319552844595/18014398509481984"), d.y(0));
      assertEquals(q("-5/4"), d.x(2)[0]);
      assertEquals(q("2"), d.y(3));
    }
    ReluNet net = ErmJson.readNet(resource("state-dict.npz"));
    assertEquals(2, net.width());
    assertEquals(q("1/4"), net.outputBias());
    assertEquals(q("1/2"), net.evaluate(v("0")).subtract(q("1/4")).add(q("1/2")));
    assertEquals(q("5/4"), net.evaluate(v("1"))); // relu(1) + 0.5 relu(-1) + 1/4
    bad(() -> NumPy.readOne(resource("object.npy")), resource("object.npy").toString(), "'|O'",
        "Python objects, pickled");
    bad(() -> NumPy.readOne(resource("complex.npy")), resource("complex.npy").toString(),
        "'<c16'", "complex");
  }

  // ---- rejections ----

  @Test
  void malformedFilesAreRejectedWithTheirPlace() {
    byte[] ok = Npy.f8(shape(2, 2), 1, 2, 3, 4);
    badNpy(new byte[0], "not a .npy file", "magic");
    badNpy("x,y\n1,2\n".getBytes(StandardCharsets.UTF_8), "not a .npy file");
    byte[] v9 = ok.clone();
    v9[6] = 9;
    badNpy(v9, "format version 9.0", "1.0, 2.0 and 3.0");
    badNpy(Arrays.copyOf(ok, 9), "truncated in the length of its header");
    badNpy(Arrays.copyOf(ok, 40), "truncated: its header should be 118 bytes long",
        "only 30 follow");
    badNpy(Arrays.copyOf(ok, ok.length - 3), "truncated: shape (2, 2) of <f8 needs 32 bytes",
        "only 29 follow");
    byte[] longer = Arrays.copyOf(ok, ok.length + 5);
    badNpy(longer, "has 5 bytes after the data", "expected the file to end");
    badNpy(Npy.file(1, dict("|O", false, 1), new byte[8]), "dtype '|O'", "Python objects, pickled");
    badNpy(Npy.file(1, dict("<c16", false, 1), new byte[16]), "dtype '<c16'", "complex");
    badNpy(Npy.file(1, dict("<U3", false, 1), new byte[12]), "dtype '<U3'", "strings");
    badNpy(Npy.file(1, dict("<M8[D]", false, 1), new byte[8]), "dates or times");
    badNpy(Npy.file(1, dict("<f16", false, 1), new byte[16]), "dtype '<f16'", "size");
    badNpy(Npy.file(1, dict("|f8", false, 1), new byte[8]), "'|' (not applicable)");
    badNpy(Npy.file(1, dict("=f8", false, 1), new byte[8]), "byte order");
    badNpy(Npy.file(1, "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,)}",
        new byte[8]), "structured dtype");
    badNpy(Npy.file(1, "{'descr': '<f8', 'shape': (1,)}", new byte[8]),
        "not NumPy's dictionary", "no key 'fortran_order'");
    badNpy(Npy.file(1, "{'descr': '<f8', 'fortran_order': 0, 'shape': (1,)}", new byte[8]),
        "not NumPy's dictionary", "True or False");
    badNpy(Npy.file(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1)}", new byte[8]),
        "not NumPy's dictionary", "without a comma");
    badNpy(Npy.file(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (-1,)}", new byte[8]),
        "not NumPy's dictionary", "a dimension");
    badNpy(Npy.file(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x': 1}",
        new byte[8]), "unknown key 'x'");
    badNpy(Npy.file(1, "{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': ()}",
        new byte[8]), "'descr' twice");
    badNpy(Npy.file(1, "{'descr': '<f8', 'fortran_order': False, 'shape': ()} junk",
        new byte[8]), "after the closing '}'");
    badNpy(Npy.file(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999,)}",
        new byte[8]), "larger than 2147483647");
    badNpy(Npy.file(1, dict("<f8", false, 65536, 65536), new byte[8]), "more than 10000000 elements");
    badNpy(Npy.f8(shape(2, 2), 1, 2, Double.NaN, 4), "element [1, 0] is NaN",
        "not a finite number");
    badNpy(Npy.f4(shape(3), 1, 2, Float.NEGATIVE_INFINITY), "element [2] is -infinity");
    badNpy(Npy.file(1, dict(">f8", true, 2, 3), Npy.doubles(ByteOrder.BIG_ENDIAN,
        0, 0, 0, Double.POSITIVE_INFINITY, 0, 0)), "element [1, 1] is infinity");
  }

  @Test
  void theDigitLimitApplies() {
    int old = Rationals.maxDigits();
    try {
      Rationals.setMaxDigits(20);
      badNpy(Npy.f8(shape(1, 2), 1, 1e300), "element [0, 1] has 301 digits",
          "limit of 20", "--max-digits");
      assertEquals(q("1/2"), npy(Npy.f8(shape(1), 0.5)).values[0]);
    } finally {
      Rationals.setMaxDigits(old);
    }
  }

  @Test
  void npzArchivesAreReadAndCheckedMemberByMember() {
    byte[] x = Npy.f8(shape(3, 2), 0.1, 1, 2, 3, 4, 5);
    byte[] y = Npy.f4(shape(3, 1), 1, 0.1f, -1);
    for (boolean deflate : new boolean[] {false, true}) {
      Path p = write("d" + deflate + ".NPZ", Npy.npz(deflate, members("X.npy", x, "y.npy", y)));
      Dataset d = DataCsv.read(p);
      assertEquals(3, d.size());
      assertEquals(2, d.dimension());
      assertArrayEquals(v(F64_TENTH + " 1"), d.x(0));
      assertEquals(q(F32_TENTH), d.y(1));
    }
    // lowercase x, a 1-D X (n = 1) and a 1-D y
    Dataset one = DataCsv.read(write("one.npz", Npy.npz(false, members(
        "x.npy", Npy.i8(shape(2), 3, -4), "y.npy", Npy.f8(shape(2), 0.5, 1)))));
    assertEquals(1, one.dimension());
    assertArrayEquals(v("-4"), one.x(1));
    // a D x (n + 1) .npy is read as the rows x1,...,xn,y of a CSV
    Dataset rows = DataCsv.read(write("rows.npy", Npy.f8(shape(2, 2), 1, 2, 3, 4)));
    assertArrayEquals(v("3"), rows.x(1));
    assertEquals(q("4"), rows.y(1));

    Path missing = write("missing.npz", Npy.npz(false, members("X.npy", x)));
    bad(() -> DataCsv.read(missing), missing + ": has no member y.npy");
    Path extra = write("extra.npz", Npy.npz(false, members("X.npy", x, "y.npy", y, "w.npy", y)));
    bad(() -> DataCsv.read(extra), extra + ", member w.npy: is not part of a data set");
    Path both = write("both.npz", Npy.npz(false, members("X.npy", x, "x.npy", x, "y.npy", y)));
    bad(() -> DataCsv.read(both), both + ": has both X.npy and x.npy");
    Path wrongY = write("wy.npz", Npy.npz(true, members("X.npy", x, "y.npy",
        Npy.f8(shape(2), 1, 2))));
    bad(() -> DataCsv.read(wrongY), wrongY + ", member y.npy: has shape (2,), but X has shape"
        + " (3, 2), expected the D = 3 labels");
    Path cube = write("cube.npz", Npy.npz(false, members("X.npy",
        Npy.f8(shape(1, 1, 1), 1), "y.npy", y)));
    bad(() -> DataCsv.read(cube), cube + ", member X.npy: has shape (1, 1, 1), expected a D x n");
    Path empty = write("empty.npz", Npy.npz(false, members("X.npy",
        Npy.f8(shape(0, 2)), "y.npy", Npy.f8(shape(0)))));
    bad(() -> DataCsv.read(empty), empty + ", member X.npy: has shape (0, 2), no points");
    Path nanY = write("nan.npz", Npy.npz(true, members("X.npy", x, "y.npy",
        Npy.f8(shape(3), 1, Double.NaN, 2))));
    bad(() -> DataCsv.read(nanY), nanY + ", member y.npy: element [1] is NaN");
    Path text = write("text.npz", Npy.npz(false, members("X.npy", x, "notes.txt", y)));
    bad(() -> DataCsv.read(text), text + ", member notes.txt: is not a NAME.npy array");
    Path notZip = write("csv.npz", "x,y\n1,2\n".getBytes(StandardCharsets.UTF_8));
    bad(() -> DataCsv.read(notZip), notZip + ": is not an .npz file: not a complete zip archive");
    Path noFile = dir.resolve("absent.npz");
    bad(() -> DataCsv.read(noFile), noFile + ": no such file");
    Path truncated = write("cut.npz", Arrays.copyOf(
        Npy.npz(true, members("X.npy", x, "y.npy", y)), 200));
    bad(() -> DataCsv.read(truncated), truncated.toString());
    Path zeroArchive = write("nothing.npz", Npy.npz(false, members()));
    bad(() -> DataCsv.read(zeroArchive), zeroArchive + ": ");
    Path shortMember = write("short.npz", Npy.npz(false, members("X.npy",
        Arrays.copyOf(x, x.length - 1), "y.npy", y)));
    bad(() -> DataCsv.read(shortMember), shortMember + ", member X.npy: is truncated");
  }

  /**
   * A compressed member is inflated only as far as its header's shape needs: a member of 20
   * million zero bytes (about 20 KB deflated) whose header says so is refused by the element cap
   * before its data are expanded, naming the member; one whose header says less but that
   * inflates to more is refused for its extra bytes.
   */
  @Test
  void npzMembersAreReadHeaderFirstAndCapped() {
    int big = 20_000_000;
    byte[] zeros = Npy.file(1, Npy.dict("|u1", false, big), new byte[big]);
    Path bomb = write("bomb.npz", Npy.npz(true, members("W.npy", zeros)));
    bad(() -> WeightsCsv.read(bomb), bomb + ", member W.npy: has shape (20000000,), more than "
        + NumPy.MAX_ELEMENTS + " elements");
    Path bigNpy = write("big.npy", zeros);
    bad(() -> WeightsCsv.read(bigNpy), bigNpy + ": has shape (20000000,), more than");
    byte[] lying = Npy.file(1, Npy.dict("|u1", false, 2, 1), new byte[1_000_000]);
    Path lies = write("lies.npz", Npy.npz(true, members("W.npy", lying)));
    bad(() -> WeightsCsv.read(lies), lies + ", member W.npy: has ");
  }

  @Test
  void tablesGoThroughTheCsvValidation() {
    Path w = write("w.npy", Npy.f8(shape(2, 1), 0.5, -3));
    assertArrayEquals(new Rational[][] {v("1/2"), v("-3")}, WeightsCsv.read(w));
    Path w1 = write("w1.npy", Npy.f8(shape(2), 0.5, -3));
    bad(() -> WeightsCsv.read(w1), w1 + ": has shape (2,), expected a 2-D array");
    Path w0 = write("w0.npy", Npy.f8(shape(0, 3)));
    bad(() -> WeightsCsv.read(w0), w0 + ": has no weight rows (p = 0) (shape (0, 3))");
    Path wc = write("wc.npy", Npy.f8(shape(3, 0)));
    bad(() -> WeightsCsv.read(wc), wc + ": has shape (3, 0), so 0 columns");
    Path wz = write("wz.npz", Npy.npz(false, members("W.npy", Npy.f8(shape(1, 2), 1, 2))));
    assertArrayEquals(new Rational[][] {v("1 2")}, WeightsCsv.read(wz));
    Path two = write("two.npz", Npy.npz(false, members("a.npy", Npy.f8(shape(1, 1), 1),
        "b.npy", Npy.f8(shape(1, 1), 2))));
    bad(() -> WeightsCsv.read(two), two + ": holds 2 arrays (a, b), expected one array W");

    // trajectory: T x d, or 1-D for d = 1
    Path traj = write("t.npy", Npy.f4(shape(2, 2), 0.1f, 0, 1, 1));
    assertArrayEquals(new Rational[][] {v(F32_TENTH + " 0"), v("1 1")},
        GateCsv.readTrajectory(traj, 2));
    bad(() -> GateCsv.readTrajectory(traj, 3), traj + ": has shape (2, 2), so 2 columns, but"
        + " the support points have dimension 3");
    Path traj1 = write("t1.npy", Npy.f8(shape(3), 1, 2, 3));
    assertEquals(3, GateCsv.readTrajectory(traj1, 1).length);

    // indices: integers only, in range
    Path idx = write("i.npy", Npy.i8(shape(2, 2), 0, 5, 3, 3));
    assertArrayEquals(new int[][] {{0, 5}, {3, 3}}, GateCsv.readIndices(idx, 6, true));
    bad(() -> GateCsv.readIndices(idx, 5, true), idx + ": element [0, 1] is 5, but the support"
        + " has 5 points");
    Path idx1 = write("i1.npy", Npy.i8(shape(2), 1, -1));
    bad(() -> GateCsv.readIndices(idx1, 4, false), idx1 + ": element [1] is -1");
    Path fidx = write("f.npy", Npy.f8(shape(1, 1), 1));
    bad(() -> GateCsv.readIndices(fidx, 4, false), fidx + ": has dtype '<f8', but sample"
        + " indices need an integer dtype");

    // support: 2-D, not only zero
    Path sup = write("s.npy", Npy.f8(shape(2, 2), 1, 0, 0, 0.5));
    assertArrayEquals(new Rational[][] {v("1 0"), v("0 1/2")}, SupportCsv.readRows(sup));
    Path zero = write("z.npy", Npy.f8(shape(2, 1), 0, -0.0));
    bad(() -> SupportCsv.readRows(zero), zero + ": element [0, 0]: the only support point is the"
        + " zero vector");
  }

  @Test
  void stateDictNetsFromNpzAndJson() throws Exception {
    Map<String, byte[]> m = members(
        "fc1.weight.npy", Npy.f4(shape(2, 1), 2, -1),
        "fc1.bias.npy", Npy.f4(shape(2), -1, 0),
        "fc2.weight.npy", Npy.f4(shape(1, 2), 0.5f, -3),
        "fc2.bias.npy", Npy.f8(shape(), 0.25));
    ReluNet net = ErmJson.readNet(write("net.npz", Npy.npz(true, m)));
    // unit 1: 1/2 relu(2x - 1) -> sign +1, weights [1], bias -1/2; unit 2: -3 relu(-x) -> sign -1, weights [-3]
    assertArrayEquals(v("1"), net.weights(0));
    assertEquals(q("-1/2"), net.bias(0));
    assertEquals(1, net.sign(0));
    assertArrayEquals(v("-3"), net.weights(1));
    assertEquals(-1, net.sign(1));
    assertEquals(q("1/4"), net.outputBias());

    Path json = dir.resolve("net.json");
    java.nio.file.Files.writeString(json, "{\"fc1.weight\": [[2], [\"-1\"]], \"fc1.bias\": [-1, 0],"
        + " \"fc2.weight\": [[0.5, \"-3\"]], \"fc2.bias\": 0.25}");
    ReluNet same = ErmJson.readNet(json);
    assertEquals(net.evaluate(v("3/7")), same.evaluate(v("3/7")));
    assertEquals(net.evaluate(v("-2")), same.evaluate(v("-2")));

    // shapes: each message names the key and both shapes
    Map<String, byte[]> wrong = new LinkedHashMap<>(m);
    wrong.put("fc1.bias.npy", Npy.f4(shape(3), 1, 2, 3));
    Path wb = write("wb.npz", Npy.npz(false, wrong));
    bad(() -> ErmJson.readNet(wb), wb + ": fc1.bias has shape (3,), but fc1.weight has shape"
        + " (2, 1), expected (2,)");
    wrong = new LinkedHashMap<>(m);
    wrong.put("fc2.weight.npy", Npy.f4(shape(2), 1, 2));
    Path ww = write("ww.npz", Npy.npz(false, wrong));
    bad(() -> ErmJson.readNet(ww), ww + ": fc2.weight has shape (2,), but fc1.weight has shape"
        + " (2, 1), expected (1, 2)");
    wrong = new LinkedHashMap<>(m);
    wrong.put("fc2.bias.npy", Npy.f4(shape(2), 1, 2));
    Path wc = write("wc.npz", Npy.npz(false, wrong));
    bad(() -> ErmJson.readNet(wc), wc + ": fc2.bias has shape (2,)", "one output bias");
    wrong = new LinkedHashMap<>(m);
    wrong.put("fc1.weight.npy", Npy.f4(shape(2), 1, 2));
    Path w1 = write("w1.npz", Npy.npz(false, wrong));
    bad(() -> ErmJson.readNet(w1), w1 + ": fc1.weight has shape (2,), expected (width, inputs)");
    wrong = new LinkedHashMap<>(m);
    wrong.remove("fc1.bias.npy");
    Path nb = write("nb.npz", Npy.npz(false, wrong));
    bad(() -> ErmJson.readNet(nb), nb + ": has no fc1.bias");
    wrong = new LinkedHashMap<>(m);
    wrong.put("fc3.weight.npy", Npy.f4(shape(1), 1));
    Path extra = write("x.npz", Npy.npz(false, wrong));
    bad(() -> ErmJson.readNet(extra), extra + ": fc3.weight is not a key of a depth-2 state_dict");
    Path plain = write("plain.npz", Npy.npz(false, members("W.npy", Npy.f4(shape(1), 1))));
    bad(() -> ErmJson.readNet(plain), plain + ": holds the arrays W, but a net in an .npz is a"
        + " state_dict");

    Path one = write("one.npy", Npy.f4(shape(1, 1), 1));
    bad(() -> ErmJson.readNet(one), one + ": is one NumPy array, but a net has four");

    Path ragged = dir.resolve("ragged.json");
    java.nio.file.Files.writeString(ragged, "{\"fc1.weight\": [[2, 1], [1]], \"fc1.bias\": [1, 0],"
        + " \"fc2.weight\": [[1, 1]]}");
    bad(() -> ErmJson.readNet(ragged), ragged + ": fc1.weight[1] has 1 entries, but"
        + " fc1.weight[0] has 2");
    Path jshape = dir.resolve("jshape.json");
    java.nio.file.Files.writeString(jshape, "{\"fc1.weight\": [[2], [1]], \"fc1.bias\": [1, 0],"
        + " \"fc2.weight\": [1, 1]}");
    bad(() -> ErmJson.readNet(jshape), jshape + ": fc2.weight has shape (2,), but fc1.weight has"
        + " shape (2, 1), expected (1, 2)");
    Path units = dir.resolve("units.json");
    java.nio.file.Files.writeString(units, "{\"fc1.weight\": [[2]], \"units\": []}");
    bad(() -> ErmJson.readNet(units), units + ": units is not a key of a depth-2 state_dict");
  }

  @Test
  void stateDictWeightsForVillani() throws Exception {
    Map<String, byte[]> m = members(
        "fc1.weight.npy", Npy.f8(shape(2, 1), 0.5, -3),
        "fc1.bias.npy", Npy.f8(shape(2), 0, -0.0),
        "fc2.weight.npy", Npy.f8(shape(1, 2), 1, 0.5));
    WeightsCsv.Weights w = WeightsCsv.readWeights(write("sd.npz", Npy.npz(false, m)));
    assertArrayEquals(new Rational[][] {v("1/2"), v("-3")}, w.w());
    assertArrayEquals(v("1 1/2"), w.outer());
    Map<String, byte[]> biased = new LinkedHashMap<>(m);
    biased.put("fc2.bias.npy", Npy.f8(shape(1), 0.25));
    Path b = write("b.npz", Npy.npz(false, biased));
    bad(() -> WeightsCsv.readWeights(b), b + ": fc2.bias[0] is 1/4, but the T3 model",
        "has no biases");
    Path json = dir.resolve("w.json");
    java.nio.file.Files.writeString(json, "{\"fc1.weight\": [[\"1/3\"]]}");
    WeightsCsv.Weights j = WeightsCsv.readWeights(json);
    assertArrayEquals(new Rational[][] {v("1/3")}, j.w());
    assertEquals(null, j.outer());
    Path notSd = dir.resolve("n.json");
    java.nio.file.Files.writeString(notSd, "{\"W\": [[1]]}");
    bad(() -> WeightsCsv.readWeights(notSd), notSd + ": is not a state_dict");
  }

  /** Powers of two, spelt out. */
  private static final class BigIntegerPow {
    static java.math.BigInteger twoTo(int k) {
      return java.math.BigInteger.ONE.shiftLeft(k);
    }
  }
}
