package org.provablenets.erm;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Arrays;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rational;

/**
 * The results of a whole run, held for its certificate, each packed into one byte array: the
 * entry (a pruned flag, the sign count, the patterns, and for a solved entry u and lambda), then
 * for a solved entry its optimum and parameters; every rational as the two's-complement bytes of
 * its numerator and denominator, every count and index in seven-bit groups. A solved entry of
 * absolute loss at D = 28 (a dual vector of 112 rationals, most of them small) takes a few hundred
 * bytes this way, against kilobytes as {@link Rational} objects; the entries are unpacked one at
 * a time when the certificate is checked or written ({@link #entries}).
 *
 * <p>Thread-safe for {@link #put} from many threads on distinct indices (each writes its own
 * slot); the reads that follow must happen after those writes (as after a parallel stream's
 * join, or on the thread that made them).
 */
public final class PackedResults {
  private final byte[] @Nullable [] packed;

  /** Room for {@code count} results, none held yet. */
  public PackedResults(int count) {
    this.packed = new byte[count][];
  }

  /** The number of subproblems. */
  public int size() {
    return packed.length;
  }

  /** Whether subproblem i's result is held. */
  public boolean has(int i) {
    return packed[i] != null;
  }

  /** Holds one result (replacing any held for its index). */
  public void put(ErmSolver.Solved r) {
    if (r.entry.isPruned()) {
      packed[r.index] = pruned(r.entry.plus(), r.entry.patterns());
      return;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      entry(out, r.entry);
      if (!r.entry.isPruned()) {
        rational(out, r.value);
        vector(out, r.t);
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("a byte array stream failed", ex);
    }
    packed[r.index] = bytes.toByteArray();
  }

  /**
   * Subproblem i's result: its entry, and for a solved entry its optimum and parameters (a pruned
   * one gets a zero value and no parameters: the value of a pruned result is not kept).
   *
   * @throws IllegalArgumentException if it is not held
   */
  public ErmSolver.Solved get(int i) {
    try (DataInputStream in = reader(packed[i], i)) {
      ErmCertificate.Entry e = entry(in);
      if (e.isPruned()) {
        return new ErmSolver.Solved(i, e, Rational.ZERO, new Rational[0]);
      }
      Rational value = rational(in);
      return new ErmSolver.Solved(i, e, value, rationals(in));
    } catch (IOException ex) {
      throw new UncheckedIOException("a byte array stream failed", ex);
    }
  }

  /**
   * Subproblem i's optimum, or null if its entry is pruned; unpacks nothing else.
   *
   * @throws IllegalArgumentException if it is not held
   */
  public @Nullable Rational value(int i) {
    try (DataInputStream in = reader(packed[i], i)) {
      if (in.readBoolean()) {
        return null; // pruned: nothing more is held
      }
      // skip the rest of the entry (sign count, patterns, u, lambda) without making its numbers
      count(in);
      for (int k = count(in); k > 0; k--) {
        count(in);
      }
      for (int vectors = 0; vectors < 2; vectors++) {
        for (int k = count(in); k > 0; k--) {
          in.skipNBytes(count(in)); // the numerator
          in.skipNBytes(count(in)); // the denominator (nothing for 1)
        }
      }
      return rational(in);
    } catch (IOException ex) {
      throw new UncheckedIOException("a byte array stream failed", ex);
    }
  }

  /**
   * The entries, in index order, each unpacked when asked for: a view, for the certificate, once
   * every result is held.
   */
  public PackedEntries entries() {
    return new PackedEntries(packed, packed.length);
  }

  /**
   * A pruned entry's bytes, as {@link #entry(DataOutputStream, ErmCertificate.Entry)} writes them
   * (the flag 1, the sign count, the patterns' count and the patterns), without a stream: most
   * entries of a large run are pruned.
   */
  static byte[] pruned(int plus, int[] patterns) {
    byte[] b = new byte[1 + 5 * (2 + patterns.length)];
    b[0] = 1;
    int at = count(b, 1, plus);
    at = count(b, at, patterns.length);
    for (int p : patterns) {
      at = count(b, at, p);
    }
    return Arrays.copyOf(b, at);
  }

  /** Writes a count at {@code at} as {@link #count(DataOutputStream, int)} does; returns the end. */
  private static int count(byte[] b, int at, int n) {
    int v = n;
    int k = at;
    while (v >= 0x80) {
      b[k++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    b[k++] = (byte) v;
    return k;
  }

  /** An entry: its flag, sign count, patterns, and for a solved entry u and lambda. */
  static void entry(DataOutputStream out, ErmCertificate.Entry e) throws IOException {
    out.writeBoolean(e.isPruned());
    count(out, e.plus());
    vector(out, e.patterns());
    if (!e.isPruned()) {
      vector(out, e.u());
      vector(out, e.lambda());
    }
  }

  static ErmCertificate.Entry entry(DataInputStream in) throws IOException {
    boolean pruned = in.readBoolean();
    int plus = count(in);
    int[] patterns = ints(in);
    if (pruned) {
      return ErmCertificate.Entry.pruned(plus, patterns);
    }
    Rational[] u = rationals(in);
    return new ErmCertificate.Entry(plus, patterns, u, rationals(in));
  }

  static DataInputStream reader(byte @Nullable [] b, int i) {
    if (b == null) {
      throw new IllegalArgumentException("subproblem " + (i + 1) + " has not been solved");
    }
    return new DataInputStream(new ByteArrayInputStream(b));
  }

  private static void vector(DataOutputStream out, int[] v) throws IOException {
    count(out, v.length);
    for (int x : v) {
      count(out, x);
    }
  }

  private static int[] ints(DataInputStream in) throws IOException {
    int[] v = new int[count(in)];
    for (int k = 0; k < v.length; k++) {
      v[k] = count(in);
    }
    return v;
  }

  private static void vector(DataOutputStream out, Rational[] v) throws IOException {
    count(out, v.length);
    for (Rational q : v) {
      rational(out, q);
    }
  }

  private static Rational[] rationals(DataInputStream in) throws IOException {
    Rational[] v = new Rational[count(in)];
    for (int k = 0; k < v.length; k++) {
      v[k] = rational(in);
    }
    return v;
  }

  /** A rational as its numerator's bytes, then its denominator's (none for 1). */
  private static void rational(DataOutputStream out, Rational q) throws IOException {
    integer(out, q.getNumerator());
    BigInteger den = q.getDenominator();
    if (den.equals(BigInteger.ONE)) {
      count(out, 0);
    } else {
      integer(out, den);
    }
  }

  private static Rational rational(DataInputStream in) throws IOException {
    BigInteger num = integer(in, count(in));
    int n = count(in);
    return n == 0 ? Rational.of(num) : Rational.of(num, integer(in, n));
  }

  /** The two's-complement bytes of an integer (at least one), after their count. */
  private static void integer(DataOutputStream out, BigInteger x) throws IOException {
    byte[] b = x.toByteArray();
    count(out, b.length);
    out.write(b);
  }

  private static BigInteger integer(DataInputStream in, int n) throws IOException {
    byte[] b = new byte[n];
    in.readFully(b);
    return new BigInteger(b);
  }

  /** A count, seven bits a byte, the high bit set on all but the last byte. */
  private static void count(DataOutputStream out, int n) throws IOException {
    int v = n;
    while (v >= 0x80) {
      out.writeByte((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.writeByte(v);
  }

  private static int count(DataInputStream in) throws IOException {
    int n = 0;
    for (int shift = 0; ; shift += 7) {
      int b = in.readUnsignedByte();
      n |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return n;
      }
    }
  }
}
