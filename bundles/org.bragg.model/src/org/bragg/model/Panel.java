package org.bragg.model;

import java.util.List;
import java.util.Objects;

/**
 * One flat detector panel, as dxtbx's {@code Panel}.
 *
 * <p>Frame: all vectors are in the DIALS laboratory frame, in the <em>global</em> frame even when the
 * panel belongs to a hierarchy (the {@code .expt} reader composes local frames). {@link #origin()} is
 * the lab position (mm) of the outer corner of pixel (0, 0); {@link #fastAxis()} and
 * {@link #slowAxis()} are unit vectors along increasing fast (x) and slow (y) pixel index. Pixel
 * coordinates: (0, 0) is the outer corner of the first pixel and pixel centres sit at +0.5. Image
 * size is (nFast, nSlow) pixels; pixel size (fast, slow) in mm; the trusted range is in counts
 * (a pixel is trusted if min &lt; value &lt; max, as in dxtbx); thickness in mm; {@code mu} is the
 * linear attenuation coefficient of the sensor in mm⁻¹.
 *
 * <p>Pixel ↔ mm conversion follows the panel's {@link PxMmStrategy}: {@code SimplePxMmStrategy}
 * scales by the pixel size; {@code ParallaxCorrectedPxMmStrategy} also corrects for the mean
 * depth at which the beam is absorbed, as dxtbx does (Parkhurst et al. 2014).
 *
 * @since 0.1
 */
public final class Panel {
	private final String name;
	private final String type;
	private final Vec3 fastAxis;
	private final Vec3 slowAxis;
	private final Vec3 origin;
	private final Vec3 normal;
	private final int[] rawImageOffset;
	private final int[] imageSize;
	private final double[] pixelSize;
	private final double[] trustedRange;
	private final double thickness;
	private final String material;
	private final double mu;
	private final String identifier;
	private final List<int[]> mask;
	private final double gain;
	private final double pedestal;
	private final PxMmStrategy pxMmStrategy;
	private final Mat3 d;
	private final Mat3 dInverse;

	/**
	 * @param imageSize {nFast, nSlow} px
	 * @param pixelSize {fast, slow} mm
	 * @param trustedRange {min, max} counts
	 * @param mask untrusted rectangles {x0, y0, x1, y1} in px (x1, y1 exclusive, as dxtbx)
	 * @throws IllegalArgumentException if the axes are zero or parallel, or sizes are not positive
	 */
	public Panel(String name, String type, Vec3 fastAxis, Vec3 slowAxis, Vec3 origin, int[] rawImageOffset, int[] imageSize,
			double[] pixelSize, double[] trustedRange, double thickness, String material, double mu, String identifier,
			List<int[]> mask, double gain, double pedestal, PxMmStrategy pxMmStrategy) {
		this.name = Objects.requireNonNull(name);
		this.type = Objects.requireNonNull(type);
		this.fastAxis = fastAxis.normalize();
		this.slowAxis = slowAxis.normalize();
		Vec3 n = this.fastAxis.cross(this.slowAxis);
		if (n.length() < 1e-9) throw new IllegalArgumentException("panel " + name + ": fast and slow axes are parallel");
		this.normal = n.normalize();
		this.origin = Objects.requireNonNull(origin);
		this.rawImageOffset = rawImageOffset.clone();
		if (imageSize.length != 2 || pixelSize.length != 2 || trustedRange.length != 2)
			throw new IllegalArgumentException("panel " + name + ": image_size, pixel_size and trusted_range need 2 values");
		this.imageSize = imageSize.clone();
		this.pixelSize = pixelSize.clone();
		this.trustedRange = trustedRange.clone();
		this.thickness = thickness;
		this.material = material;
		this.mu = mu;
		this.identifier = identifier;
		this.mask = mask.stream().map(int[]::clone).toList();
		this.gain = gain;
		this.pedestal = pedestal;
		this.pxMmStrategy = Objects.requireNonNull(pxMmStrategy);
		this.d = Mat3.fromColumns(this.fastAxis, this.slowAxis, origin);
		Mat3 inv;
		try {
			inv = d.inverse();
		} catch (IllegalStateException e) {
			inv = null; // panel plane contains the sample: no ray intersection
		}
		this.dInverse = inv;
	}

	public String name() { return name; }
	/** @return dxtbx panel type, e.g. {@code SENSOR_PAD}, {@code SENSOR_CCD}, {@code SENSOR_UNKNOWN} */
	public String type() { return type; }
	public Vec3 fastAxis() { return fastAxis; }
	public Vec3 slowAxis() { return slowAxis; }
	/** @return lab position (mm) of the outer corner of pixel (0, 0) */
	public Vec3 origin() { return origin; }
	/** @return unit normal fast × slow */
	public Vec3 normal() { return normal; }
	public int[] rawImageOffset() { return rawImageOffset.clone(); }
	/** @return {nFast, nSlow} in px */
	public int[] imageSize() { return imageSize.clone(); }
	public int nFast() { return imageSize[0]; }
	public int nSlow() { return imageSize[1]; }
	/** @return {fast, slow} pixel size in mm */
	public double[] pixelSize() { return pixelSize.clone(); }
	/** @return {min, max} trusted counts */
	public double[] trustedRange() { return trustedRange.clone(); }
	/** @return sensor thickness in mm */
	public double thickness() { return thickness; }
	public String material() { return material; }
	/** @return linear attenuation coefficient in mm⁻¹ */
	public double mu() { return mu; }
	public String identifier() { return identifier; }
	/** @return untrusted rectangles {x0, y0, x1, y1} px, upper bounds exclusive (copies) */
	public List<int[]> mask() { return mask.stream().map(int[]::clone).toList(); }
	/** @return detector gain in ADU per photon (or per electron) */
	public double gain() { return gain; }
	public double pedestal() { return pedestal; }
	public PxMmStrategy pxMmStrategy() { return pxMmStrategy; }
	/** @return the d matrix with columns (fast, slow, origin), mm */
	public Mat3 dMatrix() { return d; }
	/** @return the inverse d matrix, or null if the panel plane contains the sample */
	public Mat3 dInverse() { return dInverse; }

	/** @return signed distance (mm) of the panel plane from the sample along the normal, origin · normal */
	public double distance() { return origin.dot(normal); }

	/** @return the lab-frame position (mm) of panel coordinate (x, y) mm */
	public Vec3 labCoord(double xMm, double yMm) {
		return origin.plus(fastAxis.times(xMm)).plus(slowAxis.times(yMm));
	}

	/**
	 * Pixel → mm in this panel's 2D frame, after the panel's parallax correction.
	 *
	 * @param fast pixel coordinate along fast (pixel centres at +0.5)
	 * @param slow pixel coordinate along slow
	 * @return {x, y} mm
	 * @throws IllegalArgumentException if either coordinate is NaN
	 */
	public double[] pixelToMillimetre(double fast, double slow) {
		if (Double.isNaN(fast) || Double.isNaN(slow)) throw new IllegalArgumentException("pixel coordinate is NaN");
		double x = fast * pixelSize[0], y = slow * pixelSize[1];
		if (isParallaxCorrected()) {
			Vec3 s1 = labCoord(x, y).normalize();
			double o = attenuationLength(s1);
			x -= s1.dot(fastAxis) * o;
			y -= s1.dot(slowAxis) * o;
		}
		return new double[] { x, y };
	}

	/**
	 * mm → pixel, the inverse of {@link #pixelToMillimetre} (dxtbx's forward parallax correction).
	 *
	 * @return {fast, slow} px
	 */
	public double[] millimetreToPixel(double xMm, double yMm) {
		double x = xMm, y = yMm;
		if (isParallaxCorrected()) {
			Vec3 s1 = labCoord(x, y).normalize();
			double o = attenuationLength(s1);
			x += s1.dot(fastAxis) * o;
			y += s1.dot(slowAxis) * o;
		}
		return new double[] { x / pixelSize[0], y / pixelSize[1] };
	}

	/** @return the lab position (mm) of pixel coordinate (fast, slow) */
	public Vec3 pixelToLab(double fast, double slow) {
		double[] mm = pixelToMillimetre(fast, slow);
		return labCoord(mm[0], mm[1]);
	}

	private boolean isParallaxCorrected() {
		return pxMmStrategy.isParallaxCorrected() && mu > 0 && thickness > 0;
	}

	/** Mean absorption depth (mm) of a ray with unit direction s1, as dxtbx {@code attenuation_length}. */
	private double attenuationLength(Vec3 s1) {
		Vec3 n = normal;
		if (origin.dot(n) < 0) n = n.negate();
		double cosT = s1.dot(n);
		if (cosT <= 0) return 0;
		return 1.0 / mu - (thickness / cosT + 1.0 / mu) * Math.exp(-mu * thickness / cosT);
	}

	/**
	 * Intersection of the ray from the sample along {@code s} (any length) with this panel's plane.
	 *
	 * @return {x, y} mm in the panel frame (not clipped to the panel), or null if the ray points away
	 */
	public double[] rayIntersection(Vec3 s) {
		if (dInverse == null) return null;
		Vec3 v = dInverse.times(s);
		if (v.z() <= 0) return null;
		return new double[] { v.x() / v.z(), v.y() / v.z() };
	}

	/** @return true if pixel coordinate (fast, slow) lies on the panel */
	public boolean isCoordValid(double fast, double slow) {
		return fast >= 0 && slow >= 0 && fast < imageSize[0] && slow < imageSize[1];
	}

	/** @return the scattering angle 2θ (radians) at pixel coordinate (fast, slow) for the beam s0 */
	public double twoThetaAtPixel(Vec3 s0, double fast, double slow) {
		return pixelToLab(fast, slow).angle(s0);
	}

	/**
	 * @param s0 beam vector, |s0| = 1/λ (Å⁻¹)
	 * @return resolution d (Å) at pixel coordinate (fast, slow); +∞ on the beam
	 */
	public double resolutionAtPixel(Vec3 s0, double fast, double slow) {
		double twoTheta = twoThetaAtPixel(s0, fast, slow);
		double wavelength = 1.0 / s0.length();
		double s = Math.sin(twoTheta / 2);
		return s == 0 ? Double.POSITIVE_INFINITY : wavelength / (2 * s);
	}

	/** @return the beam centre (mm) on this panel's plane, or null if the beam does not hit the plane */
	public double[] beamCentreMm(Vec3 s0) { return rayIntersection(s0); }

	/** @return the beam centre in px, or null */
	public double[] beamCentrePx(Vec3 s0) {
		double[] mm = beamCentreMm(s0);
		return mm == null ? null : millimetreToPixel(mm[0], mm[1]);
	}

	/** Copy with a new frame (global lab frame, mm). */
	public Panel withFrame(Vec3 fast, Vec3 slow, Vec3 newOrigin) {
		return new Panel(name, type, fast, slow, newOrigin, rawImageOffset, imageSize, pixelSize, trustedRange, thickness, material,
				mu, identifier, mask, gain, pedestal, pxMmStrategy);
	}

	public Panel withGain(double g) {
		return new Panel(name, type, fastAxis, slowAxis, origin, rawImageOffset, imageSize, pixelSize, trustedRange, thickness, material,
				mu, identifier, mask, g, pedestal, pxMmStrategy);
	}

	public Panel withPedestal(double p) {
		return new Panel(name, type, fastAxis, slowAxis, origin, rawImageOffset, imageSize, pixelSize, trustedRange, thickness, material,
				mu, identifier, mask, gain, p, pxMmStrategy);
	}

	public Panel withTrustedRange(double min, double max) {
		return new Panel(name, type, fastAxis, slowAxis, origin, rawImageOffset, imageSize, pixelSize, new double[] { min, max }, thickness,
				material, mu, identifier, mask, gain, pedestal, pxMmStrategy);
	}

	public Panel withMask(List<int[]> rects) {
		return new Panel(name, type, fastAxis, slowAxis, origin, rawImageOffset, imageSize, pixelSize, trustedRange, thickness, material,
				mu, identifier, rects, gain, pedestal, pxMmStrategy);
	}

	public Panel withPixelSize(double fast, double slow) {
		return new Panel(name, type, fastAxis, slowAxis, origin, rawImageOffset, imageSize, new double[] { fast, slow }, trustedRange,
				thickness, material, mu, identifier, mask, gain, pedestal, pxMmStrategy);
	}

	public Panel withPxMmStrategy(PxMmStrategy s, double newMu, double newThickness) {
		return new Panel(name, type, fastAxis, slowAxis, origin, rawImageOffset, imageSize, pixelSize, trustedRange, newThickness,
				material, newMu, identifier, mask, gain, pedestal, s);
	}

	@Override
	public String toString() {
		return "Panel[" + name + ", " + imageSize[0] + "×" + imageSize[1] + " px, origin=" + origin + "]";
	}
}
