package org.provablenets.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Output files of the commands (CSV tables, PNG plots), written atomically: to a temporary file in
 * the same directory, then renamed over the target, so a failed or interrupted write leaves
 * nothing partial behind. Every problem is an {@link InputException} naming the file.
 */
public final class OutputFiles {
  private OutputFiles() {}

  /**
   * Checks, before any long work, that a file could be written: not a directory, and its
   * directory exists.
   *
   * @throws InputException if it cannot be written
   */
  public static void checkWritable(Path file) {
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    if (Files.isDirectory(abs)) {
      throw new InputException(file + ": is a directory, not a file that can be written");
    }
    if (dir == null || !Files.isDirectory(dir)) {
      throw new InputException(
          file + ": cannot be written, its directory " + dir + " does not exist");
    }
  }

  /**
   * Writes UTF-8 text atomically.
   *
   * @throws InputException if the file cannot be written
   */
  public static void writeText(Path file, String text) {
    writeBytes(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes bytes atomically: to a temporary file in the same directory, then renamed over the
   * target. A new file is readable by everyone and writable by its owner ({@code rw-r--r--} where
   * the file system has POSIX permissions), like a file the shell would create; a file that is
   * replaced keeps its permissions.
   *
   * @throws InputException if the file cannot be written
   */
  public static void writeBytes(Path file, byte[] bytes) {
    write(file, out -> out.write(bytes));
  }

  /** What a file gets: written to a stream that the caller need not close. */
  public interface Contents {
    /**
     * Writes the contents.
     *
     * @throws IOException if {@code out} fails
     */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes a file atomically, as {@link #writeBytes}, from contents written to a stream: for
   * files too large to hold in memory.
   *
   * @throws InputException if the file cannot be written
   */
  public static void write(Path file, Contents contents) {
    checkWritable(file);
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    Path name = abs.getFileName();
    if (dir == null || name == null) {
      throw new InputException(file + ": is not a file name that can be written");
    }
    @Nullable Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, "." + name + ".", ".tmp");
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
        contents.writeTo(out);
      }
      copyPermissions(abs, tmp);
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (AccessDeniedException e) {
      throw new InputException(file + ": cannot be written (permission denied)", e);
    } catch (IOException e) {
      throw new InputException(file + ": cannot be written (" + e.getMessage() + ")", e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // Nothing more can be done; the write itself has already been reported.
        }
      }
    }
  }

  /** Gives the temporary file the permissions the target has, or rw-r--r-- for a new target. */
  private static void copyPermissions(Path target, Path tmp) throws IOException {
    if (!Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
      return;
    }
    Set<PosixFilePermission> perms =
        Files.exists(target)
            ? Files.getPosixFilePermissions(target)
            : PosixFilePermissions.fromString("rw-r--r--");
    Files.setPosixFilePermissions(tmp, perms);
  }
}
