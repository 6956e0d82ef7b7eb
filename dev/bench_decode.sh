#!/usr/bin/env bash
# Benchmark of CBF byte-offset decoding, Bragg (Java) against dxtbx (C++ via Python), one core each.
#   dev/bench_decode.sh [N_FILES]            (simulated PILATUS 1M, sim_xray_1a8o_p43212, default 60 files)
#   BENCH_SET=thaumatin dev/bench_decode.sh  (real PILATUS3 6M, real_thaumatin_grid_i24, 19 files)
# Makes uncompressed copies of the miniCBFs in /tmp (bunzip2 -k), compiles the
# CBF bundles with javac, then times on the same files:
#   * Bragg: the byte-offset loop on bytes in memory, and open + read through the FormatRegistry;
#   * dxtbx: dxtbx.ext.uncompress on the same bytes in memory, and dxtbx.load(path).get_raw_data().
# Prints Mpx/s per core and the ratios. Not run by CI; a benchmark, never a timed assertion.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=${BRAGG_SHARED_DATA:-$root/../shared/data}
[ -d "$data" ] || data=/work/shared/data
n=${1:-60}
work=/tmp/bragg-bench-cbf
mkdir -p "$work/images"
case "${BENCH_SET:-1a8o}" in
  thaumatin) pattern="$data/real_thaumatin_grid_i24/images/thau_3_2_*.cbf.bz2"; stem=thau_3_2_ ;;
  *) pattern="$data/sim_xray_1a8o_p43212/images/lyso1a8o_*.cbf.bz2"; stem=lyso1a8o_ ;;
esac
for f in $pattern; do
  out="$work/images/$(basename "${f%.bz2}")"
  [ -s "$out" ] || bunzip2 -c "$f" > "$out"
done
files=$(ls "$work"/images/${stem}*.cbf | head -n "$n")

"$root/dev/quick" -b org.bragg.model,org.bragg.params,org.bragg.format,org.bragg.format.cbf -o "$work/build" >/dev/null
cp=$(cat "$root/releng/org.bragg.classpath/target/test.cp")
javac -nowarn -d "$work/build/bench" -cp "$work/build/classes:$cp" "$root/dev/bench/BenchDecode.java"

echo "== Bragg (java $(java -version 2>&1 | head -1 | cut -d'"' -f2), 1 thread)"
jout=$(taskset -c 0 java -Xmx2g -XX:ActiveProcessorCount=1 -cp "$work/build/bench:$work/build/classes:$cp" BenchDecode $files)
echo "$jout"

echo "== dxtbx (/usr/bin/python3, 1 thread)"
pout=$(taskset -c 0 /usr/bin/python3 - $files <<'PY'
import sys, time
import dxtbx
from scitbx.array_family import flex  # noqa: F401 (registers the flex converters)
from dxtbx.ext import uncompress
files = sys.argv[1:]
blobs = []
pixels = 0
for p in files:
    b = open(p, "rb").read()
    i = b.find(b"\x0c\x1a\x04\xd5") + 4
    head = b[:i].decode("ascii", "ignore")
    kv = dict(l.split(":", 1) for l in head.splitlines() if l.startswith("X-Binary"))
    size = int(kv["X-Binary-Size"]); fast = int(kv["X-Binary-Size-Fastest-Dimension"]); slow = int(kv["X-Binary-Size-Second-Dimension"])
    blobs.append((b[i:i + size], fast, slow))
    pixels += fast * slow
for packed, fast, slow in blobs:  # warm-up
    uncompress(packed=packed, fast=fast, slow=slow)
best = 1e9
for rep in range(5):
    t0 = time.perf_counter()
    for packed, fast, slow in blobs:
        uncompress(packed=packed, fast=fast, slow=slow)
    best = min(best, time.perf_counter() - t0)
print("dxtbx_decode_mpx_per_s %.1f" % (pixels / best / 1e6))
best = 1e9
for rep in range(2):
    t0 = time.perf_counter()
    for p in files:
        dxtbx.load(p).get_raw_data()
    best = min(best, time.perf_counter() - t0)
print("dxtbx_load_get_raw_data_mpx_per_s %.1f" % (pixels / best / 1e6))
PY
)
echo "$pout"
jd=$(awk '/java_decode_mpx/{print $2}' <<< "$jout"); jr=$(awk '/java_open_read/{print $2}' <<< "$jout")
pd=$(awk '/dxtbx_decode_mpx/{print $2}' <<< "$pout"); pr=$(awk '/dxtbx_load_get_raw/{print $2}' <<< "$pout")
echo "== ratio Bragg / dxtbx"
awk -v a="$jd" -v b="$pd" 'BEGIN{printf "decode only:            %.2f  (%s vs %s Mpx/s)\n", a/b, a, b}'
awk -v a="$jr" -v b="$pr" 'BEGIN{printf "open + read vs get_raw_data: %.2f  (%s vs %s Mpx/s)\n", a/b, a, b}'
