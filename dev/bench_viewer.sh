#!/usr/bin/env bash
# Image-viewer speed on the real Pilatus3 6M thaumatin frames (real_thaumatin_grid_i24, 2463 x 2527 px),
# against the targets of issue 6: display of an already decoded frame <= 50 ms; colour, brightness and
# zoom changes never re-decode; threshold preview of one 6M frame <= 200 ms on one core; stepping through
# a 6M sweep >= 5 frames/s. A benchmark, not a test: it prints figures and never fails on time.
#   dev/bench_viewer.sh            (needs an X display or xvfb-run; uses BRAGG_SHARED_DATA or ../shared/data)
# Compiles org.bragg.ui.core, the threshold preview and tests/org.bragg.ui.tests/.../ViewerBenchmark.java
# with javac against the core classes of ./bragg (build-cache/) and the Eclipse jars that the Tycho build
# put into ~/.m2 (run ./mvnw verify once on a fresh clone). Uncompressed copies go to /tmp/bragg-bench-viewer.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${BRAGG_SHARED_DATA:-$root/../shared/data}
[ -d "$data/real_thaumatin_grid_i24" ] || data=/work/shared/data
images="$data/real_thaumatin_grid_i24/images"
[ -d "$images" ] || { echo "bench_viewer: $images not found (set BRAGG_SHARED_DATA)" >&2; exit 1; }
work=/tmp/bragg-bench-viewer
mkdir -p "$work"
"$root/bragg" --help > /dev/null   # compiles the core bundles into build-cache/ if needed
m2=${MAVEN_REPO:-$HOME/.m2/repository}
jar() { # group path, artifact, version
  local f="$m2/$1/$2/$3/$2-$3.jar"
  [ -f "$f" ] || { echo "bench_viewer: $f missing; run ./mvnw -B verify once" >&2; exit 1; }
  echo "$f"
}
ecp="$(jar org/eclipse/platform org.eclipse.swt.gtk.linux.x86_64 3.127.0):$(jar org/eclipse/platform org.eclipse.core.jobs 3.15.500)"
ecp="$ecp:$(jar org/eclipse/platform org.eclipse.equinox.common 3.20.0):$(jar org/eclipse/january org.eclipse.january 2.3.2)"
ecp="$ecp:$(jar org/eclipse/platform org.eclipse.osgi 3.24.300)"
cp="$root/build-cache/classes:$(cat "$root/build-cache/runtime.cp"):$ecp"
rm -rf "$work/classes"; mkdir -p "$work/classes"
javac -nowarn -encoding UTF-8 --release 17 -d "$work/classes" -cp "$cp" \
  $(find "$root/bundles/org.bragg.ui.core/src" -name '*.java') \
  "$root/bundles/org.bragg.ui.imageviewer/src/org/bragg/ui/imageviewer/internal/ThresholdPreview.java" \
  "$root/tests/org.bragg.ui.tests/src/org/bragg/ui/tests/ViewerBenchmark.java"
run=(java -Xmx4g -cp "$work/classes:$cp" org.bragg.ui.tests.ViewerBenchmark "$images" "$work/cbf")
echo "== bench_viewer: $(nproc) cores, java $(java -version 2>&1 | head -1 | cut -d'"' -f2), $(date -u +%FT%TZ)"
if [ -n "${DISPLAY:-}" ]; then "${run[@]}" display; else xvfb-run -a -s '-screen 0 1280x1024x24' "${run[@]}" display; fi 2>&1 | grep -v SessionManagerDBus
taskset -c 0 java -Xmx4g -XX:ActiveProcessorCount=1 -cp "$work/classes:$cp" org.bragg.ui.tests.ViewerBenchmark "$images" "$work/cbf" threshold
