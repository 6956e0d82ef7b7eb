package org.bragg.model.reflection;

/**
 * Bits of the {@code flags} column, with DIALS's values ({@code reflection_table.h}) so that
 * {@code .refl} files interoperate.
 *
 * @since 0.1
 */
public enum ReflectionFlag {
	PREDICTED(0), OBSERVED(1), INDEXED(2), USED_IN_REFINEMENT(3), STRONG(5), REFERENCE_SPOT(6), DONT_INTEGRATE(7),
	INTEGRATED_SUM(8), INTEGRATED_PRF(9), OVERLOADED(10), OVERLAPPED_BG(11), OVERLAPPED_FG(12), IN_POWDER_RING(13),
	FOREGROUND_INCLUDES_BAD_PIXELS(14), BACKGROUND_INCLUDES_BAD_PIXELS(15), USED_IN_MODELLING(16), CENTROID_OUTLIER(17),
	FAILED_DURING_BACKGROUND_MODELLING(18), FAILED_DURING_SUMMATION(19), FAILED_DURING_PROFILE_FITTING(20), BAD_REFERENCE(21),
	USER_EXCLUDED_IN_SCALING(22), OUTLIER_IN_SCALING(23), EXCLUDED_FOR_SCALING(24), EXCLUDED_FOR_REFINEMENT(25), SCALED(26);

	/** IntegratedSum | IntegratedPrf */
	public static final long INTEGRATED = INTEGRATED_SUM.mask() | INTEGRATED_PRF.mask();
	/** bits 10–15: overloaded, overlapped or touching bad pixels */
	public static final long BAD_SPOT = OVERLOADED.mask() | OVERLAPPED_BG.mask() | OVERLAPPED_FG.mask() | IN_POWDER_RING.mask()
			| FOREGROUND_INCLUDES_BAD_PIXELS.mask() | BACKGROUND_INCLUDES_BAD_PIXELS.mask();
	/** UserExcludedInScaling | OutlierInScaling | ExcludedForScaling */
	public static final long BAD_FOR_SCALING = USER_EXCLUDED_IN_SCALING.mask() | OUTLIER_IN_SCALING.mask() | EXCLUDED_FOR_SCALING.mask();
	/** ExcludedForRefinement | CentroidOutlier */
	public static final long BAD_FOR_REFINEMENT = EXCLUDED_FOR_REFINEMENT.mask() | CENTROID_OUTLIER.mask();

	private final int bit;

	ReflectionFlag(int bit) { this.bit = bit; }

	public int bit() { return bit; }
	public long mask() { return 1L << bit; }

	/** @return true if this flag is set in {@code flags} */
	public boolean isSet(long flags) { return (flags & mask()) != 0; }
}
