package org.bragg.refinement.internal;

/**
 * Primitive-array geometry of reflection prediction shared by the public predictor and refinement.
 *
 * <p>Matrices are row-major {@code double[9]} (or a 9-element slice at an offset), vectors {@code double[3]}.
 * The rotation-angle solution follows DIALS {@code RotationAngles} / {@code ScanStaticRayPredictor}
 * (XDS method, Kabsch 2010): with m2 the unit datum rotation axis e, s0' = S⁻¹·s0, m1 = m2×s0'/|m2×s0'|,
 * m3 = m1×m2, the rotated relp p* = R(φ)·p*₀ satisfies p*·m3 = (−|p*₀|²/2 − (p*₀·m2)(s0'·m2))/(s0'·m3)
 * and p*·m1 = ±√(ρ² − (p*·m3)²). Then s1 = s0 + S·R(m2, φ)·F·A·h and the ray is "entering" when
 * s1·(s0 × S·m2) &lt; 0. Stateless and thread-safe.
 */
public final class RayMath {
	private RayMath() {}

	public static final double TWO_PI = 2 * Math.PI;

	/** out = M·v for M row-major at offset mo. */
	public static void mul(double[] m, int mo, double x, double y, double z, double[] out) {
		double a = m[mo] * x + m[mo + 1] * y + m[mo + 2] * z;
		double b = m[mo + 3] * x + m[mo + 4] * y + m[mo + 5] * z;
		double c = m[mo + 6] * x + m[mo + 7] * y + m[mo + 8] * z;
		out[0] = a;
		out[1] = b;
		out[2] = c;
	}

	/** @return A·B (row-major) */
	public static double[] mul(double[] a, double[] b) {
		double[] r = new double[9];
		for (int i = 0; i < 3; i++)
			for (int j = 0; j < 3; j++) r[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
		return r;
	}

	public static double[] transpose(double[] a) {
		return new double[] { a[0], a[3], a[6], a[1], a[4], a[7], a[2], a[5], a[8] };
	}

	public static double[] inverse(double[] m) {
		double d = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
		if (d == 0 || !Double.isFinite(d)) throw new IllegalStateException("singular matrix");
		return new double[] { (m[4] * m[8] - m[5] * m[7]) / d, (m[2] * m[7] - m[1] * m[8]) / d, (m[1] * m[5] - m[2] * m[4]) / d,
				(m[5] * m[6] - m[3] * m[8]) / d, (m[0] * m[8] - m[2] * m[6]) / d, (m[2] * m[3] - m[0] * m[5]) / d,
				(m[3] * m[7] - m[4] * m[6]) / d, (m[1] * m[6] - m[0] * m[7]) / d, (m[0] * m[4] - m[1] * m[3]) / d };
	}

	/** Right-handed rotation matrix by {@code angle} rad about the unit axis (x, y, z). */
	public static double[] rotation(double x, double y, double z, double angle) {
		double c = Math.cos(angle), s = Math.sin(angle), t = 1 - c;
		return new double[] { t * x * x + c, t * x * y - s * z, t * x * z + s * y, t * x * y + s * z, t * y * y + c, t * y * z - s * x,
				t * x * z - s * y, t * y * z + s * x, t * z * z + c };
	}

	/** Derivative of {@link #rotation} with respect to the angle. */
	public static double[] rotationDerivative(double x, double y, double z, double angle) {
		double c = Math.cos(angle), s = Math.sin(angle);
		// dR/dθ = -sinθ I + cosθ [k]x + sinθ k kᵀ
		return new double[] { -s + s * x * x, s * x * y - c * z, s * x * z + c * y, s * x * y + c * z, -s + s * y * y, s * y * z - c * x,
				s * x * z - c * y, s * y * z + c * x, -s + s * z * z };
	}

	public static double mod2pi(double a) {
		double r = a % TWO_PI;
		if (r < 0) r += TWO_PI;
		return r;
	}

	/**
	 * Static rotation-scan geometry for one experiment state: s0, S, F, the datum axis m2, precomputed
	 * axes for the rotation-angle solution.
	 */
	public static final class Rotation {
		final double[] s0;
		final double[] sMat;
		final double[] fMat;
		final double m2x, m2y, m2z;
		final double m1x, m1y, m1z, m3x, m3y, m3z;
		final double s0dm2, s0dm3, s0LenSq;
		final double px, py, pz; // s0 × (S·m2), normalised

		/**
		 * @param s0 beam vector (Å⁻¹)
		 * @param sMat setting rotation S (row-major)
		 * @param fMat fixed rotation F
		 * @param axis datum rotation axis (normalised here)
		 */
		public Rotation(double[] s0, double[] sMat, double[] fMat, double[] axis) {
			this.s0 = s0.clone();
			this.sMat = sMat.clone();
			this.fMat = fMat.clone();
			double l = Math.sqrt(axis[0] * axis[0] + axis[1] * axis[1] + axis[2] * axis[2]);
			m2x = axis[0] / l;
			m2y = axis[1] / l;
			m2z = axis[2] / l;
			double[] sInv = transpose(sMat); // S is a rotation
			double[] s0p = new double[3];
			mul(sInv, 0, s0[0], s0[1], s0[2], s0p);
			double ax = m2y * s0p[2] - m2z * s0p[1], ay = m2z * s0p[0] - m2x * s0p[2], az = m2x * s0p[1] - m2y * s0p[0];
			double al = Math.sqrt(ax * ax + ay * ay + az * az);
			m1x = ax / al;
			m1y = ay / al;
			m1z = az / al;
			double bx = m1y * m2z - m1z * m2y, by = m1z * m2x - m1x * m2z, bz = m1x * m2y - m1y * m2x;
			double bl = Math.sqrt(bx * bx + by * by + bz * bz);
			m3x = bx / bl;
			m3y = by / bl;
			m3z = bz / bl;
			s0dm2 = s0p[0] * m2x + s0p[1] * m2y + s0p[2] * m2z;
			s0dm3 = s0p[0] * m3x + s0p[1] * m3y + s0p[2] * m3z;
			s0LenSq = s0[0] * s0[0] + s0[1] * s0[1] + s0[2] * s0[2];
			double[] sm2 = new double[3];
			mul(sMat, 0, m2x, m2y, m2z, sm2);
			double cx = s0[1] * sm2[2] - s0[2] * sm2[1], cy = s0[2] * sm2[0] - s0[0] * sm2[2], cz = s0[0] * sm2[1] - s0[1] * sm2[0];
			double cl = Math.sqrt(cx * cx + cy * cy + cz * cz);
			px = cx / cl;
			py = cy / cl;
			pz = cz / cl;
		}

		public double[] s0() { return s0.clone(); }

		/**
		 * Predicts the ray of the relp p*₀ = F·A·h (A at {@code aOff} in {@code a}) with the given entering
		 * flag.
		 *
		 * @param out receives s1 (3), φ (rad, in [0, 2π)) at indices 0..3
		 * @return false if the relp never reaches the Ewald sphere or no ray has that entering flag
		 */
		public boolean predict(double[] a, int aOff, double h, double k, double l, boolean entering, double[] out) {
			double[] t = new double[3];
			mul(a, aOff, h, k, l, t);
			mul(fMat, 0, t[0], t[1], t[2], t);
			return predictRelp(t[0], t[1], t[2], entering, out);
		}

		/** As {@link #predict} for a relp already multiplied by F (p*₀ in the rotation frame). */
		public boolean predictRelp(double p0x, double p0y, double p0z, boolean entering, double[] out) {
			double[] phis = new double[2];
			if (!angles(p0x, p0y, p0z, phis)) return false;
			for (int i = 0; i < 2; i++) {
				if (ray(p0x, p0y, p0z, phis[i], out) == entering) {
					out[3] = mod2pi(phis[i]);
					return true;
				}
			}
			return false;
		}

		/**
		 * Both rotation angles (rad, not reduced) at which the relp p*₀ is in reflecting position.
		 *
		 * @return false if none exists
		 */
		public boolean angles(double p0x, double p0y, double p0z, double[] phi) {
			double lenSq = p0x * p0x + p0y * p0y + p0z * p0z;
			if (lenSq > 4 * s0LenSq || lenSq == 0) return false;
			double d1 = p0x * m1x + p0y * m1y + p0z * m1z;
			double d2 = p0x * m2x + p0y * m2y + p0z * m2z;
			double d3 = p0x * m3x + p0y * m3y + p0z * m3z;
			double pm3 = (-0.5 * lenSq - d2 * s0dm2) / s0dm3;
			double rhoSq = lenSq - d2 * d2;
			if (rhoSq < pm3 * pm3) return false;
			double pm1 = Math.sqrt(rhoSq - pm3 * pm3);
			phi[0] = Math.atan2(pm1 * d3 - pm3 * d1, pm1 * d1 + pm3 * d3);
			phi[1] = Math.atan2(-pm1 * d3 - pm3 * d1, -pm1 * d1 + pm3 * d3);
			return true;
		}

		/** Writes s1 at angle φ into out[0..2]; @return the entering flag. */
		public boolean ray(double p0x, double p0y, double p0z, double phi, double[] out) {
			double c = Math.cos(phi), s = Math.sin(phi);
			double kd = m2x * p0x + m2y * p0y + m2z * p0z;
			double cx = m2y * p0z - m2z * p0y, cy = m2z * p0x - m2x * p0z, cz = m2x * p0y - m2y * p0x;
			double rx = p0x * c + cx * s + m2x * kd * (1 - c);
			double ry = p0y * c + cy * s + m2y * kd * (1 - c);
			double rz = p0z * c + cz * s + m2z * kd * (1 - c);
			mul(sMat, 0, rx, ry, rz, out);
			out[0] += s0[0];
			out[1] += s0[1];
			out[2] += s0[2];
			return out[0] * px + out[1] * py + out[2] * pz < 0;
		}
	}

	/**
	 * Stills prediction (DIALS {@code StillsRayPredictor}): the relp q = A·h is rotated about
	 * e1 = q × ŝ0 onto the Ewald sphere; ΔΨ is the angle of that rotation.
	 *
	 * @param out receives s1 (0..2) and ΔΨ (3)
	 * @return false for h = 0 or a relp beyond 2/λ
	 */
	public static boolean predictStill(double[] a, int aOff, double[] s0, double h, double k, double l, double[] out) {
		double[] q = new double[3];
		mul(a, aOff, h, k, l, q);
		double s0len = Math.sqrt(s0[0] * s0[0] + s0[1] * s0[1] + s0[2] * s0[2]);
		double ux = s0[0] / s0len, uy = s0[1] / s0len, uz = s0[2] / s0len;
		double qq = q[0] * q[0] + q[1] * q[1] + q[2] * q[2];
		if (qq == 0) return false;
		double e1x = q[1] * uz - q[2] * uy, e1y = q[2] * ux - q[0] * uz, e1z = q[0] * uy - q[1] * ux;
		double el = Math.sqrt(e1x * e1x + e1y * e1y + e1z * e1z);
		if (el == 0) return false;
		e1x /= el;
		e1y /= el;
		e1z /= el;
		double c0x = uy * e1z - uz * e1y, c0y = uz * e1x - ux * e1z, c0z = ux * e1y - uy * e1x;
		double cl = Math.sqrt(c0x * c0x + c0y * c0y + c0z * c0z);
		c0x /= cl;
		c0y /= cl;
		c0z /= cl;
		double lambda = 1.0 / s0len;
		double aa = 0.5 * qq * lambda;
		double tmp = qq - aa * aa;
		if (!(tmp > 0)) return false;
		double b = Math.sqrt(tmp);
		double rx = -aa * ux + b * c0x, ry = -aa * uy + b * c0y, rz = -aa * uz + b * c0z;
		double ql = Math.sqrt(qq);
		double q0x = q[0] / ql, q0y = q[1] / ql, q0z = q[2] / ql;
		double q1x = q0y * e1z - q0z * e1y, q1y = q0z * e1x - q0x * e1z, q1z = q0x * e1y - q0y * e1x;
		double q1l = Math.sqrt(q1x * q1x + q1y * q1y + q1z * q1z);
		q1x /= q1l;
		q1y /= q1l;
		q1z /= q1l;
		out[3] = -Math.atan2(rx * q1x + ry * q1y + rz * q1z, rx * q0x + ry * q0y + rz * q0z);
		double sx = s0[0] + rx, sy = s0[1] + ry, sz = s0[2] + rz;
		double sl = Math.sqrt(sx * sx + sy * sy + sz * sz);
		out[0] = sx / sl * s0len;
		out[1] = sy / sl * s0len;
		out[2] = sz / sl * s0len;
		return true;
	}
}
