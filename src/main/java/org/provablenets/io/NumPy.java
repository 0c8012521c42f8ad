package org.provablenets.io;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;

/**
 * NumPy's binary array files, read exactly: {@code .npy} (one array, as written by {@code
 * np.save}) and {@code .npz} (a zip of {@code NAME.npy} members, stored or deflated, as written by
 * {@code np.savez} and {@code np.savez_compressed}).
 *
 * <p><b>Definition.</b> A {@code .npy} file is the magic {@code \x93NUMPY}, a format version (1.0,
 * 2.0 or 3.0 are read), the length of the header (2 bytes little-endian in version 1, 4 bytes
 * after), the header: a Python dictionary literal {@code {'descr': '<f8', 'fortran_order': False,
 * 'shape': (3, 2), }} padded with blanks to a newline (Latin-1 text; UTF-8 in version 3), then the
 * raw elements, {@code prod(shape) * itemsize} bytes, in C (row-major) or, with {@code
 * fortran_order: True}, Fortran (column-major) order. An {@link Array} always holds its entries in
 * C order, so a Fortran-order file is transposed on reading.
 *
 * <p><b>Numbers are the exact binary values stored.</b> dtypes {@code f2}, {@code f4}, {@code f8}
 * (IEEE half, single and double precision), {@code i1 i2 i4 i8}, {@code u1 u2 u4 u8} and {@code b1}
 * (bool, 0 or 1) are read, in byte order {@code <} (little-endian), {@code >} (big-endian) or
 * {@code |} (not applicable: one-byte dtypes). A float becomes the exact rational of its IEEE
 * bits, computed from the sign, exponent and mantissa with {@link BigInteger} (subnormals too),
 * never through a decimal string or {@code double} arithmetic: float32 {@code 0.1} is exactly
 * 13421773/134217728 and float64 {@code 0.1} is 3602879701896397/36028797018963968, not 1/10.
 * {@code -0.0} is 0. Every value obeys the digit limit of {@link Rationals#parse} (a float64 has at
 * most 309 digits above the point and 1074 bits below it, far within the default).
 *
 * <p><b>Rejected</b> with an {@link InputException} whose message is one sentence naming the
 * file (and, in an {@code .npz}, the member), the element ({@code element [3, 1]}, counted from 0
 * as in NumPy) where there is one, and the problem: a missing magic string, an unknown version, a
 * truncated header, a header that is not NumPy's literal dictionary (exactly the keys {@code
 * descr}, {@code fortran_order}, {@code shape}), object ({@code |O}, pickled), string, complex,
 * datetime, structured and other dtypes, NaN and infinities, data shorter or longer than the shape
 * says; for an {@code .npz}: a file that is not a zip, a member that is not {@code NAME.npy}, two
 * members of one name, an unreadable (corrupt) member.
 */
final class NumPy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  /**
   * The most elements an input array may have: 10^7 (each becomes an exact rational, tens of
   * bytes or more, so a larger array would not fit a default heap anyway).
   */
  static final long MAX_ELEMENTS = 10_000_000L;

  /** The longest header accepted (NumPy writes headers of about a hundred bytes). */
  private static final long MAX_HEADER = 1L << 20;

  /** An n-dimensional array read from a {@code .npy} file (or member), its entries exact. */
  static final class Array {
    /** The file, or {@code "file, member NAME.npy"}, for messages. */
    final String source;

    /** The dtype as written in the header, such as {@code <f8}. */
    final String dtype;

    /** The shape; empty for a 0-d array. */
    final int[] shape;

    /** The entries in C (row-major) order. */
    final Rational[] values;

    /** The dtype's kind: {@code 'f'} (float), {@code 'i'}, {@code 'u'} (integers), {@code 'b'}. */
    final char kind;

    Array(String source, String dtype, char kind, int[] shape, Rational[] values) {
      this.source = source;
      this.dtype = dtype;
      this.kind = kind;
      this.shape = shape.clone();
      this.values = values;
    }

    /** The number of dimensions. */
    int ndim() {
      return shape.length;
    }

    /** The shape as NumPy prints it: {@code (3, 2)}, {@code (3,)} or {@code ()}. */
    String shapeText() {
      return NumPy.shapeText(shape);
    }

    /** Whether the dtype is an integer type ({@code i} or {@code u}). */
    boolean isInteger() {
      return kind == 'i' || kind == 'u';
    }
  }

  private NumPy() {}

  /** Whether the file name ends in {@code .npy} (any case). */
  static boolean isNpy(Path file) {
    return hasExtension(file, ".npy");
  }

  /** Whether the file name ends in {@code .npz} (any case). */
  static boolean isNpz(Path file) {
    return hasExtension(file, ".npz");
  }

  /** Whether the file name ends in {@code ext} (lower case, with its dot), ignoring case. */
  static boolean hasExtension(Path file, String ext) {
    Path name = file.getFileName();
    return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(ext);
  }

  /** {@code (3, 2)}, {@code (3,)} or {@code ()}, as NumPy prints a shape. */
  static String shapeText(int[] shape) {
    StringBuilder s = new StringBuilder("(");
    for (int k = 0; k < shape.length; k++) {
      s.append(k == 0 ? "" : ", ").append(shape[k]);
    }
    return s.append(shape.length == 1 ? ",)" : ")").toString();
  }

  // ---- .npz ----

  /**
   * Reads every member of an {@code .npz} file, in the order of the archive, keyed by its name
   * without {@code .npy} (as {@code np.load} does).
   *
   * @throws InputException if the file is missing, not a zip, or a member is not a valid {@code
   *     NAME.npy} array
   */
  static Map<String, Array> readNpz(Path file) {
    String source = file.toString();
    InputFiles.checkReadable(file, source); // missing, a directory or unreadable
    Map<String, Array> arrays = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        String name = e.getName();
        String member = source + ", member " + name;
        if (e.isDirectory() || !name.endsWith(".npy") || name.length() == 4) {
          throw new InputException(
              member + ": is not a NAME.npy array (an .npz file holds only .npy members)");
        }
        String key = name.substring(0, name.length() - 4);
        if (arrays.containsKey(key)) {
          throw new InputException(member + ": the archive has two members of this name");
        }
        byte[] bytes;
        try (@Nullable InputStream in = zip.getInputStream(e)) {
          if (in == null) {
            throw new InputException(member + ": cannot be read (the archive is corrupt)");
          }
          bytes = member(in, member);
        } catch (IOException ex) {
          throw new InputException(
              member + ": cannot be read (" + ex.getMessage() + "; the archive is corrupt)", ex);
        }
        arrays.put(key, readNpy(bytes, member));
      }
    } catch (IOException e) {
      throw new InputException(source + ": is not an .npz file: not a complete zip archive ("
          + e.getMessage() + ")", e);
    }
    if (arrays.isEmpty()) {
      throw new InputException(source + ": is an empty .npz archive, expected .npy members");
    }
    return arrays;
  }

  /**
   * The bytes of one {@code .npz} member, read header first: the data are inflated only as far
   * as the header's shape needs (plus one byte, to see that nothing follows), so an archive
   * member that claims or inflates to more than {@link #MAX_ELEMENTS} elements is refused
   * before its data are expanded (a small compressed file can inflate to gigabytes).
   */
  private static byte[] member(InputStream in, String member) throws IOException {
    byte[] prefix = in.readNBytes(12);
    int major = prefix.length >= 8 ? prefix[6] & 0xff : 0;
    int lengthBytes = major == 1 ? 2 : 4;
    if (prefix.length < 8 + lengthBytes || (major != 1 && major != 2 && major != 3)) {
      return prefix; // readNpy says what is wrong with it
    }
    long headerLength = unsigned(prefix, 8, lengthBytes, false);
    if (headerLength > MAX_HEADER) {
      throw new InputException(member + ": has a header of " + headerLength + " bytes, more"
          + " than the " + MAX_HEADER + " a .npy header may have here");
    }
    int start = 8 + lengthBytes;
    byte[] header = in.readNBytes((int) Math.max(0, headerLength - (prefix.length - start)));
    byte[] head = new byte[prefix.length + header.length];
    System.arraycopy(prefix, 0, head, 0, prefix.length);
    System.arraycopy(header, 0, head, prefix.length, header.length);
    if (head.length < start + headerLength) {
      return head; // truncated in its header: readNpy says so
    }
    long need = dataBytes(head, start, (int) headerLength, major, member);
    long read = head.length - (start + headerLength); // data bytes already read with the prefix
    byte[] data = in.readNBytes((int) Math.max(0, need + 1 - read));
    byte[] all = new byte[head.length + data.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(data, 0, all, head.length, data.length);
    return all; // one byte too many or too few: readNpy says so
  }

  /**
   * The one array of an {@code .npy} file, or of an {@code .npz} file with exactly one member.
   *
   * @throws InputException if the file is missing or not a valid array file, or an {@code .npz}
   *     holds more than one array
   */
  static Array readOne(Path file) {
    String source = file.toString();
    if (!isNpz(file)) {
      return readNpy(InputFiles.bytes(file, source), source);
    }
    Map<String, Array> all = readNpz(file);
    if (all.size() != 1) {
      throw new InputException(source + ": holds " + all.size() + " arrays ("
          + String.join(", ", all.keySet()) + "), expected exactly one");
    }
    return all.values().iterator().next();
  }

  // ---- .npy ----

  /**
   * Reads one {@code .npy} array from its bytes.
   *
   * @param source the file (or {@code "file, member NAME.npy"}) for messages
   * @throws InputException if the bytes are not a valid {@code .npy} file of a numeric dtype
   */
  static Array readNpy(byte[] b, String source) {
    for (int i = 0; i < MAGIC.length; i++) {
      if (i >= b.length || b[i] != MAGIC[i]) {
        throw new InputException(source + ": is not a .npy file (it does not start with the"
            + " magic string \\x93NUMPY)");
      }
    }
    if (b.length < 8) {
      throw new InputException(source + ": is truncated in its format version");
    }
    int major = b[6] & 0xff;
    int minor = b[7] & 0xff;
    if (major < 1 || major > 3 || minor != 0) {
      throw new InputException(source + ": has .npy format version " + major + "." + minor
          + ", but this program reads versions 1.0, 2.0 and 3.0");
    }
    int lengthBytes = major == 1 ? 2 : 4;
    int start = 8 + lengthBytes;
    if (b.length < start) {
      throw new InputException(source + ": is truncated in the length of its header");
    }
    long headerLength = unsigned(b, 8, lengthBytes, false);
    if (headerLength > b.length - start) {
      throw new InputException(source + ": is truncated: its header should be " + headerLength
          + " bytes long, but only " + (b.length - start) + " follow");
    }
    int dataStart = start + (int) headerLength;
    Header h = header(b, start, (int) headerLength, major, source);
    Dtype t = dtype(h.descr, source);
    long count = count(h, source);
    long need = count * t.size;
    long have = b.length - (long) dataStart;
    if (have < need) {
      throw new InputException(source + ": is truncated: shape " + shapeText(h.shape) + " of "
          + h.descr + " needs " + need + " bytes of data, but only " + have + " follow the"
          + " header");
    }
    if (have > need) {
      throw new InputException(source + ": has " + (have - need) + " bytes after the data"
          + " (shape " + shapeText(h.shape) + " of " + h.descr + " needs " + need
          + "), expected the file to end there");
    }
    Rational[] values = decode(b, dataStart, (int) count, t, h, source);
    return new Array(source, h.descr, t.kind, h.shape, values);
  }

  /** The number of data bytes that the header at {@code start} announces. */
  private static long dataBytes(byte[] b, int start, int length, int major, String source) {
    Header h = header(b, start, length, major, source);
    return count(h, source) * dtype(h.descr, source).size;
  }

  /** The number of elements of a header's shape, at most {@link #MAX_ELEMENTS}. */
  private static long count(Header h, String source) {
    long count = 1;
    for (int s : h.shape) {
      count *= s; // each factor < 2^31 and the running product at most MAX_ELEMENTS after the check
      if (count > MAX_ELEMENTS) {
        throw new InputException(source + ": has shape " + shapeText(h.shape) + ", more than "
            + MAX_ELEMENTS + " elements, the most an input array may have here");
      }
    }
    return count;
  }

  /** The parsed header dictionary of the bytes {@code [start, start + length)}. */
  private static Header header(byte[] b, int start, int length, int major, String source) {
    String header;
    if (major == 3) {
      try {
        header = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(b, start, length)).toString();
      } catch (CharacterCodingException e) {
        throw new InputException(source + ": has a version 3.0 header that is not UTF-8", e);
      }
    } else {
      header = new String(b, start, length, StandardCharsets.ISO_8859_1);
    }
    return new HeaderParser(header, source).parse();
  }

  /** The entries in C order, each checked (finite, within the digit limit). */
  private static Rational[] decode(byte[] b, int start, int count, Dtype t, Header h,
      String source) {
    int nd = h.shape.length;
    int[] stride = new int[nd]; // C-order strides
    int s = 1;
    for (int k = nd - 1; k >= 0; k--) {
      stride[k] = s;
      s *= h.shape[k];
    }
    int[] idx = new int[nd]; // the index of the element at the storage position p
    Rational[] values = new Rational[count];
    for (int p = 0; p < count; p++) {
      int c = p;
      if (h.fortran) {
        c = 0;
        for (int k = 0; k < nd; k++) {
          c += idx[k] * stride[k];
        }
      }
      values[c] = element(b, start + p * t.size, t, source, idx);
      // advance idx in storage order: the last axis fastest in C order, the first in Fortran
      for (int j = 0; j < nd; j++) {
        int k = h.fortran ? j : nd - 1 - j;
        if (++idx[k] < h.shape[k]) {
          break;
        }
        idx[k] = 0;
      }
    }
    return values;
  }

  private static Rational element(byte[] b, int at, Dtype t, String source, int[] idx) {
    long bits = unsigned(b, at, t.size, t.bigEndian);
    Rational v;
    switch (t.kind) {
      case 'f':
        v = ieee(bits, t.size == 2 ? 5 : t.size == 4 ? 8 : 11,
            t.size == 2 ? 10 : t.size == 4 ? 23 : 52, source, idx);
        break;
      case 'i':
        v = Rational.of(t.size == 8 ? bits : bits << (64 - 8 * t.size) >> (64 - 8 * t.size));
        break;
      case 'u':
        v = Rational.of(t.size == 8 && bits < 0
            ? BigInteger.valueOf(bits).add(BigInteger.ONE.shiftLeft(64))
            : BigInteger.valueOf(bits));
        break;
      default: // 'b'
        if (bits > 1) {
          throw new InputException(source + ": " + place(idx) + " is the byte " + bits
              + ", but a bool is 0 or 1");
        }
        v = Rational.of(bits);
    }
    checkDigits(v, source, idx);
    return v;
  }

  /**
   * The exact value of IEEE bits with {@code e} exponent bits and {@code f} fraction bits: {@code
   * (-1)^sign * 1.fraction * 2^(exponent - bias)}, or {@code 0.fraction * 2^(1 - bias)} for a
   * subnormal.
   */
  static Rational ieee(long bits, int e, int f, String source, int[] idx) {
    long fraction = bits & ((1L << f) - 1);
    int exponent = (int) ((bits >>> f) & ((1L << e) - 1));
    boolean negative = ((bits >>> (e + f)) & 1) != 0;
    int bias = (1 << (e - 1)) - 1;
    if (exponent == (1 << e) - 1) {
      throw new InputException(source + ": " + place(idx) + " is "
          + (fraction != 0 ? "NaN" : negative ? "-infinity" : "infinity")
          + ", which is not a finite number (NaN and infinity are not rationals)");
    }
    BigInteger m = BigInteger.valueOf(exponent == 0 ? fraction : fraction | (1L << f));
    int power = (exponent == 0 ? 1 : exponent) - bias - f;
    if (m.signum() == 0) {
      return Rational.ZERO; // +0 and -0
    }
    if (negative) {
      m = m.negate();
    }
    return power >= 0
        ? Rational.of(m.shiftLeft(power))
        : Rational.of(m, BigInteger.ONE.shiftLeft(-power));
  }

  /** The digit limit of {@link Rationals#parse}, for the numerator and the denominator. */
  private static void checkDigits(Rational v, String source, int[] idx) {
    int limit = Rationals.maxDigits();
    for (BigInteger part : new BigInteger[] {v.getNumerator(), v.getDenominator()}) {
      int bits = part.bitLength();
      // at most floor(bits * log10(2)) + 1 decimal digits; count them only when that may exceed
      if ((long) bits * 30103 / 100000 + 1 > limit) {
        int digits = part.abs().toString().length();
        if (digits > limit) {
          throw new InputException(source + ": " + place(idx) + " has " + digits + " digits"
              + " written out as an exact fraction, more than the limit of " + limit
              + " (raise it with --max-digits)");
        }
      }
    }
  }

  /** {@code element [3, 1]}, {@code element [4]} or {@code the element} of a 0-d array. */
  static String place(int[] idx) {
    if (idx.length == 0) {
      return "the element";
    }
    StringBuilder s = new StringBuilder("element [");
    for (int k = 0; k < idx.length; k++) {
      s.append(k == 0 ? "" : ", ").append(idx[k]);
    }
    return s.append(']').toString();
  }

  /** {@code n} bytes from {@code at} as an unsigned number (n <= 8; 8 bytes may wrap to < 0). */
  private static long unsigned(byte[] b, int at, int n, boolean bigEndian) {
    long v = 0;
    for (int i = 0; i < n; i++) {
      int k = bigEndian ? i : n - 1 - i;
      v = (v << 8) | (b[at + k] & 0xffL);
    }
    return v;
  }

  // ---- dtype ----

  /** A numeric dtype: kind, item size in bytes and byte order. */
  private static final class Dtype {
    final char kind;
    final int size;
    final boolean bigEndian;

    Dtype(char kind, int size, boolean bigEndian) {
      this.kind = kind;
      this.size = size;
      this.bigEndian = bigEndian;
    }
  }

  private static Dtype dtype(String descr, String source) {
    String bad = source + ": has dtype '" + RationalCsv.shorten(descr) + "'";
    String unread = "), which this program does not read (save real numbers: float64, float32,"
        + " float16, integers or bool)";
    if (descr.length() < 2) {
      throw new InputException(bad + ", which is not a NumPy dtype string such as '<f8'");
    }
    char order = descr.charAt(0);
    char kind = descr.charAt(1);
    String sizeText = descr.substring(2);
    if (order != '<' && order != '>' && order != '|') {
      throw new InputException(bad + ", expected a byte order '<', '>' or '|' first");
    }
    switch (kind) {
      case 'O':
        throw new InputException(bad + " (Python objects, pickled" + unread);
      case 'c':
        throw new InputException(bad + " (complex numbers" + unread);
      case 'U':
      case 'S':
      case 'a':
        throw new InputException(bad + " (strings" + unread);
      case 'M':
      case 'm':
        throw new InputException(bad + " (dates or times" + unread);
      case 'V':
        throw new InputException(bad + " (raw or structured records" + unread);
      case 'f':
      case 'i':
      case 'u':
      case 'b':
        break;
      default:
        throw new InputException(bad + " (an unknown kind '" + kind + "'" + unread);
    }
    int size = sizeText.equals("1") ? 1 : sizeText.equals("2") ? 2 : sizeText.equals("4") ? 4
        : sizeText.equals("8") ? 8 : -1;
    boolean ok = kind == 'f' ? size >= 2 : kind == 'b' ? size == 1 : size >= 1;
    if (!ok) {
      throw new InputException(bad + ", a size this program does not read (floats: f2, f4, f8;"
          + " integers: i1 to i8, u1 to u8; bool: b1)");
    }
    if (order == '|' && size != 1) {
      throw new InputException(bad + ", but byte order '|' (not applicable) is only for"
          + " one-byte dtypes, expected '<' or '>'");
    }
    return new Dtype(kind, size, order == '>');
  }

  // ---- header ----

  private static final class Header {
    final String descr;
    final boolean fortran;
    final int[] shape;

    Header(String descr, boolean fortran, int[] shape) {
      this.descr = descr;
      this.fortran = fortran;
      this.shape = shape;
    }
  }

  /**
   * NumPy's header: a Python dict literal with exactly the keys {@code 'descr'} (a quoted
   * string), {@code 'fortran_order'} ({@code True} or {@code False}) and {@code 'shape'} (a tuple
   * of non-negative integers: {@code ()}, {@code (3,)}, {@code (3, 2)}), in any order, an optional
   * trailing comma, surrounded by blanks.
   */
  private static final class HeaderParser {
    private final String s;
    private final String source;
    private int i;

    HeaderParser(String s, String source) {
      this.s = s;
      this.source = source;
    }

    Header parse() {
      String descr = null;
      Boolean fortran = null;
      int[] shape = null;
      blanks();
      expect('{');
      blanks();
      while (!at('}')) {
        String key = string("a key in quotes");
        blanks();
        expect(':');
        blanks();
        switch (key) {
          case "descr":
            if (descr != null) {
              throw fail("the key 'descr' twice");
            }
            if (at('[')) {
              throw new InputException(source + ": has a structured dtype (a list of fields),"
                  + " which is not read (save a plain array of numbers)");
            }
            descr = string("the dtype in quotes, such as '<f8'");
            break;
          case "fortran_order":
            if (fortran != null) {
              throw fail("the key 'fortran_order' twice");
            }
            fortran = bool();
            break;
          case "shape":
            if (shape != null) {
              throw fail("the key 'shape' twice");
            }
            shape = tuple();
            break;
          default:
            throw fail("the unknown key '" + RationalCsv.shorten(key)
                + "' (expected 'descr', 'fortran_order' and 'shape')");
        }
        blanks();
        if (at(',')) {
          i++;
          blanks();
        } else if (!at('}')) {
          throw fail(what() + " where ',' or '}' should be");
        }
      }
      i++;
      blanks();
      if (i < s.length()) {
        throw fail(what() + " after the closing '}'");
      }
      if (descr == null || fortran == null || shape == null) {
        String missing = descr == null ? "descr" : fortran == null ? "fortran_order" : "shape";
        throw fail("no key '" + missing + "'");
      }
      return new Header(descr, fortran, shape);
    }

    private InputException fail(String problem) {
      return new InputException(source + ": has a header that is not NumPy's dictionary"
          + " {'descr': ..., 'fortran_order': ..., 'shape': (...)}: it has " + problem
          + " (at character " + (i + 1) + ")");
    }

    /** What is at the cursor, for messages. */
    private String what() {
      return i >= s.length() ? "the end of the header"
          : "'" + (Character.isISOControl(s.charAt(i))
              ? String.format(Locale.ROOT, "\\x%02x", (int) s.charAt(i))
              : String.valueOf(s.charAt(i))) + "'";
    }

    private boolean at(char c) {
      return i < s.length() && s.charAt(i) == c;
    }

    private void expect(char c) {
      if (!at(c)) {
        throw fail(what() + " where '" + c + "' should be");
      }
      i++;
    }

    private void blanks() {
      while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\n'
          || s.charAt(i) == '\t' || s.charAt(i) == '\r')) {
        i++;
      }
    }

    private String string(String expected) {
      if (!at('\'') && !at('"')) {
        throw fail(what() + " where " + expected + " should be");
      }
      char quote = s.charAt(i++);
      int begin = i;
      while (i < s.length() && s.charAt(i) != quote) {
        if (s.charAt(i) == '\\' || s.charAt(i) == '\n') {
          throw fail(what() + " inside a quoted string");
        }
        i++;
      }
      if (i >= s.length()) {
        throw fail("a string without its closing quote");
      }
      return s.substring(begin, i++);
    }

    private boolean bool() {
      if (s.startsWith("True", i)) {
        i += 4;
        return true;
      }
      if (s.startsWith("False", i)) {
        i += 5;
        return false;
      }
      throw fail(what() + " where True or False should be");
    }

    private int[] tuple() {
      expect('(');
      blanks();
      List<Integer> dims = new ArrayList<>();
      boolean comma = false;
      while (!at(')')) {
        int begin = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
          i++;
        }
        if (i == begin) {
          throw fail(what() + " where a dimension (a non-negative integer) should be");
        }
        String digits = s.substring(begin, i);
        if (at('L')) {
          i++; // Python 2 long, in files written by old NumPy
        }
        if (digits.length() > 10 || Long.parseLong(digits) > Integer.MAX_VALUE) {
          throw fail("the dimension " + RationalCsv.shorten(digits) + ", larger than "
              + Integer.MAX_VALUE);
        }
        dims.add(Integer.parseInt(digits));
        blanks();
        comma = at(',');
        if (comma) {
          i++;
          blanks();
        } else if (!at(')')) {
          throw fail(what() + " where ',' or ')' should be");
        }
      }
      if (dims.size() == 1 && !comma) {
        throw fail("a shape (" + dims.get(0) + ") without a comma, which is not a tuple");
      }
      i++;
      int[] shape = new int[dims.size()];
      for (int k = 0; k < shape.length; k++) {
        shape[k] = dims.get(k);
      }
      return shape;
    }
  }
}
