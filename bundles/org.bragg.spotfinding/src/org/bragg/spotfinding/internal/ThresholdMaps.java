package org.bragg.spotfinding.internal;

/**
 * The intermediate images of a dispersion threshold, for display in the image viewer and for tests:
 * each array has one element per pixel, row-major with the slow index outermost.
 *
 * <ul>
 * <li>{@link #mean}, {@link #variance}, {@link #dispersion}: local mean, sample variance and index of
 * dispersion (variance/mean) in the kernel window (0 where undefined);</li>
 * <li>{@link #dispersionMask}: the σ<sub>b</sub> (background) test passed;</li>
 * <li>{@link #strongMask}: the σ<sub>s</sub> (strong value) test passed (for dispersion_extended: the
 * pixel is in the eroded dispersion region and above the local background mean test);</li>
 * <li>{@link #globalMask}: value &gt; global threshold;</li>
 * <li>{@link #backgroundMask}: dispersion_extended only, the pixels used for the second
 * (background) window;</li>
 * <li>{@link #backgroundMean}: dispersion_extended only, the mean of the background pixels in the
 * wider second window;</li>
 * <li>{@link #finalMask}: the strong pixels.</li>
 * </ul>
 * Plain data holder; not thread-safe.
 */
public final class ThresholdMaps {
	public final double[] mean;
	public final double[] variance;
	public final double[] dispersion;
	public final boolean[] dispersionMask;
	public final boolean[] strongMask;
	public final boolean[] globalMask;
	public final boolean[] backgroundMask;
	public final double[] backgroundMean;
	public final boolean[] finalMask;

	/** @param n number of pixels */
	public ThresholdMaps(int n) {
		mean = new double[n];
		variance = new double[n];
		dispersion = new double[n];
		dispersionMask = new boolean[n];
		strongMask = new boolean[n];
		globalMask = new boolean[n];
		backgroundMask = new boolean[n];
		backgroundMean = new double[n];
		finalMask = new boolean[n];
	}

	void clear(int k) {
		mean[k] = 0;
		variance[k] = 0;
		dispersion[k] = 0;
		dispersionMask[k] = false;
		strongMask[k] = false;
		globalMask[k] = false;
		backgroundMask[k] = false;
		backgroundMean[k] = 0;
		finalMask[k] = false;
	}
}
