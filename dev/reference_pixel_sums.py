#!/usr/bin/python3
"""Reference pixel checksums for the CBF reader tests of org.bragg.format.cbf.

Reads CBF images with an independent implementation (dxtbx, which decodes through
CBFlib/pycbf and dxtbx's own byte-offset decoder; for miniCBF files the values are
cross-checked against fabio) and writes, per image and per panel, checksums of the
*raw* pixel values exactly as dxtbx's ``get_raw_data()`` returns them (module-gap
pixels -1 and bad pixels -2 of Pilatus miniCBFs are included as they are).

Per panel it records:
  n            number of pixels
  sum          sum of all raw values (exact integer for integer data)
  n_negative   number of values < 0
  sum_nonneg   sum of values >= 0
  wsum         sum over flat index i (row-major, slow outermost) of value * (i % 7919 + 1),
               which catches permuted or shifted pixels that a plain sum would miss
  min, max

Run (writes the JSON that the Java tests read):
  /usr/bin/python3 dev/reference_pixel_sums.py \
      > tests/org.bragg.format.tests/resources/pixel_sums.json
"""

import json
import os
import sys

import numpy as np

import dxtbx

DATA = os.environ.get("BRAGG_SHARED_DATA", "/work/shared/data")

FILES = [
    "sim_xray_1a8o_p43212/images/lyso1a8o_0001.cbf.bz2",
    "sim_xray_1a8o_p43212/images/lyso1a8o_0002.cbf.bz2",
    "sim_xray_1a8o_p43212/images/lyso1a8o_0030.cbf.bz2",
    "sim_xray_1a8o_p43212/images/lyso1a8o_0060.cbf.bz2",
    "real_thaumatin_grid_i24/images/thau_3_2_0001.cbf.bz2",
    "real_thaumatin_grid_i24/images/thau_3_2_0003.cbf.bz2",
    "real_thaumatin_grid_i24/images/thau_3_2_0010.cbf.bz2",
    "real_thaumatin_grid_i24/images/thau_3_2_0019.cbf.bz2",
    "real_thermolysin_cspad/images/idx-20130301060858401.cbf",
    "real_thermolysin_cspad/images/idx-20130301060858601.cbf",
    "real_thermolysin_cspad/images/idx-20130301060858701.cbf",
    "real_thermolysin_cspad/images/idx-20130301060858801.cbf",
]


def checksums(a):
    flat = a.ravel()
    w = (np.arange(flat.size, dtype=np.int64) % 7919) + 1
    if np.issubdtype(flat.dtype, np.integer):
        v = flat.astype(np.int64)
        return {
            "type": "int",
            "n": int(v.size),
            "sum": int(v.sum()),
            "n_negative": int((v < 0).sum()),
            "sum_nonneg": int(v[v >= 0].sum()),
            "wsum": int((v * w).sum()),
            "min": int(v.min()),
            "max": int(v.max()),
        }
    v = flat.astype(np.float64)
    return {
        "type": "double",
        "n": int(v.size),
        "sum": float(v.sum()),
        "n_negative": int((v < 0).sum()),
        "sum_nonneg": float(v[v >= 0].sum()),
        "wsum": float((v * w).sum()),
        "min": float(v.min()),
        "max": float(v.max()),
    }


def fabio_check(path, arrays):
    """For single-panel miniCBF files: fabio must give the same pixels as dxtbx."""
    if len(arrays) != 1:
        return None
    import fabio

    f = fabio.open(path)
    same = np.array_equal(np.asarray(f.data, dtype=np.int64), arrays[0].astype(np.int64))
    if not same:
        sys.exit("fabio and dxtbx disagree on %s" % path)
    return "fabio %s agrees" % fabio.version


def main():
    out = {
        "command": "/usr/bin/python3 dev/reference_pixel_sums.py > tests/org.bragg.format.tests/resources/pixel_sums.json",
        "generator": "dxtbx %s (dxtbx.load(path).get_raw_data()), cross-checked with fabio for miniCBF"
        % getattr(dxtbx, "__version__", "?"),
        "convention": "raw values as dxtbx returns them, including Pilatus gap (-1) and bad (-2) pixels; "
        "flat index i is row-major with the slow index outermost; wsum weights value by (i % 7919 + 1)",
        "images": [],
    }
    for rel in FILES:
        path = os.path.join(DATA, rel)
        img = dxtbx.load(path)
        raw = img.get_raw_data()
        if not isinstance(raw, tuple):
            raw = (raw,)
        arrays = [r.as_numpy_array() for r in raw]
        check = fabio_check(path, arrays)
        det = img.get_detector()
        panels = []
        for k, a in enumerate(arrays):
            c = checksums(a)
            c["name"] = det[k].get_name()
            c["shape_slow_fast"] = list(a.shape)
            panels.append(c)
        entry = {"file": rel, "format": type(img).__name__, "panels": panels}
        if check:
            entry["cross_check"] = check
        out["images"].append(entry)
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
