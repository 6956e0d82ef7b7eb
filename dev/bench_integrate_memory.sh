#!/usr/bin/env bash
# Memory benchmark of `bragg integrate`: does peak RSS stay flat when the sweep is twice as long?
# 1. Simulates two 1a8o-like sweeps with shared/tools/simrot.py (the exact sim_xray_1a8o_p43212 parameters of
#    shared/tools/make_datasets.sh: 60 x 0.5 deg, and the same with 120 x 0.5 deg) under $BENCH_DIR.
# 2. Processes each up to refinement with DIALS (import, find_spots, index, refine scan_varying=False), once.
# 3. Integrates each with bragg integrate nproc=2 (and, unless DIALS=0, dials.integrate nproc=2) under
#    /usr/bin/time -v and prints peak RSS and wall time for 1x and 2x, and the 2x/1x ratios.
# Acceptance (issue 5): Bragg RSS grows by < 20 % while its wall time grows about 2x.
#   [BENCH_DIR=/tmp/bragg-bench-memory] [DIALS=1] [BRAGG="java … org.bragg.cli.Bragg"] [BRAGG_JAVA_OPTS=…] dev/bench_integrate_memory.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools=${BRAGG_SHARED_TOOLS:-$root/../shared/tools}
[ -d "$tools" ] || tools=/work/shared/tools
work=${BENCH_DIR:-/tmp/bragg-bench-memory}
mkdir -p "$work"
if [ -z "${BRAGG:-}" ]; then
  "$root/bragg" --version > /dev/null 2>&1 || true   # compile the cache outside the timing
  BRAGG="$root/bragg"
fi
prepare() { # $1 = name, $2 = number of images
  local d="$work/$1"
  [ -s "$d/refined.refl" ] && return 0
  echo "preparing $1 ($2 x 0.5 deg): simulate, then DIALS import/find_spots/index/refine (once)…" >&2
  mkdir -p "$d"
  /usr/bin/python3 "$tools/simrot.py" --mode xray --pdb "$tools/models/1A8O.pdb.gz" --out "$d/images" --prefix lyso1a8o \
    --seed 11 --nimages "$2" --osc 0.5 --wavelength 0.9795 --distance 150 --detector 1M --d_min 1.5 \
    --sigma_m 0.10 --sigma_b 0.025 --counts_at_dmin 25 > "$d/simrot.log"
  (cd "$d" && dials.import images/lyso1a8o_*.cbf > /dev/null && dials.find_spots imported.expt nproc=2 > /dev/null \
    && dials.index imported.expt strong.refl > /dev/null && dials.refine indexed.expt indexed.refl scan_varying=False > /dev/null)
}
timed() { # runs "$@" in the current directory; prints "wall_seconds rss_kB cpu_seconds"
  /usr/bin/time -v "$@" > run.log 2> time.log || { echo "FAILED: $* (see $PWD/time.log)" >&2; tail -5 time.log >&2; return 1; }
  local s rss cpu
  s=$(grep 'Elapsed (wall' time.log | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(grep 'Maximum resident' time.log | awk '{print $NF}')
  cpu=$(awk -F: '/User time|System time/ {s += $2} END {print s}' time.log)
  echo "$s $rss $cpu"
}
prepare x1 60
prepare x2 120
declare -A T R N C
for s in x1 x2; do
  d="$work/$s"
  mkdir -p "$d/bragg"
  read -r T[bragg_$s] R[bragg_$s] C[bragg_$s] < <(cd "$d/bragg" && timed $BRAGG integrate "$d/refined.expt" "$d/refined.refl" nproc=2)
  N[bragg_$s]=$(grep -m1 'number processed with profile fitting' "$d/bragg/run.log" | awk -F'|' '{print $3}' | tr -d ' ')
  if [ "${DIALS:-1}" != 0 ]; then
    mkdir -p "$d/dials"
    read -r T[dials_$s] R[dials_$s] C[dials_$s] < <(cd "$d/dials" && timed dials.integrate "$d/refined.expt" "$d/refined.refl" nproc=2)
    N[dials_$s]=$(grep -m1 'number processed with profile fitting' "$d/dials/run.log" | awk -F'|' '{print $3}' | tr -d ' ')
  fi
done
echo "machine: $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
progs=(bragg); [ "${DIALS:-1}" != 0 ] && progs+=(dials)
for p in "${progs[@]}"; do
  for s in x1 x2; do
    printf "%-5s %s (%3d images): wall %6.1f s  CPU %6.1f s  peak RSS %6.0f MB  profile fitted %s\n" "$p" "$s" "$([ $s = x1 ] && echo 60 || echo 120)" \
      "${T[${p}_$s]}" "${C[${p}_$s]}" "$(echo "${R[${p}_$s]}/1024" | bc -l)" "${N[${p}_$s]}"
  done
  printf "%-5s 2x/1x: wall time %.2f, CPU time %.2f, peak RSS %.2f\n" "$p" "$(echo "${T[${p}_x2]}/${T[${p}_x1]}" | bc -l)" \
    "$(echo "${C[${p}_x2]}/${C[${p}_x1]}" | bc -l)" "$(echo "${R[${p}_x2]}/${R[${p}_x1]}" | bc -l)"
done
echo "target: bragg peak RSS 2x/1x < 1.20 with time 2x/1x about 2 (CPU time is the steadier measure on a shared machine); bragg RSS <= dials RSS"
