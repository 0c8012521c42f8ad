(* T2, steps 1 and 2 of proofs-notes/T2.md: symmetry linearises the mean update, and the exact
   one-step identity follows for every batch size.

   A finite distribution as org.provablenets.gate.FiniteDistribution has it: a list of points
   p_k (k ranging over a finite index type I), each of mass 1/|I|; a point listed twice has twice
   the mass.  (A1) parity symmetry, as FiniteDistribution.isSymmetric decides it (the multiset of
   points equals the multiset of their negations), is: some injective sigma : I -> I has
   p (sigma k) = - p k.  FiniteDistribution.symmetrised (each row x gives x and -x) is the instance
   I = 'I_N * bool of symmetrised_mean_update.

     E[(ReLU(w*.x) - ReLU(w.x)) x] = 1/2 Sigma (w* - w),   Sigma = E[x x']   (symmetry_lemma)

   A step from w with an ordered batch (x_1, ..., x_b) of independent draws is
   w' = w + (eta/b) sum_k r(x_k) x_k, r(x) = ReLU(w*.x) - ReLU(w.x) (batch_step); the expectation
   over all |I|^b ordered batches, each of mass 1/|I|^b (expect_batches), is

     E||w' - w*||^2 = ||D||^2 - eta D'Sigma D
                      + eta^2 [(1/b) E[r(x)^2 ||x||^2] + (1 - 1/b) (1/4) ||Sigma D||^2],  D = w - w*
                                                                        (one_step_identity)

   Section Batches proves the counting behind independence: a function of one coordinate of the
   batch sums to |I|^(b-1) times its sum over I (sum_coord), a product of functions of two
   different coordinates to |I|^(b-2) times the product of their sums (sum_pair). *)
From mathcomp Require Import all_ssreflect all_algebra.
From mathcomp Require Import ring.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Import Order.POrderTheory Order.TotalTheory GRing.Theory Num.Theory.
Local Open Scope ring_scope.

(* ---------- sums over all ordered batches: {ffun 'I_b -> I} ---------- *)
Section Batches.
Variable R : comRingType.
Variables (I : finType) (b : nat).
Local Notation N := (#|I|%:R : R).
Local Notation batch := {ffun 'I_b -> I}.

(* sum over all batches of a product of one factor per coordinate *)
Lemma sum_batches_prod (F : 'I_b -> I -> R) :
  \sum_(beta : batch) \prod_(j < b) F j (beta j) = \prod_(j < b) \sum_(i : I) F j i.
Proof. by rewrite (bigA_distr_bigA F). Qed.

(* a function of the k-th coordinate: sum = |I|^(b-1) sum_i F i, stated times |I| *)
Lemma sum_coord (F : I -> R) (k : 'I_b) :
  (\sum_(beta : batch) F (beta k)) * N = N ^+ b * \sum_(i : I) F i.
Proof.
have -> : \sum_(beta : batch) F (beta k) =
          \sum_(beta : batch) \prod_(j < b) (if j == k then F (beta j) else 1).
  by apply: eq_bigr => beta _; rewrite -big_mkcond /= big_pred1_eq.
rewrite (sum_batches_prod (fun j i => if j == k then F i else 1)) (bigD1 k) //= eqxx.
have -> : \prod_(j < b | j != k) (\sum_(i : I) (if j == k then F i else 1)) =
          \prod_(j < b | j != k) N.
  by apply: eq_bigr => j Hj; rewrite (negbTE Hj) sumr_const.
rewrite prodr_const cardC1 card_ord.
case: b k => [[//]|b' k] /=.
by rewrite exprS; ring.
Qed.

(* functions of two different coordinates: sum = |I|^(b-2) (sum F)(sum G), stated times |I|^2 *)
Lemma sum_pair (F G : I -> R) (k l : 'I_b) : k != l ->
  (\sum_(beta : batch) F (beta k) * G (beta l)) * N ^+ 2 =
  N ^+ b * ((\sum_(i : I) F i) * \sum_(i : I) G i).
Proof.
move=> hkl.
have -> : \sum_(beta : batch) F (beta k) * G (beta l) =
          \sum_(beta : batch) \prod_(j < b)
             (if j == k then F (beta j) else if j == l then G (beta j) else 1).
  apply: eq_bigr => beta _; rewrite (bigD1 k) //= eqxx (bigD1 l) /=; last by rewrite eq_sym.
  rewrite eq_sym (negbTE hkl) eqxx.
  rewrite big1 ?mulr1 // => j /andP [hjk hjl]; by rewrite (negbTE hjk) (negbTE hjl).
rewrite (sum_batches_prod (fun j i => if j == k then F i else if j == l then G i else 1)).
rewrite (bigD1 k) //= eqxx (bigD1 l) /=; last by rewrite eq_sym.
rewrite eq_sym (negbTE hkl) eqxx.
have -> : \prod_(j < b | (j != k) && (j != l))
            (\sum_(i : I) (if j == k then F i else if j == l then G i else 1)) =
          \prod_(j < b | (j != k) && (j != l)) N.
  by apply: eq_bigr => j /andP [hjk hjl]; rewrite (negbTE hjk) (negbTE hjl) sumr_const.
rewrite prodr_const.
have hc : #|[pred j : 'I_b | (j != k) && (j != l)]|.+2 = b.
  rewrite -[RHS](card_ord b); symmetry.
  rewrite (cardD1 k) (cardD1 l) !inE /= eq_sym hkl add1n add1n.
  by congr (_.+2); apply: eq_card => j; rewrite !inE andbT andbC.
have -> : (N ^+ b) = N ^+ #|[pred j : 'I_b | (j != k) && (j != l)]|.+2 by rewrite hc.
rewrite !exprS (@eq_card _ _ [pred j : 'I_b | (j != k) && (j != l)]) //.
set c := #|[pred j : 'I_b | _]|.
clearbody c; rewrite expr0 mulr1.
set n := (#|I|%:R : R); set f := \sum_i F i; set g := \sum_i G i.
by ring.
Qed.

End Batches.

Section T2.
Variable R : realFieldType.
Variable d : nat.
Implicit Types (w ws v x : 'cV[R]_d) (a : R).

(* GateMath.relu: z > 0 ? z : 0 *)
Definition relu a : R := if 0 < a then a else 0.

(* w.x *)
Definition dotv w x : R := \sum_(i < d) w i 0 * x i 0.

Variable I : finType.
Variable p : I -> 'cV[R]_d.       (* the listed points *)

(* E[g(x)] for a vector-valued g, each point of mass 1/|I| *)
Definition expect (g : 'cV[R]_d -> 'cV[R]_d) : 'cV[R]_d :=
  (#|I|%:R)^-1 *: \sum_(k : I) g (p k).

(* FiniteDistribution.sigma: Sigma = E[x x'] *)
Definition Sigma : 'M[R]_d := (#|I|%:R)^-1 *: \sum_(k : I) (p k *m (p k)^T).

(* GateMath.meanUpdate: E[r(x) x] with r(x) = ReLU(w*.x) - ReLU(w.x) *)
Definition mean_update ws w : 'cV[R]_d :=
  expect (fun x => (relu (dotv ws x) - relu (dotv w x)) *: x).

(* The key step: ReLU(a) - ReLU(-a) = a. *)
Lemma relu_odd a : relu a - relu (- a) = a.
Proof.
rewrite /relu oppr_gt0; case: (ltrgtP a 0) => [h|h|->]; rewrite ?subr0 ?sub0r ?opprK //.
Qed.

Lemma dotvN w x : dotv w (- x) = - dotv w x.
Proof. by rewrite /dotv -sumrN; apply: eq_bigr => i _; rewrite mxE mulrN. Qed.

Lemma dotvBl ws w x : dotv (ws - w) x = dotv ws x - dotv w x.
Proof.
rewrite /dotv -sumrB; apply: eq_bigr => i _.
by rewrite !mxE mulrBl.
Qed.

(* (x x') v = (x.v) x *)
Lemma outer_mul x v : x *m x^T *m v = dotv v x *: x.
Proof.
rewrite -mulmxA; apply/matrixP => i j; rewrite (ord1 j) !mxE big_ord1 mxE mulrC.
by congr (_ * _); apply: eq_bigr => k _; rewrite !mxE mulrC.
Qed.

(* The symmetry lemma: under (A1), E[(ReLU(w*.x) - ReLU(w.x)) x] = 1/2 Sigma (w* - w). *)
Theorem symmetry_lemma (sigma : I -> I) :
  injective sigma -> (forall k, p (sigma k) = - p k) ->
  forall ws w, mean_update ws w = 2^-1 *: (Sigma *m (ws - w)).
Proof.
move=> inj hs ws w.
set r := fun x => relu (dotv ws x) - relu (dotv w x).
set S := \sum_(k : I) r (p k) *: p k.
(* pair each point with its negation: reindexing by sigma *)
have hS : S = \sum_(k : I) (relu (dotv ws (- p k)) - relu (dotv w (- p k))) *: - p k.
  by rewrite /S (reindex_inj inj) /=; apply: eq_bigr => k _; rewrite hs.
have h2 : S + S = \sum_(k : I) dotv (ws - w) (p k) *: p k.
  rewrite {2}hS -big_split /=; apply: eq_bigr => k _.
  rewrite /r !dotvN scalerN -scaleNr -scalerDl dotvBl; congr (_ *: _).
  set a := dotv ws (p k); set b := dotv w (p k).
  transitivity ((relu a - relu (- a)) - (relu b - relu (- b))); first by ring.
  by rewrite !relu_odd.
rewrite /mean_update /expect -/S /Sigma -scalemxAl mulmx_suml.
under [X in _ = _ *: (_ *: X)]eq_bigr do rewrite outer_mul.
rewrite -h2 scalerA [2^-1 * _]mulrC -mulr2n -scaler_nat scalerA -mulrA.
by rewrite mulVf ?mulr1 // pnatr_eq0.
Qed.

(* ---------- step 2, for batch size b = 1 ---------- *)

(* E[g(x)] for a scalar g *)
Definition expect_s (g : 'cV[R]_d -> R) : R := (#|I|%:R)^-1 * \sum_(k : I) g (p k).

Lemma dotvC v x : dotv v x = dotv x v.
Proof. by apply: eq_bigr => i _; rewrite mulrC. Qed.

Lemma dotvDr v x y : dotv v (x + y) = dotv v x + dotv v y.
Proof. by rewrite /dotv -big_split; apply: eq_bigr => i _; rewrite mxE mulrDr. Qed.

Lemma dotvZr v a x : dotv v (a *: x) = a * dotv v x.
Proof. by rewrite /dotv mulr_sumr; apply: eq_bigr => i _; rewrite mxE mulrCA. Qed.

Lemma dotvDl v x y : dotv (x + y) v = dotv x v + dotv y v.
Proof. by rewrite dotvC dotvDr !(dotvC v). Qed.

Lemma dotvZl v a x : dotv (a *: x) v = a * dotv x v.
Proof. by rewrite dotvC dotvZr dotvC. Qed.

Lemma dotv_sumr (J : finType) v (F : J -> 'cV[R]_d) :
  dotv v (\sum_(k : J) F k) = \sum_(k : J) dotv v (F k).
Proof.
rewrite /dotv exchange_big /=; apply: eq_bigr => i _.
by rewrite summxE mulr_sumr.
Qed.

(* E[r(x) Delta.x] = - 1/2 Delta'Sigma Delta, Delta = w - w*: the symmetry lemma dotted with
   Delta (the sum is |I| times the expectation). *)
Lemma mean_residual_dot (sigma : I -> I) :
  (0 < #|I|)%N -> injective sigma -> (forall k, p (sigma k) = - p k) ->
  forall ws w, let r x := relu (dotv ws x) - relu (dotv w x) in let Delta := w - ws in
  \sum_(k : I) r (p k) * dotv Delta (p k) = - (#|I|%:R * 2^-1) * dotv Delta (Sigma *m Delta).
Proof.
move=> hI inj hs ws w r Delta.
have hn : (#|I|%:R : R) != 0 by rewrite pnatr_eq0 -lt0n.
have hm := symmetry_lemma inj hs ws w.
have : dotv Delta (mean_update ws w) = dotv Delta (2^-1 *: (Sigma *m (ws - w))) by rewrite hm.
rewrite /mean_update /expect !dotvZr dotv_sumr.
have -> : ws - w = - Delta by rewrite /Delta opprB.
rewrite mulmxN.
have -> : dotv Delta (- (Sigma *m Delta)) = - dotv Delta (Sigma *m Delta).
  by rewrite -scaleN1r dotvZr mulN1r.
have -> : \sum_(k : I) r (p k) * dotv Delta (p k) =
          \sum_(k : I) dotv Delta ((relu (dotv ws (p k)) - relu (dotv w (p k))) *: p k).
  by apply: eq_bigr => k _; rewrite dotvZr.
move=> h; apply: (mulfI (invr_neq0 hn)); rewrite h.
by field.
Qed.

Lemma one_step_algebra (n D q S eta : R) : n != 0 ->
  n^-1 * (D * n + 2 * eta * (- (n / 2) * q) + eta ^+ 2 * S) =
  D - eta * q + eta ^+ 2 * (n^-1 * S).
Proof. by move=> hn; field. Qed.

(* The one-step identity of proofs-notes/T2.md for batch size b = 1: one step
   w' = w + eta r(x) x from w, with x drawn from a symmetric distribution, has
   E||w' - w*||^2 = ||Delta||^2 - eta Delta'Sigma Delta + eta^2 E[r(x)^2 ||x||^2],  Delta = w - w*. *)
Theorem one_step_identity_b1 (sigma : I -> I) :
  (0 < #|I|)%N -> injective sigma -> (forall k, p (sigma k) = - p k) ->
  forall ws w (eta : R),
  let r x := relu (dotv ws x) - relu (dotv w x) in
  let Delta := w - ws in
  expect_s (fun x => let D' := w + (eta * r x) *: x - ws in dotv D' D') =
  dotv Delta Delta - eta * dotv Delta (Sigma *m Delta)
  + eta ^+ 2 * expect_s (fun x => r x ^+ 2 * dotv x x).
Proof.
move=> hI inj hs ws w eta r Delta.
have hn : (#|I|%:R : R) != 0 by rewrite pnatr_eq0 -lt0n.
have hmean : \sum_(k : I) r (p k) * dotv Delta (p k) =
             - (#|I|%:R * 2^-1) * dotv Delta (Sigma *m Delta) := mean_residual_dot hI inj hs ws w.
have step : forall x, dotv (w + (eta * r x) *: x - ws) (w + (eta * r x) *: x - ws) =
  dotv Delta Delta + 2 * eta * (r x * dotv Delta x) + eta ^+ 2 * (r x ^+ 2 * dotv x x).
  move=> x; have -> : w + (eta * r x) *: x - ws = Delta + (eta * r x) *: x.
    by rewrite /Delta addrAC.
  rewrite !dotvDl !dotvDr !dotvZl !dotvZr (dotvC (- ws) w) (dotvC x w) (dotvC x (- ws)).
  by ring.
rewrite /expect_s; under eq_bigr do rewrite step.
rewrite !big_split /= -!mulr_sumr hmean sumr_const -[dotv Delta Delta *+ _]mulr_natr.
have -> : #|@predT I| = #|I| by [].
set S := \sum_(k : I) _; set q := dotv Delta (Sigma *m Delta); set D := dotv Delta Delta.
exact: one_step_algebra.
Qed.


(* ---------- step 2 for every batch size b ---------- *)

(* One step from w with the ordered batch beta = (x_1, ..., x_b), the step that
   GateMath.expectedSquaredDistanceDirect takes: w' = w + (eta/b) sum_k r(x_k) x_k. *)
Definition batch_step (b : nat) ws w (eta : R) (beta : {ffun 'I_b -> I}) : 'cV[R]_d :=
  w + (eta / b%:R) *: \sum_(k < b)
        (relu (dotv ws (p (beta k))) - relu (dotv w (p (beta k)))) *: p (beta k).

(* E[g(beta)] over all |I|^b ordered batches beta = (x_1, ..., x_b), each of mass 1/|I|^b *)
Definition expect_batches (b : nat) (g : {ffun 'I_b -> I} -> R) : R :=
  (#|I|%:R ^+ b)^-1 * \sum_(beta : {ffun 'I_b -> I}) g beta.

(* dotv of two sums over any index *)
Lemma dotv_sum2 (J : finType) (F G : J -> 'cV[R]_d) :
  dotv (\sum_(k : J) F k) (\sum_(l : J) G l) = \sum_(k : J) \sum_(l : J) dotv (F k) (G l).
Proof.
rewrite dotvC dotv_sumr; apply: eq_bigr => k _.
by rewrite dotvC dotv_sumr.
Qed.

(* The exact one-step identity of proofs-notes/T2.md for every batch size b >= 1: the
   expectation over all |I|^b ordered batches (each of mass 1/|I|^b) of ||w' - w*||^2 is
     ||Delta||^2 - eta Delta'Sigma Delta
       + eta^2 [(1/b) E[r(x)^2 ||x||^2] + (1 - 1/b) (1/4) ||Sigma Delta||^2],  Delta = w - w*. *)
Theorem one_step_identity (sigma : I -> I) (b : nat) :
  (0 < #|I|)%N -> (0 < b)%N -> injective sigma -> (forall k, p (sigma k) = - p k) ->
  forall ws w (eta : R),
  let r x := relu (dotv ws x) - relu (dotv w x) in
  let Delta := w - ws in
  expect_batches (fun beta : {ffun 'I_b -> I} =>
                    let D' := batch_step ws w eta beta - ws in dotv D' D') =
  dotv Delta Delta - eta * dotv Delta (Sigma *m Delta)
  + eta ^+ 2 * (b%:R^-1 * expect_s (fun x => r x ^+ 2 * dotv x x)
                + (1 - b%:R^-1) * 4^-1 * dotv (Sigma *m Delta) (Sigma *m Delta)).
Proof.
move=> hI hb inj hs ws w eta r Delta.
set N := (#|I|%:R : R).
have hn : N != 0 by rewrite pnatr_eq0 -lt0n.
have hbn : (b%:R : R) != 0 by rewrite pnatr_eq0 -lt0n.
set P := N ^+ b.
have hP : P != 0 by rewrite expf_neq0.
pose v : 'cV[R]_d -> 'cV[R]_d := fun x => r x *: x.
pose u : {ffun 'I_b -> I} -> 'cV[R]_d := fun beta => \sum_(k < b) v (p (beta k)).
set q := dotv Delta (Sigma *m Delta).
set Q := dotv (Sigma *m Delta) (Sigma *m Delta).
set S := \sum_(i : I) r (p i) ^+ 2 * dotv (p i) (p i).
set A := \sum_(beta : {ffun 'I_b -> I}) dotv Delta (u beta).
set B := \sum_(beta : {ffun 'I_b -> I}) dotv (u beta) (u beta).
(* the square expanded, then summed over the batches *)
have hsum : \sum_(beta : {ffun 'I_b -> I})
              (let D' := batch_step ws w eta beta - ws in dotv D' D') =
            P * dotv Delta Delta + 2 * (eta / b%:R) * A + (eta / b%:R) ^+ 2 * B.
  have step : forall beta, (let D' := batch_step ws w eta beta - ws in dotv D' D') =
      dotv Delta Delta + 2 * (eta / b%:R) * dotv Delta (u beta)
      + (eta / b%:R) ^+ 2 * dotv (u beta) (u beta).
    move=> beta /=; have -> : batch_step ws w eta beta - ws = Delta + (eta / b%:R) *: u beta.
      by rewrite /batch_step /Delta addrAC.
    rewrite !dotvDl !dotvDr !dotvZl !dotvZr (dotvC (u beta) w) (dotvC (u beta) (- ws)); by ring.
  under eq_bigr do rewrite step.
  rewrite !big_split /= -!mulr_sumr sumr_const card_ffun card_ord -/A -/B.
  by rewrite -[dotv Delta Delta *+ _]mulr_natl natrX.
(* E[Delta.u] : each coordinate of the batch is distributed as x *)
have hA : A * N = b%:R * P * (- (N * 2^-1) * q).
  rewrite -(mean_residual_dot hI inj hs ws w) /A /u.
  rewrite (eq_bigr (fun beta : {ffun 'I_b -> I} => \sum_(k < b) dotv Delta (v (p (beta k)))));
    last by move=> beta _; exact: dotv_sumr.
  rewrite exchange_big /= mulr_suml.
  under eq_bigr do rewrite (sum_coord (fun i => dotv Delta (v (p i)))).
  rewrite sumr_const card_ord -mulr_natl.
  have -> : \sum_(i : I) dotv Delta (v (p i)) = \sum_(k : I) r (p k) * dotv Delta (p k).
    by apply: eq_bigr => i _; rewrite /v dotvZr.
  set M := \sum_(k : I) _.
  exact: mulrA.
(* E||u||^2 : b diagonal terms and b (b - 1) products of independent coordinates *)
have hm : \sum_(i : I) v (p i) = - (N * 2^-1) *: (Sigma *m Delta).
  have := symmetry_lemma inj hs ws w; rewrite /mean_update /expect => h.
  apply: (@scalerI _ _ N^-1); first by rewrite invr_eq0.
  rewrite [LHS]h scalerA.
  have -> : N^-1 * - (N * 2^-1) = - 2^-1 by field.
  by rewrite scaleNr -scalerN -mulmxN /Delta opprB.
have hvv : forall x, dotv (v x) (v x) = r x ^+ 2 * dotv x x.
  by move=> x; rewrite /v dotvZl dotvZr mulrA -expr2.
(* two different coordinates of the batch are independent *)
have hoff : forall k l : 'I_b, k != l ->
    (\sum_(beta : {ffun 'I_b -> I}) dotv (v (p (beta k))) (v (p (beta l)))) * N ^+ 2 =
    P * ((N * 2^-1) ^+ 2 * Q).
  move=> k l hkl.
  have -> : (N * 2^-1) ^+ 2 * Q = dotv (\sum_(i : I) v (p i)) (\sum_(i : I) v (p i)).
    by rewrite hm dotvZl dotvZr mulrA -expr2 sqrrN.
  rewrite /dotv exchange_big /= mulr_suml mulr_sumr; apply: eq_bigr => c _.
  rewrite (sum_pair (fun i => v (p i) c 0) (fun i => v (p i) c 0) hkl).
  by rewrite !summxE.
(* the diagonal: one coordinate *)
have hdiag : forall k : 'I_b,
    (\sum_(beta : {ffun 'I_b -> I}) dotv (v (p (beta k))) (v (p (beta k)))) * N ^+ 2 = P * S * N.
  move=> k; rewrite expr2 mulrA (sum_coord (fun i => dotv (v (p i)) (v (p i)))).
  by congr (_ * _ * _); apply: eq_bigr => i _; rewrite hvv.
have hB : B * N ^+ 2 = b%:R * N * P * S + b%:R * (b%:R - 1) * P * ((N * 2^-1) ^+ 2 * Q).
  rewrite /B /u.
  rewrite (eq_bigr (fun beta : {ffun 'I_b -> I} => \sum_(k < b) \sum_(l < b)
                       dotv (v (p (beta k))) (v (p (beta l)))));
    last by move=> beta _; exact: dotv_sum2.
  rewrite exchange_big /=.
  under eq_bigr do rewrite exchange_big /=.
  rewrite mulr_suml (eq_bigr (fun k => P * S * N + (b%:R - 1) * (P * ((N * 2^-1) ^+ 2 * Q))));
    last first.
    move=> k _; rewrite mulr_suml (bigD1 k) //= hdiag.
    rewrite (eq_bigr (fun _ => P * ((N * 2^-1) ^+ 2 * Q))); last first.
      by move=> l hl; apply: hoff; rewrite eq_sym.
    by rewrite sumr_const cardC1 card_ord -mulr_natl -subn1 natrB.
  rewrite sumr_const card_ord -mulr_natl.
  set X := (N * 2^-1) ^+ 2 * Q; set b' := (b%:R : R).
  by ring.
rewrite /expect_batches hsum /expect_s -/S.
have hA' : A = b%:R * P * (- (N * 2^-1) * q) / N by rewrite -hA mulfK.
have hB' : B = (b%:R * N * P * S + b%:R * (b%:R - 1) * P * ((N * 2^-1) ^+ 2 * Q)) / N ^+ 2.
  by rewrite -hB mulfK // expf_neq0.
rewrite hA' hB'.
rewrite -/N -/P.
set DD := dotv Delta Delta; set b' := (b%:R : R).
by field; rewrite hbn hn hP.
Qed.

End T2.

Section Symmetrised.
Variables (R : realFieldType) (d N : nat) (X : 'I_N -> 'cV[R]_d).

(* FiniteDistribution.symmetrised: row i gives the two points X i and - X i, each of mass
   1/(2N).  Index (i, true) is X i, index (i, false) is - X i. *)
Definition symmetrised (k : 'I_N * bool) : 'cV[R]_d := if k.2 then X k.1 else - X k.1.

Corollary symmetrised_mean_update ws w :
  mean_update symmetrised ws w = 2^-1 *: (Sigma symmetrised *m (ws - w)).
Proof.
apply: (@symmetry_lemma R d _ symmetrised (fun k => (k.1, ~~ k.2))).
  by move=> [i b] [j c] /= [-> /negb_inj ->].
by move=> [i []]; rewrite /symmetrised /= ?opprK.
Qed.

End Symmetrised.

(* ---------- the falsifier: without (A1) the identity fails ---------- *)

(* The one-point support {1} in dimension 1 is not symmetric (-1 is not listed).  With w* = 1,
   w = 0, eta = 1 and b = 1 the step lands on w* exactly, so E||w' - w*||^2 = 0 (asym_lhs), while
   the right-hand side of the identity is ||Delta||^2 - Delta'Sigma Delta + E[r^2 ||x||^2]
   = 1 - 1 + 1 = 1 (asym_rhs): the mean update is E[r x] = 1, not 1/2 Sigma (w* - w) = 1/2. *)
Section NeedsSymmetry.
Let R := [realFieldType of rat].
Let p (k : 'I_1) : 'cV[R]_1 := const_mx 1.
Let ws : 'cV[R]_1 := const_mx 1.
Let w : 'cV[R]_1 := 0.

(* dotv in dimension 1 *)
Lemma asym_dotv (x y : 'cV[R]_1) : dotv x y = x ord0 ord0 * y ord0 ord0.
Proof. by rewrite /dotv big_ord1. Qed.

Lemma asym_lhs : expect_batches (fun beta : {ffun 'I_1 -> 'I_1} =>
    let D' := batch_step p ws w 1 beta - ws in dotv D' D') = 0.
Proof.
rewrite /expect_batches big1 ?mulr0 // => beta _ /=.
have -> : batch_step p ws w 1 beta - ws = 0.
  apply/matrixP => i j; rewrite (ord1 i) (ord1 j) !mxE /batch_step big_ord1.
  by rewrite !mxE !asym_dotv /p /ws /w !mxE /relu !mulr1 ltr01 ltxx subr0 add0r subrr.
by rewrite asym_dotv mxE mul0r.
Qed.
Lemma asym_sigma : Sigma p = const_mx 1.
Proof.
apply/matrixP => i j; rewrite (ord1 i) (ord1 j) !mxE card_ord invr1 mul1r.
by rewrite summxE big_ord1 !mxE big_ord1 !mxE mulr1.
Qed.

Lemma asym_rhs :
  let r x := relu (dotv ws x) - relu (dotv w x) in
  let Delta := w - ws in
  dotv Delta Delta - 1 * dotv Delta (Sigma p *m Delta)
  + 1 ^+ 2 * ((1%:R)^-1 * expect_s p (fun x => r x ^+ 2 * dotv x x)
              + (1 - (1%:R)^-1) / 4 * dotv (Sigma p *m Delta) (Sigma p *m Delta)) = 1.
Proof.
move=> r Delta.
rewrite asym_sigma /expect_s card_ord big_ord1 /r !asym_dotv /Delta /p /ws /w.
by rewrite !mxE big_ord1 !mxE /relu !mulr1 sub0r mulrNN mulr1 addrK.
Qed.
Theorem one_step_identity_needs_symmetry :
  ~ (forall (q : 'I_1 -> 'cV[R]_1) (vs v : 'cV[R]_1) (eta : R),
       let r x := relu (dotv vs x) - relu (dotv v x) in
       let Delta := v - vs in
       expect_batches (fun beta : {ffun 'I_1 -> 'I_1} =>
                         let D' := batch_step q vs v eta beta - vs in dotv D' D') =
       dotv Delta Delta - eta * dotv Delta (Sigma q *m Delta)
       + eta ^+ 2 * ((1%:R)^-1 * expect_s q (fun x => r x ^+ 2 * dotv x x)
                     + (1 - (1%:R)^-1) / 4 * dotv (Sigma q *m Delta) (Sigma q *m Delta))).
Proof.
move=> h; have e : expect_batches (fun beta : {ffun 'I_1 -> 'I_1} =>
    let D' := batch_step p ws w 1 beta - ws in dotv D' D') = 1.
  exact: etrans (h p ws w 1) asym_rhs.
by move: e; rewrite asym_lhs => /eqP; rewrite eq_sym oner_eq0.
Qed.
End NeedsSymmetry.
