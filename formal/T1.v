(* T1 (proofs-notes/T1.md): the certificate of a global ERM optimum of a depth-2 ReLU net, checked
   by computation and proved sound once.

   [paper] Arora, Basu, Mianjy, Mukherjee, "Understanding Deep Neural Networks with Rectified
   Linear Units" (ICLR 2018), Theorem 4.1 and Algorithm 1; [derived] the certificate and its
   checker (org.provablenets.cert.ErmChecker), the blocked-points and block bounds (steps 7, 8).

   THE STATEMENT (erm_certificate_sound, at the end of this file): for data (x_j, y_j) in
   Q^n x Q, j = 1..D, and a certificate cert, if the boolean function check_erm n data cert
   computes true, then
     (1) every real-valued net  f(x) = sum_i v_i max(0, a_i . x + b_i) + c  with width(cert) units
         (and c = 0 when the certificate's model has no output bias) has mean loss
         (1/D) sum_j l(f(x_j), y_j) >= the certificate's optimum, and
     (2) the certificate's own net attains that optimum,
   for l the squared loss (f - y)^2, the absolute loss |f - y| or the hinge loss max(0, 1 - y f).
   The nets range over Coq's real numbers; check_erm computes on Coq's rationals Q (Q2R embeds
   them).  The proof uses only the standard library's axioms of the reals
   (ClassicalDedekindReals.sig_forall_dec, FunctionalExtensionality.functional_extensionality_dep);
   AssumptionsReals.v prints them.

   The proof chain, as in proofs-notes/T1.md:
     step 1  normalise        every unit v max(0, t) = sign(v) max(0, |v| t);
     step 2  pattern_listed   every activation pattern of a unit is in the certificate's list:
                              the prefix tree of the list is closed up to refuted prefixes, and a
                              refuted prefix is realised by no unit (farkas_refutes);
     step 3  F, design        with the patterns fixed, the net is linear in its parameters;
     step 5  keys_complete    the units, sorted into (positive units, then negative units, each
                              by pattern index), give a key that Subproblems.forEach visits;
     step 6  entry_sound      each entry bounds its subproblem: the squared loss by a QP dual
                              point (squared_bound), the absolute and hinge losses by an LP dual
                              vector (absolute_bound, hinge_bound), all through one
                              stationarity lemma (stationarity_bound);
     step 7  blocked_bound    a pruned entry by its blocked points (l(f, y) >= l(0, y) when
                              f y <= 0, lossR_blocked), if the certificate has no blocks;
     step 8  block_term_sound a pruned entry by its block bound, if it has blocks: on a block's
                              points the net is a net of the restricted subproblem, whose entry
                              in the block's table bounds its loss there (net_bound);
             lower_bound      the blocks are disjoint and the losses >= 0 (sumf_sublist).
   The blocked points here are those where every active unit i has sign_i y_j <= 0; this
   includes every point ErmChecker calls blocked, so the bound is at least the Java one. *)
From Coq Require Import Reals QArith Qreals Lra Lia List Bool Arith Permutation.
Import ListNotations.
Local Open Scope R_scope.

(* ---- finite sums over lists ---- *)

Definition sumf {A} (f : A -> R) (l : list A) : R := fold_right (fun a s => f a + s) 0 l.

Lemma sumf_nil {A} (f : A -> R) : sumf f [] = 0.
Proof. reflexivity. Qed.

Lemma sumf_cons {A} (f : A -> R) a l : sumf f (a :: l) = f a + sumf f l.
Proof. reflexivity. Qed.

Lemma sumf_app {A} (f : A -> R) l1 l2 : sumf f (l1 ++ l2) = sumf f l1 + sumf f l2.
Proof. induction l1; simpl; [lra|]. unfold sumf in *; simpl. rewrite IHl1. lra. Qed.

Lemma sumf_ext {A} (f g : A -> R) l :
  (forall a, In a l -> f a = g a) -> sumf f l = sumf g l.
Proof.
  induction l as [|a l IH]; intros H; [reflexivity|].
  rewrite !sumf_cons, H, IH; [reflexivity| |left; reflexivity].
  intros b Hb; apply H; right; exact Hb.
Qed.

Lemma sumf_plus {A} (f g : A -> R) l :
  sumf (fun a => f a + g a) l = sumf f l + sumf g l.
Proof. induction l; rewrite ?sumf_cons; simpl; [unfold sumf; simpl; lra|]. rewrite IHl. lra. Qed.

Lemma sumf_scal {A} (c : R) (f : A -> R) l :
  sumf (fun a => c * f a) l = c * sumf f l.
Proof. induction l; rewrite ?sumf_cons; [unfold sumf; simpl; lra|]. rewrite IHl. lra. Qed.

Lemma sumf_zero {A} (l : list A) : sumf (fun _ => 0) l = 0.
Proof. induction l; rewrite ?sumf_cons; [reflexivity|]. rewrite IHl. lra. Qed.

Lemma sumf_le {A} (f g : A -> R) l :
  (forall a, In a l -> f a <= g a) -> sumf f l <= sumf g l.
Proof.
  induction l as [|a l IH]; intros H; [unfold sumf; simpl; lra|].
  rewrite !sumf_cons.
  assert (f a <= g a) by (apply H; left; reflexivity).
  assert (sumf f l <= sumf g l) by (apply IH; intros b Hb; apply H; right; exact Hb).
  lra.
Qed.

Lemma sumf_nonneg {A} (f : A -> R) l :
  (forall a, In a l -> 0 <= f a) -> 0 <= sumf f l.
Proof.
  intros H. apply Rle_trans with (sumf (fun _ => 0) l).
  - rewrite sumf_zero; apply Rle_refl.
  - apply sumf_le. exact H.
Qed.

Lemma sumf_nonpos {A} (f : A -> R) l :
  (forall a, In a l -> f a <= 0) -> sumf f l <= 0.
Proof.
  intros H. apply Rle_trans with (sumf (fun _ => 0) l).
  - apply sumf_le. exact H.
  - rewrite sumf_zero; apply Rle_refl.
Qed.

Lemma sumf_swap {A B} (f : A -> B -> R) la lb :
  sumf (fun a => sumf (fun b => f a b) lb) la = sumf (fun b => sumf (fun a => f a b) la) lb.
Proof.
  induction la as [|a la IH].
  - rewrite sumf_nil. symmetry. apply (sumf_zero lb).
  - rewrite sumf_cons, IH, <- sumf_plus. apply sumf_ext. intros b _. reflexivity.
Qed.

Lemma sumf_perm {A} (f : A -> R) l l' : Permutation l l' -> sumf f l = sumf f l'.
Proof.
  induction 1; rewrite ?sumf_cons; try lra.
Qed.

Lemma sumf_map {A B} (f : B -> R) (g : A -> B) l : sumf f (map g l) = sumf (fun a => f (g a)) l.
Proof. induction l; [reflexivity|]. simpl. unfold sumf in *; simpl. rewrite IHl. reflexivity. Qed.

(* A list as a sum over its indices. *)
Lemma sumf_nth {A} (f : A -> R) (l : list A) (d : A) :
  sumf f l = sumf (fun j => f (nth j l d)) (seq 0 (length l)).
Proof.
  induction l as [|a l IH]; [reflexivity|].
  simpl length. simpl seq. rewrite !sumf_cons, <- seq_shift, sumf_map.
  simpl nth. rewrite IH. reflexivity.
Qed.

(* ---- vectors as functions of an index ---- *)

Definition dot (m : nat) (t x : nat -> R) : R := sumf (fun k => t k * x k) (seq 0 m).

(* ---- the blocked-points and weak-duality bounds of one subproblem, over the reals ---- *)

Definition relu (z : R) : R := Rmax 0 z.

Inductive loss_kind := Squared | Absolute | Hinge.

(* Loss.value: (f - y)^2, |f - y|, max(0, 1 - y f) *)
Definition lossR (l : loss_kind) (f y : R) : R :=
  match l with
  | Squared => (f - y) * (f - y)
  | Absolute => Rabs (f - y)
  | Hinge => Rmax 0 (1 - y * f)
  end.

Lemma lossR_nonneg l f y : 0 <= lossR l f y.
Proof.
  destruct l; simpl.
  - apply Rle_0_sqr.
  - apply Rabs_pos.
  - apply Rmax_l.
Qed.

(* proofs-notes/T1.md step 7: l(f, y) >= l(0, y) whenever f y <= 0. *)
Lemma lossR_blocked l f y : f * y <= 0 -> lossR l 0 y <= lossR l f y.
Proof.
  intros H; destruct l; simpl.
  - pose proof (Rle_0_sqr f); unfold Rsqr in *; nra.
  - rewrite Rminus_0_l, Rabs_Ropp.
    unfold Rabs; destruct (Rcase_abs y), (Rcase_abs (f - y)); nra.
  - rewrite Rmult_0_r, Rminus_0_r.
    unfold Rmax; destruct (Rle_dec 0 1), (Rle_dec 0 (1 - y * f)); nra.
Qed.

Section Subproblem.
(* D points, w units, m = n + 1 coordinates of the lifted points X j = (x_j, 1); labels Y j;
   the subproblem's signs sg i = +1 or -1 and patterns P i j (unit i active at point j). *)
Variables (D w m : nat) (X : nat -> nat -> R) (Y : nat -> R).
Variables (sg : nat -> R) (P : nat -> nat -> bool).
(* A net of the subproblem: unit i has parameters T i (its weights, then its bias), the
   output bias is c. *)
Variables (T : nat -> nat -> R) (c : R).

Definition pre i j := dot m (T i) (X j).
Definition sigma i j : R := if P i j then 1 else -1.

(* The subproblem's constraints: each unit keeps its pattern. *)
Hypothesis feasible :
  forall i j, (i < w)%nat -> (j < D)%nat -> if P i j then 0 <= pre i j else pre i j <= 0.

Lemma sigma_pre i j : (i < w)%nat -> (j < D)%nat -> 0 <= sigma i j * pre i j.
Proof.
  intros Hi Hj; specialize (feasible i j Hi Hj); unfold sigma; destruct (P i j); nra.
Qed.

(* The output at point j: the net is linear in its parameters once the patterns are fixed. *)
Definition F j := sumf (fun i => if P i j then sg i * pre i j else 0) (seq 0 w) + c.

Definition design i j k : R := if P i j then sg i * X j k else 0.

(* The stationarity lemma behind every weak-duality bound: if g' A = lambda' G, i.e. for every
   unit i and coordinate k, sum_j g_j A_{j,(i,k)} = sum_j lambda_ij sigma_ij X_jk, with
   lambda >= 0, and the output bias is 0 or sum_j g_j = 0, then sum_j g_j F_j >= 0. *)
Lemma stationarity_bound (g : nat -> R) (L : nat -> nat -> R) :
  (forall i j, (i < w)%nat -> (j < D)%nat -> 0 <= L i j) ->
  (forall i k, (i < w)%nat -> (k < m)%nat ->
     sumf (fun j => g j * design i j k) (seq 0 D)
     = sumf (fun j => L i j * (sigma i j * X j k)) (seq 0 D)) ->
  (c = 0 \/ sumf g (seq 0 D) = 0) ->
  0 <= sumf (fun j => g j * F j) (seq 0 D).
Proof.
  intros HL Hst Hc.
  unfold F.
  assert (E : sumf (fun j => g j * (sumf (fun i => if P i j then sg i * pre i j else 0) (seq 0 w) + c)) (seq 0 D)
           = sumf (fun i => sumf (fun j => L i j * (sigma i j * pre i j)) (seq 0 D)) (seq 0 w)
             + c * sumf g (seq 0 D)).
  { (* sum_j g_j sum_i [P] sg pre = sum_i sum_j ... *)
    assert (E1 : sumf (fun j => g j * sumf (fun i => if P i j then sg i * pre i j else 0) (seq 0 w)) (seq 0 D)
             = sumf (fun i => sumf (fun j => L i j * (sigma i j * pre i j)) (seq 0 D)) (seq 0 w)).
    { transitivity (sumf (fun j => sumf (fun i => g j * (if P i j then sg i * pre i j else 0)) (seq 0 w)) (seq 0 D)).
      { apply sumf_ext; intros j _. rewrite <- sumf_scal. reflexivity. }
      rewrite sumf_swap. apply sumf_ext. intros i Hi. apply in_seq in Hi.
      (* sum_j g_j [P] sg_i sum_k T_ik X_jk = sum_k T_ik sum_j g_j design = sum_k T_ik sum_j L sigma X *)
      transitivity (sumf (fun k => T i k * sumf (fun j => g j * design i j k) (seq 0 D)) (seq 0 m)).
      { unfold pre, dot.
        transitivity (sumf (fun j => sumf (fun k => T i k * (g j * design i j k)) (seq 0 m)) (seq 0 D)).
        { apply sumf_ext; intros j _. unfold design. destruct (P i j).
          - rewrite <- !sumf_scal. apply sumf_ext; intros k _. ring.
          - rewrite Rmult_0_r. symmetry. transitivity (sumf (fun _ : nat => 0) (seq 0 m));
              [apply sumf_ext; intros; ring | apply sumf_zero]. }
        rewrite sumf_swap. apply sumf_ext; intros k _. rewrite sumf_scal. reflexivity. }
      transitivity (sumf (fun k => T i k * sumf (fun j => L i j * (sigma i j * X j k)) (seq 0 D)) (seq 0 m)).
      { apply sumf_ext; intros k Hk. apply in_seq in Hk. rewrite Hst by lia. reflexivity. }
      unfold pre, dot.
      transitivity (sumf (fun k => sumf (fun j => L i j * sigma i j * (T i k * X j k)) (seq 0 D)) (seq 0 m)).
      { apply sumf_ext; intros k _. rewrite <- sumf_scal. apply sumf_ext; intros j _. ring. }
      rewrite sumf_swap. apply sumf_ext; intros j _. rewrite <- !sumf_scal. apply sumf_ext; intros k _. ring. }
    rewrite <- E1, <- sumf_scal, <- sumf_plus. apply sumf_ext; intros j _. ring. }
  rewrite E.
  assert (0 <= sumf (fun i => sumf (fun j => L i j * (sigma i j * pre i j)) (seq 0 D)) (seq 0 w)).
  { apply sumf_nonneg; intros i Hi; apply in_seq in Hi.
    apply sumf_nonneg; intros j Hj; apply in_seq in Hj.
    apply Rmult_le_pos; [apply HL; lia|apply sigma_pre; lia]. }
  destruct Hc as [-> | ->]; lra.
Qed.

Definition total (l : loss_kind) := sumf (fun j => lossR l (F j) (Y j)) (seq 0 D).

(* Squared loss, the QP's weak duality in the form CertificateChecker.qpDualBound checks it:
   with r_j = V_j - Y_j (V = A u for the certificate's u) and (2/D) A'r = G'lambda,
   the total loss is at least sum_j Y_j^2 - sum_j V_j^2. *)
Theorem squared_bound (V : nat -> R) (L : nat -> nat -> R) :
  (0 < D)%nat ->
  (forall i j, (i < w)%nat -> (j < D)%nat -> 0 <= L i j) ->
  (forall i k, (i < w)%nat -> (k < m)%nat ->
     sumf (fun j => 2 / INR D * (V j - Y j) * design i j k) (seq 0 D)
     = sumf (fun j => L i j * (sigma i j * X j k)) (seq 0 D)) ->
  (c = 0 \/ sumf (fun j => 2 / INR D * (V j - Y j)) (seq 0 D) = 0) ->
  sumf (fun j => Y j * Y j) (seq 0 D) - sumf (fun j => V j * V j) (seq 0 D) <= total Squared.
Proof.
  intros HD HL Hst Hc.
  pose proof (stationarity_bound (fun j => 2 / INR D * (V j - Y j)) L HL Hst Hc) as H0.
  assert (HDpos : 0 < 2 / INR D).
  { apply Rdiv_lt_0_compat; [lra|apply lt_0_INR; exact HD]. }
  assert (H : 0 <= sumf (fun j => (V j - Y j) * F j) (seq 0 D)).
  { assert (E0 : sumf (fun j => 2 / INR D * (V j - Y j) * F j) (seq 0 D)
                 = 2 / INR D * sumf (fun j => (V j - Y j) * F j) (seq 0 D)).
    { rewrite <- sumf_scal. apply sumf_ext; intros; ring. }
    cbv beta in H0. rewrite E0 in H0. nra. }
  unfold total; simpl.
  assert (E : sumf (fun j => (F j - Y j) * (F j - Y j)) (seq 0 D)
              = sumf (fun j => Y j * Y j) (seq 0 D) + (-1) * sumf (fun j => V j * V j) (seq 0 D)
                + 2 * sumf (fun j => (V j - Y j) * F j) (seq 0 D)
                + sumf (fun j => (F j - V j) * (F j - V j)) (seq 0 D)).
  { rewrite <- !sumf_scal, <- !sumf_plus. apply sumf_ext; intros; ring. }
  assert (0 <= sumf (fun j => (F j - V j) * (F j - V j)) (seq 0 D)).
  { apply sumf_nonneg; intros; apply Rle_0_sqr. }
  lra.
Qed.

(* Absolute loss, the LP's weak duality (CertificateChecker.lpDualBound): multipliers alpha_j,
   beta_j >= 0 of the rows e_j >= y_j - f_j and e_j >= f_j - y_j with alpha_j + beta_j <= 1/D
   (the reduced cost of e_j), and (alpha - beta)' A = lambda' G (the free t). *)
Theorem absolute_bound (al be : nat -> R) (L : nat -> nat -> R) :
  (forall j, (j < D)%nat -> 0 <= al j /\ 0 <= be j /\ al j + be j <= / INR D) ->
  (forall i j, (i < w)%nat -> (j < D)%nat -> 0 <= L i j) ->
  (forall i k, (i < w)%nat -> (k < m)%nat ->
     sumf (fun j => (al j - be j) * design i j k) (seq 0 D)
     = sumf (fun j => L i j * (sigma i j * X j k)) (seq 0 D)) ->
  (c = 0 \/ sumf (fun j => al j - be j) (seq 0 D) = 0) ->
  sumf (fun j => (be j - al j) * Y j) (seq 0 D) <= / INR D * total Absolute.
Proof.
  intros Hab HL Hst Hc.
  pose proof (stationarity_bound (fun j => al j - be j) L HL Hst Hc) as H.
  unfold total; simpl. rewrite <- sumf_scal.
  assert (E : sumf (fun j => (be j - al j) * Y j) (seq 0 D)
              = sumf (fun j => (be j - al j) * (Y j - F j)) (seq 0 D)
                + (-1) * sumf (fun j => (al j - be j) * F j) (seq 0 D)).
  { rewrite <- !sumf_scal, <- !sumf_plus. apply sumf_ext; intros; ring. }
  assert (sumf (fun j => (be j - al j) * (Y j - F j)) (seq 0 D)
          <= sumf (fun j => / INR D * Rabs (F j - Y j)) (seq 0 D)).
  { apply sumf_le; intros j Hj; apply in_seq in Hj.
    destruct (Hab j ltac:(lia)) as [Ha [Hb Hs]].
    pose proof (Rabs_pos (F j - Y j)).
    assert ((be j - al j) * (Y j - F j) <= (al j + be j) * Rabs (F j - Y j)).
    { unfold Rabs; destruct (Rcase_abs (F j - Y j)); nra. }
    nra. }
  lra.
Qed.

(* Hinge loss: multipliers beta_j in [0, 1/D] of the rows e_j >= 1 - y_j f_j, and
   (-beta y)' A = lambda' G. *)
Theorem hinge_bound (be : nat -> R) (L : nat -> nat -> R) :
  (forall j, (j < D)%nat -> 0 <= be j /\ be j <= / INR D) ->
  (forall i j, (i < w)%nat -> (j < D)%nat -> 0 <= L i j) ->
  (forall i k, (i < w)%nat -> (k < m)%nat ->
     sumf (fun j => (- (be j * Y j)) * design i j k) (seq 0 D)
     = sumf (fun j => L i j * (sigma i j * X j k)) (seq 0 D)) ->
  (c = 0 \/ sumf (fun j => - (be j * Y j)) (seq 0 D) = 0) ->
  sumf be (seq 0 D) <= / INR D * total Hinge.
Proof.
  intros Hb HL Hst Hc.
  pose proof (stationarity_bound (fun j => - (be j * Y j)) L HL Hst Hc) as H.
  unfold total; simpl. rewrite <- sumf_scal.
  assert (E : sumf be (seq 0 D)
              = sumf (fun j => be j * (1 - Y j * F j)) (seq 0 D)
                + (-1) * sumf (fun j => - (be j * Y j) * F j) (seq 0 D)).
  { rewrite <- !sumf_scal, <- !sumf_plus. apply sumf_ext; intros; ring. }
  assert (sumf (fun j => be j * (1 - Y j * F j)) (seq 0 D)
          <= sumf (fun j => / INR D * Rmax 0 (1 - Y j * F j)) (seq 0 D)).
  { apply sumf_le; intros j Hj; apply in_seq in Hj.
    destruct (Hb j ltac:(lia)) as [H0 H1].
    pose proof (Rmax_l 0 (1 - Y j * F j)). pose proof (Rmax_r 0 (1 - Y j * F j)).
    nra. }
  lra.
Qed.

(* proofs-notes/T1.md step 7, the blocked-points bound: without an output bias, at a point j
   where every active unit i has sg_i y_j <= 0, f_j y_j <= 0, so l(f_j, y_j) >= l(0, y_j). *)
Theorem blocked_bound (l : loss_kind) (blocked : nat -> bool) :
  c = 0 ->
  (forall j, (j < D)%nat -> blocked j = true ->
     forall i, (i < w)%nat -> P i j = true -> sg i * Y j <= 0) ->
  sumf (fun j => if blocked j then lossR l 0 (Y j) else 0) (seq 0 D) <= total l.
Proof.
  intros Hc Hbl. unfold total. apply sumf_le; intros j Hj; apply in_seq in Hj.
  destruct (blocked j) eqn:B; [|apply lossR_nonneg].
  apply lossR_blocked.
  unfold F; rewrite Hc, Rplus_0_r.
  rewrite Rmult_comm, <- sumf_scal.
  apply sumf_nonpos; intros i Hi; apply in_seq in Hi.
  destruct (P i j) eqn:Pij; [|lra].
  pose proof (feasible i j ltac:(lia) ltac:(lia)) as Hf; rewrite Pij in Hf.
  pose proof (Hbl j ltac:(lia) B i ltac:(lia) Pij).
  nra.
Qed.

End Subproblem.

(* ---- the pattern list: completeness from the prefix tree and Farkas refutations ---- *)

Lemma sumf_pos_exists {A} (f : A -> R) l : 0 < sumf f l -> exists a, In a l /\ 0 < f a.
Proof.
  induction l as [|a l IH]; intros H; [unfold sumf in H; simpl in H; lra|].
  rewrite sumf_cons in H.
  destruct (Rlt_dec 0 (f a)) as [Ha|Ha].
  - exists a; split; [left; reflexivity|exact Ha].
  - destruct IH as [b [Hb Hfb]]; [lra|]. exists b; split; [right; exact Hb|exact Hfb].
Qed.

Lemma sumf_pos {A} (f : A -> R) l a :
  (forall b, In b l -> 0 <= f b) -> In a l -> 0 < f a -> 0 < sumf f l.
Proof.
  induction l as [|b l IH]; intros Hnn Ha Hfa; [destruct Ha|].
  rewrite sumf_cons. destruct Ha as [<-|Ha].
  - assert (0 <= sumf f l) by (apply sumf_nonneg; intros; apply Hnn; right; assumption). lra.
  - assert (0 <= f b) by (apply Hnn; left; reflexivity).
    assert (0 < sumf f l) by (apply IH; [intros; apply Hnn; right|..]; assumption). lra.
Qed.

Section Farkas.
(* A refutation of a sign prefix q on the first |q| points (PatternSet.marginLp): a vector yv with
   yv_j >= 0 where q_j is active and <= 0 where not, sum_j yv_j X_j = 0, and
   sum over active j of yv_j > 0.  Then no (a, b) has a . x_j + b > 0 exactly where q says. *)
Variables (m : nat) (X : nat -> nat -> R) (q : list bool) (yv : nat -> R).
Hypothesis signs : forall j, (j < length q)%nat ->
  if nth j q false then 0 <= yv j else yv j <= 0.
Hypothesis balance : forall k, (k < m)%nat ->
  sumf (fun j => yv j * X j k) (seq 0 (length q)) = 0.
Hypothesis positive : 0 < sumf (fun j => if nth j q false then yv j else 0) (seq 0 (length q)).

Theorem farkas_refutes (t : nat -> R) :
  ~ (forall j, (j < length q)%nat ->
       if nth j q false then 0 < dot m t (X j) else dot m t (X j) <= 0).
Proof.
  intros Hreal.
  (* sum_j yv_j (t . X_j) = sum_k t_k sum_j yv_j X_jk = 0 *)
  assert (Z : sumf (fun j => yv j * dot m t (X j)) (seq 0 (length q)) = 0).
  { unfold dot.
    transitivity (sumf (fun j => sumf (fun k => t k * (yv j * X j k)) (seq 0 m)) (seq 0 (length q))).
    { apply sumf_ext; intros j _. rewrite <- sumf_scal. apply sumf_ext; intros; ring. }
    rewrite sumf_swap.
    transitivity (sumf (fun k : nat => 0) (seq 0 m)); [|apply sumf_zero].
    apply sumf_ext; intros k Hk; apply in_seq in Hk.
    rewrite sumf_scal, balance by lia. ring. }
  destruct (sumf_pos_exists _ _ positive) as [j0 [Hj0 Hy0]].
  apply in_seq in Hj0.
  assert (P : 0 < sumf (fun j => yv j * dot m t (X j)) (seq 0 (length q))).
  { apply (sumf_pos _ _ j0).
    - intros j Hj; apply in_seq in Hj.
      specialize (signs j ltac:(lia)); specialize (Hreal j ltac:(lia)).
      destruct (nth j q false); nra.
    - apply in_seq; lia.
    - specialize (Hreal j0 ltac:(lia)).
      destruct (nth j0 q false); [nra|lra]. }
  lra.
Qed.
End Farkas.

(* The first k + 1 signs of l are its first k and its (k+1)-th. *)
Lemma firstn_S_nth {A} (l : list A) k d :
  (k < length l)%nat -> firstn (S k) l = firstn k l ++ [nth k l d].
Proof.
  revert k; induction l as [|a l IH]; intros k Hk; simpl in Hk; [lia|].
  destruct k; [reflexivity|].
  simpl. f_equal. apply IH. lia.
Qed.

Lemma nth_map_seq {A} (f : nat -> A) n j d : (j < n)%nat -> nth j (map f (seq 0 n)) d = f j.
Proof.
  intros H. rewrite (nth_indep (map f (seq 0 n)) d (f 0%nat)) by (rewrite map_length, seq_length; lia).
  rewrite map_nth, seq_nth by lia. reflexivity.
Qed.

Lemma nth_firstn_lt {A} (l : list A) k j d : (j < k)%nat -> nth j (firstn k l) d = nth j l d.
Proof.
  revert k j; induction l as [|a l IH]; intros k j H; destruct k; try lia; simpl.
  - destruct j; reflexivity.
  - destruct j; [reflexivity|]. apply IH. lia.
Qed.

Section Completeness.
(* D points; pattern p of the parameters t: p_j = (t . X_j > 0). *)
Variables (D m : nat) (X : nat -> nat -> R).
Definition pattern (t : nat -> R) : list bool :=
  map (fun j => if Rlt_dec 0 (dot m t (X j)) then true else false) (seq 0 D).

Lemma pattern_length t : length (pattern t) = D.
Proof. unfold pattern. rewrite map_length, seq_length. reflexivity. Qed.

Lemma pattern_nth t j : (j < D)%nat ->
  nth j (pattern t) false = if Rlt_dec 0 (dot m t (X j)) then true else false.
Proof. intros Hj. unfold pattern. apply nth_map_seq. exact Hj. Qed.

(* The listed patterns and the refuted prefixes. *)
Variables (pats refuted : list (list bool)).
Definition prefixes : list (list bool) :=
  [] :: flat_map (fun p => map (fun k => firstn k p) (seq 0 (S D))) pats.

(* The checks of ErmChecker, stated over the reals: every listed pattern has D signs; every
   one-point extension of a listed prefix shorter than D is a listed prefix or refuted; every
   refuted prefix is not realised by any (a, b) (farkas_refutes). *)
Hypothesis lengths : forall p, In p pats -> length p = D.
Hypothesis closed : forall q b, In q prefixes -> (length q < D)%nat ->
  In (q ++ [b]) prefixes \/ In (q ++ [b]) refuted.
Hypothesis refutations : forall q, In q refuted -> (length q <= D)%nat ->
  forall t, ~ (forall j, (j < length q)%nat ->
               if nth j q false then 0 < dot m t (X j) else dot m t (X j) <= 0).

Theorem pattern_listed (t : nat -> R) : (0 < D)%nat -> In (pattern t) pats.
Proof.
  intros HD.
  assert (Hk : forall k, (k <= D)%nat -> In (firstn k (pattern t)) prefixes).
  { induction k as [|k IH]; intros Hk.
    - left. reflexivity.
    - rewrite (firstn_S_nth _ _ false) by (rewrite pattern_length; lia).
      assert (Hlen : length (firstn k (pattern t)) = k)
        by (rewrite firstn_length, pattern_length; lia).
      destruct (closed (firstn k (pattern t)) (nth k (pattern t) false) (IH ltac:(lia))
                  ltac:(lia)) as [H|H]; [exact H|].
      exfalso. apply (refutations _ H) with (t := t).
      { rewrite app_length, Hlen; simpl; lia. }
      intros j Hj. rewrite app_length, Hlen in Hj; simpl in Hj.
      rewrite <- (firstn_S_nth _ _ false) by (rewrite pattern_length; lia).
      rewrite nth_firstn_lt by lia.
      rewrite pattern_nth by lia.
      destruct (Rlt_dec 0 (dot m t (X j))) as [H1|H1]; [exact H1|lra]. }
  specialize (Hk D (le_n D)).
  rewrite firstn_all2 in Hk by (rewrite pattern_length; lia).
  destruct Hk as [Hnil|Hin].
  - exfalso. assert (length (pattern t) = 0%nat) by (rewrite <- Hnil; reflexivity).
    rewrite pattern_length in H. lia.
  - apply in_flat_map in Hin. destruct Hin as [p [Hp Hin]].
    apply in_map_iff in Hin. destruct Hin as [k [Hpk Hk]].
    apply in_seq in Hk.
    assert (length (firstn k p) = D) by (rewrite Hpk; apply pattern_length).
    rewrite firstn_length, lengths in H by exact Hp.
    rewrite <- Hpk, firstn_all2 by (rewrite lengths by exact Hp; lia). exact Hp.
Qed.
End Completeness.

(* ---- the subproblems: w + 1 sign classes times multisets of patterns (T1.md step 5) ---- *)

From Coq Require Import Sorting.Sorted Sorting.Mergesort Orders.

(* Non-decreasing sequences of length k over [lo, P), in the lexicographic order of
   Subproblems.nextMultiset. *)
Fixpoint multisets (k lo P : nat) : list (list nat) :=
  match k with
  | O => [[]]
  | S k => flat_map (fun x => map (cons x) (multisets k x P)) (seq lo (P - lo))
  end.

(* Subproblems.forEach: plus = 0..w, then the + patterns, then the - patterns. *)
Definition keys (w P : nat) : list (nat * list nat) :=
  flat_map (fun p => flat_map (fun a => map (fun b => (p, a ++ b)) (multisets (w - p) 0 P))
                              (multisets p 0 P))
           (seq 0 (S w)).

Lemma multisets_complete k : forall lo P l,
  length l = k -> Sorted le l -> (forall x, In x l -> lo <= x < P)%nat ->
  In l (multisets k lo P).
Proof.
  induction k as [|k IH]; intros lo P l Hl Hs Hr.
  - destruct l; [left; reflexivity|discriminate].
  - destruct l as [|x l]; [discriminate|]. simpl.
    apply in_flat_map. exists x. split.
    + apply in_seq. specialize (Hr x (or_introl eq_refl)). lia.
    + apply in_map. apply IH.
      * simpl in Hl; lia.
      * apply Sorted_inv in Hs; tauto.
      * intros z Hz. split; [|apply Hr; right; exact Hz].
        apply Sorted_StronglySorted in Hs; [|intros a b c; lia].
        apply StronglySorted_inv in Hs. destruct Hs as [_ Hs].
        rewrite Forall_forall in Hs. apply Hs. exact Hz.
Qed.

Lemma keys_complete w P a b :
  (length a + length b = w)%nat -> Sorted le a -> Sorted le b ->
  (forall x, In x a -> x < P)%nat -> (forall x, In x b -> x < P)%nat ->
  In (length a, a ++ b) (keys w P).
Proof.
  intros Hw Ha Hb Pa Pb. unfold keys.
  apply in_flat_map. exists (length a). split; [apply in_seq; lia|].
  apply in_flat_map. exists a. split.
  - apply multisets_complete; [reflexivity|exact Ha|intros x Hx; specialize (Pa x Hx); lia].
  - apply in_map_iff. exists b. split; [reflexivity|].
    apply multisets_complete; [lia|exact Hb|intros x Hx; specialize (Pb x Hx); lia].
Qed.

(* Units keyed by their pattern's index, sorted by it (Coq's merge sort). *)
Module KeyOrder <: Orders.TotalLeBool'.
  Definition t := (nat * (nat -> R))%type.
  Definition leb (a b : t) := Nat.leb (fst a) (fst b).
  Theorem leb_total : forall a b, leb a b = true \/ leb b a = true.
  Proof.
    intros a b; unfold leb. destruct (Nat.leb_spec (fst a) (fst b)); [left; reflexivity|].
    right. apply Nat.leb_le. lia.
  Qed.
End KeyOrder.
Module KeySort := Sort KeyOrder.

Lemma sorted_keys l : Sorted le (map fst (KeySort.sort l)).
Proof.
  pose proof (KeySort.LocallySorted_sort l) as H.
  apply Sorted_LocallySorted_iff in H.
  induction H as [|a l' Hs IH Hhd]; simpl; constructor; [exact IH|].
  destruct Hhd as [|b l'' Hab]; simpl; constructor.
  unfold KeyOrder.leb in Hab. apply Nat.leb_le. exact Hab.
Qed.

(* Indices sorted by Nat.leb (Coq's merge sort): the checker sorts a block key's restricted
   pattern indices within each sign group, as ErmChecker does with Arrays.sort. *)
Module NatLe <: Orders.TotalLeBool'.
  Definition t := nat.
  Definition leb := Nat.leb.
  Theorem leb_total : forall a b, leb a b = true \/ leb b a = true.
  Proof.
    intros a b; unfold leb. destruct (Nat.leb_spec a b); [left; reflexivity|].
    right. apply Nat.leb_le. lia.
  Qed.
End NatLe.
Module NatSort := Sort NatLe.

Lemma sorted_nat_sort l : Sorted le (NatSort.sort l).
Proof.
  pose proof (NatSort.LocallySorted_sort l) as H.
  apply Sorted_LocallySorted_iff in H.
  induction H as [|a l' Hs IH Hhd]; constructor; [exact IH|].
  destruct Hhd as [|b l'' Hab]; constructor.
  unfold NatLe.leb in Hab. apply Nat.leb_le. exact Hab.
Qed.

(* Two sorted lists with the same elements are equal. *)
Lemma sorted_perm_eq (l1 l2 : list nat) : Sorted le l1 -> Sorted le l2 -> Permutation l1 l2 -> l1 = l2.
Proof.
  intros H1 H2 HP.
  apply Sorted_StronglySorted in H1; [|intros a b c; lia].
  apply Sorted_StronglySorted in H2; [|intros a b c; lia].
  revert l2 H2 HP; induction H1 as [|a l1 H1 IH Ha]; intros l2 H2 HP.
  - symmetry. apply Permutation_nil, HP.
  - destruct H2 as [|b l2 H2 Hb]; [apply Permutation_sym, Permutation_nil in HP; discriminate|].
    rewrite Forall_forall in Ha, Hb.
    assert (Eab : a = b).
    { assert (Ia : In a (b :: l2)) by (apply (Permutation_in _ HP); left; reflexivity).
      assert (Ib : In b (a :: l1)) by (apply (Permutation_in _ (Permutation_sym HP)); left; reflexivity).
      destruct Ia as [->|Ia]; [reflexivity|]. destruct Ib as [->|Ib]; [reflexivity|].
      specialize (Ha b Ib). specialize (Hb a Ia). lia. }
    subst b. f_equal. apply IH; [exact H2|]. apply Permutation_cons_inv in HP. exact HP.
Qed.

(* ---- the checker, computed on rationals (Coq's Q) ---- *)

From Coq Require Import Qminmax Qabs.
Local Open Scope Q_scope.

(* Sums are reduced to lowest terms after each addition (Qred): Coq's Q does not normalise, and
   without it the denominators of a sum multiply, so that vm_compute spends its time on
   thousand-bit products (the positive integers of the kernel are binary trees, not machine
   words). *)
Definition sumQ {A} (f : A -> Q) (l : list A) : Q := fold_right (fun a s => Qred (f a + s)) 0%Q l.

Lemma Q2R_0 : Q2R 0 = 0%R.
Proof. unfold Q2R; simpl; lra. Qed.
Lemma Q2R_1 : Q2R 1 = 1%R.
Proof. unfold Q2R; simpl; lra. Qed.
Lemma Q2R_m1 : Q2R (-1) = (-1)%R.
Proof. unfold Q2R; simpl; lra. Qed.

Lemma Q2R_sumQ {A} (f : A -> Q) (g : A -> R) l :
  (forall a, In a l -> Q2R (f a) = g a) -> Q2R (sumQ f l) = sumf g l.
Proof.
  induction l as [|a l IH]; intros H; [apply Q2R_0|].
  unfold sumQ; cbn [fold_right]; fold (sumQ f l).
  rewrite (Qeq_eqR _ _ (Qred_correct _)).
  rewrite Q2R_plus, H by (left; reflexivity). rewrite sumf_cons, IH; [reflexivity|].
  intros b Hb; apply H; right; exact Hb.
Qed.

Definition Qltb (a b : Q) : bool := negb (Qle_bool b a).

Lemma Qltb_R a b : Qltb a b = true -> (Q2R a < Q2R b)%R.
Proof.
  unfold Qltb; intros H. apply negb_true_iff in H.
  apply Qlt_Rlt. apply Qnot_le_lt. intros Hle. apply Qle_bool_iff in Hle. congruence.
Qed.

Lemma Qle_bool_R a b : Qle_bool a b = true -> (Q2R a <= Q2R b)%R.
Proof. intros H. apply Qle_Rle, Qle_bool_iff, H. Qed.

Lemma Qeq_bool_R a b : Qeq_bool a b = true -> Q2R a = Q2R b.
Proof. intros H. apply Qeq_eqR, Qeq_bool_iff, H. Qed.

Lemma Q2R_max0 z : Q2R (Qmax 0 z) = Rmax 0%R (Q2R z).
Proof.
  destruct (Q.max_spec 0 z) as [[H E]|[H E]]; apply Qeq_eqR in E; rewrite E.
  - apply Qlt_Rlt in H. rewrite Q2R_0 in H. rewrite Rmax_right; lra.
  - apply Qle_Rle in H. rewrite Q2R_0 in *. rewrite Rmax_left; lra.
Qed.

Lemma Q2R_abs z : Q2R (Qabs z) = Rabs (Q2R z).
Proof.
  apply Qabs_case; intros H; apply Qle_Rle in H; rewrite Q2R_0 in H.
  - rewrite Rabs_right; lra.
  - rewrite Q2R_opp, Rabs_left1; lra.
Qed.

Definition lossQ (l : loss_kind) (f y : Q) : Q :=
  match l with
  | Squared => (f - y) * (f - y)
  | Absolute => Qabs (f - y)
  | Hinge => Qmax 0 (1 - y * f)
  end%Q.

Lemma Q2R_loss l f y : Q2R (lossQ l f y) = lossR l (Q2R f) (Q2R y).
Proof.
  destruct l; unfold lossQ, lossR.
  - rewrite Q2R_mult, Q2R_minus; reflexivity.
  - rewrite Q2R_abs, Q2R_minus; reflexivity.
  - rewrite Q2R_max0, Q2R_minus, Q2R_mult, Q2R_1; reflexivity.
Qed.

(* The data: D points (x_j, y_j) with x_j in Q^n. *)
Definition point := (list Q * Q)%type.

Section Data.
Variables (n : nat) (data : list point).
Definition D := length data.
(* The lifted point (x_j, 1), coordinates 0..n. *)
Definition XQ (j k : nat) : Q := if k =? n then 1%Q else nth k (fst (nth j data ([], 0%Q))) 0%Q.
Definition YQ (j : nat) : Q := snd (nth j data ([], 0%Q)).
Definition X (j k : nat) : R := Q2R (XQ j k).
Definition Y (j : nat) : R := Q2R (YQ j).
Definition invD : Q := (/ inject_Z (Z.of_nat D))%Q.

Lemma Q2R_invD : (0 < D)%nat -> Q2R invD = (/ INR D)%R.
Proof.
  intros HD. unfold invD. rewrite Q2R_inv.
  - f_equal. unfold Q2R; simpl. rewrite INR_IZR_INZ. field.
  - intros E. unfold Qeq in E; simpl in E. lia.
Qed.

Definition mem (q : list bool) (L : list (list bool)) : bool :=
  existsb (fun x => if list_eq_dec bool_dec x q then true else false) L.

Lemma mem_In q L : mem q L = true -> In q L.
Proof.
  unfold mem; intros H. apply existsb_exists in H. destruct H as [x [Hx E]].
  destruct (list_eq_dec bool_dec x q) as [<-|]; [exact Hx|discriminate].
Qed.

(* A refuted prefix q with its Farkas vector yv (PatternSet.marginLp, CertificateChecker.checkLp
   of an INFEASIBLE result). *)
Definition refutation_ok (r : list bool * list Q) : bool :=
  let (q, yv) := r in
  (length q <=? D)%nat && (length yv =? length q)%nat
  && forallb (fun j => if nth j q false then Qle_bool 0 (nth j yv 0) else Qle_bool (nth j yv 0) 0)
             (seq 0 (length q))
  && forallb (fun k => Qeq_bool (sumQ (fun j => nth j yv 0 * XQ j k) (seq 0 (length q))) 0)
             (seq 0 (S n))
  && Qltb 0 (sumQ (fun j => if nth j q false then nth j yv 0 else 0) (seq 0 (length q)))%Q.

(* The pattern list: every pattern has D signs, and the prefix tree closes (ErmChecker). *)
Definition patterns_ok (pats : list (list bool)) (refs : list (list bool * list Q)) : bool :=
  forallb (fun p => length p =? D)%nat pats
  && forallb refutation_ok refs
  && forallb (fun q => if (length q <? D)%nat
                       then forallb (fun b => mem (q ++ [b]) (prefixes D pats)
                                              || mem (q ++ [b]) (map fst refs)) [true; false]
                       else true)
             (prefixes D pats).

Theorem patterns_complete pats refs (t : nat -> R) :
  (0 < D)%nat -> patterns_ok pats refs = true -> In (pattern D (S n) X t) pats.
Proof.
  intros HD H. unfold patterns_ok in H. apply andb_true_iff in H as [H Hclosed].
  apply andb_true_iff in H as [Hlen Hrefs].
  apply (pattern_listed D (S n) X pats (map fst refs)); [| | |exact HD].
  - intros p Hp. rewrite forallb_forall in Hlen. apply Nat.eqb_eq, Hlen, Hp.
  - intros q b Hq Hl. rewrite forallb_forall in Hclosed. specialize (Hclosed q Hq).
    apply Nat.ltb_lt in Hl. rewrite Hl in Hclosed.
    rewrite forallb_forall in Hclosed.
    assert (Hb : In b [true; false]) by (destruct b; simpl; tauto).
    specialize (Hclosed b Hb). apply orb_true_iff in Hclosed as [H1|H1];
      [left|right]; apply mem_In; exact H1.
  - intros q Hq Hle t' Hreal.
    apply in_map_iff in Hq. destruct Hq as [[q' yv] [Eq Hin]]. simpl in Eq; subst q'.
    rewrite forallb_forall in Hrefs. specialize (Hrefs _ Hin). unfold refutation_ok in Hrefs.
    repeat rewrite andb_true_iff in Hrefs.
    destruct Hrefs as [[[[_ Hyl] Hsg] Hbal] Hpos].
    apply (farkas_refutes (S n) X q (fun j => Q2R (nth j yv 0%Q))) with (t := t'); [..|exact Hreal].
    + intros j Hj. rewrite forallb_forall in Hsg. specialize (Hsg j ltac:(apply in_seq; lia)).
      destruct (nth j q false); apply Qle_bool_R in Hsg; rewrite Q2R_0 in Hsg; exact Hsg.
    + intros k Hk. rewrite forallb_forall in Hbal. specialize (Hbal k ltac:(apply in_seq; lia)).
      apply Qeq_bool_R in Hbal. rewrite Q2R_0 in Hbal. rewrite <- Hbal. symmetry.
      apply Q2R_sumQ. intros j _. rewrite Q2R_mult. reflexivity.
    + apply Qltb_R in Hpos. rewrite Q2R_0 in Hpos. eapply Rlt_le_trans; [exact Hpos|].
      right. apply Q2R_sumQ. intros j _. destruct (nth j q false); [reflexivity|apply Q2R_0].
Qed.
End Data.

(* ---- one certificate entry: a subproblem and its lower bound ---- *)

Inductive dual :=
  | Pruned                      (* the blocked-points bound, or the block bound (check_erm) *)
  | QPDual (u lam : list Q)     (* squared loss: CertificateChecker.qpDualBound *)
  | LPDual (yv : list Q).       (* absolute and hinge loss: CertificateChecker.lpDualBound *)

Section Entry.
Variables (n : nat) (data : list point) (w : nat) (l : loss_kind) (bias : bool).
Variables (pats : list (list bool)) (p : nat) (ks : list nat).
Let DD := D data.
Let m := S n.

(* Subproblems.sign: units 0..p-1 are positive; unit i has the pattern ks_i. *)
Definition sgQ (i : nat) : Q := if (i <? p)%nat then 1 else -1.
Definition PQ (i j : nat) : bool := nth j (nth (nth i ks 0%nat) pats []) false.
Definition designQ (i j k : nat) : Q := if PQ i j then sgQ i * XQ n data j k else 0.
Definition sigmaQ (i j : nat) : Q := if PQ i j then 1 else -1.

(* g'A = L'G, unit by unit and coordinate by coordinate; L >= 0; the output bias column. *)
Definition stat_ok (g : nat -> Q) (L : nat -> nat -> Q) : bool :=
  forallb (fun i => forallb (fun k =>
      Qeq_bool (sumQ (fun j => g j * designQ i j k) (seq 0 DD))
               (sumQ (fun j => L i j * (sigmaQ i j * XQ n data j k)) (seq 0 DD)))
    (seq 0 m)) (seq 0 w).
Definition nonneg_ok (L : nat -> nat -> Q) : bool :=
  forallb (fun i => forallb (fun j => Qle_bool 0 (L i j)) (seq 0 DD)) (seq 0 w).
Definition bias_ok (g : nat -> Q) : bool :=
  if bias then Qeq_bool (sumQ g (seq 0 DD)) 0 else true.

(* A point is blocked when every active unit's sign times its label is <= 0. *)
Definition blockedQ (j : nat) : bool :=
  forallb (fun i => if PQ i j then Qle_bool (sgQ i * YQ data j) 0 else true) (seq 0 w).

(* The lower bound an entry proves for its subproblem's mean loss, if its dual is feasible. *)
Definition entry_bound (d : dual) : option Q :=
  match d, l with
  | Pruned, _ =>
      if bias then Some 0 (* with an output bias nothing is blocked: the bound is 0 *)
      else Some (sumQ (fun j => if blockedQ j then lossQ l 0 (YQ data j) else 0) (seq 0 DD) * invD data)
  | QPDual u lam, Squared =>
      let T i k := nth (i * m + k) u 0 in
      let cu := if bias then nth (w * m) u 0 else 0 in
      let V0 j := sumQ (fun i => if PQ i j then sgQ i * sumQ (fun k => T i k * XQ n data j k) (seq 0 m) else 0)
                       (seq 0 w) + cu in
      (* V = A u, computed once per entry (vm_compute does not share V0 j between its uses) *)
      let Vs := map V0 (seq 0 DD) in
      let V j := nth j Vs 0 in
      let g j := 2 * invD data * (V j - YQ data j) in
      let L i j := nth (i * DD + j) lam 0 in
      if nonneg_ok L && stat_ok g L && bias_ok g
      then Some ((sumQ (fun j => YQ data j * YQ data j) (seq 0 DD) - sumQ (fun j => V j * V j) (seq 0 DD))
                 * invD data)
      else None
  | LPDual yv, Absolute =>
      let al j := nth (2 * j) yv 0 in
      let be j := nth (2 * j + 1) yv 0 in
      let g j := al j - be j in
      let L i j := nth (2 * DD + i * DD + j) yv 0 in
      if forallb (fun j => Qle_bool 0 (al j) && Qle_bool 0 (be j) && Qle_bool (al j + be j) (invD data))
                 (seq 0 DD)
         && nonneg_ok L && stat_ok g L && bias_ok g
      then Some (sumQ (fun j => (be j - al j) * YQ data j) (seq 0 DD))
      else None
  | LPDual yv, Hinge =>
      let be j := nth j yv 0 in
      let g j := - (be j * YQ data j) in
      let L i j := nth (DD + i * DD + j) yv 0 in
      if forallb (fun j => Qle_bool 0 (be j) && Qle_bool (be j) (invD data)) (seq 0 DD)
         && nonneg_ok L && stat_ok g L && bias_ok g
      then Some (sumQ be (seq 0 DD))
      else None
  | _, _ => None
  end.

(* The same subproblem over the reals. *)
Definition sgR (i : nat) : R := Q2R (sgQ i).

Lemma Q2R_design i j k : Q2R (designQ i j k) = design (X n data) sgR PQ i j k.
Proof.
  unfold designQ, design. destruct (PQ i j); [rewrite Q2R_mult; reflexivity|apply Q2R_0].
Qed.

Lemma Q2R_sigma i j : Q2R (sigmaQ i j) = sigma PQ i j.
Proof. unfold sigmaQ, sigma. destruct (PQ i j); [apply Q2R_1|apply Q2R_m1]. Qed.

(* The stationarity check over the reals, for any real g' that the rationals g embed to. *)
Lemma stat_ok_R g L (g' : nat -> R) : stat_ok g L = true -> (forall j, Q2R (g j) = g' j) ->
  forall i k, (i < w)%nat -> (k < m)%nat ->
  (sumf (fun j => g' j * design (X n data) sgR PQ i j k) (seq 0 DD)
   = sumf (fun j => Q2R (L i j) * (sigma PQ i j * X n data j k)) (seq 0 DD))%R.
Proof.
  intros H Hg i k Hi Hk. unfold stat_ok in H. rewrite forallb_forall in H.
  specialize (H i ltac:(apply in_seq; lia)). rewrite forallb_forall in H.
  specialize (H k ltac:(apply in_seq; lia)). apply Qeq_bool_R in H.
  rewrite (Q2R_sumQ _ (fun j => g' j * design (X n data) sgR PQ i j k)%R) in H
    by (intros; rewrite Q2R_mult, Q2R_design, Hg; reflexivity).
  rewrite (Q2R_sumQ _ (fun j => Q2R (L i j) * (sigma PQ i j * X n data j k))%R) in H
    by (intros; rewrite !Q2R_mult, Q2R_sigma; reflexivity).
  exact H.
Qed.

Lemma nonneg_ok_R L : nonneg_ok L = true ->
  forall i j, (i < w)%nat -> (j < DD)%nat -> (0 <= Q2R (L i j))%R.
Proof.
  intros H i j Hi Hj. unfold nonneg_ok in H. rewrite forallb_forall in H.
  specialize (H i ltac:(apply in_seq; lia)). rewrite forallb_forall in H.
  specialize (H j ltac:(apply in_seq; lia)). apply Qle_bool_R in H. rewrite Q2R_0 in H. exact H.
Qed.

Lemma bias_ok_R g (g' : nat -> R) (c : R) : bias_ok g = true -> (forall j, Q2R (g j) = g' j) ->
  (bias = false -> c = 0%R) -> c = 0%R \/ sumf g' (seq 0 DD) = 0%R.
Proof.
  intros H Hg Hc. unfold bias_ok in H. destruct bias.
  - right. apply Qeq_bool_R in H. rewrite Q2R_0 in H. rewrite <- H. symmetry.
    apply Q2R_sumQ. intros j _. apply Hg.
  - left. apply Hc. reflexivity.
Qed.

Lemma forallb_seq f k : forallb f (seq 0 k) = true -> forall j, (j < k)%nat -> f j = true.
Proof. intros H j Hj. rewrite forallb_forall in H. apply H, in_seq. lia. Qed.

(* Every net of the subproblem (T its units' parameters, c its output bias) has mean loss at
   least the entry's bound. *)
Theorem entry_sound (d : dual) (b : Q) (T : nat -> nat -> R) (c : R) :
  (0 < DD)%nat ->
  (forall i j, (i < w)%nat -> (j < DD)%nat ->
     if PQ i j then (0 <= pre m (X n data) T i j)%R else (pre m (X n data) T i j <= 0)%R) ->
  (bias = false -> c = 0%R) ->
  entry_bound d = Some b ->
  (Q2R b <= / INR DD * total DD w m (X n data) (Y data) sgR PQ T c l)%R.
Proof.
  intros HD Hfeas Hc Hb.
  assert (HinvD : (0 < / INR DD)%R) by (apply Rinv_0_lt_compat, lt_0_INR, HD).
  unfold entry_bound in Hb.
  destruct d as [|u lam|yv].
  { (* pruned: the blocked-points bound *)
    destruct bias eqn:Eb.
    { injection Hb as <-. rewrite Q2R_0. apply Rmult_le_pos; [lra|].
      apply sumf_nonneg. intros; apply lossR_nonneg. }
    injection Hb as <-. rewrite Q2R_mult, (Q2R_invD data HD), Rmult_comm.
    apply Rmult_le_compat_l; [lra|].
    eapply Rle_trans; [|apply (blocked_bound DD w m (X n data) (Y data) sgR PQ T c Hfeas _ blockedQ)].
    - right; apply Q2R_sumQ; intros j _; destruct (blockedQ j); [|apply Q2R_0].
      rewrite Q2R_loss, Q2R_0; reflexivity.
    - apply Hc; reflexivity.
    - intros j Hj Hbl i Hi HP; unfold blockedQ in Hbl.
      specialize (forallb_seq _ _ Hbl i Hi) as H; cbv beta in H; rewrite HP in H.
      apply Qle_bool_R in H; rewrite Q2R_mult, Q2R_0 in H; exact H. }
  all: destruct l; cbv iota zeta beta in Hb; try discriminate.
  - (* squared loss: the QP dual point (u, lambda) *)
    match type of Hb with (if ?cond then _ else _) = _ => destruct cond eqn:Ok; [|discriminate] end.
    injection Hb as <-.
    apply andb_true_iff in Ok as [Ok Hbias]. apply andb_true_iff in Ok as [Hnn Hst].
    rewrite Q2R_mult, (Q2R_invD data HD), Rmult_comm.
    apply Rmult_le_compat_l; [lra|].
    match goal with |- (Q2R (?A - ?B) <= _)%R => rewrite Q2R_minus end.
    eapply Rle_trans;
      [|eapply (squared_bound DD w m (X n data) (Y data) sgR PQ T c Hfeas);
        [exact HD | exact (nonneg_ok_R _ Hnn) | apply (stat_ok_R _ _ _ Hst)
        | apply (bias_ok_R _ _ c Hbias); [|exact Hc]]].
    + right. f_equal; apply Q2R_sumQ; intros; rewrite Q2R_mult; reflexivity.
    + intros j. rewrite !Q2R_mult, Q2R_minus, (Q2R_invD data HD). unfold Y, Rdiv.
      replace (Q2R 2) with 2%R by (unfold Q2R; simpl; lra). reflexivity.
    + intros j. rewrite !Q2R_mult, Q2R_minus, (Q2R_invD data HD). unfold Y, Rdiv.
      replace (Q2R 2) with 2%R by (unfold Q2R; simpl; lra). reflexivity.
  - (* absolute loss: the LP dual vector *)
    match type of Hb with (if ?cond then _ else _) = _ => destruct cond eqn:Ok; [|discriminate] end.
    injection Hb as <-.
    apply andb_true_iff in Ok as [Ok Hbias]. apply andb_true_iff in Ok as [Ok Hst].
    apply andb_true_iff in Ok as [Hab Hnn].
    eapply Rle_trans; [|apply (absolute_bound DD w m (X n data) (Y data) sgR PQ T c Hfeas
                                 (fun j => Q2R (nth (2 * j) yv 0)) (fun j => Q2R (nth (2 * j + 1) yv 0))
                                 (fun i j => Q2R (nth (2 * DD + i * DD + j) yv 0)));
                        [| exact (nonneg_ok_R _ Hnn) | apply (stat_ok_R _ _ _ Hst)
                         | apply (bias_ok_R _ _ c Hbias); [|exact Hc]]].
    + right. apply Q2R_sumQ. intros j _. rewrite Q2R_mult, Q2R_minus. reflexivity.
    + intros j Hj. specialize (forallb_seq _ _ Hab j Hj) as H.
      repeat rewrite andb_true_iff in H. destruct H as [[H1 H2] H3].
      apply Qle_bool_R in H1, H2, H3. rewrite Q2R_0 in H1, H2. rewrite Q2R_plus, (Q2R_invD data HD) in H3.
      repeat split; assumption.
    + intros j. apply Q2R_minus.
    + intros j. apply Q2R_minus.
  - (* hinge loss: the LP dual vector *)
    match type of Hb with (if ?cond then _ else _) = _ => destruct cond eqn:Ok; [|discriminate] end.
    injection Hb as <-.
    apply andb_true_iff in Ok as [Ok Hbias]. apply andb_true_iff in Ok as [Ok Hst].
    apply andb_true_iff in Ok as [Hbe Hnn].
    eapply Rle_trans; [|apply (hinge_bound DD w m (X n data) (Y data) sgR PQ T c Hfeas
                                 (fun j => Q2R (nth j yv 0))
                                 (fun i j => Q2R (nth (DD + i * DD + j) yv 0)));
                        [| exact (nonneg_ok_R _ Hnn) | apply (stat_ok_R _ _ _ Hst)
                         | apply (bias_ok_R _ _ c Hbias); [|exact Hc]]].
    + right. apply Q2R_sumQ. reflexivity.
    + intros j Hj. specialize (forallb_seq _ _ Hbe j Hj) as H.
      apply andb_true_iff in H as [H1 H2].
      apply Qle_bool_R in H1, H2. rewrite Q2R_0 in H1. rewrite (Q2R_invD data HD) in H2.
      split; assumption.
    + intros j. rewrite Q2R_opp, Q2R_mult. reflexivity.
    + intros j. rewrite Q2R_opp, Q2R_mult. reflexivity.
Qed.
End Entry.

(* ---- the certificate and its checker ---- *)

Record entry := { e_plus : nat; e_pats : list nat; e_dual : dual }.

(* proofs-notes/T1.md step 8: a block T of points (indices into the data, increasing), its
   patterns (the restrictions of the pattern list to T, each of |T| signs; no completeness is
   claimed or needed) and one entry per subproblem of the block's data alone, in
   Subproblems.forEach order over the block's patterns, each with a dual point. *)
Record block := {
  b_points : list nat;
  b_pats : list (list bool);
  b_entries : list entry }.

Record certificate := {
  c_width : nat;                                (* w *)
  c_loss : loss_kind;
  c_bias : bool;                                (* whether the model has an output bias *)
  c_opt : Q;                                    (* the claimed global optimum *)
  c_patterns : list (list bool);                (* the realisable activation patterns *)
  c_refuted : list (list bool * list Q);        (* refuted prefixes and their Farkas vectors *)
  c_entries : list entry;                       (* one per subproblem, in Subproblems.forEach order *)
  c_blocks : list block;                        (* the blocks of step 8; [] : pruned entries use
                                                   the blocked-points bound of step 7 *)
  c_units : list (list Q * Q * bool);           (* the optimal net: weights, bias, sign (true: +1) *)
  c_outbias : Q }.                              (* its output bias *)

Fixpoint keys_eqb (a b : list (nat * list nat)) : bool :=
  match a, b with
  | [], [] => true
  | (p, k) :: a', (p', k') :: b' =>
      Nat.eqb p p' && (if list_eq_dec Nat.eq_dec k k' then true else false) && keys_eqb a' b'
  | _, _ => false
  end.

Lemma keys_eqb_eq a b : keys_eqb a b = true -> a = b.
Proof.
  revert b; induction a as [|[p k] a IH]; intros [|[p' k'] b] H; simpl in H; try discriminate;
    [reflexivity|].
  apply andb_true_iff in H as [H H3]. apply andb_true_iff in H as [H1 H2].
  apply Nat.eqb_eq in H1. destruct (list_eq_dec Nat.eq_dec k k'); [|discriminate].
  subst. f_equal. apply IH, H3.
Qed.

(* The unit (weights ws, bias b): its parameter vector (a, b) and pre-activation at point j. *)
Definition parQ (n : nat) (ws : list Q) (b : Q) (k : nat) : Q := if k =? n then b else nth k ws 0.
Definition unit_outQ n data (u : list Q * Q * bool) (j : nat) : Q :=
  let '(ws, b, s) := u in
  (if s then 1 else -1) * Qmax 0 (sumQ (fun k => parQ n ws b k * XQ n data j k) (seq 0 (S n))).
Definition net_outQ n data (units : list (list Q * Q * bool)) (c : Q) (j : nat) : Q :=
  sumQ (fun u => unit_outQ n data u j) units + c.

(* The first index of x in L (length L if x is not in L). *)
Fixpoint index_of (x : list bool) (L : list (list bool)) : nat :=
  match L with
  | [] => 0
  | y :: L' => if list_eq_dec bool_dec y x then 0 else S (index_of x L')
  end.

(* ---- step 8: the blocks, each checked once into a table of its weighted bounds ---- *)

(* The data of a block's points alone, and a pattern's restriction to them
   (BlockBounds.restrict, BlockBounds.restriction). *)
Definition block_data (data : list point) (pts : list nat) : list point :=
  map (fun j => nth j data ([], 0)) pts.
Definition restrict (p : list bool) (pts : list nat) : list bool := map (fun j => nth j p false) pts.

Fixpoint increasing (l : list nat) : bool :=
  match l with
  | a :: ((b :: _) as t) => (a <? b)%nat && increasing t
  | _ => true
  end.

(* No index twice: the blocks, concatenated, are disjoint. *)
Fixpoint disjoint (l : list nat) : bool :=
  match l with
  | [] => true
  | a :: t => negb (existsb (Nat.eqb a) t) && disjoint t
  end.

(* The rank of a key in keys w P (Subproblems.Ranks), in binary arithmetic.  The checker looks a
   key up at this place of a block's table and compares the key found there, so nothing about the
   rank needs proving: a wrong rank only rejects.
   multisN k r: the non-decreasing sequences of length k over r values, binom(r + k - 1, k). *)
Fixpoint chooseN (a : N) (k : nat) : N :=
  match k with
  | O => 1
  | S k' => chooseN a k' * (a - N.of_nat k') / N.of_nat k
  end%N.
Definition multisN (k : nat) (r : N) : N :=
  match k with O => 1%N | _ => chooseN (r + N.of_nat k - 1) k end.
(* The place of s among multisets (length s) lo P: the sequences with a smaller first element
   (a hockey-stick sum), then the place of its tail. *)
Fixpoint rank_ms (lo P : N) (s : list nat) : N :=
  match s with
  | [] => 0
  | x :: r => multisN (S (length r)) (P - lo) - multisN (S (length r)) (P - N.of_nat x)
              + rank_ms (N.of_nat x) P r
  end%N.
Definition rank (w P p : nat) (s : list nat) : N :=
  let PN := N.of_nat P in
  (fold_right (fun p' acc => multisN p' PN * multisN (w - p') PN + acc) 0 (seq 0 p)
   + rank_ms 0 PN (firstn p s) * multisN (w - p) PN + rank_ms 0 PN (skipn p s))%N.

(* A block's table: for each of its entries, its key and its weighted bound
   (|T| / D) max(0, b), b the entry's weak-duality bound on the block's data (ErmChecker's
   blockBounds).  A pruned entry is refused: a block's subproblems need dual points. *)
Definition block_table n data w l bias (blk : block) : option (list (nat * list nat * Q)) :=
  let pts := b_points blk in
  let dk := block_data data pts in
  let wt := inject_Z (Z.of_nat (length pts)) * invD data in
  fold_right (fun e acc =>
      match acc, e_dual e with
      | None, _ | _, Pruned => None
      | Some tbl, d =>
          match entry_bound n dk w l bias (b_pats blk) (e_plus e) (e_pats e) d with
          | Some b => Some ((e_plus e, e_pats e, Qred (wt * Qmax 0 b)) :: tbl)
          | None => None
          end
      end) (Some []) (b_entries blk).

(* A checked block: cb_local p is the index of pattern p's restriction among the block's
   patterns (the first occurrence), cb_P the number of the block's patterns. *)
Record cblock := { cb_local : list nat; cb_P : nat; cb_table : list (nat * list nat * Q) }.

(* ErmChecker.BlockTerms.of, one block: its points are nonempty, increasing indices of the data;
   its patterns have |T| signs; every pattern's restriction is among them; its entries are the
   subproblems of its patterns in canonical order, each with a verified dual point. *)
Definition compile_block n data w l bias (pats : list (list bool)) (blk : block) : option cblock :=
  let pts := b_points blk in
  let bpats := b_pats blk in
  let local := map (fun p => index_of (restrict p pts) bpats) pats in
  if (0 <? length pts)%nat && increasing pts && forallb (fun j => j <? D data)%nat pts
     && forallb (fun q => length q =? length pts)%nat bpats
     && forallb (fun i => i <? length bpats)%nat local
     && keys_eqb (map (fun e => (e_plus e, e_pats e)) (b_entries blk)) (keys w (length bpats))
  then match block_table n data w l bias blk with
       | Some tbl => Some {| cb_local := local; cb_P := length bpats; cb_table := tbl |}
       | None => None
       end
  else None.

Fixpoint compile_blocks n data w l bias pats (bl : list block) : option (list cblock) :=
  match bl with
  | [] => Some []
  | blk :: bl' =>
      match compile_block n data w l bias pats blk, compile_blocks n data w l bias pats bl' with
      | Some cb, Some cl => Some (cb :: cl)
      | _, _ => None
      end
  end.

(* The restriction of the subproblem (p, ks) to a block: each pattern index mapped to the block's,
   then sorted within each sign group (ErmChecker.BlockTerms.rows). *)
Definition restrict_key (local : list nat) (p : nat) (ks : list nat) : list nat :=
  NatSort.sort (map (fun i => nth i local 0%nat) (firstn p ks))
  ++ NatSort.sort (map (fun i => nth i local 0%nat) (skipn p ks)).

(* The weighted bound of the restriction: the table's row at the key's rank, if it has that key. *)
Definition block_term (w : nat) (cb : cblock) (p : nat) (ks : list nat) : option Q :=
  let key := restrict_key (cb_local cb) p ks in
  match nth_error (cb_table cb) (N.to_nat (rank w (cb_P cb) p key)) with
  | Some (p', k', t) =>
      if Nat.eqb p' p && (if list_eq_dec Nat.eq_dec k' key then true else false)
      then Some t else None
  | None => None
  end.

(* The block bound of the subproblem (p, ks): the sum of its restrictions' weighted bounds. *)
Fixpoint block_bound (w : nat) (cl : list cblock) (p : nat) (ks : list nat) : option Q :=
  match cl with
  | [] => Some 0
  | cb :: cl' =>
      match block_term w cb p ks, block_bound w cl' p ks with
      | Some t, Some s => Some (t + s)
      | _, _ => None
      end
  end.

(* An entry's bound is at least the optimum: its dual point's weak-duality bound; if pruned, its
   blocked-points bound when the certificate has no blocks, its block bound otherwise (the
   blocks' tables cbs, computed once by check_erm). *)
Definition entry_ok (n : nat) (data : list point) (cert : certificate) (cbs : option (list cblock))
    (e : entry) : bool :=
  match e_dual e, c_blocks cert, cbs with
  | Pruned, _ :: _, Some cl =>
      match block_bound (c_width cert) cl (e_plus e) (e_pats e) with
      | Some s => Qle_bool (c_opt cert) s
      | None => false
      end
  | Pruned, _ :: _, None => false
  | d, _, _ =>
      match entry_bound n data (c_width cert) (c_loss cert) (c_bias cert) (c_patterns cert)
              (e_plus e) (e_pats e) d with
      | Some b => Qle_bool (c_opt cert) b
      | None => false
      end
  end.

Definition check_erm (n : nat) (data : list point) (cert : certificate) : bool :=
  let w := c_width cert in
  let pats := c_patterns cert in
  let cbs := compile_blocks n data w (c_loss cert) (c_bias cert) pats (c_blocks cert) in
  (0 <? D data)%nat
  && forallb (fun pt => length (fst pt) =? n)%nat data
  && patterns_ok n data pats (c_refuted cert)
  && disjoint (concat (map b_points (c_blocks cert)))
  && match cbs with Some _ => true | None => false end
  && keys_eqb (map (fun e => (e_plus e, e_pats e)) (c_entries cert)) (keys w (length pats))
  && forallb (entry_ok n data cert cbs) (c_entries cert)
  && (c_bias cert || Qeq_bool (c_outbias cert) 0)
  && (length (c_units cert) =? w)%nat
  && Qeq_bool (sumQ (fun j => lossQ (c_loss cert) (net_outQ n data (c_units cert) (c_outbias cert) j)
                                    (YQ data j)) (seq 0 (D data)) * invD data)
              (c_opt cert).

(* ---- real-valued nets and their mean loss ---- *)

Local Open Scope R_scope.

(* A unit of a depth-2 ReLU net on R^n: input weights rw, bias rb, output weight rv. *)
Record runit := { rw : list R; rb : R; rv : R }.

Definition par (n : nat) (u : runit) (k : nat) : R := if k =? n then rb u else nth k (rw u) 0.

(* f(x_j) = sum_i rv_i max(0, rw_i . x_j + rb_i) + c *)
Definition net_out (n : nat) (data : list point) (net : list runit) (c : R) (j : nat) : R :=
  sumf (fun u => rv u * relu (dot (S n) (par n u) (X n data j))) net + c.

Definition mean_loss (l : loss_kind) (n : nat) (data : list point) (net : list runit) (c : R) : R :=
  / INR (D data) * sumf (fun j => lossR l (net_out n data net c j) (Y data j)) (seq 0 (D data)).

Definition embed (u : list Q * Q * bool) : runit :=
  let '(ws, b, s) := u in {| rw := map Q2R ws; rb := Q2R b; rv := if s then 1 else -1 |}.

(* ---- the main theorem ---- *)

Lemma relu_scale a z : 0 <= a -> relu (a * z) = a * relu z.
Proof.
  intros Ha. unfold relu, Rmax.
  destruct (Rle_dec 0 (a * z)), (Rle_dec 0 z); nra.
Qed.

Lemma relu_pattern z : relu z = if Rlt_dec 0 z then z else 0.
Proof. unfold relu, Rmax. destruct (Rle_dec 0 z), (Rlt_dec 0 z); lra. Qed.

Lemma dot_scal m a t x : dot m (fun k => a * t k) x = a * dot m t x.
Proof. unfold dot. rewrite <- sumf_scal. apply sumf_ext; intros; ring. Qed.

Lemma dot_ext m t t' x : (forall k, (k < m)%nat -> t k = t' k) -> dot m t x = dot m t' x.
Proof. intros H. unfold dot. apply sumf_ext. intros k Hk. apply in_seq in Hk. rewrite H by lia. reflexivity. Qed.

Definition sgn (s : bool) : R := if s then 1 else -1.

(* T1.md step 1: a' max(0, t) = sign(a') max(0, |a'| t). *)
Definition nsign (u : runit) : bool := if Rle_dec 0 (rv u) then true else false.
Definition nparams (n : nat) (u : runit) : nat -> R := fun k => Rabs (rv u) * par n u k.

Lemma normalise n u x : rv u * relu (dot (S n) (par n u) x) = sgn (nsign u) * relu (dot (S n) (nparams n u) x).
Proof.
  unfold nparams, nsign, sgn. rewrite dot_scal, relu_scale by apply Rabs_pos.
  destruct (Rle_dec 0 (rv u)).
  - rewrite Rabs_right by lra. ring.
  - rewrite Rabs_left by lra. ring.
Qed.

Lemma index_of_spec x L : In x L -> (index_of x L < length L)%nat /\ nth (index_of x L) L [] = x.
Proof.
  induction L as [|y L IH]; intros H; [destruct H|]. simpl.
  destruct (list_eq_dec bool_dec y x) as [->|Hne]; [split; [lia|reflexivity]|].
  destruct H as [->|H]; [congruence|]. destruct (IH H). split; [lia|assumption].
Qed.

Lemma sumf_filter {A} (f : A -> R) (g : A -> bool) l :
  sumf f l = sumf f (filter g l) + sumf f (filter (fun a => negb (g a)) l).
Proof.
  induction l as [|a l IH]; [unfold sumf; simpl; lra|]. cbn [filter].
  destruct (g a); cbn [negb]; rewrite !sumf_cons, IH; ring.
Qed.

Lemma filter_length_sum {A} (g : A -> bool) l :
  (length (filter g l) + length (filter (fun a => negb (g a)) l))%nat = length l.
Proof. induction l as [|a l IH]; [reflexivity|]. simpl. destruct (g a); simpl; lia. Qed.

Lemma seq_split p w : (p <= w)%nat -> seq 0 w = seq 0 p ++ seq p (w - p).
Proof.
  intros H. replace w with (p + (w - p))%nat at 1 by lia. rewrite seq_app. reflexivity.
Qed.

Lemma sumf_shift f p k : sumf f (seq p k) = sumf (fun i => f (p + i)%nat) (seq 0 k).
Proof.
  revert f; induction p as [|p IH]; intros f; [apply sumf_ext; intros; reflexivity|].
  rewrite <- seq_shift, sumf_map, IH. apply sumf_ext; intros; f_equal; lia.
Qed.

(* ---- the subproblem a net lies in, for any numbering of its units' patterns ---- *)

(* Each unit, sign-normalised, keyed by kf u (the index of its pattern in some list); the
   positive units first, each group sorted by the key: net_p0 positive units, the key net_ks,
   and net_T i the parameters of the i-th unit. *)
Definition dflt_key : nat * (nat -> R) := (0%nat, fun _ => 0).
Definition keyed (n : nat) (kf : runit -> nat) (u : runit) : nat * (nat -> R) := (kf u, nparams n u).
Definition plus_units n kf (net : list runit) := KeySort.sort (map (keyed n kf) (filter nsign net)).
Definition minus_units n kf (net : list runit) :=
  KeySort.sort (map (keyed n kf) (filter (fun u => negb (nsign u)) net)).
Definition net_p0 n kf net : nat := length (plus_units n kf net).
Definition net_ks n kf net : list nat := map fst (plus_units n kf net ++ minus_units n kf net).
Definition net_T n kf net (i : nat) : nat -> R :=
  snd (nth i (plus_units n kf net ++ minus_units n kf net) dflt_key).

Section NetKey.
Variables (n : nat) (data : list point) (pats : list (list bool)) (kf : runit -> nat).
Variables (net : list runit).
(* kf numbers each unit's pattern on the data in the list pats. *)
Hypothesis Hkf : forall u, In u net ->
  (kf u < length pats)%nat /\ nth (kf u) pats [] = pattern (D data) (S n) (X n data) (nparams n u).

Local Notation m := (S n).
Local Notation Xd := (X n data).
Local Notation plusL := (plus_units n kf net).
Local Notation minusL := (minus_units n kf net).
Local Notation SL := (plus_units n kf net ++ minus_units n kf net).
Local Notation p0 := (length (plus_units n kf net)).
Local Notation ks := (net_ks n kf net).
Local Notation T := (net_T n kf net).

Lemma SL_from_net x : In x SL -> exists u, In u net /\ x = keyed n kf u.
Proof.
  intros Hx. apply in_app_or in Hx. unfold plus_units, minus_units in Hx.
  destruct Hx as [Hx|Hx];
    apply (Permutation_in _ (Permutation_sym (KeySort.Permuted_sort _))) in Hx;
    apply in_map_iff in Hx; destruct Hx as [u [<- Hu]]; apply filter_In in Hu;
    exists u; tauto.
Qed.

Lemma SL_patterns x : In x SL ->
  (fst x < length pats)%nat /\ nth (fst x) pats [] = pattern (D data) m Xd (snd x).
Proof. intros Hx. destruct (SL_from_net x Hx) as [u [Hu ->]]. apply Hkf, Hu. Qed.

Lemma plus_minus_length : (length plusL + length minusL)%nat = length net.
Proof.
  unfold plus_units, minus_units.
  rewrite <- !(Permutation_length (KeySort.Permuted_sort _)), !map_length.
  apply filter_length_sum.
Qed.

Lemma SL_length : length SL = length net.
Proof. rewrite app_length. apply plus_minus_length. Qed.

Lemma ks_nth i : nth i ks 0%nat = fst (nth i SL dflt_key).
Proof. unfold net_ks. change 0%nat with (fst dflt_key) at 1. apply map_nth. Qed.

Lemma PQ_pattern i j : (i < length net)%nat -> (j < D data)%nat ->
  PQ pats ks i j = if Rlt_dec 0 (dot m (T i) (Xd j)) then true else false.
Proof.
  intros Hi Hj. unfold PQ. rewrite ks_nth.
  assert (Hin : In (nth i SL dflt_key) SL) by (apply nth_In; rewrite SL_length; exact Hi).
  destruct (SL_patterns _ Hin) as [_ ->]. unfold net_T. apply pattern_nth. exact Hj.
Qed.

Lemma feasible_T : forall i j, (i < length net)%nat -> (j < D data)%nat ->
  if PQ pats ks i j then 0 <= pre m Xd T i j else pre m Xd T i j <= 0.
Proof.
  intros i j Hi Hj. rewrite PQ_pattern by assumption. unfold pre.
  destruct (Rlt_dec 0 (dot m (T i) (Xd j))); lra.
Qed.

Lemma key_listed : In (net_p0 n kf net, ks) (keys (length net) (length pats)).
Proof.
  unfold net_p0, net_ks. rewrite map_app. rewrite <- (map_length fst plusL).
  apply keys_complete.
  - rewrite !map_length. apply plus_minus_length.
  - apply sorted_keys.
  - apply sorted_keys.
  - intros k Hk. apply in_map_iff in Hk. destruct Hk as [x [<- Hx]].
    apply SL_patterns. apply in_or_app. left. exact Hx.
  - intros k Hk. apply in_map_iff in Hk. destruct Hk as [x [<- Hx]].
    apply SL_patterns. apply in_or_app. right. exact Hx.
Qed.

(* The net's output is the subproblem's linear output F. *)
Lemma output_is_F c j : (j < D data)%nat ->
  net_out n data net c j = F (length net) m Xd (sgR (net_p0 n kf net)) (PQ pats ks) T c j.
Proof.
  intros Hj. unfold net_out, F. f_equal.
  transitivity (sumf (fun u => sgn (nsign u) * relu (dot m (nparams n u) (Xd j))) net).
  { apply sumf_ext. intros u _. apply normalise. }
  rewrite (sumf_filter _ nsign).
  pose proof plus_minus_length as Hpm.
  assert (Hw : (p0 <= length net)%nat) by lia.
  unfold net_p0.
  rewrite (seq_split p0 (length net) Hw), sumf_app, (sumf_shift _ p0 (length net - p0)).
  f_equal.
  - transitivity (sumf (fun x => relu (dot m (snd x) (Xd j))) plusL).
    { unfold plus_units. rewrite <- (sumf_perm _ _ _ (KeySort.Permuted_sort _)), sumf_map.
      apply sumf_ext. intros u Hu. apply filter_In in Hu. destruct Hu as [_ Hs].
      unfold sgn, keyed. rewrite Hs. simpl. ring. }
    rewrite (sumf_nth _ plusL dflt_key). apply sumf_ext. intros i Hi. apply in_seq in Hi.
    rewrite PQ_pattern by (lia || exact Hj).
    unfold sgR, sgQ. destruct (Nat.ltb_spec i p0); [|lia]. rewrite Q2R_1.
    unfold pre, net_T. rewrite app_nth1 by lia.
    rewrite relu_pattern.
    destruct (Rlt_dec 0 (dot m (snd (nth i plusL dflt_key)) (Xd j))); ring.
  - transitivity (sumf (fun x => -1 * relu (dot m (snd x) (Xd j))) minusL).
    { unfold minus_units. rewrite <- (sumf_perm _ _ _ (KeySort.Permuted_sort _)), sumf_map.
      apply sumf_ext. intros u Hu. apply filter_In in Hu. destruct Hu as [_ Hs].
      unfold sgn, keyed. apply negb_true_iff in Hs. rewrite Hs. simpl. ring. }
    assert (Hm : length minusL = (length net - p0)%nat) by lia.
    rewrite (sumf_nth _ minusL dflt_key), Hm. apply sumf_ext. intros i Hi. apply in_seq in Hi.
    rewrite PQ_pattern by (lia || exact Hj).
    unfold sgR, sgQ. destruct (Nat.ltb_spec (p0 + i) p0); [lia|]. rewrite Q2R_m1.
    unfold pre, net_T. rewrite app_nth2 by lia.
    replace (p0 + i - p0)%nat with i by lia.
    rewrite relu_pattern.
    destruct (Rlt_dec 0 (dot m (snd (nth i minusL dflt_key)) (Xd j))); ring.
Qed.

(* Every verified entry of the net's subproblem bounds the net's mean loss. *)
Theorem net_bound (l : loss_kind) (bias : bool) (d : dual) (b : Q) (c : R) :
  (0 < D data)%nat -> (bias = false -> c = 0) ->
  entry_bound n data (length net) l bias pats (net_p0 n kf net) ks d = Some b ->
  Q2R b <= mean_loss l n data net c.
Proof.
  intros HD Hc Eb.
  pose proof (entry_sound n data (length net) l bias pats (net_p0 n kf net) ks d b T c HD
                feasible_T Hc Eb) as B.
  eapply Rle_trans; [exact B|].
  unfold mean_loss, total. right. f_equal. apply sumf_ext. intros j Hj. apply in_seq in Hj.
  rewrite output_is_F by lia. reflexivity.
Qed.
End NetKey.

(* ---- step 8: a net's loss on a block, and the sum over disjoint blocks ---- *)

Lemma firstn_app_exact {A} (a b : list A) : firstn (length a) (a ++ b) = a.
Proof. induction a as [|x a IH]; [reflexivity|]. simpl. f_equal. exact IH. Qed.

Lemma skipn_app_exact {A} (a b : list A) : skipn (length a) (a ++ b) = b.
Proof. induction a as [|x a IH]; [reflexivity|]. simpl. exact IH. Qed.

Lemma net_p0_filter n kf net : net_p0 n kf net = length (filter nsign net).
Proof.
  unfold net_p0, plus_units. rewrite <- (Permutation_length (KeySort.Permuted_sort _)).
  apply map_length.
Qed.

(* Numbering the patterns through local (a pattern's index to its restriction's index) and
   sorting gives the key that restrict_key computes from the net's key. *)
Lemma net_ks_restrict n kf (local : list nat) net :
  net_ks n (fun u => nth (kf u) local 0%nat) net = restrict_key local (net_p0 n kf net) (net_ks n kf net).
Proof.
  unfold restrict_key, net_ks. rewrite !map_app.
  unfold net_p0. rewrite <- (map_length fst (plus_units n kf net)).
  rewrite firstn_app_exact, skipn_app_exact.
  f_equal; apply sorted_perm_eq; try apply sorted_keys; try apply sorted_nat_sort;
    (eapply Permutation_trans; [|apply NatSort.Permuted_sort]);
    unfold plus_units, minus_units;
    (eapply Permutation_trans; [apply Permutation_map, Permutation_sym, KeySort.Permuted_sort|]);
    (eapply Permutation_trans; [|apply Permutation_map, Permutation_map, KeySort.Permuted_sort]);
    rewrite !map_map; apply Permutation_refl.
Qed.

Lemma nth_block_data data pts j : (j < length pts)%nat ->
  nth j (block_data data pts) ([], 0%Q) = nth (nth j pts 0%nat) data ([], 0%Q).
Proof.
  intros H. unfold block_data.
  rewrite (nth_indep _ _ ((fun j => nth j data ([], 0%Q)) 0%nat)) by (rewrite map_length; exact H).
  exact (map_nth (fun j0 => nth j0 data ([], 0%Q)) pts 0%nat j).
Qed.

Lemma D_block data pts : D (block_data data pts) = length pts.
Proof. unfold D, block_data. apply map_length. Qed.

Lemma dot_X_block n data pts t j : (j < length pts)%nat ->
  dot (S n) t (X n (block_data data pts) j) = dot (S n) t (X n data (nth j pts 0%nat)).
Proof.
  intros H. unfold dot. apply sumf_ext. intros k _. unfold X, XQ. rewrite nth_block_data by exact H.
  reflexivity.
Qed.

Lemma map_by_index {A} (g : nat -> A) (pts : list nat) :
  map g pts = map (fun j => g (nth j pts 0%nat)) (seq 0 (length pts)).
Proof.
  induction pts as [|a pts IH]; [reflexivity|].
  cbn [length seq map]. rewrite <- seq_shift, map_map, IH. reflexivity.
Qed.

(* A unit's pattern on a block's data is its pattern on the data, restricted. *)
Lemma pattern_restrict n data pts t : (forall j, In j pts -> (j < D data)%nat) ->
  restrict (pattern (D data) (S n) (X n data) t) pts
  = pattern (D (block_data data pts)) (S n) (X n (block_data data pts)) t.
Proof.
  intros Hpts. unfold restrict, pattern. rewrite D_block.
  rewrite (map_by_index (fun j => nth j (map (fun j0 => if Rlt_dec 0 (dot (S n) t (X n data j0))
                                                       then true else false) (seq 0 (D data))) false) pts).
  apply map_ext_in. intros j Hj. apply in_seq in Hj.
  rewrite (nth_map_seq _ (D data)) by (apply Hpts, nth_In; lia).
  rewrite dot_X_block by lia. reflexivity.
Qed.

(* A net's mean loss on a block's data is its mean loss over the block's points. *)
Lemma mean_loss_block l n data pts net c :
  mean_loss l n (block_data data pts) net c
  = / INR (length pts) * sumf (fun j => lossR l (net_out n data net c j) (Y data j)) pts.
Proof.
  unfold mean_loss. rewrite D_block. f_equal.
  rewrite (sumf_nth _ pts 0%nat). apply sumf_ext. intros j Hj. apply in_seq in Hj.
  unfold net_out, Y, YQ. rewrite nth_block_data by lia. f_equal. f_equal.
  apply sumf_ext. intros u _. rewrite dot_X_block by lia. reflexivity.
Qed.

Lemma Q2R_of_nat k : Q2R (inject_Z (Z.of_nat k)) = INR k.
Proof. unfold Q2R. cbn [Qnum Qden inject_Z]. rewrite INR_IZR_INZ. simpl. lra. Qed.

Lemma index_of_lt x L : (index_of x L < length L)%nat -> nth (index_of x L) L [] = x.
Proof.
  induction L as [|y L IH]; simpl; intros H; [lia|].
  destruct (list_eq_dec bool_dec y x) as [->|Hne]; [reflexivity|]. apply IH. simpl in H. lia.
Qed.

(* Each row of a block's table comes from a verified entry of the block's data. *)
Lemma block_table_rows n data w l bias blk tbl :
  block_table n data w l bias blk = Some tbl ->
  forall p k t, In (p, k, t) tbl -> exists d b,
    entry_bound n (block_data data (b_points blk)) w l bias (b_pats blk) p k d = Some b
    /\ t = Qred (inject_Z (Z.of_nat (length (b_points blk))) * invD data * Qmax 0 b).
Proof.
  revert tbl. unfold block_table. cbv zeta. generalize (b_entries blk) as es.
  induction es as [|e es IH]; intros tbl H p k t Hin; cbn [fold_right] in H.
  - injection H as <-. destruct Hin.
  - match type of H with context [fold_right ?g ?a0 es] =>
      destruct (fold_right g a0 es) as [tbl'|] eqn:E end; [|discriminate].
    destruct (e_dual e) as [|u lam|yv]; [discriminate| |];
      match type of H with context [entry_bound ?a1 ?a2 ?a3 ?a4 ?a5 ?a6 ?a7 ?a8 ?d] =>
        destruct (entry_bound a1 a2 a3 a4 a5 a6 a7 a8 d) as [b|] eqn:Eb end; try discriminate;
      injection H as <-; (destruct Hin as [Eq|Hin];
        [injection Eq as <- <- <-; eexists; exists b; split; [exact Eb|reflexivity]
        |exact (IH tbl' eq_refl p k t Hin)]).
Qed.

Lemma disjoint_NoDup l : disjoint l = true -> NoDup l.
Proof.
  induction l as [|a l IH]; simpl; intros H; [constructor|].
  apply andb_true_iff in H as [H1 H2]. constructor; [|apply IH, H2].
  intros Ha. apply negb_true_iff in H1.
  assert (existsb (Nat.eqb a) l = true) by (apply existsb_exists; exists a; split; [exact Ha|apply Nat.eqb_refl]).
  congruence.
Qed.

(* Disjoint blocks: a sum of nonnegative terms over distinct indices is at most the sum over all. *)
Lemma sumf_sublist (f : nat -> R) l L : NoDup l -> NoDup L -> (forall x, In x l -> In x L) ->
  (forall x, In x L -> 0 <= f x) -> sumf f l <= sumf f L.
Proof.
  revert L; induction l as [|a l IH]; intros L Hl HL Hin Hf.
  - rewrite sumf_nil. apply sumf_nonneg. exact Hf.
  - destruct (in_split a L (Hin a (or_introl eq_refl))) as [L1 [L2 ->]].
    rewrite (sumf_perm f _ _ (Permutation_sym (Permutation_middle L1 L2 a))), !sumf_cons.
    apply NoDup_cons_iff in Hl as [Ha Hl].
    assert (sumf f l <= sumf f (L1 ++ L2)).
    { apply IH; [exact Hl | apply (NoDup_remove_1 _ _ _ HL) | |].
      - intros x Hx. assert (Hx' : In x (L1 ++ a :: L2)) by (apply Hin; right; exact Hx).
        apply in_app_or in Hx'. apply in_or_app.
        destruct Hx' as [H|[->|H]]; [left; exact H|contradiction|right; exact H].
      - intros x Hx. apply Hf. apply in_app_or in Hx. apply in_or_app.
        destruct Hx; [left|right; right]; assumption. }
    lra.
Qed.

Section Blocks.
(* A net whose units' patterns on the data are numbered by kf in the list pats. *)
Variables (n : nat) (data : list point) (pats : list (list bool)) (kf : runit -> nat).
Variables (net : list runit) (c : R) (l : loss_kind) (bias : bool).
Hypothesis HD : (0 < D data)%nat.
Hypothesis Hkf : forall u, In u net ->
  (kf u < length pats)%nat /\ nth (kf u) pats [] = pattern (D data) (S n) (X n data) (nparams n u).
Hypothesis Hc : bias = false -> c = 0.
Local Notation f := (fun j => lossR l (net_out n data net c j) (Y data j)).

(* proofs-notes/T1.md step 8, one block: on the block's points the net is a net of the
   restricted subproblem (the same units, signs and output bias), so its loss summed over the
   block is at least |T| max(0, b) for the verified bound b of the restricted entry. *)
Theorem block_term_sound blk cb t :
  compile_block n data (length net) l bias pats blk = Some cb ->
  block_term (length net) cb (net_p0 n kf net) (net_ks n kf net) = Some t ->
  Q2R t <= / INR (D data) * sumf f (b_points blk).
Proof.
  intros Hcb Ht. unfold compile_block in Hcb. cbv zeta in Hcb.
  match type of Hcb with (if ?cond then _ else _) = _ => destruct cond eqn:Ok end; [|discriminate].
  destruct (block_table n data (length net) l bias blk) as [tbl|] eqn:Etbl; [|discriminate].
  injection Hcb as <-.
  repeat rewrite andb_true_iff in Ok. destruct Ok as [[[[[Hne _] Hlt] _] Hloc] _].
  apply Nat.ltb_lt in Hne.
  assert (Hpts : forall j, In j (b_points blk) -> (j < D data)%nat).
  { intros j Hj. rewrite forallb_forall in Hlt. apply Nat.ltb_lt, Hlt, Hj. }
  set (local := map (fun p => index_of (restrict p (b_points blk)) (b_pats blk)) pats) in *.
  unfold block_term in Ht. cbn [cb_local cb_P cb_table] in Ht.
  match type of Ht with context [nth_error tbl ?r] =>
    destruct (nth_error tbl r) as [[[p' k'] t']|] eqn:En end; [|discriminate].
  destruct (Nat.eqb_spec p' (net_p0 n kf net)) as [->|]; [|discriminate].
  match type of Ht with context [list_eq_dec Nat.eq_dec k' ?key] =>
    destruct (list_eq_dec Nat.eq_dec k' key) as [->|] end; [|discriminate].
  injection Ht as <-.
  apply nth_error_In in En.
  destruct (block_table_rows _ _ _ _ _ _ _ Etbl _ _ _ En) as [d [b [Eb ->]]].
  (* the units' patterns on the block's data, numbered among the block's patterns *)
  set (dk := block_data data (b_points blk)).
  assert (Hkf' : forall u, In u net ->
    (nth (kf u) local 0%nat < length (b_pats blk))%nat
    /\ nth (nth (kf u) local 0%nat) (b_pats blk) [] = pattern (D dk) (S n) (X n dk) (nparams n u)).
  { intros u Hu. destruct (Hkf u Hu) as [Hk Hnth].
    assert (E : nth (kf u) local 0%nat
                = index_of (restrict (pattern (D data) (S n) (X n data) (nparams n u)) (b_points blk))
                           (b_pats blk)).
    { unfold local.
      rewrite (nth_indep _ _ ((fun p => index_of (restrict p (b_points blk)) (b_pats blk)) []))
        by (rewrite map_length; exact Hk).
      rewrite (map_nth (fun p => index_of (restrict p (b_points blk)) (b_pats blk)) pats [] (kf u)).
      rewrite Hnth. reflexivity. }
    assert (Hlt' : (nth (kf u) local 0%nat < length (b_pats blk))%nat).
    { rewrite forallb_forall in Hloc. apply Nat.ltb_lt, Hloc, nth_In.
      unfold local. rewrite map_length. exact Hk. }
    split; [exact Hlt'|]. rewrite E in Hlt' |- *. rewrite index_of_lt by exact Hlt'.
    unfold dk. apply pattern_restrict, Hpts. }
  rewrite <- net_ks_restrict, net_p0_filter in Eb.
  rewrite <- (net_p0_filter n (fun u => nth (kf u) local 0%nat)) in Eb.
  assert (HDk : (0 < D dk)%nat) by (unfold dk; rewrite D_block; exact Hne).
  pose proof (net_bound n dk (b_pats blk) _ net Hkf' l bias d b c HDk Hc Eb) as B.
  unfold dk in B. rewrite mean_loss_block in B.
  (* |T|/D max(0, b) <= |T|/D (1/|T|) sum_T l = (1/D) sum_T l *)
  set (L := sumf f (b_points blk)) in *.
  assert (HL : 0 <= L) by (apply sumf_nonneg; intros; apply lossR_nonneg).
  assert (HT : 0 < INR (length (b_points blk))) by (apply lt_0_INR; exact Hne).
  assert (HDr : 0 < INR (D data)) by (apply lt_0_INR; exact HD).
  assert (Hm : Rmax 0 (Q2R b) <= / INR (length (b_points blk)) * L).
  { apply Rmax_lub; [|exact B]. apply Rmult_le_pos; [left; apply Rinv_0_lt_compat, HT|exact HL]. }
  rewrite (Qeq_eqR _ _ (Qred_correct _)), !Q2R_mult, Q2R_of_nat, (Q2R_invD data HD), Q2R_max0.
  apply (Rmult_le_compat_l (INR (length (b_points blk)) * / INR (D data))) in Hm;
    [|apply Rmult_le_pos; [lra|left; apply Rinv_0_lt_compat, HDr]].
  replace (INR (length (b_points blk)) * / INR (D data) * (/ INR (length (b_points blk)) * L))
    with (/ INR (D data) * L) in Hm by (field; split; lra).
  exact Hm.
Qed.

Lemma block_bound_sound bl cl s :
  compile_blocks n data (length net) l bias pats bl = Some cl ->
  block_bound (length net) cl (net_p0 n kf net) (net_ks n kf net) = Some s ->
  Q2R s <= / INR (D data) * sumf f (concat (map b_points bl)).
Proof.
  revert cl s; induction bl as [|blk bl IH]; intros cl s Ecl Es; cbn [compile_blocks] in Ecl.
  - injection Ecl as <-. cbn [block_bound] in Es. injection Es as <-. rewrite Q2R_0.
    cbn [map concat]. rewrite sumf_nil. lra.
  - destruct (compile_block n data (length net) l bias pats blk) as [cb|] eqn:E1; [|discriminate].
    destruct (compile_blocks n data (length net) l bias pats bl) as [cl'|] eqn:E2; [|discriminate].
    injection Ecl as <-. cbn [block_bound] in Es.
    destruct (block_term (length net) cb (net_p0 n kf net) (net_ks n kf net)) as [t|] eqn:Et;
      [|discriminate].
    destruct (block_bound (length net) cl' (net_p0 n kf net) (net_ks n kf net)) as [s'|] eqn:Es';
      [|discriminate].
    injection Es as <-. rewrite Q2R_plus. cbn [map concat]. rewrite sumf_app, Rmult_plus_distr_l.
    pose proof (block_term_sound _ _ _ E1 Et). pose proof (IH _ _ eq_refl Es'). lra.
Qed.
End Blocks.

(* The blocks' points are points of the data. *)
Lemma compile_blocks_points n data w l bias pats bl cl :
  compile_blocks n data w l bias pats bl = Some cl ->
  forall j, In j (concat (map b_points bl)) -> (j < D data)%nat.
Proof.
  revert cl; induction bl as [|blk bl IH]; intros cl E j Hj; [destruct Hj|].
  cbn [compile_blocks] in E.
  destruct (compile_block n data w l bias pats blk) as [cb|] eqn:E1; [|discriminate].
  destruct (compile_blocks n data w l bias pats bl) as [cl'|] eqn:E2; [|discriminate].
  cbn [map concat] in Hj. apply in_app_or in Hj as [Hj|Hj]; [|exact (IH _ eq_refl j Hj)].
  unfold compile_block in E1. cbv zeta in E1.
  match type of E1 with (if ?cond then _ else _) = _ => destruct cond eqn:Ok end; [|discriminate].
  repeat rewrite andb_true_iff in Ok. destruct Ok as [[[[[_ _] Hlt] _] _] _].
  rewrite forallb_forall in Hlt. apply Nat.ltb_lt, Hlt, Hj.
Qed.

(* ---- the main theorem's lower bound ---- *)

Section LowerBound.
Variables (n : nat) (data : list point) (cert : certificate).
Local Notation w := (c_width cert).
Local Notation pats := (c_patterns cert).
Hypothesis HD : (0 < D data)%nat.
Hypothesis Hpats : patterns_ok n data pats (c_refuted cert) = true.
Hypothesis Hdisj : disjoint (concat (map b_points (c_blocks cert))) = true.
Hypothesis Hkeys :
  keys_eqb (map (fun e => (e_plus e, e_pats e)) (c_entries cert)) (keys w (length pats)) = true.
Hypothesis Hentries :
  forallb (entry_ok n data cert (compile_blocks n data w (c_loss cert) (c_bias cert) pats (c_blocks cert)))
          (c_entries cert) = true.

Variables (net : list runit) (c : R).
Hypothesis Hlen : length net = w.
Hypothesis Hc : c_bias cert = false -> c = 0.

(* Each unit's pattern, numbered by its index in the certificate's list (which holds it:
   patterns_complete). *)
Definition kf0 (u : runit) : nat := index_of (pattern (D data) (S n) (X n data) (nparams n u)) pats.

Lemma kf0_spec u : In u net ->
  (kf0 u < length pats)%nat /\ nth (kf0 u) pats [] = pattern (D data) (S n) (X n data) (nparams n u).
Proof.
  intros _. apply index_of_spec. apply patterns_complete with (refs := c_refuted cert); [exact HD|exact Hpats].
Qed.

Theorem lower_bound : Q2R (c_opt cert) <= mean_loss (c_loss cert) n data net c.
Proof.
  pose proof (keys_eqb_eq _ _ Hkeys) as E.
  pose proof (key_listed n data pats kf0 net kf0_spec) as K. rewrite Hlen, <- E in K.
  apply in_map_iff in K. destruct K as [e [Ee He]].
  pose proof Hentries as He'. rewrite forallb_forall in He'. specialize (He' e He).
  injection Ee as Ep Eks.
  (* a verified dual point, or the blocked-points bound *)
  assert (Entry : forall d b,
    entry_bound n data w (c_loss cert) (c_bias cert) pats (e_plus e) (e_pats e) d = Some b ->
    Q2R b <= mean_loss (c_loss cert) n data net c).
  { intros d b Eb. rewrite Ep, Eks, <- Hlen in Eb.
    exact (net_bound n data pats kf0 net kf0_spec (c_loss cert) (c_bias cert) d b c HD Hc Eb). }
  unfold entry_ok in He'.
  destruct (e_dual e) as [|u lam|yv];
    [destruct (c_blocks cert) as [|blk bl]| |].
  all: try (match type of He' with context [entry_bound ?a1 ?a2 ?a3 ?a4 ?a5 ?a6 ?a7 ?a8 ?d] =>
              destruct (entry_bound a1 a2 a3 a4 a5 a6 a7 a8 d) as [b|] eqn:Eb end;
            [|discriminate];
            apply Qle_bool_R in He'; eapply Rle_trans; [exact He'|exact (Entry _ _ Eb)]).
  (* pruned by the block bound: the blocks' terms, each at most (1/D) sum_T l, and the blocks
     are disjoint sets of points *)
  destruct (compile_blocks n data w (c_loss cert) (c_bias cert) pats (blk :: bl)) as [cl|] eqn:Ecl;
    [|discriminate].
  destruct (block_bound w cl (e_plus e) (e_pats e)) as [s|] eqn:Es; [|discriminate].
  apply Qle_bool_R in He'. eapply Rle_trans; [exact He'|].
  rewrite Ep, Eks, <- Hlen in Es. rewrite <- Hlen in Ecl.
  pose proof (block_bound_sound n data pats kf0 net c (c_loss cert) (c_bias cert) HD kf0_spec Hc
                (blk :: bl) cl s Ecl Es) as B.
  eapply Rle_trans; [exact B|]. unfold mean_loss.
  apply Rmult_le_compat_l; [left; apply Rinv_0_lt_compat, lt_0_INR, HD|].
  apply sumf_sublist.
  - apply disjoint_NoDup, Hdisj.
  - apply seq_NoDup.
  - intros j Hj. apply in_seq. split; [lia|]. exact (compile_blocks_points _ _ _ _ _ _ _ _ Ecl j Hj).
  - intros j _. apply lossR_nonneg.
Qed.
End LowerBound.

Lemma Q2R_net_out n data units c j :
  Q2R (net_outQ n data units c j) = net_out n data (map embed units) (Q2R c) j.
Proof.
  unfold net_outQ, net_out. rewrite Q2R_plus, sumf_map. f_equal.
  apply Q2R_sumQ. intros [[ws b] s] _. unfold unit_outQ, embed. cbn [rv].
  rewrite Q2R_mult, Q2R_max0. f_equal.
  - destruct s; [apply Q2R_1|apply Q2R_m1].
  - unfold relu. f_equal. apply Q2R_sumQ. intros k _. rewrite Q2R_mult. f_equal.
    unfold parQ, par. cbn [rb rw]. destruct (k =? n); [reflexivity|].
    rewrite <- Q2R_0, map_nth. reflexivity.
Qed.

(* The main theorem: a certificate that passes check_erm proves that no real-valued depth-2 ReLU
   net of its width has a smaller mean loss than its optimum, and its net attains it. *)
Theorem erm_certificate_sound (n : nat) (data : list point) (cert : certificate) :
  check_erm n data cert = true ->
  (forall (net : list runit) (c : R), length net = c_width cert ->
     (c_bias cert = false -> c = 0) ->
     Q2R (c_opt cert) <= mean_loss (c_loss cert) n data net c)
  /\ mean_loss (c_loss cert) n data (map embed (c_units cert)) (Q2R (c_outbias cert))
     = Q2R (c_opt cert).
Proof.
  intros H. unfold check_erm in H. cbv zeta in H.
  repeat rewrite andb_true_iff in H.
  destruct H as [[[[[[[[[HD Hdim] Hpats] Hdisj] Hcbs] Hkeys] Hentries] Hbias] Hwidth] Hloss].
  apply Nat.ltb_lt in HD.
  split.
  - intros net c Hlen Hc. apply lower_bound; assumption.
  - apply Qeq_bool_R in Hloss. rewrite <- Hloss.
    rewrite Q2R_mult, (Q2R_invD data HD), Rmult_comm. unfold mean_loss. f_equal.
    symmetry. apply Q2R_sumQ. intros j _. rewrite Q2R_loss, Q2R_net_out. reflexivity.
Qed.
