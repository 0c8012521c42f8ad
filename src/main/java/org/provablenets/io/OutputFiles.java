package org.provablenets.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
    InputFiles.writeAtomically(file, text);
  }

  /**
   * Writes bytes atomically.
   *
   * @throws InputException if the file cannot be written
   */
  public static void writeBytes(Path file, byte[] bytes) {
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
      Files.write(tmp, bytes);
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
}
