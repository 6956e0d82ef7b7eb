#!/usr/bin/env bash
# Benchmark: dials.refine / dials.refine_bravais_settings vs bragg refine / refine_bravais_settings on the
# same input (DIALS's indexed.expt/indexed.refl of a shared dataset), in one run; prints the wall-time ratios.
#   dev/bench_refine.sh [dataset]   (default sim_xray_1a8o_p43212; sim_ed_1hpv_p61 also works)
# The DIALS indexing result is computed once (dials.index on the reference strong spots; for the ED
# set strong spots are found with gain=3 first) and cached in $BENCH_DIR (default /tmp/bragg-bench-refine).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${BRAGG_SHARED_DATA:-$root/../shared/data}
[ -d "$data" ] || data=/work/shared/data
ds=${1:-sim_xray_1a8o_p43212}
ref="$data/$ds/dials_reference"
work=${BENCH_DIR:-/tmp/bragg-bench-refine}/$ds
mkdir -p "$work"; cd "$work"
now() { date +%s.%N; }
if [ ! -s indexed.refl ]; then
  echo "preparing input with dials.index (once)…" >&2
  if [ -f "$ref/strong.refl" ]; then cp "$ref/strong.refl" strong.refl
  else dials.find_spots "$ref/imported.expt" gain=3 nproc=2 > /dev/null; fi
  dials.index "$ref/imported.expt" strong.refl > /dev/null
fi
"$root/bragg" --version > /dev/null 2>&1 || true   # compile the bragg cache outside the timing
# run bragg on the compiled cache directly, so that a concurrent source change cannot trigger a rebuild
bragg_cmd() { java ${BRAGG_JAVA_OPTS:--Xmx8g -XX:+UseParallelGC} -cp "$root/build-cache/classes:$(cat "$root/build-cache/runtime.cp")" org.bragg.cli.Bragg "$@"; }
run() { local t0 t1; t0=$(now); "$@" > /dev/null 2>&1 || { echo "FAILED: $*" >&2; return 1; }; t1=$(now); echo "$t1 - $t0" | bc; }
mkdir -p dials bragg
cd dials; td_rbs=$(run dials.refine_bravais_settings ../indexed.expt ../indexed.refl); td_ref=$(run dials.refine ../indexed.expt ../indexed.refl); cd ..
cd bragg; tb_rbs=$(run bragg_cmd refine_bravais_settings ../indexed.expt ../indexed.refl); tb_ref=$(run bragg_cmd refine ../indexed.expt ../indexed.refl); cd ..
rmsd() { grep -A6 'RMSDs by experiment' "$1" | tail -2 | head -1; }
echo "dataset: $ds ($(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
printf '%-26s %8s %8s %7s\n' program "DIALS s" "Bragg s" ratio
printf '%-26s %8.2f %8.2f %7.2f\n' refine_bravais_settings "$td_rbs" "$tb_rbs" "$(echo "$tb_rbs / $td_rbs" | bc -l)"
printf '%-26s %8.2f %8.2f %7.2f\n' refine "$td_ref" "$tb_ref" "$(echo "$tb_ref / $td_ref" | bc -l)"
tot_d=$(echo "$td_rbs + $td_ref" | bc); tot_b=$(echo "$tb_rbs + $tb_ref" | bc)
printf '%-26s %8.2f %8.2f %7.2f\n' total "$tot_d" "$tot_b" "$(echo "$tot_b / $tot_d" | bc -l)"
echo "final RMSDs (x px, y px, z images):"
echo "  DIALS $(rmsd dials/dials.refine.log)"
echo "  Bragg $(rmsd bragg/bragg.refine.log)"
grep -h 'Unit cell' dials/dials.refine.log | tail -1 | sed 's/^ */  DIALS /'
grep -h 'Unit cell' bragg/bragg.refine.log | tail -1 | sed 's/^ */  Bragg /'
