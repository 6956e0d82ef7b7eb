#!/usr/bin/env bash
# Benchmark: dials.integrate nproc=2 vs bragg integrate (nproc=2) on the same refined input, in one run;
# prints wall times, their ratio and both peak RSS (/usr/bin/time -v).
#   [BRAGG="java -cp … org.bragg.cli.Bragg"] [BRAGG_JAVA_OPTS=…] dev/bench_integrate.sh [refined.expt refined.refl]
# Default input: a DIALS import/find_spots/index/refine (scan_varying=False) of sim_xray_1a8o_p43212, made once in
# $BENCH_DIR (default /tmp/bragg-bench-integrate).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${BRAGG_SHARED_DATA:-$root/../shared/data}
[ -d "$data" ] || data=/work/shared/data
work=${BENCH_DIR:-/tmp/bragg-bench-integrate}
mkdir -p "$work"; cd "$work"
if [ $# -ge 2 ]; then expt=$(readlink -f "$1"); refl=$(readlink -f "$2"); else
  expt="$work/refined.expt"; refl="$work/refined.refl"
  if [ ! -s refined.refl ]; then
    echo "preparing input with DIALS (once)…" >&2
    dials.import "$data"/sim_xray_1a8o_p43212/images/*.cbf.bz2 > /dev/null
    dials.find_spots imported.expt nproc=2 > /dev/null
    dials.index imported.expt strong.refl > /dev/null
    dials.refine indexed.expt indexed.refl scan_varying=False > /dev/null
  fi
fi
if [ -z "${BRAGG:-}" ]; then
  "$root/bragg" --version > /dev/null 2>&1 || true   # compile the cache outside the timing
  BRAGG="java ${BRAGG_JAVA_OPTS:--Xms32m -Xmx8g -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30} -cp $root/build-cache/classes:$(cat "$root/build-cache/runtime.cp") org.bragg.cli.Bragg"
fi
timed() { /usr/bin/time -v "$@" > run.log 2> time.log || { echo "FAILED: $*" >&2; tail -5 time.log >&2; return 1; }
  local s rss; s=$(grep 'Elapsed (wall' time.log | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(grep 'Maximum resident' time.log | awk '{print $NF}'); echo "$s $rss"; }
mkdir -p dials bragg
read td rd < <(cd dials && timed dials.integrate "$expt" "$refl" nproc=2)
read tb rb < <(cd bragg && timed $BRAGG integrate "$expt" "$refl" nproc=2)
nd=$(grep -m1 'number processed with summation' dials/run.log | awk -F'|' '{print $3}' | tr -d ' ')
nb=$(grep -m1 'number processed with summation' bragg/run.log | awk -F'|' '{print $3}' | tr -d ' ')
echo "machine: $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
printf "dials.integrate nproc=2 : %7.1f s  peak RSS %7.0f MB  summation %s\n" "$td" "$(echo "$rd/1024" | bc -l)" "$nd"
printf "bragg integrate nproc=2 : %7.1f s  peak RSS %7.0f MB  summation %s\n" "$tb" "$(echo "$rb/1024" | bc -l)" "$nb"
pd=$(grep -m1 'number processed with profile fitting' dials/run.log | awk -F'|' '{print $3}' | tr -d ' ')
pb=$(grep -m1 'number processed with profile fitting' bragg/run.log | awk -F'|' '{print $3}' | tr -d ' ')
echo "profile fitted: dials $pd, bragg $pb"
printf "time ratio bragg/dials  : %.2f (target <= 0.33; both do summation and 3D profile fitting)\n" "$(echo "$tb/$td" | bc -l)"
