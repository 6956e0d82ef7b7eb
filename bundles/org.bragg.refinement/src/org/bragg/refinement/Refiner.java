package org.bragg.refinement;

import java.util.Objects;
import java.util.function.Consumer;

import org.bragg.model.ExperimentList;
import org.bragg.model.Progress;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.refinement.internal.RefinerCore;

/**
 * Refines the experimental geometry (beam, crystal orientation and unit cell, detector, optionally the
 * goniometer) against the observed centroids of indexed reflections, as {@code dials.refine} does
 * (Waterman et al. 2016, Acta Cryst. D72, 558–575).
 *
 * <p>Residuals are X, Y (mm, panel frame) and φ (rad) for scans, or X, Y and ΔΨ (rad) for stills,
 * weighted by the inverse variances of the observed centroids; the objective ½Σw·r² is minimised by
 * Levenberg–Marquardt (default) or Gauss–Newton with analytic derivatives. Reflections are selected
 * (indexed, not too close to the spindle, optional random subset), outliers rejected (MCD by default for
 * scans, Sauter–Poon for stills), the parameterisation reduced if there are too few reflections per
 * parameter, and with {@code scan_varying=Auto} a static run is followed by a scan-varying run of the
 * crystal (and of the beam when {@code beam.force_static=False}) when the experiments have scans.
 *
 * <p>Inputs are not modified. Deterministic for a given random seed. Not interruptible mid-step;
 * {@link Progress#isCancelled()} is checked between steps (cancellation returns the current models).
 *
 * @since 0.1
 */
public final class Refiner {
	private Refiner() {}

	/**
	 * Static or scan-varying refinement of the experiments against indexed reflections.
	 *
	 * @param experiments experiments with crystals; models shared between experiments (e.g. one detector)
	 *        are refined jointly and stay shared
	 * @param reflections needs {@code miller_index}, {@code id}, {@code panel}, {@code flags} (rows with
	 *        {@code indexed} are used), {@code xyzobs.mm.value}, {@code xyzobs.mm.variance}, and for scans
	 *        {@code entering} (or {@code s1}, from which it is computed); {@code xyzobs.px.value} is used to
	 *        report px RMSDs
	 * @param params refinement parameters ({@link RefinementParameters#defaults()} for dials.refine's)
	 * @param progress reports steps; may be {@link Progress#NONE}
	 * @param log receives the lines dials.refine logs (summary tables, RMSD steps, RMSDs by experiment,
	 *        condition numbers); may be {@code s -> {}}
	 * @return refined experiments, updated reflections, step history and diagnostics
	 * @throws RefinementException if refinement cannot start (missing columns, too few reflections for the
	 *         parameterisation with {@code auto_reduction.action=fail}, no reflections after outlier
	 *         rejection) or the normal matrix is singular
	 */
	public static RefinementResult refine(ExperimentList experiments, ReflectionTable reflections, RefinementParameters params, Progress progress,
			Consumer<String> log) throws RefinementException {
		Objects.requireNonNull(experiments, "experiments");
		Objects.requireNonNull(reflections, "reflections");
		Objects.requireNonNull(params, "params");
		return RefinerCore.run(experiments, reflections, params, progress == null ? Progress.NONE : progress, log == null ? s -> {} : log);
	}
}
