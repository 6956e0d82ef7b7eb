package org.bragg.ui.diagnostics;

import java.util.ArrayList;
import java.util.List;

import org.bragg.model.BraggInputException;
import org.bragg.model.ExperimentList;
import org.bragg.model.Progress;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.params.ParameterException;
import org.bragg.params.Phil;
import org.bragg.refinement.RefinementException;
import org.bragg.refinement.RefinementParameters;
import org.bragg.refinement.RefinementResult;
import org.bragg.refinement.Refiner;
import org.bragg.report.RefinementRun;

/**
 * Runs a static refinement in this JVM and keeps what the refinement view shows of it: the step history with
 * condition numbers at every step, the corrgrams of the final Jacobian, and the parameter values and ESDs
 * (Waterman et al. 2016, Acta Cryst. D72, 558–575). Used to compare parameterisations, e.g.
 * {@code detector.fix_list=Dist,Tau2,Tau3} against all parameters free on electron diffraction data
 * (Clabbers et al. 2018, Acta Cryst. D74, 506–518).
 *
 * @since 0.1
 */
public final class LiveRefinement {
	private LiveRefinement() {}

	/**
	 * @param phil DIALS {@code refinement} parameters as {@code name=value} (unique suffixes allowed), e.g.
	 *        {@code detector.fix_list=Dist,Tau2,Tau3}; {@code scan_varying=False}, {@code track_condition_number=True} and
	 *        {@code track_parameter_correlation=True} are added first (and may be overridden)
	 * @param label the run's name in legends
	 * @throws BraggInputException if a parameter is unknown or invalid (names it)
	 * @throws RefinementException if refinement fails (too few reflections, singular normal matrix, …)
	 */
	public static RefinementRun refine(ExperimentList experiments, ReflectionTable reflections, List<String> phil, String label, Progress progress)
			throws BraggInputException, RefinementException {
		List<String> args = new ArrayList<>(List.of("scan_varying=False", "track_condition_number=True", "track_parameter_correlation=True"));
		args.addAll(phil);
		RefinementParameters p;
		try {
			p = Phil.parse(args, RefinementParameters.class).params();
		} catch (ParameterException e) {
			throw new BraggInputException("refinement parameters " + phil + ": " + e.getMessage());
		}
		RefinementResult r = Refiner.refine(experiments, reflections, p, progress, null);
		return RefinementRun.of(label, r.history(), r.diagnostics());
	}
}
