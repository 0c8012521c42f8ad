(* T2, one step of the iteration on a finite symmetric support, recomputed by Coq's kernel:
   what `provnets gate step` checks exactly, written as boolean functions on Coq's rationals Q
   so that an exported instance (`provnets export-coq --support ...`) is checked by
   computation (vm_compute).

   For the support points p_1..p_N (each of mass 1/N; `gate step` symmetrises the rows of its
   file, each row x giving x and -x), the true weights ws, the current w, the step size eta and
   the batch size b:
     symmetric pts            the multiset of the points equals that of their negations (A1);
     mean_update pts ws w     E[(ReLU(ws.x) - ReLU(w.x)) x]                 (GateMath.meanUpdate)
     half_sigma_delta pts ws w  1/2 Sigma (ws - w), Sigma = E[x x']        (the symmetry lemma)
     expected_direct          E||w' - ws||^2 over all N^b ordered batches, w' = w + (eta/b)
                              sum_k r(x_k) x_k            (GateMath.expectedSquaredDistanceDirect)
     expected_identity        ||D||^2 - eta D'Sigma D + eta^2 [(1/b) E[r^2 ||x||^2]
                              + (1 - 1/b) (1/4) ||Sigma D||^2],  D = w - ws
                                                    (GateMath.expectedSquaredDistanceIdentity)
   The general theorems behind the last two (for every symmetric support and every b >= 1) are
   symmetry_lemma and one_step_identity in T2.v. *)
From Coq Require Import QArith Qminmax List Bool.
Import ListNotations.
Local Open Scope Q_scope.

Definition vec := list Q.
(* every sum reduced to lowest terms (Qred): Coq's Q does not normalise *)
Fixpoint dotq (u v : vec) : Q :=
  match u, v with a :: u', b :: v' => Qred (a * b + dotq u' v') | _, _ => 0 end.
Fixpoint vadd (u v : vec) : vec :=
  match u, v with a :: u', b :: v' => Qred (a + b) :: vadd u' v' | _, _ => [] end.
Definition vscale (c : Q) (u : vec) : vec := map (Qmult c) u.
Definition vsub (u v : vec) : vec := vadd u (vscale (-1) v).
Definition vzero (d : nat) : vec := repeat 0 d.
Definition vsum (d : nat) (l : list vec) : vec := fold_right vadd (vzero d) l.
(* reduced after each addition, as sumQ in T1.v: unreduced denominators would multiply over the
   n^b batches *)
Definition qsum (l : list Q) : Q := fold_right (fun a s => Qred (a + s)) 0 l.
Fixpoint veqb (u v : vec) : bool :=
  match u, v with
  | [], [] => true
  | a :: u', b :: v' => Qeq_bool a b && veqb u' v'
  | _, _ => false
  end.

Definition relu (z : Q) : Q := Qmax 0 z.
Definition r (ws w x : vec) : Q := relu (dotq ws x) - relu (dotq w x).

Section Step.
Variables (d : nat) (pts : list vec) (ws w : vec) (eta : Q) (b : nat).
Let N := inject_Z (Z.of_nat (length pts)).
Let B := inject_Z (Z.of_nat b).

(* (A1): each point's negation occurs as often as the point itself. *)
Definition count (x : vec) : nat := length (filter (fun y => veqb y x) pts).
Definition symmetric : bool :=
  forallb (fun x => Nat.eqb (count x) (count (vscale (-1) x))) pts.

Definition expect_v (f : vec -> vec) : vec := vscale (/ N) (vsum d (map f pts)).
Definition expect_q (f : vec -> Q) : Q := qsum (map f pts) / N.

Definition mean_update : vec := expect_v (fun x => vscale (r ws w x) x).
Definition sigma_times (v : vec) : vec := expect_v (fun x => vscale (dotq x v) x).
Definition half_sigma_delta : vec := vscale (1 # 2) (sigma_times (vsub ws w)).

Fixpoint batches (k : nat) : list (list vec) :=
  match k with
  | O => [[]]
  | S k => flat_map (fun x => map (cons x) (batches k)) pts
  end.
Definition next (batch : list vec) : vec :=
  vadd w (vscale (eta / B) (vsum d (map (fun x => vscale (r ws w x) x) batch))).
Definition expected_direct : Q :=
  let bs := batches b in  (* enumerated once *)
  qsum (map (fun bt => let D' := vsub (next bt) ws in dotq D' D') bs)
  / inject_Z (Z.of_nat (length bs)).

Definition expected_identity : Q :=
  let D := vsub w ws in
  let SD := sigma_times D in
  dotq D D - eta * dotq D SD
  + eta * eta * (/ B * expect_q (fun x => r ws w x * r ws w x * dotq x x)
                 + (1 - / B) * (1 # 4) * dotq SD SD).
End Step.
