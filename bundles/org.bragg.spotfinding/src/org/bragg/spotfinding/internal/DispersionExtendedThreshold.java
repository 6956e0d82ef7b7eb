package org.bragg.spotfinding.internal;

/**
 * The default DIALS spot threshold ({@code spotfinder.threshold.algorithm=dispersion_extended},
 * J. Parkhurst): a dispersion test finds non-Poisson regions, an erosion removes their halo, and a
 * wider window of background pixels only gives the local mean that strong pixels must exceed.
 *
 * <p><b>Steps</b> (m, x, y: count, Σc, Σc² of usable pixels in a window clipped at the image edges):
 * <ol>
 * <li>Dispersion mask over a (2k<sub>y</sub>+1)×(2k<sub>x</sub>+1) window: usable, m ≥ {@code minCount}, x ≥ 0 and
 * m·y − x² − x(m−1) &gt; x·σ<sub>b</sub>·√(2(m−1)) (with a gain g: m·y − x² &gt; g·x·(m−1 + σ<sub>b</sub>√(2(m−1)))).</li>
 * <li>Erosion: keep a dispersive pixel only if every pixel within Chebyshev distance e − 1 is
 * dispersive, e = min(k<sub>y</sub>, k<sub>x</sub>); pixels outside the image do not erode (DIALS computes the
 * Chebyshev distance to the nearest non-dispersive pixel and keeps distance ≥ e; the separable
 * erosion used here gives the same set).</li>
 * <li>Background = usable pixels outside the eroded region (and below 2<sup>24</sup>); a new summed-area
 * table over them.</li>
 * <li>Final test with a window two pixels wider on each side ((2k<sub>y</sub>+5)×(2k<sub>x</sub>+5), 11×11 by
 * default): the pixel is in the eroded region, c &gt; {@code globalThreshold} and
 * c ≥ mean<sub>bg</sub> + σ<sub>s</sub>√(g·mean<sub>bg</sub>), mean<sub>bg</sub> = x/m if m ≥ 2 else 0 (g = 1 without gain).</li>
 * </ol>
 *
 * <p><b>Inputs:</b> a {@link PanelImage} of width·height values (row-major, slow index outermost), a
 * boolean usable-pixel mask and the output array of the same layout. Window sums are evaluated
 * exactly as in DIALS's {@code DispersionExtendedThreshold} ({@code local.h}), so the output agrees
 * bit for bit with DIALS 3.12.
 *
 * <p><b>Memory:</b> besides two ring summed-area tables of O(k·width), one boolean work array of the
 * image's size. <b>Thread safety:</b> not thread-safe; one instance per thread.
 *
 * <p><b>Source:</b> dispersion criterion of XDS COLSPOT (Kabsch 2010, Acta Cryst. D66, 125–132);
 * extended form by J. Parkhurst in DIALS (Winter et al. 2018, Acta Cryst. D74, 85–97).
 */
public final class DispersionExtendedThreshold implements ThresholdKernel {
	private final int ky;
	private final int kx;
	private final double nsigB;
	private final double nsigS;
	private final double threshold;
	private final int minCount;
	private final double gain;
	private final double[] sqrtTwoMMinus1;
	private SatRing sat1;
	private SatRing sat2;
	private double[] row;
	private boolean[] work;
	private int[] winM;
	private double[] winX;
	private double[] winY;

	/**
	 * @param kernelSize {k<sub>y</sub>, k<sub>x</sub>} half-sizes (slow, fast), each &gt; 0; DIALS default 3 3
	 * @param nsigB      σ<sub>b</sub> ≥ 0 (default 6)
	 * @param nsigS      σ<sub>s</sub> ≥ 0 (default 3)
	 * @param threshold  global threshold ≥ 0, in the image's units
	 * @param minCount   minimum usable pixels in the first window; ≤ 0 means the whole window
	 * @param gain       ADU per photon, or NaN for none
	 * @throws IllegalArgumentException on invalid arguments
	 */
	public DispersionExtendedThreshold(int[] kernelSize, double nsigB, double nsigS, double threshold, int minCount, double gain) {
		if (kernelSize.length != 2 || kernelSize[0] <= 0 || kernelSize[1] <= 0)
			throw new IllegalArgumentException("kernel_size must be two positive integers");
		if (!(threshold >= 0)) throw new IllegalArgumentException("global_threshold must be >= 0, got " + threshold);
		if (!(nsigB >= 0) || !(nsigS >= 0)) throw new IllegalArgumentException("sigma_background and sigma_strong must be >= 0");
		if (!Double.isNaN(gain) && !(gain > 0)) throw new IllegalArgumentException("gain must be > 0, got " + gain);
		this.ky = kernelSize[0];
		this.kx = kernelSize[1];
		int numKernel = (2 * ky + 1) * (2 * kx + 1);
		this.minCount = DispersionThreshold.checkMinCount(minCount, numKernel);
		this.nsigB = nsigB;
		this.nsigS = nsigS;
		this.threshold = threshold;
		this.gain = gain;
		this.sqrtTwoMMinus1 = DispersionThreshold.sqrtTable(numKernel);
	}

	private void ensure(int width, int n) {
		if (sat1 == null || sat1.width != width) {
			sat1 = new SatRing(width, 2 * ky + 2, true);
			sat2 = new SatRing(width, 2 * (ky + 2) + 2, false);
			row = new double[width];
			winM = new int[width];
			winX = new double[width];
			winY = new double[width];
		}
		if (work == null || work.length < n) work = new boolean[n];
	}

	@Override
	public void threshold(PanelImage image, boolean[] mask, boolean[] dst) {
		ThresholdKernel.checkSizes(image, mask, dst);
		final int w = image.width(), h = image.height();
		ensure(w, image.size());
		dispersionMask(image, mask, dst, null);
		erode(dst, work, w, h, Math.min(ky, kx) - 1);
		finalThreshold(image, mask, dst, null, null);
	}

	/**
	 * Fills the maps of the intermediate steps (see {@link ThresholdMaps}); {@code out.finalMask}
	 * equals the output of {@link #threshold}.
	 *
	 * @param out maps of the image's size. Modified.
	 */
	public void debug(PanelImage image, boolean[] mask, ThresholdMaps out) {
		final int w = image.width(), h = image.height(), n = image.size();
		ensure(w, n);
		for (int k = 0; k < n; k++) out.clear(k);
		boolean[] core = new boolean[n];
		dispersionMask(image, mask, core, out);
		System.arraycopy(core, 0, out.dispersionMask, 0, n);
		erode(core, work, w, h, Math.min(ky, kx) - 1);
		backgroundMask(image, mask, core, work);
		System.arraycopy(work, 0, out.backgroundMask, 0, n);
		finalThreshold(image, mask, core, work, out);
		System.arraycopy(core, 0, out.finalMask, 0, n);
	}

	/** Step 1: dst = dispersion test; optionally records mean, variance and dispersion. */
	private void dispersionMask(PanelImage image, boolean[] mask, boolean[] dst, ThresholdMaps maps) {
		final int w = image.width(), h = image.height();
		final SatRing t = sat1;
		t.reset();
		final boolean useGain = !Double.isNaN(gain);
		final double g = gain, nb = nsigB;
		final int minC = minCount;
		final double[] sq = sqrtTwoMMinus1;
		final int[] wm = winM;
		final double[] wx = winX, wy = winY;
		for (int j = 0; j < h; j++) {
			final int j0 = j - ky - 1;
			final int j1 = Math.min(j + ky, h - 1);
			t.buildThrough(j1, image, mask);
			t.windowRow(j0, j1, kx, wm, wx, wy);
			final int off = j * w;
			for (int i = 0; i < w; i++) {
				final int k = off + i;
				boolean r = false;
				final int mi = wm[i];
				final double x = wx[i];
				if (mask[k] && mi >= minC && x >= 0) {
					final double m = mi, y = wy[i];
					r = useGain ? m * y - x * x > g * x * (m - 1 + nb * sq[mi]) : m * y - x * x - x * (m - 1) > x * nb * sq[mi];
					if (maps != null) {
						maps.mean[k] = x / m;
						maps.variance[k] = (y - x * x / m) / (m - 1);
						maps.dispersion[k] = maps.mean[k] > 0 ? maps.variance[k] / maps.mean[k] : 0;
					}
				}
				dst[k] = r;
			}
		}
	}

	/**
	 * Morphological erosion of {@code a} (true = set) by a (2r+1)² square, in place; pixels outside the
	 * image count as set. Equivalent to keeping pixels whose Chebyshev distance to the nearest unset
	 * pixel is ≥ r + 1, which is what DIALS's {@code erode_dispersion_mask} keeps with r + 1 = e.
	 *
	 * @param a   the mask, width·height, row-major. Modified.
	 * @param tmp work array of at least width·height elements. Modified.
	 * @param r   radius ≥ 0 (0 leaves {@code a} unchanged)
	 */
	static void erode(boolean[] a, boolean[] tmp, int w, int h, int r) {
		if (r <= 0) return;
		// rows: tmp = no unset pixel of a within [i−r, i+r]; rows without any set pixel are skipped
		boolean[] rowAny = new boolean[h];
		for (int j = 0; j < h; j++) {
			final int off = j * w;
			boolean any = false;
			for (int i = 0; i < w; i++) {
				if (a[off + i]) {
					any = true;
					break;
				}
			}
			rowAny[j] = any;
			if (!any) continue; // tmp of this row is never read
			int unset = 0;
			for (int i = 0; i <= Math.min(r, w - 1); i++) if (!a[off + i]) unset++;
			for (int i = 0; i < w; i++) {
				tmp[off + i] = unset == 0;
				int add = i + r + 1, rem = i - r;
				if (add < w && !a[off + add]) unset++;
				if (rem >= 0 && !a[off + rem]) unset--;
			}
		}
		// columns: a = no unset pixel of tmp within [j−r, j+r]; a row can only stay set if it was set
		int[] cnt = new int[w];
		for (int j = 0; j <= Math.min(r, h - 1); j++) {
			final int off = j * w;
			if (rowAny[j]) {
				for (int i = 0; i < w; i++) if (!tmp[off + i]) cnt[i]++;
			} else {
				for (int i = 0; i < w; i++) cnt[i]++;
			}
		}
		for (int j = 0; j < h; j++) {
			final int off = j * w;
			if (rowAny[j]) {
				for (int i = 0; i < w; i++) a[off + i] = cnt[i] == 0;
			}
			int add = j + r + 1, rem = j - r;
			if (add < h) {
				int o = add * w;
				if (rowAny[add]) {
					for (int i = 0; i < w; i++) if (!tmp[o + i]) cnt[i]++;
				} else {
					for (int i = 0; i < w; i++) cnt[i]++;
				}
			}
			if (rem >= 0) {
				int o = rem * w;
				if (rowAny[rem]) {
					for (int i = 0; i < w; i++) if (!tmp[o + i]) cnt[i]--;
				} else {
					for (int i = 0; i < w; i++) cnt[i]--;
				}
			}
		}
	}

	/** Step 3: bg = usable and not in the eroded core. */
	private static void backgroundMask(PanelImage image, boolean[] mask, boolean[] core, boolean[] bg) {
		int n = image.size();
		for (int k = 0; k < n; k++) bg[k] = mask[k] && !core[k];
	}

	/**
	 * Step 4: in place, dst (the core on entry) becomes the strong-pixel mask. The background of the
	 * second table is {@code bg} if given, else mask and not core (computed row by row).
	 */
	private void finalThreshold(PanelImage image, boolean[] mask, boolean[] dst, boolean[] bg, ThresholdMaps maps) {
		final int w = image.width(), h = image.height();
		final int kyy = ky + 2, kxx = kx + 2;
		final SatRing t = sat2;
		t.reset();
		final double[] src = row;
		final boolean useGain = !Double.isNaN(gain);
		final double g = gain, ns = nsigS, thr = threshold;
		for (int j = 0; j < h; j++) {
			final int j0 = j - kyy - 1;
			final int j1 = Math.min(j + kyy, h - 1);
			if (bg != null) t.buildThrough(j1, image, bg);
			else t.buildThroughExcluding(j1, image, mask, dst);
			final int off = j * w;
			boolean any = false;
			for (int i = 0; i < w; i++) {
				if (dst[off + i]) {
					any = true;
					break;
				}
			}
			if (!any && maps == null) continue;
			image.loadRow(j, src);
			final int[] m1 = t.m[t.slot(j1)];
			final double[] x1 = t.x[t.slot(j1)];
			final int[] m0 = j0 >= 0 ? t.m[t.slot(j0)] : null;
			final double[] x0 = j0 >= 0 ? t.x[t.slot(j0)] : null;
			for (int i = 0; i < w; i++) {
				final int k = off + i;
				if (maps == null && !dst[k]) continue;
				final boolean core = dst[k];
				dst[k] = false;
				if (!mask[k]) continue;
				final int i0 = i - kxx - 1;
				final int i1 = Math.min(i + kxx, w - 1);
				int mi;
				double x;
				if (i0 >= 0 && j0 >= 0) {
					mi = m0[i0] - (m1[i0] + m0[i1]);
					x = x0[i0] - (x1[i0] + x0[i1]);
				} else if (i0 >= 0) {
					mi = -m1[i0];
					x = -x1[i0];
				} else if (j0 >= 0) {
					mi = -m0[i1];
					x = -x0[i1];
				} else {
					mi = 0;
					x = 0;
				}
				mi += m1[i1];
				x += x1[i1];
				final double c = src[i];
				if (maps != null) maps.globalMask[k] = c > thr;
				if (mi >= 0 && x >= 0) {
					final double m = mi;
					final boolean global = c > thr;
					final double mean = m >= 2 ? x / m : 0;
					final boolean local = useGain ? c >= mean + ns * Math.sqrt(g * mean) : c >= mean + ns * Math.sqrt(mean);
					dst[k] = core && global && local;
					if (maps != null) {
						maps.backgroundMean[k] = mean;
						maps.strongMask[k] = core && local;
					}
				}
			}
		}
	}
}
