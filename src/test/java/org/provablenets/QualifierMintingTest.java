package org.provablenets;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssertTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Only a short, reviewed list of files may mint the stronger qualifiers, and no main code silences
 * the Nullness or Index Checker.
 *
 * <p><b>Why.</b> {@code @Certified}, {@code @Rigorous} and {@code @HypothesesChecked} (package
 * {@code org.provablenets.qual}) sit below their defaults in the Subtyping Checker's hierarchies,
 * so a value can only become one by an unchecked cast (or an assignment, return or argument the
 * checker rejects). With {@code -Werror} the build then fails unless the code carries a warning
 * suppression. A file with such a suppression can therefore mint the qualifier, and the guarantee
 * "only the certificate checker makes a {@code @Certified} result" holds exactly when the files
 * with suppressions are the ones listed in {@link #MINTING_ALLOWED}.
 *
 * <p><b>What counts.</b> The Checker Framework's rules (manual, "Suppressing warnings"): a
 * suppression string is {@code checkername}, {@code checkername:messagekey} or {@code messagekey},
 * where a message key may be shortened to any run of its period-separated parts ({@code "cast"}
 * and {@code "unsafe"} both suppress {@code cast.unsafe}) and {@code "all"} means every key. The
 * Subtyping Checker answers to {@code subtyping}, {@code allcheckers} and the lower-case simple
 * name of each qualifier it checks ({@code certified}, {@code rigorous}, ...). So a string can
 * silence the Subtyping Checker if it contains "subtyping" or "cast.unsafe", or its checker part
 * is one of those names, or it has no checker part and names (part of) a message key of the
 * common type checker ({@code org/checkerframework/common/basetype/messages.properties}, read
 * from the checker jar on the test class path). {@code @SuppressWarnings("cast.unsafe")} without
 * a checker part also silences the same key in the Nullness and Index Checkers; writing {@code
 * "subtyping:cast.unsafe"} would narrow it. The Nullness and Index rule is analogous (their
 * checker names, their own message keys, and {@code @AssumeAssertion(nullness)} in an {@code
 * assert}).
 *
 * <p>Sources are read with the JDK's parser ({@code com.sun.source}), so comments and Javadoc that
 * merely mention a suppression do not count, and every form of the annotation does ({@code
 * {"a", "b"}}, {@code value = ...}, {@code java.lang.SuppressWarnings}, on a class, method, field,
 * parameter, local variable or package).
 */
class QualifierMintingTest {
  /**
   * The files (relative to {@code src/main/java}) allowed to silence the Subtyping Checker, and so
   * to mint a stronger qualifier, each with the reason it may. Add a file only after review: the
   * reason must say which check the minting value has passed.
   */
  private static final Map<String, String> MINTING_ALLOWED =
      new TreeMap<>(
          Map.of(
              // The independent certificate checker: certify(...) returns a result typed
              // @Certified only after checkLp / checkQp accepted its certificate, and
              // qpDualBound returns a @Rigorous bound only after verifying dual feasibility
              // exactly (weak duality then proves the bound).
              "org/provablenets/cert/CertificateChecker.java",
              "the certificate checker: @Certified after checkLp/checkQp accept, @Rigorous"
                  + " QP dual bound after exact dual-feasibility check",
              // Exact bisection for eigenvalue brackets: each end of a Bracket is decided by an
              // exact positive-semidefiniteness test, so both ends are proven (@Rigorous) bounds.
              // Verdict.certified(): a verdict is made only by a checker in cert, so an accepted
              // one is a check that passed; the one non-checker mint of a @Certified Verdict.
              "org/provablenets/cert/Verdict.java",
              "the checkers' verdict: certified() types an accepted verdict @Certified",
              "org/provablenets/exact/linalg/EigenBounds.java",
              "eigenvalue brackets whose ends are decided by exact definiteness tests",
              // The T1 checker: certify(...) returns a @Certified ERM certificate only after
              // check(...) verified witnesses, completeness, every dual bound and the net's loss.
              "org/provablenets/cert/ErmChecker.java",
              "the T1 certificate checker: @Certified after check accepts",
              // The T2 hypothesis checker: mint() casts to @HypothesesChecked only after (A1)
              // symmetry and (A2) positive definiteness are decided exactly and L > 0 certified;
              // mintSampled() does the same for a sampled family, whose (A1) holds by
              // construction (the shifted Gaussian is refused) and whose (A2) is decided exactly
              // on the closed-form Sigma.
              "org/provablenets/gate/GateHypotheses.java",
              "the T2 hypothesis checker: @HypothesesChecked after exact (A1), (A2) and L > 0"
                  + " (for sampled families (A1) by construction)",
              // T3 enclosures: each end is rounded outward and its direction verified by an exact
              // comparison (exp and log widened by one unit in the last place).
              "org/provablenets/exact/enclosure/Interval.java",
              "T3 rigorous enclosures: @Rigorous intervals whose ends are rounded outward and"
                  + " verified exactly",
              // The T3 checker: certify() mints @HypothesesChecked only after the certified radius
              // is re-checked exactly; upper() mints the derived constants as rational bounds.
              "org/provablenets/villani/VillaniChecker.java",
              "the T3 Villani checker: @HypothesesChecked after verifyRadius accepts; @Rigorous"
                  + " derived constants"));

  /**
   * The files allowed to silence the Nullness or Index Checker, each with its reason. Empty: main
   * code has no such suppression today.
   */
  private static final Map<String, String> NULLNESS_INDEX_ALLOWED = new TreeMap<>(Map.of());

  /** Names under which the Nullness and Index Checkers (and their subcheckers) take suppressions. */
  private static final Set<String> NULLNESS_INDEX_NAMES =
      Set.of(
          "nullness", "initialization", "keyfor", "index", "upperbound", "lowerbound", "samelen",
          "searchindex", "substringindex", "lessthan", "value");

  /** Names that silence every checker. */
  private static final Set<String> ALL_CHECKERS = Set.of("all", "allcheckers");

  private static final String BASETYPE_MESSAGES =
      "org/checkerframework/common/basetype/messages.properties";
  private static final List<String> NULLNESS_INDEX_MESSAGES =
      List.of(
          "org/checkerframework/checker/nullness/messages.properties",
          "org/checkerframework/checker/initialization/messages.properties",
          "org/checkerframework/checker/index/upperbound/messages.properties",
          "org/checkerframework/checker/index/lowerbound/messages.properties",
          "org/checkerframework/checker/index/inequality/messages.properties",
          "org/checkerframework/common/value/messages.properties");

  private static final Path ROOT = projectRoot();
  private static final Path MAIN = ROOT.resolve("src/main/java");

  /** One suppression found in main code. */
  record Suppression(String file, long line, String string) {
    @Override
    public String toString() {
      return "src/main/java/" + file + ":" + line + ": \"" + string + "\"";
    }
  }

  /** What the scan found: every suppression string, and arguments that are not literals. */
  static final class Scan {
    final List<Suppression> suppressions = new ArrayList<>();
    final List<String> nonLiteral = new ArrayList<>();
  }

  @Test
  void onlyAllowListedFilesCanMintStrongerQualifiers() {
    Predicate<String> silencesSubtyping = subtypingRule();
    assertExactlyAllowListed(
        scan(), silencesSubtyping, MINTING_ALLOWED, "MINTING_ALLOWED",
        "can silence the Subtyping Checker, so it can mint @Certified, @Rigorous or"
            + " @HypothesesChecked");
  }

  @Test
  void noNullnessOrIndexSuppressionOutsideTheAllowList() {
    Predicate<String> silencesNullnessOrIndex = nullnessIndexRule();
    assertExactlyAllowListed(
        scan(), silencesNullnessOrIndex, NULLNESS_INDEX_ALLOWED, "NULLNESS_INDEX_ALLOWED",
        "can silence the Nullness or Index Checker");
  }

  @Test
  void everySuppressionArgumentIsALiteral() {
    List<String> nonLiteral = scan().nonLiteral;
    assertTrue(
        nonLiteral.isEmpty(),
        "write @SuppressWarnings arguments as string literals, so that this test can read them:\n"
            + String.join("\n", nonLiteral));
  }

  /** The rules themselves, on the forms the Checker Framework accepts. */
  @Test
  void rulesRecogniseEveryFormOfSuppression() {
    Predicate<String> sub = subtypingRule();
    Predicate<String> nul = nullnessIndexRule();
    List<String> silenceSubtyping =
        List.of(
            "cast.unsafe", "subtyping:cast.unsafe", "cast", "unsafe", "subtyping", "allcheckers",
            "all", "allcheckers:cast.unsafe", "certified", "rigorous:return", "assignment",
            "argument", "return", "hypotheseschecked");
    List<String> leaveSubtyping =
        List.of("unchecked", "rawtypes", "deprecation", "serial", "nullness:assignment",
            "index:argument");
    List<String> silenceNullness =
        List.of(
            "nullness", "nullness:argument", "dereference.of.nullable", "nullable", "index",
            "upperbound:array.access.unsafe.high", "array.access.unsafe.high", "initialization",
            "all", "allcheckers", "@AssumeAssertion(nullness)", "@AssumeAssertion(index)");
    List<String> leaveNullness =
        List.of("unchecked", "rawtypes", "subtyping:cast.unsafe", "cast.unsafe", "certified");
    List<Executable> checks = new ArrayList<>();
    for (String s : silenceSubtyping) {
      checks.add(() -> assertTrue(sub.test(s), "\"" + s + "\" should count as minting"));
    }
    for (String s : leaveSubtyping) {
      checks.add(() -> assertFalse(sub.test(s), "\"" + s + "\" should not count as minting"));
    }
    for (String s : silenceNullness) {
      checks.add(() -> assertTrue(nul.test(s), "\"" + s + "\" should count as nullness/index"));
    }
    for (String s : leaveNullness) {
      checks.add(
          () -> assertFalse(nul.test(s), "\"" + s + "\" should not count as nullness/index"));
    }
    assertAll(checks);
  }

  // ---- the rules ----

  /** Whether a suppression string can silence the Subtyping Checker (and so mint a qualifier). */
  private static Predicate<String> subtypingRule() {
    Set<String> names = new TreeSet<>(ALL_CHECKERS);
    names.add("subtyping");
    names.addAll(qualifierNames());
    Set<String> keys = messageKeys(List.of(BASETYPE_MESSAGES));
    return s -> {
      String lower = s.trim().toLowerCase(Locale.ROOT);
      return lower.contains("subtyping") || lower.contains("cast.unsafe") || silences(lower, names,
          keys);
    };
  }

  /** Whether a suppression string can silence the Nullness or Index Checker. */
  private static Predicate<String> nullnessIndexRule() {
    Set<String> names = new TreeSet<>(ALL_CHECKERS);
    names.addAll(NULLNESS_INDEX_NAMES);
    Set<String> keys = messageKeys(NULLNESS_INDEX_MESSAGES);
    return s -> {
      String lower = s.trim().toLowerCase(Locale.ROOT);
      return lower.contains("nullness") || lower.contains("index") || silences(lower, names, keys);
    };
  }

  /**
   * The Checker Framework's matching: {@code name}, {@code name:key} or {@code key}, where {@code
   * key} may be any run of period-separated parts of a message key, and "all" means every key.
   */
  private static boolean silences(String s, Set<String> checkerNames, Set<String> keys) {
    Matcher assume = Pattern.compile("@assumeassertion\\(([^)]*)\\)").matcher(s);
    if (assume.find()) {
      return checkerNames.contains(assume.group(1).trim());
    }
    int colon = s.indexOf(':');
    if (colon >= 0) {
      return checkerNames.contains(s.substring(0, colon).trim());
    }
    if (checkerNames.contains(s)) {
      return true;
    }
    for (String key : keys) {
      if (("." + key + ".").contains("." + s + ".")) {
        return true;
      }
    }
    return false;
  }

  /** Lower-case simple names of the qualifiers in org.provablenets.qual. */
  private static Set<String> qualifierNames() {
    Path qual = MAIN.resolve("org/provablenets/qual");
    try (Stream<Path> s = Files.list(qual)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".java") && !n.equals("package-info.java"))
          .map(n -> n.substring(0, n.length() - ".java".length()).toLowerCase(Locale.ROOT))
          .collect(Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The message keys in the Checker Framework's messages.properties files on the class path. */
  private static Set<String> messageKeys(List<String> resources) {
    Set<String> keys = new TreeSet<>();
    for (String resource : resources) {
      try (InputStream in =
          QualifierMintingTest.class.getClassLoader().getResourceAsStream(resource)) {
        assertNotNull(
            in,
            resource + " is not on the test class path; the Checker Framework jar"
                + " (org.checkerframework:checker, scope provided) should put it there");
        Properties p = new Properties();
        p.load(in);
        for (String key : p.stringPropertyNames()) {
          keys.add(key.toLowerCase(Locale.ROOT));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return keys;
  }

  private static void assertExactlyAllowListed(
      Scan scan, Predicate<String> rule, Map<String, String> allowed, String listName,
      String what) {
    Map<String, List<Suppression>> found = new TreeMap<>();
    for (Suppression s : scan.suppressions) {
      if (rule.test(s.string())) {
        found.computeIfAbsent(s.file(), f -> new ArrayList<>()).add(s);
      }
    }
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, List<Suppression>> e : found.entrySet()) {
      if (!allowed.containsKey(e.getKey())) {
        for (Suppression s : e.getValue()) {
          problems.add(
              s + " " + what + ", but " + e.getKey() + " is not in " + listName
                  + " (remove the suppression, or add the file with its reason after review)");
        }
      }
    }
    for (String file : allowed.keySet()) {
      if (!found.containsKey(file)) {
        problems.add(
            listName + " lists " + file + " (\"" + allowed.get(file) + "\"), but that file has no"
                + " such suppression any more" + (Files.exists(MAIN.resolve(file)) ? "" :
                " (it does not exist)") + ": remove it from the list");
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  // ---- the scan ----

  private static Scan scan() {
    List<Path> files;
    try (Stream<Path> s = Files.walk(MAIN)) {
      files =
          s.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Scan scan = new Scan();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertNotNull(javac, "this test needs a JDK (javax.tools.ToolProvider found no compiler)");
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fm =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      JavacTask task =
          (JavacTask)
              javac.getTask(
                  null, fm, diagnostics, List.of("-proc:none"), null,
                  fm.getJavaFileObjectsFromPaths(files));
      SourcePositions positions = Trees.instance(task).getSourcePositions();
      for (CompilationUnitTree unit : task.parse()) {
        Path path = Paths.get(unit.getSourceFile().toUri()).toAbsolutePath().normalize();
        String file = MAIN.toAbsolutePath().normalize().relativize(path).toString()
            .replace('\\', '/');
        scanUnit(unit, file, positions, scan);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> errors =
        diagnostics.getDiagnostics().stream()
            .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
            .map(d -> String.valueOf(d.getSource() == null ? "" : d.getSource().getName()) + ":"
                + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
            .collect(Collectors.toList());
    assertTrue(errors.isEmpty(), "could not parse main code:\n" + String.join("\n", errors));
    return scan;
  }

  private static void scanUnit(
      CompilationUnitTree unit, String file, SourcePositions positions, Scan scan) {
    new TreeScanner<Void, Void>() {
      private long line(Tree t) {
        return unit.getLineMap().getLineNumber(positions.getStartPosition(unit, t));
      }

      @Override
      public Void visitAnnotation(AnnotationTree node, Void unused) {
        String name = node.getAnnotationType().toString();
        if (name.equals("SuppressWarnings") || name.equals("java.lang.SuppressWarnings")) {
          for (ExpressionTree arg : node.getArguments()) {
            ExpressionTree value =
                arg instanceof AssignmentTree ? ((AssignmentTree) arg).getExpression() : arg;
            collect(value, node);
          }
        }
        return super.visitAnnotation(node, unused);
      }

      private void collect(ExpressionTree value, AnnotationTree where) {
        if (value instanceof NewArrayTree) {
          List<? extends ExpressionTree> elements = ((NewArrayTree) value).getInitializers();
          if (elements != null) {
            for (ExpressionTree e : elements) {
              collect(e, where);
            }
          }
          return;
        }
        String constant = constant(value);
        if (constant != null) {
          scan.suppressions.add(new Suppression(file, line(where), constant));
        } else {
          scan.nonLiteral.add(
              "src/main/java/" + file + ":" + line(where) + ": @SuppressWarnings(" + value + ")");
        }
      }

      @Override
      public Void visitAssert(AssertTree node, Void unused) {
        if (node.getDetail() != null) {
          new TreeScanner<Void, Void>() {
            @Override
            public Void visitLiteral(LiteralTree lit, Void u) {
              if (lit.getValue() instanceof String
                  && ((String) lit.getValue()).contains("@AssumeAssertion(")) {
                scan.suppressions.add(
                    new Suppression(file, line(node), (String) lit.getValue()));
              }
              return null;
            }
          }.scan(node.getDetail(), null);
        }
        return super.visitAssert(node, unused);
      }
    }.scan(unit, null);
  }

  /** The value of a string constant written with literals, parentheses and +; else null. */
  private static String constant(ExpressionTree e) {
    if (e instanceof LiteralTree && ((LiteralTree) e).getValue() instanceof String) {
      return (String) ((LiteralTree) e).getValue();
    }
    if (e instanceof ParenthesizedTree) {
      return constant(((ParenthesizedTree) e).getExpression());
    }
    if (e instanceof BinaryTree && e.getKind() == Tree.Kind.PLUS) {
      String l = constant(((BinaryTree) e).getLeftOperand());
      String r = constant(((BinaryTree) e).getRightOperand());
      return l == null || r == null ? null : l + r;
    }
    return null;
  }

  private static Path projectRoot() {
    Path root =
        Paths.get(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath()
            .normalize();
    if (!Files.isDirectory(root.resolve("src/main/java"))) {
      throw new IllegalStateException(
          "run this test from the project directory (no src/main/java in " + root + ")");
    }
    return root;
  }
}
