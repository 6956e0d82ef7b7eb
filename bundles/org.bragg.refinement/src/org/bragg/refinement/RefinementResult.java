package org.bragg.refinement;

import java.util.List;

import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.ReflectionTable;

/**
 * What {@link Refiner#refine} returns.
 *
 * @param experiments refined models (new objects; the input list is untouched). After scan-varying
 *        refinement the crystal carries {@code A_at_scan_points} and, for a scan-varying beam,
 *        {@code s0_at_scan_points} (one per image + 1).
 * @param reflections a copy of all input reflections (DIALS {@code include_unused_reflections=True})
 *        with updated {@code xyzcal.mm}, {@code xyzcal.px}, {@code s1}, residual columns
 *        {@code x_resid}, {@code y_resid} (mm) and {@code phi_resid} (rad), and the flags
 *        {@code used_in_refinement} and {@code centroid_outlier} set as DIALS sets them
 * @param history every engine step of every macrocycle, in order
 * @param diagnostics parameter values, ESDs, correlation matrices, condition numbers and RMSD tables
 *        of the final macrocycle
 * @since 0.1
 */
public record RefinementResult(ExperimentList experiments, ReflectionTable reflections, List<RmsdStep> history, Diagnostics diagnostics) {
	public RefinementResult {
		history = List.copyOf(history);
	}
}
