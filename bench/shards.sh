#!/usr/bin/env bash
# bench/shards.sh: run one T1 problem as K independent shards on this machine, then merge and
# verify (issue 15, item 6). The shards share nothing but the data file and the block tables:
# first `provnets erm --write-tables OUTDIR/tables.jsonl` solves the run's block tables once
# (skipped with `--bounds points`); then each shard is one `provnets erm --shard i/K --tables
# OUTDIR/tables.jsonl` process writing its own partial file, so a lost shard is rerun alone (the
# same command line, which resumes from the records already in its file).
#
#   bench/shards.sh DATA WIDTH K OUTDIR [more erm options, e.g. --loss absolute]
#
# Runs the shards with GNU parallel when it is installed (`parallel -j J`), else with
# `xargs -P J`; J = $JOBS, default the number of cores. Then
#   provnets merge --data DATA [--tables OUTDIR/tables.jsonl] --certificate OUTDIR/certificate.json OUTDIR/shard-*.jsonl
# (which checks the merged certificate with the independent checker) and
#   provnets verify OUTDIR/certificate.json --data DATA.
# $PROVNETS is the command that runs provnets (default: the launcher ./provnets of this checkout).
# Exit code: that of the first failing step (1: a certificate was rejected; 2: bad input).
set -euo pipefail

if [[ $# -lt 4 ]]; then
  echo "usage: bench/shards.sh DATA WIDTH K OUTDIR [erm options]" >&2
  exit 2
fi
data="$1"; width="$2"; k="$3"; out="$4"; shift 4
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
provnets="${PROVNETS:-$here/provnets}"
jobs="${JOBS:-$(nproc)}"
if ! [[ "$k" =~ ^[1-9][0-9]*$ ]]; then
  echo "bench/shards.sh: K is '$k', expected a whole number of shards >= 1" >&2
  exit 2
fi
mkdir -p "$out"

tables=()
points=0
prev=""
for a in "$@"; do
  [[ "$prev" == "--bounds" && "$a" == "points" ]] && points=1
  [[ "$a" == "--bounds=points" ]] && points=1
  prev="$a"
done
start=$SECONDS
if [[ $points -eq 0 ]]; then
  $provnets erm --data "$data" --width "$width" --write-tables "$out/tables.jsonl" "$@" \
    > "$out/tables.txt"
  tables=(--tables "$out/tables.jsonl")
  echo "shards: tables in $((SECONDS - start)) s"
fi
use_tables=$((1 - points))

run_shard() { # i: one shard, its own partial file
  local t=()
  [[ "$use_tables" == 1 ]] && t=(--tables "$out/tables.jsonl")
  $provnets erm --data "$data" --width "$width" --shard "$1/$k" ${t[@]+"${t[@]}"} \
    --certificate "$out/shard-$1.jsonl" "${@:2}" > "$out/shard-$1.txt"
}
export -f run_shard
export provnets data width k out use_tables

start=$SECONDS
if command -v parallel > /dev/null 2>&1; then
  seq 1 "$k" | parallel --will-cite --halt now,fail=1 -j "$jobs" run_shard {} "$@"
else
  seq 1 "$k" | xargs -P "$jobs" -I{} bash -c 'run_shard "$@"' _ {} "$@"
fi
echo "shards: $k shards in $((SECONDS - start)) s ($jobs at a time)"
parts=()
for i in $(seq 1 "$k"); do
  parts+=("$out/shard-$i.jsonl")
done
$provnets merge --data "$data" ${tables[@]+"${tables[@]}"} --certificate "$out/certificate.json" "${parts[@]}"
$provnets verify "$out/certificate.json" --data "$data"
