#!/usr/bin/python3
"""CC of merged intensities against the simulation truth, after the best reindexing by a lattice symmetry.

Usage (gemmi, numpy: /usr/bin/python3):
    dev/check_ed_truth.py merged.mtz SIM_IMAGES_DIR [n_shells]

SIM_IMAGES_DIR holds truth_intensities.csv.gz (h,k,l,d,I_true in the asymmetric unit of the true
space group) and sim_params.json (unit_cell, space_group). For every rotation of the lattice
holohedry of the true crystal system (the merohedral reindexings, e.g. k,h,-l for P6 in 6/mmm) the
merged IMEAN are reindexed, mapped to the asymmetric unit of the true space group, averaged where
several land on one index (inverse-variance weights), and correlated with I_true. The reindexing
with the highest CC is kept; then CC(F) is reported both as CC(sqrt IMEAN, sqrt I_true) over
IMEAN > 0 (as shared/tools/summarize_dials.py) and with the French-Wilson F column, plus the CC of
IMEAN by resolution shell (equal volumes in 1/d^3 over the common reflections, 8 by default).
Prints one 'key value' line per figure, then the shell table.
"""
import gzip
import json
import os
import sys

import gemmi
import numpy as np

HOLOHEDRY = {"triclinic": "P -1", "monoclinic": "P 1 2/m 1", "orthorhombic": "P m m m", "tetragonal": "P 4/m m m",
             "trigonal": "P 6/m m m", "hexagonal": "P 6/m m m", "cubic": "P m -3 m"}


def read_truth(simdir):
    meta = json.load(open(os.path.join(simdir, "sim_params.json")))
    sg = gemmi.SpaceGroup(meta["space_group"])
    cell = gemmi.UnitCell(*meta["unit_cell"])
    rows = np.loadtxt(gzip.open(os.path.join(simdir, "truth_intensities.csv.gz"), "rt"), delimiter=",", skiprows=1)
    hkl = rows[:, :3].astype(int)
    asu = gemmi.ReciprocalAsu(sg)
    ops = sg.operations()
    truth = {}
    for h, i in zip(hkl, rows[:, 4]):
        a = tuple(asu.to_asu(list(map(int, h)), ops)[0])
        truth[a] = i
    return sg, cell, truth


def cc(x, y):
    return float(np.corrcoef(x, y)[0, 1]) if len(x) > 2 else float("nan")


def main():
    mtzfile, simdir = sys.argv[1], sys.argv[2]
    nshell = int(sys.argv[3]) if len(sys.argv) > 3 else 8
    sg, cell, truth = read_truth(simdir)
    m = gemmi.read_mtz_file(mtzfile)
    hkl = np.array(m.make_miller_array(), dtype=int)
    cols = {c.label: np.array(c, copy=False) for c in m.columns}
    imean, sig = cols["IMEAN"], cols["SIGIMEAN"]
    fcol = cols.get("F")
    ok = np.isfinite(imean) & np.isfinite(sig) & (sig > 0)
    asu = gemmi.ReciprocalAsu(sg)
    ops = sg.operations()
    lattice_ops = gemmi.SpaceGroup(HOLOHEDRY[sg.crystal_system_str()]).operations()
    best = None
    for op in lattice_ops.sym_ops:
        if op.det_rot() < 0:
            continue
        key = op.triplet()
        acc = {}
        for n in np.nonzero(ok)[0]:
            h = op.apply_to_hkl([int(v) for v in hkl[n]])
            a = tuple(asu.to_asu(h, ops)[0])
            w = 1.0 / sig[n] ** 2
            s = acc.setdefault(a, [0.0, 0.0, 0.0, 0.0])
            s[0] += w
            s[1] += w * imean[n]
            if fcol is not None and np.isfinite(fcol[n]):
                s[2] += fcol[n]
                s[3] += 1
        common = [a for a in acc if a in truth]
        if len(common) < 10:
            continue
        it = np.array([truth[a] for a in common])
        io = np.array([acc[a][1] / acc[a][0] for a in common])
        c = cc(it, io)
        if best is None or c > best[0]:
            fo = np.array([acc[a][2] / acc[a][3] if acc[a][3] > 0 else np.nan for a in common])
            best = (c, key, common, it, io, fo)
    c, key, common, it, io, fo = best
    d = np.array([cell.calculate_d(list(a)) for a in common])
    pos = io > 0
    print("mtz %s" % mtzfile)
    print("space_group_in_mtz %s" % m.spacegroup.hm)
    print("reindex_op_applied %s" % key)
    print("n_common %d" % len(common))
    print("n_true_in_res_range %d" % sum(1 for a in truth if cell.calculate_d(list(a)) >= d.min()))
    print("cc_I_merged_vs_true %.4f" % c)
    print("cc_F_sqrtI_vs_true %.4f" % cc(np.sqrt(it[pos]), np.sqrt(io[pos])))
    fin = np.isfinite(fo)
    if fin.sum() > 2:
        print("cc_F_frenchwilson_vs_true %.4f" % cc(np.sqrt(it[fin]), fo[fin]))
    s3 = 1.0 / d ** 3
    edges = np.linspace(s3.min(), s3.max(), nshell + 1)
    print("%8s %8s %6s %8s" % ("d_max", "d_min", "n", "CC(I)"))
    for b in range(nshell):
        sel = (s3 >= edges[b]) & ((s3 < edges[b + 1]) if b < nshell - 1 else (s3 <= edges[b + 1]))
        if sel.sum() > 5:
            print("%8.2f %8.2f %6d %8.4f" % (d[sel].max(), d[sel].min(), sel.sum(), cc(it[sel], io[sel])))


if __name__ == "__main__":
    main()
