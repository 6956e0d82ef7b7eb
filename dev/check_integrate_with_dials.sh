#!/usr/bin/env bash
# Checks that DIALS 3.12 accepts `bragg integrate` output: runs bragg integrate on refined.expt/refined.refl
# (default: a DIALS run of sim_xray_1a8o_p43212 made in WORK), then dials.symmetry on integrated.expt/refl.
#   [BRAGG="java -cp …  org.bragg.cli.Bragg"] [WORK=/tmp/bragg-int-check] dev/check_integrate_with_dials.sh [refined.expt refined.refl]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-/tmp/bragg-int-check}
mkdir -p "$work"
if [ $# -ge 2 ]; then expt=$(readlink -f "$1"); refl=$(readlink -f "$2"); else
  expt="$work/dials/refined.expt"; refl="$work/dials/refined.refl"
  if [ ! -s "$refl" ]; then
    mkdir -p "$work/dials"
    (cd "$work/dials" && dials.import "$root"/../shared/data/sim_xray_1a8o_p43212/images/*.cbf.bz2 >/dev/null \
      && dials.find_spots imported.expt nproc=2 >/dev/null && dials.index imported.expt strong.refl >/dev/null \
      && dials.refine indexed.expt indexed.refl scan_varying=False >/dev/null)
  fi
fi
mkdir -p "$work/bragg"
cd "$work/bragg"
${BRAGG:-"$root/bragg"} integrate "$expt" "$refl" > bragg_integrate.log
tail -3 bragg_integrate.log
dials.symmetry integrated.expt integrated.refl > dials_symmetry.log 2>&1 || { echo "FAIL: dials.symmetry rejected the output (see $work/bragg/dials_symmetry.log)"; tail -20 dials_symmetry.log; exit 1; }
grep -A3 "Recommended space group\|Best solution" dials_symmetry.log | head -8 || true
echo "OK: dials.symmetry accepted integrated.expt/integrated.refl ($work/bragg)"
