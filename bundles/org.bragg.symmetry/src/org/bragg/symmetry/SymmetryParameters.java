package org.bragg.symmetry;

import java.util.Objects;
import java.util.OptionalDouble;

import org.bragg.params.Param;

/**
 * Parameters of symmetry determination, nested as the {@code dials.symmetry} scope. Defaults from
 * {@link #defaults()} are DIALS 3.12's, except {@code normalisation} (DIALS: {@code ml_aniso};
 * Bragg so far offers {@code quasi} binned normalisation only) and the Bragg-only
 * {@code cc_method} and {@code cc_transform}.
 *
 * @param dMin high-resolution limit for the Laue-group analysis; empty = Auto (from ⟨I⟩/⟨σ⟩ and CC½)
 * @param minIMeanOverSigmaMean ⟨I⟩/⟨σ(I)⟩ limit for the automatic d_min
 * @param minCcHalf CC½ limit for the automatic d_min
 * @param latticeSymmetryMaxDelta Le Page tolerance δ (degrees) for the lattice group
 * @param partialityThreshold reflections with a lower partiality are not used
 * @param normalisation how intensities become normalised |E|²
 * @param ccMethod how each operator's correlation coefficient is computed
 * @param ccTransform the scale on which the likelihoods p(CC|S), p(CC|¬S) are evaluated
 * @param systematicAbsences the screw-axis analysis
 * @param seed seed of the random pairings used to estimate σ(CC)
 * @since 0.1
 */
public record SymmetryParameters(
		@Param(help = "High resolution limit to use for analysis (Auto: from min_i_mean_over_sigma_mean and min_cc_half)", unit = "Å", min = 0) OptionalDouble dMin,
		@Param(help = "Minimum <I>/<sigma(I)> for the automatic resolution cutoff", min = 0) double minIMeanOverSigmaMean,
		@Param(help = "Minimum CC1/2 for the automatic resolution cutoff") double minCcHalf,
		@Param(help = "Maximum obliquity (degrees) of the lattice symmetry (Le Page 1982)", unit = "deg", min = 0) double latticeSymmetryMaxDelta,
		@Param(help = "Use only reflections with a partiality above this threshold.", min = 0, max = 1) double partialityThreshold,
		@Param(help = "Normalisation of intensities to |E|^2: quasi (binned <I> in resolution shells) or none") Normalisation normalisation,
		@Param(help = "Correlation coefficient per symmetry element: pearson (as DIALS, after a 20*IQR outlier cut) or robust (Pearson on normal scores of the ranks, insensitive to gross intensity errors such as dynamical scattering)") CcMethod ccMethod,
		@Param(help = "Scale of the symmetry-element likelihoods: fisher_z (Cauchy p(CC|S), p(CC|not S) on z = atanh(CC) with width max(0.1, CCsigFac/sqrt(N)), so that near CC = 1 a significant shortfall from E(CC) counts) or none (on the CC scale, as POINTLESS and DIALS)") CcTransform ccTransform,
		@Param(help = "Systematic absence (screw axis) analysis") SystematicAbsencesParameters systematicAbsences,
		@Param(help = "Random seed for the estimate of sigma(CC)", expertLevel = 2) long seed) {

	/** Normalisation methods. */
	public enum Normalisation { quasi, none }

	/** Correlation coefficient methods. */
	public enum CcMethod { pearson, robust }

	/** Scales for the likelihoods. */
	public enum CcTransform { fisher_z, none }

	public SymmetryParameters {
		Objects.requireNonNull(dMin, "d_min");
		Objects.requireNonNull(normalisation, "normalisation");
		Objects.requireNonNull(ccMethod, "cc_method");
		Objects.requireNonNull(ccTransform, "cc_transform");
		Objects.requireNonNull(systematicAbsences, "systematic_absences");
		if (!(latticeSymmetryMaxDelta >= 0)) throw new IllegalArgumentException("lattice_symmetry_max_delta must be >= 0");
		if (!(partialityThreshold >= 0 && partialityThreshold <= 1)) throw new IllegalArgumentException("partiality_threshold must be in [0, 1]");
	}

	/** DIALS defaults (with {@code normalisation=quasi}, {@code cc_method=robust}, {@code cc_transform=fisher_z}). */
	public static SymmetryParameters defaults() {
		return new SymmetryParameters(OptionalDouble.empty(), 4, 0.6, 2.0, 0.4, Normalisation.quasi, CcMethod.robust, CcTransform.fisher_z,
				SystematicAbsencesParameters.defaults(), 42);
	}

	public SymmetryParameters withCcMethod(CcMethod m) {
		return new SymmetryParameters(dMin, minIMeanOverSigmaMean, minCcHalf, latticeSymmetryMaxDelta, partialityThreshold, normalisation, m,
				ccTransform, systematicAbsences, seed);
	}

	/** A copy with {@code cc_transform=t}. */
	public SymmetryParameters withCcTransform(CcTransform t) {
		return new SymmetryParameters(dMin, minIMeanOverSigmaMean, minCcHalf, latticeSymmetryMaxDelta, partialityThreshold, normalisation, ccMethod,
				t, systematicAbsences, seed);
	}

	public SymmetryParameters withDMin(OptionalDouble d) {
		return new SymmetryParameters(d, minIMeanOverSigmaMean, minCcHalf, latticeSymmetryMaxDelta, partialityThreshold, normalisation, ccMethod,
				ccTransform, systematicAbsences, seed);
	}

	/**
	 * {@code systematic_absences}.
	 *
	 * @param check run the analysis
	 * @param significanceLevel one of 0.95, 0.975, 0.99
	 * @since 0.1
	 */
	public record SystematicAbsencesParameters(
			@Param(help = "Check systematic absences for the current laue group.") boolean check,
			@Param(help = "Significance to use when testing whether axial reflections are different to zero (0.95, 0.975 or 0.99).") double significanceLevel) {
		public SystematicAbsencesParameters {
			if (significanceLevel != 0.95 && significanceLevel != 0.975 && significanceLevel != 0.99)
				throw new IllegalArgumentException("systematic_absences.significance_level must be 0.95, 0.975 or 0.99");
		}

		public static SystematicAbsencesParameters defaults() { return new SystematicAbsencesParameters(true, 0.95); }
	}
}
