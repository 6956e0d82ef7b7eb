#!/usr/bin/env bash
# Smoke test of the packaged product: starts the materialised org.bragg.product headlessly (Xvfb if no
# DISPLAY), opens the thaumatin DIALS stills experiments and strong spots, checks that the Processing
# perspective and its views open, saves target/smoketest/processing_perspective.png and exits.
# Run by the verify phase of this module; also usable by hand after ./mvnw verify.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
prod="$here/target/products/org.bragg.product/linux/gtk/x86_64"
launcher=$(ls "$prod"/plugins/org.eclipse.equinox.launcher_*.jar 2>/dev/null | head -1 || true)
[ -n "$launcher" ] || { echo "smoketest: no materialised product under $prod" >&2; exit 1; }
out="$here/target/smoketest"
rm -rf "$out"; mkdir -p "$out"
data=""
for d in "${BRAGG_SHARED_DATA:-}" "$here/../../../shared/data" /work/shared/data; do
  [ -n "$d" ] && [ -d "$d/real_thaumatin_grid_i24" ] && { data="$d"; break; }
done
ref="$data/real_thaumatin_grid_i24/dials_reference/stills_mode"
open=""
if [ -f "$ref/imported.expt" ]; then open="$ref/imported.expt,$ref/strong.refl"; else echo "smoketest: shared data not found, starting without data" >&2; fi
cmd=(java -Xmx3g -Dbragg.smoketest="$out/processing_perspective.png" -Dbragg.open="$open"
     -jar "$launcher" -data "$out/workspace" -nosplash -consoleLog)
cd "$prod"
if [ -z "${DISPLAY:-}" ]; then
  timeout 240 xvfb-run -a -s '-screen 0 1600x1100x24' "${cmd[@]}" > "$out/output.txt" 2>&1 || true
else
  timeout 240 "${cmd[@]}" > "$out/output.txt" 2>&1 || true
fi
grep -E "bragg smoke test|BRAGG SMOKE" "$out/output.txt" || true
if grep -q "BRAGG SMOKE TEST OK" "$out/output.txt"; then exit 0; fi
echo "smoketest: FAILED, see $out/output.txt" >&2
tail -40 "$out/output.txt" >&2
exit 1
