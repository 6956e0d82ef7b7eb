package org.bragg.params.internal;

import java.util.List;

/**
 * Converts between the PHIL words of one definition and its Java value. Implementations are
 * immutable and thread safe.
 */
public interface Codec {

    /**
     * Converts words (never empty) to the Java value.
     *
     * @throws BadValue if the words are not a valid value
     */
    Object parse(List<Word> words) throws BadValue;

    /** The words PHIL shows for {@code value} (strings quoted). */
    List<String> words(Object value);

    /** The PHIL {@code .type}, e.g. {@code int(value_min=1)}, {@code choice}, {@code ints(size=2)}. */
    String philType();

    /** What a valid value looks like, for messages: "an integer >= 1, or Auto". */
    String expected();

    /** Choice words (lowercase enum constants), empty for non-choices. */
    default List<String> choices() {
        return List.of();
    }

    /** A value that failed to convert. {@code detail} is an optional extra, e.g. "below the minimum 1". */
    final class BadValue extends Exception {
        private static final long serialVersionUID = 1L;
        private final String detail;

        public BadValue(String detail) {
            super(detail, null, false, false);
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }
    }
}
