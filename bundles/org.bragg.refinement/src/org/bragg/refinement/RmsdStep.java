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
 * @since 0.1
 */
public record RmsdStep(int macrocycle, int step, int nref, double rmsdX, double rmsdY, double rmsdZ, double objective,
		double conditionNumber, double mu) {
}
