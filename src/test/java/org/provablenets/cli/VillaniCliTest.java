package org.provablenets.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provablenets.exact.Rational;
import org.provablenets.exact.Rationals;
import org.provablenets.io.ResultJson;
import org.provablenets.villani.Activation;
import org.provablenets.villani.ConvergenceBound;
import org.provablenets.villani.DoubleLoss;
import org.provablenets.villani.RegularisedLoss;
import org.provablenets.villani.SgdExperiment;
import org.provablenets.villani.SgdMonteCarlo;
import org.provablenets.villani.TrainingData;

/**
 * {@code provnets villani eval | check | gap | sgd}: hand-checkable values, the certified radius, the
 * lambda = 0 refusal (exit 1), and one clean line with exit 2 for each kind of bad input.
 */
class VillaniCliTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;
  private String data;
  private String w0;
  private String twoPoints;

  @BeforeEach
  void files() throws IOException {
    // The one-point example of VillaniLossExamplesTest: x = 2, y = 3, a = 1/2, W = 0.
    data = write("one.csv", "x,y\n2,3\n");
    w0 = write("w0.csv", "0\n");
    twoPoints = write("two.csv", "x,y\n1,1/2\n-1,-1/4\n");
  }

  private String write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p.toString();
  }

  private static MainTest.Run run(String... args) {
    return MainTest.run(args);
  }

  private MainTest.Run eval(String act, String... extra) {
    String[] base = {
      "villani", "eval", "--data", data, "--outer", "1/2", "--weights", w0, "--lambda", "1/10",
      "--activation", act, "--s", "1", "--precision", "25", "--json"
    };
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return run(all);
  }

  private static void assertNear(String expected, String estimate) {
    BigDecimal diff = new BigDecimal(expected).subtract(new BigDecimal(estimate)).abs();
    assertTrue(diff.compareTo(new BigDecimal("1e-20")) < 0, expected + " vs " + estimate);
  }

  private static void assertEncloses(JsonNode enc, Rational q) {
    Rational lo = ResultJson.readRational(enc.get("lo"));
    Rational hi = ResultJson.readRational(enc.get("hi"));
    assertTrue(lo.compareTo(q) <= 0 && q.compareTo(hi) <= 0, enc + " misses " + q);
  }

  /** tanh at W = 0: L = 9/2, gradient -3, Laplacian 11/10, V = 79/10. */
  @Test
  void evalTanhAtZeroIsHandCheckable() throws IOException {
    MainTest.Run r = eval("tanh");
    assertEquals(0, r.code, () -> r.out + r.err);
    assertEquals("", r.err);
    JsonNode o = MAPPER.readTree(r.out);
    assertEquals("villani eval", o.get("command").textValue());
    assertNear("4.5", o.get("loss").textValue());
    assertEquals(1, o.get("gradient").size());
    assertEquals(1, o.get("gradient").get(0).size());
    assertNear("-3", o.get("gradient").get(0).get(0).textValue());
    assertNear("1.1", o.get("laplacian").textValue());
    assertNear("7.9", o.get("villaniQuantity").textValue());
    assertTrue(o.get("estimates").textValue().contains("estimates"));
    JsonNode e = o.get("enclosures");
    assertEncloses(e.get("loss"), Rational.of(9, 2));
    assertEncloses(e.get("gradient").get(0).get(0), Rational.of(-3));
    assertEncloses(e.get("laplacian"), Rational.of(11, 10));
    assertEncloses(e.get("villaniQuantity"), Rational.of(79, 10));
  }

  /** sigmoid at W = 0: L = 121/32, gradient -11/16, Laplacian 13/80, V = 397/1280. */
  @Test
  void evalSigmoidAtZeroIsHandCheckable() throws IOException {
    MainTest.Run r = eval("sigmoid");
    assertEquals(0, r.code, () -> r.out + r.err);
    JsonNode o = MAPPER.readTree(r.out);
    assertNear("3.78125", o.get("loss").textValue());
    assertNear("-0.6875", o.get("gradient").get(0).get(0).textValue());
    assertNear("0.1625", o.get("laplacian").textValue());
    assertNear("0.31015625", o.get("villaniQuantity").textValue());
    assertEncloses(o.get("enclosures").get("villaniQuantity"), Rational.of(397, 1280));
  }

  @Test
  void evalTextReportLabelsEstimatesAndEnclosures() {
    MainTest.Run r = run("villani", "eval", "--data", data, "--outer", "1/2", "--weights", w0,
        "--lambda", "1/10", "--activation", "tanh", "--s", "1");
    assertEquals(0, r.code, () -> r.out + r.err);
    assertTrue(r.out.contains("estimates (apfloat, 20 significant digits; not bounds)"), r.out);
    assertTrue(r.out.contains("rigorous enclosures"), r.out);
  }

  @Test
  void checkGivesTheConstantsAndARadius() throws IOException {
    MainTest.Run r = run("villani", "check", "--data", twoPoints, "--outer", "1,1/2",
        "--lambda", "1/10", "--activation", "tanh", "--s", "1", "--m", "10", "--json");
    assertEquals(0, r.code, () -> r.out + r.err);
    JsonNode o = MAPPER.readTree(r.out);
    assertEquals(Rational.ZERO, ResultJson.readRational(o.get("constants").get("lambdaC")));
    assertEquals(Rational.ZERO, ResultJson.readRational(o.get("constants").get("K1")));
    for (JsonNode c : o.get("conditions")) {
      assertTrue(c.get("holds").booleanValue(), c.toString());
    }
    assertTrue(ResultJson.readRational(o.get("radius")).signum() > 0);
    assertTrue(o.get("statement").textValue().matches("THRESHOLD|RADIAL"));
    assertTrue(o.get("failure").isNull());
    MainTest.Run t = run("villani", "check", "--data", twoPoints, "--outer", "1,1/2",
        "--lambda", "1/10", "--activation", "softplus", "--s", "1");
    assertEquals(0, t.code, () -> t.out + t.err);
    assertTrue(t.out.contains("R(M) = ") && t.out.contains("conditions: hold"), t.out);
  }

  @Test
  void checkRefusesLambdaZeroWithExitOne() {
    MainTest.Run r = run("villani", "check", "--data", twoPoints, "--outer", "1,1/2",
        "--lambda", "0", "--activation", "tanh", "--s", "1");
    assertEquals(1, r.code, () -> r.out + r.err);
    MainTest.assertOneCleanLine(r.err, "condition 2", "lambda = 0", "short by");
    assertTrue(r.out.contains("NOT ESTABLISHED"), r.out);
  }

  @Test
  void gapCalibratesOnOrnsteinUhlenbeck() throws IOException {
    MainTest.Run r = run("villani", "gap", "--mu", "2", "--s", "1/2", "--json");
    assertEquals(0, r.code, () -> r.out + r.err);
    JsonNode o = MAPPER.readTree(r.out);
    assertEquals(2.0, Double.parseDouble(o.get("gap").textValue()), 1e-3);
    assertEquals(0.125, Double.parseDouble(o.get("epsilon").textValue()), 1e-3);
    assertEquals(Rationals.of(1, 8), ResultJson.readRational(o.get("epsilonExact")));
  }

  @Test
  void gapOnTheDoubleWellComparesWithEyringKramers() throws IOException {
    MainTest.Run r = run("villani", "gap", "--double-well", "--s", "1/16", "--json");
    assertEquals(0, r.code, () -> r.out + r.err);
    JsonNode o = MAPPER.readTree(r.out);
    double ratio = Double.parseDouble(o.get("ratio").textValue());
    // The ratio is 1 + O(s): the property suite finds it within 1.2 s of 1.
    assertTrue(Math.abs(ratio - 1) <= 1.2 / 16, r.out);
  }

  @Test
  void gapOfATwoParameterLossIsAboveHolleyStroock() throws IOException {
    MainTest.Run r = run("villani", "gap", "--data", twoPoints, "--outer", "1,1/2", "--lambda",
        "1/10", "--activation", "tanh", "--s", "1/5", "--points", "101", "--json");
    assertEquals(0, r.code, () -> r.out + r.err);
    JsonNode o = MAPPER.readTree(r.out);
    assertEquals(2, o.get("parameters").intValue());
    double gap = Double.parseDouble(o.get("gap").textValue());
    double hs = Double.parseDouble(o.get("holleyStroock").textValue());
    // lambda = 1/10 and the data term's curvature is small: the gap is near lambda, far above
    // lambda exp(-rho_0^2 / s) with rho_0 = 2 (about 2e-10).
    assertTrue(gap > 0.05 && gap < 0.2, r.out);
    assertTrue(hs < 1e-9, r.out);
    assertTrue(o.get("failure").isNull(), r.out);
    MainTest.Run soft = run("villani", "gap", "--data", data, "--outer", "1/2", "--lambda", "1",
        "--activation", "softplus", "--s", "1");
    assertEquals(0, soft.code, () -> soft.out + soft.err);
    assertTrue(soft.out.contains("not applicable (softplus is unbounded)"), soft.out);
  }

  @Test
  void gapBadInputIsExitTwoWithOneLine() {
    MainTest.assertUsageOrInputError(run("villani", "gap", "--s", "1"), "choose exactly one");
    MainTest.assertUsageOrInputError(
        run("villani", "gap", "--mu", "1", "--double-well", "--s", "1"), "choose exactly one");
    MainTest.assertUsageOrInputError(
        run("villani", "gap", "--data", twoPoints, "--outer", "1,1,1", "--lambda", "1",
            "--activation", "tanh", "--s", "1"), "p d = 3", "one or two");
    MainTest.assertUsageOrInputError(
        run("villani", "gap", "--data", twoPoints, "--lambda", "1", "--activation", "tanh",
            "--s", "1"), "--outer");
    MainTest.assertUsageOrInputError(
        run("villani", "gap", "--data", twoPoints, "--outer", "1", "--lambda", "0",
            "--activation", "tanh", "--s", "1"), "--lambda", "no Gibbs measure");
    MainTest.assertUsageOrInputError(
        run("villani", "gap", "--data", twoPoints, "--outer", "1,1", "--lambda", "1",
            "--activation", "tanh", "--s", "1", "--points", "5000"), "--points", "21 to 1001");
    MainTest.assertUsageOrInputError(
        run("villani", "gap", "--double-well", "--s", "1", "--points", "2"), "--points");
  }

  @Test
  void badInputIsExitTwoWithOneLine() throws IOException {
    String[] common = {"--data", data, "--outer", "1/2", "--weights", w0};
    MainTest.assertUsageOrInputError(
        run(cat(new String[] {"villani", "eval"}, common, "--lambda", "1/10", "--activation",
            "tanh", "--s", "0")), "--s", "positive");
    MainTest.assertUsageOrInputError(
        run(cat(new String[] {"villani", "eval"}, common, "--lambda", "1/10", "--activation",
            "tanh", "--s", "-1")), "--s");
    MainTest.assertUsageOrInputError(
        run(cat(new String[] {"villani", "eval"}, common, "--lambda", "1/10", "--activation",
            "tanh", "--s", "1", "--precision", "0")), "--precision");
    MainTest.assertUsageOrInputError(
        run(cat(new String[] {"villani", "eval"}, common, "--lambda", "-1/10", "--activation",
            "tanh", "--s", "1")), "--lambda", "non-negative");
    MainTest.assertUsageOrInputError(
        run(cat(new String[] {"villani", "eval"}, common, "--lambda", "1/10", "--activation",
            "relu", "--s", "1")), "--activation", "relu", "tanh, sigmoid or softplus");
    MainTest.assertUsageOrInputError(
        run(cat(new String[] {"villani", "eval"}, common, "--lambda", "abc", "--activation",
            "tanh", "--s", "1")), "--lambda", "abc");
    MainTest.assertUsageOrInputError(
        run("villani", "eval", "--data", data, "--outer", "1/2,x", "--weights", w0, "--lambda",
            "1", "--activation", "tanh", "--s", "1"), "--outer", "entry 2");
    // W has 1 row but A gives p = 2.
    MainTest.assertUsageOrInputError(
        run("villani", "eval", "--data", data, "--outer", "1/2,1", "--weights", w0, "--lambda",
            "1", "--activation", "tanh", "--s", "1"), w0, "p = 2");
    // W has 2 columns but the data has d = 1.
    String wide = write("wide.csv", "0,0\n");
    MainTest.assertUsageOrInputError(
        run("villani", "eval", "--data", data, "--outer", "1/2", "--weights", wide, "--lambda",
            "1", "--activation", "tanh", "--s", "1"), wide, "d = 1");
    String bad = write("bad.csv", "x,y\n2,oops\n");
    MainTest.assertUsageOrInputError(
        run("villani", "check", "--data", bad, "--outer", "1/2", "--lambda", "1",
            "--activation", "tanh", "--s", "1"), bad, "line 2");
    MainTest.assertUsageOrInputError(
        run("villani", "check", "--data", data, "--outer", "1/2", "--lambda", "1",
            "--activation", "tanh", "--s", "0"), "--s");
    MainTest.assertUsageOrInputError(
        run("villani", "check", "--data", dir.resolve("missing.csv").toString(), "--outer",
            "1/2", "--lambda", "1", "--activation", "tanh", "--s", "1"), "missing.csv");
    MainTest.assertUsageOrInputError(run("villani", "gap", "--mu", "0", "--s", "1"), "--mu");
    MainTest.assertUsageOrInputError(run("villani", "gap", "--mu", "1", "--s", "-2"), "--s");
    MainTest.assertUsageOrInputError(run("villani"), "Missing subcommand");
  }

  /** One trained parameter: the bound line is computed and the SDE is checked against it. */
  @Test
  void sgdReportsMeansBandsAndTheBound() throws IOException {
    String one = write("x1.csv", "x,y\n1,1\n");
    Path csv = dir.resolve("sgd.csv");
    Path png = dir.resolve("sgd.png");
    MainTest.Run r = run("villani", "sgd", "--data", one, "--outer", "2", "--lambda", "1/10",
        "--activation", "tanh", "--s", "1/10", "--steps", "400", "--runs", "200",
        "--init-variance", "1/100", "--seed", "5", "--csv", csv.toString(), "--plot",
        png.toString(), "--json");
    assertEquals(0, r.code, () -> r.out + r.err);
    JsonNode o = MAPPER.readTree(r.out);
    assertEquals(1, o.get("parameters").intValue());
    assertEquals(10, o.get("sdeSubsteps").intValue());
    assertTrue(o.get("consistent").booleanValue(), r.out);
    JsonNode t = o.get("theory");
    assertTrue(t.get("gap").doubleValue() > 0 && t.get("prefactor").doubleValue() > 0, r.out);
    JsonNode table = o.get("table");
    assertEquals(21, table.size());
    JsonNode first = table.get(0);
    JsonNode last = table.get(20);
    assertEquals(400, last.get("step").intValue());
    // The bound decays to min L + eps(s) = E_mu L, and the SDE's band is consistent with it.
    assertTrue(last.get("bound").doubleValue() < first.get("bound").doubleValue(), r.out);
    assertEquals(t.get("gibbsMean").doubleValue(), last.get("bound").doubleValue(), 1e-6);
    assertTrue(last.get("sdeMean").doubleValue() - last.get("sdeHalfWidth").doubleValue()
        <= last.get("bound").doubleValue(), r.out);
    // Both dynamics start from the same draws, far above the minimum.
    assertEquals(first.get("sgdMean").doubleValue(), first.get("sdeMean").doubleValue(), 0.0);
    assertTrue(first.get("sgdMean").doubleValue() > 10 * last.get("sgdMean").doubleValue());
    List<String> rows = Files.readAllLines(csv);
    assertEquals("step,time,sgdMean,sgdLow,sgdHigh,sdeMean,sdeLow,sdeHigh,bound", rows.get(0));
    assertEquals(402, rows.size());
    byte[] head = Arrays.copyOf(Files.readAllBytes(png), 4);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head);
  }

  /** Two parameters: the bound line comes from the two-dimensional grid. */
  @Test
  void sgdWithTwoParametersUsesTheTwoDimensionalGrid() throws IOException {
    MainTest.Run r = run("villani", "sgd", "--data", twoPoints, "--outer", "1,1/2", "--lambda",
        "1/10", "--activation", "tanh", "--s", "1/5", "--steps", "60", "--runs", "100",
        "--init-variance", "1/100", "--points", "101", "--json");
    assertEquals(0, r.code, () -> r.out + r.err);
    JsonNode o = MAPPER.readTree(r.out);
    assertEquals(2, o.get("parameters").intValue());
    assertTrue(o.get("theory").get("grid").textValue().startsWith("101 x 101 points"), r.out);
    assertTrue(o.get("consistent").booleanValue(), r.out);
  }

  /** Three parameters: Monte Carlo only, and the report says why there is no bound line. */
  @Test
  void sgdWithoutTheGridNumericsSaysWhy() {
    MainTest.Run r = run("villani", "sgd", "--data", twoPoints, "--outer", "1,1/2,1", "--lambda",
        "1/10", "--activation", "sigmoid", "--s", "1/10", "--steps", "20", "--runs", "20");
    assertEquals(0, r.code, () -> r.out + r.err);
    assertTrue(r.out.contains("at most two trained parameters (p d <= 2)"), r.out);
    MainTest.Run z = run("villani", "sgd", "--data", data, "--outer", "1/2", "--lambda", "0",
        "--activation", "tanh", "--s", "1/10", "--steps", "5", "--runs", "5", "--init-variance",
        "1");
    assertEquals(0, z.code, () -> z.out + z.err);
    assertTrue(z.out.contains("lambda = 0 (no Gibbs measure)"), z.out);
  }

  @Test
  void sgdCheckNamesTheStepAndTheExcess() {
    DoubleLoss loss = new DoubleLoss(new RegularisedLoss(
        new TrainingData(new Rational[][] {{Rational.ONE}}, new Rational[] {Rational.ONE}),
        new Rational[] {Rational.of(2)}, Rational.of(1, 10), Activation.TANH));
    ConvergenceBound b = ConvergenceBound.forLoss(loss, 0.1, 0.1, 0.01, 2001);
    // A fabricated SDE curve whose band lies far above the bound from step 1 on.
    SgdMonteCarlo.Curve above = new SgdMonteCarlo.Curve(
        new double[] {b.min(), 1e3, 1e3}, new double[] {0.5, 0.5, 0.5});
    SgdMonteCarlo.Result r = new SgdMonteCarlo.Result(above, above, 2, 10, 1, 0.01, 1);
    String msg = SgdExperiment.of(r, b, 0.1).failure();
    assertNotNull(msg);
    assertTrue(msg.contains("at step 1 ") && msg.contains("by "), msg);
    assertNull(SgdExperiment.of(r, null, 0.1).failure());
  }

  @Test
  void sgdBadInputIsExitTwoWithOneLine() {
    String[] common = {"villani", "sgd", "--data", data, "--outer", "1/2", "--activation",
        "tanh", "--s", "1/10"};
    MainTest.assertUsageOrInputError(
        run(cat(common, new String[] {"--lambda", "1/10", "--steps", "0"})), "--steps");
    MainTest.assertUsageOrInputError(
        run(cat(common, new String[] {"--lambda", "1/10", "--steps", "5", "--runs", "1"})),
        "--runs");
    MainTest.assertUsageOrInputError(
        run(cat(common, new String[] {"--lambda", "0", "--steps", "5"})), "--init-variance",
        "lambda = 0");
    MainTest.assertUsageOrInputError(
        run(cat(common, new String[] {"--lambda", "1/10", "--steps", "5", "--init-variance",
            "-1"})), "--init-variance");
    MainTest.assertUsageOrInputError(
        run(cat(common, new String[] {"--lambda", "1/10", "--steps", "5", "--sde-substeps",
            "-1"})), "--sde-substeps");
    MainTest.assertUsageOrInputError(
        run(cat(common, new String[] {"--lambda", "1/10", "--steps", "1000000", "--runs",
            "1000"})), "stored values");
    MainTest.assertUsageOrInputError(
        run(cat(common, new String[] {"--lambda", "1/10", "--steps", "5", "--points", "3"})),
        "--points", "101 to 2000001");
    MainTest.assertUsageOrInputError(
        run(cat(common, new String[] {"--lambda", "1e-200", "--steps", "5"})), "--lambda",
        "1e-100");
  }

  private static String[] cat(String[] a, String[] b, String... c) {
    String[] all = new String[a.length + b.length + c.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    System.arraycopy(c, 0, all, a.length + b.length, c.length);
    return all;
  }

  @Test
  void tourHasTheT3Section() {
    MainTest.Run r = run("tour");
    assertEquals(0, r.code, () -> r.out + r.err);
    assertTrue(r.out.contains("[T3]"), r.out);
    assertTrue(r.out.contains("certified radius R(10) = "), r.out);
    assertTrue(r.out.contains("lower end >= M = 10: yes"), r.out);
    assertTrue(r.out.contains("without regularisation (lambda = 0) the checker refuses"), r.out);
    assertTrue(r.out.contains("the SDE's interval never lies above the bound"), r.out);
    assertTrue(r.out.contains("provnets tour --plot-dir DIR"), r.out);
  }

  @Test
  void tourWritesTheConvergencePlotAndItsNumbers() throws IOException {
    MainTest.Run r = run("tour", "--json", "--plot-dir", dir.toString());
    assertEquals(0, r.code, () -> r.out + r.err);
    JsonNode t3 = MAPPER.readTree(r.out).get("sections").get(4);
    assertEquals("T3", t3.get("section").textValue());
    JsonNode c = t3.get("convergence");
    assertTrue(c.get("consistent").booleanValue(), c.toString());
    JsonNode rows = c.get("table");
    // The bound decays from above D(s) to E_mu L; the SDE's mean falls from E L(W_0) towards it.
    double gibbs = c.get("gibbsMean").doubleValue();
    assertTrue(rows.get(0).get("bound").doubleValue() > 10, c.toString());
    assertEquals(gibbs, rows.get(rows.size() - 1).get("bound").doubleValue(), 1e-4);
    assertTrue(rows.get(0).get("sdeMean").doubleValue() > 5 * gibbs, c.toString());
    byte[] head = Arrays.copyOf(Files.readAllBytes(dir.resolve("t3-sgd.png")), 4);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head);
    MainTest.assertUsageOrInputError(
        run("tour", "--plot-dir", dir.resolve("missing").toString()), "missing", "does not exist");
  }
}
