package org.bragg.model;

/**
 * How a panel converts pixel to millimetre coordinates, named as dxtbx names its strategies
 * ({@code SimplePxMmStrategy}, {@code ParallaxCorrectedPxMmStrategy}, {@code OffsetPxMmStrategy},
 * {@code OffsetParallaxCorrectedPxMmStrategy}). The offset variants use the imageset's dx/dy maps;
 * without maps they behave as their base strategy.
 *
 * @since 0.1
 */
public enum PxMmStrategy {
	SIMPLE("SimplePxMmStrategy", false),
	PARALLAX_CORRECTED("ParallaxCorrectedPxMmStrategy", true),
	OFFSET("OffsetPxMmStrategy", false),
	OFFSET_PARALLAX_CORRECTED("OffsetParallaxCorrectedPxMmStrategy", true);

	private final String dxtbxName;
	private final boolean parallax;

	PxMmStrategy(String dxtbxName, boolean parallax) {
		this.dxtbxName = dxtbxName;
		this.parallax = parallax;
	}

	public String dxtbxName() { return dxtbxName; }
	public boolean isParallaxCorrected() { return parallax; }

	/** @throws IllegalArgumentException for an unknown name */
	public static PxMmStrategy fromDxtbxName(String s) {
		for (PxMmStrategy p : values()) if (p.dxtbxName.equals(s)) return p;
		throw new IllegalArgumentException("unknown px_mm_strategy '" + s + "'");
	}
}
