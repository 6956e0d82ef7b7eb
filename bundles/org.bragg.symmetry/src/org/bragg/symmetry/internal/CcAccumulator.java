package org.bragg.symmetry.internal;

/**
 * Single-pass Pearson correlation coefficient that can be merged with others, as DIALS
 * {@code CorrelationCoefficientAccumulator}. Not thread-safe.
 *
 * @since 0.1
 */
public final class CcAccumulator {
	private long n;
	private double sx, sy, sxy, sxx, syy;

	/** Adds one pair. */
	public void add(double x, double y) {
		n++;
		sx += x;
		sy += y;
		sxy += x * y;
		sxx += x * x;
		syy += y * y;
	}

	/** Adds all pairs of another accumulator. */
	public void add(CcAccumulator o) {
		n += o.n;
		sx += o.sx;
		sy += o.sy;
		sxy += o.sxy;
		sxx += o.sxx;
		syy += o.syy;
	}

	/** Number of pairs. */
	public long n() { return n; }

	/** The coefficient, 0 with no pairs (NaN-free: 0 if a variance is zero). */
	public double coefficient() {
		if (n == 0) return 0;
		double num = n * sxy - sx * sy;
		double den = Math.sqrt(Math.max(0, n * sxx - sx * sx)) * Math.sqrt(Math.max(0, n * syy - sy * sy));
		return den > 0 ? num / den : 0;
	}

	/** CC of two arrays (same length). */
	public static double cc(double[] x, double[] y, int n) {
		CcAccumulator a = new CcAccumulator();
		for (int i = 0; i < n; i++) a.add(x[i], y[i]);
		return a.coefficient();
	}
}
