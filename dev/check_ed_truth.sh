#!/usr/bin/env bash
# End-to-end truth check of bragg process on the simulated sweeps (issue 8).
#   dev/check_ed_truth.sh [ed|xray|all] [OUTDIR] [extra name=value ...]
# ed:   shared/data/sim_ed_1hpv_p61 with dispersion.gain=3 and the ED refinement fixes DIALS users
#       apply (detector distance and its tilts fixed in refine: the camera length and the cell scale
#       are degenerate), target Laue group P 6/m (truth P 61; the 36 deg sweep has no 00l),
#       acceptance CC(IMEAN, truth) >= 0.878 (DIALS 3.12).
# xray: shared/data/sim_xray_1a8o_p43212 (defaults), target P 4/m m m and P 4 2 2 with screw axes
#       undetermined, CC >= 0.999.
# Prints the Laue group, the space group, the reindex operator and the indexing ambiguity from
# bragg.process.log, then CC(merged IMEAN, I_true) and CC(F) after the best merohedral reindexing,
# overall and by resolution shell (dev/check_ed_truth.py, gemmi on /usr/bin/python3).
# Runs one bragg process at a time (about 1 min each on 2 cores). Exit 1 if a target is missed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
which=${1:-all}
out=${2:-/tmp/check_ed_truth-$USER}
shift $(( $# > 2 ? 2 : $# )) || true
extra=("$@")
data=${BRAGG_SHARED_DATA:-$root/../shared/data}
fail=0

run() { # name images min_cc laue sg args...
  local name=$1 images=$2 mincc=$3 laue=$4 sg=$5; shift 5
  local dir="$out/$name"
  rm -rf "$dir"; mkdir -p "$dir"
  echo "== $name: bragg process $images $* ${extra[*]:-}"
  local t0=$SECONDS
  (cd "$dir" && "$root/bragg" process "$images" "$@" "${extra[@]}" > process.out 2>&1) || { echo "bragg process failed, see $dir/process.out"; tail -5 "$dir/process.out"; fail=1; return; }
  echo "wall time: $((SECONDS - t0)) s"
  local log="$dir/bragg.process.log"
  local got_laue got_sg
  got_laue=$(grep -m1 '^Best solution:' "$log" | sed 's/^Best solution: //')
  got_sg=$(grep -m1 '^Saving reindexed experiments' "$log" | sed 's/.*in space group //')
  echo "Laue group: $got_laue   (target $laue)"
  grep -m1 '^Laue group probability' "$log" || true
  grep -m1 '^Reindex operator' "$log" || true
  grep -m1 '^Indexing ambiguity' "$log" || true
  echo "Space group: $got_sg   (target $sg)"
  grep -m1 'screw axes are undetermined' "$log" | cut -c1-100 || true
  /usr/bin/python3 "$root/dev/check_ed_truth.py" "$dir/merged.mtz" "$(dirname "$images")/$(basename "$images")" | tee "$dir/truth.txt"
  local cc
  cc=$(awk '$1=="cc_I_merged_vs_true"{print $2}' "$dir/truth.txt")
  [ "$got_laue" = "$laue" ] || { echo "MISSED: Laue group $got_laue, target $laue"; fail=1; }
  [ "$got_sg" = "$sg" ] || { echo "MISSED: space group $got_sg, target $sg"; fail=1; }
  awk -v c="$cc" -v m="$mincc" 'BEGIN{exit !(c >= m)}' || { echo "MISSED: CC(I) $cc < $mincc"; fail=1; }
}

case $which in ed|all)
  run sim_ed_1hpv_p61 "$data/sim_ed_1hpv_p61/images" 0.878 "P 6/m" "P 6" dispersion.gain=3 \
    refine.refinement.parameterisation.detector.fix_list=Dist,Tau2,Tau3 ;;
esac
case $which in xray|all)
  run sim_xray_1a8o_p43212 "$data/sim_xray_1a8o_p43212/images" 0.999 "P 4/m m m" "P 4 2 2" ;;
esac
exit $fail
