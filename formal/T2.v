(* T2, step 1 of proofs-notes/T2.md: symmetry linearises the mean update.

   A finite distribution as org.provablenets.gate.FiniteDistribution has it: a list of points
   p_k (k ranging over a finite index type I), each of mass 1/|I|; a point listed twice has twice
   the mass.  (A1) parity symmetry, as FiniteDistribution.isSymmetric decides it (the multiset of
   points equals the multiset of their negations), is: some injective sigma : I -> I has
   p (sigma k) = - p k.  FiniteDistribution.symmetrised (each row x gives x and -x) is the instance
   I = 'I_N * bool of symmetrised_mean_update.

     E[(ReLU(w*.x) - ReLU(w.x)) x] = 1/2 Sigma (w* - w),   Sigma = E[x x'].            *)
From mathcomp Require Import all_ssreflect all_algebra.
From mathcomp Require Import ring.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Import Order.POrderTheory Order.TotalTheory GRing.Theory Num.Theory.
Local Open Scope ring_scope.

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

Lemma dotv_sumr v (F : I -> 'cV[R]_d) : dotv v (\sum_(k : I) F k) = \sum_(k : I) dotv v (F k).
Proof.
rewrite /dotv exchange_big /=; apply: eq_bigr => i _.
by rewrite summxE mulr_sumr.
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
(* E[r x] = 1/2 Sigma (w* - w) = - 1/2 Sigma Delta *)
have hm := symmetry_lemma inj hs ws w.
have hmean : \sum_(k : I) r (p k) * dotv Delta (p k) =
             - (#|I|%:R * 2^-1) * dotv Delta (Sigma *m Delta).
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
