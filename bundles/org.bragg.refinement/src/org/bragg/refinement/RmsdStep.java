package org.bragg.refinement;

/**
 * One step of a refinement run, as a row of the "Refinement steps" table that {@code dials.refine}
 * prints, plus the journal items Bragg always records.
 *
 * @param macrocycle 0 for the first (static) run, 1 for the following scan-varying run, and so on
 * @param step the engine step, 0 = the starting model
 * @param nref reflections used in the step
 * @param rmsdX RMSD of X in mm
 * @param rmsdY RMSD of Y in mm
 * @param rmsdZ RMSD of φ in radians for scans, or of ΔΨ in radians for stills
 * @param objective ½Σw·r² (including restraint terms)
 * @param conditionNumber condition number of the weighted Jacobian (ratio of its largest to smallest
 *        singular value) at this step; NaN if not computed
 * @param mu the Levenberg–Marquardt damping μ used to reach this step (NaN for Gauss–Newton and step 0)
 * @param parameterVector the free parameter values at this step, in the units of
 *        {@link Diagnostics#parameterValues()} (mrad for angles, mm for shifts, ×10⁵ Å⁻² for metric elements),
 *        as DIALS's journal column {@code parameter_vector}; empty if not recorded
 * @param parameterNames DIALS labels of {@code parameterVector}'s entries (same length), e.g.
 *        {@code Crystal1Phi1}; scan-varying parameters are labelled per sample, e.g. {@code Crystal1Phi1Sample1};
 *        empty if not recorded
 * @since 0.1
 */
public record RmsdStep(int macrocycle, int step, int nref, double rmsdX, double rmsdY, double rmsdZ, double objective,
		double conditionNumber, double mu, double[] parameterVector, java.util.List<String> parameterNames) {

	/**
	 * @throws IllegalArgumentException if the vector and names differ in length
	 */
	public RmsdStep {
		parameterVector = parameterVector == null ? new double[0] : parameterVector.clone();
		parameterNames = parameterNames == null ? java.util.List.of() : java.util.List.copyOf(parameterNames);
		if (parameterVector.length != parameterNames.size()) throw new IllegalArgumentException(
				"parameterVector has " + parameterVector.length + " values but parameterNames has " + parameterNames.size());
	}

	/** A step without a recorded parameter vector. */
	public RmsdStep(int macrocycle, int step, int nref, double rmsdX, double rmsdY, double rmsdZ, double objective,
			double conditionNumber, double mu) {
		this(macrocycle, step, nref, rmsdX, rmsdY, rmsdZ, objective, conditionNumber, mu, new double[0], java.util.List.of());
	}

	/** @return a copy of the parameter values at this step */
	@Override
	public double[] parameterVector() { return parameterVector.clone(); }
}
