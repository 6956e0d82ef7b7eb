package org.bragg.params;

import java.util.Optional;

/**
 * The user's parameters are wrong: an unknown or ambiguous name, a value of the wrong type or out of
 * range, a PHIL syntax error, a missing {@code .phil} file, or a check in a parameter record's
 * constructor failed. The message is one line, names the parameter (full path) or file and line,
 * what was expected and what was found, so a program can print it as is and exit with status 1.
 *
 * @since 0.1
 */
public class ParameterException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Full dotted path of the parameter or scope concerned, or null. */
    private final String path;

    /**
     * An error not tied to one parameter (syntax error, missing file).
     *
     * @param message one-line message
     */
    public ParameterException(String message) {
        this(message, null, null);
    }

    /**
     * @param message one-line message
     * @param path    full dotted path of the parameter or scope concerned, or null
     * @param cause   underlying exception, or null
     */
    public ParameterException(String message, String path, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    /**
     * The parameter or scope concerned.
     *
     * @return its full dotted path, or empty if the error concerns no single parameter
     */
    public Optional<String> path() {
        return Optional.ofNullable(path);
    }
}
