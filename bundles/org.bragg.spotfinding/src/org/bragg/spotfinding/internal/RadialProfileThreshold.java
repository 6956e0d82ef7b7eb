package org.bragg.spotfinding.internal;

import java.util.Arrays;

/**
 * Thresholds each pixel against the background of its scattering-angle shell
 * ({@code spotfinder.threshold.algorithm=radial_profile}): the usable pixels are binned in
 * {@code nBins} equal 2θ shells, and a pixel is strong if its value exceeds the median of its shell
 * plus {@code nIqr} interquartile ranges (at least 2 ADU, i.e. 2/gain, above the median).
 *
 * <p>Optionally the image is first blurred with a 3×3 ("narrow") or 5×5 ("wide") Gaussian-like
 * kernel, edges clamped; the blurred values are then used both for the shell statistics and for the
 * comparison. Quartiles interpolate linearly between order statistics (position (n−1)·q); the median
 * of an even count is the mean of the two middle values; an empty shell has median and IQR 0.
 *
 * <p><b>Inputs:</b> the image (width·height, row-major, slow index outermost), the usable-pixel mask,
 * and, at construction, 2θ (radians, any monotonic angle works) at the <em>corner</em> of each pixel
 * (dxtbx {@code Panel.get_two_theta_array}) in the same layout. <b>Thread safety:</b> not thread-safe.
 *
 * <p><b>Source:</b> DIALS {@code RadialProfileSpotFinderThresholdExt} (after the peakfinder8 idea of
 * Barty et al. 2014, J. Appl. Cryst. 47, 1118–1131); useful for electron diffraction and serial data
 * whose background is radially symmetric but not Poisson.
 */
public final class RadialProfileThreshold implements ThresholdKernel {
	/** 3×3 binomial kernel (DIALS "narrow"), row-major. */
	static final double[] NARROW = { 0.0625, 0.125, 0.0625, 0.125, 0.25, 0.125, 0.0625, 0.125, 0.0625 };
	/** 5×5 kernel /273 (DIALS "wide"), row-major. */
	static final double[] WIDE;
	static {
		double[] k = { 1, 4, 7, 4, 1, 4, 16, 26, 16, 4, 7, 26, 41, 26, 7, 4, 16, 26, 16, 4, 1, 4, 7, 4, 1 };
		for (int i = 0; i < k.length; i++) k[i] /= 273;
		WIDE = k;
	}

	private final int nIqr;
	private final int nBins;
	private final double adu;
	private final double[] blurKernel;
	private final int[] bin;
	private final int width;
	private final int height;

	/**
	 * @param nIqr      IQR multiplier (default 6)
	 * @param blur      "narrow", "wide" or null for none
	 * @param nBins     number of 2θ shells (default 100), &gt; 0
	 * @param panelGain the panel gain (ADU per photon), &gt; 0; one ADU is 1/gain
	 * @param twoTheta  2θ at each pixel corner, width·height. Not modified, not kept.
	 * @throws IllegalArgumentException on invalid arguments
	 */
	public RadialProfileThreshold(int nIqr, String blur, int nBins, double panelGain, double[] twoTheta, int width, int height) {
		if (nBins <= 0) throw new IllegalArgumentException("radial_profile.n_bins must be > 0, got " + nBins);
		if (!(panelGain > 0)) throw new IllegalArgumentException("panel gain must be > 0, got " + panelGain);
		if (twoTheta.length != width * height) throw new IllegalArgumentException("2θ array has " + twoTheta.length + " values for " + width + "×" + height);
		this.nIqr = nIqr;
		this.nBins = nBins;
		this.adu = 1 / panelGain;
		this.width = width;
		this.height = height;
		if (blur == null) this.blurKernel = null;
		else if (blur.equals("narrow")) this.blurKernel = NARROW;
		else if (blur.equals("wide")) this.blurKernel = WIDE;
		else throw new IllegalArgumentException("radial_profile.blur must be narrow, wide or None, got " + blur);
		// 2θ → shell index, as DIALS: floor((2θ − min)·n / max(2θ − min + 1e-10)), then rounded
		double min = Double.POSITIVE_INFINITY;
		for (double t : twoTheta) min = Math.min(min, t);
		double max = Double.NEGATIVE_INFINITY;
		double[] lookup = new double[twoTheta.length];
		for (int k = 0; k < lookup.length; k++) {
			lookup[k] = twoTheta[k] - min;
			max = Math.max(max, lookup[k] + 1e-10);
		}
		double multiplier = nBins / max;
		this.bin = new int[lookup.length];
		for (int k = 0; k < lookup.length; k++) {
			int b = (int) Math.round(Math.floor(lookup[k] * multiplier));
			bin[k] = Math.min(Math.max(b, 0), nBins - 1);
		}
	}

	@Override
	public void threshold(PanelImage image, boolean[] mask, boolean[] dst) {
		ThresholdKernel.checkSizes(image, mask, dst);
		if (image.width() != width || image.height() != height)
			throw new IllegalArgumentException("image is " + image.width() + "×" + image.height() + ", kernel built for " + width + "×" + height);
		double[] v = blurKernel == null ? image.toDoubles() : convolve(image, blurKernel, blurKernel == NARROW ? 3 : 5);
		int n = v.length;
		// shell statistics of the usable pixels
		int[] count = new int[nBins];
		for (int k = 0; k < n; k++) if (mask[k]) count[bin[k]]++;
		double[][] values = new double[nBins][];
		for (int b = 0; b < nBins; b++) values[b] = new double[count[b]];
		int[] fill = new int[nBins];
		for (int k = 0; k < n; k++) if (mask[k]) values[bin[k]][fill[bin[k]]++] = v[k];
		double[] thresh = new double[nBins];
		for (int b = 0; b < nBins; b++) {
			double[] s = values[b];
			Arrays.sort(s);
			double addLevel = nIqr * iqr(s);
			if (addLevel <= adu) addLevel = 2.0 * adu;
			thresh[b] = median(s) + addLevel;
		}
		for (int k = 0; k < n; k++) dst[k] = mask[k] && v[k] > thresh[bin[k]];
	}

	/** Median of sorted values as DIALS {@code BinnedStatistics}: 0 if empty. */
	static double median(double[] s) {
		int n = s.length;
		if (n == 0) return 0;
		if (n == 1) return s[0];
		if (n == 2) return (s[0] + s[1]) / 2;
		return n % 2 == 1 ? s[n / 2] : (s[n / 2] + s[n / 2 - 1]) / 2;
	}

	/** IQR of sorted values with linear interpolation at (n−1)·q; 0 for fewer than 2 values. */
	static double iqr(double[] s) {
		int n = s.length;
		if (n < 2) return 0;
		return quantile(s, 0.75) - quantile(s, 0.25);
	}

	private static double quantile(double[] s, double q) {
		double id = (s.length - 1) * q;
		int lo = (int) Math.floor(id), hi = (int) Math.ceil(id);
		double h = id - lo;
		return (1.0 - h) * s[lo] + h * s[hi];
	}

	/** Convolution with edge clamping, as DIALS {@code convolve}. */
	static double[] convolve(PanelImage image, double[] kernel, int ksz) {
		int w = image.width(), h = image.height(), mid = ksz / 2;
		double[] out = new double[w * h];
		for (int j = 0; j < h; j++) {
			for (int i = 0; i < w; i++) {
				double sum = 0.0;
				for (int jj = 0; jj < ksz; jj++) {
					int y = Math.min(Math.max(j + jj - mid, 0), h - 1);
					for (int ii = 0; ii < ksz; ii++) {
						int x = Math.min(Math.max(i + ii - mid, 0), w - 1);
						sum += image.get(y * w + x) * kernel[jj * ksz + ii];
					}
				}
				out[j * w + i] = sum;
			}
		}
		return out;
	}
}
