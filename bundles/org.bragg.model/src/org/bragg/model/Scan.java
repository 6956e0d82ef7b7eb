package org.bragg.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * <p>{@link #validImageRanges()} maps an experiment identifier to the image ranges {first, last}
 * (inclusive) that are still valid for it after outlier rejection in scaling (dxtbx
 * {@code valid_image_ranges}); it is empty for a fresh scan. {@link #extras()} keeps any other dxtbx
 * scan keys (such as {@code properties}) verbatim as JSON-like values, so that files round-trip.
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
	private final Map<String, List<int[]>> validImageRanges;
	private final Map<String, Object> extras;

	/**
	 * @throws IllegalArgumentException if last &lt; first or the per-image arrays do not have one entry per image
	 */
	public Scan(int first, int last, double oscStartDeg, double oscWidthDeg, double[] exposureTimes, double[] epochs, int batchOffset) {
		this(first, last, oscStartDeg, oscWidthDeg, exposureTimes, epochs, batchOffset, Map.of(), Map.of());
	}

	/**
	 * @param validImageRanges experiment identifier → list of {first, last} image ranges (copied)
	 * @param extras other dxtbx scan keys, JSON-like values kept verbatim (null values allowed)
	 * @throws IllegalArgumentException if last &lt; first, the per-image arrays do not have one entry per
	 *         image, or a valid image range does not have 2 values
	 */
	public Scan(int first, int last, double oscStartDeg, double oscWidthDeg, double[] exposureTimes, double[] epochs, int batchOffset,
			Map<String, List<int[]>> validImageRanges, Map<String, Object> extras) {
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
		LinkedHashMap<String, List<int[]>> v = new LinkedHashMap<>();
		for (Map.Entry<String, List<int[]>> e : validImageRanges.entrySet()) {
			List<int[]> l = new ArrayList<>();
			for (int[] r : e.getValue()) {
				if (r.length != 2) throw new IllegalArgumentException("valid image range for '" + e.getKey() + "' needs 2 values");
				l.add(r.clone());
			}
			v.put(e.getKey(), Collections.unmodifiableList(l));
		}
		this.validImageRanges = Collections.unmodifiableMap(v);
		this.extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
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
	/** @return experiment identifier → valid image ranges {first, last} (inclusive); do not modify the arrays */
	public Map<String, List<int[]>> validImageRanges() { return validImageRanges; }
	/** @return other dxtbx scan keys (e.g. {@code properties}), JSON-like values, in file order */
	public Map<String, Object> extras() { return extras; }

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
		double[] e = Arrays.copyOfRange(exposureTimes, a - first, b - first + 1);
		double[] ep = Arrays.copyOfRange(epochs, a - first, b - first + 1);
		return new Scan(a, b, oscStart + (a - first) * oscWidth, oscWidth, e, ep, batchOffset, validImageRanges, extras);
	}

	public Scan withOscillation(double startDeg, double widthDeg) {
		return new Scan(first, last, startDeg, widthDeg, exposureTimes, epochs, batchOffset, validImageRanges, extras);
	}

	public Scan withBatchOffset(int off) {
		return new Scan(first, last, oscStart, oscWidth, exposureTimes, epochs, off, validImageRanges, extras);
	}

	public Scan withValidImageRanges(Map<String, List<int[]>> ranges) {
		return new Scan(first, last, oscStart, oscWidth, exposureTimes, epochs, batchOffset, ranges, extras);
	}

	public Scan withExtras(Map<String, Object> e) {
		return new Scan(first, last, oscStart, oscWidth, exposureTimes, epochs, batchOffset, validImageRanges, e);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof Scan s && s.first == first && s.last == last && s.oscStart == oscStart && s.oscWidth == oscWidth
				&& Arrays.equals(s.exposureTimes, exposureTimes) && Arrays.equals(s.epochs, epochs) && s.batchOffset == batchOffset
				&& rangesEqual(s.validImageRanges, validImageRanges);
	}

	private static boolean rangesEqual(Map<String, List<int[]>> a, Map<String, List<int[]>> b) {
		if (!a.keySet().equals(b.keySet())) return false;
		for (Map.Entry<String, List<int[]>> e : a.entrySet()) {
			List<int[]> x = e.getValue(), y = b.get(e.getKey());
			if (x.size() != y.size()) return false;
			for (int i = 0; i < x.size(); i++) if (!Arrays.equals(x.get(i), y.get(i))) return false;
		}
		return true;
	}

	@Override
	public int hashCode() { return first * 31 + last; }

	@Override
	public String toString() { return "Scan[images " + first + "-" + last + ", φ₀=" + oscStart + "°, Δφ=" + oscWidth + "°]"; }
}
