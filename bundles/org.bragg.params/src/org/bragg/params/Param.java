package org.bragg.params;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * PHIL metadata of one component of a parameter record: a definition ({@code name = value}) when the
 * component has a leaf type, or a scope ({@code name { ... }}) when it is a record or a
 * {@code List} of records (a repeatable scope, {@code .multiple = True}).
 *
 * <p>Every attribute is optional; a component without {@code @Param} gets its snake_case name and no
 * help. Defaults never come from this annotation: they come from the record's {@code defaults()}
 * method (see {@link Phil}).
 *
 * <pre>{@code
 * record Filter(
 *     @Param(help = "The minimum number of contiguous pixels for a spot to be accepted.",
 *            min = 1, auto = true) OptionalInt minSpotSize,
 *     @Param(help = "The high resolution limit.", unit = "Å", min = 0) OptionalDouble dMin) { }
 * }</pre>
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Param {

    /**
     * The PHIL name (one path component, {@code [A-Za-z_][A-Za-z0-9_]*}). Empty (the default) means
     * the component name in snake_case: {@code minSpotSize} becomes {@code min_spot_size}.
     */
    String name() default "";

    /** PHIL {@code .help}: one or more sentences, shown by {@code -c -a 1} and as a tooltip. */
    String help() default "";

    /**
     * PHIL {@code .short_caption}: a short label for forms. Empty means none (forms then use the
     * name).
     */
    String caption() default "";

    /**
     * The unit of the value ({@code "px"}, {@code "mm"}, {@code "Å"}, {@code "deg"}), for forms. Not
     * part of PHIL output; mention it in {@link #help()} if {@code -c} users need it.
     */
    String unit() default "";

    /**
     * Inclusive lower bound of a number, or of each element of an array (PHIL {@code value_min}).
     * Must be integral for integer types.
     */
    double min() default Double.NEGATIVE_INFINITY;

    /** Inclusive upper bound of a number, or of each element of an array (PHIL {@code value_max}). */
    double max() default Double.POSITIVE_INFINITY;

    /**
     * PHIL {@code .expert_level} (0-3). A definition or scope with level L is hidden by
     * {@code -c -e N} when L &gt; N; 0 means "not an expert parameter" and is not displayed.
     */
    int expertLevel() default 0;

    /**
     * For {@code OptionalInt}, {@code OptionalLong}, {@code OptionalDouble} and {@code Optional<...>}:
     * show an empty value as {@code Auto} (the program resolves it; say to what in {@link #help()})
     * instead of {@code None} (unset). Both words read as empty.
     */
    boolean auto() default false;

    /** For {@code int[]}/{@code double[]}: the exact number of elements (PHIL {@code ints(size=2)}); -1 for any. */
    int size() default -1;

    /** For {@code int[]}/{@code double[]}: the minimum number of elements (PHIL {@code size_min}); -1 for none. */
    int sizeMin() default -1;

    /** For {@code int[]}/{@code double[]}: the maximum number of elements (PHIL {@code size_max}); -1 for none. */
    int sizeMax() default -1;
}
