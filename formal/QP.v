(* Convex quadratic programs in the form of org.provablenets.exact.qp.QuadraticProgram and the
   certificates of CertificateChecker.checkQp and CertificateChecker.qpDualBound.

     minimise    phi(x) = 1/2 x'Qx + c'x + k
     subject to  G x >= h,   E x = f          (Q symmetric positive semidefinite)

   Over any real field R.  Vectors are column matrices 'cV[R]_n; Q, G, E are MathComp matrices.
   The Java constructor refuses a Q that is not symmetric or not PSD; here both are hypotheses:
   symmetric Q is Q^T = Q, and PSD is (forall z, 0 <= z'Qz).  gram_symmetric and gram_psd show
   that QuadraticProgram.gram's Q = s A'A (s >= 0) satisfies both. *)
From mathcomp Require Import all_ssreflect all_algebra.
From mathcomp Require Import ring.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Import Order.POrderTheory Order.TotalTheory GRing.Theory Num.Theory.
Local Open Scope ring_scope.

Section QP.
Variable R : realFieldType.

(* io/ProgramJson: "Q", "c", "k", "G", "h", "E", "f". *)
Record qp (n mg me : nat) := QP {
  qmat  : 'M[R]_n;        (* Q *)
  lin   : 'cV[R]_n;       (* c *)
  const : R;              (* k *)
  gmat  : 'M[R]_(mg, n);  (* G *)
  hvec  : 'cV[R]_mg;      (* h *)
  emat  : 'M[R]_(me, n);  (* E *)
  fvec  : 'cV[R]_me       (* f *)
}.

(* u'v *)
Definition vdot k (u v : 'cV[R]_k) : R := \sum_(i < k) u i 0 * v i 0.
(* entrywise u <= v *)
Definition vle k (u v : 'cV[R]_k) : bool := [forall i, u i 0 <= v i 0].

Definition symmetric n (Q : 'M[R]_n) : Prop := Q^T = Q.
Definition psd n (Q : 'M[R]_n) : Prop := forall z : 'cV[R]_n, 0 <= vdot z (Q *m z).

Variables n mg me : nat.
Implicit Types (P : qp n mg me) (x z u d : 'cV[R]_n) (lam : 'cV[R]_mg) (mu : 'cV[R]_me).

(* QuadraticProgram.objective: 1/2 x'Qx + c'x + k *)
Definition objective P x : R := vdot x (qmat P *m x) / 2 + vdot (lin P) x + const P.

(* Gx >= h and Ex = f *)
Definition feasible P x : bool := vle (hvec P) (gmat P *m x) && (emat P *m x == fvec P).

(* Qu + c = G'lambda + E'mu *)
Definition stationary P u lam mu : bool :=
  qmat P *m u + lin P == (gmat P)^T *m lam + (emat P)^T *m mu.

(* qpDualBound: the conditions it verifies before returning the bound ... *)
Definition dual_feasible P u lam mu : bool := vle 0 lam && stationary P u lam mu.
(* ... and the bound it returns: h'lambda + f'mu - 1/2 u'Qu + k. *)
Definition dual_bound P u lam mu : R :=
  vdot (hvec P) lam + vdot (fvec P) mu - vdot u (qmat P *m u) / 2 + const P.

(* checkQp OPTIMAL (x, lambda, mu, v): (2) feasible, (3) lambda >= 0, (4) stationarity,
   (5) complementary slackness lambda_i (Gx - h)_i = 0, (6) phi(x) = v. *)
Definition qp_optimal_cert P x lam mu (v : R) : bool :=
  [&& feasible P x, vle 0 lam, stationary P x lam mu,
      [forall i, lam i 0 * ((gmat P *m x) i 0 - hvec P i 0) == 0] & objective P x == v].

(* checkQp INFEASIBLE (lambda, mu): lambda >= 0, G'lambda + E'mu = 0, h'lambda + f'mu > 0. *)
Definition qp_infeasible_cert P lam mu : bool :=
  [&& vle 0 lam, (gmat P)^T *m lam + (emat P)^T *m mu == 0 &
      0 < vdot (hvec P) lam + vdot (fvec P) mu].

(* checkQp UNBOUNDED (x, d): x feasible, Qd = 0, Gd >= 0, Ed = 0, c'd < 0. *)
Definition qp_unbounded_cert P x d : bool :=
  [&& feasible P x, qmat P *m d == 0, vle 0 (gmat P *m d), emat P *m d == 0 &
      vdot (lin P) d < 0].

(* ---------- algebra of vdot ---------- *)

Lemma vdotC k (u v : 'cV[R]_k) : vdot u v = vdot v u.
Proof. by apply: eq_bigr => i _; rewrite mulrC. Qed.

Lemma vdotDl k (u v w : 'cV[R]_k) : vdot (u + v) w = vdot u w + vdot v w.
Proof. by rewrite /vdot -big_split; apply: eq_bigr => i _; rewrite mxE mulrDl. Qed.

Lemma vdotNl k (u w : 'cV[R]_k) : vdot (- u) w = - vdot u w.
Proof. by rewrite /vdot -sumrN; apply: eq_bigr => i _; rewrite mxE mulNr. Qed.

Lemma vdotBl k (u v w : 'cV[R]_k) : vdot (u - v) w = vdot u w - vdot v w.
Proof. by rewrite vdotDl vdotNl. Qed.

Lemma vdotZl k a (u w : 'cV[R]_k) : vdot (a *: u) w = a * vdot u w.
Proof. by rewrite /vdot mulr_sumr; apply: eq_bigr => i _; rewrite mxE mulrA. Qed.

Lemma vdotDr k (u v w : 'cV[R]_k) : vdot w (u + v) = vdot w u + vdot w v.
Proof. by rewrite vdotC vdotDl !(vdotC w). Qed.

Lemma vdotBr k (u v w : 'cV[R]_k) : vdot w (u - v) = vdot w u - vdot w v.
Proof. by rewrite vdotC vdotBl !(vdotC w). Qed.

Lemma vdotZr k a (u w : 'cV[R]_k) : vdot w (a *: u) = a * vdot w u.
Proof. by rewrite vdotC vdotZl vdotC. Qed.

Lemma vdot0r k (w : 'cV[R]_k) : vdot w 0 = 0.
Proof. by rewrite /vdot big1 // => i _; rewrite mxE mulr0. Qed.

(* u'(Mv) = (M'u)'v *)
Lemma vdot_mul k l (M : 'M[R]_(k, l)) (u : 'cV[R]_k) (v : 'cV[R]_l) :
  vdot u (M *m v) = vdot (M^T *m u) v.
Proof.
rewrite /vdot; under eq_bigr do rewrite mxE mulr_sumr.
under [in RHS]eq_bigr do rewrite mxE mulr_suml.
rewrite exchange_big /=; apply: eq_bigr => j _; apply: eq_bigr => i _.
by rewrite mxE mulrCA mulrA.
Qed.

Lemma vdot_sym k (Q : 'M[R]_k) (u v : 'cV[R]_k) : symmetric Q -> vdot u (Q *m v) = vdot v (Q *m u).
Proof. by move=> hQ; rewrite vdot_mul hQ vdotC. Qed.

(* lambda >= 0 and a <= b entrywise give a'lambda <= b'lambda. *)
Lemma vdot_le k (a b lam : 'cV[R]_k) : vle 0 lam -> vle a b -> vdot a lam <= vdot b lam.
Proof.
move=> /forallP hl /forallP hab; apply: ler_sum => i _.
by apply: ler_wpmul2r; [move: (hl i); rewrite mxE | apply: hab].
Qed.

(* ---------- the theorems ---------- *)

(* Weak duality (qpDualBound): for symmetric PSD Q, the bound of a dual-feasible (u, lambda, mu)
   is at most phi(x) for every feasible x. *)
Theorem qp_weak_duality P u lam mu x :
  symmetric (qmat P) -> psd (qmat P) ->
  dual_feasible P u lam mu -> feasible P x ->
  dual_bound P u lam mu <= objective P x.
Proof.
move=> hsym hpsd /andP [hl /eqP hst] /andP [hg /eqP he].
set Q := qmat P in hsym hpsd hst *.
(* 1/2 (x - u)'Q(x - u) >= 0 gives x'Qx >= 2 x'Qu - u'Qu *)
have hq : 2 * vdot x (Q *m u) - vdot u (Q *m u) <= vdot x (Q *m x).
  have := hpsd (x - u); rewrite mulmxBr !vdotBl !vdotBr (vdot_sym u x hsym).
  set a := vdot x (Q *m x); set b := vdot x (Q *m u); set c := vdot u (Q *m u).
  have -> : a - b - (b - c) = a - (2 * b - c) by ring.
  by rewrite subr_ge0.
(* x'(Qu + c) = (Gx)'lambda + (Ex)'mu, and (Gx)'lambda >= h'lambda, Ex = f *)
have hx : vdot x (Q *m u) + vdot (lin P) x =
          vdot (gmat P *m x) lam + vdot (fvec P) mu.
  by rewrite (vdotC (lin P)) -vdotDr hst vdotDr !vdot_mul !trmxK he.
have hgl := vdot_le hl hg.
rewrite /dual_bound /objective ler_add2r -/Q -subr_ge0.
have -> : vdot x (Q *m x) / 2 + vdot (lin P) x -
          (vdot (hvec P) lam + vdot (fvec P) mu - vdot u (Q *m u) / 2) =
          (vdot x (Q *m x) - (2 * vdot x (Q *m u) - vdot u (Q *m u))) / 2
          + (vdot (gmat P *m x) lam - vdot (hvec P) lam).
  rewrite -[vdot (gmat P *m x) lam](addrK (vdot (fvec P) mu)) -hx.
  by field.
by rewrite addr_ge0 // ?subr_ge0 // mulr_ge0 ?invr_ge0 ?ler0n // subr_ge0.
Qed.

(* At a KKT point (u = x, slackness, Ex = f) the dual bound equals phi(x). *)
Lemma dual_bound_at_kkt P x lam mu :
  feasible P x -> stationary P x lam mu ->
  [forall i, lam i 0 * ((gmat P *m x) i 0 - hvec P i 0) == 0] ->
  dual_bound P x lam mu = objective P x.
Proof.
move=> /andP [_ /eqP he] /eqP hst /forallP hcs.
have hh : vdot (hvec P) lam = vdot (gmat P *m x) lam.
  apply/eqP; rewrite -subr_eq0 -vdotBl /vdot big1 // => i _.
  move: (eqP (hcs i)); rewrite !mxE => h0.
  by rewrite mulrC -opprB mulrN h0 oppr0.
have hx : vdot x (qmat P *m x) + vdot (lin P) x =
          vdot (gmat P *m x) lam + vdot (fvec P) mu.
  by rewrite (vdotC (lin P)) -vdotDr hst vdotDr !vdot_mul !trmxK he.
rewrite /dual_bound /objective hh -hx.
by field.
Qed.

(* checkQp OPTIMAL: KKT sufficiency for a convex program. x is feasible, phi(x) = v, and no
   feasible point has a smaller objective. *)
Theorem qp_optimal_cert_sound P x lam mu v :
  symmetric (qmat P) -> psd (qmat P) ->
  qp_optimal_cert P x lam mu v ->
  [/\ feasible P x, objective P x = v & forall z, feasible P z -> v <= objective P z].
Proof.
move=> hsym hpsd /and5P [hx hl hst hcs /eqP hv]; split=> // z hz.
rewrite -hv -(dual_bound_at_kkt hx hst hcs).
by apply: qp_weak_duality => //; rewrite /dual_feasible hl.
Qed.

(* checkQp INFEASIBLE: no x satisfies Gx >= h and Ex = f. (No convexity needed.) *)
Theorem qp_infeasible_cert_sound P lam mu :
  qp_infeasible_cert P lam mu -> forall x, ~~ feasible P x.
Proof.
case/and3P=> hl /eqP h0 hpos x; apply/negP => /andP [hg /eqP he].
have : vdot (gmat P *m x) lam + vdot (emat P *m x) mu = 0.
  by rewrite !(vdotC (_ *m x)) !vdot_mul -vdotDl h0 vdotC vdot0r.
rewrite he => hzero.
have : vdot (hvec P) lam + vdot (fvec P) mu <= 0.
  by rewrite -hzero ler_add2r; apply: vdot_le.
by rewrite leNgt hpos.
Qed.

(* checkQp UNBOUNDED: for symmetric Q, feasible points of arbitrarily low objective exist. *)
Theorem qp_unbounded_cert_sound P x d :
  symmetric (qmat P) ->
  qp_unbounded_cert P x d -> forall M : R, exists z, feasible P z && (objective P z < M).
Proof.
move=> hsym /and5P [/andP [hg /eqP he] /eqP hqd /forallP hgd /eqP hed hcd] M.
have cd0 : 0 < - vdot (lin P) d by rewrite oppr_gt0.
pose t := Num.max 0 ((objective P x - M + 1) / (- vdot (lin P) d)).
have t0 : 0 <= t by rewrite /t le_maxr lexx.
have ht : (objective P x - M + 1) / (- vdot (lin P) d) <= t by rewrite /t le_maxr lexx orbT.
exists (x + t *: d); apply/andP; split.
  apply/andP; split; last by rewrite mulmxDr -scalemxAr hed scaler0 addr0 he.
  apply/forallP => i; rewrite mulmxDr -scalemxAr.
  have -> : (gmat P *m x + t *: (gmat P *m d)) i 0 = (gmat P *m x) i 0 + t * (gmat P *m d) i 0.
    by rewrite !mxE.
  rewrite -[hvec P i 0]addr0; apply: ler_add; first by move/forallP: hg; apply.
  by apply: mulr_ge0 => //; move: (hgd i); rewrite mxE.
have -> : objective P (x + t *: d) = objective P x + t * vdot (lin P) d.
  rewrite /objective mulmxDr -scalemxAr hqd scaler0 addr0 vdotDl vdotZl.
  rewrite (vdot_sym d x hsym) hqd vdot0r mulr0 addr0 vdotDr vdotZr.
  by ring.
have : t * vdot (lin P) d <= - (objective P x - M + 1).
  by rewrite -[t * _]opprK -mulrN ler_opp2 -ler_pdivr_mulr.
rewrite -(ler_add2l (objective P x)) => h; apply: (le_lt_trans h).
by rewrite opprD addrA opprB addrCA subrr addr0 -subr_gt0 opprB addrC subrK ltr01.
Qed.

(* QuadraticProgram.gram: Q = s A'A with s >= 0 is symmetric and PSD, so the theorems above
   apply to it without a separate check. *)
Lemma gram_symmetric k (A : 'M[R]_(k, n)) (s : R) : symmetric (s *: (A^T *m A)).
Proof. by rewrite /symmetric linearZ /= trmx_mul trmxK. Qed.

Lemma gram_psd k (A : 'M[R]_(k, n)) (s : R) : 0 <= s -> psd (s *: (A^T *m A)).
Proof.
move=> s0 z; rewrite -scalemxAl -mulmxA vdotZr vdot_mul trmxK.
apply: mulr_ge0 => //; apply: sumr_ge0 => i _.
by rewrite -expr2 sqr_ge0.
Qed.

End QP.
