package org.bragg.params;

import java.util.List;

/**
 * Description of one PHIL definition (a leaf parameter), for building forms and completions. Listed
 * by {@link Phil#definitions(Class)} in declaration order; members of repeatable scopes are listed
 * once, with their defaults taken from the element record's {@code defaults()}.
 *
 * @param path        full dotted path, e.g. {@code spotfinder.filter.min_spot_size}
 * @param javaType    the component's class ({@code OptionalInt.class}, {@code int[].class},
 *                    {@code List.class} for multiple definitions; the element kind is in {@code philType})
 * @param help        {@code .help}, empty if none
 * @param unit        unit for display ({@code "px"}, {@code "mm"}, {@code "Å"}), empty if none
 * @param min         inclusive lower bound, {@code Double.NEGATIVE_INFINITY} if none
 * @param max         inclusive upper bound, {@code Double.POSITIVE_INFINITY} if none
 * @param expertLevel effective expert level: the highest of the definition's and its enclosing scopes'
 * @param choices     choice words for enums (lowercase), empty otherwise
 * @param defaultText the default as PHIL words ({@code Auto}, {@code 3 3}, {@code *none drmaa sge},
 *                    {@code "strong.refl"}); for multiple definitions the values separated by
 *                    {@code ", "}, or {@code None}
 * @param caption     {@code .short_caption}, empty if none
 * @param philType    {@code .type}, e.g. {@code int(value_min=1, allow_none=True)}
 * @param multiple    true for {@code .multiple = True} definitions ({@code List<String>} etc.)
 * @since 0.1
 */
public record ParamDefinition(String path, Class<?> javaType, String help, String unit, double min, double max,
        int expertLevel, List<String> choices, String defaultText, String caption, String philType,
        boolean multiple) {

    /**
     * Copies {@code choices}.
     *
     * @param path        full dotted path
     * @param javaType    the component's class
     * @param help        {@code .help}
     * @param unit        display unit
     * @param min         inclusive lower bound
     * @param max         inclusive upper bound
     * @param expertLevel effective expert level
     * @param choices     choice words
     * @param defaultText the default as PHIL words
     * @param caption     {@code .short_caption}
     * @param philType    {@code .type}
     * @param multiple    {@code .multiple = True}
     */
    public ParamDefinition {
        choices = List.copyOf(choices);
    }
}
