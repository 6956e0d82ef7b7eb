package org.bragg.refinement.internal;

/** Small vector/matrix helpers on double[3] and row-major double[9]. */
final class V {
	private V() {}

	static double[] mul(double[] m, double[] v) {
		return new double[] { m[0] * v[0] + m[1] * v[1] + m[2] * v[2], m[3] * v[0] + m[4] * v[1] + m[5] * v[2],
				m[6] * v[0] + m[7] * v[1] + m[8] * v[2] };
	}

	static double[] mm(double[] a, double[] b) { return RayMath.mul(a, b); }

	static double[] mm(double[] a, double[] b, double[] c) { return RayMath.mul(a, RayMath.mul(b, c)); }

	static double dot(double[] a, double[] b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }

	static double[] cross(double[] a, double[] b) {
		return new double[] { a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0] };
	}

	static double norm(double[] a) { return Math.sqrt(dot(a, a)); }

	static double[] unit(double[] a) {
		double l = norm(a);
		return new double[] { a[0] / l, a[1] / l, a[2] / l };
	}

	static double[] add9(double[] a, double[] b) {
		double[] r = new double[a.length];
		for (int i = 0; i < a.length; i++) r[i] = a[i] + b[i];
		return r;
	}

	static double[] add(double[] a, double[] b) { return new double[] { a[0] + b[0], a[1] + b[1], a[2] + b[2] }; }

	static double[] sub(double[] a, double[] b) { return new double[] { a[0] - b[0], a[1] - b[1], a[2] - b[2] }; }

	static double[] scale(double[] a, double s) {
		double[] r = new double[a.length];
		for (int i = 0; i < a.length; i++) r[i] = a[i] * s;
		return r;
	}

	static double[] madd(double[] a, double[] b, double s) { return new double[] { a[0] + s * b[0], a[1] + s * b[1], a[2] + s * b[2] }; }

	static double[] rot(double[] axis, double angle) {
		double[] u = unit(axis);
		return RayMath.rotation(u[0], u[1], u[2], angle);
	}

	static double[] drot(double[] axis, double angle) {
		double[] u = unit(axis);
		return RayMath.rotationDerivative(u[0], u[1], u[2], angle);
	}

	/** scitbx {@code matrix.col.ortho()}: a vector perpendicular to v. */
	static double[] ortho(double[] v) {
		double x = Math.abs(v[0]), y = Math.abs(v[1]), z = Math.abs(v[2]);
		if (x < y) {
			if (x < z) return new double[] { 0, v[2], -v[1] };
			return new double[] { v[1], -v[0], 0 };
		}
		if (y < z) return new double[] { -v[2], 0, v[0] };
		return new double[] { v[1], -v[0], 0 };
	}

	/** Row-major matrix with the given columns. */
	static double[] cols(double[] c0, double[] c1, double[] c2) {
		return new double[] { c0[0], c1[0], c2[0], c0[1], c1[1], c2[1], c0[2], c1[2], c2[2] };
	}
}
