package org.bragg.integration;

import java.util.List;

import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.ReflectionTable;

/**
 * Output of {@link Integrator#integrate}.
 *
 * @param experiments the experiments, each with its {@code gaussian_rs} profile model in {@code profile}
 * @param reflections the integrated reflections (those with {@code integrated_sum} or {@code integrated_prf}, as DIALS), in prediction order
 * @param profiles    the profile model of each experiment
 * @param summary     DIALS-style summary tables (per resolution bin and overall), one line per element
 * @param nPredicted  number of reflections predicted (all experiments)
 * @since 0.1
 */
public record IntegrationResult(ExperimentList experiments, ReflectionTable reflections, List<ProfileModel> profiles, List<String> summary, int nPredicted) {
	public IntegrationResult {
		profiles = List.copyOf(profiles);
		summary = List.copyOf(summary);
	}
}
