package org.provablenets.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.exact.Rationals;
import org.provablenets.io.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code provnets serve}: a long-running process that answers one JSON request per line with one
 * JSON response per line, so that a test campaign in another language pays for the JVM's start
 * once instead of once per query. The protocol is {@link ServeSession}'s.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    version = "provnets 0.1.0",
    sortOptions = false,
    description = {
      "Reads one JSON request per line on standard input and writes one JSON response per line"
          + " on standard output, in order, until the end of the input.",
      "A request: {\"id\": 7, \"op\": \"gate step\", \"support\": [[1,0],[0,1]], \"w-star\":"
          + " [1,\"1/2\"], \"w\": [0,0], \"eta\": \"1/4\"}: op is ping, lp, qp, erm, verify,"
          + " erm-gap, gate hypotheses|step|run|compare or villani eval|check|gap|sgd; every"
          + " other field is an option of that command without its leading --. A file input"
          + " (data, net, support, trajectory, samples, weights; program for lp/qp, certificate"
          + " for verify) is a path, an array of rows (its CSV form) or an object (its JSON form);"
          + " erm's \"certificate\": true returns the certificate in the response.",
      "A response: the command's --json object with the request's id first; a request that"
          + " fails has an error object {\"code\": 1|2|3, \"message\": ...} instead of an exit"
          + " code (1 a check failed, 2 bad input, 3 a bug). A bad request never ends the server."
    },
    footer = {"%nExit codes: 0 at the end of the input, 2 bad usage (a bad port or cap)."})
final class ServeCommand extends CliCommand {
  @Option(names = "--max-subproblems", paramLabel = "N", defaultValue = "20000",
      description = "the cap on every request's max-subproblems, which defaults to it (default:"
          + " ${DEFAULT-VALUE})")
  private long maxSubproblems = ErmRun.DEFAULT_BUDGET;

  @Option(names = "--port", paramLabel = "P",
      description = "serve the same protocol over TCP on 127.0.0.1:P (0 picks a free port, printed"
          + " on standard error) instead of standard input; connections are answered one after"
          + " another, until the process is stopped")
  private @Nullable Integer port;

  /** Serves until the end of standard input (or, with {@code --port}, until stopped). */
  @Override
  public Integer call() throws IOException {
    long cap = ErmRun.budget(commandLine(), maxSubproblems);
    Integer p = port;
    if (p != null && (p < 0 || p > 65535)) {
      throw new ParameterException(commandLine(), "--port is " + p + ", expected 0 to 65535");
    }
    Path temp = Files.createTempDirectory("provnets-serve-");
    temp.toFile().deleteOnExit();
    ServeSession session = new ServeSession(cap, Rationals.maxDigits(), temp);
    try {
      if (p == null) {
        commandLine().getErr().println("provnets serve: ready (protocol 1), one JSON request per"
            + " line on standard input");
        commandLine().getErr().flush();
        session.serve(reader(System.in), out());
      } else {
        listen(session, p);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    return Main.OK;
  }

  /** Answers TCP connections on the loopback address, one after another. */
  private void listen(ServeSession session, int p) throws IOException {
    try (ServerSocket server = new ServerSocket(p, 50, InetAddress.getLoopbackAddress())) {
      commandLine().getErr().println("provnets serve: listening on 127.0.0.1:"
          + server.getLocalPort() + " (protocol 1)");
      commandLine().getErr().flush();
      while (!server.isClosed()) {
        try (Socket s = server.accept()) {
          Writer w = new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8);
          session.serve(reader(s.getInputStream()), w);
        } catch (IOException | UncheckedIOException e) {
          // A connection that breaks ends itself, not the server.
        }
      }
    } catch (IOException e) {
      throw new InputException("serve: cannot listen on 127.0.0.1:" + p + " (" + e.getMessage()
          + ")", e);
    }
  }

  private static BufferedReader reader(java.io.InputStream in) {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }
}
