package org.bragg.ui.core;

import java.util.List;
import java.util.Objects;

import org.bragg.model.Detector;
import org.bragg.model.DetectorNode;
import org.bragg.model.Mat3;
import org.bragg.model.Panel;
import org.bragg.model.Vec3;

/**
 * Lays the panels of a detector out on one drawing plane, so that multi-panel detectors (CSPAD's 64
 * ASICs, the four chips of a TimePix quad) are drawn as the sample sees them.
 *
 * <p>Plane: the frame of the detector's hierarchy root ({@link Detector#hierarchy()}; for a flat
 * detector the frame of panel 0). Plane coordinates (u, v) are millimetres along the root's fast and
 * slow axes from the root origin; they are drawn with u to the right and v downwards, so a single-panel
 * detector appears exactly as its pixel array (fast to the right, slow down).
 *
 * <p>Projection: a lab point P is mapped along the ray from the sample through P onto the plane
 * (central projection), which is exact for panels in the root plane and keeps tilted panels where the
 * diffracted rays hit them. Each panel's pixel → plane map is the affine map through the projections
 * of three of its corners ({@code (0,0)}, {@code (nFast,0)}, {@code (0,nSlow)}): exact for coplanar
 * panels, a sub-pixel approximation for slightly tilted ones. If the root plane contains the sample
 * (no central projection exists) the orthogonal projection onto it is used instead. Pixel coordinates
 * follow {@link Panel}: (0, 0) is the outer corner of the first pixel, centres at +0.5; no parallax
 * correction is applied for drawing.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class DetectorProjection {
	private final Detector detector;
	private final Vec3 origin, fast, slow;
	private final Mat3 dInverse;
	/** per panel {a0, a1, a2, b0, b1, b2}: u = a0 + a1·f + a2·s, v = b0 + b1·f + b2·s */
	private final double[][] forward;
	/** per panel {c0, c1, c2, d0, d1, d2}: f = c0 + c1·u + c2·v, s = d0 + d1·u + d2·v */
	private final double[][] inverse;
	private final double[] bounds;

	private DetectorProjection(Detector detector) {
		this.detector = detector;
		DetectorNode.Group root = detector.hierarchy();
		this.fast = root.fastAxis().normalize();
		this.slow = root.slowAxis().normalize();
		this.origin = root.origin();
		Mat3 inv;
		try {
			inv = Mat3.fromColumns(fast, slow, origin).inverse();
		} catch (IllegalStateException e) {
			inv = null;
		}
		this.dInverse = inv;
		List<Panel> panels = detector.panels();
		forward = new double[panels.size()][];
		inverse = new double[panels.size()][];
		double umin = Double.POSITIVE_INFINITY, vmin = Double.POSITIVE_INFINITY, umax = Double.NEGATIVE_INFINITY, vmax = Double.NEGATIVE_INFINITY;
		for (int k = 0; k < panels.size(); k++) {
			Panel p = panels.get(k);
			double nf = p.nFast(), ns = p.nSlow();
			double[] o = projectPoint(corner(p, 0, 0));
			double[] a = projectPoint(corner(p, nf, 0));
			double[] b = projectPoint(corner(p, 0, ns));
			double[] fw = { o[0], (a[0] - o[0]) / nf, (b[0] - o[0]) / ns, o[1], (a[1] - o[1]) / nf, (b[1] - o[1]) / ns };
			forward[k] = fw;
			double det = fw[1] * fw[5] - fw[2] * fw[4];
			if (Math.abs(det) < 1e-300) throw new IllegalArgumentException("panel " + k + " (" + p.name() + ") is seen edge-on and cannot be drawn");
			double c1 = fw[5] / det, c2 = -fw[2] / det, d1 = -fw[4] / det, d2 = fw[1] / det;
			inverse[k] = new double[] { -(c1 * fw[0] + c2 * fw[3]), c1, c2, -(d1 * fw[0] + d2 * fw[3]), d1, d2 };
			for (double[] c : new double[][] { { 0, 0 }, { nf, 0 }, { 0, ns }, { nf, ns } }) {
				double u = fw[0] + fw[1] * c[0] + fw[2] * c[1], v = fw[3] + fw[4] * c[0] + fw[5] * c[1];
				umin = Math.min(umin, u);
				umax = Math.max(umax, u);
				vmin = Math.min(vmin, v);
				vmax = Math.max(vmax, v);
			}
		}
		bounds = new double[] { umin, vmin, umax, vmax };
	}

	private static Vec3 corner(Panel p, double f, double s) {
		double[] px = p.pixelSize();
		return p.labCoord(f * px[0], s * px[1]);
	}

	/**
	 * @return the projection of a detector
	 * @throws IllegalArgumentException if a panel is seen edge-on
	 */
	public static DetectorProjection of(Detector detector) {
		return new DetectorProjection(Objects.requireNonNull(detector));
	}

	/** @return the detector */
	public Detector detector() { return detector; }

	/** @return number of panels */
	public int panelCount() { return forward.length; }

	/** Central projection of a lab point (mm), with the orthogonal fallback. */
	private double[] projectPoint(Vec3 p) {
		if (dInverse != null) {
			Vec3 q = dInverse.times(p);
			if (q.z() > 1e-12) return new double[] { q.x() / q.z(), q.y() / q.z() };
		}
		Vec3 d = p.minus(origin);
		return new double[] { d.dot(fast), d.dot(slow) };
	}

	/**
	 * Where a ray from the sample along {@code direction} (lab frame, any length) meets the drawing plane.
	 *
	 * @return {u, v} in mm, or null if the ray points away from the plane
	 */
	public double[] projectRay(Vec3 direction) {
		if (dInverse == null) return null;
		Vec3 q = dInverse.times(direction);
		if (q.z() <= 1e-12) return null;
		return new double[] { q.x() / q.z(), q.y() / q.z() };
	}

	/**
	 * Panel pixel coordinate → plane.
	 *
	 * @param fast pixel coordinate along fast (pixel centres at +0.5)
	 * @param slow pixel coordinate along slow
	 * @return {u, v} mm
	 */
	public double[] toPlane(int panel, double fast, double slow) {
		double[] a = forward[panel];
		return new double[] { a[0] + a[1] * fast + a[2] * slow, a[3] + a[4] * fast + a[5] * slow };
	}

	/**
	 * Plane → panel pixel coordinate (the coordinate may lie outside the panel).
	 *
	 * @return {fast, slow} px
	 */
	public double[] toPixel(int panel, double u, double v) {
		double[] c = inverse[panel];
		return new double[] { c[0] + c[1] * u + c[2] * v, c[3] + c[4] * u + c[5] * v };
	}

	/** @return the panel under plane point (u, v) (lowest index if panels overlap), or −1 */
	public int panelAt(double u, double v) {
		for (int k = 0; k < inverse.length; k++) {
			double[] c = inverse[k];
			double f = c[0] + c[1] * u + c[2] * v, s = c[3] + c[4] * u + c[5] * v;
			Panel p = detector.panel(k);
			if (f >= 0 && s >= 0 && f < p.nFast() && s < p.nSlow()) return k;
		}
		return -1;
	}

	/** @return a copy of the pixel → plane coefficients of a panel, {a0, a1, a2, b0, b1, b2} (u = a0 + a1·f + a2·s, v = b0 + b1·f + b2·s) */
	public double[] forwardCoefficients(int panel) { return forward[panel].clone(); }

	/** @return a copy of the plane → pixel coefficients of a panel, {c0, c1, c2, d0, d1, d2} (f = c0 + c1·u + c2·v, s = d0 + d1·u + d2·v) */
	public double[] inverseCoefficients(int panel) { return inverse[panel].clone(); }

	/** @return the bounding box of all panels on the plane, {uMin, vMin, uMax, vMax} mm */
	public double[] bounds() { return bounds.clone(); }

	/** @return the size (mm on the plane) of one pixel of panel 0 along its fast axis, the unit of 100 % zoom */
	public double nominalPixelSize() {
		double[] a = forward[0];
		return Math.hypot(a[1], a[4]);
	}
}
