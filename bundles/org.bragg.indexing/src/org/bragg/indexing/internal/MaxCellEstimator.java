package org.bragg.indexing.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import org.bragg.indexing.IndexingFailedException;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.model.symmetry.UnitCell;

/**
 * Estimates the largest primitive cell dimension from nearest-neighbour distances between
 * reciprocal lattice points, as DIALS {@code find_max_cell} / {@code NeighborAnalysis}.
 *
 * <p>Spots at hexagonal-ice ring resolutions (±0.002 Å⁻² in d*²) and spots whose bounding boxes
 * overlap are dropped first. The scan is split into {@code step_size} blocks of φ and into
 * entering/exiting spots; inside each block, the nearest-neighbour distance |Δr| of every rlp
 * gives a direct-space distance 1/|Δr|. Distances ≤ 1 Å and the longest 1 % are dropped; the rest
 * are histogrammed (log10 or linear bins, about {@code nn_per_bin} per bin, frequency per unit
 * width). The estimate is {@code multiplier} × the upper edge of the last bin whose frequency
 * exceeds {@code max_height_fraction} × the highest; or, with a percentile p,
 * {@code multiplier} × the distance at that percentile.
 */
public final class MaxCellEstimator {
	private MaxCellEstimator() {}

	/** Settings of the estimate (the DIALS {@code max_cell_estimation} scope). */
	public record Settings(boolean filterIce, boolean filterOverlaps, int overlapsBorder, double multiplier, double stepSizeDeg,
			double percentile, boolean logBinning, int nnPerBin, double maxHeightFraction) {
		/** DIALS defaults (percentile NaN = not used). */
		public static Settings defaults() { return new Settings(true, true, 0, 1.3, 45, Double.NaN, true, 5, 0.25); }
	}

	/** The estimate and what went into it. */
	public record Estimate(double maxCell, int nUsed, int nIce, int nOverlaps) {}

	/**
	 * @param table needs {@code rlp}, {@code xyzobs.mm.value}; uses {@code entering}, {@code imageset_id},
	 *        {@code bbox} and {@code panel} when present
	 * @throws IndexingFailedException if too few spots remain
	 */
	public static Estimate estimate(ReflectionTable table, Settings s) throws IndexingFailedException {
		int n = table.size();
		double[] rlp = table.get(Columns.RLP);
		boolean[] keep = new boolean[n];
		Arrays.fill(keep, true);
		int nIce = 0, nOverlap = 0;
		if (s.filterIce() && n > 0) {
			boolean[] ice = iceRingSelection(rlp, 0.004);
			for (int i = 0; i < n; i++) if (ice[i]) { keep[i] = false; nIce++; }
		}
		if (s.filterOverlaps() && table.has(Columns.BBOX) && table.has(Columns.PANEL)) {
			boolean[] ov = overlapSelection(table, s.overlapsBorder());
			for (int i = 0; i < n; i++) if (ov[i] && keep[i]) { keep[i] = false; nOverlap++; }
		}
		int m = 0;
		for (boolean b : keep) if (b) m++;
		if (m == 0) throw new IndexingFailedException("too few spots remaining for nearest neighbour analysis (0 of " + n
				+ " after removing " + nIce + " at ice-ring resolution and " + nOverlap + " with overlapping bounding boxes); set max_cell= explicitly");
		double[] mm = table.get(Columns.XYZOBS_MM_VALUE);
		boolean[] entering = table.has(Columns.ENTERING) ? table.get(Columns.ENTERING) : null;
		int[] iset = table.has(Columns.IMAGESET_ID) ? table.get(Columns.IMAGESET_ID) : new int[n];
		int maxSet = 0;
		for (int i = 0; i < n; i++) if (keep[i]) maxSet = Math.max(maxSet, iset[i]);

		double[] direct = new double[m];
		int nd = 0;
		for (int is = 0; is <= maxSet; is++) {
			double phiMin = Double.POSITIVE_INFINITY, phiMax = Double.NEGATIVE_INFINITY;
			int count = 0;
			for (int i = 0; i < n; i++) {
				if (!keep[i] || iset[i] != is) continue;
				double p = Math.toDegrees(mm[3 * i + 2]);
				phiMin = Math.min(phiMin, p);
				phiMax = Math.max(phiMax, p);
				count++;
			}
			if (count == 0) continue;
			int nSteps = Math.max((int) Math.ceil((phiMax - phiMin) / s.stepSizeDeg()), 1);
			for (int step = 0; step < nSteps; step++) {
				double lo = phiMin + step * s.stepSizeDeg(), hi = phiMin + (step + 1) * s.stepSizeDeg();
				for (int ent = 1; ent >= 0; ent--) {
					List<Integer> sel = new ArrayList<>();
					for (int i = 0; i < n; i++) {
						if (!keep[i] || iset[i] != is) continue;
						double p = Math.toDegrees(mm[3 * i + 2]);
						if (p < lo || p >= hi) continue;
						boolean e = entering == null || entering[i];
						if (e != (ent == 1)) continue;
						sel.add(i);
					}
					if (sel.isEmpty()) continue;
					double[] pts = new double[3 * sel.size()];
					for (int j = 0; j < sel.size(); j++) System.arraycopy(rlp, 3 * sel.get(j), pts, 3 * j, 3);
					KdTree tree = new KdTree(pts, 3);
					int[] nn = new int[1];
					double[] d2 = new double[1];
					for (int j = 0; j < sel.size(); j++) {
						tree.nearestOfPoint(j, 1, nn, d2);
						direct[nd++] = 1 / Math.sqrt(d2[0]); // +inf for a lone point, as ANN gives
					}
				}
			}
		}
		if (nd <= 10) throw new IndexingFailedException("too few spots (" + nd + ") for nearest neighbour analysis to estimate max_cell; set max_cell= explicitly");
		double[] d = Arrays.copyOf(direct, nd);
		Arrays.sort(d);
		int start = 0;
		while (start < d.length && !(d[start] > 1)) start++;
		d = Arrays.copyOfRange(d, start, d.length);
		boolean usePercentile = !Double.isNaN(s.percentile());
		if (!usePercentile) d = Arrays.copyOf(d, (int) Math.floor(0.99 * d.length));
		// non-finite distances (isolated points) would break the histogram range
		int fin = d.length;
		while (fin > 0 && !Double.isFinite(d[fin - 1])) fin--;
		d = Arrays.copyOf(d, fin);
		if (d.length < 2) throw new IndexingFailedException("too few spots (" + d.length + ") for nearest neighbour analysis to estimate max_cell; set max_cell= explicitly");
		if (usePercentile) {
			// sorted descending, element int((1 - p) n)
			int k = (int) ((1 - s.percentile()) * d.length);
			k = Math.min(Math.max(k, 0), d.length - 1);
			return new Estimate(s.multiplier() * d[d.length - 1 - k], d.length, nIce, nOverlap);
		}
		int nSlots = Math.max(1, d.length / s.nnPerBin());
		double[] v = new double[d.length];
		for (int i = 0; i < d.length; i++) v[i] = s.logBinning() ? Math.log10(d[i]) : d[i];
		double vMin = v[0], vMax = v[v.length - 1];
		double width = (vMax - vMin) / nSlots;
		long[] counts = new long[nSlots];
		for (double x : v) {
			int slot = width > 0 ? (int) ((x - vMin) / width) : 0;
			if (slot >= nSlots) slot = nSlots - 1;
			if (slot < 0) slot = 0;
			counts[slot]++;
		}
		double[] slotEnd = new double[nSlots];
		double[] freq = new double[nSlots];
		double highest = 0;
		for (int i = 0; i < nSlots; i++) {
			double c = vMin + (i + 0.5) * width;
			double lo, hi;
			if (s.logBinning()) {
				lo = Math.pow(10, c - 0.5 * width);
				hi = Math.pow(10, c + 0.5 * width);
			} else {
				lo = c - 0.5 * width;
				hi = c + 0.5 * width;
			}
			slotEnd[i] = hi;
			double w = hi - lo;
			freq[i] = w > 0 ? counts[i] / w : counts[i];
			highest = Math.max(highest, freq[i]);
		}
		int last = 0;
		for (int i = 0; i < nSlots; i++) if (freq[i] > s.maxHeightFraction() * highest) last = i;
		return new Estimate(s.multiplier() * slotEnd[last], d.length, nIce, nOverlap);
	}

	/**
	 * Spots within ±width/2 (Å⁻²) in d*² of a hexagonal ice (P6₃/mmc, a = 4.498, c = 7.338 Å) powder
	 * ring, as DIALS {@code ice_rings_selection}.
	 */
	public static boolean[] iceRingSelection(double[] rlp, double width) {
		int n = rlp.length / 3;
		boolean[] out = new boolean[n];
		if (n == 0) return out;
		double maxDs2 = 0;
		for (int i = 0; i < n; i++) maxDs2 = Math.max(maxDs2, rlp[3 * i] * rlp[3 * i] + rlp[3 * i + 1] * rlp[3 * i + 1] + rlp[3 * i + 2] * rlp[3 * i + 2]);
		double half = width / 2;
		double[] rings = iceRings(maxDs2 + half);
		for (int i = 0; i < n; i++) {
			double ds2 = rlp[3 * i] * rlp[3 * i] + rlp[3 * i + 1] * rlp[3 * i + 1] + rlp[3 * i + 2] * rlp[3 * i + 2];
			int k = Arrays.binarySearch(rings, ds2);
			if (k < 0) k = -k - 1;
			boolean hit = false;
			if (k < rings.length && Math.abs(rings[k] - ds2) < half) hit = true;
			if (k > 0 && Math.abs(rings[k - 1] - ds2) < half) hit = true;
			out[i] = hit;
		}
		return out;
	}

	private static double[] iceRings(double maxDs2) {
		UnitCell cell = UnitCell.of(4.498, 4.498, 7.338, 90, 90, 120);
		SpaceGroup sg = SpaceGroup.fromNumber(194);
		int hMax = (int) Math.ceil(Math.sqrt(maxDs2) * 4.498) + 1, lMax = (int) Math.ceil(Math.sqrt(maxDs2) * 7.338) + 1;
		TreeSet<Double> set = new TreeSet<>();
		for (int h = -hMax; h <= hMax; h++)
			for (int k = -hMax; k <= hMax; k++)
				for (int l = -lMax; l <= lMax; l++) {
					if (h == 0 && k == 0 && l == 0) continue;
					double ds2 = cell.dStarSq(h, k, l);
					if (ds2 > maxDs2) continue;
					if (sg.isSysAbsent(h, k, l)) continue;
					set.add(ds2);
				}
		double[] r = new double[set.size()];
		int i = 0;
		for (double x : set) r[i++] = x;
		return r;
	}

	/**
	 * Rows whose bounding boxes (grown by {@code border}) overlap another row's on the same imageset
	 * and panel, as DIALS {@code reflection_table.find_overlaps}.
	 */
	public static boolean[] overlapSelection(ReflectionTable table, int border) {
		int n = table.size();
		int[] bbox = table.get(Columns.BBOX);
		long[] panel = table.get(Columns.PANEL);
		int[] group = table.has(Columns.IMAGESET_ID) ? table.get(Columns.IMAGESET_ID) : table.has(Columns.ID) ? table.get(Columns.ID) : new int[n];
		Integer[] order = new Integer[n];
		for (int i = 0; i < n; i++) order[i] = i;
		Arrays.sort(order, (a, b) -> {
			if (group[a] != group[b]) return Integer.compare(group[a], group[b]);
			if (panel[a] != panel[b]) return Long.compare(panel[a], panel[b]);
			return Integer.compare(bbox[6 * a] - border, bbox[6 * b] - border);
		});
		boolean[] out = new boolean[n];
		List<Integer> active = new ArrayList<>();
		int curG = Integer.MIN_VALUE;
		long curP = Long.MIN_VALUE;
		for (int oi = 0; oi < n; oi++) {
			int i = order[oi];
			if (group[i] != curG || panel[i] != curP) {
				active.clear();
				curG = group[i];
				curP = panel[i];
			}
			int x0 = bbox[6 * i] - border;
			active.removeIf(j -> bbox[6 * j + 1] + border <= x0);
			for (int j : active) {
				if (bbox[6 * i + 2] - border < bbox[6 * j + 3] + border && bbox[6 * j + 2] - border < bbox[6 * i + 3] + border
						&& bbox[6 * i + 4] - border < bbox[6 * j + 5] + border && bbox[6 * j + 4] - border < bbox[6 * i + 5] + border) {
					out[i] = true;
					out[j] = true;
				}
			}
			active.add(i);
		}
		return out;
	}
}
