#!/usr/bin/python3
"""Writes the compact symmetry-test fixture of bragg's org.bragg.symmetry.tests from DIALS output.

Usage (DIALS python, /usr/bin/python3):
    dev/symmetry_fixture.py integrated.expt integrated.refl out.csv.gz

Rows: reflections flagged integrated_prf, partiality >= 0.4, prf I/sig >= -5, hkl != 0.
Columns: h,k,l (as indexed), I, sig = profile intensity and sigma corrected by lp/qe,
both = 1 if the reflection is also integrated_sum with sum I/sig >= -5 (the Laue-group
selection of dials.symmetry), else 0. The first line is '# cell a b c alpha beta gamma'.
The fixtures in tests/org.bragg.symmetry.tests/resources were made from the DIALS 3.12
chains recorded in shared/data/<dataset>/dials_reference/commands.txt (import, find_spots,
index, refine_bravais_settings, reindex, refine, integrate).
"""
import gzip
import math
import sys

from dials.array_family import flex
from dxtbx.model.experiment_list import ExperimentListFactory

expt, refl, out = sys.argv[1:4]
el = ExperimentListFactory.from_json_file(expt, check_format=False)
t = flex.reflection_table.from_file(refl)
cell = el[0].crystal.get_unit_cell().parameters()
F = flex.reflection_table.flags
prf = t.get_flags(F.integrated_prf)
summ = t.get_flags(F.integrated_sum)
hkl = t["miller_index"]
ip, vp = t["intensity.prf.value"], t["intensity.prf.variance"]
isum, vsum = t["intensity.sum.value"], t["intensity.sum.variance"]
lp = t["lp"]
qe = t["qe"] if "qe" in t else flex.double(len(t), 1.0)
part = t["partiality"] if "partiality" in t else flex.double(len(t), 1.0)
n = 0
with gzip.open(out, "wt") as f:
    f.write("# cell %.5f %.5f %.5f %.4f %.4f %.4f\n" % tuple(cell))
    f.write("h,k,l,I,sig,both\n")
    for i in range(len(t)):
        if not prf[i] or hkl[i] == (0, 0, 0) or part[i] < 0.4 or vp[i] <= 0:
            continue
        if ip[i] / math.sqrt(vp[i]) < -5:
            continue
        c = lp[i] / qe[i]
        both = 1 if (summ[i] and vsum[i] > 0 and isum[i] / math.sqrt(vsum[i]) >= -5) else 0
        f.write("%d,%d,%d,%.5g,%.4g,%d\n" % (hkl[i] + (ip[i] * c, math.sqrt(vp[i]) * abs(c), both)))
        n += 1
print("wrote %d rows to %s" % (n, out))
