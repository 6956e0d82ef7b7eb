package org.bragg.scaling.internal;

import java.util.Arrays;

/**
 * The 1D Gaussian smoother of DIALS's smooth scale components ({@code SmoothScaleComponent1D}, after
 * Waterman et al. 2016, Acta Cryst. D72, 558–575): n values on a normalised coordinate with unit spacing,
 * at positions 0, 1(, 2) for n ≤ 3 and −½, ½, …, n − 2.5 for n ≥ 4 (n − 2 intervals from 0); the value at
 * x is the Gaussian-weighted mean of the nearest min(3, n) values, weights exp(−((x − xᵢ)/σ)²),
 * σ = 0.65 + 0.05·(min(3, n) − 2).
 *
 * <p>Immutable and thread-safe.
 */
public final class Smoother1D {
	private final int nValues, nAverage;
	private final double halfNAverage, sigma;
	private final double[] positions;

	/** @param nValues number of parameters (≥ 2) */
	public Smoother1D(int nValues) {
		if (nValues < 2) throw new IllegalArgumentException("a smoother needs at least 2 parameters, got " + nValues);
		this.nValues = nValues;
		positions = new double[nValues];
		for (int i = 0; i < nValues; i++) positions[i] = nValues < 4 ? i : i - 0.5;
		nAverage = Math.min(3, nValues);
		halfNAverage = nAverage / 2.0;
		sigma = 0.65 + 0.05 * (nAverage - 2);
	}

	/** Number of intervals covered by the normalised coordinate: n − 1 for n ≤ 3, else n − 2. */
	public static int numIntervals(int nValues) { return nValues <= 3 ? nValues - 1 : nValues - 2; }

	/** Parameter positions on the normalised coordinate. */
	public double[] positions() { return positions.clone(); }

	/** Unnormalised weights at x into {@code w} (length n, zeros outside the averaging window); returns their sum. */
	public double weights(double x, double[] w) {
		Arrays.fill(w, 0, nValues, 0);
		int i1, i2;
		if (nValues <= 3) { i1 = 0; i2 = nValues; }
		else {
			double u = x - halfNAverage;
			i1 = (u >= 0 ? (int) Math.floor(u + 0.5) : -(int) Math.floor(-u + 0.5)) + 1;
			i2 = i1 + nAverage;
			if (i1 < 0) { i1 = 0; i2 = Math.max(2, i2); }
			if (i2 > nValues) { i2 = nValues; i1 = Math.min(i1, nValues - 2); }
		}
		double sum = 0;
		for (int i = i1; i < i2; i++) {
			double ds = (x - positions[i]) / sigma;
			w[i] = Math.exp(-ds * ds);
			sum += w[i];
		}
		return sum;
	}

	/** Smoothed value of {@code values} at x. */
	public double value(double x, double[] values) {
		double[] w = new double[nValues];
		double s = weights(x, w), v = 0;
		for (int i = 0; i < nValues; i++) v += w[i] * values[i];
		return s > 0 ? v / s : 0;
	}
}
