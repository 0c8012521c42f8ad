#!/usr/bin/env bash
# scripts/same-outputs.sh [BASE]: shows that every command's output is byte-identical between the
# revision BASE (a commit, default HEAD) and the working tree.
#
# It builds the CLI jar of BASE in a temporary git worktree and the jar of the working tree (both
# with `mvn -q -B -o -DskipTests -Dskip.checkers=true package`), runs every line of
# scripts/same-outputs.cases with each jar, and compares stdout, stderr, the exit code and every
# file the case writes to its {OUT} directory (the lines of a .jsonl checkpoint or shard file as a
# sorted set: they are written in the order parallel solves finish; the seconds that the T1
# commands' phase lines on stderr report are replaced by {T}). It prints one line per case (same / DIFFERENT) and
# the diff of each difference. Exit 0 if all cases are identical, 1 if any differs, 2 on a build
# failure. Run it while nothing else builds in this tree (2 cores).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
base="${1:-HEAD}"
work="$(mktemp -d)"
trap 'git -C "$root" worktree remove --force "$work/base-tree" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

build() { # build DIR: the CLI jar of the tree at DIR
  (cd "$1" && mvn -q -B -o -DskipTests -Dskip.checkers=true package) >"$work/build.log" 2>&1 || {
    echo "same-outputs: the build in $1 failed:" >&2; tail -30 "$work/build.log" >&2; exit 2; }
}

git -C "$root" worktree add --detach -q "$work/base-tree" "$base"
echo "same-outputs: building $base ($(git -C "$root" rev-parse --short "$base")) ..."
build "$work/base-tree"
echo "same-outputs: building the working tree ..."
build "$root"
cp "$work/base-tree/target/provable-nets-cli.jar" "$work/base.jar"
cp "$root/target/provable-nets-cli.jar" "$work/new.jar"

valid="$root/src/test/resources/org/provablenets/corpus/valid"
extra="$work/inputs"
mkdir -p "$extra"
printf 'x,y\n-1,1\n0,-1\n1,1\n2,-1\n3,1\n' >"$extra/pm.csv"   # labels +-1, for the hinge loss
printf 'x1,x2,y\n1,0,1\n0,1,-1\n1,1,1/2\n' >"$extra/v2.csv"    # T3 data in two dimensions
printf '1/2,-1/3\n3/4,1\n' >"$extra/w2.csv"                    # W for two units

run() { # run JAR NAME ARGS...: the outputs of one case under $work/NAME
  local jar="$1" dir="$work/$2"; shift 2
  mkdir -p "$dir/out"
  local args=()
  for a in "$@"; do
    a="${a//\{V\}/$valid}"; a="${a//\{D\}/$extra}"; a="${a//\{OUT\}/$dir/out}"
    args+=("$a")
  done
  set +e
  (cd "$dir" && java -jar "$jar" "${args[@]}" >stdout 2>stderr)
  echo "exit $?" >"$dir/exit"
  set -e
  # paths differ between the two runs only by the case directory; say so once
  sed -i "s|$dir/out|{OUT}|g" "$dir/stdout" "$dir/stderr"
  # the T1 commands say on stderr how long each phase took (a wall clock, not an output)
  sed -E -i 's/ in [0-9]+\.[0-9] s$/ in {T} s/' "$dir/stderr"
  # checkpoint and shard files (.jsonl) record subproblems in the order parallel solves finish, by
  # design: their lines are compared as a sorted set (merge and verify check the content)
  local f
  for f in "$dir"/out/*.jsonl; do
    [[ -f "$f" ]] && LC_ALL=C sort -o "$f" "$f"
  done
  return 0
}

differ=0
count=0
while IFS= read -r line; do
  [[ -z "$line" || "$line" == \#* ]] && continue
  count=$((count + 1))
  read -r -a words <<<"$line"
  run "$work/base.jar" "base/$count" "${words[@]}"
  run "$work/new.jar" "new/$count" "${words[@]}"
  if diff -r "$work/base/$count" "$work/new/$count" >"$work/diff" 2>&1; then
    echo "same       $line"
  else
    echo "DIFFERENT  $line"
    sed 's/^/    /' "$work/diff" | head -40
    differ=$((differ + 1))
  fi
done <"$root/scripts/same-outputs.cases"
echo "same-outputs: $count cases, $differ different (base $base)"
[[ $differ -eq 0 ]]
