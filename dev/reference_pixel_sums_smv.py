#!/usr/bin/python3
"""Reference values for the Bragg SMV reader tests, computed with dxtbx (DIALS 3.12).

Run with the system Python that has dxtbx:
    /usr/bin/python3 dev/reference_pixel_sums_smv.py [shared-data-dir] \
        > tests/org.bragg.format.tests/src/org/bragg/format/tests/smv/reference_smv_dxtbx.txt

Output lines (whitespace separated):
    sum <file> <panel> <n_pixels> <sum> <min> <max>   per panel of dxtbx.load(file).get_raw_data()
    adsc <key> <values...>                            models of a synthetic ADSC image (see below)

The synthetic ADSC image is built exactly as SmvReaderTest builds it: the header text of
adsc_synthetic_header.txt padded with spaces to 512 bytes, then SIZE1*SIZE2 big-endian uint16
pixels with value (37*i + 11) mod 65536 for i = 0, 1, ...; file name adsc_synth_007.img.
"""
import os
import sys
import tempfile

import dxtbx

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.join(HERE, "..", "tests", "org.bragg.format.tests", "src", "org", "bragg", "format", "tests", "smv")
FRAMES = [1, 2, 30, 60, 61, 119, 120]


def fmt(x):
    return repr(float(x))


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "shared", "data")
    print("# dxtbx reference for org.bragg.format.tests.smv; dxtbx", getattr(dxtbx, "__version__", "?"))
    print("# command: /usr/bin/python3 dev/reference_pixel_sums_smv.py > "
          "tests/org.bragg.format.tests/src/org/bragg/format/tests/smv/reference_smv_dxtbx.txt")
    images = os.path.join(shared, "sim_ed_1hpv_p61", "images")
    for n in FRAMES:
        name = "ed1hpv_%04d.img.bz2" % n
        img = dxtbx.load(os.path.join(images, name))
        print("# %s read by %s" % (name, type(img).__name__))
        for k, d in enumerate(img.get_raw_data()):
            a = d.as_numpy_array()
            print("sum", name, k, a.size, int(a.sum()), int(a.min()), int(a.max()))

    header = open(os.path.join(TESTS, "adsc_synthetic_header.txt"), "rb").read()
    header = header + b" " * (512 - len(header))
    size1, size2 = 48, 40
    pixels = bytearray()
    for i in range(size1 * size2):
        v = (37 * i + 11) % 65536
        pixels += bytes(((v >> 8) & 0xFF, v & 0xFF))
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "adsc_synth_007.img")
        with open(path, "wb") as f:
            f.write(header + bytes(pixels))
        img = dxtbx.load(path)
        print("adsc class", type(img).__name__)
        b, d, g, s = img.get_beam(), img.get_detector(), img.get_goniometer(), img.get_scan()
        p = d[0]
        print("adsc beam_direction", *map(fmt, b.get_sample_to_source_direction()))
        print("adsc wavelength", fmt(b.get_wavelength()))
        print("adsc polarization", *map(fmt, b.get_polarization_normal()), fmt(b.get_polarization_fraction()))
        print("adsc origin", *map(fmt, p.get_origin()))
        print("adsc fast_axis", *map(fmt, p.get_fast_axis()))
        print("adsc slow_axis", *map(fmt, p.get_slow_axis()))
        print("adsc pixel_size", *map(fmt, p.get_pixel_size()))
        print("adsc image_size", *p.get_image_size())
        print("adsc trusted_range", *map(fmt, p.get_trusted_range()))
        print("adsc gain", fmt(p.get_gain()))
        print("adsc pedestal", fmt(p.get_pedestal()))
        print("adsc type", p.get_type())
        print("adsc beam_centre_mm", *map(fmt, p.get_beam_centre(b.get_s0())))
        print("adsc rotation_axis", *map(fmt, g.get_rotation_axis()))
        print("adsc image_range", *s.get_image_range())
        print("adsc oscillation", *map(fmt, s.get_oscillation()))
        print("adsc exposure_time", fmt(s.get_exposure_times()[0]))
        print("adsc epoch", fmt(s.get_epochs()[0]))
        a = img.get_raw_data().as_numpy_array()
        print("adsc sum", a.size, int(a.sum()), int(a.min()), int(a.max()), int(a[0, 0]), int(a[0, 1]), int(a[1, 0]))


if __name__ == "__main__":
    main()
