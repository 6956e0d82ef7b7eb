#!/usr/bin/env bash
# Benchmark: dials.index + dials.refine against bragg index + bragg refine on the same strong spots, in one run.
#   dev/bench_index.sh [dataset] [extra args for both index programs…]
# dataset: sim_xray_1a8o_p43212 (default; DIALS 3.12's strong.refl) or sim_ed_1hpv_p61 (strong spots found
# once with dials.find_spots gain=3 and cached in $TMPDIR). Prints the wall times and the ratio
# Bragg / DIALS (target ≤ 0.5). Not a timed assertion: a report (STYLE §5.7).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${BRAGG_SHARED_DATA:-$root/../shared/data}
ds=${1:-sim_xray_1a8o_p43212}
[ $# -gt 0 ] && shift
extra=("$@")
command -v dials.index >/dev/null || { echo "dials.index not found on PATH" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/bench_index.XXXXXX")
trap 'rm -rf "$work"' EXIT
ref="$data/$ds/dials_reference"
[ -d "$ref" ] || { echo "no dataset $ref" >&2; exit 1; }

# inputs: imported.expt with an absolute image template, and the strong spots
python3 - "$ref/imported.expt" "$data/$ds/images" "$work/imported.expt" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
for i in d.get("imageset", []):
    t = i.get("template")
    if t and t.startswith("../images/"):
        i["template"] = sys.argv[2] + "/" + t[len("../images/"):]
json.dump(d, open(sys.argv[3], "w"), indent=1)
EOF
if [ -f "$ref/strong.refl" ]; then
  cp "$ref/strong.refl" "$work/strong.refl"
else
  cache="${TMPDIR:-/tmp}/bragg-bench-$ds-strong.refl"
  if [ ! -s "$cache" ]; then
    echo "finding spots with DIALS (gain=3, once; cached in $cache)…" >&2
    (cd "$work" && dials.find_spots imported.expt gain=3 output.reflections=strong.refl >/dev/null)
    cp "$work/strong.refl" "$cache"
  fi
  cp "$cache" "$work/strong.refl"
fi

# compile Bragg outside the timing, and run a frozen copy (the launcher would recompile if a source changes mid-run)
"$root/bragg" --version >/dev/null
cp -rL "$root/build-cache/classes" "$work/classes"
bragg() { java ${BRAGG_JAVA_OPTS:--Xmx8g -XX:+UseParallelGC} -cp "$work/classes:$(cat "$root/build-cache/runtime.cp")" org.bragg.cli.Bragg "$@"; }

now() { date +%s.%N; }
mkdir -p "$work/dials" "$work/bragg"
t0=$(now)
(cd "$work/dials" && dials.index ../imported.expt ../strong.refl "${extra[@]}" >/dev/null && dials.refine indexed.expt indexed.refl >/dev/null)
t1=$(now)
(cd "$work/bragg" && bragg index ../imported.expt ../strong.refl "${extra[@]}" >/dev/null && bragg refine indexed.expt indexed.refl >/dev/null)
t2=$(now)

cell() { python3 - "$1" <<'EOF'
import json, sys, math
d = json.load(open(sys.argv[1]))
c = d["crystal"][0]
a, b, cc = (c["real_space_a"], c["real_space_b"], c["real_space_c"])
n = lambda v: math.sqrt(sum(x * x for x in v))
ang = lambda u, v: math.degrees(math.acos(sum(x * y for x, y in zip(u, v)) / (n(u) * n(v))))
print("%.3f %.3f %.3f %.2f %.2f %.2f" % (n(a), n(b), n(cc), ang(b, cc), ang(a, cc), ang(a, b)))
EOF
}
indexed() { grep -E "^\|\s+0 \|" "$1" | tail -1 | awk -F'|' '{gsub(/ /,"",$5); print $5}'; }
dials_t=$(echo "$t1 - $t0" | bc -l)
bragg_t=$(echo "$t2 - $t1" | bc -l)
printf 'dataset            %s\n' "$ds"
printf 'DIALS index+refine %7.2f s   indexed %-7s refined cell %s\n' "$dials_t" "$(indexed "$work/dials/dials.index.log")" "$(cell "$work/dials/refined.expt")"
printf 'Bragg index+refine %7.2f s   indexed %-7s refined cell %s\n' "$bragg_t" "$(indexed "$work/bragg/bragg.index.log")" "$(cell "$work/bragg/refined.expt")"
printf 'ratio Bragg/DIALS  %7.3f   (target <= 0.5)\n' "$(echo "$bragg_t / $dials_t" | bc -l)"
