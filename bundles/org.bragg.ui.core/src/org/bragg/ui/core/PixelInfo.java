package org.bragg.ui.core;

/**
 * The pixel read-out under the mouse: which panel pixel, its value and where it lies in reciprocal
 * space.
 *
 * @param panel panel index
 * @param panelName the panel's name (may be empty)
 * @param x fast pixel coordinate (continuous, pixel centres at +0.5)
 * @param y slow pixel coordinate (continuous)
 * @param value value of the pixel floor(x), floor(y) in counts (NaN if no frame is shown)
 * @param valid whether the pixel is trusted (see {@link DecodedFrame})
 * @param resolution d in Å ({@link org.bragg.model.Panel#resolutionAtPixel}); +∞ on the beam, NaN without a beam model
 * @param twoTheta scattering angle 2θ in degrees; NaN without a beam model
 * @since 0.1
 */
public record PixelInfo(int panel, String panelName, double x, double y, double value, boolean valid, double resolution, double twoTheta) {

	/** @return a one-line description, e.g. {@code "panel 0  x 1203.4  y 988.1 px  value 12  d 3.21 Å  2θ 17.33°"} */
	public String describe() {
		StringBuilder b = new StringBuilder();
		b.append("panel ").append(panel);
		if (panelName != null && !panelName.isEmpty()) b.append(" (").append(panelName).append(')');
		b.append(String.format("  x %.1f  y %.1f px", x, y));
		if (!Double.isNaN(value)) b.append("  value ").append(value == Math.rint(value) ? String.valueOf((long) value) : String.format("%.2f", value));
		if (!valid) b.append(" (masked)");
		if (!Double.isNaN(resolution)) b.append(Double.isInfinite(resolution) ? "  d ∞" : String.format("  d %.2f Å", resolution));
		if (!Double.isNaN(twoTheta)) b.append(String.format("  2θ %.2f°", twoTheta));
		return b.toString();
	}
}
