#!/usr/bin/env bash
# check-assumptions.sh: fails (exit 1) unless
#   - no .v file here contains Admitted, admit. or an Axiom declaration, and
#   - `Print Assumptions` of every main theorem listed in Assumptions.v answers
#     "Closed under the global context" (no axiom, no parameter, no admitted lemma behind it).
# Assumptions.v prints each theorem's statement (Check) before its assumptions.
#   - `Print Assumptions` of every theorem listed in AssumptionsReals.v (the theorems over Coq's
#     real numbers: T1) after its marker line is closed or lists only the standard library's
#     axioms of the reals (ALLOWED_REALS below), nothing else.
# Run after `make -C formal` (the Makefile target `assumptions` does both).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if grep -n "Admitted\|admit\.\|Axiom" ./*.v; then
  echo "check-assumptions: the lines above contain Admitted, admit. or Axiom" >&2
  exit 1
fi

expected=$(grep -c '^Print Assumptions ' Assumptions.v)
out=$(coqc -q -w -notation-overridden,-ambiguous-paths -Q . ProvableNets Assumptions.v)
echo "$out"
closed=$(grep -c '^Closed under the global context$' <<<"$out" || true)
if [ "$closed" -ne "$expected" ] || grep -q '^Axioms:' <<<"$out"; then
  echo "check-assumptions: $closed of $expected main theorems are closed under the global context" >&2
  exit 1
fi
echo "check-assumptions: all $expected main theorems are closed under the global context"

# The theorems over Coq's reals: only these two axioms, on which Coq.Reals itself rests.
ALLOWED_REALS="ClassicalDedekindReals.sig_forall_dec FunctionalExtensionality.functional_extensionality_dep"
expected_reals=$(grep -c '^Print Assumptions ' AssumptionsReals.v)
out_reals=$(coqc -q -w -notation-overridden,-ambiguous-paths -Q . ProvableNets AssumptionsReals.v)
echo "$out_reals"
after=$(sed -n '/^== assumptions ==$/,$p' <<<"$out_reals" | tail -n +2)
answers=$(grep -c '^Closed under the global context$\|^Axioms:$' <<<"$after" || true)
if [ "$answers" -ne "$expected_reals" ]; then
  echo "check-assumptions: $answers answers for $expected_reals theorems in AssumptionsReals.v" >&2
  exit 1
fi
# In this part every line that does not start with a space names an axiom ("name" or
# "name : type"), except the headers.
bad=$(grep -v '^ \|^Axioms:$\|^Closed under the global context$\|^$' <<<"$after" \
  | sed 's/ :.*//' | grep -v -x -F -e "${ALLOWED_REALS% *}" -e "${ALLOWED_REALS#* }" || true)
if [ -n "$bad" ]; then
  echo "check-assumptions: theorems over the reals use axioms beyond the reals' own: $bad" >&2
  exit 1
fi
echo "check-assumptions: all $expected_reals theorems over the reals use at most the standard library's axioms of the reals"
