package org.bragg.spotfinding.internal;

/**
 * The index of dispersion (sample variance / mean) of every pixel's (2k<sub>y</sub>+1)×(2k<sub>x</sub>+1)
 * neighbourhood, as DIALS's {@code IndexOfDispersionFilterMasked} (used by {@code dials.estimate_gain}):
 * sums over the masked-in pixels of the window (clipped at the edges); where the pixel is masked, its
 * value is ≥ 2<sup>24</sup>, fewer than {@code minCount} pixels are usable (≤ 0: the whole window), or
 * the mean is not positive, the index is 1.
 *
 * <p>Layout: arrays of width·height, row-major, slow index outermost. Stateless.
 */
public final class IndexOfDispersion {
	private IndexOfDispersion() {}

	/**
	 * @param image      the image. Not modified.
	 * @param mask       usable pixels. Not modified.
	 * @param kernelSize {k_slow, k_fast} half-sizes
	 * @param minCount   minimum usable pixels (≤ 0: the full window, as {@code min_local=0})
	 * @return the index of dispersion per pixel
	 */
	public static double[] compute(PanelImage image, boolean[] mask, int[] kernelSize, int minCount) {
		final int w = image.width(), h = image.height();
		final int ky = kernelSize[0], kx = kernelSize[1];
		int full = (2 * ky + 1) * (2 * kx + 1);
		if (minCount <= 0) minCount = full;
		SatRing t = new SatRing(w, 2 * ky + 2, true, Double.POSITIVE_INFINITY);
		double[] out = new double[w * h];
		double[] row = new double[w];
		for (int j = 0; j < h; j++) {
			int j0 = j - ky - 1, j1 = Math.min(j + ky, h - 1);
			t.buildThrough(j1, image, mask);
			image.loadRow(j, row);
			for (int i = 0; i < w; i++) {
				int k = j * w + i;
				double[] s = DispersionThreshold.window(t, j0, j1, i - kx - 1, Math.min(i + kx, w - 1), true);
				int c = (int) s[0];
				double d = 1.0;
				if (mask[k] && row[i] < SatRing.BIG && c >= minCount) {
					double mean = s[1] / c;
					if (mean > 0) {
						double var = (s[2] - (s[1] * s[1] / c)) / (c - 1);
						d = var / mean;
					}
				}
				out[k] = d;
			}
		}
		return out;
	}
}
