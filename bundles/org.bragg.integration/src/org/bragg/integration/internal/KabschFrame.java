package org.bragg.integration.internal;

/**
 * The local reciprocal-space coordinate system of one reflection (Kabsch 2010, Acta Cryst. D66, 133–144, §3;
 * as DIALS {@code CoordinateSystem}): e1 = s1×s0/|s1×s0|, e2 = s1×e1/|s1×e1|, e3 = (s1+s0)/|s1+s0|,
 * ζ = m2·e1. All vectors in the DIALS laboratory frame, Å⁻¹; angles in radians. Not thread-confined: immutable.
 */
public final class KabschFrame {
	final double s1x, s1y, s1z, s1len;
	final double e1x, e1y, e1z, e2x, e2y, e2z;
	/** ζ = m2·e1, the inverse Lorentz factor */
	public final double zeta;
	/** φ of the reflection centre (rad) */
	public final double phi;

	/**
	 * @param m2  unit rotation axis (lab frame)
	 * @param s0  incident beam vector (Å⁻¹)
	 * @param s1  diffracted beam vector (Å⁻¹)
	 * @param phi rotation angle of the centre (rad)
	 */
	public KabschFrame(double[] m2, double[] s0, double[] s1, double phi) {
		s1x = s1[0];
		s1y = s1[1];
		s1z = s1[2];
		s1len = Math.sqrt(s1x * s1x + s1y * s1y + s1z * s1z);
		double ax = s1y * s0[2] - s1z * s0[1], ay = s1z * s0[0] - s1x * s0[2], az = s1x * s0[1] - s1y * s0[0];
		double n = Math.sqrt(ax * ax + ay * ay + az * az);
		e1x = ax / n;
		e1y = ay / n;
		e1z = az / n;
		double bx = s1y * e1z - s1z * e1y, by = s1z * e1x - s1x * e1z, bz = s1x * e1y - s1y * e1x;
		n = Math.sqrt(bx * bx + by * by + bz * bz);
		e2x = bx / n;
		e2y = by / n;
		e2z = bz / n;
		zeta = m2[0] * e1x + m2[1] * e1y + m2[2] * e1z;
		this.phi = phi;
	}

	/** Map a direction (any length) to (ε1, ε2) in radians; out[0..1]. */
	public void fromBeamVector(double x, double y, double z, double[] out) {
		double f = s1len / Math.sqrt(x * x + y * y + z * z);
		double dx = x * f - s1x, dy = y * f - s1y, dz = z * f - s1z;
		out[0] = (e1x * dx + e1y * dy + e1z * dz) / s1len;
		out[1] = (e2x * dx + e2y * dy + e2z * dz) / s1len;
	}

	/** @return the beam vector (length |s1|) at (ε1, ε2) radians */
	public double[] toBeamVector(double c1, double c2) {
		double x = s1x + s1len * (c1 * e1x + c2 * e2x), y = s1y + s1len * (c1 * e1y + c2 * e2y), z = s1z + s1len * (c1 * e1z + c2 * e2z);
		double f = s1len / Math.sqrt(x * x + y * y + z * z);
		return new double[] { x * f, y * f, z * f };
	}
}
