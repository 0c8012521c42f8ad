package org.provablenets.erm;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The entries of a certificate, each packed into a byte array ({@link PackedResults} gives the
 * format) and unpacked when read: an immutable list whose memory is a few hundred bytes per
 * solved entry rather than kilobytes of {@code Rational} objects. The entries of a whole run
 * ({@link PackedResults#entries}) and of a certificate read from its file are kept this way, so
 * that neither the solver nor {@code verify} holds a large certificate as objects.
 */
public final class PackedEntries extends AbstractList<ErmCertificate.Entry>
    implements RandomAccess {
  private final byte[] @Nullable [] packed;
  private final int size;

  /** A view of the first {@code size} arrays, each beginning with a packed entry. */
  PackedEntries(byte[] @Nullable [] packed, int size) {
    this.packed = packed;
    this.size = size;
  }

  @Override
  public ErmCertificate.Entry get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("entry " + index + " of " + size);
    }
    try (DataInputStream in = PackedResults.reader(packed[index], index)) {
      return PackedResults.entry(in);
    } catch (IOException ex) {
      throw new UncheckedIOException("a byte array stream failed", ex);
    }
  }

  @Override
  public int size() {
    return size;
  }

  /** The number of pruned entries, read from each entry's first byte (its pruned flag). */
  public long prunedCount() {
    long n = 0;
    for (int i = 0; i < size; i++) {
      byte[] b = packed[i];
      if (b == null) {
        throw new IllegalArgumentException("subproblem " + (i + 1) + " has not been solved");
      }
      n += b[0] != 0 ? 1 : 0;
    }
    return n;
  }

  /** Collects entries in order, packed, for a certificate read from its file. */
  public static final class Builder {
    private byte[] @Nullable [] packed = new byte[16][];
    private int size;

    /** Appends one entry. */
    public void add(ErmCertificate.Entry e) {
      if (size == packed.length) {
        packed = Arrays.copyOf(packed, packed.length * 2);
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        PackedResults.entry(out, e);
      } catch (IOException ex) {
        throw new UncheckedIOException("a byte array stream failed", ex);
      }
      packed[size++] = bytes.toByteArray();
    }

    /** The entries added so far; the builder must not be used after this. */
    public PackedEntries build() {
      return new PackedEntries(packed, size);
    }
  }
}
