package org.bragg.scaling.internal;

/**
 * Real spherical harmonics of the DIALS absorption surface (Beilsten-Edmands et al. 2020, Acta Cryst. D76,
 * 385–399, §2.3.3). For l = 1..lmax and m = −l..l (in that order, lmax(lmax+2) terms) the real function is
 * √2·(−1)^m·Im Y_l^{|m|} for m &lt; 0, Re Y_l^0 for m = 0 and √2·(−1)^m·Re Y_l^m for m &gt; 0, where Y_l^m(θ, φ)
 * is the orthonormal complex harmonic with the Condon–Shortley phase (θ polar, φ azimuthal, radians).
 * These real functions are orthonormal on the unit sphere.
 *
 * <p>Stateless and thread-safe.
 */
public final class SphericalHarmonics {
	private SphericalHarmonics() {}

	/** Number of terms for {@code lmax}: lmax(lmax + 2). */
	public static int numTerms(int lmax) { return lmax * (lmax + 2); }

	/** Polar angle θ = atan2(√(x² + y²), z) and azimuth φ = atan2(y, x) in [0, 2π) of a vector (any length &gt; 0). */
	public static double[] thetaPhi(double x, double y, double z) {
		double t = Math.atan2(Math.sqrt(x * x + y * y), z);
		double p = Math.atan2(y, x);
		if (p < 0) p += 2 * Math.PI;
		return new double[] { t, p };
	}

	/**
	 * Writes the lmax(lmax+2) real harmonics at (θ, φ) into {@code out[off..]}, multiplied by {@code scale},
	 * and added to what is there if {@code add}.
	 */
	public static void evaluate(int lmax, double theta, double phi, double scale, boolean add, double[] out, int off) {
		double x = Math.cos(theta), sx = Math.sin(theta);
		// associated Legendre P_l^m(x) with Condon-Shortley phase, m >= 0
		double[][] p = new double[lmax + 1][lmax + 1];
		p[0][0] = 1;
		for (int m = 1; m <= lmax; m++) p[m][m] = -(2 * m - 1) * sx * p[m - 1][m - 1];
		for (int m = 0; m < lmax; m++) p[m + 1][m] = x * (2 * m + 1) * p[m][m];
		for (int m = 0; m <= lmax; m++) for (int l = m + 2; l <= lmax; l++) p[l][m] = ((2 * l - 1) * x * p[l - 1][m] - (l + m - 1) * p[l - 2][m]) / (l - m);
		int k = off;
		for (int l = 1; l <= lmax; l++) {
			for (int m = -l; m <= l; m++) {
				int am = Math.abs(m);
				double norm = Math.sqrt((2 * l + 1) / (4 * Math.PI) * factorialRatio(l - am, l + am));
				double v;
				if (m == 0) v = norm * p[l][0];
				else {
					double sign = (am % 2 == 0) ? 1 : -1;
					v = Math.sqrt(2) * sign * norm * p[l][am] * (m < 0 ? Math.sin(am * phi) : Math.cos(am * phi));
				}
				out[k] = add ? out[k] + scale * v : scale * v;
				k++;
			}
		}
	}

	/** (a)!/(b)! for a ≤ b. */
	private static double factorialRatio(int a, int b) {
		double r = 1;
		for (int i = a + 1; i <= b; i++) r /= i;
		return r;
	}

	/**
	 * The DIALS absorption design row for one reflection: the mean of the real harmonics at the incoming
	 * direction {@code s0c} (sample → source, i.e. −s0) and outgoing direction {@code s1c}, both in the crystal
	 * frame, written into {@code out[off..off+numTerms)}.
	 */
	public static void absorptionRow(int lmax, double[] s0c, double[] s1c, double[] out, int off) {
		double[] a = thetaPhi(s0c[0], s0c[1], s0c[2]), b = thetaPhi(s1c[0], s1c[1], s1c[2]);
		evaluate(lmax, a[0], a[1], 0.5, false, out, off);
		evaluate(lmax, b[0], b[1], 0.5, true, out, off);
	}
}
