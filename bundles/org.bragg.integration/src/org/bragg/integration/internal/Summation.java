package org.bragg.integration.internal;

import org.bragg.model.reflection.ShoeboxMask;

/**
 * Summation integration of one shoebox with a constant background μ (DIALS {@code Summation}; Kabsch 2010,
 * Acta Cryst. D66, 133–144): I = Σ_fg (C − μ), var(I) = gain·(|I| + |ΣB|·(1 + n_fg/n_bg)), and the
 * background-subtracted centroid of the foreground.
 *
 * <p><b>Layout:</b> as {@link Background}. Stateless and thread safe.
 */
public final class Summation {
	private Summation() {}

	/** Result of one shoebox; centroid in shoebox pixel coordinates (pixel centres at +0.5), variances in px². */
	public record Result(double intensity, double variance, double backgroundSum, int nForeground, int nBackground, boolean success, double cx, double cy,
			double cz, double vx, double vy, double vz) {
	}

	/**
	 * @param data shoebox counts {@code [nz][ny][nx]}
	 * @param mask {@link ShoeboxMask} codes, BACKGROUND_USED set by the background model
	 * @param mu   background per pixel (counts)
	 * @param gain detector gain (ADU/photon), multiplies the variance
	 * @return the sums; {@code success} is false if the foreground is empty or contains invalid pixels
	 */
	public static Result integrate(float[] data, int[] mask, int nx, int ny, int nz, double mu, double gain) {
		return integrate(data, mask, null, (float) mu, nx, ny, nz, gain);
	}

	/**
	 * As {@link #integrate(float[], int[], int, int, int, double, double)} with a per-pixel background
	 * {@code bg} ({@code [nz][ny][nx]}, counts), e.g. a plane.
	 */
	public static Result integrate(float[] data, int[] mask, float[] bg, int nx, int ny, int nz, double gain) {
		return integrate(data, mask, bg, 0f, nx, ny, nz, gain);
	}

	/** The sums with the background {@code bg[k]}, or {@code mu} everywhere if {@code bg} is null. */
	private static Result integrate(float[] data, int[] mask, float[] bg, float mu, int nx, int ny, int nz, double gain) {
		double bsum = 0;
		double sumI = 0;
		int nfg = 0, nbg = 0;
		boolean bad = false;
		double sw = 0, sx = 0, sy = 0, sz = 0, sxx = 0, syy = 0, szz = 0;
		for (int z = 0, k = 0; z < nz; z++)
			for (int y = 0; y < ny; y++)
				for (int x = 0; x < nx; x++, k++) {
					int m = mask[k];
					if ((m & ShoeboxMask.BACKGROUND_USED) != 0) nbg++;
					if ((m & ShoeboxMask.FOREGROUND) == 0) continue;
					if ((m & ShoeboxMask.VALID) == 0) {
						bad = true;
						continue;
					}
					nfg++;
					float bk = bg != null ? bg[k] : mu;
					bsum += bk;
					double v = data[k] - bk;
					sumI += v;
					if (v > 0) {
						double px = x + 0.5, py = y + 0.5, pz = z + 0.5;
						sw += v;
						sx += v * px;
						sy += v * py;
						sz += v * pz;
						sxx += v * px * px;
						syy += v * py * py;
						szz += v * pz * pz;
					}
				}
		double var = gain * (Math.abs(sumI) + Math.abs(bsum) * (1.0 + (nbg > 0 ? (double) nfg / nbg : 0)));
		double cx = Double.NaN, cy = Double.NaN, cz = Double.NaN, vx = Double.NaN, vy = Double.NaN, vz = Double.NaN;
		if (sw > 0) {
			cx = sx / sw;
			cy = sy / sw;
			cz = sz / sw;
			// variance of the mean; floor of 1/12 px² for single-pixel spots, as DIALS's centroid
			vx = Math.max(sxx / sw - cx * cx, 1.0 / 12) / sw;
			vy = Math.max(syy / sw - cy * cy, 1.0 / 12) / sw;
			vz = Math.max(szz / sw - cz * cz, 1.0 / 12) / sw;
		}
		return new Result(sumI, var, bsum, nfg, nbg, !bad && nfg > 0, cx, cy, cz, vx, vy, vz);
	}
}
