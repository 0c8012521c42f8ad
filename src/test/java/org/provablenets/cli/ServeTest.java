package org.provablenets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provablenets.cli.MainTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code provnets serve}: each response is the command's own {@code --json} object with the id
 * first (compared field by field with a run of the command line on the same input as files),
 * inline inputs are exact, errors are one {@code error} object with the exit code the command
 * line would give, and no request ends the session.
 */
class ServeTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  private ServeSession session(long cap) throws IOException {
    return new ServeSession(cap, org.provablenets.exact.Rationals.DEFAULT_MAX_DIGITS,
        Files.createDirectory(dir.resolve("serve-" + System.nanoTime())));
  }

  private static JsonNode read(String line) throws IOException {
    assertFalse(line.contains("\n"), "one line");
    return MAPPER.readTree(line);
  }

  /** The response to one request line, on a fresh session with the default cap. */
  private JsonNode ask(String request) throws IOException {
    return read(session(ErmRun.DEFAULT_BUDGET).answer(request));
  }

  private static void assertError(JsonNode r, int code, String... parts) {
    JsonNode e = r.get("error");
    assertTrue(e != null && e.isObject(), () -> "an error object in " + r);
    assertEquals(code, e.get("code").intValue(), () -> "code in " + r);
    String m = e.get("message").textValue();
    assertFalse(m.contains("\n") || m.contains("Exception") || m.contains("at org."), m);
    for (String p : parts) {
      assertTrue(m.contains(p), () -> "'" + p + "' in: " + m);
    }
  }

  /** The response without its id, with the inline input's name replaced by the file's. */
  private static JsonNode withoutId(JsonNode r, String field, String file) {
    ObjectNode o = ((ObjectNode) r).deepCopy();
    o.remove("id");
    if (o.has(field) && !o.get(field).textValue().equals(file)) {
      assertEquals("request field '" + field + "'", o.get(field).textValue());
      o.put(field, file);
    }
    return o;
  }

  @Test
  void pingAnswersWithTheOperationsAndEchoesAnyId() throws IOException {
    JsonNode r = ask("{\"id\": {\"case\": [1, \"a\"]}, \"op\": \"ping\"}");
    assertEquals(MAPPER.readTree("{\"case\": [1, \"a\"]}"), r.get("id"));
    assertTrue(r.get("pong").booleanValue());
    assertEquals(ServeArguments.OPERATIONS.size(), r.get("operations").size());
    assertNull(r.get("error"));
    assertTrue(ask("{\"op\": \"ping\"}").get("id").isNull(), "id null when absent");
  }

  @Test
  void everyServedOperationIsACommandWithJsonOutput() throws IOException {
    // The session resolves each operation in the picocli model when it is made; a request for
    // each without inputs is refused for a missing input, not as an unknown operation.
    ServeSession s = session(10);
    for (String op : ServeArguments.OPERATIONS) {
      JsonNode r = read(s.answer("{\"op\": \"" + op + "\"}"));
      JsonNode e = r.get("error");
      assertEquals(2, e.get("code").intValue(), op);
      assertFalse(e.get("message").textValue().contains("expected ping or one of"), op);
    }
  }

  @Test
  void gateStepInlineIsTheCommandLinesJsonObject() throws IOException {
    Path support = dir.resolve("square.csv");
    Files.writeString(support, "1,0\n0,1\n");
    MainTest.Run cli = run("gate", "step", "--support", support.toString(), "--w-star", "2,1",
        "--w", "-1,1", "--eta", "1/2", "--batch", "2", "--json");
    assertEquals(0, cli.code, cli.err);
    JsonNode r = ask("{\"id\": 7, \"op\": \"gate step\", \"support\": [[1, 0], [\"0\", 1.0]],"
        + " \"w-star\": [2, 1], \"w\": \"-1,1\", \"eta\": 0.5, \"batch\": 2}");
    assertEquals(7, r.get("id").intValue());
    assertEquals("id", r.fieldNames().next(), "id first");
    assertNull(r.get("error"));
    assertEquals(MAPPER.readTree(cli.out), withoutId(r, "support", support.toString()));
    assertEquals("893/128", r.get("expectedSquaredDistance").get("exact").textValue());
    // The same request with the support given by path.
    JsonNode byPath = ask("{\"op\": \"gate step\", \"support\": " + MAPPER.writeValueAsString(
        support.toString()) + ", \"w-star\": [2, 1], \"w\": [-1, 1], \"eta\": \"1/2\","
        + " \"batch\": 2}");
    assertEquals(MAPPER.readTree(cli.out), withoutId(byPath, "support", support.toString()));
  }

  @Test
  void numbersAreExactDecimalsNotBinaryDoubles() throws IOException {
    // 0.1 as a JSON number is the rational 1/10, as the string "1/10" and as {"exact": "1/10"}.
    String a = "{\"op\": \"erm\", \"width\": 1, \"data\": {\"x\": [[0], [1], [2]], \"y\": [0.1,"
        + " 0.7, 0.2]}}";
    String b = "{\"op\": \"erm\", \"width\": 1, \"data\": [[0, \"1/10\"], [1, \"7/10\"],"
        + " [2, {\"exact\": \"1/5\"}]]}";
    JsonNode ra = ask(a);
    JsonNode rb = ask(b);
    assertNull(ra.get("error"), ra::toString);
    assertEquals(ra.get("optimum"), rb.get("optimum"));
    assertEquals(ra.get("net"), rb.get("net"));
    // A binary double near 0.1 is another number, and gives another optimum.
    JsonNode rc = ask(a.replace("0.1,", "0.1000000000000000055511151231257827021181583404541015625,"));
    assertFalse(ra.get("optimum").equals(rc.get("optimum")));
  }

  @Test
  void ermReturnsItsCertificateWhichVerifyAcceptsAndATamperedOneIsRejectedWithCode1()
      throws IOException {
    String data = "{\"x\": [[0], [1], [2], [3]], \"y\": [0, 1, \"1/2\", 2]}";
    ServeSession s = session(ErmRun.DEFAULT_BUDGET);
    JsonNode r = read(s.answer("{\"op\": \"erm\", \"width\": 1, \"certificate\": true,"
        + " \"data\": " + data + "}"));
    assertNull(r.get("error"), r::toString);
    assertEquals("27/160", r.get("optimum").textValue());
    JsonNode cert = r.get("certificate");
    assertEquals("27/160", cert.get("optimum").textValue(), cert::toString);
    JsonNode v = read(s.answer("{\"op\": \"verify\", \"certificate\": "
        + MAPPER.writeValueAsString(cert) + ", \"data\": " + data + "}"));
    assertNull(v.get("error"), v::toString);
    assertTrue(v.get("certified").booleanValue());

    ObjectNode bad = cert.deepCopy();
    bad.put("optimum", "27/161");
    JsonNode w = read(s.answer("{\"op\": \"verify\", \"certificate\": "
        + MAPPER.writeValueAsString(bad) + ", \"data\": " + data + "}"));
    assertError(w, 1, "rejected");
    assertFalse(w.get("certified").booleanValue(), "the report is there with the error");
  }

  @Test
  void aFailedCheckIsCode1WithTheReportAndTheFailedCondition() throws IOException {
    JsonNode r = ask("{\"op\": \"gate step\", \"support\": [[2,0],[0,0],[1,1],[1,-1],[2,1],"
        + "[0,-1]], \"asymmetric\": true, \"w-star\": [1, \"-1/2\"], \"w\": [0, 0],"
        + " \"eta\": \"1/10\"}");
    assertError(r, 1, "the symmetry lemma fails", "defect [3/4, 0]");
    assertFalse(r.get("lemmaHolds").booleanValue());
  }

  @Test
  void badRequestsAreCode2NamingTheFieldAndTheSessionGoesOn() throws IOException {
    String good = "{\"id\": \"ok\", \"op\": \"gate step\", \"support\": [[1,0],[0,1]],"
        + " \"w-star\": [2,1], \"w\": [-1,1], \"eta\": \"1/2\"}";
    String[][] cases = {
      {"not json", "request line 1 is not JSON"},
      {"[1, 2]", "request line 4 is an array, expected a JSON object"},
      {"{\"id\": 3}", "no \"op\" string"},
      {"{\"op\": \"tour\"}", "\"op\" is \"tour\", expected ping or one of"},
      {"{\"op\": \"gate step\", \"support\": [[1,0]], \"w\": [0,0], \"eta\": 1}",
        "no field \"w-star\", which gate step requires"},
      {good.replace("\"eta\"", "\"etta\""), "field \"etta\" is not an input of gate step"},
      {"{\"op\": \"gate run\", \"support\": [[1,0]], \"w-star\": [1,0], \"steps\": 2,"
          + " \"seed\": 1, \"csv\": \"out.csv\"}", "field \"csv\" is not an input of gate run"},
      {good.replace("[[1,0],[0,1]]", "[[1,0],[0]]"), "request field 'support'", "line 2"},
      {good.replace("[[1,0],[0,1]]", "[[1,0],[0,\"1,2\"]]"), "field \"support\"[1][1]",
        "may not hold a comma"},
      {good.replace("[[1,0],[0,1]]", "[[1,0],[0,NaN]]"), "field \"support\"[1][1] is invalid",
        "NaN"},
      {good.replace("[[1,0],[0,1]]", "[[1,0],[0,null]]"), "field \"support\"[1][1] must be a"
          + " number"},
      {good.replace("[[1,0],[0,1]]", "17"), "field \"support\" is 17, expected a path"},
      {good.replace("\"1/2\"", "\"1/0\""), "--eta"},
      {good.replace("[[1,0],[0,1]]", "\"no-such-file.csv\""), "no-such-file.csv: no such file"},
      {"{\"op\": \"erm\", \"width\": 1, \"data\": [[0,1],[1,0]], \"certificate\": \"c.json\"}",
        "field \"certificate\" of erm is the string \"c.json\", expected true"},
      {"{\"op\": \"erm\", \"width\": 1, \"data\": [[0,1],[1,0]], \"output-bias\": 1}",
        "field \"output-bias\" is 1, expected true or false"},
    };
    StringBuilder in = new StringBuilder();
    for (String[] c : cases) {
      in.append(c[0]).append('\n').append(good).append("\n\n");
    }
    StringWriter out = new StringWriter();
    session(ErmRun.DEFAULT_BUDGET).serve(new BufferedReader(new StringReader(in.toString())), out);
    String[] lines = out.toString().split("\n");
    assertEquals(2 * cases.length, lines.length, "one response per request, blank lines skipped");
    for (int i = 0; i < cases.length; i++) {
      String[] c = cases[i];
      JsonNode bad = read(lines[2 * i]);
      assertError(bad, 2, java.util.Arrays.copyOfRange(c, 1, c.length));
      JsonNode ok = read(lines[2 * i + 1]);
      assertNull(ok.get("error"), () -> "the session goes on after " + c[0] + ": " + ok);
      assertEquals("ok", ok.get("id").textValue());
    }
  }

  /**
   * Found by review: a request's value could read a file through picocli's {@code @FILE}
   * expansion (and smuggle in refused options), inline rows such as {@code ["#5", 7]} or an
   * empty row became a comment or a blank line of the CSV (a row silently lost), a path such as
   * {@code --help} was read as an option, and non-ASCII text depended on the output's charset.
   */
  @Test
  void requestValuesStayValues() throws IOException {
    Path args = dir.resolve("args.txt");
    Path injected = dir.resolve("injected.csv");
    Files.writeString(args, "1/4\n--csv\n" + injected + "\n");
    String run = "{\"op\": \"gate run\", \"support\": [[1,0],[0,1]], \"w-star\": [1,0],"
        + " \"steps\": 3, \"seed\": 1, \"eta\": " + MAPPER.writeValueAsString("@" + args)
        + "}";
    assertError(ask(run), 2, "--eta", "@" + args);
    assertFalse(Files.exists(injected), "no file written through an @file");
    String step = "{\"op\": \"gate step\", \"support\": SUPPORT, \"w-star\": [2,1],"
        + " \"w\": [-1,1], \"eta\": \"1/2\"}";
    assertError(ask(step.replace("SUPPORT", "[[\"#5\", 7], [1, 0], [0, 1]]")), 2,
        "field \"support\"[0][0] is invalid", "#5");
    assertError(ask(step.replace("SUPPORT", "[[], [1, 0], [0, 1]]")), 2,
        "field \"support\"[0] is an empty row");
    assertError(ask(step.replace("SUPPORT", "[[\"1/0\", \"2/0\"], [1, 0], [0, 1]]")), 2,
        "field \"support\"[0][0] is invalid");
    assertError(ask("{\"op\": \"lp\", \"program\": \"--help\"}"), 2, "--help: no such file");
    assertError(ask(step.replace("SUPPORT", "\"-x.csv\"")), 2, "-x.csv: no such file");
    assertError(ask("{\"op\": \"gate run\", \"support\": [[1,0]], \"w-star\": [1,0],"
        + " \"steps\": 2, \"seed\": 1, \"samples-out\": \"s.csv\"}"), 2,
        "field \"samples-out\" is not an input of gate run");
    String line = session(10).answer("{\"id\": \"\u00e9\u2013\u03bb\", \"op\": \"ping\"}");
    assertTrue(line.chars().allMatch(c -> c < 128), line);
    assertEquals("\u00e9\u2013\u03bb", read(line).get("id").textValue());
    JsonNode huge = ask("{\"id\": 1, \"op\": \"ping\", \"x\": 1e99999999999}");
    assertError(huge, 2, "request line 0 has a number out of range");
  }

  /** Every option of a served command whose label names a file is an input or refused. */
  @Test
  void everyFileOptionIsAnInputOrRefused() {
    picocli.CommandLine root = Main.commandLine(Main.COMMANDS);
    int files = 0;
    for (String op : ServeArguments.OPERATIONS) {
      picocli.CommandLine cl = root;
      for (String word : op.split(" ")) {
        cl = cl.getSubcommands().get(word);
      }
      for (picocli.CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
        String name = o.longestName().substring(2);
        if (!o.typeInfo().isBoolean()
            && o.paramLabel().matches("(?i).*(file|out\\.|\\.csv|\\.json|\\.png|\\.npz|dir).*")) {
          files++;
          assertTrue(ServeArguments.FILE_INPUTS.contains(name) || ServeArguments.REFUSED.contains(name)
              || (op.equals("erm") && name.equals("certificate")),
              () -> op + " --" + name + " (" + o.paramLabel() + ") is neither an input nor refused");
        }
      }
    }
    assertTrue(files >= 15, "the file options were found: " + files);
  }

  /** A line beyond the limit is refused and skipped; a raw carriage return is JSON white space. */
  @Test
  void longLinesAreRefusedAndCarriageReturnsDoNotSplitRequests() throws IOException {
    ServeSession s = new ServeSession(10, org.provablenets.exact.Rationals.DEFAULT_MAX_DIGITS,
        Files.createDirectory(dir.resolve("small")), 100);
    String in = "{\"op\": \"ping\", \"pad\": \"" + "x".repeat(200) + "\"}\n"
        + "{\"id\": 2,\r \"op\": \"ping\"}\r\n"
        + "{\"id\": 3, \"op\": \"ping\"}";
    StringWriter out = new StringWriter();
    s.serve(new BufferedReader(new StringReader(in)), out);
    String[] lines = out.toString().split("\n");
    assertEquals(3, lines.length, out::toString);
    assertError(read(lines[0]), 2, "request line 1 is longer than 100 characters");
    assertEquals(2, read(lines[1]).get("id").intValue());
    assertEquals(3, read(lines[2]).get("id").intValue());
  }

  @Test
  void theServersCapBoundsEveryRequest() throws IOException {
    ServeSession s = session(10);
    String data = "[[0,0],[1,1],[2,\"1/2\"],[3,2]]";
    assertError(read(s.answer("{\"op\": \"erm\", \"width\": 1, \"max-subproblems\": 11,"
        + " \"data\": " + data + "}")), 2, "above this server's cap of 10");
    // Without the field, the cap is the budget: this run needs 16 subproblems.
    assertError(read(s.answer("{\"op\": \"erm\", \"width\": 1, \"data\": " + data + "}")), 2,
        "16");
    JsonNode ok = read(session(16).answer("{\"op\": \"erm\", \"width\": 1, \"data\": " + data
        + "}"));
    assertNull(ok.get("error"), ok::toString);
  }

  @Test
  void inlineInputsAreDeletedAfterEachRequest() throws IOException {
    Path temp = Files.createDirectory(dir.resolve("private"));
    ServeSession s = new ServeSession(ErmRun.DEFAULT_BUDGET,
        org.provablenets.exact.Rationals.DEFAULT_MAX_DIGITS, temp);
    read(s.answer("{\"op\": \"erm\", \"width\": 1, \"certificate\": true, \"data\":"
        + " [[0,0],[1,1],[2,0]]}"));
    read(s.answer("{\"op\": \"gate step\", \"support\": [[1,0],[0,1,2]], \"w-star\": [1,0],"
        + " \"w\": [0,0], \"eta\": 1}"));
    try (Stream<Path> left = Files.list(temp)) {
      assertEquals(0, left.count());
    }
  }

  /** The command line of a child JVM running {@code provnets ARGS} on the test class path. */
  private static List<String> child(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    String cp = System.getProperty("surefire.test.class.path");
    cmd.add(cp == null || cp.isBlank() ? System.getProperty("java.class.path") : cp);
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** The real thing: a child JVM reading stdin, answering on stdout, ending at EOF with 0. */
  @Test
  void aChildProcessAnswersEachLineAndEndsAtEndOfInput() throws Exception {
    Process p = new ProcessBuilder(child("serve")).redirectError(dir.resolve("err.txt").toFile())
        .start();
    try (Writer w = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
      w.write("{\"id\": 1, \"op\": \"ping\"}\n");
      w.write("{\"id\": 2, \"op\": \"nope\"}\n");
      w.write("{\"id\": 3, \"op\": \"gate step\", \"support\": [[1,0],[0,1]], \"w-star\": [2,1],"
          + " \"w\": [-1,1], \"eta\": \"1/2\"}\n");
    }
    List<String> lines;
    try (BufferedReader r = new BufferedReader(
        new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      lines = r.lines().toList();
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ends at the end of its input");
    assertEquals(0, p.exitValue());
    assertEquals(3, lines.size(), lines::toString);
    assertTrue(read(lines.get(0)).get("pong").booleanValue());
    assertError(read(lines.get(1)), 2, "\"op\" is \"nope\"");
    assertEquals("113/16",
        read(lines.get(2)).get("expectedSquaredDistance").get("exact").textValue());
    String err = Files.readString(dir.resolve("err.txt"));
    assertEquals(1, err.strip().lines().count(), () -> "one start-up line on stderr: " + err);
  }

  /** {@code --port 0}: the same protocol over loopback TCP, connections one after another. */
  @Test
  void theSameProtocolOverALoopbackPort() throws Exception {
    Process p = new ProcessBuilder(child("serve", "--port", "0")).start();
    try {
      String first;
      try {
        first = new BufferedReader(new java.io.InputStreamReader(p.getErrorStream(),
            StandardCharsets.UTF_8)).readLine();
      } finally {
        p.getOutputStream().close();
      }
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher(first);
      assertTrue(m.find(), first);
      int port = Integer.parseInt(m.group(1));
      for (int connection = 1; connection <= 2; connection++) {
        try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(),
                port);
            Writer w = new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8);
            BufferedReader r = new BufferedReader(
                new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
          w.write("{\"id\": " + connection + ", \"op\": \"gate step\", \"support\": [[1,0],[0,1]],"
              + " \"w-star\": [2,1], \"w\": [-1,1], \"eta\": \"1/2\"}\nnot json\n");
          w.flush();
          JsonNode a = read(r.readLine());
          assertEquals(connection, a.get("id").intValue());
          assertEquals("113/16", a.get("expectedSquaredDistance").get("exact").textValue());
          assertError(read(r.readLine()), 2, "is not JSON");
        }
      }
      assertTrue(p.isAlive(), "the server outlives its connections");
    } finally {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void badServerOptionsAreExit2() {
    MainTest.assertUsageOrInputError(run("serve", "--port", "70000"), "--port is 70000");
    MainTest.assertUsageOrInputError(run("serve", "--max-subproblems", "0"), "--max-subproblems");
  }
}
