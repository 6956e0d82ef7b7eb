#!/usr/bin/python3
"""Make the small CI fixture of tests/org.bragg.scaling.tests from a DIALS 3.12 run on sim_xray_1a8o_p43212.

Run DIALS first (about 2 minutes):
  mkdir -p /tmp/dx && cd /tmp/dx && dials.import /work/shared/data/sim_xray_1a8o_p43212/images/*.cbf.bz2 &&
  dials.find_spots imported.expt nproc=2 && dials.index imported.expt strong.refl &&
  dials.refine indexed.expt indexed.refl && dials.integrate refined.expt refined.refl nproc=2 &&
  dials.symmetry integrated.expt integrated.refl && dials.scale symmetrized.expt symmetrized.refl &&
  dials.export scaled.expt scaled.refl && dials.merge scaled.expt scaled.refl
then: /usr/bin/python3 dev/make_scaling_fixtures.py /tmp/dx

Writes tests/org.bragg.scaling.tests/data/1a8o_dials_scaled.csv.gz: one line per scaled observation that
dials.export kept (H,K,L in the asymmetric unit, ISYM, I and SIGI after scaling), and copies scaled.expt.
The expected statistics in the tests are DIALS's dials.merge output for the same data (merge.out).
"""
import gzip, shutil, sys, os
import gemmi

src = sys.argv[1]
out = os.path.join(os.path.dirname(__file__), "..", "tests", "org.bragg.scaling.tests", "data")
m = gemmi.read_mtz_file(os.path.join(src, "scaled.mtz"))
cols = [m.column_with_label(c) for c in ("H", "K", "L", "M/ISYM", "I", "SIGI")]
with gzip.open(os.path.join(out, "1a8o_dials_scaled.csv.gz"), "wt") as f:
    f.write("h,k,l,isym,i,sigi\n")
    for row in zip(*cols):
        h, k, l, mi, i, s = row
        f.write("%d,%d,%d,%d,%.6g,%.6g\n" % (h, k, l, int(mi) % 256, i, s))
shutil.copy(os.path.join(src, "scaled.expt"), os.path.join(out, "1a8o_dials_scaled.expt"))
