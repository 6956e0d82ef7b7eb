#!/usr/bin/env bash
# Interoperability check of Bragg's .refl reader/writer with DIALS 3.12 (needs /usr/bin/python3 with
# dials, and dials.show / dials.index on PATH; not a unit test). It
#   1. rewrites every reference .refl of the shared data (and the all-types test fixture) with Bragg
#      (org.bragg.io.ReflectionTableIO) and compares the bytes with the original,
#   2. loads each Bragg-written table with flex.reflection_table.from_file, prints len and keys and
#      compares every column (shoebox pixels included) with the original,
#   3. runs dials.show on original and Bragg-written table and compares the output,
#   4. runs dials.index on the DIALS imported.expt of sim_xray_1a8o_p43212 with the Bragg-written
#      strong.refl (about 25 s), compares the result with the reference log, then rewrites the
#      resulting indexed.refl / indexed.expt with Bragg and checks that DIALS reads them back unchanged.
# Usage: dev/check_refl_with_dials.sh [DATA_DIR]      (default: $BRAGG_SHARED_DATA or ../shared/data)
# Environment: BRAGG_IO_CLASSES=dir  use already compiled org.bragg.model + org.bragg.io classes
#              WORK=dir              where to write (default: a new /tmp/bragg-refl-check.* directory)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=$(cd "${1:-${BRAGG_SHARED_DATA:-$root/../shared/data}}" && pwd)
work=${WORK:-$(mktemp -d /tmp/bragg-refl-check.XXXXXX)}
mkdir -p "$work"
libcp=$(cat "$root/releng/org.bragg.classpath/target/test.cp" 2>/dev/null || true)
classes=${BRAGG_IO_CLASSES:-}
if [ -z "$classes" ]; then
  "$root/dev/quick" -b org.bragg.model,org.bragg.io -o "$work/build" >&2
  classes=$work/build/classes
  libcp=$(cat "$root/releng/org.bragg.classpath/target/test.cp")
fi
run_bragg() { java -cp "$classes:$libcp" "$root/dev/IoRewrite.java" "$@"; }
failures=0

mapfile -t inputs < <(find "$data" -path '*/dials_reference/*' -name '*.refl' | sort)
fixture=$root/tests/org.bragg.io.tests/src/org/bragg/io/tests/all_types.refl
[ -f "$fixture" ] && inputs+=("$fixture")
echo "== rewriting ${#inputs[@]} .refl files with Bragg into $work/out"
run_bragg refl "$work/out" "$data" "${inputs[@]}" > "$work/pairs.tsv"
while IFS=$'\t' read -r orig bragg; do
  if cmp -s "$orig" "$bragg"; then echo "ok   ${orig#"$data"/}: rewritten file is byte-identical ($(stat -c %s "$bragg") bytes)"
  else echo "DIFF ${orig#"$data"/}: rewritten file differs in bytes (decoded comparison below decides)"; fi
done < "$work/pairs.tsv"

echo "== DIALS reads the Bragg-written tables"
/usr/bin/python3 - "$work/pairs.tsv" <<'PY' || failures=$((failures+1))
import sys
from dials.array_family import flex

def col_equal(a, b):
    if type(a).__name__ == "shoebox":
        for x, y in zip(a, b):
            if x.panel != y.panel or tuple(x.bbox) != tuple(y.bbox) or x.data.size() != y.data.size():
                return False
            if x.data.size() and (list(x.data) != list(y.data) or list(x.mask) != list(y.mask) or list(x.background) != list(y.background)):
                return False
        return len(a) == len(b)
    return len(a) == len(b) and all(x == y for x, y in zip(a, b))

bad = 0
for line in open(sys.argv[1]):
    orig, bragg = line.rstrip("\n").split("\t")
    t = flex.reflection_table.from_file(bragg)
    o = flex.reflection_table.from_file(orig)
    keys, okeys = list(t.keys()), list(o.keys())
    print(len(t), keys)
    diffs = [k for k in okeys if k not in keys or not col_equal(o[k], t[k])]
    same_ids = dict(o.experiment_identifiers()) == dict(t.experiment_identifiers())
    ok = len(t) == len(o) and sorted(keys) == sorted(okeys) and not diffs and same_ids
    bad += not ok
    print(f"{'ok  ' if ok else 'FAIL'} {bragg.split('/')[-1]}: {len(t)} rows, {len(keys)} columns, identifiers {'equal' if same_ids else 'DIFFER'}"
          + (f", differing columns {diffs}" if diffs else ", every column equal"))
sys.exit(1 if bad else 0)
PY

echo "== dials.show on original and Bragg-written tables"
while IFS=$'\t' read -r orig bragg; do
  name=${orig#"$data"/}
  (cd "$work" && dials.show "$orig" > "$bragg.show.orig" 2>&1) || { echo "skip $name: dials.show fails on the original"; continue; }
  if ! (cd "$work" && dials.show "$bragg" > "$bragg.show.bragg" 2>&1); then
    echo "FAIL $name: dials.show failed on the Bragg file (see $bragg.show.bragg)"; failures=$((failures+1)); continue
  fi
  n=$(diff <(grep -v "reflections =" "$bragg.show.orig") <(grep -v "reflections =" "$bragg.show.bragg") | grep -c '^[<>]' || true)
  if [ "$n" -eq 0 ]; then echo "ok   $name: dials.show output identical ($(wc -l < "$bragg.show.bragg") lines)"
  else echo "FAIL $name: dials.show output differs in $n lines"; failures=$((failures+1)); fi
done < "$work/pairs.tsv"

echo "== dials.index with a Bragg-written strong.refl (sim_xray_1a8o_p43212)"
ds=$data/sim_xray_1a8o_p43212/dials_reference
idx=$work/index
mkdir -p "$idx"
run_bragg refl "$idx" "$ds" "$ds/strong.refl" > /dev/null
if (cd "$idx" && dials.index "$ds/imported.expt" "$idx/strong.refl" > dials.index.out 2>&1); then
  echo "ok   dials.index accepted the Bragg-written strong.refl"
  /usr/bin/python3 - "$idx" "$ds" <<'PY' || failures=$((failures+1))
import sys
from dials.array_family import flex
from dxtbx.model.experiment_list import ExperimentListFactory as F
idx, ds = sys.argv[1:3]
t = flex.reflection_table.from_file(f"{idx}/indexed.refl")
n = t.get_flags(t.flags.indexed).count(True)
e = F.from_json_file(f"{idx}/indexed.expt", check_format=False)
r = F.from_json_file(f"{ds}/indexed.expt", check_format=False)
cell, ref = e[0].crystal.get_unit_cell().parameters(), r[0].crystal.get_unit_cell().parameters()
print(f"indexed {n} of {len(t)} reflections; cell {tuple(round(c, 3) for c in cell)} (DIALS reference run {tuple(round(c, 3) for c in ref)})")
ok = all(abs(a - b) < 0.01 * b for a, b in zip(cell[:3], ref[:3])) and all(abs(a - b) < 0.1 for a, b in zip(cell[3:], ref[3:]))
print("ok   cell matches the reference run within 1% / 0.1 deg" if ok else "FAIL cell differs from the reference run")
sys.exit(0 if ok else 1)
PY
  echo "== Bragg round trip of the DIALS-written indexed.refl / indexed.expt"
  run_bragg refl "$idx/bragg" "$idx" "$idx/indexed.refl" > /dev/null
  run_bragg expt "$idx/bragg" "$idx" "$idx/indexed.expt" > /dev/null
  if cmp -s "$idx/indexed.refl" "$idx/bragg/indexed.refl"; then echo "ok   indexed.refl rewritten byte-identical"; else echo "DIFF indexed.refl bytes differ"; fi
  /usr/bin/python3 - "$idx" <<'PY' || failures=$((failures+1))
import sys
from dials.array_family import flex
from dxtbx.model.experiment_list import ExperimentListFactory as F
idx = sys.argv[1]
a, b = flex.reflection_table.from_file(f"{idx}/indexed.refl"), flex.reflection_table.from_file(f"{idx}/bragg/indexed.refl")
types = {k: type(a[k]).__name__ for k in a.keys()}
bad = [k for k in a.keys() if type(a[k]).__name__ != "shoebox" and list(a[k]) != list(b[k])]
print(len(b), sorted(types.items()))
ea, eb = F.from_json_file(f"{idx}/indexed.expt", check_format=False), F.from_json_file(f"{idx}/bragg/indexed.expt", check_format=False)
d = max(abs(x - y) for x, y in zip(ea[0].crystal.get_A(), eb[0].crystal.get_A()))
print(f"{'ok  ' if not bad and d < 1e-12 else 'FAIL'} DIALS reads Bragg's indexed.refl ({len(b)} rows, {'all columns equal' if not bad else 'differing: ' + str(bad)}) "
      f"and indexed.expt (max |ΔA| {d:.1e})")
sys.exit(1 if bad or d >= 1e-12 else 0)
PY
else
  echo "FAIL dials.index failed on the Bragg-written strong.refl (see $idx/dials.index.out)"; failures=$((failures+1))
fi
echo "work directory: $work"
echo "failures: $failures"
[ "$failures" -eq 0 ]
