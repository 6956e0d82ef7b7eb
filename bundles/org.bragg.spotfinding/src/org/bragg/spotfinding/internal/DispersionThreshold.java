package org.bragg.spotfinding.internal;

/**
 * Marks strong pixels by comparing the local mean and variance in a (2k<sub>y</sub>+1)×(2k<sub>x</sub>+1)
 * window ({@code spotfinder.threshold.algorithm=dispersion}).
 *
 * <p><b>Criterion.</b> For each pixel with value c, let m be the number of usable pixels in the window
 * around it (clipped at the image edges), x = Σc and y = Σc² over them. A pixel is strong if it is
 * usable, m ≥ {@code minCount}, x ≥ 0, c &gt; {@code globalThreshold} and both
 * <ul>
 * <li>the window is not Poisson (index of dispersion test):
 * m·y − x² − x(m−1) &gt; x·σ<sub>b</sub>·√(2(m−1)), i.e. var/mean &gt; 1 + σ<sub>b</sub>√(2/(m−1));</li>
 * <li>the pixel stands out: m·c − x &gt; σ<sub>s</sub>·√(x·m), i.e. c − mean &gt; σ<sub>s</sub>√mean.</li>
 * </ul>
 * With a gain g (ADU per photon) the tests become m·y − x² &gt; g·x·(m−1 + σ<sub>b</sub>√(2(m−1))) and
 * m·c − x &gt; σ<sub>s</sub>√(g·x·m). As in DIALS, the gain form is used whenever a gain is given,
 * even g = 1; without one the first form is used (the two differ only in rounding).
 *
 * <p><b>Inputs:</b> a {@link PanelImage} of width·height values (row-major, slow index outermost), a
 * boolean mask of the same layout (true = usable) and the output array (same layout). Pixels whose
 * value is ≥ 2<sup>24</sup> are left out of the window sums. The window sums come from a summed-area
 * table ({@link SatRing}) evaluated exactly as DIALS does, so results agree bit for bit.
 *
 * <p><b>Thread safety:</b> not thread-safe; one instance per thread, its buffers are reused for every
 * image of the same width.
 *
 * <p><b>Source:</b> follows the dispersion criterion of XDS COLSPOT (Kabsch 2010, Acta Cryst. D66,
 * 125–132) as implemented by DIALS's {@code DispersionThreshold} (Winter et al. 2018, Acta Cryst.
 * D74, 85–97).
 */
public final class DispersionThreshold implements ThresholdKernel {
	private final int ky;
	private final int kx;
	private final double nsigB;
	private final double nsigS;
	private final double threshold;
	private final int minCount;
	private final double gain;
	private final double[] sqrtTwoMMinus1;
	private SatRing sat;
	private double[] row;

	/**
	 * @param kernelSize {k<sub>y</sub>, k<sub>x</sub>}: half-sizes of the window along slow and fast (DIALS's
	 *                   {@code kernel_size}, default 3 3 → 7×7), each &gt; 0
	 * @param nsigB      σ<sub>b</sub>, the background (dispersion) cut-off, ≥ 0
	 * @param nsigS      σ<sub>s</sub>, the strong-pixel cut-off, ≥ 0
	 * @param threshold  global threshold in the image's units, ≥ 0
	 * @param minCount   minimum usable pixels in the window; ≤ 0 means the whole window
	 * @param gain       gain in ADU per photon, or NaN for none (DIALS {@code gain=None})
	 * @throws IllegalArgumentException on invalid arguments (DIALS asserts the same)
	 */
	public DispersionThreshold(int[] kernelSize, double nsigB, double nsigS, double threshold, int minCount, double gain) {
		if (kernelSize.length != 2 || kernelSize[0] <= 0 || kernelSize[1] <= 0)
			throw new IllegalArgumentException("kernel_size must be two positive integers");
		if (!(threshold >= 0)) throw new IllegalArgumentException("global_threshold must be >= 0, got " + threshold);
		if (!(nsigB >= 0) || !(nsigS >= 0)) throw new IllegalArgumentException("sigma_background and sigma_strong must be >= 0");
		if (!Double.isNaN(gain) && !(gain > 0)) throw new IllegalArgumentException("gain must be > 0, got " + gain);
		this.ky = kernelSize[0];
		this.kx = kernelSize[1];
		int numKernel = (2 * ky + 1) * (2 * kx + 1);
		this.minCount = checkMinCount(minCount, numKernel);
		this.nsigB = nsigB;
		this.nsigS = nsigS;
		this.threshold = threshold;
		this.gain = gain;
		this.sqrtTwoMMinus1 = sqrtTable(numKernel);
	}

	static int checkMinCount(int minCount, int numKernel) {
		if (minCount <= 0) return numKernel;
		if (minCount > numKernel || minCount <= 1)
			throw new IllegalArgumentException("min_local must be <= 0 or between 2 and " + numKernel + " (the kernel size), got " + minCount);
		return minCount;
	}

	/** @return t[m] = √(2(m−1)) for m = 0 … n (NaN for m = 0) */
	static double[] sqrtTable(int n) {
		double[] t = new double[n + 1];
		for (int m = 0; m <= n; m++) t[m] = Math.sqrt(2 * (m - 1.0));
		return t;
	}

	private void ensure(int width) {
		if (sat == null || sat.width != width) {
			sat = new SatRing(width, 2 * ky + 2, true);
			row = new double[width];
		}
	}

	@Override
	public void threshold(PanelImage image, boolean[] mask, boolean[] dst) {
		ThresholdKernel.checkSizes(image, mask, dst);
		final int w = image.width(), h = image.height();
		ensure(w);
		final SatRing t = sat;
		t.reset();
		final double[] src = row;
		final boolean useGain = !Double.isNaN(gain);
		final double g = gain, nb = nsigB, ns = nsigS, thr = threshold;
		final int minC = minCount;
		final double[] sq = sqrtTwoMMinus1;
		for (int j = 0; j < h; j++) {
			int j0 = j - ky - 1;
			int j1 = Math.min(j + ky, h - 1);
			t.buildThrough(j1, image, mask);
			image.loadRow(j, src);
			final int[] m1 = t.m[t.slot(j1)];
			final double[] x1 = t.x[t.slot(j1)], y1 = t.y[t.slot(j1)];
			final int[] m0 = j0 >= 0 ? t.m[t.slot(j0)] : null;
			final double[] x0 = j0 >= 0 ? t.x[t.slot(j0)] : null, y0 = j0 >= 0 ? t.y[t.slot(j0)] : null;
			final int off = j * w;
			for (int i = 0; i < w; i++) {
				final int k = off + i;
				dst[k] = false;
				final double c = src[i];
				if (!mask[k] || !(c > thr)) continue;
				final int i0 = i - kx - 1;
				final int i1 = Math.min(i + kx, w - 1);
				int mi;
				double x, y;
				if (i0 >= 0 && j0 >= 0) {
					mi = m0[i0] - (m1[i0] + m0[i1]);
					x = x0[i0] - (x1[i0] + x0[i1]);
					y = y0[i0] - (y1[i0] + y0[i1]);
				} else if (i0 >= 0) {
					mi = -m1[i0];
					x = -x1[i0];
					y = -y1[i0];
				} else if (j0 >= 0) {
					mi = -m0[i1];
					x = -x0[i1];
					y = -y0[i1];
				} else {
					mi = 0;
					x = 0;
					y = 0;
				}
				mi += m1[i1];
				x += x1[i1];
				y += y1[i1];
				if (mi < minC || !(x >= 0)) continue;
				final double m = mi;
				if (useGain) {
					double a = m * y - x * x;
					double b = m * c - x;
					double cc = g * x * (m - 1 + nb * sq[mi]);
					double d = ns * Math.sqrt(g * x * m);
					dst[k] = a > cc && b > d;
				} else {
					double a = m * y - x * x - x * (m - 1);
					double b = m * c - x;
					double cc = x * nb * sq[mi];
					double d = ns * Math.sqrt(x * m);
					dst[k] = a > cc && b > d;
				}
			}
		}
	}

	/**
	 * Computes the intermediate maps of the dispersion test for one image (for display and checks):
	 * local mean x/m, sample variance (y − x²/m)/(m−1), index of dispersion var/mean, the dispersion
	 * (σ<sub>b</sub>) mask, the strong-value (σ<sub>s</sub>) mask and the global-threshold mask; the final mask is
	 * their conjunction over usable pixels and equals {@link #threshold}'s output. Maps are 0/false
	 * where the window has fewer than {@code minCount} usable pixels or the pixel is masked.
	 *
	 * @param out maps to fill, each of the image's size. Modified.
	 */
	public void debug(PanelImage image, boolean[] mask, ThresholdMaps out) {
		final int w = image.width(), h = image.height();
		ensure(w);
		final SatRing t = sat;
		t.reset();
		final double[] src = row;
		final boolean useGain = !Double.isNaN(gain);
		final double g = useGain ? gain : 1.0;
		for (int j = 0; j < h; j++) {
			int j0 = j - ky - 1;
			int j1 = Math.min(j + ky, h - 1);
			t.buildThrough(j1, image, mask);
			image.loadRow(j, src);
			for (int i = 0; i < w; i++) {
				int k = j * w + i;
				out.clear(k);
				if (!mask[k]) continue;
				double[] mxy = window(t, j0, j1, i - kx - 1, Math.min(i + kx, w - 1), true);
				int mi = (int) mxy[0];
				double m = mxy[0], x = mxy[1], y = mxy[2];
				double c = src[i];
				out.globalMask[k] = c > threshold;
				if (mi < minCount || !(x >= 0)) continue;
				out.mean[k] = x / m;
				out.variance[k] = (y - x * x / m) / (m - 1);
				out.dispersion[k] = out.mean[k] > 0 ? out.variance[k] / out.mean[k] : 0;
				if (useGain) {
					out.dispersionMask[k] = m * y - x * x > g * x * (m - 1 + nsigB * sqrtTwoMMinus1[mi]);
					out.strongMask[k] = m * c - x > nsigS * Math.sqrt(g * x * m);
				} else {
					out.dispersionMask[k] = m * y - x * x - x * (m - 1) > x * nsigB * sqrtTwoMMinus1[mi];
					out.strongMask[k] = m * c - x > nsigS * Math.sqrt(x * m);
				}
				out.finalMask[k] = out.dispersionMask[k] && out.strongMask[k] && out.globalMask[k];
			}
		}
	}

	/**
	 * Window sums {m, x, y} from a table ring, in DIALS's order of evaluation.
	 *
	 * @param j0 row above the window, or &lt; 0 if the window starts at row 0
	 * @param j1 last row of the window
	 * @param i0 column left of the window, or &lt; 0 if the window starts at column 0
	 * @param i1 last column of the window
	 */
	static double[] window(SatRing t, int j0, int j1, int i0, int i1, boolean squares) {
		int s1 = t.slot(j1);
		int mi;
		double x, y = 0;
		if (i0 >= 0 && j0 >= 0) {
			int s0 = t.slot(j0);
			mi = t.m[s0][i0] - (t.m[s1][i0] + t.m[s0][i1]);
			x = t.x[s0][i0] - (t.x[s1][i0] + t.x[s0][i1]);
			if (squares) y = t.y[s0][i0] - (t.y[s1][i0] + t.y[s0][i1]);
		} else if (i0 >= 0) {
			mi = -t.m[s1][i0];
			x = -t.x[s1][i0];
			if (squares) y = -t.y[s1][i0];
		} else if (j0 >= 0) {
			int s0 = t.slot(j0);
			mi = -t.m[s0][i1];
			x = -t.x[s0][i1];
			if (squares) y = -t.y[s0][i1];
		} else {
			mi = 0;
			x = 0;
		}
		mi += t.m[s1][i1];
		x += t.x[s1][i1];
		if (squares) y += t.y[s1][i1];
		return new double[] { mi, x, y };
	}
}
