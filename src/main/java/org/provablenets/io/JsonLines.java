package org.provablenets.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A JSON Lines file (partial results, block tables) read one line at a time, strictly UTF-8: its
 * header line (a byte order mark dropped) and the lines after it. Every failure is an {@link
 * InputException} naming the file.
 */
final class JsonLines implements AutoCloseable {
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private final BufferedReader reader;
  private final String name;

  private JsonLines(BufferedReader reader, String name) {
    this.reader = reader;
    this.name = name;
  }

  /**
   * Opens a file for reading.
   *
   * @throws InputException if it is missing, a directory or unreadable
   */
  static JsonLines open(Path file) {
    String name = file.toString();
    InputFiles.checkReadable(file, name);
    try {
      return new JsonLines(Files.newBufferedReader(file, StandardCharsets.UTF_8), name);
    } catch (IOException e) {
      throw failure(name, e);
    }
  }

  /** The file name used in messages. */
  String name() {
    return name;
  }

  /**
   * The first line as JSON.
   *
   * @param what what the header is, for the message of an empty file ("a T1 ... header")
   */
  JsonNode header(String what) {
    String line = next();
    if (line == null || line.isBlank()) {
      throw new InputException(name + ": is empty, expected " + what);
    }
    return parse(line.startsWith("\uFEFF") ? line.substring(1) : line, 1);
  }

  /** The next line, or null at the end of the file. */
  @Nullable String next() {
    try {
      return reader.readLine();
    } catch (IOException e) {
      throw failure(name, e);
    }
  }

  /** One line as JSON, or a sentence naming the line. */
  JsonNode parse(String line, int lineNo) {
    try {
      return MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new InputException(name + ": line " + lineNo + " is not JSON");
    }
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw failure(name, e);
    }
  }

  private static InputException failure(String name, IOException e) {
    return e instanceof CharacterCodingException
        ? new InputException(name + ": is not UTF-8 text", e)
        : new InputException(name + ": cannot be read (" + e.getMessage() + ")", e);
  }
}
