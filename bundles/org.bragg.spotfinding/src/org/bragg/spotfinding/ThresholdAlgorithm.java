package org.bragg.spotfinding;

/**
 * The spot threshold algorithms ({@code spotfinder.threshold.algorithm}), with DIALS's names.
 *
 * @since 0.1
 */
public enum ThresholdAlgorithm {
	/**
	 * Local mean/variance test in a (2k+1)² window (XDS COLSPOT; Kabsch 2010, Acta Cryst. D66, 125).
	 * Parameters in {@code threshold.dispersion}.
	 */
	DISPERSION,
	/**
	 * The DIALS 3 default (J. Parkhurst): dispersion mask, erosion, then a wider background-only
	 * window for the strong test; fewer split spots and better weak-spot detection. Parameters in
	 * {@code threshold.dispersion}.
	 */
	DISPERSION_EXTENDED,
	/**
	 * Median + n_iqr·IQR in 2θ shells, for radially symmetric backgrounds (electron, serial data).
	 * Parameters in {@code threshold.radial_profile}.
	 */
	RADIAL_PROFILE;

	/** @return the DIALS name, e.g. {@code dispersion_extended} */
	public String philName() { return name().toLowerCase(java.util.Locale.ROOT); }
}
