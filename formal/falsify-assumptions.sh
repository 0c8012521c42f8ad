#!/usr/bin/env bash
# falsify-assumptions.sh: shows that check-assumptions.sh can fail. On a copy of formal/ it adds
#   1. a main theorem proved with the classical axiom `classic` from Coq's standard library (the
#      word Axiom appears in no file of the copy, so only `Print Assumptions` can see it), and
#   2. a lemma closed with Admitted,
#   3. a theorem over the reals (T1.v, AssumptionsReals.v) that uses `classic` besides the reals'
#      own axioms,
# one at a time, and requires check-assumptions.sh to exit 1 on each. Exit 0 if all are caught.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

attempt() { # name, text appended to T2.v, extra line for Assumptions.v[, file pair to use instead]
  local dir="$tmp/$1"
  local file="${4:-T2.v}" list="${5:-Assumptions.v}"
  mkdir -p "$dir"
  cp "$here"/*.v "$here"/_CoqProject "$here"/Makefile "$here"/check-assumptions.sh "$dir"
  printf '%s\n' "$2" >> "$dir/$file"
  printf '%s\n' "$3" >> "$dir/$list"
  make -s -C "$dir" > "$dir/build.log" 2>&1 || { echo "falsify: $1 does not build" >&2; exit 1; }
  if (cd "$dir" && ./check-assumptions.sh > check.log 2>&1); then
    echo "falsify: check-assumptions.sh accepted $1" >&2
    exit 1
  fi
  echo "falsify: $1 rejected: $(tail -1 "$dir/check.log")"
}

attempt classical \
  $'From Coq Require Import Classical_Prop.\nLemma uses_classic (P : Prop) : P \\/ ~ P.\nProof. exact (classic P). Qed.' \
  $'Check uses_classic.\nPrint Assumptions uses_classic.'
attempt admitted \
  $'Lemma cheat : False.\nProof.\nAdmitted.' \
  $'Print Assumptions cheat.'
attempt classical-reals \
  $'From Coq Require Import Classical_Prop.\nLemma reals_and_classic (P : Prop) (x : R) : (x <= x)%R /\\ (P \\/ ~ P).\nProof. split; [apply Rle_refl | exact (classic P)]. Qed.' \
  $'Print Assumptions reals_and_classic.' T1.v AssumptionsReals.v
echo "falsify: all three rejected"
