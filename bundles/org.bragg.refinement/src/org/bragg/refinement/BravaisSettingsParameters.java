package org.bragg.refinement;

import java.util.Objects;
import java.util.OptionalInt;

import org.bragg.params.Param;

/**
 * Parameters of {@code refine_bravais_settings}, as DIALS's {@code bravais_settings} scope: the Le Page
 * tolerance and the refinement used for each candidate setting (DIALS's refinement defaults with
 * {@code reflections_per_degree=100}).
 *
 * @since 0.1
 */
public record BravaisSettingsParameters(
		@Param(help = "Le Page tolerance: maximum obliquity of a two-fold axis", unit = "deg", min = 0) double lepageMaxDelta,
		@Param(help = "Number of settings refined in parallel (Auto = all cores)", min = 1, auto = true) OptionalInt nproc,
		@Param(help = "Number of resolution bins to use for calculation of correlation coefficients (not implemented: no binning)", min = 1) OptionalInt ccNBins,
		@Param(help = "If True, then for monoclinic centered cells, I2 will be preferred over C2 if it gives a less oblique cell (i.e. smaller beta angle). (Bragg always keeps C2.)") boolean bestMonoclinicBeta,
		@Param(help = "Refinement of each candidate setting") RefinementParameters refinement) {

	public BravaisSettingsParameters {
		if (!(lepageMaxDelta >= 0)) throw new IllegalArgumentException("lepage_max_delta must be >= 0, found " + lepageMaxDelta);
		Objects.requireNonNull(nproc, "nproc");
		Objects.requireNonNull(ccNBins, "cc_n_bins");
		Objects.requireNonNull(refinement, "refinement");
	}

	public BravaisSettingsParameters withNproc(int n) { return new BravaisSettingsParameters(lepageMaxDelta, OptionalInt.of(n), ccNBins, bestMonoclinicBeta, refinement); }

	public BravaisSettingsParameters withRefinement(RefinementParameters r) { return new BravaisSettingsParameters(lepageMaxDelta, nproc, ccNBins, bestMonoclinicBeta, r); }

	/** DIALS defaults: δ 5°, refinement with reflections_per_degree=100. */
	public static BravaisSettingsParameters defaults() {
		RefinementParameters r = RefinementParameters.defaults();
		r = r.withReflections(r.reflections().withReflectionsPerDegree(java.util.OptionalDouble.of(100)));
		return new BravaisSettingsParameters(5, OptionalInt.empty(), OptionalInt.empty(), true, r);
	}
}
