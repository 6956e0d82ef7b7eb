package org.bragg.format;

/**
 * The pixels of one panel of one image: a row-major array of nFast·nSlow values (slow index
 * outermost: pixel (x, y) at {@code y·nFast + x}), either integer counts ({@code int[]}, for counting
 * detectors) or floating-point values ({@code double[]}, for integrating detectors with pedestal
 * subtraction). Exactly one of {@link #ints()} and {@link #doubles()} is non-null. The arrays belong
 * to the caller.
 *
 * @since 0.1
 */
public record PanelData(int nFast, int nSlow, int[] ints, double[] doubles) {
	public PanelData {
		if ((ints == null) == (doubles == null)) throw new IllegalArgumentException("exactly one of ints and doubles must be given");
		int n = ints != null ? ints.length : doubles.length;
		if (n != nFast * nSlow) throw new IllegalArgumentException("panel data has " + n + " values for " + nFast + "×" + nSlow + " pixels");
	}

	public static PanelData ofInts(int nFast, int nSlow, int[] v) { return new PanelData(nFast, nSlow, v, null); }
	public static PanelData ofDoubles(int nFast, int nSlow, double[] v) { return new PanelData(nFast, nSlow, null, v); }

	public boolean isInteger() { return ints != null; }
	public int size() { return nFast * nSlow; }

	/** @return value at flat index i as a double */
	public double get(int i) { return ints != null ? ints[i] : doubles[i]; }

	/** @return the values as a new double array */
	public double[] toDoubles() {
		if (doubles != null) return doubles.clone();
		double[] d = new double[ints.length];
		for (int i = 0; i < d.length; i++) d[i] = ints[i];
		return d;
	}

	/** @return the sum of all values (for checks) */
	public double sum() {
		if (ints != null) {
			long s = 0;
			for (int v : ints) s += v;
			return s;
		}
		double s = 0;
		for (double v : doubles) s += v;
		return s;
	}
}
