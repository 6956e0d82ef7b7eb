#!/usr/bin/env bash
# Benchmark of spot finding: bragg (SpotFinder, as `bragg find_spots`) against dials.find_spots
# (Debian DIALS 3.12) on the same imported experiments, nproc=2 for both, whole processes timed with
# /usr/bin/time (wall time and peak RSS, start-up included).
#   dev/bench_find_spots.sh                 1a8o sweep (bz2 and plain CBF) and thaumatin stills
#   BENCH_LARGE=1 dev/bench_find_spots.sh   also a synthetic PILATUS 6M sweep made with
#                                            shared/tools/simrot.py (generated once, cached in /tmp)
#   BENCH_SETS="1a8o thau" ...              choose sets (1a8o, 1a8o_plain, thau, ed, large)
# Not run by CI: a benchmark, never a timed assertion. Timings depend on machine load (check uptime).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${BRAGG_SHARED_DATA:-$root/../shared/data}
[ -d "$data" ] || data=/work/shared/data
tools=$(cd "$data/../tools" 2>/dev/null && pwd || echo /work/shared/tools)
work=${BENCH_WORK:-/tmp/bragg-bench-spots}
nproc=${BENCH_NPROC:-2}
sets=${BENCH_SETS:-"1a8o 1a8o_plain thau"}
[ "${BENCH_LARGE:-0}" = 1 ] && sets="$sets large"
mkdir -p "$work"

echo "== building Bragg (dev/quick)"
"$root/dev/quick" -b org.bragg.model,org.bragg.params,org.bragg.format,org.bragg.format.cbf,org.bragg.format.smv,org.bragg.io,org.bragg.spotfinding \
  -o "$work/build" >/dev/null
cp=$(cat "$root/releng/org.bragg.classpath/target/test.cp")
javac -nowarn -d "$work/build/bench" -cp "$work/build/classes:$cp" "$root/dev/bench/BenchFindSpots.java"
bragg_cp="$work/build/bench:$work/build/classes:$cp"

# --- datasets: name -> imported.expt (+ extra parameters) ------------------------------------------
expt_for() {
  case "$1" in
    1a8o) echo "$data/sim_xray_1a8o_p43212/dials_reference/imported.expt" ;;
    thau) echo "$data/real_thaumatin_grid_i24/dials_reference/stills_mode/imported.expt" ;;
    ed) echo "$data/sim_ed_1hpv_p61/dials_reference/imported.expt" ;;
    1a8o_plain)
      d="$work/1a8o_plain"; mkdir -p "$d/images"
      for f in "$data"/sim_xray_1a8o_p43212/images/lyso1a8o_*.cbf.bz2; do
        o="$d/images/$(basename "${f%.bz2}")"; [ -s "$o" ] || bunzip2 -c "$f" > "$o"; done
      if [ ! -s "$d/imported.expt" ]; then
        sed -e "s|\"../images/lyso1a8o_####.cbf.bz2\"|\"$d/images/lyso1a8o_####.cbf\"|" \
          "$data/sim_xray_1a8o_p43212/dials_reference/imported.expt" > "$d/imported.expt"
      fi
      echo "$d/imported.expt" ;;
    large)
      d="$work/sim6m"
      if [ ! -s "$d/imported.expt" ]; then
        echo "   generating a PILATUS 6M sweep with simrot.py (once, about 2 s per frame)" >&2
        /usr/bin/python3 "$tools/simrot.py" --pdb "$tools/models/1A8O.pdb.gz" --out "$d/images" --detector 6M \
          --distance 250 --nimages "${BENCH_LARGE_FRAMES:-36}" --osc 0.5 --seed 11 --d_min 1.5 >&2
        (cd "$d" && dials.import images/*.cbf output.experiments=imported.expt >/dev/null)
      fi
      echo "$d/imported.expt" ;;
  esac
}
extra_for() { case "$1" in ed) echo "gain=3" ;; *) echo "" ;; esac; }

measure() { # cmd... ; prints "wall rss_kb"
  local log=$1; shift
  /usr/bin/time -f "%e %M" -o "$log.time" "$@" > "$log" 2>&1
  cat "$log.time"
}

printf '\n%-12s %7s %8s %8s %7s %9s %9s %7s\n' set frames dials_s bragg_s ratio dials_MB bragg_MB spots
results=()
for s in $sets; do
  expt=$(expt_for "$s"); extra=$(extra_for "$s")
  d="$work/run_$s"; rm -rf "$d"; mkdir -p "$d"
  read -r dw dm < <(cd "$d" && measure "$d/dials.log" dials.find_spots "$expt" nproc=$nproc $extra output.reflections=dials.refl output.log=dials.find_spots.log)
  read -r bw bm < <(cd "$d" && measure "$d/bragg.log" java -Dquiet=true -cp "$bragg_cp" BenchFindSpots "$expt" bragg.refl nproc=$nproc $extra)
  ds=$(grep -o "Saved [0-9]* reflections" "$d/dials.log" | awk '{print $2}')
  bs=$(grep -o "Saved [0-9]* reflections" "$d/bragg.log" | awk '{print $2}')
  frames=$(grep -c "strong pixels on image" "$d/dials.log" || true)
  ratio=$(awk -v a="$bw" -v b="$dw" 'BEGIN{printf "%.2f", a/b}')
  printf '%-12s %7s %8s %8s %7s %9.0f %9.0f %7s\n' "$s" "$frames" "$dw" "$bw" "$ratio" "$(awk -v m="$dm" 'BEGIN{print m/1024}')" \
    "$(awk -v m="$bm" 'BEGIN{print m/1024}')" "$ds/$bs"
  echo "             bragg time inside SpotFinder: $(grep bragg_find_spots_s "$d/bragg.log" | awk '{print $2}') s"
done
echo
echo "ratio = bragg wall / dials wall (whole processes, JVM and Python start-up included); MB = peak RSS."
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
