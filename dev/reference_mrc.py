#!/usr/bin/python3
"""Reference models for the Bragg MRC reader tests, computed with dxtbx (DIALS 3.12) on small
synthetic MRC2014 stacks written here byte for byte as MrcReaderTest writes them.

    /usr/bin/python3 dev/reference_mrc.py \
        > tests/org.bragg.format.tests/src/org/bragg/format/tests/mrc/reference_mrc_dxtbx.txt

Files (all little endian unless stated; pixel value of frame k, pixel i = y*NX + x):
  fei2_stack.mrc   MODE 1 (int16), 64 x 48 x 3, FEI2 extended header (one 888-byte record per
                   frame: HT 300 kV, alpha -30 deg, tilt axis 84 deg, calibrated pixel 1.42e7 1/m,
                   integration 0.25 s, binning 64 (= 4096/NX, as dxtbx checks for Ceta), camera "BM-Ceta", tilt per image 0.5 deg);
                   value ((31*i + 7*k) % 3000) - 100
  plain_stack.mrc  MODE 2 (float32), 40 x 30 x 2, no extended header; value 0.25*i - 3*k
  be_stack.mrc     MODE 6 (uint16), big endian (stamp 0x11 0x11), 20 x 10 x 2; value 65000 - 13*i - k
  ed_0007.mrc      MODE 12 (float16), 16 x 8 x 1; value (i % 50) * 0.5
Output lines: <file> <key> <values...>
"""
import os
import struct
import sys
import tempfile

import numpy as np

import dxtbx

FILES = {
    "fei2_stack.mrc": dict(mode=1, nx=64, ny=48, nz=3, fei=True, order="<"),
    "plain_stack.mrc": dict(mode=2, nx=40, ny=30, nz=2, fei=False, order="<"),
    "be_stack.mrc": dict(mode=6, nx=20, ny=10, nz=2, fei=False, order=">"),
    "ed_0007.mrc": dict(mode=12, nx=16, ny=8, nz=1, fei=False, order="<"),
}
DTYPE = {0: "i1", 1: "i2", 2: "f4", 6: "u2", 12: "f2"}


def values(name, k, n):
    i = np.arange(n)
    if name == "fei2_stack.mrc":
        return ((31 * i + 7 * k) % 3000) - 100
    if name == "plain_stack.mrc":
        return 0.25 * i - 3 * k
    if name == "be_stack.mrc":
        return 65000 - 13 * i - k
    return (i % 50) * 0.5


def fei_record(o):
    r = bytearray(888)
    struct.pack_into(o + "i", r, 0, 888)        # Metadata size
    struct.pack_into(o + "i", r, 4, 2)          # Metadata version
    struct.pack_into(o + "d", r, 84, 300000.0)  # HT (V)
    struct.pack_into(o + "d", r, 100, -30.0)    # Alpha tilt (deg)
    struct.pack_into(o + "d", r, 140, 84.0)     # Tilt axis angle (deg)
    struct.pack_into(o + "d", r, 156, 1.42e7)   # Pixel size X (1/m)
    struct.pack_into(o + "d", r, 164, 1.42e7)   # Pixel size Y
    struct.pack_into(o + "d", r, 419, 0.25)     # Integration time (s)
    struct.pack_into(o + "i", r, 427, 64)       # Binning Width (Ceta: 4096 / NX)
    r[435:435 + 7] = b"BM-Ceta"                 # Camera name
    struct.pack_into(o + "d", r, 836, 0.5)      # Tilt per image (deg)
    return bytes(r)


def write(path, name, spec):
    o = spec["order"]
    nx, ny, nz, mode = spec["nx"], spec["ny"], spec["nz"], spec["mode"]
    ext = b"".join(fei_record(o) for _ in range(nz)) if spec["fei"] else b""
    h = bytearray(1024)
    struct.pack_into(o + "10i", h, 0, nx, ny, nz, mode, 0, 0, 0, nx, ny, nz)
    struct.pack_into(o + "6f", h, 40, nx, ny, nz, 90, 90, 90)
    struct.pack_into(o + "3i", h, 64, 1, 2, 3)
    struct.pack_into(o + "i", h, 88, 0)                 # ISPG
    struct.pack_into(o + "i", h, 92, len(ext))          # NSYMBT
    h[104:108] = b"FEI2" if spec["fei"] else b"\0\0\0\0"
    struct.pack_into(o + "i", h, 108, 20140)            # NVERSION
    h[208:212] = b"MAP "
    h[212:216] = bytes((0x44, 0x44, 0, 0)) if o == "<" else bytes((0x11, 0x11, 0, 0))
    struct.pack_into(o + "i", h, 220, 1)
    h[224:224 + 20] = b"Bragg synthetic test"
    data = b"".join(values(name, k, nx * ny).astype(o + DTYPE[mode]).tobytes() for k in range(nz))
    with open(path, "wb") as f:
        f.write(bytes(h) + ext + data)


def fmt(x):
    return repr(float(x))


def main():
    print("# dxtbx reference for org.bragg.format.tests.mrc; command: /usr/bin/python3 dev/reference_mrc.py > "
          "tests/org.bragg.format.tests/src/org/bragg/format/tests/mrc/reference_mrc_dxtbx.txt")
    with tempfile.TemporaryDirectory() as tmp:
        for name, spec in FILES.items():
            path = os.path.join(tmp, name)
            write(path, name, spec)
            img = dxtbx.load(path)
            b, d, g, s = img.get_beam(), img.get_detector(), img.get_goniometer(), img.get_scan()
            p = d[0]
            print(name, "class", type(img).__name__)
            print(name, "num_images", img.get_num_images() if hasattr(img, "get_num_images") else 1)
            print(name, "wavelength", fmt(b.get_wavelength()))
            print(name, "polarization_fraction", fmt(b.get_polarization_fraction()))
            print(name, "origin", *map(fmt, p.get_origin()))
            print(name, "fast_axis", *map(fmt, p.get_fast_axis()))
            print(name, "slow_axis", *map(fmt, p.get_slow_axis()))
            print(name, "pixel_size", *map(fmt, p.get_pixel_size()))
            print(name, "image_size", *p.get_image_size())
            print(name, "trusted_range", *map(fmt, p.get_trusted_range()))
            print(name, "gain", fmt(p.get_gain()))
            print(name, "type", p.get_type())
            print(name, "rotation_axis", *map(fmt, g.get_rotation_axis()))
            print(name, "image_range", *s.get_image_range())
            print(name, "oscillation", *map(fmt, s.get_oscillation()))
            print(name, "exposure_time", fmt(s.get_exposure_times()[0]))
            n = spec["nz"]
            for k in range(n):
                raw = img.get_raw_data(k) if n > 1 else img.get_raw_data()
                a = raw.as_numpy_array()
                print(name, "frame", k, a.size, repr(float(a.sum())), repr(float(a.min())), repr(float(a.max())), repr(float(a.ravel()[1])),
                      repr(float(a.ravel()[spec["nx"]])))


if __name__ == "__main__":
    main()
