package org.bragg.ui.core;

/**
 * Which overlays an {@link ImageCanvas} draws over the image. The mask is part of
 * {@link DisplaySettings} because it changes pixel colours rather than drawing on top.
 *
 * @param beamCentre a cross where the direct beam meets the detector plane
 * @param resolutionRings circles of constant resolution, labelled in Å
 * @param ringCount number of resolution rings (1 … 20)
 * @param strongSpots bounding boxes and centroid crosses of observed spots ({@code bbox}, {@code xyzobs.px.value})
 * @param predictions circles at predicted positions ({@code xyzcal.px})
 * @param millerIndices {@code h,k,l} labels next to predictions
 * @since 0.1
 */
public record OverlaySettings(boolean beamCentre, boolean resolutionRings, int ringCount, boolean strongSpots, boolean predictions,
		boolean millerIndices) {

	/** @throws IllegalArgumentException if ringCount is outside 1 … 20 */
	public OverlaySettings {
		if (ringCount < 1 || ringCount > 20) throw new IllegalArgumentException("ringCount must be in 1 … 20, got " + ringCount);
	}

	/** @return beam centre, 5 rings, spots and predictions on; Miller indices off */
	public static OverlaySettings defaults() { return new OverlaySettings(true, true, 5, true, true, false); }

	/** @return no overlays */
	public static OverlaySettings none() { return new OverlaySettings(false, false, 5, false, false, false); }

	public OverlaySettings withBeamCentre(boolean b) { return new OverlaySettings(b, resolutionRings, ringCount, strongSpots, predictions, millerIndices); }
	public OverlaySettings withResolutionRings(boolean b) { return new OverlaySettings(beamCentre, b, ringCount, strongSpots, predictions, millerIndices); }
	public OverlaySettings withRingCount(int n) { return new OverlaySettings(beamCentre, resolutionRings, n, strongSpots, predictions, millerIndices); }
	public OverlaySettings withStrongSpots(boolean b) { return new OverlaySettings(beamCentre, resolutionRings, ringCount, b, predictions, millerIndices); }
	public OverlaySettings withPredictions(boolean b) { return new OverlaySettings(beamCentre, resolutionRings, ringCount, strongSpots, b, millerIndices); }
	public OverlaySettings withMillerIndices(boolean b) { return new OverlaySettings(beamCentre, resolutionRings, ringCount, strongSpots, predictions, b); }
}
