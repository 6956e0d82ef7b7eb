#!/usr/bin/env bash
# p2 install check of the Bragg update site (issue 6): does target/repository install into a plain
# Eclipse 4.33 platform, and does the result run?
#   installcheck.sh prepare  copy the materialised org.bragg.platform.product (no Bragg bundle) to
#                            target/installcheck/eclipse and check that it holds no org.bragg bundle
#   (the p2 director then installs org.bragg.core.feature and org.bragg.ui.feature into that copy from
#    target/repository: execution install-check-director of pom.xml, integration-test phase)
#   installcheck.sh check    check that the director put the Bragg bundles into the copy's
#                            bundles.info, start it headlessly (Xvfb if no DISPLAY) with the installed
#                            org.bragg.ui.imageviewer.application in smoke-test mode (services, Processing
#                            perspective, its views, a thaumatin image shown) and save
#                            target/installcheck/processing_perspective.png
# Run by the verify phase of this module; by hand after ./mvnw verify:
#   releng/org.bragg.repository/installcheck.sh prepare
#   ./mvnw -B -f releng/org.bragg.repository tycho-p2-director:director@install-check-director  (needs the reactor)
#   releng/org.bragg.repository/installcheck.sh check
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
platform="$here/target/products/org.bragg.platform.product/linux/gtk/x86_64"
out="$here/target/installcheck"
eclipse="$out/eclipse"
info=configuration/org.eclipse.equinox.simpleconfigurator/bundles.info

case "${1:-}" in
prepare)
  [ -f "$platform/$info" ] || { echo "installcheck: no materialised platform under $platform" >&2; exit 1; }
  if grep -q '^org\.bragg\.' "$platform/$info"; then
    echo "installcheck: the plain platform already contains Bragg bundles" >&2; exit 1
  fi
  rm -rf "$out"; mkdir -p "$out"
  cp -a "$platform" "$eclipse"
  echo "installcheck: plain platform copied to $eclipse ($(wc -l < "$eclipse/$info") bundles, none from Bragg)"
  ;;
check)
  [ -f "$eclipse/$info" ] || { echo "installcheck: no platform copy in $eclipse (run prepare and the director)" >&2; exit 1; }
  n=$(grep -c '^org\.bragg\.' "$eclipse/$info" || true)
  echo "installcheck: the p2 director installed $n org.bragg bundles into $eclipse"
  for b in org.bragg.model org.bragg.format.cbf org.bragg.spotfinding org.bragg.cli org.bragg.ui.core org.bragg.ui.imageviewer; do
    grep -q "^$b," "$eclipse/$info" || { echo "installcheck: FAILED, $b not in $info" >&2; exit 1; }
  done
  launcher=$(ls "$eclipse"/plugins/org.eclipse.equinox.launcher_*.jar 2>/dev/null | head -1 || true)
  [ -n "$launcher" ] || { echo "installcheck: no launcher jar in $eclipse/plugins" >&2; exit 1; }
  data=""
  for d in "${BRAGG_SHARED_DATA:-}" "$here/../../../shared/data" /work/shared/data; do
    [ -n "$d" ] && [ -d "$d/real_thaumatin_grid_i24" ] && { data="$d"; break; }
  done
  ref="$data/real_thaumatin_grid_i24/dials_reference/stills_mode"
  [ -f "$ref/imported.expt" ] || { echo "installcheck: shared data not found (real_thaumatin_grid_i24)" >&2; exit 1; }
  cmd=(java -Xmx3g -Dbragg.smoketest="$out/processing_perspective.png" -Dbragg.open="$ref/imported.expt,$ref/strong.refl"
       -jar "$launcher" -data "$out/workspace" -nosplash -consoleLog
       -application org.bragg.ui.imageviewer.application -product org.bragg.ui.imageviewer.product)
  cd "$eclipse"
  if [ -z "${DISPLAY:-}" ]; then
    timeout 240 xvfb-run -a -s '-screen 0 1600x1100x24' "${cmd[@]}" > "$out/output.txt" 2>&1 || true
  else
    timeout 240 "${cmd[@]}" > "$out/output.txt" 2>&1 || true
  fi
  grep -E "bragg smoke test|BRAGG SMOKE" "$out/output.txt" || true
  if grep -q "BRAGG SMOKE TEST OK" "$out/output.txt"; then
    echo "installcheck: OK, Bragg installed by the p2 director into a plain Eclipse 4.33 platform runs"; exit 0
  fi
  echo "installcheck: FAILED, see $out/output.txt" >&2
  tail -40 "$out/output.txt" >&2
  exit 1
  ;;
*) echo "usage: installcheck.sh prepare|check" >&2; exit 2;;
esac
