package org.provablenets.io;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.provablenets.erm.BlockBounds;
import org.provablenets.erm.Dataset;
import org.provablenets.erm.ErmCertificate;
import org.provablenets.erm.Loss;
import org.provablenets.erm.PatternSet;
import org.provablenets.erm.ReluNet;
import org.provablenets.exact.Rational;
import org.provablenets.gate.FiniteDistribution;
import org.provablenets.gate.GateStep;

/**
 * A T1 certificate and its data as a Coq file that the Coq kernel checks by computation against
 * {@code formal/T1.v}; and one exact T2 step ({@link #gateStep}) against {@code formal/T2Check.v}.
 *
 * <p><b>The file.</b> It defines {@code n} (the input dimension), {@code data} (the points as
 * rationals {@code Qmake p q}), {@code net_units} (the certificate's net: weights, bias and sign
 * of each unit) and {@code cert} (the record {@code certificate} of {@code T1.v}: width, loss,
 * output bias, the optimum, the patterns, the refuted prefixes with their Farkas vectors, one
 * entry per subproblem with its dual point or the mark {@code Pruned}, and the blocks, if the
 * pruned entries use block bounds: each block's points, its patterns and one entry per subproblem
 * of the block with its dual point); then the lemma {@code
 * cert_checks : check_erm n data cert = true}, proved by {@code vm_compute}; then the theorem
 * {@code global_optimum}, which restates {@code erm_certificate_sound} with every number written
 * out, so that a reader audits one statement: every real net of the width has mean loss at least
 * the optimum, and the certificate's net attains it.
 *
 * <p>Nothing is checked here: a tampered certificate is exported as it is, and {@code coqc}
 * rejects it. Cost: linear in the certificate's size.
 */
public final class CoqExport {
  private CoqExport() {}

  /** The Coq file for a certificate, its data and the names of the files they came from. */
  public static String t1(Dataset data, ErmCertificate cert, String certSource, String dataSource) {
    StringBuilder s = new StringBuilder();
    int n = data.dimension();
    String loss = coqLoss(cert.loss());
    String opt = q(cert.optimum());
    s.append("(* Exported by 'provnets export-coq' from ").append(comment(certSource))
        .append(" and ").append(comment(dataSource)).append(" (dataDigest ")
        .append(cert.digest()).append(").\n")
        .append("   Check it with:  make -C formal  and then\n")
        .append("                   coqc -Q formal ProvableNets THIS_FILE.v\n")
        .append("   What to audit: the definitions of n, data and net_units, and the statement of\n")
        .append("   global_optimum at the end; cert is only the evidence, checked by check_erm. *)\n")
        .append("From Coq Require Import QArith Reals List.\n")
        .append("From ProvableNets Require Import T1.\n")
        .append("Import ListNotations.\n")
        .append("Local Open Scope Q_scope.\n\n");
    s.append("(* the input dimension and the data (x_j, y_j), exact rationals Qmake p q = p/q *)\n");
    s.append("Definition n : nat := ").append(n).append("%nat.\n");
    s.append("Definition data : list point := [\n");
    for (int j = 0; j < data.size(); j++) {
      s.append("  (").append(qs(data.x(j))).append(", ").append(q(data.y(j))).append(")")
          .append(j + 1 < data.size() ? ";\n" : "\n");
    }
    s.append("].\n\n");
    ReluNet net = cert.net();
    s.append("(* the certificate's net: for each unit its weights a_i, bias b_i and sign\n")
        .append("   (true: +1, false: -1); f(x) = sum_i sign_i max(0, a_i . x + b_i) + c *)\n");
    s.append("Definition net_units : list (list Q * Q * bool) := [\n");
    for (int i = 0; i < net.width(); i++) {
      s.append("  (").append(qs(net.weights(i))).append(", ").append(q(net.bias(i))).append(", ")
          .append(net.sign(i) > 0).append(")").append(i + 1 < net.width() ? ";\n" : "\n");
    }
    s.append("].\n");
    s.append("Definition net_bias : Q := ").append(q(net.outputBias())).append(".\n\n");
    PatternSet ps = cert.patterns();
    List<String> pats = new ArrayList<>();
    for (int p = 0; p < ps.size(); p++) {
      pats.add(bools(ps.get(p).activity()));
    }
    List<PatternSet.Refutation> refs = ps.refutations();
    List<String> refuted = new ArrayList<>();
    for (PatternSet.Refutation r : refs) {
      refuted.add("(" + bools(r.prefix()) + ", " + qs(r.farkas()) + ")");
    }
    List<String> items = entries(cert.entries(), cert.loss());
    String patterns = chunks(s, "patterns", "list bool", pats);
    String refutations = chunks(s, "refuted", "list bool * list Q", refuted);
    String entryList = chunks(s, "entries", "entry", items);
    String blockList = blocks(s, cert);
    s.append("Definition cert : certificate := {|\n");
    s.append("  c_width := ").append(cert.width()).append("%nat;\n");
    s.append("  c_loss := ").append(loss).append(";\n");
    s.append("  c_bias := ").append(cert.outputBias()).append(";\n");
    s.append("  c_opt := ").append(opt).append(";\n");
    s.append("  c_patterns := ").append(patterns).append(";\n");
    s.append("  c_refuted := ").append(refutations).append(";\n");
    s.append("  c_entries := ").append(entryList).append(";\n");
    s.append("  c_blocks := ").append(blockList).append(";\n");
    s.append("  c_units := net_units;\n");
    s.append("  c_outbias := net_bias |}.\n\n");
    s.append("Lemma cert_checks : check_erm n data cert = true.\n")
        .append("Proof. vm_compute. reflexivity. Qed.\n\n");
    String w = Integer.toString(cert.width());
    s.append("(* THE STATEMENT: no real-valued depth-2 ReLU net with ").append(w)
        .append(" units").append(cert.outputBias() ? " and an output bias c" : " (and no output bias)")
        .append("\n   has a smaller mean ").append(cert.loss().id())
        .append(" loss on data than ").append(opt).append(", and net_units attains it. *)\n");
    s.append("Theorem global_optimum :\n")
        .append("  (forall (net : list runit) (c : R), length net = ").append(w).append("%nat ->\n")
        .append(cert.outputBias() ? "" : "     c = 0%R ->\n")
        .append("     (Q2R (").append(opt).append(") <= mean_loss ").append(loss)
        .append(" n data net c)%R)\n")
        .append("  /\\ mean_loss ").append(loss).append(" n data (map embed net_units) (Q2R net_bias)\n")
        .append("     = Q2R (").append(opt).append(").\n");
    s.append("Proof.\n")
        .append("  destruct (erm_certificate_sound n data cert cert_checks) as [H1 H2].\n")
        .append("  split; [|exact H2].\n")
        .append(cert.outputBias()
            ? "  intros net c Hl. apply H1; [exact Hl|intros H; discriminate H].\n"
            : "  intros net c Hl Hc. apply H1; [exact Hl|intros _; exact Hc].\n")
        .append("Qed.\n");
    return s.toString();
  }

  /**
   * One {@code gate step} as a Coq file checked by computation against {@code formal/T2Check.v}:
   * the support points (as the step used them, symmetrised unless {@code --asymmetric}), w*, w,
   * eta and b, and the theorem {@code step_checks} stating, with the numbers the Java code
   * computed, that (A1) holds (if it was claimed), that the mean update and {@code (1/2) Sigma (w*
   * - w)} both equal {@code meanUpdate}, and that {@code E||w' - w*||^2} over all ordered batches
   * and the one-step identity both equal {@code direct}. Cost: linear in the support's size.
   */
  public static String gateStep(FiniteDistribution dist, boolean symmetric, GateStep st,
      String source) {
    StringBuilder s = new StringBuilder();
    s.append("(* Exported by 'provnets gate step --coq' from ").append(comment(source))
        .append(".\n")
        .append("   Check it with:  make -C formal  and then\n")
        .append("                   coqc -Q formal ProvableNets THIS_FILE.v\n")
        .append("   What to audit: the definitions of pts, ws, w, eta, b and the statement of\n")
        .append("   step_checks (formal/T2Check.v defines mean_update, half_sigma_delta,\n")
        .append("   expected_direct and expected_identity). *)\n")
        .append("From Coq Require Import QArith List.\n")
        .append("From ProvableNets Require Import T2Check.\n")
        .append("Import ListNotations.\n")
        .append("Local Open Scope Q_scope.\n\n");
    s.append("(* the support points, each of mass 1/").append(dist.size()).append(" *)\n");
    List<String> pts = new ArrayList<>();
    for (int i = 0; i < dist.size(); i++) {
      pts.add(qs(dist.point(i)));
    }
    String points = chunks(s, "pts", "vec", pts);
    s.append("Definition pts : list vec := ").append(points).append(".\n");
    s.append("Definition d : nat := ").append(dist.dimension()).append("%nat.\n");
    s.append("Definition ws : vec := ").append(qs(st.wStar())).append(".\n");
    s.append("Definition w : vec := ").append(qs(st.w())).append(".\n");
    s.append("Definition eta : Q := ").append(q(st.eta())).append(".\n");
    s.append("Definition b : nat := ").append(st.batch()).append("%nat.\n\n");
    s.append("(* THE STATEMENT: ").append(symmetric ? "(A1) holds; " : "")
        .append("E[(ReLU(ws.x) - ReLU(w.x)) x] = 1/2 Sigma (ws - w) = the vector below;\n")
        .append("   E||w' - ws||^2 over all ").append(st.batches())
        .append(" ordered batches = the one-step identity = the number below. *)\n");
    s.append("Theorem step_checks :\n");
    if (symmetric) {
      s.append("  symmetric pts = true /\\\n");
    }
    String mean = qs(st.meanUpdate());
    String direct = q(st.direct());
    s.append("  veqb (mean_update d pts ws w) ").append(mean).append(" = true /\\\n")
        .append("  veqb (half_sigma_delta d pts ws w) ").append(mean).append(" = true /\\\n")
        .append("  Qeq_bool (expected_direct d pts ws w eta b) ").append(direct).append(" = true /\\\n")
        .append("  Qeq_bool (expected_identity d pts ws w eta b) ").append(direct).append(" = true.\n");
    s.append("Proof. repeat split; vm_compute; reflexivity. Qed.\n");
    return s.toString();
  }

  /** The entries as terms of the record {@code entry}: the key, then the dual point or {@code Pruned}. */
  private static List<String> entries(List<ErmCertificate.Entry> entries, Loss loss) {
    List<String> items = new ArrayList<>();
    for (ErmCertificate.Entry entry : entries) {
      StringBuilder e = new StringBuilder("{| e_plus := ").append(entry.plus())
          .append("%nat; e_pats := ").append(nats(entry.patterns())).append("; e_dual := ");
      if (entry.isPruned()) {
        e.append("Pruned");
      } else if (loss instanceof Loss.Squared) {
        e.append("QPDual ").append(qs(entry.u())).append(" ").append(qs(entry.lambda()));
      } else {
        e.append("LPDual ").append(qs(entry.lambda()));
      }
      items.add(e.append(" |}").toString());
    }
    return items;
  }

  /**
   * Writes the certificate's blocks (proofs-notes/T1.md step 8) as definitions: for block k its
   * patterns {@code block_k_patterns_*} and its entries {@code block_k_entries_*} (in chunks), then
   * {@code blocks}, the list of records {@code block} (points, patterns, entries); returns the term
   * for {@code c_blocks}: {@code blocks}, or {@code []} if the certificate has none.
   */
  private static String blocks(StringBuilder s, ErmCertificate cert) {
    List<BlockBounds.Block> blocks = cert.blocks();
    if (blocks.isEmpty()) {
      return "[]";
    }
    s.append("(* the blocks (proofs-notes/T1.md step 8): each block's points (indices into data), its\n")
        .append("   patterns (restricted to its points) and one entry per subproblem of its points alone,\n")
        .append("   each with a dual point *)\n");
    List<String> records = new ArrayList<>();
    for (int k = 0; k < blocks.size(); k++) {
      BlockBounds.Block block = blocks.get(k);
      PatternSet bp = block.patterns();
      List<String> pats = new ArrayList<>();
      for (int p = 0; p < bp.size(); p++) {
        pats.add(bools(bp.get(p).activity()));
      }
      String patterns = chunks(s, "block_" + k + "_patterns", "list bool", pats);
      String entries = chunks(s, "block_" + k + "_entries", "entry",
          entries(block.entries(), cert.loss()));
      records.add("{| b_points := " + nats(block.points()) + ";\n     b_pats := " + patterns
          + ";\n     b_entries := " + entries + " |}");
    }
    s.append("Definition blocks : list block := [\n");
    for (int k = 0; k < records.size(); k++) {
      s.append("  ").append(records.get(k)).append(k + 1 < records.size() ? ";\n" : "\n");
    }
    s.append("].\n\n");
    return "blocks";
  }

  /** Lists longer than this are written in several definitions joined by ++. */
  static final int CHUNK = 200;

  /**
   * Writes {@code items} as definitions {@code NAME_0, NAME_1, ...} of at most {@link #CHUNK}
   * elements each (Coq's parser recurses once per element of a list literal, and a list of tens
   * of thousands overflows its stack) and returns the term that joins them.
   */
  private static String chunks(StringBuilder s, String name, String type, List<String> items) {
    List<String> names = new ArrayList<>();
    for (int from = 0; from < items.size() || names.isEmpty(); from += CHUNK) {
      String def = name + "_" + names.size();
      names.add(def);
      s.append("Definition ").append(def).append(" : list (").append(type).append(") := [\n");
      int to = Math.min(items.size(), from + CHUNK);
      for (int i = from; i < to; i++) {
        s.append("  ").append(items.get(i)).append(i + 1 < to ? ";\n" : "\n");
      }
      s.append("].\n");
    }
    s.append("\n");
    return String.join(" ++ ", names);
  }

  /** The constructor of {@code loss_kind} in formal/T1.v for a loss (the sealed cases of Loss). */
  private static String coqLoss(Loss loss) {
    if (loss instanceof Loss.Squared) {
      return "Squared";
    }
    return loss instanceof Loss.Hinge ? "Hinge" : "Absolute";
  }

  /** A rational as {@code (Qmake p q)}; Coq reads any size of p and q. */
  public static String q(Rational r) {
    BigInteger num = r.getNumerator();
    BigInteger den = r.getDenominator();
    return "(Qmake " + (num.signum() < 0 ? "(" + num + ")" : num.toString()) + " " + den + ")";
  }

  private static String qs(Rational[] v) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      s.append(i == 0 ? "" : "; ").append(q(v[i]));
    }
    return s.append("]").toString();
  }

  private static String bools(boolean[] b) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < b.length; i++) {
      s.append(i == 0 ? "" : "; ").append(b[i]);
    }
    return s.append("]").toString();
  }

  private static String nats(int[] a) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < a.length; i++) {
      s.append(i == 0 ? "" : "; ").append(a[i]).append("%nat");
    }
    return s.append("]").toString();
  }

  /** A file name inside a Coq comment: "*)" would end it. */
  private static String comment(String text) {
    return text.replace("*)", "* )").replace("(*", "( *");
  }
}
