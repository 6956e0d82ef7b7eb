package org.bragg.refinement.internal;

/**
 * The stills ray prediction of DIALS's {@code StillsRayPredictor} (q = A·h rotated about e1 = q̂ × ŝ0 onto
 * the Ewald sphere by ΔΨ) with exact forward-mode derivatives along one direction (dq, ds0).
 */
final class StillsDual {
	private StillsDual() {}

	static final class Result {
		double[] s1;
		double dpsi;
		double[] ds1;
		double ddpsi;
	}

	// dual vectors: {x, y, z, dx, dy, dz}; dual scalars: {v, d}
	private static double[] dv(double[] v, double[] d) {
		return new double[] { v[0], v[1], v[2], d == null ? 0 : d[0], d == null ? 0 : d[1], d == null ? 0 : d[2] };
	}

	private static double[] dot(double[] a, double[] b) {
		return new double[] { a[0] * b[0] + a[1] * b[1] + a[2] * b[2], a[3] * b[0] + a[4] * b[1] + a[5] * b[2] + a[0] * b[3] + a[1] * b[4] + a[2] * b[5] };
	}

	private static double[] cross(double[] a, double[] b) {
		return new double[] { a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0],
				a[4] * b[2] + a[1] * b[5] - a[5] * b[1] - a[2] * b[4], a[5] * b[0] + a[2] * b[3] - a[3] * b[2] - a[0] * b[5],
				a[3] * b[1] + a[0] * b[4] - a[4] * b[0] - a[1] * b[3] };
	}

	private static double[] scale(double[] a, double[] s) {
		return new double[] { a[0] * s[0], a[1] * s[0], a[2] * s[0], a[3] * s[0] + a[0] * s[1], a[4] * s[0] + a[1] * s[1], a[5] * s[0] + a[2] * s[1] };
	}

	private static double[] add(double[] a, double[] b) {
		double[] r = new double[6];
		for (int i = 0; i < 6; i++) r[i] = a[i] + b[i];
		return r;
	}

	private static double[] sqrt(double[] x) {
		double s = Math.sqrt(x[0]);
		return new double[] { s, x[1] / (2 * s) };
	}

	private static double[] inv(double[] x) { return new double[] { 1 / x[0], -x[1] / (x[0] * x[0]) }; }

	private static double[] mul(double[] a, double[] b) { return new double[] { a[0] * b[0], a[1] * b[0] + a[0] * b[1] }; }

	private static double[] unit(double[] a) { return scale(a, inv(sqrt(dot(a, a)))); }

	/**
	 * @param dq derivative of q (or null), ds0 derivative of s0 (or null)
	 * @return s1, ΔΨ and their derivatives, or null if the prediction is undefined
	 */
	static Result predict(double[] q3, double[] s03, double[] dq, double[] ds0) {
		double[] q = dv(q3, dq), s0 = dv(s03, ds0);
		double[] s0len = sqrt(dot(s0, s0));
		double[] u = scale(s0, inv(s0len));
		double[] qq = dot(q, q);
		if (qq[0] == 0) return null;
		double[] e1raw = cross(q, u);
		if (dot(e1raw, e1raw)[0] == 0) return null;
		double[] e1 = unit(e1raw);
		double[] c0 = unit(cross(u, e1));
		double[] a = mul(mul(qq, new double[] { 0.5, 0 }), inv(s0len));
		double[] tmp = new double[] { qq[0] - a[0] * a[0], qq[1] - 2 * a[0] * a[1] };
		if (!(tmp[0] > 0)) return null;
		double[] b = sqrt(tmp);
		double[] r = add(scale(u, new double[] { -a[0], -a[1] }), scale(c0, b));
		double[] q0 = unit(q);
		double[] q1 = unit(cross(q0, e1));
		double[] y = dot(r, q1), x = dot(r, q0);
		Result res = new Result();
		res.dpsi = -Math.atan2(y[0], x[0]);
		res.ddpsi = -(x[0] * y[1] - y[0] * x[1]) / (x[0] * x[0] + y[0] * y[0]);
		double[] s = unit(add(s0, r));
		double[] s1 = scale(s, s0len);
		res.s1 = new double[] { s1[0], s1[1], s1[2] };
		res.ds1 = new double[] { s1[3], s1[4], s1[5] };
		return res;
	}
}
