#!/usr/bin/env bash
# Bitshuffle-LZ4 decode throughput (Gpx/s per core) of Bragg's NeXus reader on Eiger-16M-sized frames
# (4148 x 4362 uint32, Poisson(0.5) + 3000 spots), against h5py + the bitshuffle library's HDF5 filter
# (Debian packages python3-h5py and bitshuffle), the bitshuffle C codec alone, dxtbx FormatNXmx (if
# dxtbx is installed) reading the same file, and jHDF's own filter.
#   dev/bench_hdf5.sh [-n FRAMES] [-r REPS] [-o OUTDIR]
# Prints one line per decoder and the Bragg/h5py ratio. Timings are the best frame of REPS passes on
# one thread; run on an idle machine. Never a test assertion (STYLE §5.7).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
frames=3 reps=5 out=/tmp/bragg-bench-hdf5
while getopts "n:r:o:" o; do case $o in n) frames=$OPTARG;; r) reps=$OPTARG;; o) out=$OPTARG;; *) exit 2;; esac; done
mkdir -p "$out"
py=/usr/bin/python3
if ! $py -c 'import h5py, bitshuffle.h5' 2>/dev/null; then
  echo "needs /usr/bin/python3 with h5py and bitshuffle (apt-get install python3-h5py bitshuffle)" >&2; exit 1
fi
if [ ! -s "$out/frames.h5" ] || [ ! -s "$out/frames_nxmx.nxs" ]; then
  echo "writing $frames frames to $out ..." >&2
  $py "$root/dev/bench_hdf5.py" write "$out" "$frames" >&2
fi
bundles=org.bragg.model
[ -d "$root/bundles/org.bragg.params/src" ] && bundles=$bundles,org.bragg.params
bundles=$bundles,org.bragg.format,org.bragg.format.nexus
"$root/dev/quick" -b "$bundles" -o "$out/build" >&2
cp_lib=$(cat "$root/releng/org.bragg.classpath/target/test.cp")
javac -nowarn -d "$out/build/bench" -cp "$out/build/classes:$cp_lib" "$root/dev/bench/BenchHdf5.java"
echo "# $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
java -Xmx6g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$out/build/bench:$out/build/classes:$cp_lib" BenchHdf5 \
  "$out/frames.h5" "$out/frames_nxmx.nxs" "$reps" | tee "$out/java.txt"
$py "$root/dev/bench_hdf5.py" read "$out" "$reps" | tee "$out/py.txt"
b=$(awk '/^bragg_codec/ {print $4}' "$out/java.txt"); r=$(awk '/^bragg_reader/ {print $4}' "$out/java.txt")
j=$(awk '/^jhdf_filter/ {print $4}' "$out/java.txt"); h=$(awk '/^h5py_bitshuffle/ {print $4}' "$out/py.txt")
c=$(awk '/^c_bitshuffle/ {print $4}' "$out/py.txt")
awk -v b="$b" -v r="$r" -v j="$j" -v h="$h" -v c="$c" 'BEGIN {
  printf "ratio Bragg reader / h5py+bitshuffle (file to array)    = %.2f\n", r / h;
  printf "ratio Bragg codec / bitshuffle C codec (chunk to array) = %.2f\n", b / c;
  printf "ratio Bragg codec / jHDF 0.13 bitshuffle filter         = %.1f\n", b / j }'
x=$(awk '/^dxtbx_nxmx/ {print $4}' "$out/py.txt")
[ -n "$x" ] && awk -v r="$r" -v x="$x" 'BEGIN { printf "ratio Bragg reader / dxtbx FormatNXmx (file to array)   = %.2f\n", r / x }'
