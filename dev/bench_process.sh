#!/usr/bin/env bash
# Benchmark (issue 8 §4): the DIALS command chain (dials.import … dials.export, the commands of
# sim_xray_1a8o_p43212/dials_reference/commands.txt, nproc=2) against one `bragg process` on the same 60 images,
# in one run. /usr/bin/time -v per DIALS step and for the whole Bragg run; prints per-step and total wall-time
# ratios (Bragg step times from its own "<step> took x s" log lines, which exclude JVM start-up) and peak RSS.
#   [BRAGG="java -cp … org.bragg.cli.Bragg"] [BRAGG_JAVA_OPTS=…] [BENCH_DIR=/tmp/bragg-bench-process] dev/bench_process.sh
# Target: total ratio bragg/dials <= 0.33.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${BRAGG_SHARED_DATA:-$root/../shared/data}
[ -d "$data" ] || data=/work/shared/data
images="$data/sim_xray_1a8o_p43212/images"
work=${BENCH_DIR:-/tmp/bragg-bench-process}
rm -rf "$work"; mkdir -p "$work/dials" "$work/bragg"
if [ -z "${BRAGG:-}" ]; then
  "$root/bragg" --version > /dev/null 2>&1 || true   # compile the cache outside the timing
  # a private copy of the classes, so that a rebuild of build-cache during the run cannot disturb it
  cp -rL "$root/build-cache/classes" "$work/classes"
  BRAGG="java ${BRAGG_JAVA_OPTS:--Xms32m -Xmx8g -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30} -cp $work/classes:$(cat "$root/build-cache/runtime.cp") org.bragg.cli.Bragg"
fi
secs() { awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }'; }
# timed NAME CMD… : runs CMD in the current directory, appends "NAME seconds rssKB" to times.txt
timed() { local name=$1; shift
  /usr/bin/time -v "$@" > "$name.log" 2> "$name.time" || { echo "FAILED: $*" >&2; tail -5 "$name.time" >&2; exit 1; }
  echo "$name $(grep 'Elapsed (wall' "$name.time" | secs) $(grep 'Maximum resident' "$name.time" | awk '{print $NF}')" >> times.txt; }

load0=$(cut -d' ' -f1 /proc/loadavg)
echo "machine: $(nproc) cores, load $load0" >&2
echo "running the DIALS chain in $work/dials …" >&2
( cd "$work/dials"
  timed import dials.import "$images"/lyso1a8o_00[0-5][0-9].cbf.bz2 "$images"/lyso1a8o_0060.cbf.bz2
  timed find_spots dials.find_spots imported.expt nproc=2
  timed index dials.index imported.expt strong.refl
  timed refine_bravais_settings dials.refine_bravais_settings indexed.expt indexed.refl
  timed reindex dials.reindex indexed.refl change_of_basis_op=a,b,c
  timed refine dials.refine bravais_setting_9.expt reindexed.refl
  timed integrate dials.integrate refined.expt refined.refl nproc=2
  timed symmetry dials.symmetry integrated.expt integrated.refl
  timed scale dials.scale symmetrized.expt symmetrized.refl
  timed merge dials.merge scaled.expt scaled.refl
  timed export dials.export scaled.expt scaled.refl )
echo "running bragg process in $work/bragg …" >&2
( cd "$work/bragg"
  for f in "$images"/lyso1a8o_00[0-5][0-9].cbf.bz2 "$images"/lyso1a8o_0060.cbf.bz2; do ln -s "$f" .; done
  timed process $BRAGG process "$work/bragg/lyso1a8o_####.cbf.bz2" )

echo
echo "machine: $(nproc) cores, load average $load0 at the start, $(cut -d' ' -f1 /proc/loadavg) at the end (figures are only meaningful near 0); 60 images of sim_xray_1a8o_p43212"
printf "%-24s %9s %9s %7s %12s\n" step "dials s" "bragg s" ratio "dials RSS MB"
td=0
while read -r name s rss; do
  tb=$(grep -E "^$name took [0-9.]+ s" "$work/bragg/process.log" | awk '{print $3}' | paste -sd+ | bc -l 2>/dev/null || true)
  [ -n "$tb" ] || tb=""
  if [ -n "$tb" ]; then r=$(echo "$tb/$s" | bc -l); printf "%-24s %9.1f %9.1f %7.2f %12.0f\n" "$name" "$s" "$tb" "$r" "$(echo "$rss/1024" | bc -l)"
  else printf "%-24s %9.1f %9s %7s %12.0f\n" "$name" "$s" "-" "-" "$(echo "$rss/1024" | bc -l)"; fi
  td=$(echo "$td+$s" | bc -l)
done < "$work/dials/times.txt"
read -r _ tbt rbt < "$work/bragg/times.txt"
rdmax=$(awk '{print $3}' "$work/dials/times.txt" | sort -n | tail -1)
printf "%-24s %9.1f %9.1f %7.2f   (target <= 0.33)\n" TOTAL "$td" "$tbt" "$(echo "$tbt/$td" | bc -l)"
printf "peak RSS: dials (largest step) %.0f MB, bragg process (whole run) %.0f MB\n" "$(echo "$rdmax/1024" | bc -l)" "$(echo "$rbt/1024" | bc -l)"
rest=$(echo "$tbt - $(grep -E '^[a-z_]+ took [0-9.]+ s' "$work/bragg/process.log" | awk '{print $3}' | paste -sd+ | bc -l)" | bc -l)
printf "(bragg per-step times are from its log, inside one JVM; its refine_bravais_settings, JVM start-up and I/O\n between steps are only in the total: %.1f s here)\n" "$rest"
