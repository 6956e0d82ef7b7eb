# Generates tests/org.bragg.io.tests/src/org/bragg/io/tests/all_types.refl with DIALS 3.12:
#   /usr/bin/python3 dev/make_io_test_fixture.py tests/org.bragg.io.tests/src/org/bragg/io/tests/all_types.refl
# One column of every type DIALS can write and read back (std::string columns cannot be read back by DIALS).
import sys
from dials.array_family import flex
from dials.model.data import Shoebox
t = flex.reflection_table()
t["flag_b"] = flex.bool([True, False, True])
t["id"] = flex.int([0, 1, -7])
t["panel"] = flex.size_t([0, 3, 2**32 - 1])
t["d"] = flex.double([1.5, -2.25, 1e-300])
t["xy"] = flex.vec2_double([(1, 2), (3, 4), (5, 6.5)])
t["s1"] = flex.vec3_double([(0.1, 0.2, 0.3), (-1, 0, 1), (7, 8, 9)])
t["m"] = flex.mat3_double([(1, 2, 3, 4, 5, 6, 7, 8, 9), (0,) * 9, (-1, 0, 0, 0, -1, 0, 0, 0, 1)])
t["bbox"] = flex.int6([(0, 2, 0, 3, 0, 1), (10, 11, 20, 21, 5, 6), (1, 1, 2, 2, 3, 3)])
t["miller_index"] = flex.miller_index([(1, -2, 3), (0, 0, 0), (-10, 20, -30)])
sb = flex.shoebox(3)
a = Shoebox(0, (0, 2, 0, 3, 0, 1)); a.allocate()
for i in range(6):
    a.data[i] = i + 0.5; a.mask[i] = 5 if i % 2 else 3; a.background[i] = 0.25 * i
sb[0] = a
sb[1] = Shoebox(3, (10, 11, 20, 21, 5, 6))  # no pixel data
b = Shoebox(2, (1, 1, 2, 2, 3, 3)); sb[2] = b  # empty bbox
t["shoebox"] = sb
t.experiment_identifiers()[0] = "f5b8883b-6011-c8c5-5873-7fb27f9e717f"
t.experiment_identifiers()[1] = "second"
t.as_file(sys.argv[1])
