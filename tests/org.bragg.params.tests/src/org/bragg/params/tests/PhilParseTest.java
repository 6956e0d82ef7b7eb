package org.bragg.params.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.bragg.params.ParameterException;
import org.bragg.params.Parsed;
import org.bragg.params.Phil;
import org.bragg.params.tests.SpotFinderParams.Algorithm;
import org.bragg.params.tests.SpotFinderParams.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Command-line parsing: names, suffixes, values, errors. */
class PhilParseTest {

    private static SpotFinderParams sf(String... args) throws ParameterException {
        return Phil.parse(List.of(args), SpotFinderParams.class).params();
    }

    private static ImportParams imp(String... args) throws ParameterException {
        return Phil.parse(List.of(args), ImportParams.class).params();
    }

    private static String error(Class<? extends Record> type, String... args) {
        return assertThrows(ParameterException.class, () -> Phil.parse(List.of(args), type)).getMessage();
    }

    @Test
    void noArgumentsGivesDefaults() throws Exception {
        Parsed<SpotFinderParams> p = Phil.parse(List.of(), SpotFinderParams.class);
        assertEquals(Phil.format(SpotFinderParams.defaults(), false), Phil.format(p.params(), false));
        assertEquals(List.of(), p.positional());
        assertEquals("", Phil.diff(p.params()));
        assertEquals("", Phil.format(p.params(), true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"min_spot_size=3", "filter.min_spot_size=3", "spotfinder.filter.min_spot_size=3",
        "min_spot_size = 3", "min_spot_size= 3"})
    void fullPathAndUniqueSuffixesResolveToTheSameDefinition(String arg) throws Exception {
        assertEquals(OptionalInt.of(3), sf(arg).filter().minSpotSize());
    }

    @Test
    void suffixesOfDialsImportParameters() throws Exception {
        ImportParams p = imp("image_range=1,20", "wavelength=0.9795", "distance=190.5",
                "fast_slow_beam_centre=1024.5 1100.25", "beam.direction=0,0,1");
        assertArrayEquals(new int[] {1, 20}, p.geometry().scan().imageRange());
        assertEquals(OptionalDouble.of(0.9795), p.geometry().beam().wavelength());
        assertEquals(OptionalDouble.of(190.5), p.geometry().detector().distance());
        assertArrayEquals(new double[] {1024.5, 1100.25}, p.geometry().detector().fastSlowBeamCentre());
        assertArrayEquals(new double[] {0, 0, 1}, p.geometry().beam().direction());
        ImportParams three = imp("geometry.detector.fast_slow_beam_centre=1,2,0");
        assertArrayEquals(new double[] {1, 2, 0}, three.geometry().detector().fastSlowBeamCentre());
    }

    @Test
    void suffixMatchesWholeComponentsOnly() {
        String msg = error(SpotFinderParams.class, "spot_size=3");
        assertTrue(msg.startsWith("Unknown parameter \"spot_size\"."), msg);
        assertTrue(msg.contains("spotfinder.filter.max_spot_size") && msg.contains("spotfinder.filter.min_spot_size"),
                msg);
    }

    @Test
    void ambiguousSuffixListsAllCandidates() throws Exception {
        String msg = error(SpotFinderParams.class, "d_min=2");
        assertEquals("Ambiguous parameter \"d_min\" matches: spotfinder.filter.d_min, spotfinder.filter.ice_rings.d_min",
                msg);
        // a longer suffix disambiguates
        assertEquals(OptionalDouble.of(2), sf("filter.d_min=2").filter().dMin());
        assertEquals(OptionalDouble.of(2), sf("ice_rings.d_min=2").filter().iceRings().dMin());
    }

    @Test
    void filterSuffixIsTheIceRingsDefinitionNotTheScope() throws Exception {
        // "filter" is a scope (spotfinder.filter) and a definition (spotfinder.filter.ice_rings.filter);
        // assignments match definitions only, as in libtbx
        assertTrue(sf("filter=True").filter().iceRings().filter());
    }

    @Test
    void unknownNameSuggestsTheClosestDefinitions() {
        assertEquals("Unknown parameter \"min_spot_sise\". Did you mean: spotfinder.filter.min_spot_size?",
                error(SpotFinderParams.class, "min_spot_sise=3"));
        assertEquals("Unknown parameter \"nprocs\". Did you mean: spotfinder.mp.nproc?",
                error(SpotFinderParams.class, "nprocs=4"));
        assertEquals("Unknown parameter \"spotfinder.filter.kernal_size\". Did you mean:"
                + " spotfinder.threshold.dispersion.kernel_size?", error(SpotFinderParams.class,
                        "spotfinder.filter.kernal_size=3,3"));
        assertEquals("Unknown parameter \"wavelenght\". Did you mean: geometry.beam.wavelength?",
                error(ImportParams.class, "wavelenght=1"));
        assertEquals("Unknown parameter \"xyzzy\".", error(SpotFinderParams.class, "xyzzy=1"));
    }

    @Test
    void atMostFiveSuggestions() {
        String msg = error(SpotFinderParams.class, "sigma=3");
        String list = msg.substring(msg.indexOf(':') + 1);
        assertTrue(list.split(",").length <= 5, msg);
        assertTrue(msg.contains("spotfinder.threshold.dispersion.sigma_strong"), msg);
    }

    @Test
    void scopeNameUsedAsDefinitionIsExplained() {
        String msg = error(SpotFinderParams.class, "mp=4");
        assertTrue(msg.startsWith("\"mp\" is a scope (spotfinder.mp), not a parameter"), msg);
    }

    @Test
    void badValuesNameParameterExpectationAndValue() {
        assertEquals("Invalid value for spotfinder.filter.max_spot_size: expected an integer >= 1, found \"abc\"",
                error(SpotFinderParams.class, "max_spot_size=abc"));
        assertEquals("Invalid value for spotfinder.filter.max_spot_size: expected an integer >= 1, found \"0\""
                + " (below the minimum 1)", error(SpotFinderParams.class, "max_spot_size=0"));
        assertEquals("Invalid value for spotfinder.filter.min_spot_size: expected an integer >= 1, or Auto,"
                + " found \"2.5\"", error(SpotFinderParams.class, "min_spot_size=2.5"));
        assertEquals("Invalid value for spotfinder.threshold.dispersion.kernel_size: expected 2 integers separated by"
                + " spaces or commas, each >= 1, or None, found \"3\" (1 value)",
                error(SpotFinderParams.class, "kernel_size=3"));
        assertEquals("Invalid value for spotfinder.threshold.dispersion.kernel_size: expected 2 integers separated by"
                + " spaces or commas, each >= 1, or None, found \"3,0\" (element 0 is below the minimum 1)",
                error(SpotFinderParams.class, "kernel_size=3,0"));
        assertEquals("Invalid value for spotfinder.filter.ice_rings.filter: expected True or False, found \"maybe\"",
                error(SpotFinderParams.class, "ice_rings.filter=maybe"));
        assertEquals("Invalid value for spotfinder.threshold.algorithm: expected one of dispersion,"
                + " dispersion_extended, radial_profile, found \"fft\"", error(SpotFinderParams.class, "algorithm=fft"));
        assertEquals("Invalid value for spotfinder.filter.d_min: expected a number >= 0, or None, found \"-1\""
                + " (below the minimum 0)", error(SpotFinderParams.class, "filter.d_min=-1"));
        assertEquals("Invalid value for spotfinder.mp.nproc: expected an integer >= 1, found \"None\"",
                error(SpotFinderParams.class, "nproc=None"));
        assertEquals("Invalid value for geometry.detector.fast_slow_beam_centre: expected 2 to 3 numbers separated by"
                + " spaces or commas, or None, found \"1 2 3 4\" (4 values)",
                error(ImportParams.class, "fast_slow_beam_centre=1 2 3 4"));
    }

    @Test
    void missingValueIsAnError() {
        assertTrue(error(SpotFinderParams.class, "nproc=").startsWith("Missing value for nproc"));
    }

    @Test
    void numbersAcceptPythonSyntax() throws Exception {
        SpotFinderParams p = sf("nproc=4.0", "max_spot_size=1e3", "gain=1.5e-1", "global_threshold=-2");
        assertEquals(4, p.mp().nproc());
        assertEquals(1000, p.filter().maxSpotSize());
        assertEquals(OptionalDouble.of(0.15), p.threshold().dispersion().gain());
        assertEquals(-2.0, p.threshold().dispersion().globalThreshold());
    }

    @ParameterizedTest
    @ValueSource(strings = {"True", "true", "yes", "1", "TRUE"})
    void booleanTrueSpellings(String v) throws Exception {
        assertTrue(sf("ice_rings.filter=" + v).filter().iceRings().filter());
    }

    @ParameterizedTest
    @ValueSource(strings = {"False", "false", "no", "0"})
    void booleanFalseSpellings(String v) throws Exception {
        assertFalse(sf("ice_rings.filter=True", "ice_rings.filter=" + v).filter().iceRings().filter());
    }

    @Test
    void choices() throws Exception {
        assertSame(Algorithm.DISPERSION, sf("algorithm=dispersion").threshold().algorithm());
        assertSame(Algorithm.RADIAL_PROFILE, sf("algorithm=*radial_profile").threshold().algorithm());
        assertSame(Algorithm.DISPERSION,
                sf("algorithm=*dispersion dispersion_extended radial_profile").threshold().algorithm());
        assertSame(Method.SGE, sf("mp.method=sge").mp().method());
        assertSame(Method.NONE, sf("mp.method=sge", "method=none").mp().method());
        String two = error(SpotFinderParams.class, "algorithm=*dispersion *radial_profile");
        assertTrue(two.endsWith("(more than one choice selected)"), two);
    }

    @Test
    void autoAndNone() throws Exception {
        SpotFinderParams p = sf("min_spot_size=3", "filter.d_min=1.5", "gain=2");
        assertEquals(OptionalInt.of(3), p.filter().minSpotSize());
        SpotFinderParams q = Phil.parse(List.of("min_spot_size=Auto", "filter.d_min=None", "gain=None"), p).params();
        assertEquals(OptionalInt.empty(), q.filter().minSpotSize());
        assertEquals(OptionalDouble.empty(), q.filter().dMin());
        assertEquals(OptionalDouble.empty(), q.threshold().dispersion().gain());
        // both words mean "empty"; Auto is displayed for min_spot_size (@Param(auto = true)), None for d_min
        assertEquals(OptionalInt.empty(), Phil.parse(List.of("min_spot_size=None"), p).params().filter().minSpotSize());
        assertEquals(OptionalInt.empty(), Phil.parse(List.of("min_spot_size=auto"), p).params().filter().minSpotSize());
        String text = Phil.format(q, false);
        assertTrue(text.contains("    min_spot_size = Auto\n"), text);
        assertTrue(text.contains("    d_min = None\n"), text);
    }

    @Test
    void stringsAndPaths() throws Exception {
        ImportParams p = imp("output.experiments=my imported.expt", "template=image_#####.cbf",
                "log=\"quoted name.log\"");
        assertEquals(Path.of("my imported.expt"), p.output().experiments());
        assertEquals(Optional.of("image_#####.cbf"), p.input().template());
        assertEquals(Path.of("quoted name.log"), p.output().log());
        // a quoted None is the text None, not empty
        assertEquals(Optional.of("None"), imp("template='None'").input().template());
        assertEquals(Optional.empty(), imp("template=image_#####.cbf", "template=None").input().template());
        String msg = error(ImportParams.class, "output.log=None");
        assertTrue(msg.startsWith("Invalid value for output.log: expected a path, found \"None\""), msg);
    }

    @Test
    void multipleDefinitionsAccumulateAndNoneClears() throws Exception {
        ImportParams p = imp("directory=/data/a", "directory=/data/b");
        assertEquals(List.of(Path.of("/data/a"), Path.of("/data/b")), p.input().directory());
        assertEquals(List.of(), imp("directory=/data/a", "directory=None").input().directory());
        SpotFinderParams s = sf("scan_range=1,10", "scan_range=20 30");
        assertEquals(2, s.scanRange().size());
        assertArrayEquals(new int[] {20, 30}, s.scanRange().get(1));
    }

    @Test
    void repeatableScopeFromCommandLine() throws Exception {
        SpotFinderParams p = sf("untrusted.circle=100,200,10", "untrusted.rectangle=0,10,0,10",
                "untrusted.panel=1");
        List<SpotFinderParams.Untrusted> u = p.filter().untrusted();
        assertEquals(3, u.size());
        assertArrayEquals(new int[] {100, 200, 10}, u.get(0).circle());
        assertArrayEquals(new int[0], u.get(0).rectangle());
        assertArrayEquals(new int[] {0, 10, 0, 10}, u.get(1).rectangle());
        assertEquals(OptionalInt.of(1), u.get(2).panel());
        // an instance equal to the template (all None) is dropped, as libtbx does; so is a duplicate
        assertEquals(1, sf("untrusted.circle=1,2,3", "untrusted.circle=None", "untrusted.circle=1,2,3")
                .filter().untrusted().size());
        // a block on the command line makes one instance with several values
        SpotFinderParams b = sf("spotfinder.filter.untrusted { circle=1,2,3; panel=0 }");
        assertEquals(1, b.filter().untrusted().size());
        assertEquals(OptionalInt.of(0), b.filter().untrusted().get(0).panel());
    }

    @Test
    void laterAssignmentsOverride() throws Exception {
        assertEquals(8, sf("nproc=2", "mp.nproc=4", "spotfinder.mp.nproc=8").mp().nproc());
        assertEquals(2, sf("spotfinder.mp.nproc=8", "nproc=2").mp().nproc());
    }

    @Test
    void positionalArgumentsAreKeptInOrder() throws Exception {
        Parsed<ImportParams> p = Phil.parse(List.of("/data/x_0001.cbf", "image_range=1,20", "-v", "/data/x_0002.cbf",
                "/odd/dir=1/x.cbf"), ImportParams.class);
        assertEquals(List.of("/data/x_0001.cbf", "-v", "/data/x_0002.cbf", "/odd/dir=1/x.cbf"), p.positional());
        assertArrayEquals(new int[] {1, 20}, p.params().geometry().scan().imageRange());
    }

    @Test
    void compactConstructorChecksBecomeParameterExceptions() {
        ParameterException e = assertThrows(ParameterException.class,
                () -> Phil.parse(List.of("min_spot_size=20", "max_spot_size=10"), SpotFinderParams.class));
        assertEquals("Invalid parameters in spotfinder.filter: spotfinder.filter.min_spot_size (20) must not exceed"
                + " max_spot_size (10)", e.getMessage());
        assertEquals(Optional.of("spotfinder.filter"), e.path());
        assertTrue(e.getCause() instanceof IllegalArgumentException);
    }

    @Test
    void parseStartsFromBaseParameters() throws Exception {
        SpotFinderParams base = sf("nproc=4", "min_spot_size=3");
        SpotFinderParams p = Phil.parse(List.of("max_spot_size=50"), base).params();
        assertEquals(4, p.mp().nproc());
        assertEquals(OptionalInt.of(3), p.filter().minSpotSize());
        assertEquals(50, p.filter().maxSpotSize());
        assertEquals(1000, base.filter().maxSpotSize(), "inputs are immutable");
    }

    @Test
    void withChangesOneValue() throws Exception {
        SpotFinderParams d = SpotFinderParams.defaults();
        SpotFinderParams p = Phil.with(d, "spotfinder.threshold.dispersion.kernel_size", "5,5");
        assertArrayEquals(new int[] {5, 5}, p.threshold().dispersion().kernelSize());
        assertArrayEquals(new int[] {3, 3}, d.threshold().dispersion().kernelSize());
        assertEquals(OptionalInt.empty(), Phil.with(Phil.with(d, "min_spot_size", "3"), "min_spot_size", "Auto")
                .filter().minSpotSize());
        assertSame(Algorithm.DISPERSION, Phil.with(d, "algorithm", "dispersion").threshold().algorithm());
        assertSame(Method.PBS, Phil.with(d, "method", "pbs").mp().method());
        ParameterException e = assertThrows(ParameterException.class, () -> Phil.with(d, "nproc", "0"));
        assertEquals(Optional.of("spotfinder.mp.nproc"), e.path());
        assertThrows(ParameterException.class, () -> Phil.with(d, "d_min", "1"));
        assertThrows(ParameterException.class, () -> Phil.with(d, "not a path", "1"));
        // a value with characters special in PHIL files is taken literally
        ImportParams i = Phil.with(ImportParams.defaults(), "template", "run#1_{n}.cbf");
        assertEquals(Optional.of("run#1_{n}.cbf"), i.input().template());
    }

    @Test
    void defaultsAreTheRecordsDefaults() {
        assertEquals(Phil.format(ImportParams.defaults(), false), Phil.format(Phil.defaults(ImportParams.class), false));
    }
}
