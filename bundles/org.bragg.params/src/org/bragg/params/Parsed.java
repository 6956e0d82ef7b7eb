package org.bragg.params;

import java.util.List;
import java.util.Objects;

/**
 * The result of {@link Phil#parse(List, Class)}: the parameters, and the arguments that were neither
 * assignments nor {@code .phil} files (input files such as {@code imported.expt} or images), in
 * command-line order.
 *
 * @param <P>        the parameter record type
 * @param params     the parameters (defaults overridden by the arguments)
 * @param positional the other arguments, unmodifiable
 * @since 0.1
 */
public record Parsed<P extends Record>(P params, List<String> positional) {

    /**
     * Copies {@code positional}.
     *
     * @param params     the parameters
     * @param positional the other arguments
     * @throws NullPointerException if an argument is null
     */
    public Parsed {
        Objects.requireNonNull(params, "params");
        positional = List.copyOf(positional);
    }
}
