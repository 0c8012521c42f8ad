package org.provablenets.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.provablenets.cert.CertificateChecker;
import org.provablenets.cert.Checked;
import org.provablenets.exact.lp.LinearProgram;
import org.provablenets.exact.lp.LpResult;
import org.provablenets.exact.lp.LpSolver;
import org.provablenets.exact.qp.QpResult;
import org.provablenets.exact.qp.QpSolver;
import org.provablenets.exact.qp.QuadraticProgram;
import org.provablenets.io.ProgramJson;
import org.provablenets.io.ResultJson;

/**
 * What {@code lp} and {@code qp} are made of, run by the one mechanism {@link
 * CliCommand#solveAndCheck}: read the program, solve it, check its certificate, render the checked
 * result as text or JSON.
 *
 * @param what what the check is about, for the rejection line ({@code "LP certificate"})
 * @param read the parser of the program file
 * @param solve the exact solver
 * @param check the independent checker, returning the result typed {@code @Certified} if accepted
 * @param text the text renderer
 * @param json the JSON renderer
 */
record ProgramKind<P, R>(
    String what,
    Function<Path, P> read,
    Function<P, R> solve,
    BiFunction<P, R, Checked<R>> check,
    TextRenderer<P, R> text,
    JsonRenderer<P, R> json) {

  /** {@code provnets lp}: an exact LP, checked by {@link CertificateChecker#checkLp}. */
  static final ProgramKind<LinearProgram, LpResult> LP =
      new ProgramKind<>("LP certificate", ProgramJson::readLp, LpSolver::solve,
          CertificateChecker::checked, TextReport::lp, ResultJson::lp);

  /** {@code provnets qp}: an exact convex QP, checked by {@link CertificateChecker#checkQp}. */
  static final ProgramKind<QuadraticProgram, QpResult> QP =
      new ProgramKind<>("QP certificate", ProgramJson::readQp, QpSolver::solve,
          CertificateChecker::checked, TextReport::qp, ResultJson::qp);

  /** Prints the report of a checked result. */
  interface TextRenderer<P, R> {
    void render(PrintWriter out, String source, P program, Checked<R> result);
  }

  /** The JSON report of a checked result. */
  interface JsonRenderer<P, R> {
    ObjectNode render(String source, P program, Checked<R> result);
  }
}
