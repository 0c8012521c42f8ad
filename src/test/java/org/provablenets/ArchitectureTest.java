package org.provablenets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Keeps the direction of the arrows of the architecture ({@code DESIGN.md}, "Architecture"):
 *
 * <pre>
 *   cli, io, bench  --&gt;  erm (T1)  gate (T2)  villani (T3)  --&gt;  exact (numeric core)
 *                            \          |          /
 *                             cert (certificates and the independent checker)
 * </pre>
 *
 * <p>Every reference from a main source file to another project package counts: {@code import}
 * and {@code import static} lines, and fully qualified names written in code ({@code
 * org.provablenets.cli.Main.run(...)} with no import). Files are read with the JDK's own parser
 * ({@code com.sun.source}), so a name in a comment, a Javadoc tag or a string literal is not a
 * reference. The rules ({@link #RULES}), each a forbidden (from, to) pair:
 *
 * <ol>
 *   <li>{@code exact} and its subpackages know no neural nets and no layer above them: no {@code
 *       erm}, {@code gate}, {@code villani}, {@code cert}, {@code io}, {@code cli}, {@code bench},
 *       {@code report}. Inside {@code exact}: the root imports none of its subpackages, {@code
 *       linalg} no {@code lp}/{@code qp}, {@code lp} no {@code qp}, {@code hint} (the {@code
 *       double} solvers) nothing but {@code qual}.
 *   <li>The theorem packages {@code erm}, {@code gate}, {@code villani} never import {@code cli},
 *       {@code io}, {@code report}, {@code bench}, nor {@code cert} (the checker reads the
 *       theorems' certificate types, so a theorem importing {@code cert} would be a cycle), nor
 *       each other (one package per theorem).
 *   <li>{@code cert} never imports {@code cli}, {@code io}, {@code report}, {@code bench}, nor a
 *       solver ({@link #SOLVERS}): "the checker never calls the solver".
 *   <li>{@code io} imports no {@code cli}, {@code bench}, {@code report}; {@code bench} no {@code
 *       cli}, {@code io}, {@code report}; {@code qual} no other project package.
 *   <li>Nobody imports {@code cli} except {@code cli}.
 * </ol>
 *
 * <p>A violation that needs a real redesign rather than a move is listed in {@link
 * #KNOWN_EXCEPTIONS} (one class to one class, with its reason). The list may only shrink: an
 * exception that no longer occurs fails the test (delete it), and nothing else is exempt. Every
 * main package must be one of {@link #PACKAGES} (so a new package gets its arrows decided here)
 * and have a {@code package-info.java}.
 */
class ArchitectureTest {
  private static final String ROOT_PACKAGE = "org.provablenets";
  private static final Path ROOT = projectRoot();
  private static final Path MAIN = ROOT.resolve("src/main/java");

  /** Every main package, relative to {@code org.provablenets}. */
  static final Set<String> PACKAGES =
      Set.of(
          "exact", "exact.linalg", "exact.lp", "exact.qp", "exact.enclosure", "exact.hint", "qual",
          "erm", "gate", "villani", "cert", "io", "cli", "bench");

  private static final Set<String> THEOREMS = Set.of("erm", "gate", "villani");

  /**
   * The classes that compute the answers that certificates and checks attest to (read from the
   * code): the LP and QP solvers, exact and {@code double}; T1's Algorithm 1, its pattern
   * enumeration (which runs the LP solver) and its gradient-descent baseline; T2's hypothesis
   * checker (which derives the certified bounds and constants), its exact quantities, its runs and
   * the services the commands call (run, Monte Carlo check, step, comparison, the tour's example);
   * T3's conditions checker (which derives the constants and the radius) and its numerics.
   */
  static final Set<String> SOLVERS =
      Set.of(
          "exact.lp.LpSolver",
          "exact.qp.QpSolver",
          "exact.qp.Lemke",
          "exact.qp.FilteredQpSolver",
          "exact.hint.DoubleLemke",
          "exact.hint.DoubleQp",
          "exact.hint.DoubleSimplex",
          "erm.ErmSolver",
          "erm.Patterns",
          "erm.SgdBaseline",
          "gate.GateHypotheses",
          "gate.GateMath",
          "gate.GateIteration",
          "gate.GateExactRun",
          "gate.GateMonteCarlo",
          "gate.GateAssessment",
          "gate.GateRun",
          "gate.GateMcCheck",
          "gate.GateStep",
          "gate.GateComparison",
          "gate.GateExample",
          "villani.VillaniChecker",
          "villani.SgdMonteCarlo",
          "villani.SpectralGap",
          "villani.SpectralGap2");

  /**
   * Known violations, to be removed by the redesign of issue 12 (item 2), never added to without
   * a review: "from class -&gt; to class" (relative to {@code org.provablenets}) and why it is
   * here.
   */
  static final Map<String, String> KNOWN_EXCEPTIONS = Map.of(); // issue 12 removed the last one

  /** One arrow that must not exist. */
  record Rule(String name, Predicate<String> from, Predicate<Reference> to) {}

  static final List<Rule> RULES =
      List.of(
          new Rule(
              "exact knows no neural nets and no layer above it",
              ArchitectureTest::inExact,
              r -> !r.toPackage().equals("exact") && !r.toPackage().startsWith("exact.")
                  && !r.toPackage().equals("qual")),
          new Rule(
              "exact's root imports none of its subpackages",
              p -> p.equals("exact"),
              r -> r.toPackage().startsWith("exact.")),
          new Rule(
              "exact.linalg imports neither exact.lp nor exact.qp",
              p -> p.equals("exact.linalg"),
              r -> r.toPackage().equals("exact.lp") || r.toPackage().equals("exact.qp")),
          new Rule(
              "exact.hint imports no other project package but qual",
              p -> p.equals("exact.hint"),
              r -> !r.toPackage().equals("exact.hint") && !r.toPackage().equals("qual")),
          new Rule(
              "exact.lp imports no exact.qp",
              p -> p.equals("exact.lp"),
              r -> r.toPackage().equals("exact.qp")),
          new Rule(
              "a theorem package imports no cli, io, report, bench or cert",
              THEOREMS::contains,
              r -> Set.of("cli", "io", "report", "bench", "cert").contains(r.toPackage())),
          new Rule(
              "a theorem package imports no other theorem package",
              THEOREMS::contains,
              r -> THEOREMS.contains(r.toPackage()) && !r.toPackage().equals(r.fromPackage())),
          new Rule(
              "cert imports no cli, io, report or bench",
              p -> p.equals("cert"),
              r -> Set.of("cli", "io", "report", "bench").contains(r.toPackage())),
          new Rule(
              "cert never calls a solver",
              p -> p.equals("cert"),
              r -> r.toClass() != null && SOLVERS.contains(r.toPackage() + "." + r.toClass())),
          new Rule(
              "io imports no cli, report or bench",
              p -> p.equals("io"),
              r -> Set.of("cli", "report", "bench").contains(r.toPackage())),
          new Rule(
              "bench imports no cli, io or report",
              p -> p.equals("bench"),
              r -> Set.of("cli", "io", "report").contains(r.toPackage())),
          new Rule(
              "qual imports no other project package",
              p -> p.equals("qual"),
              r -> !r.toPackage().equals("qual")),
          new Rule(
              "nobody imports cli except cli",
              p -> !p.equals("cli"),
              r -> r.toPackage().equals("cli")));

  private static boolean inExact(String pkg) {
    return pkg.equals("exact") || pkg.startsWith("exact.");
  }

  /**
   * One reference from a source file to a project package: packages relative to {@code
   * org.provablenets}, {@code toClass} the top-level class named (null for a wildcard import of a
   * package).
   */
  record Reference(
      String file, long line, String fromPackage, String fromClass, String toPackage,
      String toClass) {
    String pair() {
      return fromPackage + "." + fromClass + " -> " + toPackage + "." + toClass;
    }

    String where() {
      String target = toPackage + (toClass == null ? ".*" : "." + toClass);
      return file + ":" + line + ": " + fromPackage + "." + fromClass + " -> " + target;
    }
  }

  @Test
  void mainCodeKeepsTheDirectionOfTheArrows() {
    List<Reference> refs = references(mainSources());
    List<String> violations = violations(refs, KNOWN_EXCEPTIONS.keySet());
    assertTrue(
        violations.isEmpty(),
        "references against the architecture's arrows (DESIGN.md; the rules are in"
            + " ArchitectureTest):\n  " + String.join("\n  ", violations));
    Set<String> used = new TreeSet<>();
    for (Reference r : refs) {
      if (KNOWN_EXCEPTIONS.containsKey(r.pair()) && !ruleNames(r).isEmpty()) {
        used.add(r.pair());
      }
    }
    Set<String> stale = new TreeSet<>(KNOWN_EXCEPTIONS.keySet());
    stale.removeAll(used);
    assertTrue(
        stale.isEmpty(),
        "known exceptions that no longer occur (remove them from KNOWN_EXCEPTIONS): " + stale);
  }

  @Test
  void everyMainPackageIsKnownAndHasAPackageInfo() throws IOException {
    Set<String> found = new TreeSet<>();
    try (Stream<Path> s = Files.walk(MAIN)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList())) {
        found.add(packageOf(MAIN.relativize(f.getParent())));
      }
    }
    Set<String> unknown = new TreeSet<>(found);
    unknown.removeAll(PACKAGES);
    assertTrue(
        unknown.isEmpty(),
        "main packages without rules (add them to ArchitectureTest.PACKAGES and decide their"
            + " arrows): " + unknown);
    List<String> missing = new ArrayList<>();
    for (String p : found) {
      Path dir = MAIN.resolve((ROOT_PACKAGE + "." + p).replace('.', '/'));
      if (!Files.isRegularFile(dir.resolve("package-info.java"))) {
        missing.add(ROOT_PACKAGE + "." + p);
      }
    }
    assertTrue(missing.isEmpty(), "packages without a package-info.java: " + missing);
  }

  /** The rule code on a violation: a synthetic theorem file breaks three arrows, two inline. */
  @Test
  void aForbiddenReferenceIsReportedWhetherImportedOrWrittenInline() {
    String source =
        String.join(
            "\n",
            "package org.provablenets.erm;",
            "import org.provablenets.cert.CertificateChecker;",
            "import org.provablenets.exact.Rational;",
            "/** Mentions org.provablenets.cli.Main in a comment: not a reference. */",
            "final class Bad {",
            "  Object a = org.provablenets.cli.Main.class;",
            "  String s = \"org.provablenets.io.DataCsv\";",
            "  void f() { org.provablenets.io.DataCsv.read(null); }",
            "  // org.provablenets.bench.Benchmark",
            "  Rational r;",
            "}");
    List<Reference> refs = references(List.of(source("erm/Bad.java", source)));
    assertEquals(
        List.of(
            "erm/Bad.java:2: erm.Bad -> cert.CertificateChecker"
                + " [a theorem package imports no cli, io, report, bench or cert]",
            "erm/Bad.java:6: erm.Bad -> cli.Main"
                + " [a theorem package imports no cli, io, report, bench or cert;"
                + " nobody imports cli except cli]",
            "erm/Bad.java:8: erm.Bad -> io.DataCsv"
                + " [a theorem package imports no cli, io, report, bench or cert]"),
        violations(refs, Set.of()));
  }

  /** The solver rule, wildcard and static imports, and that an exception is one exact pair. */
  @Test
  void certCallingASolverIsReportedAndAnExceptionCoversOnlyItsOwnPair() {
    String source =
        String.join(
            "\n",
            "package org.provablenets.cert;",
            "import static org.provablenets.exact.lp.LpSolver.solve;",
            "import org.provablenets.exact.linalg.*;",
            "import org.provablenets.gate.GateMath;",
            "final class GateChecks {",
            "  Object q = org.provablenets.exact.qp.QpSolver.class;",
            "}");
    List<Reference> refs = references(List.of(source("cert/GateChecks.java", source)));
    assertEquals(
        List.of(
            "cert/GateChecks.java:2: cert.GateChecks -> exact.lp.LpSolver"
                + " [cert never calls a solver]",
            "cert/GateChecks.java:6: cert.GateChecks -> exact.qp.QpSolver"
                + " [cert never calls a solver]"),
        violations(refs, Set.of("cert.GateChecks -> gate.GateMath")));
    assertEquals(
        "cert/GateChecks.java:4: cert.GateChecks -> gate.GateMath [cert never calls a solver]",
        violations(refs, Set.of()).get(1));
  }

  @Test
  void exactImportingATheoremOrTheCheckerIsReported() {
    String source =
        String.join(
            "\n",
            "package org.provablenets.exact.lp;",
            "import org.provablenets.exact.qp.QuadraticProgram;",
            "final class Bad extends org.provablenets.cert.Verdict {",
            "  org.provablenets.erm.Dataset d;",
            "}");
    assertEquals(
        List.of(
            "exact/lp/Bad.java:2: exact.lp.Bad -> exact.qp.QuadraticProgram"
                + " [exact.lp imports no exact.qp]",
            "exact/lp/Bad.java:3: exact.lp.Bad -> cert.Verdict"
                + " [exact knows no neural nets and no layer above it]",
            "exact/lp/Bad.java:4: exact.lp.Bad -> erm.Dataset"
                + " [exact knows no neural nets and no layer above it]"),
        violations(references(List.of(source("exact/lp/Bad.java", source))), Set.of()));
  }

  /** Each reference that breaks a rule, with the rules it breaks, unless its pair is exempt. */
  static List<String> violations(List<Reference> refs, Set<String> exempt) {
    List<String> out = new ArrayList<>();
    for (Reference r : refs) {
      List<String> broken = ruleNames(r);
      if (!broken.isEmpty() && !exempt.contains(r.pair())) {
        out.add(r.where() + " [" + String.join("; ", broken) + "]");
      }
    }
    return out;
  }

  private static List<String> ruleNames(Reference r) {
    List<String> names = new ArrayList<>();
    for (Rule rule : RULES) {
      if (rule.from().test(r.fromPackage()) && rule.to().test(r)) {
        names.add(rule.name());
      }
    }
    return names;
  }

  /**
   * The project references of the given compilation units (imports, static imports and qualified
   * names in code; the file's own package declaration and same-package references excluded).
   */
  static List<Reference> references(List<JavaFileObject> files) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertTrue(javac != null, "this test needs a JDK (javax.tools.ToolProvider found no compiler)");
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<Reference> out = new ArrayList<>();
    try (StandardJavaFileManager fm =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      JavacTask task =
          (JavacTask) javac.getTask(null, fm, diagnostics, List.of("-proc:none"), null, files);
      Iterable<? extends CompilationUnitTree> units = task.parse();
      List<String> errors =
          diagnostics.getDiagnostics().stream()
              .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
              .map(d -> d.getSource() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
              .collect(Collectors.toList());
      assertTrue(errors.isEmpty(), "sources that do not parse:\n" + String.join("\n", errors));
      SourcePositions positions = Trees.instance(task).getSourcePositions();
      for (CompilationUnitTree unit : units) {
        out.addAll(references(unit, positions));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static List<Reference> references(CompilationUnitTree unit, SourcePositions positions) {
    String file = displayName(unit.getSourceFile());
    ExpressionTree pkgName = unit.getPackageName();
    String declared = pkgName == null ? "" : pkgName.toString();
    assertTrue(
        declared.startsWith(ROOT_PACKAGE + "."), file + ": package " + declared + " is outside "
            + ROOT_PACKAGE);
    String fromPackage = declared.substring(ROOT_PACKAGE.length() + 1);
    String name = unit.getSourceFile().getName();
    String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    String fromClass = base.endsWith(".java") ? base.substring(0, base.length() - 5) : base;
    LineMap lines = unit.getLineMap();
    List<Reference> out = new ArrayList<>();
    TreeScanner<Void, Void> scanner =
        new TreeScanner<>() {
          @Override
          public Void visitMemberSelect(MemberSelectTree node, Void unused) {
            if (record(node)) {
              return null; // a qualified name: its prefixes are the same reference
            }
            return super.visitMemberSelect(node, unused);
          }

          private boolean record(Tree node) {
            List<String> parts = dottedName(node);
            if (parts == null || parts.size() < 3
                || !String.join(".", parts.subList(0, 2)).equals(ROOT_PACKAGE)) {
              return false;
            }
            List<String> pkg = new ArrayList<>();
            String cls = null;
            for (String p : parts.subList(2, parts.size())) {
              if (p.equals("*") || Character.isUpperCase(p.charAt(0))) {
                cls = p.equals("*") ? null : p;
                break;
              }
              pkg.add(p);
            }
            String toPackage = String.join(".", pkg);
            if (!toPackage.isEmpty() && !toPackage.equals(fromPackage)) {
              long line = lines.getLineNumber(positions.getStartPosition(unit, node));
              out.add(new Reference(file, line, fromPackage, fromClass, toPackage, cls));
            }
            return true;
          }
        };
    for (ImportTree imp : unit.getImports()) {
      imp.getQualifiedIdentifier().accept(scanner, null);
    }
    for (Tree decl : unit.getTypeDecls()) {
      decl.accept(scanner, null);
    }
    return out;
  }

  /** {@code a.b.C} as its parts, or null if the tree is not a plain dotted name. */
  private static List<String> dottedName(Tree node) {
    if (node instanceof IdentifierTree id) {
      List<String> parts = new ArrayList<>();
      parts.add(id.getName().toString());
      return parts;
    }
    if (node instanceof MemberSelectTree sel) {
      List<String> parts = dottedName(sel.getExpression());
      if (parts != null) {
        parts.add(sel.getIdentifier().toString());
      }
      return parts;
    }
    return null;
  }

  private static List<JavaFileObject> mainSources() {
    try (Stream<Path> s = Files.walk(MAIN)) {
      return s.filter(f -> f.toString().endsWith(".java"))
          .sorted()
          .map(ArchitectureTest::source)
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A source file of the project, read as UTF-8. */
  private static JavaFileObject source(Path file) {
    return new SimpleJavaFileObject(file.toUri(), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
      }
    };
  }

  /** A source given as a string, named by its path under {@code org/provablenets/}. */
  static JavaFileObject source(String path, String text) {
    return new SimpleJavaFileObject(
        URI.create("string:///" + ROOT_PACKAGE.replace('.', '/') + "/" + path),
        JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return text;
      }
    };
  }

  private static String displayName(JavaFileObject f) {
    URI uri = f.toUri();
    if ("file".equals(uri.getScheme())) {
      return ROOT.relativize(Paths.get(uri)).toString().replace('\\', '/');
    }
    String text = uri.toString();
    String marker = ROOT_PACKAGE.replace('.', '/') + "/";
    int i = text.lastIndexOf(marker);
    return i < 0 ? text : text.substring(i + marker.length());
  }

  private static String packageOf(Path relativeDir) {
    String pkg = relativeDir.toString().replace('/', '.').replace('\\', '.');
    assertTrue(pkg.startsWith(ROOT_PACKAGE), "a main source outside " + ROOT_PACKAGE + ": " + pkg);
    return pkg.equals(ROOT_PACKAGE) ? "" : pkg.substring(ROOT_PACKAGE.length() + 1);
  }

  private static Path projectRoot() {
    Path root =
        Paths.get(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath()
            .normalize();
    assertTrue(Files.isDirectory(root.resolve("src/main/java")), "not the project root: " + root);
    return root;
  }
}
