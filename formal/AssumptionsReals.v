(* The main theorems over Coq's real numbers.  check-assumptions.sh requires that each
   `Print Assumptions` after the marker answers "Closed under the global context" or lists only
   the standard library's axioms of the reals: ClassicalDedekindReals.sig_forall_dec and
   FunctionalExtensionality.functional_extensionality_dep.  The `Check` prints the statement a
   reader audits. *)
From ProvableNets Require Import T1.

Check erm_certificate_sound.
Goal True. idtac "== assumptions ==". Abort.
Print Assumptions erm_certificate_sound.
Print Assumptions farkas_refutes.
Print Assumptions pattern_listed.
Print Assumptions squared_bound.
Print Assumptions absolute_bound.
Print Assumptions hinge_bound.
Print Assumptions blocked_bound.
Print Assumptions entry_sound.
Print Assumptions net_bound.
Print Assumptions block_term_sound.
Print Assumptions block_bound_sound.
Print Assumptions lower_bound.
