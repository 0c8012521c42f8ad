#!/usr/bin/env bash
# bench/test-shards.sh: runs bench/shards.sh and bench/shards.sbatch on this machine (CI does),
# on a small data set, with the jar built by `mvn verify`:
#   1. shards.sh with 3 shards (GNU parallel if installed, else xargs -P): merged and verified;
#   2. shards.sbatch as a job array simulated by setting SLURM_ARRAY_TASK_ID = 1..3, then its
#      --merge job: merged and verified;
#   3. a lost shard: with shard 2's file deleted, merge refuses (exit 2, naming what is missing);
#      rerunning task 2 alone and merging again succeeds;
#   4. the merged certificates certify the same optimum as one unsharded run.
# Exit code 0 if all hold, else 1 with the failed step named.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PROVNETS="${PROVNETS:-java -jar $here/target/provable-nets-cli.jar}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
printf '0,0\n1,1\n2,0.5\n3,2\n4,1\n5,3\n' > d.csv
fail() { echo "test-shards: FAILED: $*" >&2; exit 1; }
optimum() { grep -o '"optimum" *: *"[^"]*"' "$1" | head -1; }

JOBS=2 bash "$here/bench/shards.sh" d.csv 2 3 a > a.txt || fail "shards.sh (see $tmp/a.txt)"
grep -q "certified: true" a.txt || fail "shards.sh did not certify"

for i in 1 2 3; do
  SLURM_ARRAY_TASK_ID=$i bash "$here/bench/shards.sbatch" d.csv 2 3 b || fail "sbatch task $i"
done
bash "$here/bench/shards.sbatch" --merge d.csv 2 3 b > b.txt || fail "sbatch --merge"
grep -q "certified: true" b.txt || fail "sbatch --merge did not certify"

rm b/shard-2.jsonl
set +e
bash "$here/bench/shards.sbatch" --merge d.csv 2 3 b > c.txt 2> c.err
code=$?
set -e
[[ $code -eq 2 ]] || fail "merge without shard 2 exited $code, expected 2"
SLURM_ARRAY_TASK_ID=2 bash "$here/bench/shards.sbatch" d.csv 2 3 b || fail "rerun of task 2"
bash "$here/bench/shards.sbatch" --merge d.csv 2 3 b > d.txt || fail "merge after the rerun"

$PROVNETS erm --data d.csv --width 2 --certificate whole.json > /dev/null \
  || fail "the unsharded run"
[[ "$(optimum whole.json)" == "$(optimum a/certificate.json)" ]] || fail "optimum of shards.sh"
[[ "$(optimum whole.json)" == "$(optimum b/certificate.json)" ]] || fail "optimum of sbatch"
echo "test-shards: shards.sh, the simulated job array, a lost shard rerun alone: all certified" \
  "$(optimum whole.json)"
