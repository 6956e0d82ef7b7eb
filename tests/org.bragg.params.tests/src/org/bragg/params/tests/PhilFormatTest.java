package org.bragg.params.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.bragg.params.ParamDefinition;
import org.bragg.params.Phil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing PHIL: byte-for-byte agreement with libtbx, diffs, round trips, introspection. */
class PhilFormatTest {

    @TempDir
    Path dir;

    private static SpotFinderParams sf(String args) throws Exception {
        return Phil.parse(List.of(args.split(" ")), SpotFinderParams.class).params();
    }

    @Test
    void showConfigMatchesLibtbxAtEachExpertAndAttributesLevel() {
        assertEquals(LibtbxGolden.SHOW_E0_A0, Phil.showConfig(SpotFinderParams.class, 0, 0));
        assertEquals(LibtbxGolden.SHOW_E0_A1, Phil.showConfig(SpotFinderParams.class, 0, 1));
        assertEquals(LibtbxGolden.SHOW_E1_A2, Phil.showConfig(SpotFinderParams.class, 1, 2));
        assertEquals(LibtbxGolden.SHOW_EM1_A3, Phil.showConfig(SpotFinderParams.class, -1, 3));
    }

    @Test
    void expertLevelHidesDefinitionsAndScopes() {
        String e0 = Phil.showConfig(SpotFinderParams.class, 0, 0);
        String e1 = Phil.showConfig(SpotFinderParams.class, 1, 0);
        for (String expert : List.of("kernel_size", "sigma_background", "sigma_strong", "min_local", "max_separation",
                "width")) {
            assertFalse(e0.contains(expert + " ="), expert);
            assertTrue(e1.contains(expert + " ="), expert);
        }
        assertTrue(e0.contains("global_threshold = 0"));
        assertTrue(e0.contains("untrusted {"), "the template of a repeatable scope is shown");
    }

    @Test
    void formatAndDiffMatchLibtbx() throws Exception {
        SpotFinderParams p1 = sf(LibtbxGolden.ARGS_1);
        assertEquals(LibtbxGolden.FULL_1, Phil.format(p1, false));
        assertEquals("The following parameters have been modified:\n\n" + LibtbxGolden.DIFF_1, Phil.diff(p1));
        SpotFinderParams p2 = sf(LibtbxGolden.ARGS_2);
        assertEquals(LibtbxGolden.FULL_2, Phil.format(p2, false));
        assertEquals("The following parameters have been modified:\n\n" + LibtbxGolden.DIFF_2, Phil.diff(p2));
    }

    @Test
    void diffAsDialsLogsIt() throws Exception {
        SpotFinderParams p = sf("min_spot_size=3 nproc=4 filter.d_min=None");
        assertEquals("""
                The following parameters have been modified:

                spotfinder {
                  filter {
                    min_spot_size = 3
                  }
                  mp {
                    nproc = 4
                  }
                }
                """, Phil.diff(p));
    }

    @Test
    void diffIgnoresAssignmentsOfTheDefaultValue() throws Exception {
        SpotFinderParams p = Phil.parse(List.of("nproc=1", "kernel_size=3 3", "algorithm=dispersion_extended",
                "min_spot_size=Auto"), SpotFinderParams.class).params();
        assertEquals("", Phil.diff(p));
        assertEquals("", Phil.format(p, true));
    }

    @Test
    void dottedDiffLines() throws Exception {
        SpotFinderParams p = Phil.parse(List.of("min_spot_size=3", "nproc=4", "kernel_size=5,5",
                "untrusted.circle=1,2,3", "filter.d_min=1.5"), SpotFinderParams.class).params();
        assertEquals("""
                spotfinder.threshold.dispersion.kernel_size = 5 5
                spotfinder.filter.min_spot_size = 3
                spotfinder.filter.d_min = 1.5
                spotfinder.filter.untrusted {
                  circle = 1 2 3
                }
                spotfinder.mp.nproc = 4
                """, Phil.format(p, true));
        ImportParams i = Phil.parse(List.of("image_range=1,20", "wavelength=0.9795", "directory=/data"),
                ImportParams.class).params();
        assertEquals("""
                input.directory = "/data"
                geometry.beam.wavelength = 0.9795
                geometry.scan.image_range = 1 20
                """, Phil.format(i, true));
    }

    @Test
    void fullAndDiffFormsReadBackToEqualParameters() throws Exception {
        List<String> args = List.of("algorithm=radial_profile", "gain=0.5", "kernel_size=7 7", "sigma_background=6.5",
                "min_spot_size=2", "max_spot_size=40", "filter.d_min=1.234567", "ice_rings.filter=yes",
                "ice_rings.width=0.004", "untrusted.circle=100,200,10", "untrusted.polygon=0,0,5,0,5,5",
                "untrusted { panel=1; rectangle=0,1,2,3 }", "method=sge", "nproc=12", "scan_range=1,5",
                "scan_range=7,9");
        SpotFinderParams p = Phil.parse(args, SpotFinderParams.class).params();
        String full = Phil.format(p, false);
        String dotted = Phil.format(p, true);
        Path f1 = Files.writeString(dir.resolve("full.phil"), full);
        Path f2 = Files.writeString(dir.resolve("diff.phil"), dotted);
        for (Path f : List.of(f1, f2)) {
            SpotFinderParams q = Phil.parse(List.of(f.toString()), SpotFinderParams.class).params();
            assertEquals(full, Phil.format(q, false), f.getFileName().toString());
            assertEquals(3, q.filter().untrusted().size());
            assertArrayEquals(new int[] {0, 1, 2, 3}, q.filter().untrusted().get(2).rectangle());
        }
        // and the nested diff block DIALS logs reads back too
        Path f3 = Files.writeString(dir.resolve("logged.phil"),
                Phil.diff(p).replace("The following parameters have been modified:\n\n", ""));
        assertEquals(full, Phil.format(Phil.parse(List.of(f3.toString()), SpotFinderParams.class).params(), false));
    }

    @Test
    void importParametersFormat() throws Exception {
        ImportParams p = Phil.parse(List.of("fast_slow_beam_centre=1024.5,1100", "distance=190"),
                ImportParams.class).params();
        assertEquals("""
                output {
                  experiments = "imported.expt"
                  log = "dials.import.log"
                  compact = False
                }
                input {
                  template = None
                  directory = None
                }
                geometry {
                  beam {
                    wavelength = None
                    direction = None
                  }
                  detector {
                    distance = 190
                    fast_slow_beam_centre = 1024.5 1100
                  }
                  scan {
                    image_range = None
                  }
                }
                """, Phil.format(p, false));
        String config = Phil.showConfig(ImportParams.class, 0, 2);
        assertTrue(config.contains("""
                    fast_slow_beam_centre = None
                      .help = "Override the beam centre from the image headers. The first two"
                              "values are the fast and slow pixel coordinate. If the third is"
                              "supplied it specifies a panel number."
                      .short_caption = "Beam centre coordinates (px fast, px slow, [panel id])"
                      .type = floats(size_min=2, size_max=3)
                """), config);
        assertTrue(config.contains("""
                  directory = None
                    .help = "A directory with images"
                    .type = path
                    .multiple = True
                """), config);
        assertFalse(config.contains("compact"), "expert level 1 hidden at -e 0");
    }

    @Test
    void definitionsDescribeEveryLeaf() {
        List<ParamDefinition> defs = Phil.definitions(SpotFinderParams.class);
        Map<String, ParamDefinition> byPath = defs.stream()
                .collect(Collectors.toMap(ParamDefinition::path, Function.identity()));
        assertEquals(22, defs.size());
        assertEquals("spotfinder.scan_range", defs.get(0).path());

        ParamDefinition min = byPath.get("spotfinder.filter.min_spot_size");
        assertEquals(OptionalInt.class, min.javaType());
        assertEquals(1, min.min());
        assertEquals(Double.POSITIVE_INFINITY, min.max());
        assertEquals("px", min.unit());
        assertEquals("Auto", min.defaultText());
        assertEquals("int(value_min=1, allow_none=True)", min.philType());
        assertEquals(0, min.expertLevel());

        ParamDefinition alg = byPath.get("spotfinder.threshold.algorithm");
        assertEquals(List.of("dispersion", "dispersion_extended", "radial_profile"), alg.choices());
        assertEquals("dispersion *dispersion_extended radial_profile", alg.defaultText());

        ParamDefinition kernel = byPath.get("spotfinder.threshold.dispersion.kernel_size");
        assertEquals(int[].class, kernel.javaType());
        assertEquals("3 3", kernel.defaultText());
        assertEquals("ints(size=2, value_min=1)", kernel.philType());
        assertEquals(1, kernel.expertLevel());

        ParamDefinition circle = byPath.get("spotfinder.filter.untrusted.circle");
        assertEquals("None", circle.defaultText());
        assertEquals("An untrusted circle (xc, yc, r)", circle.help());

        ParamDefinition dMin = byPath.get("spotfinder.filter.d_min");
        assertEquals("Å", dMin.unit());
        assertEquals("High resolution limit", dMin.caption());
        assertEquals(OptionalDouble.class, dMin.javaType());

        ParamDefinition ranges = byPath.get("spotfinder.scan_range");
        assertTrue(ranges.multiple());
        assertEquals(List.class, ranges.javaType());
        assertEquals("None", ranges.defaultText());

        assertEquals(1, byPath.get("spotfinder.filter.ice_rings.width").expertLevel());
        assertEquals("\"imported.expt\"",
                Phil.definitions(ImportParams.class).get(0).defaultText());
    }
}
