#!/usr/bin/python3
"""Synthetic miniCBF files for readers that have no real sample in /work/shared/data, with the
models and pixel checksums that dxtbx gives for them.

  eiger_syn_0007.cbf    EIGER 1M layout (1030 x 1065, one 37-px row gap), SLS_1.0 convention,
                        Si 0.45 mm, read by dxtbx as FormatCBFMiniEiger
  generic_syn_0003.cbf  GENERIC_MINI convention, 200 x 150 px, CdTe 1 mm, no timestamp,
                        read by dxtbx as FormatCBFMini
  full_generic_0003.cbf the same image as a full imgCIF file: header written by dxtbx's
                        FullCBFWriter (_axis chains), pixels as int32 byte_offset by CBFlib. This
                        dxtbx cannot read back (FormatCBFFull asserts on a goniometer without
                        axes), so the test compares it with the miniCBF it was written from.

Writes <out>/<name>.bz2 and <out>/synthetic_dxtbx.json (the models as dxtbx's to_dict gives
them, and the checksums of dev/reference_pixel_sums.py).

Run:
  /usr/bin/python3 dev/make_cbf_synthetic.py tests/org.bragg.format.tests/resources/cbf_synthetic
"""

import bz2
import json
import os
import struct
import sys
import tempfile

import numpy as np

import dxtbx


def byte_offset(values):
    out = bytearray()
    prev = 0
    for v in values.tolist():
        d = v - prev
        prev = v
        if -127 <= d <= 127:
            out += struct.pack("<b", d)
        elif -32767 <= d <= 32767:
            out += b"\x80" + struct.pack("<h", d)
        elif -2147483647 <= d <= 2147483647:
            out += b"\x80\x00\x80" + struct.pack("<i", d)
        else:
            out += b"\x80\x00\x80\x00\x00\x00\x80" + struct.pack("<q", d)
    return bytes(out)


def minicbf(name, convention, header_lines, data):
    slow, fast = data.shape
    packed = byte_offset(data.ravel().astype(np.int64))
    head = "###CBF: VERSION 1.5, CBFlib v0.7.8 - synthetic test file\r\n"
    head += "\r\ndata_%s\r\n\r\n_array_data.header_convention \"%s\"\r\n_array_data.header_contents\r\n;\r\n" % (name, convention)
    head += "".join("# %s\r\n" % l for l in header_lines)
    head += ";\r\n\r\n_array_data.data\r\n;\r\n--CIF-BINARY-FORMAT-SECTION--\r\n"
    head += "Content-Type: application/octet-stream;\r\n     conversions=\"x-CBF_BYTE_OFFSET\"\r\n"
    head += "Content-Transfer-Encoding: BINARY\r\nX-Binary-Size: %d\r\nX-Binary-ID: 1\r\n" % len(packed)
    head += "X-Binary-Element-Type: \"signed 32-bit integer\"\r\nX-Binary-Element-Byte-Order: LITTLE_ENDIAN\r\n"
    head += "X-Binary-Number-of-Elements: %d\r\nX-Binary-Size-Fastest-Dimension: %d\r\n" % (fast * slow, fast)
    head += "X-Binary-Size-Second-Dimension: %d\r\nX-Binary-Size-Padding: 4095\r\n\r\n" % slow
    tail = b"\x00" * 4095 + b"\r\n--CIF-BINARY-FORMAT-SECTION----\r\n;\r\n\r\n"
    return head.encode("ascii") + b"\x0c\x1a\x04\xd5" + packed + tail


def eiger():
    rng = np.random.default_rng(3)
    data = rng.poisson(0.05, size=(1065, 1030)).astype(np.int32)
    data[514:551, :] = -1  # row gap between the two modules
    data[100, 200] = 5000000
    data[101, 200] = -2
    lines = [
        "Detector: Dectris EIGER 1M, S/N E-18-0101",
        "2020-01-02T03:04:05.678",
        "Pixel_size 75e-6 m x 75e-6 m",
        "Silicon sensor, thickness 0.000450 m",
        "Exposure_time 0.0099 s",
        "Exposure_period 0.0100 s",
        "Count_cutoff 65534 counts",
        "Wavelength 1.0332 A",
        "Detector_distance 0.20000 m",
        "Beam_xy (515.50, 532.30) pixels",
        "Flux 1.2e12",
        "Start_angle 10.0000 deg.",
        "Angle_increment 0.1000 deg.",
        "Oscillation_axis X.CW",
    ]
    return minicbf("eiger_syn_0007", "SLS_1.0", lines, data)


def generic():
    rng = np.random.default_rng(5)
    data = (rng.poisson(20.0, size=(150, 200)) - 3).astype(np.int32)
    data[10, 10] = 70000
    data[11, 10] = -70000
    lines = [
        "Detector: GENERIC simulated pixel detector, S/N 0",
        "Pixel_size 100e-6 m x 100e-6 m",
        "CdTe sensor, thickness 0.001000 m",
        "Exposure_time 1.0 s",
        "Exposure_period 1.0 s",
        "Count_cutoff 1000000 counts",
        "Wavelength 0.5 A",
        "Detector_distance 0.1 m",
        "Beam_xy (100.0, 75.0) pixels",
        "Start_angle -5.0 deg.",
        "Angle_increment 1.0 deg.",
    ]
    return minicbf("generic_syn_0003", "GENERIC_MINI", lines, data)


def full_cbf(mini_path, out_path):
    from dxtbx.format.cbf_writer import FullCBFWriter
    import pycbf

    cbf = FullCBFWriter(filename=mini_path).get_cbf_handle(header_only=True)
    data = dxtbx.load(mini_path).get_raw_data().as_numpy_array().astype(np.int32)
    slow, fast = data.shape
    try:
        cbf.find_category(b"array_data")
    except Exception:
        cbf.new_category(b"array_data")
    for c in (b"array_id", b"binary_id", b"data"):
        cbf.require_column(c)
    if cbf.count_rows() == 0:
        cbf.new_row()
    cbf.rewind_row()
    cbf.find_column(b"array_id")
    cbf.set_value(b"ARRAY_PANEL_0")
    cbf.find_column(b"binary_id")
    cbf.set_integervalue(1)
    cbf.find_column(b"data")
    cbf.set_integerarray_wdims_fs(pycbf.CBF_BYTE_OFFSET, 1, data.tobytes(), 4, 1, data.size, b"little_endian", fast, slow, 1, 0)
    cbf.write_widefile(out_path.encode(), pycbf.CBF, pycbf.MIME_HEADERS | pycbf.MSG_DIGEST, 0)


def checksums(a):
    v = a.ravel().astype(np.int64)
    w = (np.arange(v.size, dtype=np.int64) % 7919) + 1
    return {"n": int(v.size), "sum": int(v.sum()), "n_negative": int((v < 0).sum()), "wsum": int((v * w).sum()),
            "min": int(v.min()), "max": int(v.max())}


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    ref = {"command": "/usr/bin/python3 dev/make_cbf_synthetic.py " + out_dir,
           "generator": "dxtbx %s: dxtbx.load(path), models from to_dict()" % getattr(dxtbx, "__version__", "?"),
           "files": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for name, blob in (("eiger_syn_0007.cbf", eiger()), ("generic_syn_0003.cbf", generic())):
            with open(os.path.join(out_dir, name + ".bz2"), "wb") as f:
                f.write(bz2.compress(blob, 9))
            path = os.path.join(tmp, name)
            with open(path, "wb") as f:
                f.write(blob)
            img = dxtbx.load(path)
            raw = img.get_raw_data()
            ref["files"][name] = {
                "format": type(img).__name__,
                "beam": img.get_beam().to_dict(),
                "detector": img.get_detector().to_dict(),
                "goniometer": img.get_goniometer().to_dict(),
                "scan": img.get_scan().to_dict(),
                "pixels": checksums(raw.as_numpy_array()),
            }
        full = os.path.join(tmp, "full_generic_0003.cbf")
        full_cbf(os.path.join(tmp, "generic_syn_0003.cbf"), full)
        with open(full, "rb") as f, open(os.path.join(out_dir, "full_generic_0003.cbf.bz2"), "wb") as g:
            g.write(bz2.compress(f.read(), 9))
    with open(os.path.join(out_dir, "synthetic_dxtbx.json"), "w") as f:
        json.dump(ref, f, indent=1, default=str)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tests/org.bragg.format.tests/resources/cbf_synthetic")
