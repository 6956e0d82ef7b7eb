package org.bragg.spotfinding.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * DIALS's expert {@code filter.spot_density}: bins spot centroids (x, y) in a 50×50 histogram, builds
 * the histogram of those bin counts (at most 30 slots), finds where its normalised cumulative curve
 * flattens (two consecutive gradients below 0.002) and removes the spots of every 2D bin whose count
 * exceeds that cut-off (spots strictly inside the bin's edges, as DIALS). Intended to suppress spots
 * on dense streaks such as ice rings or powder. Stateless.
 */
final class SpotDensityFilter {
	private SpotDensityFilter() {}

	static List<SpotBuilder.Spot> apply(List<SpotBuilder.Spot> spots) {
		int n = spots.size();
		if (n == 0) return spots;
		int nbins = 50;
		double[] x = new double[n], y = new double[n];
		for (int i = 0; i < n; i++) {
			x[i] = spots.get(i).xyz()[0];
			y[i] = spots.get(i).xyz()[1];
		}
		double[] xe = edges(x, nbins), ye = edges(y, nbins);
		double[] h = new double[nbins * nbins];
		for (int i = 0; i < n; i++) h[bin(xe, x[i]) * nbins + bin(ye, y[i])]++;
		double hmin = Double.POSITIVE_INFINITY, hmax = Double.NEGATIVE_INFINITY;
		for (double v : h) {
			hmin = Math.min(hmin, v);
			hmax = Math.max(hmax, v);
		}
		int nSlots = Math.min((int) hmax, 30);
		if (nSlots <= 0) return spots;
		double width = (hmax - hmin) / nSlots;
		long[] slots = new long[nSlots];
		for (double v : h) {
			int s = 0;
			double d = v - hmin;
			if (d != 0 && d >= width) {
				s = (int) (d / width);
				if (s >= nSlots) s = nSlots - 1;
			}
			slots[s]++;
		}
		double[] cum = new double[nSlots];
		for (int i = 0; i < nSlots; i++) cum[i] = slots[i] + (i > 0 ? cum[i - 1] : 0);
		double cmax = 0;
		for (double c : cum) cmax = Math.max(cmax, c);
		for (int i = 0; i < nSlots; i++) cum[i] /= cmax;
		double[] centers = new double[nSlots];
		double low = hmin;
		for (int i = 0; i < nSlots; i++) {
			double high = low + width;
			centers[i] = (high + low) / 2;
			low = high;
		}
		Double cutoff = null;
		double[] grad = new double[Math.max(0, nSlots - 1)];
		for (int i = 0; i < nSlots - 1; i++) {
			grad[i] = (cum[i + 1] - cum[i]) / width;
			if (cutoff == null && i > 0 && grad[i] < 0.002 && grad[i - 1] < 0.002) cutoff = centers[i - 1] - 0.5 * width;
		}
		if (cutoff == null) return spots; // DIALS fails here (comparison with None); keep all spots
		boolean[] drop = new boolean[n];
		for (int ix = 0; ix < nbins; ix++) {
			for (int iy = 0; iy < nbins; iy++) {
				if (!(h[ix * nbins + iy] > cutoff)) continue;
				for (int i = 0; i < n; i++) {
					if (x[i] > xe[ix] && x[i] < xe[ix + 1] && y[i] > ye[iy] && y[i] < ye[iy + 1]) drop[i] = true;
				}
			}
		}
		List<SpotBuilder.Spot> out = new ArrayList<>();
		for (int i = 0; i < n; i++) if (!drop[i]) out.add(spots.get(i));
		return out;
	}

	/** numpy {@code linspace(min, max, n+1)} (range widened by ±0.5 if empty). */
	private static double[] edges(double[] v, int nbins) {
		double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
		for (double d : v) {
			lo = Math.min(lo, d);
			hi = Math.max(hi, d);
		}
		if (lo == hi) {
			lo -= 0.5;
			hi += 0.5;
		}
		double[] e = new double[nbins + 1];
		double step = (hi - lo) / nbins;
		for (int i = 0; i <= nbins; i++) e[i] = lo + i * step;
		e[nbins] = hi;
		return e;
	}

	/** numpy histogram bin: edges[i] ≤ v &lt; edges[i+1], the last bin closed. */
	private static int bin(double[] e, double v) {
		int nb = e.length - 1;
		if (v == e[nb]) return nb - 1;
		int lo = 0, hi = e.length; // count edges <= v
		while (lo < hi) {
			int mid = (lo + hi) >>> 1;
			if (e[mid] <= v) lo = mid + 1;
			else hi = mid;
		}
		return Math.min(Math.max(lo - 1, 0), nb - 1);
	}
}
