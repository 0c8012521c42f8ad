package org.provablenets.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.io.InputException;
import org.provablenets.io.ServeRequests;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command line a request of {@code provnets serve} stands for: its fields are the command's
 * options without their leading {@code --}, read from the command's picocli model, so every option
 * of every served command is available under its own name. Inline file inputs are written to the
 * server's private directory; a field that is not an input of the operation, a missing required
 * field, a refused option or a budget above the server's cap is an {@link InputException}.
 *
 * <p>Cost: one pass over the request's fields, plus writing its inline inputs.
 */
final class ServeArguments {
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
   * Options that write files, read the block tables of sharded runs, or change the output form:
   * not available to a request
   * ({@code ServeTest} checks that every option of a served command whose label names a file is
   * here or in {@link #FILE_INPUTS}).
   */
  static final Set<String> REFUSED = Set.of("json", "help", "version", "checkpoint", "shard",
      "write-tables", "tables", "csv", "plot", "plot-dir", "samples-out", "iterates-out", "coq");

  private final long maxSubproblems;
  private final int maxDigits;
  private final Path temp;
  private final Map<String, CommandSpec> specs = new java.util.HashMap<>();

  /** The top-level command of each operation: the only one its run needs (see Main#COMMANDS). */
  private final Map<String, List<Class<? extends CliCommand>>> tops = new java.util.HashMap<>();

  /** One request as a command line: the commands to load, the arguments, the certificate file. */
  record Call(List<Class<? extends CliCommand>> commands, List<String> args,
      @Nullable Path certificateOut) {}

  /**
   * @param maxSubproblems the cap on every request's {@code max-subproblems}
   * @param maxDigits the digit limit of every number read (the server's {@code --max-digits})
   * @param temp the server's private directory for inline inputs
   */
  ServeArguments(long maxSubproblems, int maxDigits, Path temp) {
    this.maxSubproblems = maxSubproblems;
    this.maxDigits = maxDigits;
    this.temp = temp;
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

  /** The command line of a request whose {@code op} is {@code op} (not {@code ping}). */
  Call call(String op, ObjectNode request) {
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
    return new Call(tops.getOrDefault(op, Main.COMMANDS), args, certificateOut);
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

  private static String kind(JsonNode v) {
    if (v.isNull()) {
      return "null";
    }
    if (v.isTextual()) {
      return "the string \"" + v.textValue() + "\"";
    }
    return v.isArray() ? "an array" : v.isObject() ? "an object" : v.toString();
  }

}
