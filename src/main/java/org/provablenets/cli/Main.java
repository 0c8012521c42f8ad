package org.provablenets.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.cert.CertificateRejectedException;
import org.provablenets.io.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * The {@code provnets} launcher: subcommands {@code lp}, {@code qp}, {@code erm}, {@code verify},
 * {@code erm-gap}, {@code merge}, {@code gate}, {@code villani} and {@code tour}.
 *
 * <p>Exit codes: {@value #OK} success; {@value #REJECTED} a check failed (a certificate was
 * rejected); {@value #BAD_INPUT} bad input or usage; {@value #INTERNAL} an internal error (a bug).
 * Every error is one line on standard error, never a stack trace.
 */
@Command(
    name = "provnets",
    mixinStandardHelpOptions = true,
    version = "provnets 0.1.0",
    description = {
      "Exact, certified reference implementation: every answer comes with a certificate that an"
          + " independent checker verifies in exact rational arithmetic.",
      "Start with 'provnets tour'."
    },
    subcommands = {
      LpCommand.class,
      QpCommand.class,
      ErmCommand.class,
      MergeCommand.class,
      BenchCommand.class,
      VerifyCommand.class,
      ErmGapCommand.class,
      GateCommand.class,
      VillaniCommand.class,
      TourCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:a check failed (a certificate was rejected)",
      "2:bad input or usage",
      "3:internal error (a bug; please report it)"
    })
public final class Main extends CliCommand {
  /** Exit code: success. */
  public static final int OK = 0;

  /** Exit code: a check failed or a certificate was rejected. */
  public static final int REJECTED = 1;

  /** Exit code: bad input or usage. */
  public static final int BAD_INPUT = 2;

  /** Exit code: an internal error. */
  public static final int INTERNAL = 3;

  /** Runs the command line and exits the JVM with its exit code. */
  public static void main(String[] args) {
    System.exit(run(System.out, System.err, args));
  }

  /**
   * Runs the command line with the given arguments, printing to {@code out} and {@code err}, and
   * returns the exit code (it never exits the JVM).
   */
  public static int run(PrintStream out, PrintStream err, String... args) {
    PrintWriter o = writer(out);
    PrintWriter e = writer(err);
    try {
      CommandLine cl = new CommandLine(new Main());
      cl.setOut(o);
      cl.setErr(e);
      cl.setParameterExceptionHandler(Main::onParameterException);
      cl.setExecutionExceptionHandler(Main::onExecutionException);
      return cl.execute(args);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError ex) {
      e.println(internalError(ex));
      return INTERNAL;
    } finally {
      o.flush();
      e.flush();
    }
  }

  /** Called when no subcommand is given: a usage error. */
  @Override
  public Integer call() {
    throw new ParameterException(
        commandLine(),
        "Missing subcommand: choose lp, qp, erm, verify, erm-gap, merge, gate, villani or tour");
  }

  private static PrintWriter writer(PrintStream s) {
    return new PrintWriter(s, true);
  }

  /** Bad usage: one line naming the problem and where to find help. */
  private static int onParameterException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    String name = cmd.getCommandSpec().qualifiedName();
    cmd.getErr().println(name + ": " + oneLine(ex.getMessage()) + " (see '" + name + " --help')");
    return BAD_INPUT;
  }

  /** An exception thrown by a command: bad input, a rejected certificate, or a bug. */
  private static int onExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    if (ex instanceof InputException) {
      err.println(oneLine(ex.getMessage()));
      return BAD_INPUT;
    }
    if (ex instanceof CertificateRejectedException) {
      err.println(oneLine(ex.getMessage()));
      return REJECTED;
    }
    err.println(internalError(ex));
    return INTERNAL;
  }

  private static String internalError(Throwable ex) {
    return "internal error: " + ex.getClass().getSimpleName() + ": " + oneLine(ex.getMessage());
  }

  /** The message on one line (line breaks become spaces). */
  private static String oneLine(@Nullable String message) {
    return message == null ? "(no message)" : message.replaceAll("\\s*\\R\\s*", " ").trim();
  }
}
