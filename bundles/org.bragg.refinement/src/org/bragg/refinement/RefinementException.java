package org.bragg.refinement;

import org.bragg.model.BraggInputException;

/**
 * Refinement cannot proceed or failed: too few reflections for the parameterisation (DIALS
 * {@code auto_reduction.action=fail}), no reflections left after outlier rejection, a singular normal
 * matrix, or input reflections without the columns refinement needs. The message says what was
 * tried and what to try next, e.g. "Too few reflections to parameterise Crystal1 (12 reflections for 6
 * parameters; min_nref_per_parameter=5): set auto_reduction.action=fix or give more reflections".
 *
 * @since 0.1
 */
public class RefinementException extends BraggInputException {
	private static final long serialVersionUID = 1L;

	public RefinementException(String message) { super(message); }

	public RefinementException(String message, Throwable cause) { super(message, cause); }
}
