package org.bragg.model;

import java.util.List;
import java.util.Objects;

/**
 * A monochromatic beam, as dxtbx's {@code Beam}.
 *
 * <p>Frame: DIALS laboratory frame. {@link #direction()} is the unit vector from the sample
 * <em>towards the source</em> (as stored in {@code .expt}); the wave vector
 * {@link #s0()} = −direction/λ points from the source to the sample and has length 1/λ (Å⁻¹).
 * Wavelength in Å; divergence and sigma_divergence in radians (as dxtbx stores them);
 * polarisation normal is a unit vector and the fraction is the fraction of intensity polarised
 * along the plane normal to it (0.999 at synchrotrons, 0.5 unpolarised).
 *
 * <p>Scan-varying beams (drifting electron beams) carry {@link #s0AtScanPoints()}, one s0 per scan
 * point (number of images + 1), empty for a static beam. Instances are immutable.
 *
 * @since 0.1
 */
public final class Beam {
	private final Vec3 direction;
	private final double wavelength;
	private final double divergence;
	private final double sigmaDivergence;
	private final Vec3 polarizationNormal;
	private final double polarizationFraction;
	private final double flux;
	private final double transmission;
	private final Probe probe;
	private final List<Vec3> s0AtScanPoints;

	/**
	 * @param direction unit vector sample → source (normalised here)
	 * @param wavelength Å, &gt; 0
	 * @throws IllegalArgumentException if the wavelength is not positive or the direction is zero
	 */
	public Beam(Vec3 direction, double wavelength, double divergence, double sigmaDivergence, Vec3 polarizationNormal,
			double polarizationFraction, double flux, double transmission, Probe probe, List<Vec3> s0AtScanPoints) {
		if (!(wavelength > 0)) throw new IllegalArgumentException("beam wavelength must be > 0 Å, got " + wavelength);
		if (direction.length() == 0) throw new IllegalArgumentException("beam direction must not be zero");
		this.direction = direction.normalize();
		this.wavelength = wavelength;
		this.divergence = divergence;
		this.sigmaDivergence = sigmaDivergence;
		this.polarizationNormal = Objects.requireNonNull(polarizationNormal);
		this.polarizationFraction = polarizationFraction;
		this.flux = flux;
		this.transmission = transmission;
		this.probe = Objects.requireNonNull(probe);
		this.s0AtScanPoints = List.copyOf(s0AtScanPoints);
	}

	/** A simple beam along −z with the given wavelength, polarisation normal +y, fraction 0.999 (X-ray). */
	public static Beam simple(double wavelength) {
		return new Beam(new Vec3(0, 0, 1), wavelength, 0, 0, new Vec3(0, 1, 0), 0.999, 0, 1, Probe.XRAY, List.of());
	}

	/** @return unit vector from sample towards the source */
	public Vec3 direction() { return direction; }
	/** @return wavelength in Å */
	public double wavelength() { return wavelength; }
	/** @return s0 = −direction/λ in Å⁻¹ (source → sample) */
	public Vec3 s0() { return direction.times(-1.0 / wavelength); }
	/** @return unit vector along s0 */
	public Vec3 unitS0() { return direction.negate(); }
	public double divergence() { return divergence; }
	public double sigmaDivergence() { return sigmaDivergence; }
	public Vec3 polarizationNormal() { return polarizationNormal; }
	public double polarizationFraction() { return polarizationFraction; }
	public double flux() { return flux; }
	public double transmission() { return transmission; }
	public Probe probe() { return probe; }
	/** @return s0 at each scan point (Å⁻¹); empty for a static beam */
	public List<Vec3> s0AtScanPoints() { return s0AtScanPoints; }

	public Beam withWavelength(double w) {
		return new Beam(direction, w, divergence, sigmaDivergence, polarizationNormal, polarizationFraction, flux, transmission, probe, s0AtScanPoints);
	}

	public Beam withDirection(Vec3 d) {
		return new Beam(d, wavelength, divergence, sigmaDivergence, polarizationNormal, polarizationFraction, flux, transmission, probe, s0AtScanPoints);
	}

	/** Copy with a new s0 (Å⁻¹): sets both direction and wavelength. */
	public Beam withS0(Vec3 s0) {
		return new Beam(s0.negate(), 1.0 / s0.length(), divergence, sigmaDivergence, polarizationNormal, polarizationFraction, flux, transmission, probe, s0AtScanPoints);
	}

	public Beam withPolarization(Vec3 normal, double fraction) {
		return new Beam(direction, wavelength, divergence, sigmaDivergence, normal, fraction, flux, transmission, probe, s0AtScanPoints);
	}

	public Beam withProbe(Probe p) {
		return new Beam(direction, wavelength, divergence, sigmaDivergence, polarizationNormal, polarizationFraction, flux, transmission, p, s0AtScanPoints);
	}

	public Beam withDivergence(double divergence, double sigmaDivergence) {
		return new Beam(direction, wavelength, divergence, sigmaDivergence, polarizationNormal, polarizationFraction, flux, transmission, probe, s0AtScanPoints);
	}

	public Beam withFluxTransmission(double flux, double transmission) {
		return new Beam(direction, wavelength, divergence, sigmaDivergence, polarizationNormal, polarizationFraction, flux, transmission, probe, s0AtScanPoints);
	}

	public Beam withS0AtScanPoints(List<Vec3> s0s) {
		return new Beam(direction, wavelength, divergence, sigmaDivergence, polarizationNormal, polarizationFraction, flux, transmission, probe, s0s);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof Beam b && b.direction.equals(direction) && b.wavelength == wavelength && b.divergence == divergence
				&& b.sigmaDivergence == sigmaDivergence && b.polarizationNormal.equals(polarizationNormal)
				&& b.polarizationFraction == polarizationFraction && b.flux == flux && b.transmission == transmission
				&& b.probe == probe && b.s0AtScanPoints.equals(s0AtScanPoints);
	}

	@Override
	public int hashCode() { return Objects.hash(direction, wavelength, probe); }

	@Override
	public String toString() { return "Beam[λ=" + wavelength + " Å, direction=" + direction + ", " + probe.dxtbxName() + "]"; }
}
