package org.provablenets.cli;

import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.provablenets.cert.Checked;
import org.provablenets.io.InputException;
import org.provablenets.io.OutputFiles;
import org.provablenets.io.ResultJson;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * Common base of the commands: access to the output stream that {@link Main#run} configured, and
 * conversion of file arguments.
 *
 * <p>A command's {@link #call} returns its exit code: {@link Main#OK}, or {@link Main#REJECTED} when
 * a certificate was rejected. Bad input is thrown as an {@link InputException}, which {@link Main}
 * turns into one line on standard error and exit code {@link Main#BAD_INPUT}.
 */
abstract class CliCommand implements Callable<Integer> {
  /** Injected by picocli before {@link #call} runs. */
  @Spec private @Nullable CommandSpec spec;

  /** The picocli command line running this command. */
  final CommandLine commandLine() {
    CommandSpec s = spec;
    if (s == null) {
      throw new IllegalStateException("the command was not started by picocli");
    }
    return s.commandLine();
  }

  /** The standard output that {@link Main#run} configured. */
  final PrintWriter out() {
    return commandLine().getOut();
  }

  /**
   * The path named by a file argument, relative to the current directory.
   *
   * @throws InputException if the text is not a valid file name
   */
  static Path path(String file) {
    try {
      return Path.of(file);
    } catch (InvalidPathException e) {
      throw new InputException(file + ": is not a valid file name (" + e.getReason() + ")", e);
    }
  }

  /**
   * The path of an optional output file, checked writable before any work starts; null when the
   * option was not given.
   *
   * @throws InputException if the name is invalid or the file cannot be written
   */
  static @Nullable Path outputPath(@Nullable String file) {
    if (file == null) {
      return null;
    }
    Path p = path(file);
    OutputFiles.checkWritable(p);
    return p;
  }

  /**
   * The shape of a command, and all of {@code lp} and {@code qp}: parse the file, call the
   * solver, check the result independently, render it (text, or JSON with {@code --json}); the
   * exit code says whether the checker accepted it.
   */
  final <P, R> int solveAndCheck(ProgramKind<P, R> kind, String file, boolean json) {
    P program = kind.read().apply(path(file));
    Checked<R> c = kind.check().apply(program, kind.solve().apply(program));
    if (json) {
      out().println(ResultJson.write(kind.json().render(file, program, c)));
    } else {
      kind.text().render(out(), file, program, c);
    }
    return exitCode(c.verdict(), kind.what());
  }

  /**
   * The exit code of a checked result: {@link Main#OK} if the verdict accepts, else the verdict's
   * failed condition on standard error (one line) and {@link Main#REJECTED}.
   *
   * @param what what was checked, e.g. {@code "T1 certificate"}
   */
  final int exitCode(org.provablenets.cert.Verdict v, String what) {
    return v.accepted() ? Main.OK : failed(what + " rejected: " + v.failure());
  }

  /**
   * Prints a failed condition on standard error (one line, prefixed by the command's name) and
   * returns exit code {@link Main#REJECTED}.
   */
  final int failed(String message) {
    commandLine().getErr().println(commandLine().getCommandSpec().qualifiedName() + ": " + message);
    return Main.REJECTED;
  }
}
