(* Linear programs in the form of org.provablenets.exact.lp.LinearProgram and the three
   certificates that CertificateChecker.checkLp accepts (OPTIMAL, INFEASIBLE, UNBOUNDED).

     minimise    c'x
     subject to  A_i x  REL_i  b_i     i < m,  REL_i one of <=, =, >=
                 x_j >= l_j            when lower_j = Some l_j;  x_j free when lower_j = None

   Over any real field R (the rationals are one).  Vectors are functions 'I_n -> R.
   The checker's conditions are written as boolean functions, one per Javadoc condition of
   checkLp, so that each theorem's hypothesis is literally "the checker accepts". *)
From mathcomp Require Import all_ssreflect all_algebra.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Import Order.POrderTheory Order.TotalTheory GRing.Theory Num.Theory.
Local Open Scope ring_scope.

(* The relation of one constraint row: Relation.LE, EQ, GE in the Java code. *)
Inductive relation := LE | EQ | GE.

Section LP.
Variable R : realFieldType.

(* io/ProgramJson: "objective", "constraints" (coefficients, relation, rhs), "lower" (a number
   or null for a free variable). *)
Record lp (m n : nat) := LP {
  cost  : 'I_n -> R;                (* c *)
  coef  : 'I_m -> 'I_n -> R;        (* A *)
  rel   : 'I_m -> relation;         (* REL_i *)
  rhs   : 'I_m -> R;                (* b *)
  lower : 'I_n -> option R          (* Some l_j, or None for a free variable *)
}.

Variables m n : nat.
Implicit Types (P : lp m n) (x z d : 'I_n -> R) (y : 'I_m -> R).

Definition dot k (u v : 'I_k -> R) : R := \sum_(i < k) u i * v i.

(* c'x *)
Definition objective P x : R := dot (cost P) x.
(* (A x)_i *)
Definition row_value P i x : R := \sum_(j < n) coef P i j * x j.
(* (A'y)_j *)
Definition col_value P y j : R := \sum_(i < m) coef P i j * y i.

Definition holds (r : relation) (lhs rhs : R) : bool :=
  match r with LE => lhs <= rhs | EQ => lhs == rhs | GE => lhs >= rhs end.

Definition above (l : option R) (v : R) : bool :=
  if l is Some lj then lj <= v else true.

(* checkLp (2): primal feasibility. *)
Definition feasible P x : bool :=
  [forall i, holds (rel P i) (row_value P i x) (rhs P i)] &&
  [forall j, above (lower P j) (x j)].

(* checkLp (3): y_i >= 0 on >= rows, y_i <= 0 on <= rows, any sign on = rows. *)
Definition dual_signs P y : bool :=
  [forall i, match rel P i with GE => 0 <= y i | LE => y i <= 0 | EQ => true end].

(* checkLp (4)/(4'): a reduced-cost vector r is 0 on free and >= 0 on bounded variables. *)
Definition reduced_ok P (r : 'I_n -> R) : bool :=
  [forall j, if lower P j is Some _ then 0 <= r j else r j == 0].

(* sum_{j bounded} l_j r_j *)
Definition bound_term P (r : 'I_n -> R) : R :=
  \sum_(j < n) (if lower P j is Some lj then lj * r j else 0).

(* r = c - A'y, and the dual value b'y + sum l_j r_j of checkLp (6). *)
Definition reduced P y : 'I_n -> R := fun j => cost P j - col_value P y j.
Definition dual_value P y : R := dot (rhs P) y + bound_term P (reduced P y).

(* OPTIMAL (x, y, v): checkLp conditions (2)-(6); (1), the lengths, holds by typing. *)
Definition lp_optimal_cert P x y (v : R) : bool :=
  [&& feasible P x, dual_signs P y, reduced_ok P (reduced P y),
      objective P x == v & dual_value P y == v].

(* INFEASIBLE (y): (3), (4') r = -A'y is 0 on free and >= 0 on bounded, (6') value > 0. *)
Definition farkas_reduced P y : 'I_n -> R := fun j => - col_value P y j.
Definition lp_infeasible_cert P y : bool :=
  [&& dual_signs P y, reduced_ok P (farkas_reduced P y) &
      0 < dot (rhs P) y + bound_term P (farkas_reduced P y)].

(* UNBOUNDED (x, d): (2) x feasible, (7) A_i d REL_i 0 and d_j >= 0 on bounded, (8) c'd < 0. *)
Definition lp_unbounded_cert P x d : bool :=
  [&& feasible P x,
      [forall i, holds (rel P i) (row_value P i d) 0],
      [forall j, if lower P j is Some _ then 0 <= d j else true] &
      objective P d < 0].

(* ---------- proofs ---------- *)

(* Lemma L1 (rows) of proofs-notes/certificates.md: y'Ax >= b'y. *)
Lemma rows_bound P y x :
  dual_signs P y -> [forall i, holds (rel P i) (row_value P i x) (rhs P i)] ->
  dot (rhs P) y <= \sum_(i < m) y i * row_value P i x.
Proof.
move=> /forallP hy /forallP hx; apply: ler_sum => i _.
rewrite mulrC -subr_ge0 -mulrBr.
move: (hy i) (hx i); rewrite /holds.
case: (rel P i) => hyi hxi.
- by apply: mulr_le0 => //; rewrite subr_le0.
- by rewrite (eqP hxi) subrr mulr0.
- by apply: mulr_ge0 => //; rewrite subr_ge0.
Qed.

(* Lemma L2 (bounds): r'x >= sum_B l_j r_j. *)
Lemma bounds_bound P (r : 'I_n -> R) x :
  reduced_ok P r -> [forall j, above (lower P j) (x j)] ->
  bound_term P r <= \sum_(j < n) r j * x j.
Proof.
move=> /forallP hr /forallP hx; apply: ler_sum => j _.
move: (hr j) (hx j); rewrite /above.
case: (lower P j) => [lj|] h; last by move/eqP: h => ->; rewrite mul0r.
by move=> hl; rewrite mulrC; apply: ler_wpmul2l.
Qed.

Lemma sum_col_value P y x :
  \sum_(j < n) col_value P y j * x j = \sum_(i < m) y i * row_value P i x.
Proof.
rewrite /col_value /row_value.
under eq_bigr do rewrite mulr_suml.
rewrite exchange_big /=; apply: eq_bigr => i _; rewrite mulr_sumr.
by apply: eq_bigr => j _; rewrite -mulrA mulrCA.
Qed.

(* Weak duality: the dual value of every dual-feasible y bounds c'x for every feasible x. *)
Theorem lp_weak_duality P y x :
  dual_signs P y -> reduced_ok P (reduced P y) -> feasible P x ->
  dual_value P y <= objective P x.
Proof.
move=> hs hr /andP [hrow hlow].
have -> : objective P x =
          \sum_(i < m) y i * row_value P i x + \sum_(j < n) reduced P y j * x j.
  rewrite -sum_col_value -big_split /=; apply: eq_bigr => j _.
  by rewrite /reduced -mulrDl addrC subrK.
by apply: ler_add; [apply: rows_bound | apply: bounds_bound].
Qed.

(* The checker's OPTIMAL claim: x is feasible, costs v, and no feasible point costs less. *)
Theorem lp_optimal_cert_sound P x y v :
  lp_optimal_cert P x y v ->
  [/\ feasible P x, objective P x = v & forall z, feasible P z -> v <= objective P z].
Proof.
case/and5P=> hx hs hr /eqP hv /eqP hd; split=> // z hz.
by rewrite -hd; apply: lp_weak_duality.
Qed.

(* The checker's INFEASIBLE claim (Farkas): no x is feasible. *)
Theorem lp_infeasible_cert_sound P y :
  lp_infeasible_cert P y -> forall x, ~~ feasible P x.
Proof.
case/and3P=> hs hr hpos x; apply/negP => /andP [hrow hlow].
have h1 := rows_bound hs hrow.
have h2 := bounds_bound hr hlow.
have : \sum_(j < n) farkas_reduced P y j * x j = - \sum_(i < m) y i * row_value P i x.
  by rewrite -sum_col_value -sumrN; apply: eq_bigr => j _; rewrite mulNr.
move=> h3; rewrite h3 in h2.
have : dot (rhs P) y + bound_term P (farkas_reduced P y) <= 0.
  by rewrite -(subrr (\sum_(i < m) y i * row_value P i x)); apply: ler_add.
by rewrite leNgt hpos.
Qed.

(* Moving along the ray keeps feasibility. *)
Lemma feasible_ray P x d t :
  feasible P x -> [forall i, holds (rel P i) (row_value P i d) 0] ->
  [forall j, if lower P j is Some _ then 0 <= d j else true] -> 0 <= t ->
  feasible P (fun j => x j + t * d j).
Proof.
move=> /andP [/forallP hrow /forallP hlow] /forallP hd /forallP hb t0.
apply/andP; split; apply/forallP.
  move=> i; have -> : row_value P i (fun j => x j + t * d j) =
                      row_value P i x + t * row_value P i d.
    rewrite /row_value mulr_sumr -big_split /=; apply: eq_bigr => j _.
    by rewrite mulrDr mulrCA.
  move: (hrow i) (hd i); rewrite /holds.
  case: (rel P i) => h1 h2.
  - by rewrite -[rhs P i]addr0 ler_add // mulr_ge0_le0.
  - by rewrite (eqP h1) (eqP h2) mulr0 addr0.
  - by rewrite -[rhs P i]addr0 ler_add // mulr_ge0.
move=> j; move: (hlow j) (hb j); rewrite /above.
case: (lower P j) => // lj h1 h2.
by rewrite -[lj]addr0 ler_add // mulr_ge0.
Qed.

(* The checker's UNBOUNDED claim: feasible points of arbitrarily low cost exist. *)
Theorem lp_unbounded_cert_sound P x d :
  lp_unbounded_cert P x d -> forall M : R, exists z, feasible P z && (objective P z < M).
Proof.
case/and4P=> hx hrow hb hcd M.
have cd0 : 0 < - objective P d by rewrite oppr_gt0.
pose t := Num.max 0 ((objective P x - M + 1) / (- objective P d)).
have t0 : 0 <= t by rewrite /t le_maxr lexx.
exists (fun j => x j + t * d j); rewrite feasible_ray //=.
have -> : objective P (fun j => x j + t * d j) = objective P x + t * objective P d.
  rewrite /objective /dot mulr_sumr -big_split /=; apply: eq_bigr => j _.
  by rewrite mulrDr mulrCA.
have ht : (objective P x - M + 1) / (- objective P d) <= t by rewrite /t le_maxr lexx orbT.
have : t * objective P d <= - (objective P x - M + 1).
  rewrite -[t * _]opprK -mulrN ler_opp2 -ler_pdivr_mulr //.
rewrite -(ler_add2l (objective P x)) => h; apply: (le_lt_trans h).
by rewrite opprD addrA opprB addrCA subrr addr0 -subr_gt0 opprB addrC subrK ltr01.
Qed.

End LP.
