package org.provablenets.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apfloat.ApfloatContext;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.cert.CertificateRejectedException;
import org.provablenets.exact.Rationals;
import org.provablenets.io.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine;

/**
 * The {@code provnets} launcher: subcommands {@code lp}, {@code qp}, {@code erm}, {@code verify},
 * {@code erm-gap}, {@code merge}, {@code gate}, {@code villani}, {@code tour} and {@code serve}.
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
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:a check failed (a certificate was rejected)",
      "2:bad input or usage",
      "3:internal error (a bug; please report it with the command line that caused it)"
    },
    footer = {
      "%nLimits: every exact number may have at most --max-digits digits (default "
          + Rationals.DEFAULT_MAX_DIGITS + ") in its numerator and its denominator, written out;"
          + " each command's --help gives the ranges of its options; the README lists them all.",
      "apfloat (the arbitrary-precision library) keeps every number in memory and never writes"
          + " to disk; a computation too large for memory is refused (exit 2)."
    })
public final class Main extends CliCommand {
  /**
   * The subcommands, in the order of the help. They are added to the root when it is made
   * ({@link #commandLine}) rather than listed in the annotation, so that {@code serve} can make a
   * root holding only the command a request needs: picocli builds the model of every command it
   * is given, which costs milliseconds per request for all of them.
   */
  static final List<Class<? extends CliCommand>> COMMANDS = List.of(
      LpCommand.class, QpCommand.class, ErmCommand.class, MergeCommand.class, BenchCommand.class,
      VerifyCommand.class, ErmGapCommand.class, GateCommand.class, VillaniCommand.class,
      TourCommand.class, ServeCommand.class, ExportCoqCommand.class);

  /** Exit code: success. */
  public static final int OK = 0;

  /** Exit code: a check failed or a certificate was rejected. */
  public static final int REJECTED = 1;

  /** Exit code: bad input or usage. */
  public static final int BAD_INPUT = 2;

  /** Exit code: an internal error. */
  public static final int INTERNAL = 3;

  /**
   * {@code --max-digits N}, accepted before or after the subcommand's name: the digit limit of
   * every exact number read ({@link Rationals#maxDigits}). It is set for each run and reset to the
   * default afterwards, so runs in one JVM (the tests) do not leak it into each other.
   */
  @Option(names = "--max-digits", paramLabel = "N", scope = ScopeType.INHERIT,
      converter = MaxDigits.class,
      description = "the most digits an exact input number's numerator or denominator may have,"
          + " written out (an exponent counts as its zeros), from 1 to " + Rationals.MAX_MAX_DIGITS
          + " (default " + Rationals.DEFAULT_MAX_DIGITS + ")")
  void maxDigits(int digits) {
    Rationals.setMaxDigits(digits);
  }

  /** Reads {@code --max-digits}, with its range as a one-sentence usage error. */
  static final class MaxDigits implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int n;
      try {
        n = Integer.parseInt(value.strip());
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 1 || n > Rationals.MAX_MAX_DIGITS) {
        throw new TypeConversionException("--max-digits is '" + value + "', expected a whole"
            + " number from 1 to " + Rationals.MAX_MAX_DIGITS);
      }
      return n;
    }
  }

  static {
    configureApfloat();
  }

  /**
   * apfloat stores a number larger than its memory threshold in a file, by default in the current
   * directory (and an unwritable directory then fails with a storage error). The command line
   * keeps every number in memory (threshold {@code Long.MAX_VALUE}), and points the file path, in
   * case any storage is still made, at a fresh directory under the system temporary directory,
   * deleted on exit. Called once, before any apfloat number exists.
   */
  static void configureApfloat() {
    ApfloatContext ctx = ApfloatContext.getGlobalContext();
    ctx.setMemoryThreshold(Long.MAX_VALUE);
    try {
      Path dir = Files.createTempDirectory("provnets-apfloat-");
      dir.toFile().deleteOnExit();
      ctx.setProperty(ApfloatContext.FILE_PATH, dir.toString() + java.io.File.separator);
    } catch (IOException | SecurityException e) {
      // No temporary directory: the threshold above already keeps apfloat off the disk.
    }
  }

  /** Runs the command line and exits the JVM with its exit code. */
  public static void main(String[] args) {
    System.exit(run(System.out, System.err, args));
  }

  /**
   * Runs the command line with the given arguments, printing to {@code out} and {@code err}, and
   * returns the exit code (it never exits the JVM).
   */
  public static int run(PrintStream out, PrintStream err, String... args) {
    return run(out, err, COMMANDS, true, args);
  }

  /**
   * The root command line with the given subcommands (in {@link #COMMANDS} order for the help).
   */
  static CommandLine commandLine(List<Class<? extends CliCommand>> commands) {
    CommandLine cl = new CommandLine(new Main());
    CommandLine.IFactory factory = CommandLine.defaultFactory();
    for (Class<? extends CliCommand> c : commands) {
      try {
        cl.addSubcommand(factory.create(c));
      } catch (Exception ex) {
        throw new IllegalStateException("command " + c.getSimpleName() + " cannot be made", ex);
      }
    }
    return cl;
  }

  /**
   * {@link #run(PrintStream, PrintStream, String...)} with a root holding only the given
   * subcommands (the first argument must name one of them).
   *
   * @param atFiles whether an argument {@code @FILE} is replaced by the arguments in FILE
   *     (picocli's default, kept for the command line; {@code serve} turns it off, so that a
   *     request's value can neither read a file nor smuggle in options)
   */
  static int run(PrintStream out, PrintStream err, List<Class<? extends CliCommand>> commands,
      boolean atFiles, String... args) {
    PrintWriter o = writer(out);
    PrintWriter e = writer(err);
    Rationals.setMaxDigits(Rationals.DEFAULT_MAX_DIGITS);
    try {
      CommandLine cl = commandLine(commands);
      cl.setExpandAtFiles(atFiles);
      cl.setOut(o);
      cl.setErr(e);
      cl.setParameterExceptionHandler(Main::onParameterException);
      cl.setExecutionExceptionHandler(Main::onExecutionException);
      return cl.execute(args);
    } catch (OutOfMemoryError ex) {
      e.println(TOO_LARGE);
      return BAD_INPUT;
    } catch (RuntimeException | StackOverflowError ex) {
      e.println(internalError(ex));
      return INTERNAL;
    } finally {
      Rationals.setMaxDigits(Rationals.DEFAULT_MAX_DIGITS);
      o.flush();
      e.flush();
    }
  }

  /** Called when no subcommand is given: a usage error. */
  @Override
  public Integer call() {
    throw new ParameterException(
        commandLine(),
        "Missing subcommand: choose lp, qp, erm, verify, erm-gap, merge, gate, villani, tour"
            + " or serve");
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

  /** What a computation too large for this JVM's memory prints (exit 2). */
  static final String TOO_LARGE = "the computation needs more memory than this JVM has: make the"
      + " input smaller (fewer points, digits or steps) or give Java more memory (java -Xmx...)";

  /**
   * An exception thrown by a command: bad input, a rejected certificate, a computation beyond
   * memory or beyond apfloat's number range (both caused by the input's size), or a bug.
   */
  private static int onExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    if (ex instanceof org.apfloat.OverflowException
        || ex instanceof org.apfloat.internal.TransformLengthExceededException) {
      err.println(cmd.getCommandSpec().qualifiedName() + ": the numbers are too large for"
          + " apfloat (" + oneLine(ex.getMessage()) + "): make the inputs smaller in magnitude"
          + " or in digits");
      return BAD_INPUT;
    }
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
    return "internal error (a bug; please report it with the command line that caused it): "
        + ex.getClass().getSimpleName() + ": " + oneLine(ex.getMessage());
  }

  /** The message on one line (line breaks become spaces). */
  private static String oneLine(@Nullable String message) {
    return message == null ? "(no message)" : message.replaceAll("\\s*\\R\\s*", " ").trim();
  }
}
