package org.bragg.ui.rlv;

/**
 * Orthographic camera of the reciprocal lattice viewer: a rotation V (the view), a zoom in screen
 * pixels per Å⁻¹, a pan offset, and the viewport size. A point p (Å⁻¹, the frame of the points)
 * goes to view coordinates q = V·p (x right, y up, z towards the viewer) and to the screen pixel
 * <pre>
 *   sx = w/2 + panX + zoom·q.x,   sy = h/2 + panY − zoom·q.y
 * </pre>
 * with (0, 0) the top-left corner of the top-left pixel, so pixel (⌊sx⌋, ⌊sy⌋) contains the point.
 * The initial view (V = I) looks along −z of the laboratory frame (from the source along the beam)
 * with lab x to the right and lab y up.
 *
 * <p>Mouse rotation is a trackball: a drag by (dx, dy) pixels turns the scene about the screen axis
 * (dy, dx, 0) by {@link #radiansPerPixel()}·|(dx, dy)|, so that the front of the scene follows the
 * mouse. Not thread-safe (UI-thread confined); cheap to copy.
 *
 * @since 0.1
 */
public final class RlvCamera {
	private final double[] v = { 1, 0, 0, 0, 1, 0, 0, 0, 1 };
	private double zoom = 1;
	private double panX, panY;
	private int width = 1, height = 1;

	/** @return a camera with V = I, zoom 1 px/Å⁻¹, no pan, a 1×1 viewport */
	public RlvCamera() {}

	/** @return an independent copy */
	public RlvCamera copy() {
		RlvCamera c = new RlvCamera();
		System.arraycopy(v, 0, c.v, 0, 9);
		c.zoom = zoom;
		c.panX = panX;
		c.panY = panY;
		c.width = width;
		c.height = height;
		return c;
	}

	/** Sets the viewport size in pixels (each at least 1). */
	public void setViewport(int w, int h) {
		width = Math.max(1, w);
		height = Math.max(1, h);
	}

	public int width() { return width; }

	public int height() { return height; }

	/** @return screen pixels per Å⁻¹ */
	public double zoom() { return zoom; }

	/** @param pxPerInverseAngstrom screen pixels per Å⁻¹ (> 0) */
	public void setZoom(double pxPerInverseAngstrom) {
		if (!(pxPerInverseAngstrom > 0) || Double.isInfinite(pxPerInverseAngstrom))
			throw new IllegalArgumentException("zoom must be positive and finite, found " + pxPerInverseAngstrom);
		zoom = pxPerInverseAngstrom;
	}

	/** Multiplies the zoom by {@code factor}, keeping the scene point under the viewport centre fixed. */
	public void zoomBy(double factor) {
		setZoom(zoom * factor);
		panX *= factor;
		panY *= factor;
	}

	/** Sets the zoom so that a sphere of radius {@code radius} Å⁻¹ fills {@code fraction} of the smaller viewport side, and removes the pan. */
	public void fit(double radius, double fraction) {
		if (radius > 0) setZoom(fraction * 0.5 * Math.min(width, height) / radius);
		panX = panY = 0;
	}

	/** Shifts the scene by (dx, dy) screen pixels. */
	public void pan(double dx, double dy) {
		panX += dx;
		panY += dy;
	}

	/** @return a copy of V, row-major double[9] */
	public double[] view() { return v.clone(); }

	/**
	 * Sets V.
	 *
	 * @param rowMajor a rotation matrix, row-major double[9]; re-orthonormalised here
	 * @throws IllegalArgumentException if it has not 9 elements or is singular
	 */
	public void setView(double[] rowMajor) {
		if (rowMajor.length != 9) throw new IllegalArgumentException("view must have 9 elements");
		System.arraycopy(rowMajor, 0, v, 0, 9);
		orthonormalise();
	}

	/** Resets V to the identity (looking along the beam, lab x right, lab y up). */
	public void resetView() {
		setView(new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 });
	}

	/**
	 * Turns the view so that the direction {@code dir} (frame of the points) points at the viewer and
	 * {@code up} (projected) points up the screen.
	 *
	 * @throws IllegalArgumentException if a vector is zero or they are parallel
	 */
	public void lookAlong(double[] dir, double[] up) {
		double[] z = unit(dir);
		double[] x = unit(cross(up, z));
		double[] y = cross(z, x);
		setView(new double[] { x[0], x[1], x[2], y[0], y[1], y[2], z[0], z[1], z[2] });
	}

	/** Rotates the scene by {@code angle} radians about an axis given in view coordinates (right-handed). */
	public void rotateAboutViewAxis(double ax, double ay, double az, double angle) {
		double[] k = unit(new double[] { ax, ay, az });
		double c = Math.cos(angle), s = Math.sin(angle), t = 1 - c;
		double x = k[0], y = k[1], z = k[2];
		double[] r = { t * x * x + c, t * x * y - s * z, t * x * z + s * y, t * x * y + s * z, t * y * y + c, t * y * z - s * x,
				t * x * z - s * y, t * y * z + s * x, t * z * z + c };
		double[] out = new double[9];
		for (int i = 0; i < 3; i++)
			for (int j = 0; j < 3; j++) out[3 * i + j] = r[3 * i] * v[j] + r[3 * i + 1] * v[3 + j] + r[3 * i + 2] * v[6 + j];
		System.arraycopy(out, 0, v, 0, 9);
		orthonormalise();
	}

	/** @return the trackball sensitivity: radians per pixel of mouse drag (π over the smaller viewport side) */
	public double radiansPerPixel() { return Math.PI / Math.min(width, height); }

	/** Trackball rotation for a mouse drag by (dx, dy) screen pixels (y down). */
	public void drag(double dx, double dy) {
		double len = Math.hypot(dx, dy);
		if (len == 0) return;
		rotateAboutViewAxis(dy, dx, 0, len * radiansPerPixel());
	}

	/**
	 * Projects a point.
	 *
	 * @param p a point (Å⁻¹), double[3]
	 * @return {sx, sy, depth}: screen x and y in pixels (y down) and the view depth q.z in Å⁻¹ (towards the viewer)
	 */
	public double[] project(double[] p) {
		double qx = v[0] * p[0] + v[1] * p[1] + v[2] * p[2];
		double qy = v[3] * p[0] + v[4] * p[1] + v[5] * p[2];
		double qz = v[6] * p[0] + v[7] * p[1] + v[8] * p[2];
		return new double[] { width / 2.0 + panX + zoom * qx, height / 2.0 + panY - zoom * qy, qz };
	}

	/** @return the screen position (pixels) of the origin of reciprocal space */
	public double[] origin() { return new double[] { width / 2.0 + panX, height / 2.0 + panY }; }

	private void orthonormalise() {
		double[] x = unit(new double[] { v[0], v[1], v[2] });
		double[] y0 = { v[3], v[4], v[5] };
		double[] z = unit(cross(x, y0));
		double[] y = cross(z, x);
		double[] r = { x[0], x[1], x[2], y[0], y[1], y[2], z[0], z[1], z[2] };
		System.arraycopy(r, 0, v, 0, 9);
	}

	private static double[] cross(double[] a, double[] b) {
		return new double[] { a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0] };
	}

	private static double[] unit(double[] a) {
		double l = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
		if (!(l > 1e-12)) throw new IllegalArgumentException("zero or parallel vectors");
		return new double[] { a[0] / l, a[1] / l, a[2] / l };
	}
}
