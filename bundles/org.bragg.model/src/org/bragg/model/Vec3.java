package org.bragg.model;

/**
 * An immutable 3-vector of doubles, used for directions and positions in the DIALS laboratory frame
 * (origin at the sample, beam along −z towards +z being the source side; see
 * Parkhurst et al. 2014, J. Appl. Cryst. 47, 1459–1465). Units are those of the quantity stored
 * (mm for positions, Å⁻¹ for s0/s1, dimensionless for axes).
 *
 * @since 0.1
 */
public record Vec3(double x, double y, double z) {

	/** The zero vector. */
	public static final Vec3 ZERO = new Vec3(0, 0, 0);

	/** Creates a vector from a length-3 array (not kept). @throws IllegalArgumentException if length ≠ 3 */
	public static Vec3 of(double[] v) {
		if (v.length != 3) throw new IllegalArgumentException("expected 3 components, got " + v.length);
		return new Vec3(v[0], v[1], v[2]);
	}

	/** @return component i (0, 1 or 2) */
	public double get(int i) {
		return switch (i) { case 0 -> x; case 1 -> y; case 2 -> z; default -> throw new IndexOutOfBoundsException(i); };
	}

	public Vec3 plus(Vec3 o) { return new Vec3(x + o.x, y + o.y, z + o.z); }
	public Vec3 minus(Vec3 o) { return new Vec3(x - o.x, y - o.y, z - o.z); }
	public Vec3 times(double s) { return new Vec3(x * s, y * s, z * s); }
	public Vec3 negate() { return new Vec3(-x, -y, -z); }
	public double dot(Vec3 o) { return x * o.x + y * o.y + z * o.z; }
	public Vec3 cross(Vec3 o) { return new Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x); }
	public double length() { return Math.sqrt(x * x + y * y + z * z); }
	public double lengthSq() { return x * x + y * y + z * z; }

	/** @return this vector scaled to unit length. @throws IllegalStateException for the zero vector */
	public Vec3 normalize() {
		double l = length();
		if (l == 0) throw new IllegalStateException("cannot normalise the zero vector");
		return new Vec3(x / l, y / l, z / l);
	}

	/** @return the angle between this and {@code o} in radians, in [0, π] */
	public double angle(Vec3 o) {
		double c = dot(o) / (length() * o.length());
		return Math.acos(Math.max(-1, Math.min(1, c)));
	}

	/** Rotates this vector by {@code angle} radians about the unit {@code axis} (right-handed, Rodrigues). */
	public Vec3 rotateAround(Vec3 axis, double angle) {
		Vec3 k = axis.normalize();
		double c = Math.cos(angle), s = Math.sin(angle);
		Vec3 kxv = k.cross(this);
		return this.times(c).plus(kxv.times(s)).plus(k.times(k.dot(this) * (1 - c)));
	}

	/** @return a new array {x, y, z} */
	public double[] toArray() { return new double[] { x, y, z }; }

	/** @return true if every component differs by at most {@code tol} */
	public boolean approxEquals(Vec3 o, double tol) {
		return Math.abs(x - o.x) <= tol && Math.abs(y - o.y) <= tol && Math.abs(z - o.z) <= tol;
	}
}
