package org.provablenets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreeScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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

/**
 * Keeps the links of {@code proofs-notes/} honest (see {@code proofs-notes/README.md}).
 *
 * <ol>
 *   <li>Every relative Markdown link in {@code proofs-notes/*.md} resolves to a file or directory
 *       of the repository; when it points to a {@code .java} file under {@code src/} or {@code
 *       properties/} and carries a fragment ({@code File.java#name}), the file declares a method
 *       (or constructor, or nested type) with that name.
 *   <li>Every test method in {@code properties/} (annotated with JUnit Jupiter's {@code @Test},
 *       {@code @RepeatedTest}, {@code @ParameterizedTest}, {@code @TestFactory} or {@code
 *       @TestTemplate}) is the target of a link {@code File.java#methodName} from some note.
 * </ol>
 *
 * <p>Links are inline ({@code [text](target)}) or reference definitions ({@code [label]: target});
 * links inside fenced code blocks and inline code spans are examples, not links, and are skipped.
 * Java files are read with the JDK's own parser ({@code com.sun.source}), so a name in a comment or
 * a call site does not count as a declaration.
 */
class ProofNotesLinksTest {
  private static final Path ROOT = projectRoot();
  private static final Path NOTES = ROOT.resolve("proofs-notes");
  private static final Path PROPERTIES = ROOT.resolve("properties");

  /** Annotations that make a method a JUnit Jupiter test. */
  private static final Set<String> TEST_ANNOTATIONS =
      Set.of(
          "org.junit.jupiter.api.Test",
          "org.junit.jupiter.api.RepeatedTest",
          "org.junit.jupiter.api.TestFactory",
          "org.junit.jupiter.api.TestTemplate",
          "org.junit.jupiter.params.ParameterizedTest");

  /** A link as written in a note: where, its text, and its target (path and optional fragment). */
  record Link(String note, int line, String text, String target) {
    String where() {
      return note + ":" + line + ": [" + text.replaceAll("\\s+", " ") + "](" + target + ")";
    }

    String path() {
      int hash = target.indexOf('#');
      return hash < 0 ? target : target.substring(0, hash);
    }

    String fragment() {
      int hash = target.indexOf('#');
      return hash < 0 ? "" : target.substring(hash + 1);
    }
  }

  @Test
  void everyLinkResolves() {
    List<String> problems = new ArrayList<>();
    Map<Path, Set<String>> declarationsCache = new HashMap<>();
    List<Link> links = allLinks();
    for (Link link : links) {
      if (!isRelativeFileLink(link.target())) {
        continue;
      }
      Path file = NOTES.resolve(link.path()).normalize();
      if (!file.startsWith(ROOT)) {
        problems.add(link.where() + ": points outside the repository (" + file + ")");
        continue;
      }
      if (!Files.exists(file)) {
        problems.add(link.where() + ": file " + rel(file) + " does not exist");
        continue;
      }
      String fragment = link.fragment();
      if (!fragment.isEmpty() && file.toString().endsWith(".v")) {
        if (!coqDeclarations(file).contains(fragment)) {
          problems.add(link.where() + ": " + rel(file) + " declares no Theorem, Lemma or"
              + " Corollary named '" + fragment + "'");
        }
        continue;
      }
      boolean checked =
          file.toString().endsWith(".java")
              && (file.startsWith(ROOT.resolve("src")) || file.startsWith(PROPERTIES));
      if (fragment.isEmpty() || !checked) {
        continue;
      }
      Set<String> declared =
          declarationsCache.computeIfAbsent(
              file, f -> parse(List.of(f)).values().iterator().next().declarations);
      if (!declared.contains(fragment)) {
        problems.add(
            link.where() + ": " + rel(file) + " declares no method named '" + fragment + "'");
      }
    }
    assertTrue(
        problems.isEmpty(),
        problems.size() + " broken link(s) in proofs-notes/ (of " + links.size() + "):\n"
            + String.join("\n", problems));
  }

  /** The names a Coq file declares with Theorem, Lemma, Corollary, Proposition or Fact. */
  private static Set<String> coqDeclarations(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile(
        "(?m)^\\s*(?:Theorem|Lemma|Corollary|Proposition|Fact)\\s+([A-Za-z_][A-Za-z0-9_']*)")
        .matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /**
   * Every main theorem of {@code formal/} (each {@code Print Assumptions} of {@code
   * formal/Assumptions.v}, which CI requires to be closed, and of {@code formal/AssumptionsReals.v},
   * the theorems over Coq's reals) is linked from some note, so a reader of
   * the proof chain finds the machine-checked statement beside the Java code and the property.
   */
  @Test
  void everyMainCoqTheoremIsLinkedFromSomeNote() throws IOException {
    Path formal = ROOT.resolve("formal");
    String assumptions = Files.readString(formal.resolve("Assumptions.v"), StandardCharsets.UTF_8)
        + Files.readString(formal.resolve("AssumptionsReals.v"), StandardCharsets.UTF_8);
    Set<String> main = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^Print Assumptions\\s+([A-Za-z_][A-Za-z0-9_']*)\\.")
        .matcher(assumptions);
    while (m.find()) {
      main.add(m.group(1));
    }
    assertTrue(main.size() >= 10, "the main theorems were found: " + main);
    Set<String> linked = new TreeSet<>();
    for (Link link : allLinks()) {
      if (link.path().endsWith(".v") && !link.fragment().isEmpty()) {
        linked.add(link.fragment());
      }
    }
    Set<String> missing = new TreeSet<>(main);
    missing.removeAll(linked);
    assertTrue(missing.isEmpty(), "main Coq theorems linked from no note: " + missing);
  }

  @Test
  void everyPropertyIsLinkedFromSomeNote() {
    Set<String> linked = new HashSet<>();
    for (Link link : allLinks()) {
      if (isRelativeFileLink(link.target()) && !link.fragment().isEmpty()) {
        linked.add(NOTES.resolve(link.path()).normalize() + "#" + link.fragment());
      }
    }
    List<String> problems = new ArrayList<>();
    Map<Path, Parsed> parsed = parse(javaFiles(PROPERTIES));
    for (Map.Entry<Path, Parsed> e : new TreeMap<>(parsed).entrySet()) {
      Path file = e.getKey();
      for (String method : e.getValue().testMethods) {
        if (!linked.contains(file + "#" + method)) {
          problems.add(
              rel(file) + ": test method " + method + " is not linked from any note in"
                  + " proofs-notes/; link it as [text](../" + rel(file) + "#" + method + ")");
        }
      }
    }
    assertTrue(
        problems.isEmpty(),
        problems.size() + " property method(s) not linked from proofs-notes/:\n"
            + String.join("\n", problems));
  }

  /** The link reader itself: inline and reference links count; code spans and blocks do not. */
  @Test
  void linkReaderSkipsCodeAndReadsReferenceDefinitions() {
    String md =
        String.join(
            "\n",
            "See [checkLp](../src/A.java#checkLp) but not `[x](../src/B.java)`.",
            "```",
            "[not a link](../src/C.java)",
            "```",
            "[`LpProperties` strong",
            "duality](../properties/D.java#lpStrongDuality \"title\") and ![img](<../E.png>)",
            "[ref]: ../properties/F.java#f",
            "An interval [0, 1] and (a remark) is not a link.");
    List<Link> links = extractLinks("t.md", md);
    assertEquals(
        List.of(
            new Link("t.md", 1, "checkLp", "../src/A.java#checkLp"),
            new Link(
                "t.md", 5, "`LpProperties` strong\nduality", "../properties/D.java#lpStrongDuality"),
            new Link("t.md", 6, "img", "../E.png"),
            new Link("t.md", 7, "ref", "../properties/F.java#f")),
        links);
  }

  // ---- reading the notes ----

  private static List<Link> allLinks() {
    assertTrue(Files.isDirectory(NOTES), "there is no directory " + NOTES);
    List<Link> links = new ArrayList<>();
    try (Stream<Path> s = Files.list(NOTES)) {
      for (Path note : s.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
        String md = Files.readString(note, StandardCharsets.UTF_8);
        links.addAll(extractLinks(rel(note), md));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return links;
  }

  private static final Pattern INLINE_LINK =
      Pattern.compile(
          "!?\\[((?:[^\\[\\]]|\\[[^\\[\\]]*\\])*)\\]" // [text], one level of nested brackets
              + "\\(\\s*(?:<([^>\\n]*)>|([^\\s()<>]+))" // (<target> or (target
              + "(?:\\s+(?:\"[^\"]*\"|'[^']*'))?\\s*\\)"); // optional "title" )
  private static final Pattern REFERENCE_DEFINITION =
      Pattern.compile("(?m)^ {0,3}\\[([^\\]]+)\\]:[ \\t]*(?:<([^>\\n]*)>|(\\S+)).*$");
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");

  /** The links of one Markdown text, in order, with 1-based line numbers. */
  static List<Link> extractLinks(String note, String markdown) {
    String blanked = blankCode(markdown);
    List<int[]> spans = new ArrayList<>(); // start, end of text, start, end of target
    List<Link> links = new ArrayList<>();
    for (Pattern p : List.of(INLINE_LINK, REFERENCE_DEFINITION)) {
      Matcher m = p.matcher(blanked);
      while (m.find()) {
        int g = m.group(2) != null ? 2 : 3;
        spans.add(new int[] {m.start(), m.start(1), m.end(1), m.start(g), m.end(g)});
      }
    }
    spans.sort((a, b) -> Integer.compare(a[0], b[0]));
    for (int[] s : spans) {
      // The original text, so that inline code inside a link's text is kept.
      String text = markdown.substring(s[1], s[2]);
      String target = markdown.substring(s[3], s[4]).trim();
      links.add(new Link(note, lineOf(markdown, s[0]), text, target));
    }
    return links;
  }

  /** Replaces fenced code blocks and inline code spans by spaces, keeping every offset. */
  private static String blankCode(String md) {
    char[] out = md.toCharArray();
    // Fenced code blocks.
    int pos = 0;
    String fence = null;
    for (String line : md.split("\n", -1)) {
      Matcher m = FENCE.matcher(line);
      boolean isFence = m.find();
      if (fence == null && isFence) {
        fence = m.group(1);
        blank(out, pos, pos + line.length());
      } else if (fence != null) {
        blank(out, pos, pos + line.length());
        if (isFence
            && m.group(1).charAt(0) == fence.charAt(0)
            && m.group(1).length() >= fence.length()
            && line.trim().length() == m.group(1).length()) {
          fence = null;
        }
      }
      pos += line.length() + 1;
    }
    // Inline code spans: a run of n backticks up to the next run of exactly n, within a paragraph.
    String s = new String(out);
    int i = 0;
    while (i < s.length()) {
      if (s.charAt(i) != '`') {
        i++;
        continue;
      }
      int n = run(s, i);
      int paragraphEnd = s.indexOf("\n\n", i);
      int limit = paragraphEnd < 0 ? s.length() : paragraphEnd;
      int close = -1;
      for (int j = i + n; j < limit; ) {
        if (s.charAt(j) == '`') {
          int k = run(s, j);
          if (k == n) {
            close = j;
            break;
          }
          j += k;
        } else {
          j++;
        }
      }
      if (close < 0) {
        i += n;
      } else {
        blank(out, i, close + n);
        i = close + n;
      }
    }
    return new String(out);
  }

  private static int run(String s, int i) {
    int j = i;
    while (j < s.length() && s.charAt(j) == '`') {
      j++;
    }
    return j - i;
  }

  private static void blank(char[] out, int from, int to) {
    for (int k = from; k < to && k < out.length; k++) {
      if (out[k] != '\n') {
        out[k] = ' ';
      }
    }
  }

  private static int lineOf(String s, int offset) {
    int line = 1;
    for (int k = 0; k < offset; k++) {
      if (s.charAt(k) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** A link to a file of this repository: no URL scheme, not a bare #anchor, not absolute. */
  private static boolean isRelativeFileLink(String target) {
    return !target.isEmpty()
        && !target.startsWith("#")
        && !target.startsWith("/")
        && !target.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*");
  }

  // ---- reading Java sources ----

  /** What the test needs from one Java file. */
  static final class Parsed {
    /** Names of methods, constructors (the class name) and types declared in the file. */
    final Set<String> declarations = new TreeSet<>();
    /** Names of methods annotated as JUnit Jupiter tests. */
    final Set<String> testMethods = new TreeSet<>();
  }

  private static Map<Path, Parsed> parse(List<Path> files) {
    Map<Path, Parsed> result = new HashMap<>();
    if (files.isEmpty()) {
      return result;
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertTrue(javac != null, "this test needs a JDK (javax.tools.ToolProvider found no compiler)");
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fm =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      JavacTask task =
          (JavacTask)
              javac.getTask(
                  null, fm, diagnostics, List.of("-proc:none"), null,
                  fm.getJavaFileObjectsFromPaths(files));
      for (CompilationUnitTree unit : task.parse()) {
        Path file = Paths.get(unit.getSourceFile().toUri()).toAbsolutePath().normalize();
        result.put(file, read(unit));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> errors =
        diagnostics.getDiagnostics().stream()
            .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
            .map(d -> d.getSource() == null
                ? d.getMessage(Locale.ROOT)
                : rel(Paths.get(d.getSource().toUri())) + ":" + d.getLineNumber() + ": "
                    + d.getMessage(Locale.ROOT))
            .collect(Collectors.toList());
    assertTrue(errors.isEmpty(), "could not parse:\n" + String.join("\n", errors));
    return result;
  }

  private static Parsed read(CompilationUnitTree unit) {
    Parsed parsed = new Parsed();
    List<String> imports = new ArrayList<>();
    for (ImportTree imp : unit.getImports()) {
      if (!imp.isStatic()) {
        imports.add(imp.getQualifiedIdentifier().toString());
      }
    }
    new TreeScanner<Void, Void>() {
      private final Deque<String> classes = new ArrayDeque<>();

      @Override
      public Void visitClass(ClassTree node, Void unused) {
        String name = node.getSimpleName().toString();
        if (!name.isEmpty()) {
          parsed.declarations.add(name);
        }
        classes.push(name);
        try {
          return super.visitClass(node, unused);
        } finally {
          classes.pop();
        }
      }

      @Override
      public Void visitMethod(MethodTree node, Void unused) {
        String name = node.getName().toString();
        String declared = name.equals("<init>") ? classes.peek() : name;
        if (declared != null && !declared.isEmpty()) {
          parsed.declarations.add(declared);
        }
        boolean isTest =
            node.getModifiers().getAnnotations().stream()
                .anyMatch(a -> isTestAnnotation(a.getAnnotationType().toString(), imports));
        if (isTest) {
          parsed.testMethods.add(name);
        }
        return super.visitMethod(node, unused);
      }
    }.scan(unit, null);
    return parsed;
  }

  /** Whether an annotation name, as written, resolves to a JUnit Jupiter test annotation. */
  private static boolean isTestAnnotation(String written, List<String> imports) {
    if (written.contains(".")) {
      return TEST_ANNOTATIONS.contains(written);
    }
    for (String imp : imports) {
      if (imp.endsWith("." + written) && TEST_ANNOTATIONS.contains(imp)) {
        return true;
      }
      if (imp.endsWith(".*")
          && TEST_ANNOTATIONS.contains(imp.substring(0, imp.length() - 1) + written)) {
        return true;
      }
    }
    return false;
  }

  private static List<Path> javaFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".java"))
          .map(p -> p.toAbsolutePath().normalize())
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- paths ----

  private static Path projectRoot() {
    Path root =
        Paths.get(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath()
            .normalize();
    if (!Files.isRegularFile(root.resolve("pom.xml"))) {
      throw new IllegalStateException(
          "run this test from the project directory (no pom.xml in " + root + ")");
    }
    return root;
  }

  private static String rel(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    return abs.startsWith(ROOT) ? ROOT.relativize(abs).toString().replace('\\', '/') : abs.toString();
  }
}
