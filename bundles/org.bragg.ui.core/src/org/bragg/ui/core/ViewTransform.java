package org.bragg.ui.core;

/**
 * The map between the drawing plane of a {@link DetectorProjection} (mm) and screen pixels of an
 * {@link ImageCanvas}: {@code x = (u − u0) · zoom}, {@code y = (v − v0) · zoom}, with x to the right
 * and y downwards. Screen pixel (x, y) covers [x, x+1) × [y, y+1); its centre is at +0.5.
 *
 * @param zoom screen pixels per mm on the plane, &gt; 0
 * @param u0 plane u (mm) at the left edge of the screen
 * @param v0 plane v (mm) at the top edge of the screen
 * @since 0.1
 */
public record ViewTransform(double zoom, double u0, double v0) {

	/** @throws IllegalArgumentException if zoom is not positive and finite */
	public ViewTransform {
		if (!(zoom > 0) || Double.isInfinite(zoom)) throw new IllegalArgumentException("zoom must be > 0, got " + zoom);
	}

	/** @return the transform that fits {@code bounds} {uMin, vMin, uMax, vMax} (mm) centred into a w × h pixel area */
	public static ViewTransform fit(double[] bounds, int w, int h) {
		double bw = Math.max(bounds[2] - bounds[0], 1e-6), bh = Math.max(bounds[3] - bounds[1], 1e-6);
		double z = Math.min(Math.max(w, 1) / bw, Math.max(h, 1) / bh);
		double cu = (bounds[0] + bounds[2]) / 2, cv = (bounds[1] + bounds[3]) / 2;
		return new ViewTransform(z, cu - w / (2 * z), cv - h / (2 * z));
	}

	/** @return screen x of plane u */
	public double toScreenX(double u) { return (u - u0) * zoom; }

	/** @return screen y of plane v */
	public double toScreenY(double v) { return (v - v0) * zoom; }

	/** @return plane u (mm) of screen x */
	public double toPlaneU(double x) { return u0 + x / zoom; }

	/** @return plane v (mm) of screen y */
	public double toPlaneV(double y) { return v0 + y / zoom; }

	/** @return this transform zoomed by {@code factor} keeping screen point (x, y) fixed */
	public ViewTransform zoomAbout(double factor, double x, double y) {
		double u = toPlaneU(x), v = toPlaneV(y), z = zoom * factor;
		return new ViewTransform(z, u - x / z, v - y / z);
	}

	/** @return this transform with the same zoom, moved so that the content shifts by (dx, dy) screen pixels */
	public ViewTransform panBy(double dx, double dy) { return new ViewTransform(zoom, u0 - dx / zoom, v0 - dy / zoom); }

	/** @return this transform with a new zoom, keeping the centre of a w × h screen fixed */
	public ViewTransform withZoom(double z, int w, int h) {
		double cu = toPlaneU(w / 2.0), cv = toPlaneV(h / 2.0);
		return new ViewTransform(z, cu - w / (2 * z), cv - h / (2 * z));
	}
}
