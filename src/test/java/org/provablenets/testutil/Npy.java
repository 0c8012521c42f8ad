package org.provablenets.testutil;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A tiny NumPy writer for tests: exact {@code .npy} bytes for any header, version, byte order and
 * data, and {@code .npz} archives of them, stored or deflated. Independent of the reader under
 * test: it lays the bytes out as NumPy's format document says.
 */
public final class Npy {
  private Npy() {}

  /**
   * A {@code .npy} file: magic, version {@code major.0}, the header dict padded with blanks to a
   * multiple of 64 bytes ending in a newline (as NumPy writes it), then the data.
   */
  public static byte[] file(int major, String dict, byte[] data) {
    byte[] h = dict.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    int lengthBytes = major == 1 ? 2 : 4;
    int total = 8 + lengthBytes + h.length + 1;
    int pad = (64 - total % 64) % 64;
    int hlen = h.length + pad + 1;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x93);
    out.writeBytes("NUMPY".getBytes(StandardCharsets.US_ASCII));
    out.write(major);
    out.write(0);
    for (int i = 0; i < lengthBytes; i++) {
      out.write((hlen >>> (8 * i)) & 0xff);
    }
    out.writeBytes(h);
    for (int i = 0; i < pad; i++) {
      out.write(' ');
    }
    out.write('\n');
    out.writeBytes(data);
    return out.toByteArray();
  }

  /** NumPy's header dict for a dtype, order and shape. */
  public static String dict(String descr, boolean fortran, int... shape) {
    StringBuilder s = new StringBuilder("(");
    for (int k = 0; k < shape.length; k++) {
      s.append(k == 0 ? "" : ", ").append(shape[k]);
    }
    s.append(shape.length == 1 ? ",)" : ")");
    return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False")
        + ", 'shape': " + s + ", }";
  }

  /** A version 1.0 C-order {@code <f8} array of the given shape. */
  public static byte[] f8(int[] shape, double... values) {
    return file(1, dict("<f8", false, shape), doubles(ByteOrder.LITTLE_ENDIAN, values));
  }

  /** A version 1.0 C-order {@code <f4} array of the given shape. */
  public static byte[] f4(int[] shape, float... values) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return file(1, dict("<f4", false, shape), b.array());
  }

  /** A version 1.0 C-order {@code <i8} array of the given shape. */
  public static byte[] i8(int[] shape, long... values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      b.putLong(v);
    }
    return file(1, dict("<i8", false, shape), b.array());
  }

  /** Doubles as IEEE bytes in the given order. */
  public static byte[] doubles(ByteOrder order, double... values) {
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(order);
    for (double v : values) {
      b.putDouble(v);
    }
    return b.array();
  }

  /** A shape, for readability: {@code shape(2, 3)}. */
  public static int[] shape(int... dims) {
    return dims;
  }

  /** An {@code .npz}: each entry a member {@code NAME} (give {@code X.npy}) in the given order. */
  public static byte[] npz(boolean deflate, Map<String, byte[]> members) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> m : members.entrySet()) {
        ZipEntry e = new ZipEntry(m.getKey());
        byte[] data = m.getValue();
        if (deflate) {
          e.setMethod(ZipEntry.DEFLATED);
        } else {
          e.setMethod(ZipEntry.STORED);
          CRC32 crc = new CRC32();
          crc.update(data);
          e.setSize(data.length);
          e.setCompressedSize(data.length);
          e.setCrc(crc.getValue());
        }
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Writes bytes to {@code dir/name} and returns the path. */
  public static Path write(Path dir, String name, byte[] bytes) {
    try {
      Path p = dir.resolve(name);
      Files.write(p, bytes);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
