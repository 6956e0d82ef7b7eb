package org.bragg.ui.core;

import java.util.ArrayList;
import java.util.List;

import org.bragg.model.Beam;
import org.bragg.model.Detector;
import org.bragg.model.Vec3;

/**
 * Resolution rings: the circles (ellipses on a tilted detector) where diffracted rays of a given
 * resolution d meet the detector, i.e. the cone of half-angle 2θ = 2·asin(λ / 2d) about the beam.
 *
 * @since 0.1
 */
public final class ResolutionRings {
	private ResolutionRings() {}

	/**
	 * Ring resolutions for a detector: {@code count} rings equally spaced in 2θ up to the largest circle
	 * inscribed in the detector ({@link Detector#maxResolutionInscribed}), each rounded to 2 decimals.
	 *
	 * @return d values in Å, decreasing (outermost ring last); empty if the beam misses the detector
	 */
	public static double[] defaultSpacings(Detector detector, Beam beam, int count) {
		double dMin = detector.maxResolutionInscribed(beam.s0());
		if (!(dMin > 0) || Double.isInfinite(dMin)) return new double[0];
		double lambda = beam.wavelength();
		double ttMax = 2 * Math.asin(Math.min(1, lambda / (2 * dMin)));
		double[] d = new double[count];
		for (int i = 1; i <= count; i++) {
			double tt = ttMax * i / count;
			d[i - 1] = Math.round(lambda / (2 * Math.sin(tt / 2)) * 100) / 100.0;
		}
		return d;
	}

	/**
	 * Traces one ring on the drawing plane of a projection.
	 *
	 * @param d resolution in Å
	 * @param points number of points around the cone (≥ 8)
	 * @return {u, v} mm points in order around the ring (points whose ray misses the plane are left out)
	 * @throws IllegalArgumentException if d is below λ/2 (no such ring exists)
	 */
	public static List<double[]> trace(DetectorProjection projection, Beam beam, double d, int points) {
		double lambda = beam.wavelength();
		if (!(d > lambda / 2)) throw new IllegalArgumentException("resolution " + d + " Å is below λ/2 = " + lambda / 2 + " Å");
		double tt = 2 * Math.asin(lambda / (2 * d));
		Vec3 b = beam.unitS0();
		Vec3 e1 = Math.abs(b.x()) < 0.9 ? b.cross(new Vec3(1, 0, 0)).normalize() : b.cross(new Vec3(0, 1, 0)).normalize();
		Vec3 e2 = b.cross(e1).normalize();
		List<double[]> out = new ArrayList<>(points);
		double c = Math.cos(tt), s = Math.sin(tt);
		for (int i = 0; i < Math.max(8, points); i++) {
			double phi = 2 * Math.PI * i / Math.max(8, points);
			Vec3 dir = b.times(c).plus(e1.times(s * Math.cos(phi))).plus(e2.times(s * Math.sin(phi)));
			double[] uv = projection.projectRay(dir);
			if (uv != null) out.add(uv);
		}
		return out;
	}
}
