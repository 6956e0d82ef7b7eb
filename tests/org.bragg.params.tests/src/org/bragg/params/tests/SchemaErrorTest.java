package org.bragg.params.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bragg.params.Param;
import org.bragg.params.Phil;
import org.junit.jupiter.api.Test;

/** Invalid parameter record types are programmer errors; less common leaf types work. */
class SchemaErrorTest {

    record NoDefaults(int a) {
    }

    record Unsupported(Map<String, String> m) {
        public static Unsupported defaults() {
            return new Unsupported(Map.of());
        }
    }

    record Boxed(Integer count) {
        public static Boxed defaults() {
            return new Boxed(null);
        }
    }

    record Element(int x) {
    }

    record RepeatWithoutDefaults(List<Element> items) {
        public static RepeatWithoutDefaults defaults() {
            return new RepeatWithoutDefaults(List.of());
        }
    }

    record Clash(int aB, @Param(name = "a_b") int other) {
        public static Clash defaults() {
            return new Clash(0, 0);
        }
    }

    record BadBounds(@Param(min = 0.5) int n) {
        public static BadBounds defaults() {
            return new BadBounds(1);
        }
    }

    @Test
    void invalidTypesThrowIllegalArgumentException() {
        assertMessage(NoDefaults.class, "must declare public static NoDefaults defaults()");
        assertMessage(Unsupported.class, "Unsupported parameter type java.util.Map<java.lang.String, java.lang.String>");
        assertMessage(RepeatWithoutDefaults.class, "must declare public static Element defaults()");
        assertMessage(Clash.class, "Duplicate PHIL name \"a_b\"");
        assertMessage(BadBounds.class, "Non-integral bounds");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Phil.format(Boxed.defaults(),
                false));
        assertTrue(e.getMessage().contains("is null"), e.getMessage());
    }

    private static void assertMessage(Class<? extends Record> type, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Phil.parse(List.of(), type));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    enum Output { MTZ, SCA, MMCIF }

    enum Mode { FAST, ACCURATE }

    record Extras(long bigNumber, Set<Output> formats, Optional<Mode> mode, List<Mode> modes,
            @Param(name = "d", auto = true) Optional<String> label) {
        public static Extras defaults() {
            return new Extras(1L << 40, Set.of(Output.MTZ), Optional.empty(), List.of(), Optional.empty());
        }
    }

    @Test
    void lessCommonLeafTypes() throws Exception {
        assertEquals("""
                big_number = 1099511627776
                formats = *mtz sca mmcif
                mode = fast accurate
                modes = None
                d = Auto
                """, Phil.format(Extras.defaults(), false));
        Extras e = Phil.parse(List.of("big_number=5000000000", "formats=mtz+mmcif", "mode=accurate", "modes=fast",
                "modes=accurate", "d=hello"), Extras.class).params();
        assertEquals(5_000_000_000L, e.bigNumber());
        assertEquals(EnumSet.of(Output.MTZ, Output.MMCIF), e.formats());
        assertEquals(Optional.of(Mode.ACCURATE), e.mode());
        assertEquals(List.of(Mode.FAST, Mode.ACCURATE), e.modes());
        assertEquals(Optional.of("hello"), e.label());
        assertEquals("""
                big_number = 5000000000
                formats = *mtz sca *mmcif
                mode = fast *accurate
                modes = *fast accurate
                modes = fast *accurate
                d = "hello"
                """, Phil.format(e, true));
        assertEquals(Set.of(), Phil.parse(List.of("formats=None"), Extras.class).params().formats());
        assertEquals(EnumSet.of(Output.SCA), Phil.parse(List.of("formats=mtz *sca mmcif"), Extras.class).params()
                .formats());
        String config = Phil.showConfig(Extras.class, 0, 2);
        assertTrue(config.contains("formats = *mtz sca mmcif\n  .type = choice(multi=True)\n"), config);
        assertTrue(config.contains("modes = None\n  .type = choice\n  .multiple = True\n"), config);
    }
}
