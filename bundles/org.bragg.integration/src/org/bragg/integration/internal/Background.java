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
	 * {@code simple}: constant 3D model with n-sigma outlier rejection (3σ both sides, iterated until stable):
	 * the mean of the kept background pixels.
	 *
	 * @return μ, or NaN if fewer than {@link #MIN_PIXELS} pixels remain
	 */
	public static double simple(float[] data, int[] mask) {
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
}
