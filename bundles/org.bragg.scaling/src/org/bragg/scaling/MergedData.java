package org.bragg.scaling;

/**
 * Merged intensities per unique reflection, as {@code dials.merge} computes them: inverse-variance
 * weighted means ⟨I⟩ = Σ wI / Σ w with w = 1/σ², σ(⟨I⟩) = (Σ w)^−½, for all observations (IMEAN) and
 * separately for the Bijvoet halves I(+), I(−) (centric reflections go wholly to I(+)).
 *
 * <p>Arrays are indexed by unique reflection; {@code hkl} has 3 entries per reflection (asymmetric unit);
 * missing I(±) are NaN with count 0. Intensities in the units of the input (photons after scaling).
 *
 * @since 0.1
 */
public record MergedData(int[] hkl, boolean[] centric, double[] dStarSq, double[] iMean, double[] sigIMean, int[] n,
		double[] iPlus, double[] sigIPlus, int[] nPlus, double[] iMinus, double[] sigIMinus, int[] nMinus) {
	/** Number of unique reflections. */
	public int size() { return iMean.length; }
}
