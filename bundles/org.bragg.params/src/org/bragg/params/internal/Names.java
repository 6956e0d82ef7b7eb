package org.bragg.params.internal;

import java.util.Locale;

/** Name helpers: Java component names to PHIL names, PHIL identifier rules. */
public final class Names {

    private Names() {
    }

    /**
     * Converts a Java camelCase name to PHIL snake_case: {@code minSpotSize -> min_spot_size},
     * {@code dMin -> d_min}, {@code fastSlowBeamCentre -> fast_slow_beam_centre},
     * {@code HTMLFile -> html_file}.
     */
    public static String snake(String camel) {
        StringBuilder b = new StringBuilder(camel.length() + 8);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                boolean prevLowerOrDigit = i > 0
                        && (Character.isLowerCase(camel.charAt(i - 1)) || Character.isDigit(camel.charAt(i - 1)));
                boolean acronymEnd = i > 0 && Character.isUpperCase(camel.charAt(i - 1))
                        && i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1));
                if ((prevLowerOrDigit || acronymEnd) && b.length() > 0 && b.charAt(b.length() - 1) != '_') {
                    b.append('_');
                }
                b.append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The lowercase PHIL choice word of an enum constant ({@code DISPERSION_EXTENDED -> dispersion_extended}). */
    public static String choice(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static boolean isStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isPart(char c) {
        return isStart(c) || (c >= '0' && c <= '9');
    }

    /** True if {@code s} is one PHIL name component (letters, digits, underscore; not starting with a digit). */
    public static boolean isName(String s) {
        if (s.isEmpty() || !isStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!isPart(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** True if {@code s} is a dotted path of {@link #isName names} ({@code libtbx.phil.is_standard_identifier}). */
    public static boolean isPath(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (String part : s.split("\\.", -1)) {
            if (!isName(part)) {
                return false;
            }
        }
        return true;
    }

    /** Quotes a string the way libtbx writes a quoted word: double quotes, backslash and quote escaped. */
    public static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
