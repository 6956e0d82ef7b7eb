package org.bragg.model;

/**
 * A rotation scan, as dxtbx's {@code Scan}.
 *
 * <p>Images are numbered from {@code imageRange[0]} to {@code imageRange[1]} inclusive (1-based, as
 * in DIALS). Image i covers rotation angles φ₀ + (i − first)·Δφ … φ₀ + (i − first + 1)·Δφ, with
 * {@link #oscillation()} = {φ₀, Δφ} in <strong>degrees</strong>. Array frame coordinates z (as in
 * {@code xyzobs.px.value}) run from {@code first − 1} at φ₀ (frame 0 is the start of the first image
 * of a scan starting at image 1). Exposure times in seconds and epochs in seconds since 1970, one
 * per image.
 *
 * @since 0.1
 */
public final class Scan {
	private final int first;
	private final int last;
	private final double oscStart;
	private final double oscWidth;
	private final double[] exposureTimes;
	private final double[] epochs;
	private final int batchOffset;

	/**
	 * @throws IllegalArgumentException if last &lt; first or the per-image arrays do not have one entry per image
	 */
	public Scan(int first, int last, double oscStartDeg, double oscWidthDeg, double[] exposureTimes, double[] epochs, int batchOffset) {
		if (last < first) throw new IllegalArgumentException("scan image_range " + first + "," + last + " is empty");
		int n = last - first + 1;
		if (exposureTimes.length != n || epochs.length != n)
			throw new IllegalArgumentException("scan has " + n + " images but " + exposureTimes.length + " exposure times and " + epochs.length + " epochs");
		this.first = first;
		this.last = last;
		this.oscStart = oscStartDeg;
		this.oscWidth = oscWidthDeg;
		this.exposureTimes = exposureTimes.clone();
		this.epochs = epochs.clone();
		this.batchOffset = batchOffset;
	}

	/** @return {first, last} image numbers (inclusive) */
	public int[] imageRange() { return new int[] { first, last }; }
	public int firstImage() { return first; }
	public int lastImage() { return last; }
	public int numImages() { return last - first + 1; }
	/** @return {φ₀, Δφ} in degrees */
	public double[] oscillation() { return new double[] { oscStart, oscWidth }; }
	public double oscillationStart() { return oscStart; }
	public double oscillationWidth() { return oscWidth; }
	public double[] exposureTimes() { return exposureTimes.clone(); }
	public double[] epochs() { return epochs.clone(); }
	public int batchOffset() { return batchOffset; }

	/** @return {φ_start, φ_end} of the whole scan in degrees */
	public double[] oscillationRange() { return new double[] { oscStart, oscStart + numImages() * oscWidth }; }

	/** @return φ in degrees at array frame coordinate z (z = first − 1 at φ₀) */
	public double angleFromArrayIndex(double z) { return oscStart + (z - (first - 1)) * oscWidth; }

	/** @return array frame coordinate z at φ degrees */
	public double arrayIndexFromAngle(double phiDeg) { return (first - 1) + (phiDeg - oscStart) / oscWidth; }

	/** @return the image number (1-based) whose range contains frame coordinate z */
	public int imageFromArrayIndex(double z) { return (int) Math.floor(z) + 1; }

	/** @return true if this is a still (zero oscillation width) */
	public boolean isStill() { return oscWidth == 0; }

	/** Copy restricted to images a..b (inclusive, within this scan). @throws IllegalArgumentException if outside */
	public Scan slice(int a, int b) {
		if (a < first || b > last || b < a) throw new IllegalArgumentException("image_range " + a + "," + b + " is outside the scan " + first + "," + last);
		double[] e = java.util.Arrays.copyOfRange(exposureTimes, a - first, b - first + 1);
		double[] ep = java.util.Arrays.copyOfRange(epochs, a - first, b - first + 1);
		return new Scan(a, b, oscStart + (a - first) * oscWidth, oscWidth, e, ep, batchOffset);
	}

	public Scan withOscillation(double startDeg, double widthDeg) {
		return new Scan(first, last, startDeg, widthDeg, exposureTimes, epochs, batchOffset);
	}

	public Scan withBatchOffset(int off) { return new Scan(first, last, oscStart, oscWidth, exposureTimes, epochs, off); }

	@Override
	public boolean equals(Object o) {
		return o instanceof Scan s && s.first == first && s.last == last && s.oscStart == oscStart && s.oscWidth == oscWidth
				&& java.util.Arrays.equals(s.exposureTimes, exposureTimes) && java.util.Arrays.equals(s.epochs, epochs) && s.batchOffset == batchOffset;
	}

	@Override
	public int hashCode() { return first * 31 + last; }

	@Override
	public String toString() { return "Scan[images " + first + "-" + last + ", φ₀=" + oscStart + "°, Δφ=" + oscWidth + "°]"; }
}
