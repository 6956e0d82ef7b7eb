#!/usr/bin/python3
"""Generate reference values for the org.bragg.model.symmetry tests.

Run from the repository root with the system interpreter (which has gemmi, cctbx, dxtbx):

    /usr/bin/python3 dev/gen_symmetry_test_refs.py

Writes, into tests/org.bragg.model.tests/src/org/bragg/model/symmetry/:

  ref_gemmi_reflections.tsv  for every entry of gemmi.spacegroup_table(): random Miller
                             indices with gemmi's ASU index + ISYM (ReciprocalAsu.to_asu),
                             systematic absence, centric flag and epsilon (without centring)
  ref_cctbx_cells.tsv        cctbx uctbx.unit_cell: metric tensors, volume, reciprocal cell,
                             orthogonalization and dxtbx B matrices, d-spacings
  ref_cctbx_niggli.tsv       cctbx niggli_reduction(): reduced cell, r_inv, cb op (random cells
                             and the crystals of the shared DIALS reference .expt files)
  ref_cctbx_cbops.tsv        cctbx change_of_basis_op: forms, inverse, products, unit cells,
                             Miller indices, space groups; dxtbx Crystal.change_basis (A matrix)
  ref_cctbx_names.tsv        cctbx space_group_info(symbol) for the table's symbols (Hall, number,
                             Bravais type, crystal system)
  ref_cctbx_halls.tsv        cctbx operators of Hall symbols with change-of-basis suffixes

Every file starts with '#' lines recording this command and the library versions.
"""
import datetime
import json
import os
import random
import sys

import gemmi
from cctbx import sgtbx, uctbx
from cctbx.sgtbx import bravais_types
from scitbx import matrix

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests/org.bragg.model.tests/src/org/bragg/model/symmetry")
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "data")
if not os.path.isdir(SHARED):
    SHARED = "/work/shared/data"


def cctbx_version():
    """Debian package version of cctbx (libtbx's own version string is not meaningful here)."""
    import subprocess
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", "python3-cctbx"],
                              capture_output=True, text=True, check=True).stdout.strip()
    except Exception:
        return "unknown"


def header(f, what):
    f.write("# %s. GENERATED - DO NOT EDIT.\n" % what)
    f.write("# command: /usr/bin/python3 dev/gen_symmetry_test_refs.py (from the repository root)\n")
    f.write("# gemmi %s, cctbx %s, python %s, generated %s\n"
            % (gemmi.__version__, cctbx_version(), sys.version.split()[0], datetime.date.today().isoformat()))


def write(name, what, columns, rows):
    path = os.path.join(OUT, name)
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        header(f, what)
        f.write("\t".join(columns) + "\n")
        for r in rows:
            f.write("\t".join(str(v) for v in r) + "\n")
    os.replace(path + ".tmp", path)
    print("wrote %d rows to %s" % (len(rows), path))


def fmt(x):
    return repr(float(x))


# ---------------------------------------------------------------- gemmi reflections
def reflections():
    rng = random.Random(20240601)
    rows = []
    for i, sg in enumerate(gemmi.spacegroup_table()):
        gops = sg.operations()
        asu = gemmi.ReciprocalAsu(sg)
        hkls = []
        for _ in range(12):
            hkls.append([rng.randint(-9, 9) for _ in range(3)])
        # zones and axes, where absences and centric reflections live
        for _ in range(8):
            h = [rng.randint(-8, 8) for _ in range(3)]
            kind = rng.randrange(6)
            if kind < 3:
                h[kind] = 0
            else:
                for j in range(3):
                    if j != kind - 3:
                        h[j] = 0
            hkls.append(h)
        for _ in range(2):  # diagonal directions (trigonal/cubic special positions)
            a, b = rng.randint(-6, 6), rng.randint(-6, 6)
            hkls.append([a, a, b])
            hkls.append([a, -a, b])
        for h in hkls:
            if h == [0, 0, 0]:
                continue
            (ah, isym) = asu.to_asu(h, gops)
            rows.append([i, h[0], h[1], h[2], ah[0], ah[1], ah[2], isym,
                         int(gops.is_systematically_absent(h)), int(gops.is_reflection_centric(h)),
                         gops.epsilon_factor_without_centering(h)])
    write("ref_gemmi_reflections.tsv", "gemmi reciprocal ASU/ISYM, absences, centric, epsilon per table entry",
          ["index", "h", "k", "l", "asu_h", "asu_k", "asu_l", "isym", "absent", "centric", "epsilon"], rows)


# ---------------------------------------------------------------- cells
def load_crystals():
    """Unit cells and A matrices of the crystals in the shared DIALS reference files."""
    from dxtbx.model.experiment_list import ExperimentListFactory
    out = []
    for ds in ("sim_xray_1a8o_p43212", "sim_ed_1hpv_p61"):
        for fn in ("indexed.expt", "refined.expt", "integrated.expt"):
            p = os.path.join(SHARED, ds, "dials_reference", fn)
            if not os.path.exists(p):
                continue
            el = ExperimentListFactory.from_json_file(p, check_format=False)
            for k, e in enumerate(el):
                out.append(("%s/%s#%d" % (ds, fn, k), e.crystal))
    return out


def cells():
    test_cells = [
        ("triclinic", (5.01, 7.3, 9.87, 81.2, 98.4, 103.1)),
        ("monoclinic", (61.5, 38.2, 44.7, 90, 101.3, 90)),
        ("hexagonal", (63.4, 63.4, 83.8, 90, 90, 120)),
        ("orthorhombic", (40.1, 50.2, 60.3, 90, 90, 90)),
        ("rhombohedral", (30.0, 30.0, 30.0, 75.0, 75.0, 75.0)),
        ("tetragonal_1a8o", (41.98, 41.98, 88.92, 90, 90, 90)),
    ]
    for name, c in load_crystals():
        if name.endswith("indexed.expt#0"):
            test_cells.append((name, c.get_unit_cell().parameters()))
    hkls = [(1, 0, 0), (0, 1, 0), (0, 0, 1), (1, 2, 3), (-3, 5, -7), (10, -4, 2), (0, 0, 25)]
    rows = []
    for name, p in test_cells:
        uc = uctbx.unit_cell(p)
        B = matrix.sqr(uc.fractionalization_matrix()).transpose()
        G = uc.metrical_matrix()  # a*a, b*b, c*c, a*b, a*c, b*c
        Gs = uc.reciprocal_metrical_matrix()
        row = [name, " ".join(fmt(x) for x in uc.parameters()), fmt(uc.volume()),
               " ".join(fmt(x) for x in G), " ".join(fmt(x) for x in Gs),
               " ".join(fmt(x) for x in uc.reciprocal().parameters()),
               " ".join(fmt(x) for x in uc.orthogonalization_matrix()),
               " ".join(fmt(x) for x in B.elems),
               " ".join("%d,%d,%d=%s" % (h + (fmt(uc.d(h)),)) for h in hkls)]
        rows.append(row)
    write("ref_cctbx_cells.tsv", "cctbx unit_cell properties",
          ["name", "params", "volume", "metric_sym6", "recip_metric_sym6", "recip_params",
           "orthogonalization", "b_matrix", "d_spacings"], rows)


# ---------------------------------------------------------------- niggli
def random_unimodular(rng):
    while True:
        m = [rng.randint(-2, 2) for _ in range(9)]
        if matrix.sqr(m).determinant() == 1:
            return m


def niggli():
    rng = random.Random(1976)
    inputs = []
    # random cells, scrambled by random unimodular transformations
    while len(inputs) < 200:
        p = (rng.uniform(5, 150), rng.uniform(5, 150), rng.uniform(5, 150),
             rng.uniform(60, 120), rng.uniform(60, 120), rng.uniform(60, 120))
        try:
            uc = uctbx.unit_cell(p)
        except Exception:
            continue
        if uc.volume() < 10:
            continue
        m = random_unimodular(rng)
        try:
            uc2 = uc.change_basis(sgtbx.change_of_basis_op(
                sgtbx.rt_mx(sgtbx.rot_mx(m, 1))).inverse())
        except Exception:
            continue
        if max(uc2.parameters()[:3]) > 2000:
            continue
        inputs.append(("random%d" % len(inputs), uc2))
    # special lattices (equalities exercise the epsilon branches), scrambled too
    special = [
        ("cubicF_prim", (20 / 2 ** 0.5,) * 3 + (60, 60, 60)),
        ("cubicI_prim", (17.320508075688775,) * 3 + (109.47122063449069,) * 3),
        ("tetragonal", (41.98, 41.98, 88.92, 90, 90, 90)),
        ("hexagonal", (63.4, 63.4, 83.8, 90, 90, 120)),
        ("rhombohedral", (30, 30, 30, 75, 75, 75)),
        ("cubicP", (50, 50, 50, 90, 90, 90)),
        ("monoC_prim", (30.13, 30.13, 45.0, 95.2, 95.2, 78.0)),
        ("orthoP", (40.1, 50.2, 60.3, 90, 90, 90)),
    ]
    for name, p in special:
        uc = uctbx.unit_cell(p)
        inputs.append((name, uc))
        for j in range(4):
            m = random_unimodular(rng)
            uc2 = uc.change_basis(sgtbx.change_of_basis_op(sgtbx.rt_mx(sgtbx.rot_mx(m, 1))).inverse())
            inputs.append(("%s_%d" % (name, j), uc2))
    for name, c in load_crystals():
        inputs.append((name, c.get_unit_cell()))
    rows = []
    for name, uc in inputs:
        red = uc.niggli_reduction()
        cb = red.change_of_basis_op()
        rows.append([name, " ".join(fmt(x) for x in uc.parameters()),
                     " ".join(fmt(x) for x in red.as_unit_cell().parameters()),
                     " ".join(str(int(x)) for x in red.r_inv().elems),
                     cb.as_abc(), red.n_iterations()])
    write("ref_cctbx_niggli.tsv", "cctbx uctbx niggli_reduction (krivy_gruber_1976, relative_epsilon 1e-5)",
          ["name", "input_params", "niggli_params", "r_inv", "cb_op_abc", "iterations"], rows)


# ---------------------------------------------------------------- change of basis
CB_OPS = ["a,b,c", "-a,b,-c", "b,c,a", "c,a,b", "-b,a,c", "a+b,-a+b,c", "a-b,a+b,c",
          "1/2*a+1/2*b,-1/2*a+1/2*b,c", "a,b,2*c", "-a,-b,c", "b,a,-c", "-a,-c,-b",
          "a+c,b,-a", "a,b,c+1/4", "a-1/4,b+1/4,c", "x,y,z+1/4", "x-y,x+y,z", "-h,k,-l",
          "h+k,-h+k,l", "2/3*a+1/3*b+1/3*c,-1/3*a+1/3*b+1/3*c,-1/3*a-2/3*b+1/3*c",
          "a-b,b-c,a+b+c", "-b,a+b,c", "a+b+c,b,c", "x+1/8,y+1/8,z+1/8", "-a-c,b,a"]
GROUPS = ["P 1", "P -1", "P 1 21 1", "C 1 2 1", "P 21 21 21", "C 2 2 21", "P 43 21 2",
          "I 41", "P 31 2 1", "R 3 :H", "P 61", "P 6 2 2", "F d -3 m :2", "P 4/n b m :2",
          "I 2 3", "P 4 3 2"]


def all_ops(g):
    return ";".join(sorted(op.mod_positive().as_xyz() for op in g.all_ops()))


def cbops():
    rng = random.Random(99)
    uc = uctbx.unit_cell((41.9417, 41.9579, 88.99, 89.9906, 90.0457, 89.9504))
    crystals = load_crystals()
    crystal = [c for n, c in crystals if n.startswith("sim_xray_1a8o_p43212/indexed")][0]
    hkls = [(1, 2, 3), (-4, 0, 7), (2, 2, -6), (0, 3, 0), (6, -3, 9)]
    rows = []
    for s in CB_OPS:
        cb = sgtbx.change_of_basis_op(s)
        inv = cb.inverse()
        try:
            hkl_out = []
            for h in hkls:
                try:
                    hkl_out.append("%d,%d,%d" % tuple(cb.apply(h)))
                except Exception:
                    hkl_out.append("ERR")
            new_uc = uc.change_basis(cb)
            try:
                new_cr = crystal.change_basis(cb)
                a_new = " ".join(fmt(x) for x in new_cr.get_A())
            except Exception:
                a_new = "ERR"
        except Exception as e:
            raise
        try:
            hkl_form = cb.as_hkl()
        except Exception:
            hkl_form = "ERR"
        det = cb.c_inv().r().determinant()
        rows.append(["op", s, cb.c().as_xyz(), cb.c_inv().as_xyz(), cb.as_abc(), cb.as_xyz(), hkl_form,
                     str(cb), inv.as_abc(), fmt(det), " ".join(fmt(x) for x in new_uc.parameters()),
                     " ".join(hkl_out), a_new])
    # products
    for _ in range(30):
        s1, s2 = rng.choice(CB_OPS), rng.choice(CB_OPS)
        p = sgtbx.change_of_basis_op(s1) * sgtbx.change_of_basis_op(s2)
        rows.append(["product", s1, s2, p.as_xyz(), p.as_abc()] + [""] * 8)
    # space groups
    for gs in GROUPS:
        g = sgtbx.space_group_info(gs).group()
        for s in CB_OPS:
            cb = sgtbx.change_of_basis_op(s)
            try:
                g2 = g.change_basis(cb)
                info = g2.info()
                hall = info.type().hall_symbol().strip()
                number = info.type().number()
            except Exception:
                continue
            rows.append(["group", gs, s, all_ops(g2), hall, number, g2.order_p(), g2.order_z()] + [""] * 5)
    write("ref_cctbx_cbops.tsv", "cctbx change_of_basis_op semantics; dxtbx Crystal.change_basis"
          " on sim_xray_1a8o_p43212 indexed.expt crystal 0; unit cell 41.9417 41.9579 88.99 89.9906 90.0457 89.9504",
          ["kind", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "c11", "c12"], rows)
    # the crystal's A matrix, for the Java test input
    with open(os.path.join(OUT, "ref_cctbx_cbops.tsv"), "a", encoding="utf-8") as f:
        f.write("crystal_A\t" + " ".join(fmt(x) for x in crystal.get_A()) + "\n")
        f.write("hkls\t" + " ".join("%d,%d,%d" % h for h in hkls) + "\n")


# ---------------------------------------------------------------- names
def names():
    syms = []
    for sg in gemmi.spacegroup_table():
        ext = sg.ext if sg.ext not in ("\x00", "") else ""
        syms.append(sg.hm)
        syms.append(sg.short_name())
        if ext:
            syms.append(sg.hm + " :" + ext)
    syms += ["P21", "P 21", "C2", "P2", "P4", "P 4", "P43212", "p 43 21 2", "R3", "H3", "H 3 2", "R 3 2",
             "P 1 21/c 1", "P21/c", "I 41/a", "Fd-3m", "P n -3", "F d -3 m :1", "I 1 2 1", "C 2 2 21",
             "P 1 1 21", "P 2 2 21", "P 6 2 2", "P 61 2 2", "P 31 1 2"]
    seen = set()
    rows = []
    for s in syms:
        if s in seen:
            continue
        seen.add(s)
        try:
            info = sgtbx.space_group_info(s)
            g = info.group()
            rows.append([s, info.type().hall_symbol().strip(), g.order_z(), info.type().number(),
                         str(bravais_types.bravais_lattice(group=g)), g.crystal_system().lower()])
        except Exception:
            rows.append([s, "ERR", 0, 0, "", ""])
    write("ref_cctbx_names.tsv", "cctbx space_group_info(symbol) for gemmi table symbols;"
          " bravais from cctbx.sgtbx.bravais_types.bravais_lattice",
          ["symbol", "hall", "order_z", "number", "bravais", "crystal_system"], rows)


HALLS = ["P 4nw 2abw (x,y,z+1/4)", "P 2yb (z,x,y)", "C 2y (x,y,1/2*z)", "P 31 2 (0 0 4)",
         "-P 4a 2bc (x-1/4,y+1/4,z)", "P 2ac 2ab (x-1/4,y,z)", "I 4 2 3 (x+1/4,y+1/4,z+1/4)",
         "-P 2ybc (-x,y,-z)", "P 61 2 (0 0 5)", "R 3 2\" (y,z,x)", "-F 4vw 2vw 3 (x+1/8,y+1/8,z+1/8)",
         "P 4 2 (x-y,x+y,z)", "P 3* (x+y,z,x-y)", "P 2 2ab -1ab", "-I 4bd 2c 3", "P 2c -2ac (z,x,y)",
         "P 6c 2c", "-R 3 2\"", "P 4n 2 3 (x+1/4,y,z)", "P 1 (x+1/2,y,z)"]


def halls():
    rows = []
    for h in HALLS:
        try:
            info = sgtbx.space_group_info("Hall: " + h)
        except RuntimeError as e:
            print("cctbx rejects Hall symbol %r: %s" % (h, e))
            continue
        rows.append([h, info.type().hall_symbol().strip(), info.type().number(), all_ops(info.group())])
    write("ref_cctbx_halls.tsv", "cctbx space_group_info('Hall: ...') for Hall symbols with change-of-basis suffixes",
          ["hall", "cctbx_hall", "number", "ops"], rows)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    reflections()
    cells()
    niggli()
    cbops()
    names()
    halls()
