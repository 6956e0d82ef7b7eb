package org.bragg.spotfinding.internal;

/**
 * {@code global_threshold=Auto}: DIALS's {@code estimate_global_threshold}. Counts the pixels above
 * g = ⌊1.5<sup>i</sup>⌋ for i = 1…19, finds the elbow of that curve (the point farthest from the chord
 * between the minimum-slope point and the last point, as the DISTL resolution method 1; Zhang et al.
 * 2006, J. Appl. Cryst. 39, 112) and returns the threshold two steps to its left. The mask is ignored
 * (as in DIALS). Stateless.
 */
public final class GlobalThreshold {
	private GlobalThreshold() {}

	/**
	 * @param image the image (all pixels are counted)
	 * @return the estimated global threshold
	 */
	public static int estimate(PanelImage image) {
		int n = 19;
		double[] x = new double[n], y = new double[n];
		int size = image.size();
		for (int i = 1; i <= n; i++) {
			int g = (int) Math.pow(1.5, i);
			long count = 0;
			for (int k = 0; k < size; k++) if (image.get(k) > g) count++;
			x[i - 1] = g;
			y[i - 1] = count;
		}
		int pm = 0;
		double best = Double.POSITIVE_INFINITY;
		for (int i = 0; i < n - 1; i++) {
			double s = (y[n - 1] - y[i]) / (x[n - 1] - x[i]);
			if (s < best) {
				best = s;
				pm = i;
			}
		}
		double vx = y[n - 1] - y[pm], vy = -(x[n - 1] - x[pm]);
		double len = Math.sqrt(vx * vx + vy * vy);
		vx /= len;
		vy /= len;
		int pg = 0;
		double gap = Double.NEGATIVE_INFINITY;
		for (int i = pm; i < n; i++) {
			double rx = x[pm] - x[i], ry = y[pm] - y[i];
			double g = Math.abs(vx * rx + vy * ry);
			if (g > gap) {
				gap = g;
				pg = i - pm;
			}
		}
		int idx = pg + pm - 2;
		if (idx < 0) idx += n; // Python negative indexing, as DIALS
		return (int) x[idx];
	}
}
