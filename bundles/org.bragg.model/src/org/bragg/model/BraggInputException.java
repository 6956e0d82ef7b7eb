package org.bragg.model;

/**
 * The user's data or arguments are wrong: a file that cannot be read, a header field with the wrong
 * type, a parameter out of range. The message is one line that names the file, the field or header
 * key, what was expected and what was found, e.g.
 * {@code centroid_0001.cbf: header X-Binary-Size-Fastest-Dimension expected integer, found "abc"}.
 * Programs print it and exit with status 1.
 *
 * @since 0.1
 */
public class BraggInputException extends Exception {
	private static final long serialVersionUID = 1L;

	public BraggInputException(String message) { super(message); }

	public BraggInputException(String message, Throwable cause) { super(message, cause); }
}
