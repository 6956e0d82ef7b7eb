package org.bragg.integration;

import java.util.List;

import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.ReflectionTable;

/**
 * Output of {@link StillsIntegrator#integrate}.
 *
 * @param experiments the integrated experiments (those rejected for too few reference spots are left out), each with
 *                    its {@code gaussian_rs} profile ({@code sigma_m} 0, as DIALS for stills) and, in the crystal,
 *                    the Nave mosaicity model {@code ML_half_mosaicity_deg}, {@code ML_domain_size_ang} used for
 *                    prediction
 * @param reflections the integrated reflections ({@code integrated_sum}, no bad foreground pixel, positive
 *                    variances), ids renumbered to {@code experiments}
 * @param perExperiment one entry per input experiment, in input order
 * @param summary     summary lines (one per experiment and an overall line)
 * @since 0.1
 */
public record StillsIntegrationResult(ExperimentList experiments, ReflectionTable reflections, List<PerExperiment> perExperiment, List<String> summary) {
	public StillsIntegrationResult {
		perExperiment = List.copyOf(perExperiment);
		summary = List.copyOf(summary);
	}

	/**
	 * What happened to one input experiment.
	 *
	 * @param inputIndex       index in the input experiment list
	 * @param outputIndex      index in {@link StillsIntegrationResult#experiments()}, or −1 if rejected
	 * @param sigmaBDeg        σ_b in degrees (NaN if rejected before it was known)
	 * @param halfMosaicityDeg {@code ML_half_mosaicity_deg} used for prediction (NaN: DIALS's fixed |Δψ| &lt; 0.0015 rad)
	 * @param domainSizeAng    {@code ML_domain_size_ang} used for prediction, Å (NaN as above)
	 * @param nPredicted       reflections predicted on the detector
	 * @param nIntegrated      reflections kept in the output
	 * @param rejection        why the experiment was rejected, or null
	 */
	public record PerExperiment(int inputIndex, int outputIndex, double sigmaBDeg, double halfMosaicityDeg, double domainSizeAng, int nPredicted,
			int nIntegrated, String rejection) {
	}
}
