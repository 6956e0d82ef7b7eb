package org.bragg.model;

import java.util.Arrays;

/**
 * An immutable 3×3 matrix of doubles stored row-major (element (r, c) at index 3r + c), as in the
 * DIALS {@code .expt} JSON ({@code fixed_rotation}, {@code setting_rotation}, {@code A_at_scan_points}).
 *
 * @since 0.1
 */
public final class Mat3 {
	/** The identity matrix. */
	public static final Mat3 IDENTITY = new Mat3(1, 0, 0, 0, 1, 0, 0, 0, 1);

	private final double[] m;

	public Mat3(double m00, double m01, double m02, double m10, double m11, double m12, double m20, double m21, double m22) {
		this.m = new double[] { m00, m01, m02, m10, m11, m12, m20, m21, m22 };
	}

	/** Creates a matrix from 9 row-major elements (copied). @throws IllegalArgumentException if length ≠ 9 */
	public static Mat3 of(double[] rowMajor) {
		if (rowMajor.length != 9) throw new IllegalArgumentException("expected 9 elements, got " + rowMajor.length);
		return new Mat3(rowMajor[0], rowMajor[1], rowMajor[2], rowMajor[3], rowMajor[4], rowMajor[5], rowMajor[6], rowMajor[7], rowMajor[8]);
	}

	/** @return the matrix whose rows are r0, r1, r2 */
	public static Mat3 fromRows(Vec3 r0, Vec3 r1, Vec3 r2) {
		return new Mat3(r0.x(), r0.y(), r0.z(), r1.x(), r1.y(), r1.z(), r2.x(), r2.y(), r2.z());
	}

	/** @return the matrix whose columns are c0, c1, c2 */
	public static Mat3 fromColumns(Vec3 c0, Vec3 c1, Vec3 c2) {
		return new Mat3(c0.x(), c1.x(), c2.x(), c0.y(), c1.y(), c2.y(), c0.z(), c1.z(), c2.z());
	}

	/** Right-handed rotation by {@code angle} radians about {@code axis} (normalised here). */
	public static Mat3 rotation(Vec3 axis, double angle) {
		Vec3 k = axis.normalize();
		double c = Math.cos(angle), s = Math.sin(angle), t = 1 - c;
		double x = k.x(), y = k.y(), z = k.z();
		return new Mat3(t * x * x + c, t * x * y - s * z, t * x * z + s * y,
				t * x * y + s * z, t * y * y + c, t * y * z - s * x,
				t * x * z - s * y, t * y * z + s * x, t * z * z + c);
	}

	public double get(int r, int c) { return m[3 * r + c]; }
	public Vec3 row(int r) { return new Vec3(m[3 * r], m[3 * r + 1], m[3 * r + 2]); }
	public Vec3 column(int c) { return new Vec3(m[c], m[3 + c], m[6 + c]); }

	/** @return a copy of the 9 row-major elements */
	public double[] toArray() { return m.clone(); }

	public Vec3 times(Vec3 v) {
		return new Vec3(m[0] * v.x() + m[1] * v.y() + m[2] * v.z(), m[3] * v.x() + m[4] * v.y() + m[5] * v.z(),
				m[6] * v.x() + m[7] * v.y() + m[8] * v.z());
	}

	/** @return this × v for a vector given as three doubles, written to {@code out[off..off+2]} */
	public void times(double x, double y, double z, double[] out, int off) {
		out[off] = m[0] * x + m[1] * y + m[2] * z;
		out[off + 1] = m[3] * x + m[4] * y + m[5] * z;
		out[off + 2] = m[6] * x + m[7] * y + m[8] * z;
	}

	public Mat3 times(Mat3 o) {
		double[] r = new double[9];
		for (int i = 0; i < 3; i++)
			for (int j = 0; j < 3; j++)
				r[3 * i + j] = m[3 * i] * o.m[j] + m[3 * i + 1] * o.m[3 + j] + m[3 * i + 2] * o.m[6 + j];
		return new Mat3(r);
	}

	public Mat3 times(double s) {
		double[] r = m.clone();
		for (int i = 0; i < 9; i++) r[i] *= s;
		return new Mat3(r);
	}

	public Mat3 plus(Mat3 o) {
		double[] r = m.clone();
		for (int i = 0; i < 9; i++) r[i] += o.m[i];
		return new Mat3(r);
	}

	public Mat3 transpose() {
		return new Mat3(m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]);
	}

	public double determinant() {
		return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
	}

	/** @throws IllegalStateException if the matrix is singular */
	public Mat3 inverse() {
		double d = determinant();
		if (d == 0 || !Double.isFinite(d)) throw new IllegalStateException("singular matrix");
		double[] r = {
				(m[4] * m[8] - m[5] * m[7]) / d, (m[2] * m[7] - m[1] * m[8]) / d, (m[1] * m[5] - m[2] * m[4]) / d,
				(m[5] * m[6] - m[3] * m[8]) / d, (m[0] * m[8] - m[2] * m[6]) / d, (m[2] * m[3] - m[0] * m[5]) / d,
				(m[3] * m[7] - m[4] * m[6]) / d, (m[1] * m[6] - m[0] * m[7]) / d, (m[0] * m[4] - m[1] * m[3]) / d };
		return new Mat3(r);
	}

	private Mat3(double[] m) { this.m = m; }

	public boolean approxEquals(Mat3 o, double tol) {
		for (int i = 0; i < 9; i++) if (Math.abs(m[i] - o.m[i]) > tol) return false;
		return true;
	}

	@Override public boolean equals(Object o) { return o instanceof Mat3 other && Arrays.equals(m, other.m); }
	@Override public int hashCode() { return Arrays.hashCode(m); }
	@Override public String toString() {
		return String.format("{{%g, %g, %g}, {%g, %g, %g}, {%g, %g, %g}}", m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]);
	}
}
