#!/usr/bin/env bash
# Interoperability check of Bragg's .expt writer with DIALS 3.12 (needs /usr/bin/python3 with dxtbx and
# dials.show on PATH; not a unit test). For every DIALS reference .expt in the shared data it
#   1. reads the file with Bragg (org.bragg.io.ExperimentListIO) and writes it again,
#   2. loads original and Bragg-written file with dxtbx ExperimentListFactory.from_json_file(check_format=False)
#      and compares every model field (global detector frames, hierarchy, sharing, crystal, scan, ...),
#   3. runs dials.show on both and compares the output (all numbers, relative tolerance 1e-6).
# Usage: dev/check_expt_with_dials.sh [DATA_DIR]      (default: $BRAGG_SHARED_DATA or ../shared/data)
# Environment: BRAGG_IO_CLASSES=dir  use already compiled org.bragg.model + org.bragg.io classes
#              WORK=dir              where to write (default: a new /tmp/bragg-expt-check.* directory)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=$(cd "${1:-${BRAGG_SHARED_DATA:-$root/../shared/data}}" && pwd)
work=${WORK:-$(mktemp -d /tmp/bragg-expt-check.XXXXXX)}
mkdir -p "$work"
libcp=$(cat "$root/releng/org.bragg.classpath/target/test.cp" 2>/dev/null || true)
if [ -z "$libcp" ]; then "$root/dev/quick" -b org.bragg.model -o "$work/build" >/dev/null; libcp=$(cat "$root/releng/org.bragg.classpath/target/test.cp"); fi
classes=${BRAGG_IO_CLASSES:-}
if [ -z "$classes" ]; then
  "$root/dev/quick" -b org.bragg.model,org.bragg.io -o "$work/build" >&2
  classes=$work/build/classes
fi

mapfile -t inputs < <(find "$data" \( -path '*/dials_reference/*' -name '*.expt' \) -o \( -path '*/images/truth.expt' \) | sort)
echo "== rewriting ${#inputs[@]} reference .expt files with Bragg into $work/out"
java -cp "$classes:$libcp" "$root/dev/IoRewrite.java" expt "$work/out" "$data" "${inputs[@]}" > "$work/pairs.tsv"

echo "== dxtbx model comparison"
dx=0
/usr/bin/python3 - "$work/pairs.tsv" <<'PY' || dx=$?
import sys
from dxtbx.model.experiment_list import ExperimentListFactory as F

TOL = 1e-9
worst = [0.0]
def close(a, b, what, errs):
    a = list(a) if hasattr(a, "__len__") else [a]
    b = list(b) if hasattr(b, "__len__") else [b]
    if len(a) != len(b):
        errs.append(f"{what}: length {len(a)} vs {len(b)}"); return
    for x, y in zip(a, b):
        if isinstance(x, (int, float)) and isinstance(y, (int, float)):
            d = abs(x - y); worst[0] = max(worst[0], d)
            if d > TOL * max(1.0, abs(x)): errs.append(f"{what}: {a} vs {b}"); return
        elif x != y:
            errs.append(f"{what}: {a} vs {b}"); return

def same(a, b, what, errs):
    if a != b: errs.append(f"{what}: {a!r} vs {b!r}")

def index_map(el, get):
    models = []
    out = []
    for e in el:
        m = get(e)
        if m is None: out.append(None); continue
        for i, x in enumerate(models):
            if x is m: out.append(i); break
        else:
            models.append(m); out.append(len(models) - 1)
    return out

def walk(node, path, out):
    out.append((path, node.get_name(), tuple(node.get_origin()) + tuple(node.get_fast_axis()) + tuple(node.get_slow_axis()),
                node.index() if node.is_panel() else None))
    if not node.is_panel():
        for i, c in enumerate(node):
            walk(c, path + (i,), out)

def compare(a, b):
    errs = []
    same(len(a), len(b), "experiments", errs)
    for kind in ("beam", "detector", "goniometer", "scan", "crystal", "profile", "scaling_model", "imageset"):
        same(index_map(a, lambda e: getattr(e, kind)), index_map(b, lambda e: getattr(e, kind)), kind + " sharing", errs)
    for i, (x, y) in enumerate(zip(a, b)):
        w = f"experiment {i}"
        same(x.identifier, y.identifier, w + " identifier", errs)
        if x.beam or y.beam:
            close(x.beam.get_s0(), y.beam.get_s0(), w + " s0", errs)
            close(x.beam.get_divergence(), y.beam.get_divergence(), w + " divergence", errs)
            close(x.beam.get_sigma_divergence(), y.beam.get_sigma_divergence(), w + " sigma_divergence", errs)
            close(x.beam.get_polarization_normal(), y.beam.get_polarization_normal(), w + " polarization normal", errs)
            close(x.beam.get_polarization_fraction(), y.beam.get_polarization_fraction(), w + " polarization fraction", errs)
            close(x.beam.get_flux(), y.beam.get_flux(), w + " flux", errs)
            close(x.beam.get_transmission(), y.beam.get_transmission(), w + " transmission", errs)
            same(x.beam.num_scan_points, y.beam.num_scan_points, w + " beam scan points", errs)
        if x.detector or y.detector:
            same(len(x.detector), len(y.detector), w + " panels", errs)
            for k, (p, q) in enumerate(zip(x.detector, y.detector)):
                v = f"{w} panel {k}"
                for g in ("get_origin", "get_fast_axis", "get_slow_axis", "get_pixel_size", "get_trusted_range", "get_thickness", "get_mu",
                          "get_gain", "get_pedestal"):
                    close(getattr(p, g)(), getattr(q, g)(), f"{v} {g[4:]}", errs)
                for g in ("get_name", "get_type", "get_image_size", "get_raw_image_offset", "get_material", "get_identifier"):
                    same(getattr(p, g)(), getattr(q, g)(), f"{v} {g[4:]}", errs)
                same([tuple(m) for m in p.get_mask()], [tuple(m) for m in q.get_mask()], f"{v} mask", errs)
                same(p.get_px_mm_strategy().name(), q.get_px_mm_strategy().name(), f"{v} px_mm_strategy", errs)
            hx, hy = [], []
            walk(x.detector.hierarchy(), (), hx); walk(y.detector.hierarchy(), (), hy)
            same(len(hx), len(hy), w + " hierarchy nodes", errs)
            for (pa, na, fa, ia), (pb, nb, fb, ib) in zip(hx, hy):
                same((pa, na, ia), (pb, nb, ib), f"{w} hierarchy node {pa}", errs)
                close(fa, fb, f"{w} hierarchy node {pa} frame", errs)
        if x.goniometer or y.goniometer:
            close(x.goniometer.get_rotation_axis(), y.goniometer.get_rotation_axis(), w + " rotation axis", errs)
            close(x.goniometer.get_fixed_rotation(), y.goniometer.get_fixed_rotation(), w + " F", errs)
            close(x.goniometer.get_setting_rotation(), y.goniometer.get_setting_rotation(), w + " S", errs)
            same(x.goniometer.num_scan_points, y.goniometer.num_scan_points, w + " goniometer scan points", errs)
        if x.scan or y.scan:
            same(x.scan.get_image_range(), y.scan.get_image_range(), w + " image range", errs)
            same(x.scan.get_batch_offset(), y.scan.get_batch_offset(), w + " batch offset", errs)
            close(x.scan.get_oscillation(), y.scan.get_oscillation(), w + " oscillation", errs)
            close(x.scan.get_exposure_times(), y.scan.get_exposure_times(), w + " exposure times", errs)
            close(x.scan.get_epochs(), y.scan.get_epochs(), w + " epochs", errs)
            same(x.scan.get_valid_image_ranges(x.identifier), y.scan.get_valid_image_ranges(y.identifier), w + " valid image ranges", errs)
        if x.crystal or y.crystal:
            same(type(x.crystal).__name__, type(y.crystal).__name__, w + " crystal class", errs)
            close(x.crystal.get_A(), y.crystal.get_A(), w + " A", errs)
            close(x.crystal.get_B(), y.crystal.get_B(), w + " B", errs)
            same(x.crystal.get_space_group().type().hall_symbol(), y.crystal.get_space_group().type().hall_symbol(), w + " space group", errs)
            same(x.crystal.num_scan_points, y.crystal.num_scan_points, w + " crystal scan points", errs)
            for s in range(x.crystal.num_scan_points):
                close(x.crystal.get_A_at_scan_point(s), y.crystal.get_A_at_scan_point(s), f"{w} A at scan point {s}", errs)
            close(x.crystal.get_B_covariance(), y.crystal.get_B_covariance(), w + " B covariance", errs)
        if x.profile or y.profile:
            same(x.profile.to_dict(), y.profile.to_dict(), w + " profile", errs)
        if x.scaling_model or y.scaling_model:
            same(x.scaling_model.to_dict(), y.scaling_model.to_dict(), w + " scaling model", errs)
        if x.imageset or y.imageset:
            same(type(x.imageset).__name__, type(y.imageset).__name__, w + " imageset type", errs)
            same(list(x.imageset.paths()), list(y.imageset.paths()), w + " image paths", errs)
    return errs

failed = 0
for line in open(sys.argv[1]):
    orig, bragg = line.rstrip("\n").split("\t")
    a = F.from_json_file(orig, check_format=False)
    b = F.from_json_file(bragg, check_format=False)
    errs = compare(a, b)
    name = orig.split("/data/")[-1]
    if errs:
        failed += 1
        print(f"FAIL {name}: {len(errs)} differences, e.g. {errs[:3]}")
    else:
        print(f"ok   {name}: {len(a)} experiment(s), {sum(len(d) for d in a.detectors())} panel(s), models equal")
print(f"dxtbx comparison: {failed} of {sum(1 for _ in open(sys.argv[1]))} files differ; largest absolute deviation {worst[0]:.3g}")
sys.exit(1 if failed else 0)
PY

echo "== dials.show comparison"
show_failed=0
while IFS=$'\t' read -r orig bragg; do
  name=${orig#"$data"/}
  (cd "$work" && dials.show "$orig" > "$bragg.show.orig" 2>&1) || { echo "FAIL $name: dials.show failed on the original"; show_failed=$((show_failed+1)); continue; }
  if ! (cd "$work" && dials.show "$bragg" > "$bragg.show.bragg" 2>&1); then
    echo "FAIL $name: dials.show failed on the Bragg file (see $bragg.show.bragg)"; show_failed=$((show_failed+1)); continue
  fi
  /usr/bin/python3 - "$bragg.show.orig" "$bragg.show.bragg" "$name" <<'PY' || show_failed=$((show_failed+1))
import re, sys
num = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")
def lines(f):
    return [l.rstrip("\n") for l in open(f) if "experiments =" not in l]
a, b = lines(sys.argv[1]), lines(sys.argv[2])
text_diff = sum(1 for x, y in zip(a, b) if x != y) + abs(len(a) - len(b))
na = [float(x) for l in a for x in num.findall(l)]
nb = [float(x) for l in b for x in num.findall(l)]
bad = len(na) != len(nb) or any(abs(x - y) > 1e-6 * max(1.0, abs(x)) for x, y in zip(na, nb))
print(f"{'FAIL' if bad else 'ok  '} {sys.argv[3]}: dials.show {len(a)} lines, {len(na)} numbers compared, "
      f"{text_diff} line(s) differ textually{'' if bad else ' (numbers equal within 1e-6)'}")
sys.exit(1 if bad else 0)
PY
done < "$work/pairs.tsv"
echo "dials.show comparison: $show_failed file(s) differ"
echo "work directory: $work"
[ "$dx" -eq 0 ] && [ "$show_failed" -eq 0 ]
