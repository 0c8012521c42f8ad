package org.provablenets.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reading and writing whole files with one-sentence {@link InputException}s that name the file:
 * missing, a directory, unreadable, not UTF-8. Writing is atomic: the text goes to a temporary file
 * in the same directory, which is then renamed, so a failed or interrupted write leaves nothing
 * partial behind.
 */
final class InputFiles {
  private InputFiles() {}

  /**
   * A file opened for reading, buffered (the caller closes it).
   *
   * @throws InputException if it is missing, a directory or unreadable
   */
  static InputStream open(Path file, String source) {
    if (Files.isDirectory(file)) {
      throw new InputException(source + ": is a directory, not a file");
    }
    try {
      return new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    } catch (NoSuchFileException e) {
      throw new InputException(source + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new InputException(source + ": permission denied", e);
    } catch (IOException e) {
      throw new InputException(source + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }

  /**
   * The bytes of a file.
   *
   * @throws InputException if it is missing, a directory or unreadable
   */
  static byte[] bytes(Path file, String source) {
    try (InputStream in = open(file, source)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new InputException(source + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Checks that a file exists, is not a directory and is readable, without reading it.
   *
   * @throws InputException if it is missing, a directory or unreadable
   */
  static void checkReadable(Path file, String source) {
    if (Files.isDirectory(file)) {
      throw new InputException(source + ": is a directory, not a file");
    }
    if (!Files.exists(file)) {
      throw new InputException(source + ": no such file");
    }
    if (!Files.isReadable(file)) {
      throw new InputException(source + ": permission denied");
    }
  }

  /**
   * The bytes of a stream (left open).
   *
   * @throws InputException if it cannot be read
   */
  static byte[] bytes(InputStream in, String source) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new InputException(source + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Decodes UTF-8 text strictly, dropping a leading byte order mark.
   *
   * @throws InputException if the bytes are not UTF-8
   */
  static String utf8(byte[] bytes, String source) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new InputException(source + ": is not UTF-8 text", e);
    }
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }
}
