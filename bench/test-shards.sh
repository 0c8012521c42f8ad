#!/usr/bin/env bash
# bench/test-shards.sh: runs bench/shards.sh and bench/shards.sbatch on this machine (CI does),
# on a small data set, with the jar built by `mvn verify`:
#   1. shards.sh with 3 shards (GNU parallel if installed, else xargs -P): merged and verified;
#   2. shards.sbatch as a job array simulated by setting SLURM_ARRAY_TASK_ID = 1..3, then its
#      --merge job: merged and verified;
#   3. a lost shard: with shard 2's file deleted, merge refuses (exit 2, naming what is missing);
#      rerunning task 2 alone and merging again succeeds;
#   4. the merged certificates certify the same optimum as one unsharded run;
#   5. on twelve points of the plane (width 2, where the solver takes three blocks), the tables
#      are written once (shards.sh; and the --tables job of shards.sbatch), every shard and the
#      merge read them, and the merged certificate certifies the unsharded run's optimum.
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
printf '%s\n' 3,-1,5 -1,19/3,9/2 -16,2/3,4 8,19/4,-2 -1,17/4,2/3 7/3,-9,1 16/3,15/4,1 \
  -1,11/4,-1 2/3,17/2,7 16/3,-17/4,4/3 9,-18,9 9,-9/2,-3/2 > plane.csv
JOBS=2 bash "$here/bench/shards.sh" plane.csv 2 2 e --max-subproblems 40000 > e.txt 2> e.err \
  || fail "shards.sh on the plane (see $tmp/e.txt)"
grep -q "certified: true" e.txt || fail "shards.sh did not certify the plane"
[[ $(grep -c "1218 block subproblems read from e/tables.jsonl" e.err) -eq 3 ]] \
  || fail "the plane's shards and merge did not all read the tables (see $tmp/e.err)"
bash "$here/bench/shards.sbatch" --tables plane.csv 2 2 f --max-subproblems 40000 \
  || fail "sbatch --tables"
for i in 1 2; do
  SLURM_ARRAY_TASK_ID=$i bash "$here/bench/shards.sbatch" plane.csv 2 2 f --max-subproblems 40000 \
    2> "f$i.err" || fail "sbatch task $i on the plane"
  grep -q "read from f/tables.jsonl" "f$i.err" || fail "sbatch task $i did not read the tables"
done
bash "$here/bench/shards.sbatch" --merge plane.csv 2 2 f > f.txt 2> fm.err || fail "sbatch --merge (plane)"
grep -q "certified: true" f.txt || fail "sbatch --merge did not certify the plane"
$PROVNETS erm --data plane.csv --width 2 --max-subproblems 40000 --certificate plane.json \
  > /dev/null 2> plane.err || fail "the unsharded plane run"
[[ "$(optimum plane.json)" == "$(optimum e/certificate.json)" ]] || fail "optimum of the plane"
[[ "$(optimum plane.json)" == "$(optimum f/certificate.json)" ]] || fail "optimum of sbatch (plane)"
echo "test-shards: shards.sh, the simulated job array, a lost shard rerun alone, block tables" \
  "written once and read by every shard: all certified $(optimum whole.json)," \
  "plane $(optimum plane.json)"
