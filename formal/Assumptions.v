(* The main theorems.  check-assumptions.sh requires that each `Print Assumptions` below answers
   "Closed under the global context".  Each `Check` prints the statement a reader audits. *)
From mathcomp Require Import all_ssreflect all_algebra.
From ProvableNets Require Import LP QP T2.
Import GRing.Theory Num.Theory.
Local Open Scope ring_scope.

Check lp_weak_duality.
Print Assumptions lp_weak_duality.
Check lp_optimal_cert_sound.
Print Assumptions lp_optimal_cert_sound.
Check lp_infeasible_cert_sound.
Print Assumptions lp_infeasible_cert_sound.
Check lp_unbounded_cert_sound.
Print Assumptions lp_unbounded_cert_sound.
Check qp_weak_duality.
Print Assumptions qp_weak_duality.
Check qp_optimal_cert_sound.
Print Assumptions qp_optimal_cert_sound.
Check qp_infeasible_cert_sound.
Print Assumptions qp_infeasible_cert_sound.
Check qp_unbounded_cert_sound.
Print Assumptions qp_unbounded_cert_sound.
Check gram_symmetric.
Print Assumptions gram_symmetric.
Check gram_psd.
Print Assumptions gram_psd.
Check relu_odd.
Print Assumptions relu_odd.
Check symmetry_lemma.
Print Assumptions symmetry_lemma.
Check symmetrised_mean_update.
Print Assumptions symmetrised_mean_update.
Check one_step_identity_b1.
Print Assumptions one_step_identity_b1.
Check one_step_identity.
Print Assumptions one_step_identity.
Check one_step_identity_needs_symmetry.
Print Assumptions one_step_identity_needs_symmetry.
