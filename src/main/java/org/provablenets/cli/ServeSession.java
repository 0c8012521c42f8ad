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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rationals;
import org.provablenets.io.InputException;
import org.provablenets.io.ServeRequests;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One server of {@code provnets serve}: answers request lines, one at a time, by running the
 * command they name in this JVM ({@link Main#run}) with {@code --json}, exactly as the command
 * line would, and returns that command's JSON object with the request's {@code id} first and, when
 * the command did not succeed, an {@code error} object {@code {"code": 1 | 2 | 3, "message":
 * ...}} in place of the exit code.
 *
 * <p>The request's fields are the command's options without their leading {@code --} (read from
 * the command's picocli model, so every option of every served command is available under its own
 * name); an inline file input is written to a private temporary directory and its path given to
 * the command, which reads and checks it as it reads any file. Messages name the request field in
 * place of that path. Requests are answered in order; one bad request never ends the session.
 *
 * <p>Cost per request: the command's own work, plus building the picocli model (about a
 * millisecond after warm-up), writing the inline inputs and re-reading the command's JSON.
 */
final class ServeSession {
  /** The operations served, each the words of its command line. */
  static final List<String> OPERATIONS = List.of(
      "lp", "qp", "erm", "verify", "erm-gap", "gate hypotheses", "gate step", "gate run",
      "gate compare", "villani eval", "villani check", "villani gap", "villani sgd");

  /** Option names (without {@code --}) whose value is an input file. */
  static final Set<String> FILE_INPUTS =
      Set.of("data", "net", "support", "trajectory", "samples", "weights");

  /** The positional input of the commands that have one, as a request field. */
  static final Map<String, String> POSITIONAL =
      Map.of("lp", "program", "qp", "program", "verify", "certificate");

  /**
   * Options that write files or change the output form: not available to a request
   * ({@code ServeTest} checks that every option of a served command whose label names a file is
   * here or in {@link #FILE_INPUTS}).
   */
  static final Set<String> REFUSED = Set.of("json", "help", "version", "checkpoint", "shard",
      "csv", "plot", "plot-dir", "samples-out", "iterates-out");

  /** The longest request line read, in characters (a longer one is refused and skipped). */
  static final int MAX_LINE = 100_000_000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final long maxSubproblems;
  private final int maxDigits;
  private final int maxLine;
  private final Path temp;
  private final Pattern tempName;
  private final Map<String, CommandSpec> specs = new java.util.HashMap<>();

  /** The top-level command of each operation: the only one its run needs (see Main#COMMANDS). */
  private final Map<String, List<Class<? extends CliCommand>>> tops = new java.util.HashMap<>();
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
    this.maxSubproblems = maxSubproblems;
    this.maxDigits = maxDigits;
    this.temp = temp;
    this.tempName = Pattern.compile(
        Pattern.quote(temp.toString() + temp.getFileSystem().getSeparator())
            + "([a-z-]+)\\.(?:csv|json)");
    CommandLine root = Main.commandLine(Main.COMMANDS);
    for (String op : OPERATIONS) {
      @Nullable CommandLine cl = root;
      @Nullable Class<? extends CliCommand> top = null;
      for (String word : op.split(" ")) {
        cl = cl == null ? null : cl.getSubcommands().get(word);
        @Nullable Object command = cl == null ? null : cl.getCommand();
        if (top == null && command instanceof CliCommand) {
          top = ((CliCommand) command).getClass();
        }
      }
      if (cl == null || top == null) {
        throw new IllegalStateException("the served operation " + op + " is not a command");
      }
      specs.put(op, cl.getCommandSpec());
      tops.put(op, List.of(top));
    }
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
          + String.join(", ", OPERATIONS));
    }
    String op = opNode.textValue();
    if (op.equals("ping")) {
      ObjectNode o = NODES.objectNode();
      o.set("id", id);
      o.put("pong", true);
      o.put("version", "provnets 0.1.0");
      o.put("protocol", 1);
      o.set("operations", ServeRequests.mapper().valueToTree(OPERATIONS));
      return o;
    }
    @Nullable CommandSpec spec = specs.get(op);
    if (spec == null) {
      throw new InputException("\"op\" is \"" + op + "\", expected ping or one of: "
          + String.join(", ", OPERATIONS));
    }
    List<String> args = new ArrayList<>(List.of(op.split(" ")));
    @Nullable Path certificateOut = null;
    @Nullable String positional = null;
    boolean budgetGiven = false;
    for (Map.Entry<String, JsonNode> e : request.properties()) {
      String field = e.getKey();
      JsonNode value = e.getValue();
      if (field.equals("id") || field.equals("op")) {
        continue;
      }
      if (field.equals(POSITIONAL.get(op))) {
        positional = input(field, value).toString();
        continue;
      }
      if (op.equals("erm") && field.equals("certificate")) {
        if (!value.isBoolean()) {
          throw new InputException("field \"certificate\" of erm is " + kind(value)
              + ", expected true (return the certificate in the response) or false");
        }
        if (value.booleanValue()) {
          certificateOut = temp.resolve("certificate-out.json");
          args.add("--certificate=" + certificateOut);
        }
        continue;
      }
      OptionSpec option = spec.findOption("--" + field);
      if (option == null || REFUSED.contains(field)) {
        throw new InputException("field \"" + field + "\" is not an input of " + op + " (its"
            + " fields: " + String.join(", ", fields(op, spec)) + ")");
      }
      if (option.typeInfo().isBoolean()) {
        if (!value.isBoolean()) {
          throw new InputException("field \"" + field + "\" is " + kind(value)
              + ", expected true or false");
        }
        if (value.booleanValue()) {
          args.add("--" + field);
        }
        continue;
      }
      // One argument --name=value: a value starting with '-' stays a value.
      if (FILE_INPUTS.contains(field)) {
        args.add("--" + field + "=" + input(field, value));
      } else {
        String text = ServeRequests.optionText(value, field);
        if (field.equals("max-subproblems")) {
          budgetGiven = true;
          text = budget(text);
        }
        args.add("--" + field + "=" + text);
      }
    }
    // After the fields, so that a misspelt field is named as such rather than as missing.
    for (OptionSpec o : spec.options()) {
      String name = o.longestName().substring(2);
      if (o.required() && !request.has(name)) {
        throw new InputException("the request has no field \"" + name + "\", which " + op
            + " requires (its fields: " + String.join(", ", fields(op, spec)) + ")");
      }
    }
    String positionalField = POSITIONAL.get(op);
    if (positionalField != null && positional == null) {
      throw new InputException("the request has no field \"" + positionalField + "\", which "
          + op + " requires (a path, or the file's content inline)");
    }
    if (!budgetGiven && spec.findOption("--max-subproblems") != null) {
      args.add("--max-subproblems=" + maxSubproblems);
    }
    if (!request.has("max-digits")) {
      args.add("--max-digits=" + maxDigits);
    }
    args.add("--json");
    if (positional != null) {
      args.add("--"); // the end of the options: a path such as "--help" is a path
      args.add(positional);
    }
    return run(tops.getOrDefault(op, Main.COMMANDS), args, id, certificateOut);
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

  /** The request's {@code max-subproblems}, refused above the server's cap. */
  private String budget(String text) {
    long n;
    try {
      n = Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      return text; // the command says what is wrong with it
    }
    if (n > maxSubproblems) {
      throw new InputException("field \"max-subproblems\" is " + n + ", above this server's cap"
          + " of " + maxSubproblems + " (start it with 'provnets serve --max-subproblems N')");
    }
    return text;
  }

  /**
   * The path of a file input: the request's path string as given, or an inline value written to
   * the private directory (an array as CSV rows, an object as JSON).
   */
  private Path input(String field, JsonNode value) {
    if (value.isTextual()) {
      return CliCommand.path(value.textValue());
    }
    String text;
    Path file;
    if (value.isArray()) {
      text = ServeRequests.csv(value, field);
      file = temp.resolve(field + ".csv");
    } else if (value.isObject()) {
      text = ServeRequests.json(value);
      file = temp.resolve(field + ".json");
    } else {
      throw new InputException("field \"" + field + "\" is " + kind(value) + ", expected a path,"
          + " an array of rows or a JSON object");
    }
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** The request fields of an operation, for messages. */
  private static List<String> fields(String op, CommandSpec spec) {
    Set<String> names = new TreeSet<>();
    for (OptionSpec o : spec.options()) {
      String name = o.longestName().substring(2);
      if (!REFUSED.contains(name)) {
        names.add(name);
      }
    }
    String positional = POSITIONAL.get(op);
    if (positional != null) {
      names.add(positional);
    }
    return new ArrayList<>(names);
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

  private static String kind(JsonNode v) {
    if (v.isNull()) {
      return "null";
    }
    if (v.isTextual()) {
      return "the string \"" + v.textValue() + "\"";
    }
    return v.isArray() ? "an array" : v.isObject() ? "an object" : v.toString();
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
