package org.bragg.params.internal;

/**
 * One word of PHIL text.
 *
 * @param value  the text, without quotes and with escapes resolved
 * @param quoted whether the word was written in quotes (a quoted {@code "None"} is a string, not None)
 * @param line   1-based line number in the source, or 0 for command-line arguments
 */
public record Word(String value, boolean quoted, int line) {

    /** True if this is the unquoted word {@code s}. */
    public boolean is(String s) {
        return !quoted && value.equals(s);
    }

    /** True if this is an unquoted {@code None}, {@code Auto} (case-insensitive, as libtbx). */
    public boolean isPlain(String s) {
        return !quoted && value.equalsIgnoreCase(s);
    }

    /** The word as it would be written in PHIL. */
    public String display() {
        return quoted ? Names.quote(value) : value;
    }
}
