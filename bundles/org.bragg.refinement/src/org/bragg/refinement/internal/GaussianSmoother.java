package org.bragg.refinement.internal;

/**
 * Gaussian smoother of scan-varying parameters, as DIALS's {@code GaussianSmoother} (Waterman et al.
 * 2016, §3.2): a parameter is represented by values at n positions along the scan (n = 2 for one
 * interval, 3 for two, intervals + 2 otherwise, spaced one interval apart with a half-interval offset
 * when n ≥ 4); its value at x is the Gaussian-weighted mean of the values at the nearest
 * {@code naverage} (3) positions, with weights exp(−((z − zᵢ)/σ)²), z = (x − x₀)/spacing, σ = 0.65 +
 * 0.05·(naverage − 2). Immutable and thread-safe.
 */
public final class GaussianSmoother {
	private final double x0;
	private final double spacing;
	private final int nValues;
	private final int nAverage;
	private final double halfNAverage;
	private final double sigma;
	private final double[] positions;

	/**
	 * @param xStart start of the scan coordinate range (array frame number of the first image start)
	 * @param xEnd end of the range
	 * @param numIntervals number of intervals (≥ 1)
	 */
	public GaussianSmoother(double xStart, double xEnd, int numIntervals) {
		if (numIntervals < 1) throw new IllegalArgumentException("GaussianSmoother needs at least one interval");
		x0 = xStart;
		nValues = numIntervals == 1 ? 2 : numIntervals == 2 ? 3 : numIntervals + 2;
		spacing = (xEnd - xStart) / numIntervals;
		if (!(spacing > 0)) throw new IllegalArgumentException("GaussianSmoother: empty range " + xStart + ".." + xEnd);
		positions = new double[nValues];
		for (int i = 0; i < nValues; i++) positions[i] = nValues < 4 ? i : i - 0.5;
		nAverage = Math.min(3, nValues);
		halfNAverage = nAverage / 2.0;
		sigma = 0.65 + 0.05 * (nAverage - 2);
	}

	public int numValues() { return nValues; }
	public double spacing() { return spacing; }
	public double sigma() { return sigma; }
	public double[] positions() { return positions.clone(); }

	/** boost::math::iround: round half away from zero. */
	static int iround(double x) {
		return x >= 0 ? (int) Math.floor(x + 0.5) : -(int) Math.floor(-x + 0.5);
	}

	/**
	 * Weights of the values contributing at x (unnormalised) written into {@code w} (length numValues,
	 * zeros elsewhere).
	 *
	 * @return the sum of the weights
	 */
	public double weights(double x, double[] w) {
		java.util.Arrays.fill(w, 0);
		double z = (x - x0) / spacing;
		int i1, i2;
		if (nValues <= 3) {
			i1 = 0;
			i2 = nValues;
		} else {
			i1 = iround(z - halfNAverage) + 1;
			i2 = i1 + nAverage;
			if (i1 < 0) {
				i1 = 0;
				i2 = Math.max(2, i2);
			}
			if (i2 > nValues) {
				i2 = nValues;
				i1 = Math.min(i1, nValues - 2);
			}
		}
		double sum = 0;
		for (int i = i1; i < i2; i++) {
			double ds = (z - positions[i]) / sigma;
			w[i] = Math.exp(-ds * ds);
			sum += w[i];
		}
		return sum;
	}

	/** @return the smoothed value at x of parameter values v */
	public double value(double x, double[] v) {
		double[] w = new double[nValues];
		double s = weights(x, w);
		if (s <= 0) return 0;
		double sv = 0;
		for (int i = 0; i < nValues; i++) sv += w[i] * v[i];
		return sv / s;
	}
}
