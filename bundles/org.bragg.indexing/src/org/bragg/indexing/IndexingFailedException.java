package org.bragg.indexing;

import org.bragg.model.BraggInputException;

/**
 * Indexing found no acceptable lattice. The message says what was tried (method, max_cell, number of
 * spots, the best fraction indexed) and what to try next, e.g. {@code no lattice indexed ≥ 20% of 654
 * spots; tried fft3d with max_cell=118.9 Å; try indexing.method=fft1d or a known unit_cell}. Programs
 * report it as a user/data error (exit status 1).
 *
 * @since 0.1
 */
public class IndexingFailedException extends BraggInputException {
	private static final long serialVersionUID = 1L;

	public IndexingFailedException(String message) { super(message); }

	public IndexingFailedException(String message, Throwable cause) { super(message, cause); }
}
