package org.bragg.params.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bragg.params.Param;
import org.bragg.params.Phil;
import org.bragg.params.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lists whose defaults are not empty: replaced by the first assignment, and emptied by the diff forms. */
class RepeatDefaultsTest {

    @TempDir
    Path dir;

    @Scope("scaling")
    record ScalingParams(@Param(help = "Resolution shells to exclude") List<Exclude> exclude,
            List<String> models) {
        public static ScalingParams defaults() {
            return new ScalingParams(List.of(new Exclude(3.9, 3.85)), List.of("physical"));
        }
    }

    record Exclude(@Param(unit = "Å") double dMax, @Param(unit = "Å") double dMin) {
        public static Exclude defaults() {
            return new Exclude(0, 0);
        }
    }

    @Test
    void firstAssignmentReplacesTheDefaultList() throws Exception {
        ScalingParams p = Phil.parse(List.of("exclude.d_max=2.3", "exclude { d_max=1.5; d_min=1.4 }", "models=kb",
                "models=array"), ScalingParams.class).params();
        assertEquals(List.of(new Exclude(2.3, 0), new Exclude(1.5, 1.4)), p.exclude());
        assertEquals(List.of("kb", "array"), p.models());
    }

    @Test
    void emptiedListsRoundTripThroughEveryForm() throws Exception {
        ScalingParams empty = new ScalingParams(List.of(), List.of());
        assertEquals("""
                scaling.exclude {
                }
                scaling.models = None
                """, Phil.format(empty, true));
        assertEquals("""
                The following parameters have been modified:

                scaling {
                  exclude {
                  }
                  models = None
                }
                """, Phil.diff(empty));
        for (String text : List.of(Phil.format(empty, true), Phil.format(empty, false),
                Phil.diff(empty).substring(Phil.diff(empty).indexOf("\n\n") + 2))) {
            Path f = Files.writeString(dir.resolve("e.phil"), text);
            assertEquals(empty, Phil.parse(List.of(f.toString()), ScalingParams.class).params(), text);
        }
    }
}
