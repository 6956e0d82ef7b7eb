package org.bragg.refinement;

import java.util.List;

/**
 * Diagnostics of the final refinement macrocycle (Waterman et al. 2016, Acta Cryst. D72, 558–575,
 * §3.3): parameter values and estimated standard deviations, correlation matrices ("corrgrams") of
 * the Jacobian columns for the X, Y and φ (or ΔΨ) residual blocks separately, condition numbers and the
 * RMSD table by experiment.
 *
 * @param parameterNames DIALS labels of the free parameters, e.g. {@code Beam1Mu1}, {@code Crystal1Phi1},
 *        {@code Crystal1g_param_0}, {@code Detector1Dist}; scan-varying ones carry a {@code _sample<i>} suffix
 * @param parameterValues final values (mrad for angles, mm for shifts, ×10⁵ Å⁻² for metric elements)
 * @param parameterEsds ESDs from the inverse normal matrix scaled by the reduced χ² (same units)
 * @param correlations the corrgram of each residual block ("X", "Y", "Phi" or "DeltaPsi") at the final
 *        step: Pearson correlations between columns of the Jacobian
 * @param rmsdsByExperiment final RMSDs by experiment in px, px and images (stills: ΔΨ in degrees)
 * @param terminationReason why the engine stopped, as dials.refine prints it ("RMSD no longer decreasing",
 *        "RMSD target achieved", "Reached maximum number of iterations", ...)
 * @param conditionNumbers condition number of the weighted Jacobian at each step of the final macrocycle
 * @param nReflections reflections used in the final step
 * @param scanVarying true if the final macrocycle was scan-varying
 * @since 0.1
 */
public record Diagnostics(List<String> parameterNames, double[] parameterValues, double[] parameterEsds, List<CorrelationMatrix> correlations,
		List<ExperimentRmsd> rmsdsByExperiment, String terminationReason, double[] conditionNumbers, int nReflections, boolean scanVarying) {

	public Diagnostics {
		parameterNames = List.copyOf(parameterNames);
		parameterValues = parameterValues.clone();
		parameterEsds = parameterEsds.clone();
		correlations = List.copyOf(correlations);
		rmsdsByExperiment = List.copyOf(rmsdsByExperiment);
		conditionNumbers = conditionNumbers.clone();
	}

	@Override public double[] parameterValues() { return parameterValues.clone(); }
	@Override public double[] parameterEsds() { return parameterEsds.clone(); }
	@Override public double[] conditionNumbers() { return conditionNumbers.clone(); }

	/** @return the condition number at the last step, or NaN */
	public double finalConditionNumber() {
		return conditionNumbers.length == 0 ? Double.NaN : conditionNumbers[conditionNumbers.length - 1];
	}

	/**
	 * A correlation matrix between parameters, for one residual block.
	 *
	 * @param block "X", "Y", "Phi" or "DeltaPsi"
	 * @param labels parameter labels (rows and columns)
	 * @param values n×n symmetric matrix, 1 on the diagonal; NaN where a column is all zero
	 */
	public record CorrelationMatrix(String block, List<String> labels, double[][] values) {
		public CorrelationMatrix {
			labels = List.copyOf(labels);
			double[][] c = new double[values.length][];
			for (int i = 0; i < values.length; i++) c[i] = values[i].clone();
			values = c;
		}

		@Override public double[][] values() {
			double[][] c = new double[values.length][];
			for (int i = 0; i < values.length; i++) c[i] = values[i].clone();
			return c;
		}
	}

	/**
	 * RMSDs of one experiment, as the "RMSDs by experiment" table.
	 *
	 * @param rmsdX px
	 * @param rmsdY px
	 * @param rmsdZ images (scans) or ΔΨ in degrees (stills)
	 */
	public record ExperimentRmsd(int experiment, int nref, double rmsdX, double rmsdY, double rmsdZ) {
	}
}
