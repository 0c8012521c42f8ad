package org.provablenets.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.provablenets.cli.MainTest.assertUsageOrInputError;
import static org.provablenets.cli.MainTest.run;
import static org.provablenets.testutil.Npy.shape;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.provablenets.testutil.Npy;

/**
 * NumPy and PyTorch inputs end to end: every command takes {@code .npy}/{@code .npz} (and a
 * state_dict) by the file's extension, with the exact binary values, and gives what it gives on
 * the equivalent CSV or JSON.
 */
class NumPyCliTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** float64 0.1 and 0.3, exactly. */
  private static final String TENTH = "3602879701896397/36028797018963968";

  private static final String THREE_TENTHS = "5404319552844595/18014398509481984";

  @TempDir Path dir;

  private String write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p.toString();
  }

  private String write(String name, byte[] bytes) {
    return Npy.write(dir, name, bytes).toString();
  }

  private static Map<String, byte[]> members(Object... nameAndBytes) {
    Map<String, byte[]> m = new LinkedHashMap<>();
    for (int i = 0; i < nameAndBytes.length; i += 2) {
      m.put((String) nameAndBytes[i], (byte[]) nameAndBytes[i + 1]);
    }
    return m;
  }

  /** x = 0.1, 0.5, -1.25, 2 and y = 0.3, 1, 0, 2 in float64, as an .npz. */
  private String dataNpz() {
    return write("d.npz", Npy.npz(true, members(
        "X.npy", Npy.f8(shape(4, 1), 0.1, 0.5, -1.25, 2),
        "y.npy", Npy.f8(shape(4), 0.3, 1, 0, 2))));
  }

  /** The same data as CSV with the exact binary values. */
  private String dataCsv() throws IOException {
    return write("d.csv", "x,y\n" + TENTH + "," + THREE_TENTHS + "\n0.5,1\n-1.25,0\n2,2\n");
  }

  /** Stdout with the file names replaced, for comparing runs on equivalent files. */
  private static String same(MainTest.Run r, String... files) {
    String s = r.out;
    for (String f : files) {
      s = s.replace(f, "FILE");
    }
    return s;
  }

  @Test
  void ermOnAnNpzGivesTheOptimumOfTheExactBinaryValues() throws IOException {
    MainTest.Run npz = run("erm", "--data", dataNpz(), "--width", "1", "--json");
    assertEquals(0, npz.code, () -> npz.out + npz.err);
    MainTest.Run csv = run("erm", "--data", dataCsv(), "--width", "1", "--json");
    assertEquals(0, csv.code, () -> csv.out + csv.err);
    JsonNode a = MAPPER.readTree(npz.out);
    JsonNode b = MAPPER.readTree(csv.out);
    assertEquals(b.get("optimum"), a.get("optimum"));
    assertEquals(b.get("net"), a.get("net"));
    assertEquals(b.get("dataDigest"), a.get("dataDigest"));
    // and not the optimum of the decimals 0.1 and 0.3
    MainTest.Run dec = run("erm", "--data", write("dec.csv", "0.1,0.3\n0.5,1\n-1.25,0\n2,2\n"),
        "--width", "1", "--json");
    assertTrue(!MAPPER.readTree(dec.out).get("optimum").equals(a.get("optimum")), dec.out);
  }

  @Test
  void ermGapTakesAStateDictAsNpzOrJson() throws IOException {
    String data = dataCsv();
    String units = write("net.json", "{\"units\": [{\"weights\": [2], \"bias\": -1,"
        + " \"outputWeight\": 0.5}, {\"weights\": [-1], \"bias\": 0, \"outputWeight\": 1}]}");
    String npz = write("sd.npz", Npy.npz(false, members(
        "fc1.weight.npy", Npy.f4(shape(2, 1), 2, -1),
        "fc1.bias.npy", Npy.f4(shape(2), -1, 0),
        "fc2.weight.npy", Npy.f4(shape(1, 2), 0.5f, 1))));
    String json = write("sd.json", "{\"fc1.weight\": [[2], [-1]], \"fc1.bias\": [-1, 0],"
        + " \"fc2.weight\": [[\"1/2\", 1]]}");
    MainTest.Run ref = run("erm-gap", "--data", data, "--net", units, "--json");
    assertEquals(0, ref.code, () -> ref.out + ref.err);
    for (String net : new String[] {npz, json}) {
      MainTest.Run r = run("erm-gap", "--data", data, "--net", net, "--json");
      assertEquals(0, r.code, () -> r.out + r.err);
      assertEquals(same(ref, units), same(r, net));
    }
    // fc2.bias needs --output-bias, as outputBias does
    String biased = write("b.json", "{\"fc1.weight\": [[2], [-1]], \"fc1.bias\": [-1, 0],"
        + " \"fc2.weight\": [[0.5, 1]], \"fc2.bias\": [0.25]}");
    assertUsageOrInputError(run("erm-gap", "--data", data, "--net", biased), "b.json",
        "outputBias is 1/4", "--output-bias");
    MainTest.Run withBias = run("erm-gap", "--data", data, "--net", biased, "--output-bias");
    assertEquals(0, withBias.code, () -> withBias.out + withBias.err);
    String badShape = write("bad.json", "{\"fc1.weight\": [[2], [-1]], \"fc1.bias\": [-1],"
        + " \"fc2.weight\": [[0.5, 1]]}");
    assertUsageOrInputError(run("erm-gap", "--data", data, "--net", badShape), "bad.json:"
        + " fc1.bias has shape (1,), but fc1.weight has shape (2, 1), expected (2,)");
  }

  @Test
  void villaniEvalTakesWeightsAsNpyOrAStateDict() throws IOException {
    String data = write("v.csv", "x,y\n1,1\n-1,0\n");
    String csv = write("w.csv", "1/3\n-3\n");
    String npy = write("w.npy", Npy.file(1, Npy.dict("<i8", false, 2, 1),
        new byte[] {1, 0, 0, 0, 0, 0, 0, 0, -3, -1, -1, -1, -1, -1, -1, -1}));
    String[] common = {"--data", data, "--lambda", "1/10", "--activation", "tanh", "--s", "1",
        "--json"};
    MainTest.Run ref = run(concat(new String[] {"villani", "eval", "--weights", csv, "--outer",
        "1,1/2"}, common));
    assertEquals(0, ref.code, () -> ref.out + ref.err);
    // W = [[1], [-3]] from an int64 .npy differs from the CSV only in its first entry
    String csv1 = write("w1.csv", "1\n-3\n");
    MainTest.Run ref1 = run(concat(new String[] {"villani", "eval", "--weights", csv1, "--outer",
        "1,1/2"}, common));
    MainTest.Run fromNpy = run(concat(new String[] {"villani", "eval", "--weights", npy,
        "--outer", "1,1/2"}, common));
    assertEquals(0, fromNpy.code, () -> fromNpy.out + fromNpy.err);
    assertEquals(same(ref1, csv1), same(fromNpy, npy));

    String sd = write("sd.json", "{\"fc1.weight\": [[\"1/3\"], [-3]], \"fc1.bias\": [0, 0],"
        + " \"fc2.weight\": [[1, 0.5]]}");
    MainTest.Run fromSd = run(concat(new String[] {"villani", "eval", "--weights", sd}, common));
    assertEquals(0, fromSd.code, () -> fromSd.out + fromSd.err);
    assertEquals(same(ref, csv), same(fromSd, sd));
    MainTest.Run both = run(concat(new String[] {"villani", "eval", "--weights", sd, "--outer",
        "1,0.5"}, common));
    assertEquals(0, both.code, () -> both.out + both.err);
    assertEquals(same(ref, csv), same(both, sd));
    String sdz = write("sd.npz", Npy.npz(true, members(
        "fc1.weight.npy", Npy.f8(shape(2, 1), 0.25, -3),
        "fc2.weight.npy", Npy.f8(shape(1, 2), 1, 0.5))));
    MainTest.Run npz = run(concat(new String[] {"villani", "eval", "--weights", sdz}, common));
    assertEquals(0, npz.code, () -> npz.out + npz.err);

    assertUsageOrInputError(run(concat(new String[] {"villani", "eval", "--weights", sd,
        "--outer", "1,1/3"}, common)), "sd.json: fc2.weight[0][1] is 1/2, but --outer entry 2 is"
        + " 1/3");
    assertUsageOrInputError(run(concat(new String[] {"villani", "eval", "--weights", sd,
        "--outer", "1"}, common)), "sd.json: fc2.weight has 2 outer weights, but --outer gives 1");
    assertUsageOrInputError(run(concat(new String[] {"villani", "eval", "--weights", csv},
        common)), "Missing required option: '--outer=A'");
    String noOuter = write("no-outer.json", "{\"fc1.weight\": [[1], [2]]}");
    assertUsageOrInputError(run(concat(new String[] {"villani", "eval", "--weights", noOuter},
        common)), "Missing required option: '--outer=A'", "fc2.weight");
    String biased = write("biased.json", "{\"fc1.weight\": [[1], [2]], \"fc1.bias\": [0, 0.5],"
        + " \"fc2.weight\": [[1, 1]]}");
    assertUsageOrInputError(run(concat(new String[] {"villani", "eval", "--weights", biased},
        common)), "biased.json: fc1.bias[1] is 1/2, but the T3 model", "has no biases");
    assertUsageOrInputError(run("villani", "check", "--data", data, "--lambda", "1",
        "--activation", "tanh", "--s", "1"), "Missing required option: '--outer=A'");
  }

  @Test
  void gateCompareTakesNpyTrajectoryAndSamples() throws IOException {
    String support = write("s.csv", "x1,x2\n1,0\n0,1\n1,1\n");
    String trajCsv = write("t.csv", "0,0\n0,0\n0.5,0.5\n0.5,0.5\n0.5,0.5\n");
    String idxCsv = write("i.csv", "3\n4\n1\n3\n");
    String trajNpy = write("t.npy", Npy.f4(shape(5, 2), 0, 0, 0, 0, 0.5f, 0.5f, 0.5f, 0.5f,
        0.5f, 0.5f));
    String idxNpy = write("i.npy", Npy.i8(shape(4), 3, 4, 1, 3));
    String[] base = {"gate", "compare", "--support", support, "--w-star", "1,1", "--eta", "1/4",
        "--json"};
    MainTest.Run ref = run(concat(base, new String[] {"--trajectory", trajCsv, "--samples",
        idxCsv}));
    assertEquals(0, ref.code, () -> ref.out + ref.err);
    MainTest.Run r = run(concat(base, new String[] {"--trajectory", trajNpy, "--samples",
        idxNpy}));
    assertEquals(0, r.code, () -> r.out + r.err);
    assertEquals(same(ref, trajCsv, idxCsv), same(r, trajNpy, idxNpy));
    // a support as .npy too
    String supNpy = write("s.npy", Npy.f8(shape(3, 2), 1, 0, 0, 1, 1, 1));
    MainTest.Run s = run("gate", "compare", "--support", supNpy, "--w-star", "1,1", "--eta",
        "1/4", "--json", "--trajectory", trajCsv, "--samples", idxCsv);
    assertEquals(0, s.code, () -> s.out + s.err);
    assertEquals(same(ref, support), same(s, supNpy));
    String floatIdx = write("fi.npy", Npy.f8(shape(4), 3, 4, 1, 3));
    assertUsageOrInputError(run(concat(base, new String[] {"--trajectory", trajNpy, "--samples",
        floatIdx})), "fi.npy: has dtype '<f8', but sample indices need an integer dtype");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
