#!/usr/bin/env bash
# check-exports.sh JAR: exports T1 certificates with `provnets export-coq` and has Coq's kernel
# check them (formal/T1.v must be built: `make -C formal`). Exit 0 only if
#   1. four certificates made with `erm --bounds points` (pruned entries use the blocked-points
#      bound of proofs-notes/T1.md step 7) are accepted by coqc: the tour's (six points on the line,
#      width 2, squared loss, pruned entries), an absolute-loss one, a hinge-loss one and one with
#      an output bias; and
#   1a. two certificates pruned by block bounds (step 8: `erm` takes three blocks of two points on
#      six points of the plane, width 2), squared and absolute loss, are accepted by coqc, and
#      three tampered copies of the squared one are each rejected: one number of a block entry's
#      dual point changed (numerator + 1), the first block listed twice (blocks must be disjoint;
#      each block alone still checks), and the optimal net's own subproblem marked pruned in the
#      certificate before export (its block bound, 0, is below the optimum); and
#   1b. the tour's exact T2 step (its support, w* = (1, -1/2), w = (-1, 1), the theorem's eta, b =
#      1, written by `gate step --coq`) and the same step with batch size 2 are accepted by coqc
#      against formal/T2Check.v, and a copy whose claimed E||w' - w*||^2 is changed is rejected;
#   2. three tampered copies of the tour's exported file are each rejected by coqc:
#        one number of the certificate changed (the first nonzero multiplier of a dual point,
#        numerator + 1), one pattern removed from the list, and the claimed optimum p/q lowered
#        to p/q - 1/(q 10^30) (a positive rational can always be lowered; the format is exact).
# It prints coqc's time for each file.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="${1:?usage: check-exports.sh JAR}"
jar="$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

tour_data="$here/../src/main/resources/org/provablenets/tour/t1-data.csv"
cp "$tour_data" tour.csv
printf 'x,y\n-1,1\n0,-1\n1,1\n2,-1\n3,1\n' > pm.csv   # labels +-1 for the hinge loss

coq() { # file.v: compile it against formal/, print the time, return coqc's exit code
  local t0=$SECONDS rc=0
  (cd "$here" && coqc -Q . ProvableNets "$tmp/$1") > "$tmp/$1.log" 2>&1 || rc=$?
  echo "check-exports: coqc $1: exit $rc after $((SECONDS - t0)) s"
  return $rc
}

export_one() { # name, data, erm options...: the certificate and its Coq file
  local name="$1" data="$2"
  shift 2
  java -jar "$jar" erm --data "$data" "$@" --certificate "$name.json" > /dev/null
  java -jar "$jar" export-coq "$name.json" --data "$data" --out . --name "$name" > /dev/null
}

accepted() { # what, file names...: each must be accepted by coqc
  local what="$1"
  shift
  for f in "$@"; do
    coq "$f.v" || { echo "check-exports: Coq rejected the genuine $what $f" >&2; cat "$f.v.log" >&2; exit 1; }
  done
}

rejected() { # file names...: each must be rejected by coqc
  for f in "$@"; do
    if coq "$f.v"; then
      echo "check-exports: Coq accepted the tampered file $f.v" >&2
      exit 1
    fi
    echo "check-exports: $f.v rejected: $(grep -m1 -i 'error' "$f.v.log" || tail -1 "$f.v.log")"
  done
}

# The dual-point tamper of two checks below: the first nonzero number of a dual point after
# `start` (QPDual or LPDual), numerator + 1.
cat > tamper.py <<'PY'
import re

def bump_first_dual(src, start=0):
    for d in re.finditer(r"(QPDual|LPDual) ", src[start:]):
        a0 = start + d.end()
        seg_end = src.index("|}", a0)
        for q in re.finditer(r"\(Qmake \(?(-?\d+)\)? (\d+)\)", src[a0:seg_end]):
            if q.group(1) != "0":
                num = int(q.group(1)) + 1
                new = "(Qmake %s %s)" % (("(%d)" % num) if num < 0 else str(num), q.group(2))
                return src[:a0 + q.start()] + new + src[a0 + q.end():]
    raise SystemExit("tamper.py: no nonzero dual number after position %d" % start)
PY

export_one Tour tour.csv --width 2 --bounds points
export_one Absolute tour.csv --width 2 --loss absolute --bounds points
export_one Hinge pm.csv --width 2 --loss hinge --bounds points
export_one Bias tour.csv --width 2 --output-bias --bounds points
accepted certificate Tour Absolute Hinge Bias

# Block bounds: the first six points of the 12-point plane instance of ErmLongRunTest; erm (without
# --bounds points) prunes them by three blocks of two points.
printf 'x1,x2,y\n3,-1,5\n-1,19/3,9/2\n-16,2/3,4\n8,19/4,-2\n-1,17/4,2/3\n7/3,-9,1\n' > plane6.csv
export_one Blocks plane6.csv --width 2
export_one BlocksAbsolute plane6.csv --width 2 --loss absolute
for f in Blocks BlocksAbsolute; do
  python3 -c 'import json, sys; sys.exit(0 if json.load(open(sys.argv[1])).get("blocks") else 1)' \
    "$f.json" || { echo "check-exports: $f.json has no blocks" >&2; exit 1; }
done
accepted "block certificate" Blocks BlocksAbsolute
# Tampered copies of Blocks; each must be rejected.
python3 - <<'PY'
import json, re
from fractions import Fraction as F
# 1. the optimal net's own subproblem marked pruned (in the certificate, then exported): its
#    block bound is below the optimum
c = json.load(open("Blocks.json"))
rows = [l.strip().split(",") for l in open("plane6.csv") if l.strip()][1:]
xs = [[F(v) for v in r[:-1]] for r in rows]
index = {p["signs"]: i for i, p in enumerate(c["patterns"])}
plus, minus = [], []
for u in c["net"]["units"]:
    w, b = [F(v) for v in u["weights"]], F(u["bias"])
    s = "".join("+" if sum(a * x for a, x in zip(w, xj)) + b > 0 else "-" for xj in xs)
    (plus if u["sign"] > 0 else minus).append(index[s])
key = (len(plus), sorted(plus) + sorted(minus))
subs = c["subproblems"]
i = next(k for k, e in enumerate(subs) if (e["plus"], e["patterns"]) == key)
assert not subs[i].get("pruned")
subs[i] = {"plus": key[0], "patterns": key[1], "pruned": True}
json.dump(c, open("TamperBlockPruned.json", "w"), indent=2)
src = open("Blocks.v").read()
# 2. one number of a block entry's dual point: the first nonzero one, numerator + 1
from tamper import bump_first_dual
open("TamperBlockNumber.v", "w").write(
    bump_first_dual(src, src.index("Definition block_0_entries_0 ")))
# 3. the first block listed twice
head = "Definition blocks : list block := [\n"
i = src.index(head) + len(head)
j = src.index("|};\n", i) + len("|};\n")
open("TamperBlockOverlap.v", "w").write(src[:j] + src[i:j] + src[j:])
PY
java -jar "$jar" export-coq TamperBlockPruned.json --data plane6.csv --out . --name TamperBlockPruned \
  > /dev/null
rejected TamperBlockNumber TamperBlockOverlap TamperBlockPruned

# The tour's T2 step, exported by gate step --coq (the theorem's eta from gate hypotheses).
cp "$here/../src/main/resources/org/provablenets/tour/t2-support.csv" t2.csv
eta=$(java -jar "$jar" gate hypotheses --support t2.csv --json \
  | python3 -c 'import json, sys; print(json.load(sys.stdin)["eta"]["exact"])')
java -jar "$jar" gate step --support t2.csv --w-star=1,-1/2 --w=-1,1 --eta "$eta" \
  --coq TourStep.v > /dev/null
java -jar "$jar" gate step --support t2.csv --w-star=1,-1/2 --w=-1,1 --eta "$eta" --batch 2 \
  --coq TourStepB2.v > /dev/null
accepted "T2 step" TourStep TourStepB2
python3 - <<'PY'
import re
src = open("TourStep.v").read()
m = re.search(r"Qeq_bool \(expected_direct d pts ws w eta b\) \(Qmake \(?(-?\d+)\)? (\d+)\)", src)
p, q = int(m.group(1)), int(m.group(2))
old = m.group(0)
new = old[:old.rindex("(Qmake")] + "(Qmake %d %d)" % (p + 1, q)
open("TamperStep.v", "w").write(src.replace(old, new))
PY
rejected TamperStep

# Tampered copies of Tour.v; each must be rejected.
python3 - <<'PY'
import re
src = open("Tour.v").read()
# 1. one number: the first nonzero entry of a dual point, numerator + 1
from tamper import bump_first_dual
open("TamperNumber.v", "w").write(bump_first_dual(src))
# 2. one pattern removed: the second pattern of the list
lines = src.split("\n")
i = next(k for k, line in enumerate(lines) if line.startswith("Definition patterns_0 "))
del lines[i + 2]
open("TamperPattern.v", "w").write("\n".join(lines))
# 3. the optimum lowered by 1/(q 10^30), everywhere it is written
m = re.search(r"c_opt := \(Qmake \(?(-?\d+)\)? (\d+)\)", src)
p, q = int(m.group(1)), int(m.group(2))
s = 10 ** 30
low = "(Qmake %s %d)" % (("(%d)" % (p * s - 1)) if p * s - 1 < 0 else str(p * s - 1), q * s)
old = m.group(0)[len("c_opt := "):]
open("TamperOptimum.v", "w").write(src.replace(old, low))
PY
rejected TamperNumber TamperPattern TamperOptimum
echo "check-exports: 4 genuine T1 certificates, 2 with block bounds and 2 T2 steps accepted by Coq, 7 tampered files rejected"
