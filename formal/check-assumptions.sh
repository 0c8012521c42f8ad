#!/usr/bin/env bash
# check-assumptions.sh: fails (exit 1) unless
#   - no .v file here contains Admitted, admit. or an Axiom declaration, and
#   - `Print Assumptions` of every main theorem listed in Assumptions.v answers
#     "Closed under the global context" (no axiom, no parameter, no admitted lemma behind it).
# Assumptions.v prints each theorem's statement (Check) before its assumptions.
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
