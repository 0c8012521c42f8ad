package org.provablenets.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rationals;
import org.provablenets.io.InputException;
import org.provablenets.io.ServeRequests;

/**
 * One server of {@code provnets serve}: answers request lines, one at a time, by running the
 * command they name in this JVM ({@link Main#run}) with {@code --json}, exactly as the command
 * line would, and returns that command's JSON object with the request's {@code id} first and, when
 * the command did not succeed, an {@code error} object {@code {"code": 1 | 2 | 3, "message":
 * ...}} in place of the exit code.
 *
 * <p>{@link ServeArguments} turns a request into its command line (the request's fields are the
 * command's options without their leading {@code --}); an inline file input is written to a
 * private temporary directory and its path given to the command, which reads and checks it as it
 * reads any file. Messages name the request field in place of that path. Requests are answered in order; one bad request never ends the session.
 *
 * <p>Cost per request: the command's own work, plus building the picocli model (about a
 * millisecond after warm-up), writing the inline inputs and re-reading the command's JSON.
 */
final class ServeSession {
  /** The longest request line read, in characters (a longer one is refused and skipped). */
  static final int MAX_LINE = 100_000_000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final int maxDigits;
  private final int maxLine;
  private final Path temp;
  private final Pattern tempName;
  private final ServeArguments arguments;
  private long lineNumber;

  /**
   * @param maxSubproblems the cap on every request's {@code max-subproblems}
   * @param maxDigits the digit limit of every number read (the server's {@code --max-digits})
   * @param temp a private directory for inline inputs (emptied after each request)
   */
  ServeSession(long maxSubproblems, int maxDigits, Path temp) {
    this(maxSubproblems, maxDigits, temp, MAX_LINE);
  }

  /** The same, with another limit on the length of a request line (for tests). */
  ServeSession(long maxSubproblems, int maxDigits, Path temp, int maxLine) {
    this.maxLine = maxLine;
    this.maxDigits = maxDigits;
    this.temp = temp;
    this.tempName = Pattern.compile(
        Pattern.quote(temp.toString() + temp.getFileSystem().getSeparator())
            + "([a-z-]+)\\.(?:csv|json)");
    this.arguments = new ServeArguments(maxSubproblems, maxDigits, temp);
  }

  /**
   * Answers every request line of {@code in} on {@code out}, one response line each (blank lines
   * are skipped), flushing after each, until the end of the input. Messages count lines from 1
   * at the start of each call (each TCP connection).
   */
  void serve(BufferedReader in, Writer out) throws IOException {
    lineNumber = 0;
    StringBuilder line = new StringBuilder();
    while (true) {
      line.setLength(0);
      boolean tooLong = false;
      int c = in.read();
      if (c < 0) {
        return;
      }
      // Only a line feed ends a request (a carriage return before it is dropped): a raw
      // carriage return inside a line is JSON white space, not a second request.
      for (; c >= 0 && c != '\n'; c = in.read()) {
        if (line.length() < maxLine) {
          line.append((char) c);
        } else {
          tooLong = true;
        }
      }
      lineNumber++;
      if (!tooLong && line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
        line.setLength(line.length() - 1);
      }
      String response;
      if (tooLong) {
        response = ServeRequests.line(error(NODES.nullNode(), Main.BAD_INPUT, "request line "
            + lineNumber + " is longer than " + maxLine + " characters; give large inputs"
            + " by path"));
      } else if (line.toString().isBlank()) {
        continue;
      } else {
        response = answer(line.toString());
      }
      out.write(response);
      out.write('\n');
      out.flush();
    }
  }

  /** The response line to one request line (never throws for bad input). */
  String answer(String line) {
    Rationals.setMaxDigits(maxDigits);
    JsonNode id = NODES.nullNode();
    try {
      ObjectNode request = ServeRequests.parse(line, lineNumber);
      JsonNode given = request.get("id");
      if (given != null) {
        id = given;
      }
      return ServeRequests.line(respond(request, id));
    } catch (InputException e) {
      return ServeRequests.line(error(id, Main.BAD_INPUT, e.getMessage()));
    } catch (OutOfMemoryError e) {
      return ServeRequests.line(error(id, Main.BAD_INPUT, Main.TOO_LARGE));
    } catch (RuntimeException | StackOverflowError e) {
      return ServeRequests.line(error(id, Main.INTERNAL, "internal error (a bug; please report it"
          + " with the request that caused it): " + e.getClass().getSimpleName() + ": "
          + e.getMessage()));
    } finally {
      clean();
    }
  }

  private ObjectNode respond(ObjectNode request, JsonNode id) {
    JsonNode opNode = request.get("op");
    if (opNode == null || !opNode.isTextual()) {
      throw new InputException("the request has no \"op\" string; operations: ping, "
          + String.join(", ", ServeArguments.OPERATIONS));
    }
    String op = opNode.textValue();
    if (op.equals("ping")) {
      ObjectNode o = NODES.objectNode();
      o.set("id", id);
      o.put("pong", true);
      o.put("version", "provnets 0.1.0");
      o.put("protocol", 1);
      o.set("operations", ServeRequests.mapper().valueToTree(ServeArguments.OPERATIONS));
      return o;
    }
    ServeArguments.Call call = arguments.call(op, request);
    return run(call.commands(), call.args(), id, call.certificateOut());
  }

  /** Runs the command and assembles its response. */
  private ObjectNode run(List<Class<? extends CliCommand>> commands, List<String> args,
      JsonNode id, @Nullable Path certificateOut) {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(stderr, true, StandardCharsets.UTF_8)) {
      code = Main.run(o, e, commands, false, args.toArray(new String[0]));
    }
    String printed = unTemp(stdout.toString(StandardCharsets.UTF_8)).strip();
    ObjectNode response = NODES.objectNode();
    response.set("id", id);
    if (!printed.isEmpty()) {
      response.setAll(ServeRequests.result(printed));
    }
    if (certificateOut != null && code == Main.OK && Files.isRegularFile(certificateOut)) {
      try {
        response.set("certificate", ServeRequests.mapper().readTree(certificateOut.toFile()));
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }
    if (code != Main.OK) {
      response.set("error", error(code, lastLine(unTemp(stderr.toString(StandardCharsets.UTF_8)))));
    }
    return response;
  }

  /** Text with each inline file's path replaced by the request field it came from. */
  private String unTemp(String text) {
    Matcher m = tempName.matcher(text);
    return m.replaceAll(r -> Matcher.quoteReplacement("request field '" + r.group(1) + "'"));
  }

  /** The last non-blank line of a command's standard error: its one-sentence error. */
  private static String lastLine(String err) {
    String[] lines = err.strip().split("\\R");
    String last = lines[lines.length - 1].strip();
    return last.isEmpty() ? "(no message)" : last;
  }

  private static ObjectNode error(int code, String message) {
    ObjectNode e = NODES.objectNode();
    e.put("code", code);
    e.put("message", message);
    return e;
  }

  private static ObjectNode error(JsonNode id, int code, @Nullable String message) {
    ObjectNode o = NODES.objectNode();
    o.set("id", id);
    o.set("error", error(code, message == null ? "(no message)" : message));
    return o;
  }

  /** Deletes the inline inputs of the last request. */
  private void clean() {
    try (var files = Files.list(temp)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // Left for the next request to overwrite; the directory is removed on exit.
    }
  }
}
