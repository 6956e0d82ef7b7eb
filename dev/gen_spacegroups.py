#!/usr/bin/python3
"""Generate the Bragg space-group table from gemmi.

Writes bundles/org.bragg.model/src/org/bragg/model/symmetry/spacegroups.tsv, the data
resource read by org.bragg.model.symmetry.SpaceGroups. Nothing in that file is typed by
hand: every row comes from gemmi.spacegroup_table() (gemmi's list of the 230 types in
their ITA settings plus the extra settings from CCP4 syminfo.lib and the UCL tables).

Run from the repository root with the system interpreter (which has python3-gemmi):

    /usr/bin/python3 dev/gen_spacegroups.py

Columns (tab separated, one row per gemmi table entry, in gemmi's order):
  index            position in gemmi's table (0-based)
  number           ITA space-group number (1-230)
  ccp4             CCP4 number (0 when CCP4 has none for this setting)
  hm               Hermann-Mauguin symbol as in gemmi (without extension)
  ext              setting extension: '1'/'2' origin choice, 'H'/'R' axes, or empty
  xhm              hm plus ":ext" when ext is set
  short_name       gemmi short name (P 1 21 1 -> P21, R 3:H -> H3)
  qualifier        gemmi qualifier (monoclinic unique axis/cell choice, e.g. b1), or empty
  hall             Hall symbol
  basisop          change-of-basis operator from the reference setting of this space-group
                   type to this setting, in xyz form (gemmi SpaceGroup.basisop)
  point_group      point-group HM symbol (e.g. 422)
  laue             Laue class HM symbol (e.g. 4/mmm)
  crystal_system   triclinic ... cubic
  centring         centring type of this setting (gemmi SpaceGroup.centring_type())
  is_reference     1 if this is the reference setting of its type
  centrosymmetric  1 if the group contains -1
  sohncke          1 for the 65 Sohncke (chiral-compatible) types
  enantiomorphic   1 for the 22 types of the 11 enantiomorphic pairs
  symmorphic       1 for the 73 symmorphic types
  asu              CCP4 reciprocal-space ASU condition in the reference setting
                   (gemmi ReciprocalAsu(sg).condition_str()); applied to h*basisop.rot
  n_smx            number of operators without centring translations (gemmi sym_ops)
  ops              all operators in xyz form, ';'-separated, in gemmi's iteration order:
                   the n_smx sym_ops for the first (zero) centring vector, then the same
                   sym_ops plus the second centring vector, and so on. The order of the
                   first n_smx operators defines MTZ ISYM numbers.
"""
import datetime
import os
import sys

import gemmi

OUT = "bundles/org.bragg.model/src/org/bragg/model/symmetry/spacegroups.tsv"
COLUMNS = ["index", "number", "ccp4", "hm", "ext", "xhm", "short_name", "qualifier",
           "hall", "basisop", "point_group", "laue", "crystal_system", "centring",
           "is_reference", "centrosymmetric", "sohncke", "enantiomorphic", "symmorphic",
           "asu", "n_smx", "ops"]


def ext_of(sg):
    e = sg.ext
    return "" if e in ("\x00", "", None) else e


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = os.path.join(root, OUT)
    rows = []
    for i, sg in enumerate(gemmi.spacegroup_table()):
        gops = sg.operations()
        sym = [op.triplet() for op in gops.sym_ops]
        all_ops = [op.triplet() for op in gops]
        assert all_ops[:len(sym)] == sym
        assert len(all_ops) == len(sym) * len(gops.cen_ops)
        asu = gemmi.ReciprocalAsu(sg).condition_str()
        row = [i, sg.number, sg.ccp4, sg.hm.strip(), ext_of(sg), sg.xhm(), sg.short_name(),
               sg.qualifier, sg.hall.strip(), sg.basisop.triplet(), sg.point_group_hm(),
               sg.laue_str(), sg.crystal_system_str(), sg.centring_type(),
               int(sg.is_reference_setting()), int(sg.is_centrosymmetric()),
               int(sg.is_sohncke()), int(sg.is_enantiomorphic()), int(sg.is_symmorphic()),
               asu, len(sym), ";".join(all_ops)]
        for v in row:
            assert "\t" not in str(v) and "\n" not in str(v)
        rows.append(row)
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("# Bragg space-group table. GENERATED - DO NOT EDIT.\n")
        f.write("# generator: dev/gen_spacegroups.py, command: /usr/bin/python3 dev/gen_spacegroups.py"
                " (run from the repository root)\n")
        f.write("# source: gemmi %s (gemmi.spacegroup_table(), %d entries), python %s, generated %s\n"
                % (gemmi.__version__, len(rows), sys.version.split()[0],
                   datetime.date.today().isoformat()))
        f.write("# columns are documented in dev/gen_spacegroups.py\n")
        f.write("\t".join(COLUMNS) + "\n")
        for row in rows:
            f.write("\t".join(str(v) for v in row) + "\n")
    os.replace(tmp, out)
    print("wrote %d space-group entries to %s" % (len(rows), out))


if __name__ == "__main__":
    main()
