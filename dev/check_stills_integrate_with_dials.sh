#!/usr/bin/env bash
# Stills integration parity with DIALS 3.12 on the real thaumatin stills (proposed dev/check_stills_integrate_with_dials.sh).
# bragg process (import, find_spots, index, refine, integrate; stops with status 1 before merging), then
# dials.integrate on Bragg's integrated.expt (its crystals carry the Nave model) + refined.refl, then compare
# per-experiment counts, CC of intensity.sum.value on matched (identifier, hkl), |dI|/sigma and flags.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd); out=${1:-/tmp/bragg-stills-check}; data=${BRAGG_SHARED_DATA:-$root/../shared/data}/real_thaumatin_grid_i24
mkdir -p "$out" && cd "$out"
/usr/bin/time -f "bragg process: %e s wall, %U s user" "$root/bragg" process "$data/images" known_symmetry.space_group=P41212 known_symmetry.unit_cell=57.8,57.8,150,90,90,90
echo "bragg process exit status $? (1 expected: stills merging is not implemented yet)"
/usr/bin/time -f "dials.integrate: %e s wall, %U s user" dials.integrate integrated.expt refined.refl nproc=2 profile.gaussian_rs.min_spots.overall=0 \
  output.experiments=dials_integrated.expt output.reflections=dials_integrated.refl > dials_integrate.log
/usr/bin/python3 "$(dirname "$0")/compare_stills_integration.py" integrated.refl dials_integrated.refl
