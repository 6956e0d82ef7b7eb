package org.bragg.params.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.bragg.params.ParameterException;
import org.bragg.params.Parsed;
import org.bragg.params.Phil;
import org.bragg.params.tests.SpotFinderParams.Algorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading {@code .phil} files: full PHIL syntax, repetition, override order, errors. */
class PhilFileTest {

    @TempDir
    Path dir;

    private String file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    private SpotFinderParams sf(String... args) throws ParameterException {
        return Phil.parse(List.of(args), SpotFinderParams.class).params();
    }

    @Test
    void nestedScopesCommentsQuotesAndDottedNames() throws Exception {
        String f = file("find_spots.phil", """
                # spot finding for a weak crystal
                spotfinder {
                  threshold {
                    algorithm = dispersion   # classic XDS-like
                    dispersion.gain = 0.83
                    dispersion {
                      kernel_size = 5 5
                      sigma_strong = 2.5
                    }
                  }
                  filter { min_spot_size = 3 }
                  filter.max_spot_size = 500 ; filter.d_min = 1.6
                }
                spotfinder.mp.nproc = 4
                spotfinder.mp.method = "sge"
                """);
        SpotFinderParams p = sf(f);
        assertSame(Algorithm.DISPERSION, p.threshold().algorithm());
        assertEquals(OptionalDouble.of(0.83), p.threshold().dispersion().gain());
        assertArrayEquals(new int[] {5, 5}, p.threshold().dispersion().kernelSize());
        assertEquals(2.5, p.threshold().dispersion().sigmaStrong());
        assertEquals(OptionalInt.of(3), p.filter().minSpotSize());
        assertEquals(500, p.filter().maxSpotSize());
        assertEquals(OptionalDouble.of(1.6), p.filter().dMin());
        assertEquals(4, p.mp().nproc());
        assertSame(SpotFinderParams.Method.SGE, p.mp().method());
    }

    @Test
    void namesInsideBlocksResolveRelativeToTheBlock() throws Exception {
        // suffixes are allowed in files too, relative to the enclosing block
        String f = file("short.phil", """
                filter {
                  min_spot_size = 2
                  d_min = 2.0
                }
                dispersion { gain = 1 }
                nproc = 3
                """);
        SpotFinderParams p = sf(f);
        assertEquals(OptionalInt.of(2), p.filter().minSpotSize());
        assertEquals(OptionalDouble.of(2.0), p.filter().dMin(), "d_min inside filter {} is filter.d_min");
        assertEquals(OptionalDouble.of(1), p.threshold().dispersion().gain());
        assertEquals(3, p.mp().nproc());
    }

    @Test
    void repeatedScopeBlocksMakeSeveralInstances() throws Exception {
        String f = file("mask.phil", """
                spotfinder.filter.untrusted {
                  circle = 1024 1024 20
                }
                spotfinder.filter.untrusted {
                  rectangle = 0 100 0 2527
                  panel = 0
                }
                spotfinder {
                  filter {
                    untrusted {
                      polygon = 10 10 \\
                                50 10 \\
                                30 40
                    }
                    untrusted {
                      # all None: identical to the template, dropped as libtbx does
                      circle = None
                    }
                  }
                }
                """);
        List<SpotFinderParams.Untrusted> u = sf(f).filter().untrusted();
        assertEquals(3, u.size());
        assertArrayEquals(new int[] {1024, 1024, 20}, u.get(0).circle());
        assertArrayEquals(new int[] {0, 100, 0, 2527}, u.get(1).rectangle());
        assertEquals(OptionalInt.of(0), u.get(1).panel());
        assertArrayEquals(new int[] {10, 10, 50, 10, 30, 40}, u.get(2).polygon());
    }

    @Test
    void overrideOrderAcrossArgumentsAndFiles() throws Exception {
        String f = file("nproc4.phil", "spotfinder.mp.nproc = 4\nspotfinder.filter.min_spot_size = 6\n");
        assertEquals(4, sf("nproc=2", f).mp().nproc());
        assertEquals(8, sf("nproc=2", f, "nproc=8").mp().nproc());
        String g = file("nproc6.phil", "spotfinder { mp { nproc = 6 } }");
        assertEquals(6, sf(f, g).mp().nproc());
        assertEquals(4, sf(g, f).mp().nproc());
        assertEquals(OptionalInt.of(6), sf(g, f).filter().minSpotSize());
        // the first assignment to a list replaces the default list, later ones add, in any source
        String ranges = file("ranges.phil", "spotfinder.scan_range = 1 10\n");
        assertEquals(2, sf(ranges, "scan_range=20,30").scanRange().size());
    }

    @Test
    void attributesAndDisabledObjectsAreIgnored() throws Exception {
        // the output of -c -a 2 reads back; "!" disables a definition or scope
        String f = file("attrs.phil", """
                spotfinder
                  .help = "Parameters used in the spot finding algorithm."
                {
                  mp {
                    nproc = 5
                      .help = "The number of processes to use per cluster job"
                      .type = int(value_min=1)
                    !njobs = 7
                  }
                  !filter { max_spot_size = 3 }
                }
                """);
        SpotFinderParams p = sf(f);
        assertEquals(5, p.mp().nproc());
        assertEquals(1, p.mp().njobs());
        assertEquals(1000, p.filter().maxSpotSize());
    }

    @Test
    void fullConfigOutputReadsBackAsDefaults() throws Exception {
        for (int a = 0; a <= 3; a++) {
            String text = Phil.showConfig(SpotFinderParams.class, -1, a);
            String f = file("config" + a + ".phil", text.substring(text.indexOf("\n\n") + 2));
            assertEquals(Phil.format(SpotFinderParams.defaults(), false), Phil.format(sf(f), false), "-a " + a);
        }
    }

    @Test
    void quotedStringsAndEscapes() throws Exception {
        String f = file("import.phil", """
                output {
                  experiments = "my run.expt"
                  log = 'it\\'s.log'
                }
                input.template = "a \\"b\\" \\\\c"
                input.directory = /data/one
                input.directory = "/data/two words"
                """);
        ImportParams p = Phil.parse(List.of(f), ImportParams.class).params();
        assertEquals(Path.of("my run.expt"), p.output().experiments());
        assertEquals(Path.of("it's.log"), p.output().log());
        assertEquals(Optional.of("a \"b\" \\c"), p.input().template());
        assertEquals(List.of(Path.of("/data/one"), Path.of("/data/two words")), p.input().directory());
        // written back with escapes, and read again
        String g = file("again.phil", Phil.format(p, false));
        assertEquals(Phil.format(p, false), Phil.format(Phil.parse(List.of(g), ImportParams.class).params(), false));
    }

    @Test
    void errorsNameTheFileAndLine() throws Exception {
        String unknown = file("typo.phil", "spotfinder {\n  filter {\n    min_spot_sise = 3\n  }\n}\n");
        assertEquals("Unknown parameter \"min_spot_sise\" in scope spotfinder.filter (typo.phil, line 3)."
                + " Did you mean: spotfinder.filter.min_spot_size?", message(unknown));
        String bad = file("bad.phil", "spotfinder.mp.nproc = many\n");
        assertEquals("Invalid value for spotfinder.mp.nproc: expected an integer >= 1, found \"many\" (bad.phil, line 1)",
                message(bad));
        String brace = file("brace.phil", "spotfinder {\n  mp { nproc = 2 }\n");
        assertEquals("Syntax error: missing \"}\" at end of input (brace.phil, line 3)", message(brace));
        String extra = file("extra.phil", "spotfinder.mp.nproc = 2\n}\n");
        assertEquals("Syntax error: unexpected \"}\" (extra.phil, line 2)", message(extra));
        String noValue = file("novalue.phil", "spotfinder.mp.nproc =\nspotfinder.mp.njobs = 2\n");
        assertEquals("Syntax error: missing value for \"spotfinder.mp.nproc\" (novalue.phil, line 1)", message(noValue));
        String quote = file("quote.phil", "spotfinder.mp.method = \"sge\n");
        assertEquals("Syntax error: missing closing quote (quote.phil, line 1)", message(quote));
        String include = file("include.phil", "include scope dials.algorithms.spot_finding.factory.phil_scope\n");
        assertTrue(message(include).startsWith("Syntax error: \"include\" is not supported"));
        String scope = file("scope.phil", "nproc { x = 1 }\n");
        assertTrue(message(scope).startsWith("\"nproc\" (scope.phil, line 1) is a parameter (spotfinder.mp.nproc)"),
                message(scope));
        assertEquals("PHIL file not found: " + dir.resolve("missing.phil"), message(dir.resolve("missing.phil").toString()));
    }

    private String message(String arg) {
        return assertThrows(ParameterException.class, () -> Phil.parse(List.of(arg), SpotFinderParams.class))
                .getMessage();
    }

    @Test
    void existingFilesArePositional() throws Exception {
        String image = file("x_0001.cbf", "not really an image");
        String expt = file("imported.expt", "{}");
        Parsed<SpotFinderParams> p = Phil.parse(List.of(expt, "nproc=2", image), SpotFinderParams.class);
        assertEquals(List.of(expt, image), p.positional());
        assertEquals(2, p.params().mp().nproc());
    }
}
