package org.bragg.spotfinding.internal;

/**
 * DIALS's ASCII plot of spots per image ({@code dials.util.ascii_art.spot_counts_per_image_plot}), as
 * printed by {@code dials.find_spots} under "Histogram of per-image spot count for imageset N". The
 * z values are jittered by ±0.25 (alternately) before binning into at most 60 columns of height 10,
 * exactly as DIALS does, so the picture is identical. Stateless.
 */
public final class AsciiHistogram {
	private AsciiHistogram() {}

	/**
	 * @param z centroid z (frames) of the spots. Not modified.
	 * @return the plot; {@code "\n"} for no spots, a one-line summary if all spots are on one image
	 */
	public static String spotCountsPerImage(double[] z) {
		return histogram(z, '*', 60, 10);
	}

	static String histogram(double[] zIn, char ch, int width, int height) {
		int n = zIn.length;
		if (n == 0) return "\n";
		double minZ = Double.POSITIVE_INFINITY, maxZ = Double.NEGATIVE_INFINITY;
		for (double v : zIn) {
			minZ = Math.min(minZ, v);
			maxZ = Math.max(maxZ, v);
		}
		double[] z = new double[n];
		for (int i = 0; i < n; i++) z[i] = zIn[i] + ((i % 2) / 2.0 - 0.25);
		long xmin = (long) Math.ceil(minZ), xmax = (long) Math.ceil(maxZ);
		long imageCount = xmax - xmin + 1;
		if (imageCount <= 1) return n + " spots found on 1 image";
		width = (int) Math.min(imageCount, width);
		double zStep = (maxZ - minZ) / width;
		double[] counts = new double[width];
		int seen = 0;
		double zBound = minZ;
		for (int i = 1; i < width; i++) {
			zBound = minZ + (i * zStep);
			int spots = 0;
			for (double v : z) if (v < zBound) spots++;
			counts[i - 1] = spots - seen;
			seen = spots;
		}
		int last = 0;
		for (double v : z) if (v >= zBound) last++;
		counts[width - 1] = last;
		double maxCount = 0, total = 0;
		for (double c : counts) {
			maxCount = Math.max(maxCount, c);
			total += c;
		}
		long[] scaled = new long[width];
		for (int i = 0; i < width; i++) scaled[i] = iround(counts[i] * (height / maxCount));
		StringBuilder sb = new StringBuilder();
		sb.append((long) total).append(" spots found on ").append(imageCount).append(" images (max ").append((long) maxCount).append(" / bin)");
		for (int i = height; i > 0; i--) {
			sb.append('\n');
			for (int j = 0; j < width; j++) sb.append(scaled[j] > (i - 1) ? ch : ' ');
		}
		String a = Long.toString(xmin), b = Long.toString(xmax);
		int padding = width - a.length() - b.length();
		sb.append('\n').append(a);
		if (padding > 0) sb.append(center(padding < 7 ? " " : "image", padding));
		sb.append(b);
		return sb.toString();
	}

	/** Python's {@code round}-half-away-from-zero {@code iround}. */
	private static long iround(double v) {
		return v < 0 ? -(long) Math.floor(-v + 0.5) : (long) Math.floor(v + 0.5);
	}

	/** Python {@code str.center(width)}. */
	static String center(String s, int width) {
		int marg = width - s.length();
		if (marg <= 0) return s;
		int left = marg / 2 + (marg & width & 1);
		int right = marg - left;
		return " ".repeat(left) + s + " ".repeat(right);
	}
}
