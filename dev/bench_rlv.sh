#!/usr/bin/env bash
# Rotation frame rate of the reciprocal lattice viewer (bragg rlv), issue 7: "≥ 20 frames/s rotating
# 100 000 points".
#   dev/bench_rlv.sh [POINTS] [FRAMES] [WIDTH] [HEIGHT]     (defaults 100000 300 1000 760)
# Points: the reciprocal lattice of the DIALS-refined sim_xray_1a8o_p43212 crystal out to the radius
# that holds POINTS lattice points, coloured by angle. The view (an SWT canvas of WIDTH×HEIGHT) turns
# by 1° per frame; each frame is one complete repaint seen by the canvas's paint listener (software
# point renderer, image upload, overlay lines and labels). Prints frames/s of the whole repaint and of
# the point renderer alone. Uses $DISPLAY if set (the real thing), else a private Xvfb server.
# Compiles through ./bragg (core classes, the rlv bundle, SWT jar). A benchmark, never a timed test.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${BRAGG_SHARED_DATA:-$root/../shared/data}
[ -d "$data" ] || data=/work/shared/data
"$root/bragg" rlv -h > /dev/null   # compiles the classes and finds or fetches SWT
swtver=$(sed -n 's|.*<artifactId>org.eclipse.swt.gtk.linux.x86_64</artifactId><version>\([^<]*\)</version>.*|\1|p' "$root"/target-platform/*.target | head -1)
swt="${BRAGG_M2_REPO:-$HOME/.m2/repository}/org/eclipse/platform/org.eclipse.swt.gtk.linux.x86_64/$swtver/org.eclipse.swt.gtk.linux.x86_64-$swtver.jar"
[ -f "$swt" ] || swt="$root/build-cache/swt/org.eclipse.swt.gtk.linux.x86_64-$swtver.jar"
cache="$root/build-cache"
cp="$cache/rlv-classes:$cache/classes:$(cat "$cache/runtime.cp"):$swt"
args=("$data/sim_xray_1a8o_p43212/dials_reference/refined.expt" "points=${1:-100000}" "frames=${2:-300}" "width=${3:-1000}" "height=${4:-760}")
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "${DISPLAY:-}" ]; then
  java -Xmx2g -cp "$cp" org.bragg.ui.rlv.internal.RlvBenchmark "${args[@]}" 2>&1 | grep -v -e Gtk-CRITICAL -e SessionManager -e '^$'
else
  xvfb-run -a -s "-screen 0 1600x1200x24" java -Xmx2g -cp "$cp" org.bragg.ui.rlv.internal.RlvBenchmark "${args[@]}" 2>&1 \
    | grep -v -e Gtk-CRITICAL -e SessionManager -e '^$'
fi
