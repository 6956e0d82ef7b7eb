#!/usr/bin/env bash
# Checks that DIALS 3.12 accepts `bragg integrate` output: runs bragg integrate on refined.expt/refined.refl
# (default: a DIALS run of sim_xray_1a8o_p43212 made in WORK), then dials.symmetry on integrated.expt/refl.
# Then compares with dials.integrate nproc=2 on the same input: counts, mean profile.correlation (DIALS definition)
# and, with TRUTH=truth_intensities.csv.gz SG="P 43 21 2" (the defaults for 1a8o), the CC of LP/QE-corrected
# intensities (fully recorded, integrated by both programs) with the true intensities.
#   [BRAGG="java -cp …  org.bragg.cli.Bragg"] [WORK=/tmp/bragg-int-check] dev/check_integrate_with_dials.sh [refined.expt refined.refl]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-/tmp/bragg-int-check}
mkdir -p "$work"
data=${BRAGG_SHARED_DATA:-$root/../shared/data}
[ -d "$data" ] || data=/work/shared/data
if [ $# -ge 2 ]; then expt=$(readlink -f "$1"); refl=$(readlink -f "$2"); truth=${TRUTH:-}; sg=${SG:-}; else
  truth=${TRUTH:-$data/sim_xray_1a8o_p43212/images/truth_intensities.csv.gz}; sg=${SG:-P 43 21 2}
  expt="$work/dials/refined.expt"; refl="$work/dials/refined.refl"
  if [ ! -s "$refl" ]; then
    mkdir -p "$work/dials"
    (cd "$work/dials" && dials.import "$data"/sim_xray_1a8o_p43212/images/*.cbf.bz2 >/dev/null \
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
# dials.integrate on the same input, then the comparison
mkdir -p "$work/dials_integrate"
if [ ! -s "$work/dials_integrate/integrated.refl" ] || [ "$expt" -nt "$work/dials_integrate/integrated.refl" ]; then
  (cd "$work/dials_integrate" && dials.integrate "$expt" "$refl" nproc=2 > dials_integrate.log 2>&1)
fi
/usr/bin/python3 - "$work/bragg/integrated.refl" "$work/dials_integrate/integrated.refl" "$truth" "$sg" <<'PY'
import sys, gzip, csv
from dials.array_family import flex
from cctbx import sgtbx, miller
b = flex.reflection_table.from_file(sys.argv[1]); d = flex.reflection_table.from_file(sys.argv[2])
truth, sg = sys.argv[3], sys.argv[4]
for t, name in ((b, "bragg"), (d, "dials")):
    prf = t.get_flags(t.flags.integrated_prf)
    cc = t["profile.correlation"].select(prf)
    print(f"{name}: integrated_sum {t.get_flags(t.flags.integrated_sum).count(True)}, integrated_prf {prf.count(True)}, "
          f"mean profile.correlation {flex.mean(cc):.4f}")
# the same reflection: Miller index and calculated frame within 1
kd = {}
hd, zd = d["miller_index"], d["xyzcal.px"].parts()[2]
for j in range(len(d)): kd.setdefault(hd[j], []).append(j)
pairs = []
hb, zb = b["miller_index"], b["xyzcal.px"].parts()[2]
for i in range(len(b)):
    c = [j for j in kd.get(hb[i], []) if abs(zd[j] - zb[i]) < 1]
    if c: pairs.append((i, c[0]))
fb, fd = b["flags"], d["flags"]
both = [(i, j) for i, j in pairs if (fb[i] & b.flags.integrated_prf) and (fd[j] & d.flags.integrated_prf)]
cb = flex.double([b["profile.correlation"][i] for i, _ in both]); cd = flex.double([d["profile.correlation"][j] for _, j in both])
print(f"profile fitted by both: {len(both)}; mean profile.correlation bragg {flex.mean(cb):.4f}, dials {flex.mean(cd):.4f}")
if truth:
    g = sgtbx.space_group_info(sg).group()
    tr = {}
    with gzip.open(truth, "rt") as f:
        r = csv.reader(f); next(r)
        for row in r: tr[(int(row[0]), int(row[1]), int(row[2]))] = float(row[4])
    asu = flex.miller_index([hb[i] for i, _ in pairs]); miller.map_to_asu(g.type(), False, asu)
    for col, flag in (("intensity.prf.value", b.flags.integrated_prf), ("intensity.sum.value", b.flags.integrated_sum)):
        xb, xd, yt = flex.double(), flex.double(), flex.double()
        for k, (i, j) in enumerate(pairs):
            if not (fb[i] & flag) or not (fd[j] & flag) or b["partiality"][i] < 0.9973 or d["partiality"][j] < 0.9973: continue
            it = tr.get(tuple(asu[k]))
            if it is None: continue
            xb.append(b[col][i] * b["lp"][i] / b["qe"][i]); xd.append(d[col][j] * d["lp"][j] / d["qe"][j]); yt.append(it)
        ccb, ccd = flex.linear_correlation(xb, yt).coefficient(), flex.linear_correlation(xd, yt).coefficient()
        print(f"{col}: CC with truth on {len(yt)} full reflections integrated by both: bragg {ccb:.6f}, dials {ccd:.6f} "
              f"({'OK' if ccb >= ccd else 'BELOW DIALS'})")
PY
