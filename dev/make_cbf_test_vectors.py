#!/usr/bin/python3
"""Small CBF files written by CBFlib (pycbf) for the codec tests of org.bragg.format.cbf.

One 23 x 11 x 3 signed 32-bit array, compressed with each CBFlib integer compression that the Bragg
reader decodes: byte_offset, packed, packed_v2, and packed/packed_v2 with the "flat" and
"uncorrelated_sections" flags. The values come from value(i) below, which the Java test
(CbfPackedVectorsTest) recomputes; each file is read back with CBFlib here to check the round trip.

Run:
  /usr/bin/python3 dev/make_cbf_test_vectors.py tests/org.bragg.format.tests/resources/cbf_vectors
"""

import os
import struct
import sys

import pycbf

FAST, MID, SLOW = 23, 11, 3


def value(i):
    """Deterministic test values: smooth background, noise, big spikes and sign changes."""
    f, m, s = i % FAST, (i // FAST) % MID, i // (FAST * MID)
    v = 100 + 3 * f - 2 * m + 50 * s + ((i * 2654435761) % 4294967296 >> 27) - 16
    if i % 97 == 5:
        v = 1000000 + i
    if i % 131 == 7:
        v = -70000 - i
    if i % 401 == 3:
        v = -(2 ** 31) + i
    if i % 409 == 4:
        v = 2 ** 31 - 1 - i
    return v


VARIANTS = {
    "byte_offset": pycbf.CBF_BYTE_OFFSET,
    "packed": pycbf.CBF_PACKED,
    "packed_v2": pycbf.CBF_PACKED_V2,
    "packed_flat": pycbf.CBF_PACKED | pycbf.CBF_FLAT_IMAGE,
    "packed_uncorrelated": pycbf.CBF_PACKED | pycbf.CBF_UNCORRELATED_SECTIONS,
    "packed_v2_uncorrelated": pycbf.CBF_PACKED_V2 | pycbf.CBF_UNCORRELATED_SECTIONS,
}


def main(out_dir):
    n = FAST * MID * SLOW
    values = [value(i) for i in range(n)]
    data = struct.pack("<%di" % n, *values)
    os.makedirs(out_dir, exist_ok=True)
    for name, compression in VARIANTS.items():
        path = os.path.join(out_dir, name + ".cbf")
        h = pycbf.cbf_handle_struct()
        h.new_datablock(b"vectors")
        h.new_category(b"array_data")
        h.new_column(b"data")
        h.new_row()
        h.set_integerarray_wdims_fs(compression, 1, data, 4, 1, n, b"little_endian", FAST, MID, SLOW, 0)
        h.write_widefile(path.encode(), pycbf.CBF, pycbf.MIME_HEADERS | pycbf.MSG_DIGEST, 0)
        del h
        r = pycbf.cbf_handle_struct()
        r.read_widefile(path.encode(), pycbf.MSG_DIGEST)
        r.find_category(b"array_data")
        r.find_column(b"data")
        back = struct.unpack("<%di" % n, r.get_integerarray_as_string())
        if list(back) != values:
            sys.exit("CBFlib round trip failed for " + name)
        print(name, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tests/org.bragg.format.tests/resources/cbf_vectors")
