package org.bragg.integration.internal;

import org.bragg.model.reflection.ShoeboxMask;

/**
 * Constant (3D) background models over the background pixels of one shoebox.
 *
 * <p><b>Layout:</b> {@code data} and {@code mask} are one shoebox, {@code [nz][ny][nx]} flattened with x fastest;
 * mask bits are {@link ShoeboxMask} codes. A pixel takes part if it is {@code VALID|BACKGROUND}; the pixels used
 * are marked {@code BACKGROUND_USED}. Stateless and thread safe.
 */
public final class Background {
	private Background() {}

	/** Minimum number of background pixels ({@code background.*.min_pixels}, 10 in DIALS). */
	public static final int MIN_PIXELS = 10;
	/** Huber tuning constant of the robust GLM ({@code background.glm.robust.tuning_constant}). */
	public static final double HUBER_C = 1.345;

	/**
	 * Robust Poisson GLM with a constant model ({@code glm}, {@code constant3d}): the Mallows-type quasi-likelihood
	 * estimator of Cantoni &amp; Ronchetti (2001, JASA 96, 1022) used by DIALS, solving
	 * Σ_i [ψ_c((y_i−μ)/√μ) − E_μ ψ_c((Y−μ)/√μ)] = 0 for μ with Huber ψ, c = 1.345, Y ~ Poisson(μ).
	 *
	 * @return μ (counts per pixel), or NaN if fewer than {@link #MIN_PIXELS} pixels are usable
	 */
	public static double glm(float[] data, int[] mask) {
		int code = ShoeboxMask.VALID | ShoeboxMask.BACKGROUND;
		int n = 0;
		double max = 0, sum = 0;
		for (int i = 0; i < data.length; i++)
			if ((mask[i] & code) == code) {
				n++;
				max = Math.max(max, data[i]);
				sum += data[i];
			}
		if (n < MIN_PIXELS) return Double.NaN;
		double[] y = new double[n];
		int k = 0;
		for (int i = 0; i < data.length; i++)
			if ((mask[i] & code) == code) {
				y[k++] = data[i];
				mask[i] |= ShoeboxMask.BACKGROUND_USED;
			}
		if (sum <= 0) return 0;
		// g(μ) decreases with μ; bisection on log μ
		double lo = Math.log(1e-6), hi = Math.log(Math.max(max, 1e-3) + 1);
		if (score(y, Math.exp(lo)) <= 0) return Math.exp(lo);
		for (int it = 0; it < 60 && hi - lo > 1e-7; it++) {
			double mid = 0.5 * (lo + hi);
			if (score(y, Math.exp(mid)) > 0) lo = mid;
			else hi = mid;
		}
		return Math.exp(0.5 * (lo + hi));
	}

	private static double score(double[] y, double mu) {
		double sq = Math.sqrt(mu);
		double s = 0;
		for (double v : y) s += huber((v - mu) / sq);
		return s - y.length * expectedHuber(mu);
	}

	private static double huber(double r) { return r > HUBER_C ? HUBER_C : r < -HUBER_C ? -HUBER_C : r; }

	/** E ψ_c((Y−μ)/√μ) for Y ~ Poisson(μ). */
	static double expectedHuber(double mu) {
		double sq = Math.sqrt(mu);
		int ymax = (int) Math.ceil(mu + 12 * sq + 20);
		double p = Math.exp(-mu), e = 0;
		for (int y = 0; y <= ymax; y++) {
			if (y > 0) p *= mu / y;
			e += p * huber((y - mu) / sq);
		}
		return e;
	}

	/**
	 * {@code simple}: constant 3D model, the mean of the background pixels, optionally after n-sigma outlier
	 * rejection (3σ both sides, iterated until stable; biased low by the clipped Poisson tail at low counts).
	 *
	 * @param nsigma apply {@code outlier.algorithm=nsigma} (DIALS default: null, no rejection)
	 * @return μ, or NaN if fewer than {@link #MIN_PIXELS} pixels remain
	 */
	public static double simple(float[] data, int[] mask, boolean nsigma) {
		int code = ShoeboxMask.VALID | ShoeboxMask.BACKGROUND;
		boolean[] use = new boolean[data.length];
		int n = 0;
		for (int i = 0; i < data.length; i++)
			if ((mask[i] & code) == code) {
				use[i] = true;
				n++;
			}
		if (n < MIN_PIXELS) return Double.NaN;
		double mean = 0;
		for (int it = 0; it < 20; it++) {
			double s = 0, s2 = 0;
			int m = 0;
			for (int i = 0; i < data.length; i++)
				if (use[i]) {
					s += data[i];
					s2 += (double) data[i] * data[i];
					m++;
				}
			if (m < MIN_PIXELS) return Double.NaN;
			mean = s / m;
			if (!nsigma) break;
			double sd = Math.sqrt(Math.max(0, s2 / m - mean * mean));
			int removed = 0;
			for (int i = 0; i < data.length; i++)
				if (use[i] && Math.abs(data[i] - mean) > 3 * sd) {
					use[i] = false;
					removed++;
				}
			if (removed == 0) break;
		}
		for (int i = 0; i < data.length; i++) if (use[i]) mask[i] |= ShoeboxMask.BACKGROUND_USED;
		return mean;
	}

	/**
	 * {@code simple} with {@code model=linear2d}: a plane b(x, y) = a + b·x + c·y fitted by least squares to the
	 * background pixels of each frame of the shoebox (x, y are shoebox pixel centres).
	 *
	 * @return the background of every shoebox pixel ({@code [nz][ny][nx]}), or null if fewer than
	 *         {@link #MIN_PIXELS} pixels in total or fewer than 3 on a frame are usable
	 */
	public static float[] linear2d(float[] data, int[] mask, int nx, int ny, int nz) {
		int code = ShoeboxMask.VALID | ShoeboxMask.BACKGROUND;
		int total = 0;
		float[] out = new float[data.length];
		for (int z = 0; z < nz; z++) {
			// normal equations in (1, x, y)
			double[] a = new double[9], r = new double[3];
			int m = 0;
			for (int y = 0; y < ny; y++)
				for (int x = 0; x < nx; x++) {
					int k = (z * ny + y) * nx + x;
					if ((mask[k] & code) != code) continue;
					double[] f = { 1, x + 0.5, y + 0.5 };
					for (int p = 0; p < 3; p++) {
						r[p] += f[p] * data[k];
						for (int q = 0; q < 3; q++) a[3 * p + q] += f[p] * f[q];
					}
					m++;
				}
			if (m < 3) return null;
			double[] c = solve3(a, r);
			if (c == null) return null;
			total += m;
			for (int y = 0; y < ny; y++)
				for (int x = 0; x < nx; x++) {
					int k = (z * ny + y) * nx + x;
					out[k] = (float) (c[0] + c[1] * (x + 0.5) + c[2] * (y + 0.5));
					if ((mask[k] & code) == code) mask[k] |= ShoeboxMask.BACKGROUND_USED;
				}
		}
		return total < MIN_PIXELS ? null : out;
	}

	/** Solves the 3×3 system a·x = r (row-major) by Cramer's rule; null if singular. */
	private static double[] solve3(double[] a, double[] r) {
		double det = a[0] * (a[4] * a[8] - a[5] * a[7]) - a[1] * (a[3] * a[8] - a[5] * a[6]) + a[2] * (a[3] * a[7] - a[4] * a[6]);
		if (Math.abs(det) < 1e-12) return null;
		double[] x = new double[3];
		for (int c = 0; c < 3; c++) {
			double[] b = a.clone();
			for (int row = 0; row < 3; row++) b[3 * row + c] = r[row];
			x[c] = (b[0] * (b[4] * b[8] - b[5] * b[7]) - b[1] * (b[3] * b[8] - b[5] * b[6]) + b[2] * (b[3] * b[7] - b[4] * b[6])) / det;
		}
		return x;
	}
}
